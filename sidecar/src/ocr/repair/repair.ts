/**
 * Word repair after recognition, for what PP-OCRv4's keys cannot write or often drop: accents
 * (é è à ö ü ñ …), ß read as B, œ read as ce, and Nº. A word is replaced only by a dictionary
 * form of the page's language with the same letters once accents are folded (directly, after an
 * inflection ending, or as a two-part compound), so a repair never invents letters. English text
 * is left alone. Pure given the lexicon.
 */
import { applyCase, casePattern, fold } from './fold';
import type { Lexicon, RepairLanguage } from './lexicon';

export interface RepairStats {
	words: number;
	repaired: number;
}

/**
 * Inflections tried when the whole word is not in the dictionary, longest first: [ending as read,
 * ending of the dictionary stem]. Hunspell keeps stems (es "hidráulico" for "hidráulicas").
 */
const ENDINGS: Record<RepairLanguage, Array<[string, string]>> = {
	en: [],
	es: [['as', 'o'], ['os', 'o'], ['a', 'o'], ['es', ''], ['s', '']],
	de: [['ern', ''], ['em', ''], ['en', ''], ['er', ''], ['es', ''], ['e', ''], ['n', ''], ['s', '']],
	fr: [['es', ''], ['s', ''], ['e', ''], ['x', '']],
	it: [['e', 'a'], ['i', 'o'], ['i', 'e'], ['a', 'o']],
	pt: [['oes', 'ao'], ['aes', 'ao'], ['as', 'o'], ['os', 'o'], ['a', 'o'], ['es', ''], ['s', '']],
};

/**
 * Spanish plurals move the stress mark: condición → condiciones, inglés → ingleses. Portuguese
 * plurals of -ão keep the tilde: solução → soluções, pão → pães.
 */
function inflect(stem: string, stemEnding: string, ending: string, lang: RepairLanguage): string {
	const base = stem.slice(0, stem.length - stemEnding.length);
	if (lang === 'pt' && stem.endsWith('ão') && (ending === 'oes' || ending === 'aes')) return `${stem.slice(0, -2)}${ending === 'oes' ? 'ões' : 'ães'}`;
	if (lang === 'es' && ending === 'es' && /[áéíóú][ns]$/.test(base)) {
		return base.slice(0, -2) + base.slice(-2).normalize('NFD').replace(/\p{M}/gu, '') + ending;
	}
	return base + ending;
}

/**
 * How the recogniser misreads letters it cannot write, per language: [as read, meant]. Each
 * confusion is tried at one place at a time; the dictionary decides whether the variant is a word.
 */
const CONFUSIONS: Record<RepairLanguage, Array<[RegExp, string]>> = {
	en: [],
	es: [],
	de: [
		[/(?<=\p{Ll})B|B(?=\p{Ll})/gu, 'ß'],
		[/(?<=\p{Ll})l(?=\p{Ll})/gu, 'ß'],
		[/(?<=\p{Ll})b(?=\p{Ll})/gu, 'ß'],
		[/ui/g, 'ü'],
		[/i/g, 'ü'],
	],
	fr: [[/ce/gi, 'œ']],
	it: [],
	pt: [],
};

/** Keys to try for one OCR word: as read, then with one confusion undone. */
function keysFor(word: string, lang: RepairLanguage): Array<{ key: string; needs: string | null }> {
	const keys: Array<{ key: string; needs: string | null }> = [{ key: fold(word), needs: null }];
	for (const [pattern, meant] of CONFUSIONS[lang]) {
		for (const m of word.matchAll(pattern)) {
			const variant = word.slice(0, m.index) + meant + word.slice(m.index! + m[0].length);
			keys.push({ key: fold(variant), needs: meant.toLowerCase() });
		}
	}
	return keys;
}

/** Accented dictionary form for a folded key, or the key itself when the dictionary knows it unaccented. */
function lookup(key: string, lex: Lexicon, noun: boolean): string | undefined {
	const form = (noun ? lex.accentedNouns.get(key) : undefined) ?? lex.accented.get(key);
	if (form) return form;
	return lex.known.has(key) ? key : undefined;
}

/**
 * A dictionary form for a key, weighted by how much of it the dictionary vouches for: the whole
 * key, or a compound's second part (so Königs|traße from "Königstrabe" read with ß beats Königs|trabe).
 */
interface Repair {
	form: string;
	weight: number;
}

function repairKey(key: string, lex: Lexicon, noun: boolean, compound = true): Repair | undefined {
	const whole = (form: string) => ({ form, weight: key.length });
	const direct = lookup(key, lex, noun);
	if (direct) return whole(direct);
	// igerman98 lists some nouns only in their compound form with a linking s ("Prüfungs").
	if (lex.lang === 'de') {
		const linked = lookup(`${key}s`, lex, noun);
		if (linked) return whole(linked.slice(0, -1));
	}
	for (const [end, stemEnd] of ENDINGS[lex.lang]) {
		if (key.length - end.length < 3 || !key.endsWith(end)) continue;
		const stem = lookup(key.slice(0, -end.length) + stemEnd, lex, noun);
		if (stem) return whole(inflect(stem, stemEnd, end, lex.lang));
	}
	// Spanish suffixes that always carry the accent, for words the dictionary lacks (tornillería, gestión).
	if (lex.lang === 'es') {
		const m = /^(\p{L}{3,})(eria|erias|cion|sion)$/u.exec(key);
		if (m) return whole(m[1] + { eria: 'ería', erias: 'erías', cion: 'ción', sion: 'sión' }[m[2] as 'eria' | 'erias' | 'cion' | 'sion']);
	}
	// German compounds: two known parts (optionally joined by s), the longer second part first. A part
	// the dictionary knows as printed stays as printed (Drucker|papier, not Drücker|papier). Two parts,
	// not three: chance parts of three letters make almost anything a word ("Malerbetrieb" read as
	// Maß|er|betrieb would beat Maler|betrieb).
	if (lex.lang === 'de' && compound && key.length >= 8) {
		const part = (k: string) => (lex.known.has(k) ? k : lookup(k, lex, false));
		for (let i = 3; i <= key.length - 3; i++) {
			const rightKey = key.slice(i);
			// A three-letter head (Gerüst|bau, Stand|ort) only as printed and after a long first part.
			const short = rightKey.length === 3;
			if (short && (i < 5 || !lex.known.has(rightKey))) continue;
			const right = lex.known.has(rightKey) ? rightKey : repairKey(rightKey, lex, false, false)?.form;
			if (!right) continue;
			const leftKey = key.slice(0, i);
			const left = part(leftKey) ?? (leftKey.endsWith('s') ? part(leftKey.slice(0, -1))?.concat('s') : undefined);
			if (left) return { form: left + right, weight: rightKey.length };
		}
	}
	return undefined;
}

/** How many letters carry a mark (ß counted as one). */
const marked = (text: string) => [...text.normalize('NFC')].filter((ch) => ch === 'ß' || ch.normalize('NFD').length > 1).length;

function repairWord(word: string, lex: Lexicon): string {
	const lower = word.toLowerCase();
	// Keep words the dictionary knows as read ("des", "numero" stay); mid-word capitals other than the
	// ß case are OCR noise we do not guess at.
	if (lex.known.has(lower)) return word;
	const pattern = casePattern(word.replace(/(?<=\p{Ll})B(?=\p{Ll})/gu, 'b'));
	if (pattern === 'mixed') return word;
	const noun = lex.lang === 'de' && pattern === 'capitalised';
	let best: Repair | null = null;
	for (const { key, needs } of keysFor(word, lex.lang)) {
		const found = repairKey(key, lex, noun);
		if (!found) continue;
		// A word as read, inflected ("grobe" from grob), is kept: a confusion undone would change a real
		// word. Not a compound of chance parts (Haupts|trabe), nor a capital B inside a word (GroBe).
		if (needs === null && found.form === lower && found.weight === key.length && !/\p{Ll}B\p{Ll}/u.test(word)) return word;
		let form = found.form;
		// One glyph read as b/B/l was an ß: a dictionary that also spells it "ss" (Swiss Strasse) still gives
		// ß. Otherwise an ß of the form stands where the recogniser wrote "ss", which it writes only where
		// the page prints it (Swiss "Strasse", "Musterstrasse" on a test invoice): it stays as printed.
		if (needs === 'ß') {
			if (!form.includes('ß') && form.split('ss').length === 2) form = form.replace('ss', 'ß');
		} else if (form.includes('ß') && !word.includes('ß')) form = form.replaceAll('ß', 'ss');
		// A repair adds marks and never takes one away: the recogniser wrote that ü (or the ink showed it),
		// and a dictionary that also knows the word without it (Küchen|welt as Kuchen|welt, Stück|preis as
		// Stuck|preis) has no say over the print.
		if (marked(form) < marked(word)) continue;
		// An undone confusion must explain a letter of the form (a ü or ß the recogniser could not write).
		// The word as read competes too (a compound Nord|licht stays; Königs|trabe loses to Königs|traße).
		if (fold(form) === key && (needs === null || form.includes(needs)) && (!best || found.weight > best.weight)) best = { form, weight: found.weight };
	}
	return best && best.form !== lower ? applyCase(best.form, pattern) : word;
}

/**
 * French "a" → "à" before the words that follow the preposition on invoices (à payer, à réception…)
 * and after the labels that take it (Facturer à, Livré à, Payable à).
 */
const FR_A_BEFORE = /\b([Aa]) (?=(?:payer|régler|réception|partir|compter|titre|la|l'|l’|votre|vos|nos|notre|échéance|date|jour|ce|cette)\b)/g;
const FR_A_AFTER = /(?<=\b(?:[Ff]acturer|[Ll]ivrer|[Ll]ivré|[Ll]ivrée|[Pp]ayable|[Ee]nvoyer|[Aa]dresser|[Ee]xpédier) )a\b/g;

export function repairText(text: string, lex: Lexicon, stats?: RepairStats): string {
	// Spanish -ión read with a 6 (emisi6n, Descripci6n).
	const prepared = lex.lang === 'es' ? text.replace(/(?<=\p{Ll}i)6(?=n\b)/gu, 'ó') : text;
	let out = prepared.replace(/\p{L}+/gu, (word) => {
		if (stats) stats.words++;
		const fixed = repairWord(word, lex);
		if (stats && fixed !== word) stats.repaired++;
		return fixed;
	});
	if (lex.lang === 'fr') out = out.replace(FR_A_BEFORE, (_m, a: string) => (a === 'A' ? 'À ' : 'à ')).replace(FR_A_AFTER, 'à');
	// "Nº 123" (es/fr): the recogniser writes "No" or "N°".
	if (lex.lang === 'es' || lex.lang === 'fr') out = out.replace(/\bN[o°](?=\s*\d)/g, 'Nº');
	return out;
}
