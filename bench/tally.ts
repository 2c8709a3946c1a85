/** Right-or-wrong counts by key, for the accuracy benches, printed as percentages in key order. */
export function tally(): { count: (key: string, ok: boolean) => void; print: (width: number) => void } {
	const hits = new Map<string, { ok: number; n: number }>();
	return {
		count: (key, ok) => {
			const h = hits.get(key) ?? { ok: 0, n: 0 };
			h.n++;
			if (ok) h.ok++;
			hits.set(key, h);
		},
		print: (width) => {
			for (const [key, h] of [...hits].sort()) console.log(`${key.padEnd(width)} ${((h.ok / h.n) * 100).toFixed(1)}% (${h.ok}/${h.n})`);
		},
	};
}
