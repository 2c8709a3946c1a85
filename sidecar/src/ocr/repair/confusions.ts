/**
 * Letters and digits the recogniser reads for each other, where the neighbours leave no doubt: a
 * 1 or 0 inside a lower-case word ("Peta1ing", "Sh0p") and an o, O, l or I inside a number
 * ("520o0", "1l5"). Only characters with a neighbour of the other kind on both sides change, so
 * codes that mix letters and digits ("A1B2", "5l", "10kg") are kept as read. Pure.
 */
const IN_WORD: Record<string, string> = { '1': 'l', '0': 'o' };
const IN_NUMBER: Record<string, string> = { o: '0', O: '0', l: '1', I: '1' };

export function repairConfusions(text: string): string {
	return text
		.replace(/(?<=\p{Ll}{2})[10](?=\p{Ll})|(?<=\p{Ll})[10](?=\p{Ll}{2})/gu, (c) => IN_WORD[c]!)
		.replace(/(?<=\d)[oOlI](?=\d)/g, (c) => IN_NUMBER[c]!);
}
