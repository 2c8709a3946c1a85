/**
 * Whisper's tokenizer: GPT-2 byte-level BPE over the ranks of a tiktoken file (openai/whisper's
 * `gpt2.tiktoken` for English-only models, `multilingual.tiktoken` otherwise), with the special
 * tokens after the last rank in the order of openai/whisper's tokenizer.py: end of text, start of
 * transcript, one per language, translate, transcribe, start of LM, start of previous,
 * no speech, no timestamps, then the timestamps <|0.00|> … <|30.00|> in 0.02 s steps. Pure.
 */

/** Language codes in Whisper's order (the token after <|startoftranscript|> is the first). */
export const WHISPER_LANGUAGES = [
	'en', 'zh', 'de', 'es', 'ru', 'ko', 'fr', 'ja', 'pt', 'tr', 'pl', 'ca', 'nl', 'ar', 'sv', 'it', 'id', 'hi', 'fi', 'vi', 'he', 'uk', 'el', 'ms', 'cs', 'ro', 'da', 'hu', 'ta', 'no', 'th', 'ur', 'hr', 'bg', 'lt', 'la', 'mi', 'ml', 'cy', 'sk', 'te', 'fa', 'lv', 'bn', 'sr', 'az', 'sl', 'kn', 'et', 'mk', 'br', 'eu', 'is', 'hy', 'ne', 'mn', 'bs', 'kk', 'sq', 'sw', 'gl', 'mr', 'pa', 'si', 'km', 'sn', 'yo', 'so', 'af', 'oc', 'ka', 'be', 'tg', 'sd', 'gu', 'am', 'yi', 'lo', 'uz', 'fo', 'ht', 'ps', 'tk', 'nn', 'mt', 'sa', 'lb', 'my', 'bo', 'tl', 'mg', 'as', 'tt', 'haw', 'ln', 'ha', 'ba', 'jw', 'su', 'yue',
] as const;

export interface SpecialTokens {
	endOfText: number;
	startOfTranscript: number;
	/** Language code → token id. */
	languages: Map<string, number>;
	translate: number;
	transcribe: number;
	startOfLm: number;
	startOfPrev: number;
	noSpeech: number;
	noTimestamps: number;
	/** <|0.00|>; timestamp t is timestampBegin + round(t / 0.02). */
	timestampBegin: number;
}

/** GPT-2's pre-tokenizer: contractions, letter runs, digit runs, other symbols, white space. */
const PRE_TOKENIZE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export class WhisperTokenizer {
	private readonly ranks = new Map<string, number>();
	private readonly bytesOf: Uint8Array[] = [];
	readonly special: SpecialTokens;

	/**
	 * @param tiktoken the text of a .tiktoken file: "base64(token) rank" a line
	 * @param numLanguages 99 for Whisper up to large-v2, 100 for large-v3 (adds Cantonese)
	 */
	constructor(tiktoken: string, numLanguages = 99) {
		for (const line of tiktoken.split('\n')) {
			const [b64, rank] = line.trim().split(' ');
			if (!b64 || rank === undefined) continue;
			const bytes = Buffer.from(b64, 'base64');
			this.ranks.set(bytes.toString('latin1'), Number(rank));
			this.bytesOf[Number(rank)] = new Uint8Array(bytes);
		}
		let next = this.bytesOf.length;
		const take = () => next++;
		const endOfText = take();
		const startOfTranscript = take();
		const languages = new Map<string, number>(WHISPER_LANGUAGES.slice(0, numLanguages).map((l) => [l, take()]));
		this.special = { endOfText, startOfTranscript, languages, translate: take(), transcribe: take(), startOfLm: take(), startOfPrev: take(), noSpeech: take(), noTimestamps: take(), timestampBegin: take() };
	}

	/** Text → token ids (no special tokens). */
	encode(text: string): number[] {
		const out: number[] = [];
		for (const piece of text.match(PRE_TOKENIZE) ?? []) out.push(...this.bpe(Buffer.from(piece, 'utf8').toString('latin1')));
		return out;
	}

	private bpe(piece: string): number[] {
		const direct = this.ranks.get(piece);
		if (direct !== undefined) return [direct];
		let parts = [...piece];
		// Merge the adjacent pair whose merged form has the lowest rank, until none is in the vocabulary.
		for (;;) {
			let best = -1;
			let bestRank = Infinity;
			for (let i = 0; i < parts.length - 1; i++) {
				const r = this.ranks.get(parts[i]! + parts[i + 1]!);
				if (r !== undefined && r < bestRank) {
					bestRank = r;
					best = i;
				}
			}
			if (best < 0) break;
			parts = [...parts.slice(0, best), parts[best]! + parts[best + 1]!, ...parts.slice(best + 2)];
		}
		return parts.map((p) => {
			const r = this.ranks.get(p);
			if (r === undefined) throw new Error(`byte ${p.charCodeAt(0)} has no rank in this vocabulary`);
			return r;
		});
	}

	/**
	 * Tokens of symbols and music marks that are not speech, suppressed while decoding (openai/whisper's
	 * `non_speech_tokens`: each symbol alone and after a space where it is one token; the music
	 * marks' first token in any case; " -" and " '").
	 */
	nonSpeechTokens(): number[] {
		const symbols = [...'"#()*+/:;<=>@[\\]^_`{|}~「」『』', ...'<< >> <<< >>> -- --- -( -[ (\' (" (( )) ((( ))) [[ ]] {{ }} ♪♪ ♪♪♪'.split(' ')];
		const music = [...'♩♪♫♬♭♮♯'];
		const tokens = (text: string): number[] => {
			try {
				return this.encode(text);
			} catch {
				return []; // a byte this (test) vocabulary lacks
			}
		};
		const out = new Set<number>();
		for (const t of [' -', " '"]) {
			const first = tokens(t)[0];
			if (first !== undefined) out.add(first);
		}
		for (const s of [...symbols, ...music]) {
			for (const t of [tokens(s), tokens(` ${s}`)]) if (t.length === 1 || (music.includes(s) && t.length > 0)) out.add(t[0]!);
		}
		return [...out].sort((a, b) => a - b);
	}

	/** The id of a text that is one token of the vocabulary (e.g. the blank " "), or undefined. */
	tokenOf(text: string): number | undefined {
		return this.ranks.get(Buffer.from(text, 'utf8').toString('latin1'));
	}

	/** Token ids → text; special tokens and timestamps are left out. */
	decode(ids: readonly number[]): string {
		const bytes = ids.filter((id) => id < this.bytesOf.length).flatMap((id) => [...this.bytesOf[id]!]);
		return Buffer.from(bytes).toString('utf8');
	}

	isTimestamp(id: number): boolean {
		return id >= this.special.timestampBegin;
	}

	/** Seconds of a timestamp token. */
	timeOf(id: number): number {
		return Math.round((id - this.special.timestampBegin) * 2) / 100;
	}

	/** The decoder prompt: start of transcript, language, task, and <|notimestamps|> when timestamps are off. */
	prompt(language: string, task: 'transcribe' | 'translate', timestamps: boolean): number[] {
		const lang = this.special.languages.get(language);
		if (lang === undefined) throw new Error(`language ${language} is not one of this model's`);
		return [this.special.startOfTranscript, lang, task === 'translate' ? this.special.translate : this.special.transcribe, ...(timestamps ? [] : [this.special.noTimestamps])];
	}
}
