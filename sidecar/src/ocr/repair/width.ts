/** Fullwidth punctuation and digits (from the Chinese/English keys) back to ASCII, unless the line is CJK; β in Latin words to ß. Pure. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const EXTRA: Record<string, string> = { '。': '.', '、': ',', '「': '"', '」': '"', '『': '"', '』': '"', '【': '[', '】': ']', '〜': '~' };

export function normaliseWidth(text: string): string {
	if (CJK.test(text)) return text;
	return (
		text
			.replace(/[\uFF01-\uFF5E\u3000-\u303F]/g, (c) => EXTRA[c] ?? c.normalize('NFKC'))
			// The keys hold Greek β but not ß: inside a Latin word it is an ß (Straβe → Straße).
			.replace(/(?<=\p{Script=Latin})β(?=\p{Script=Latin}|\b)/gu, 'ß')
	);
}
