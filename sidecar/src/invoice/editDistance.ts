/** Levenshtein distance between two strings (letters) or two token lists: the letters OCR dropped, added or misread between a printed word and the word it stands for. Pure. */
export function editDistance(a: string | readonly string[], b: string | readonly string[]): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[b.length]!;
}
