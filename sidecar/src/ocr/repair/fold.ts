/** Accent folding and case transfer for word repair. Pure. */

/** Lower case, diacritics removed, ß→ss, œ→oe, æ→ae, ł→l, ø→o, đ→d: the key under which a word's accented forms are found. */
export function fold(word: string): string {
	return word
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/ł/g, 'l')
		.replace(/ø/g, 'o')
		.replace(/đ/g, 'd')
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.normalize('NFD')
		.replace(/\p{M}+/gu, '');
}

export type CasePattern = 'lower' | 'capitalised' | 'upper' | 'mixed';

export function casePattern(word: string): CasePattern {
	if (word === word.toLowerCase()) return 'lower';
	if (word === word.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(word)) return 'upper';
	if (word[0] === word[0]!.toUpperCase() && word.slice(1) === word.slice(1).toLowerCase()) return 'capitalised';
	return 'mixed';
}

export function applyCase(word: string, pattern: CasePattern): string {
	if (pattern === 'upper') return word.toUpperCase();
	if (pattern === 'capitalised') return word.charAt(0).toUpperCase() + word.slice(1);
	return word;
}

/**
 * Characters PP-OCRv4's Chinese/English keys cannot write (measured: the keys hold é á ó í ú ü
 * à è ì ò ä É Ë Ó Ü only). A word that needs one of these can never come out right unrepaired.
 */
export const UNWRITABLE = /[âêîôûëïöñçßœæãõåÀÂÄÇÈÊÎÏÑÔÖÙÛŒ]/;
