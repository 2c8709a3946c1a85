/**
 * Letters and digits the recogniser reads for each other, where the neighbours leave no doubt: a
 * 1 or 0 inside a lower-case word ("Peta1ing", "Sh0p"), an o, O, l or I inside a number
 * ("520o0", "1l5"), a capital I as a title-case word's second letter ("UIm"), a 0 opening a word
 * of capitals ("0R"), an l opening a camel-case part after a hyphen ("USt-ldNr."), a 6 inside a word
 * ("v66r": the ó the recogniser cannot write). Codes that mix
 * letters and digits ("A1B2", "5l", "10kg", "A0") are kept as read. Pure.
 */
const IN_WORD: Record<string, string> = { '1': 'l', '0': 'o' };
const IN_NUMBER: Record<string, string> = { o: '0', O: '0', l: '1', I: '1' };

export function repairConfusions(text: string): string {
	return (
		text
			.replace(/(?<=\p{Ll}{2})[10](?=\p{Ll})|(?<=\p{Ll})[10](?=\p{Ll}{2})/gu, (c) => IN_WORD[c]!)
			.replace(/(?<=\d)[oOlI](?=\d)/g, (c) => IN_NUMBER[c]!)
			// A capital I between a word's capital and its small letters is an l ("UIm" → "Ulm").
			.replace(/(?<=(?<![\p{L}\d])\p{Lu})I(?=\p{Ll})/gu, 'l')
			// A 0 before capitals only, in a word of letters ("0R 97205" → "OR").
			.replace(/(?<![\p{L}\d])0(?=\p{Lu}+(?![\p{L}\d]))/gu, 'O')
			// An l opening a camel-case part after a hyphen ("USt-ldNr." → "USt-IdNr."): such parts open
			// with a capital, and a sans-serif I is an l's twin.
			.replace(/(?<=(?<![\p{L}\d])\p{Lu}\p{L}*-)l(?=\p{Ll}+\p{Lu})/gu, 'I')
			// A 6 inside a word of letters is an ó, which the recogniser cannot write ("v66r" → "vóór",
			// "Krak6w", "C6digo", "emisi6n"): its round body and the accent's stroke.
			.replace(/(?<![\p{L}\d])\p{L}+6[\p{L}6]*\p{L}(?![\p{L}\d])/gu, (word) => (/\p{Ll}/u.test(word) ? word.replace(/6/g, 'ó') : word))
	);
}
