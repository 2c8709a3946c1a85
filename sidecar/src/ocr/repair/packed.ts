/**
 * Read-only string sets and string → string maps packed into one string and typed arrays. The
 * word lists hold ~1.5 million forms across five languages; as a Set and Maps of separate strings
 * they were ~150 MB of objects that every full garbage collection had to trace, and after an idle
 * spell (when V8 tightens its heap limit) that meant a full collection per OCR page, ~15 % of the
 * page's time (measured: bench/ocr-peers.ts with the engines taking turns). Packed, a list is a
 * few objects whatever its length. Open addressing with linear probing on an FNV-1a hash.
 */

/** Keys joined into one string, with where each starts; key i is text[start[i], start[i + 1]). */
interface Keys {
	text: string;
	start: Uint32Array;
	/** Hash slot → key index + 1 (0: empty). */
	slots: Uint32Array;
}

function hash(s: string, from: number, to: number): number {
	let h = 0x811c9dc5;
	for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

function packKeys(keys: readonly string[]): Keys {
	const start = new Uint32Array(keys.length + 1);
	keys.forEach((k, i) => (start[i + 1] = start[i]! + k.length));
	const text = keys.join('');
	let size = 1;
	while (size < keys.length * 2) size *= 2;
	const slots = new Uint32Array(size);
	keys.forEach((k, i) => {
		let slot = hash(k, 0, k.length) & (size - 1);
		while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
		slots[slot] = i + 1;
	});
	return { text, start, slots };
}

/** The index of `key` among the packed keys, or -1. */
function indexOf(p: Keys, key: string): number {
	const mask = p.slots.length - 1;
	for (let slot = hash(key, 0, key.length) & mask; ; slot = (slot + 1) & mask) {
		const entry = p.slots[slot]!;
		if (entry === 0) return -1;
		const i = entry - 1;
		const from = p.start[i]!;
		if (p.start[i + 1]! - from !== key.length) continue;
		let same = true;
		for (let c = 0; c < key.length && same; c++) same = p.text.charCodeAt(from + c) === key.charCodeAt(c);
		if (same) return i;
	}
}

export class PackedSet {
	private readonly keys: Keys;
	readonly size: number;

	constructor(words: Iterable<string>) {
		const unique = [...new Set(words)];
		this.keys = packKeys(unique);
		this.size = unique.length;
	}

	has(word: string): boolean {
		return indexOf(this.keys, word) >= 0;
	}
}

export class PackedMap {
	private readonly keys: Keys;
	private readonly values: { text: string; start: Uint32Array };
	readonly size: number;

	constructor(entries: ReadonlyMap<string, string>) {
		const list = [...entries];
		this.keys = packKeys(list.map(([k]) => k));
		const start = new Uint32Array(list.length + 1);
		list.forEach(([, v], i) => (start[i + 1] = start[i]! + v.length));
		this.values = { text: list.map(([, v]) => v).join(''), start };
		this.size = list.length;
	}

	get(key: string): string | undefined {
		const i = indexOf(this.keys, key);
		return i < 0 ? undefined : this.values.text.slice(this.values.start[i]!, this.values.start[i + 1]!);
	}
}
