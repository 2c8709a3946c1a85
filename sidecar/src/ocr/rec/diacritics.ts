/**
 * Accents the recogniser has no class for. PP-OCRv4's keys hold é è à ü and a few more, but no ñ,
 * ç, ê, ô, ö, ã: "Peña" comes out as "Pena", "Lefèvre" as "Lefevre" (the model gives è no odds
 * either), and it writes í as i where a name is also spelt without it ("Díaz" as "Diaz", "Sofía"
 * as "Sofia"). Word repair restores dictionary words, not names. Here a lower-case base letter the
 * recogniser wrote is checked for a separate mark of ink above it (below, for a cedilla), and the
 * mark's shape (two dots, a slope up or down, a hat, a wave) gives the accented letter; two dots
 * too faint or too close to be blobs of their own are found in the columns over the letter. The engine
 * keeps the line as read beside the accented reading, and word repair, which knows the page's
 * language, takes the accents that language writes (withLanguageAccents). Pure.
 */
import { charCentre, type DecodedChar } from './ctc';
import { inkComponents, letterBody, RUN_INK as INK, upperMedian as median, type InkComponent } from './ink';

/** The mark's name → the base letters it goes on and what they become. */
const COMPOSED: Record<string, Record<string, string>> = {
	acute: { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' },
	grave: { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' },
	circumflex: { a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û' },
	diaeresis: { a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü' },
	tilde: { a: 'ã', o: 'õ', n: 'ñ' },
	cedilla: { c: 'ç' },
};
// An i's own dot is a round blob: no slope, one part, not wide, so it reads as no mark (0 of 6,213
// plain i in six fonts, three resolutions and two scan degradations came back accented).
const BASES = /^[aeioucn]$/;

/**
 * The accented letters each language writes. A mark is only read into a page in one of these
 * languages: on English pages and receipts a blob over a vowel is a speck or a neighbour's stroke.
 */
export const LANGUAGE_ACCENTS: Record<string, RegExp> = {
	es: /[áéíóúñü]/,
	fr: /[àâäéèêëîïôöùûüç]/,
	de: /[äöü]/,
	it: /[àèéìíòóù]/,
	pt: /[áàâãéêíóôõúüç]/,
};

/** `text` with the accented letters of `accented` (same length) the language writes. */
export function withLanguageAccents(text: string, accented: string, lang: string | null): string {
	const allowed = lang ? LANGUAGE_ACCENTS[lang] : undefined;
	if (!allowed || accented === text || accented.length !== text.length) return text;
	// Only over the letter as it stands (a look-alike repair may have made an o between digits a 0).
	const over = (k: number, ch: string) => accented[k]!.normalize('NFD')[0] === ch;
	return [...text].map((ch, k) => (accented[k] !== ch && allowed.test(accented[k]!) && over(k, ch) ? accented[k]! : ch)).join('');
}

export type Accent = 'acute' | 'grave' | 'circumflex' | 'diaeresis' | 'tilde';

/** The shape of a mark's ink over [x0, x1] × [top, bottom]. */
export function accentShape(dark: Float32Array, width: number, x0: number, x1: number, top: number, bottom: number): Accent | null {
	const cols: number[] = [];
	let sw = 0;
	let sx = 0;
	let sy = 0;
	for (let x = x0; x <= x1; x++) {
		let col = 0;
		for (let y = top; y <= bottom; y++) {
			const d = dark[y * width + x]!;
			if (d < INK) continue;
			col += d;
			sw += d;
			sx += d * x;
			sy += d * y;
		}
		cols.push(col);
	}
	if (sw === 0) return null;
	const first = cols.findIndex((c) => c > 0);
	const last = cols.length - 1 - [...cols].reverse().findIndex((c) => c > 0);
	// Two dots: ink, a blank column, ink.
	let parts = 0;
	for (let k = first; k <= last; k++) if (cols[k]! > 0 && (k === first || cols[k - 1] === 0)) parts++;
	if (parts === 2) return 'diaeresis';
	if (parts > 2) return null;
	const mx = sx / sw;
	const my = sy / sw;
	const w = last - first + 1;
	const h = bottom - top + 1;
	// Mean height of the ink in a range of columns (relative to the mark's own).
	const meanY = (from: number, to: number) => {
		let m = 0;
		let s = 0;
		for (let x = x0 + from; x <= x0 + to; x++) {
			for (let y = top; y <= bottom; y++) {
				const d = dark[y * width + x]!;
				if (d >= INK) {
					m += d * y;
					s += d;
				}
			}
		}
		return s > 0 ? m / s : my;
	};
	if (w >= 1.4 * h) {
		const q = Math.max(1, Math.round(w / 4));
		const yl = meanY(first, first + q - 1);
		const yr = meanY(last - q + 1, last);
		const ym = meanY(first + q, last - q);
		// A hat's middle stands above both its ends; a wave's does not.
		return ym < Math.min(yl, yr) - 0.1 * h && Math.abs(yl - yr) < 0.3 * h ? 'circumflex' : 'tilde';
	}
	let cov = 0;
	let varX = 0;
	for (let x = x0; x <= x1; x++) {
		for (let y = top; y <= bottom; y++) {
			const d = dark[y * width + x]!;
			if (d < INK) continue;
			cov += d * (x - mx) * (y - my);
			varX += d * (x - mx) ** 2;
		}
	}
	if (varX === 0) return null;
	const slope = cov / varX;
	// Rows grow downwards: an acute rises to the right (negative slope), a grave falls.
	return slope < -0.3 ? 'acute' : slope > 0.3 ? 'grave' : null;
}

/** The mark on top of a letter it has run into: the rows above the thinnest row near the x-height. */
function mergedMark(dark: Float32Array, width: number, body: InkComponent, xTop: number, xHeight: number): Accent | null {
	const inkIn = (y: number) => {
		let n = 0;
		for (let x = body.x0; x <= body.x1; x++) if (dark[y * width + x]! >= INK) n++;
		return n;
	};
	let neck = -1;
	for (let y = body.y0 + 1; y <= xTop + 1; y++) if (neck < 0 || inkIn(y) < inkIn(neck)) neck = y;
	if (neck - body.y0 < 0.12 * xHeight) return null;
	let x0 = body.x1;
	let x1 = body.x0;
	for (let y = body.y0; y < neck; y++) {
		for (let x = body.x0; x <= body.x1; x++) {
			if (dark[y * width + x]! >= INK) {
				x0 = Math.min(x0, x);
				x1 = Math.max(x1, x);
			}
		}
	}
	return x1 >= x0 ? accentShape(dark, width, x0, x1, body.y0, neck - 1) : null;
}

/**
 * The decoded characters with accents read from the ink over (or under) their base letters.
 * @param stepPx width of one time step in crop pixels
 */
export function withInkAccents(chars: readonly DecodedChar[], dark: Float32Array, width: number, height: number, stepPx: number): DecodedChar[] {
	if (!chars.some((c) => BASES.test(c.char))) return [...chars];
	const blobs = inkComponents(dark, width, height);
	const centre = (c: DecodedChar) => charCentre(c, stepPx);
	const centres = chars.filter((c) => c.char !== ' ').map(centre);
	const alone = (b: InkComponent) => centres.filter((x) => x >= b.x0 && x <= b.x1).length <= 1;
	// x-height from the letters without ascenders or descenders: the tallest blob under each.
	const xs = chars.flatMap((c) => {
		if (!/^[acemnorsuvwxz]$/.test(c.char)) return [];
		const b = letterBody(blobs, centre(c), 0.5 * stepPx, centres);
		return b ? [b] : [];
	});
	if (xs.length < 2) return [...chars];
	// Measured locally, from the five nearest such letters: a line cropped a little askew climbs or
	// falls a few pixels from end to end.
	// `except`: a letter whose mark has run into it measures the band by its neighbours only.
	const bandAt = (x: number, except?: InkComponent) => {
		const near = xs.filter((b) => b !== except).sort((a, b) => Math.abs((a.x0 + a.x1) / 2 - x) - Math.abs((b.x0 + b.x1) / 2 - x)).slice(0, 5);
		const xTop = median(near.map((b) => b.y0));
		const base = median(near.map((b) => b.y1));
		return { xTop, base, xHeight: base - xTop + 1 };
	};
	// Letter bodies: blobs standing on the baseline (a c's cedilla may hang below), each belonging to
	// the decoded character nearest it. A decoded step can sit a little off its glyph, nearer a t or
	// an i beside it; those blobs are theirs, not the vowel's.
	const shaped = blobs.filter((b) => {
		const { xTop, base, xHeight } = bandAt((b.x0 + b.x1) / 2);
		return b.y1 - base <= 0.85 * xHeight && base - b.y1 <= 0.25 * xHeight && b.y0 >= xTop - 0.8 * xHeight && b.x1 - b.x0 + 1 >= 0.2 * xHeight;
	});
	const letters = chars.flatMap((c, i) => (c.char === ' ' ? [] : [i]));
	const owner = (b: InkComponent) => {
		const bc = (b.x0 + b.x1) / 2;
		return letters.reduce((best, i) => (Math.abs(centre(chars[i]!) - bc) < Math.abs(centre(chars[best]!) - bc) ? i : best));
	};
	const bodies = new Map<number, InkComponent>();
	for (const b of shaped) {
		const i = owner(b);
		const had = bodies.get(i);
		// Two blobs for one letter: the one nearer it (the other may be a broken stroke).
		if (!had || Math.abs((b.x0 + b.x1) / 2 - centre(chars[i]!)) < Math.abs((had.x0 + had.x1) / 2 - centre(chars[i]!))) bodies.set(i, b);
	}
	// Dots the blobs did not show (faint, run into their letter, the letter run into its neighbour):
	// the column profile over the letter.
	const dotsOver = (c: DecodedChar, body: InkComponent | undefined): DecodedChar => {
		const own = body && alone(body) ? body : undefined;
		const cx = own ? (own.x0 + own.x1) / 2 : centre(c);
		const { xTop, xHeight } = bandAt(cx, body);
		const half = own ? Math.max(cx - own.x0, own.x1 - cx) : 0.4 * xHeight;
		return twoDots(dark, width, height, { x0: Math.round(cx - half), x1: Math.round(cx + half), cx }, { xTop, xHeight }) ? { ...c, char: COMPOSED.diaeresis![c.char]! } : c;
	};
	return chars.map((c, i) => {
		const marked = markedFromBlobs(c, i);
		// "ui" is how the recogniser reads an ü whose dots it took for an i; word repair mends that.
		const dotsAsI = chars[i - 1]?.char === 'i' || chars[i + 1]?.char === 'i';
		return marked === c && /^[aou]$/.test(c.char) && !dotsAsI ? dotsOver(c, bodies.get(i)) : marked;
	});

	function markedFromBlobs(c: DecodedChar, i: number): DecodedChar {
		const body = bodies.get(i);
		if (!body || !BASES.test(c.char) || !alone(body)) return c;
		const { xTop, base, xHeight } = bandAt(centre(c));
		if (body.y0 < xTop - 0.2 * xHeight && c.char !== 'c' && Math.abs(body.y1 - base) <= 0.25 * xHeight) {
			// Small print enlarged to the recogniser's height blurs a mark into its letter: cut at the neck.
			const composed = COMPOSED[mergedMark(dark, width, body, xTop, xHeight) ?? '']?.[c.char];
			return composed ? { ...c, char: composed } : c;
		}
		if (Math.abs(body.y0 - xTop) > 0.25 * xHeight) return c;
		if (c.char !== 'c' && Math.abs(body.y1 - base) > 0.25 * xHeight) return c;
		const over = (b: InkComponent) => (b.x0 + b.x1) / 2 >= body.x0 - 1 && (b.x0 + b.x1) / 2 <= body.x1 + 1;
		let accent: Accent | 'cedilla' | null = null;
		if (c.char === 'c') {
			// A cedilla hangs from the c (joined to it, or just under it).
			const hung = body.y1 - base >= 0.2 * xHeight;
			const under = blobs.some((b) => b !== body && over(b) && b.y0 > base && b.y0 - base <= 0.3 * xHeight && b.y1 < height - 1 && b.y1 - b.y0 + 1 >= 0.15 * xHeight);
			if (hung || under) accent = 'cedilla';
		} else if (Math.abs(body.y1 - base) <= 0.25 * xHeight) {
			// Marks above: blobs of their own over the letter, between it and the crop's top.
			const marks = blobs.filter((b) => b !== body && over(b) && b.y1 < body.y0 && body.y0 - b.y1 <= 0.6 * xHeight && b.y0 > 0 && b.y1 - b.y0 + 1 >= 0.12 * xHeight && b.y1 - b.y0 + 1 <= 0.8 * xHeight);
			if (marks.length === 2) accent = 'diaeresis';
			else if (marks.length === 1) accent = accentShape(dark, width, marks[0]!.x0, marks[0]!.x1, marks[0]!.y0, marks[0]!.y1);
		}
		const composed = accent ? COMPOSED[accent]![c.char] : undefined;
		return composed ? { ...c, char: composed } : c;
	}
}

interface DotRun {
	a: number;
	b: number;
	max: number;
	/** Where `max` is. */
	at: number;
}

/** The darkest of `peak[a..b]`. */
function darkest(peak: readonly number[], a: number, b: number): DotRun {
	let at = a;
	for (let k = a + 1; k <= b; k++) if (peak[k]! > peak[at]!) at = k;
	return { a, b, max: peak[at]!, at };
}

/**
 * Runs of columns over RUN_INK; a run that dips in its middle to DOT_SPLIT of the lower of its two
 * sides is two runs (dots a photo's blur has joined), parted at the dip.
 */
function dotRuns(peak: readonly number[]): DotRun[] {
	const runs: DotRun[] = [];
	for (let k = 0; k < peak.length; k++) {
		if (peak[k]! < INK) continue;
		let b = k;
		while (b + 1 < peak.length && peak[b + 1]! >= INK) b++;
		let dip = -1;
		for (let m = k + 1; m < b; m++) if (dip < 0 || peak[m]! < peak[dip]!) dip = m;
		const [l, r] = dip >= 0 ? [darkest(peak, k, dip - 1), darkest(peak, dip + 1, b)] : [null, null];
		if (l && r && peak[dip]! <= DOT_SPLIT * Math.min(l.max, r.max)) runs.push(l, r);
		else runs.push(darkest(peak, k, b));
		k = b;
	}
	return runs;
}

/** A dip to this share of the darker ink either side parts one run into two dots. */
const DOT_SPLIT = 0.7;
/** Least share of the stronger dot's darkness the weaker one holds. */
const DOT_BALANCE = 0.5;
/** Under a dot's darkest pixel the ink thins to this share of it before the letter's stroke. */
const DOT_DIP = 0.8;

/**
 * Two dots over a letter, read from columns where blobs cannot be: a 150-DPI scan blurs an ü's
 * dots faint (below RUN_INK at their edges) and runs them into the letter, or the letter into its
 * neighbour. Rendered German names in three fonts lost 32 of 459 umlauts to blobs alone as 150-DPI
 * scans (21 with this) and 15 of 306 as 10-MP photos (9), and no plain vowel gained dots. In the
 * rows above the x-height, each column's darkest ink, leaving out columns of a tall stroke (an
 * ascender or capital beside the letter runs on down): exactly two rises over RUN_INK, neither at
 * the edge of the letter's span, each a few columns wide, of like darkness, about half a letter
 * apart and centred on it, and each thinning below before the letter's stroke. A stroke's blurred
 * top only darkens downwards, and a serif's stands at the span's edge. Pure.
 */
function twoDots(dark: Float32Array, width: number, height: number, span: { x0: number; x1: number; cx: number }, band: { xTop: number; xHeight: number }): boolean {
	const { xTop, xHeight } = band;
	const x0 = Math.max(0, span.x0);
	const x1 = Math.min(width - 1, span.x1);
	// Row 0 is left out: ink there is the line above's, or a mark cut off.
	const top = Math.max(1, Math.round(xTop - 0.75 * xHeight));
	const bottom = Math.min(height - 1, Math.round(xTop - 0.15 * xHeight));
	const stemTo = Math.min(height - 1, Math.round(xTop + 0.4 * xHeight));
	if (x1 - x0 < 3 || bottom <= top) return false;
	const peak: number[] = [];
	const peakRow: number[] = [];
	for (let x = x0; x <= x1; x++) {
		let m = 0;
		let my = top;
		for (let y = top; y <= bottom; y++) {
			if (dark[y * width + x]! > m) {
				m = dark[y * width + x]!;
				my = y;
			}
		}
		let stem = m >= INK;
		for (let y = bottom; stem && y <= stemTo; y++) if (dark[y * width + x]! < INK) stem = false;
		peak.push(stem || dark[x]! >= INK ? 0 : m);
		peakRow.push(my);
	}
	const runs = dotRuns(peak);
	if (runs.length !== 2) return false;
	const [l, r] = runs as [DotRun, DotRun];
	const dot = (run: DotRun) => {
		if (run.a === 0 || run.b === peak.length - 1 || run.b === run.a || run.b - run.a + 1 > 0.4 * xHeight) return false;
		let least = run.max;
		for (let y = peakRow[run.at]! + 1; y <= stemTo; y++) least = Math.min(least, dark[y * width + x0 + run.at]!);
		return least <= DOT_DIP * run.max;
	};
	const lc = x0 + (l.a + l.b) / 2;
	const rc = x0 + (r.a + r.b) / 2;
	return dot(l) && dot(r) && Math.min(l.max, r.max) >= DOT_BALANCE * Math.max(l.max, r.max) && rc - lc >= 0.2 * xHeight && rc - lc <= 0.7 * xHeight && Math.abs((lc + rc) / 2 - span.cx) <= 0.2 * xHeight;
}
