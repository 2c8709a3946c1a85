/**
 * Column names for row items: the table's header names made safe as spreadsheet columns and JSON
 * keys (trimmed, one line, no dots, which n8n reads as paths), empty ones numbered, repeats
 * suffixed. Pure.
 */
export function columnKeys(header: readonly string[] | null, count: number): string[] {
	const seen = new Map<string, number>();
	return Array.from({ length: count }, (_, k) => {
		const raw = (header?.[k] ?? '').replace(/\s+/g, ' ').replace(/\./g, '').replace(/[[\]]/g, '').trim();
		const base = raw === '' ? `Column ${k + 1}` : raw.slice(0, 100);
		const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
		seen.set(base.toLowerCase(), n);
		return n === 1 ? base : `${base} ${n}`;
	});
}
