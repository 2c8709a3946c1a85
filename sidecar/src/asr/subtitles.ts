/** SRT and WebVTT from timed segments. Pure. */
export interface Segment {
	start: number;
	end: number;
	text: string;
}

function clock(seconds: number, separator: ',' | '.'): string {
	const ms = Math.max(0, Math.round(seconds * 1000));
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = Math.floor((ms % 60_000) / 1000);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

export function toSrt(segments: readonly Segment[]): string {
	return segments
		.filter((s) => s.text.trim() !== '')
		.map((s, i) => `${i + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.text.trim()}\n`)
		.join('\n');
}

export function toVtt(segments: readonly Segment[]): string {
	const cues = segments.filter((s) => s.text.trim() !== '').map((s) => `${clock(s.start, '.')} --> ${clock(s.end, '.')}\n${s.text.trim()}\n`);
	return `WEBVTT\n\n${cues.join('\n')}`;
}
