/**
 * Read-only string sets and string → string maps packed into one string and typed arrays. The
 * word lists hold ~1.5 million forms across five languages; as a Set and Maps of separate strings
 * they were ~150 MB of objects that every full garbage collection had to trace, and after an idle
 * spell (when V8 tightens its heap limit) that meant a full collection per OCR page, ~15 % of the
 * page's time (measured: bench/ocr-peers.ts with the engines taking turns). Packed, a list is a
 * few objects whatever its length. Open addressing with linear probing on an FNV-1a hash.
 */

/** Strings joined into one, with where each starts: string i is text[start[i], start[i + 1]). */
interface PackedList {
	text: string;
	start: Uint32Array;
}

interface Keys extends PackedList {
	/** Hash slot → key index + 1 (0: empty). */
	slots: Uint32Array;
}

function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

function packList(strings: readonly string[]): PackedList {
	const start = new Uint32Array(strings.length + 1);
	strings.forEach((k, i) => (start[i + 1] = start[i]! + k.length));
	return { text: strings.join(''), start };
}

/** Distinct keys, packed and hashed. */
function packKeys(keys: readonly string[]): Keys {
	let size = 1;
	while (size < keys.length * 2) size *= 2;
	const slots = new Uint32Array(size);
	keys.forEach((k, i) => {
		let slot = hash(k) & (size - 1);
		while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
		slots[slot] = i + 1;
	});
	return { ...packList(keys), slots };
}

/** The index of `key` among the packed keys, or -1. */
function indexOf(p: Keys, key: string): number {
	const mask = p.slots.length - 1;
	for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
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

	constructor(words: ReadonlySet<string>) {
		this.keys = packKeys([...words]);
		this.size = words.size;
	}

	has(word: string): boolean {
		return indexOf(this.keys, word) >= 0;
	}
}

export class PackedMap {
	private readonly keys: Keys;
	private readonly values: PackedList;
	readonly size: number;

	constructor(entries: ReadonlyMap<string, string>) {
		this.keys = packKeys([...entries.keys()]);
		this.values = packList([...entries.values()]);
		this.size = entries.size;
	}

	get(key: string): string | undefined {
		const i = indexOf(this.keys, key);
		return i < 0 ? undefined : this.values.text.slice(this.values.start[i]!, this.values.start[i + 1]!);
	}
}
