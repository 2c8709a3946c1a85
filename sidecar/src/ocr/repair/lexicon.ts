/**
 * Word lists per language, from npm packages installed with the sidecar: Hunspell dictionary
 * stems (dictionary-es/-de/-fr/-it/-pt) and, for French, the full-form list an-array-of-french-words.
 * Each language keeps the set of known lower-case forms and, for forms with diacritics, a map
 * from their folded key to the form, packed (packed.ts) so the collector does not trace them.
 * Loaded once, on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolvePackageDir } from '../../models/registry';
import { fold } from './fold';
import { PackedMap, PackedSet } from './packed';

export type RepairLanguage = 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt';

export interface Lexicon {
	lang: RepairLanguage;
	known: PackedSet;
	/** fold(form) → accented form (the first one met; lists put common forms first). */
	accented: PackedMap;
	/** The same for forms the dictionary capitalises (German nouns: "Größe" against the adjective "große"). */
	accentedNouns: PackedMap;
}

interface Source {
	pkg: string;
	file: string;
	kind: 'json-array' | 'hunspell';
}

const SOURCES: Record<RepairLanguage, Source[]> = {
	// English text is never repaired: the recogniser's keys hold the whole English alphabet.
	en: [],
	es: [{ pkg: 'dictionary-es', file: 'index.dic', kind: 'hunspell' }],
	// an-array-of-german-words is left out: it holds OCR/typo forms ("fur", "öhne") that would block repairs.
	de: [{ pkg: 'dictionary-de', file: 'index.dic', kind: 'hunspell' }],
	fr: [
		{ pkg: 'dictionary-fr', file: 'index.dic', kind: 'hunspell' },
		{ pkg: 'an-array-of-french-words', file: 'index.json', kind: 'json-array' },
	],
	it: [{ pkg: 'dictionary-it', file: 'index.dic', kind: 'hunspell' }],
	pt: [{ pkg: 'dictionary-pt', file: 'index.dic', kind: 'hunspell' }],
};

/** Function words some Hunspell lists leave to their affix rules (it "di" is missing, "dì" is not). */
const FUNCTION_WORDS: Partial<Record<RepairLanguage, string[]>> = {
	it: ['di', 'da', 'del', 'dei', 'della', 'delle', 'dal', 'dalla', 'al', 'alla', 'per', 'con', 'su', 'tra', 'fra', 'il', 'lo', 'la', 'gli', 'le', 'un', 'una', 'e', 'o', 'si', 'se', 'ne', 'li'],
	pt: ['de', 'da', 'do', 'das', 'dos', 'em', 'na', 'no', 'e', 'o', 'a', 'os', 'as', 'um', 'uma', 'se', 'por', 'para', 'com'],
};

function readWords(src: Source): string[] {
	const dir = resolvePackageDir(src.pkg);
	if (!dir) throw new Error(`word list package ${src.pkg} is not installed`);
	const text = fs.readFileSync(path.join(dir, src.file), 'utf8');
	if (src.kind === 'json-array') return JSON.parse(text) as string[];
	// Hunspell .dic: a count line, then "stem/FLAGS" (tabs start comments in some files).
	return text
		.split('\n')
		.slice(1)
		.map((l) => l.split(/[/\t]/)[0]!.trim())
		.filter((w) => w !== '' && !/\d/.test(w));
}

const cache = new Map<RepairLanguage, Lexicon>();

export function lexicon(lang: RepairLanguage): Lexicon {
	const hit = cache.get(lang);
	if (hit) return hit;
	const known = new Set<string>();
	const accented = new Map<string, string>();
	const accentedNouns = new Map<string, string>();
	const clash = new Set<string>();
	for (const src of SOURCES[lang]) {
		for (const word of readWords(src)) {
			const lower = word.toLowerCase();
			known.add(lower);
			const key = fold(lower);
			if (key === lower) continue;
			const seen = accented.get(key);
			if (seen === undefined) accented.set(key, lower);
			else if (seen !== lower && src.kind === 'hunspell') clash.add(key);
			if (src.kind === 'hunspell' && word[0] !== lower[0] && !accentedNouns.has(key)) accentedNouns.set(key, lower);
		}
	}
	for (const w of FUNCTION_WORDS[lang] ?? []) known.add(w);
	// Two accented stems for one spelling (pt câmara / camará): without word frequencies neither
	// can be chosen, so the word stays as read. Short words that are also words unaccented (it di /
	// dì, es si / sí) stay as read too.
	for (const key of clash) accented.delete(key);
	for (const key of accented.keys()) if (key.length <= 3 && known.has(key)) accented.delete(key);
	const lex = { lang, known: new PackedSet(known), accented: new PackedMap(accented), accentedNouns: new PackedMap(accentedNouns) };
	cache.set(lang, lex);
	return lex;
}

/** Loads these lexicons now (at start-up) rather than on the first request that needs them. */
export function preloadLexicons(langs: readonly RepairLanguage[]): void {
	for (const lang of langs) if (SOURCES[lang].length > 0) lexicon(lang);
}
