/** What a speech model understands and can do, from its registry entry (one place for routes and /v1/models). */
import type { ModelEntry } from '../models/registry';
import { WHISPER_LANGUAGES } from './whisper/tokenizer';

/** ISO 639-1 codes the model transcribes (Whisper: its first `numLanguages` tokens; others: the registry's list). */
export function modelLanguages(entry: ModelEntry): string[] {
	if (entry.family === 'whisper') return WHISPER_LANGUAGES.slice(0, entry.defaults.numLanguages);
	if (entry.family === 'moonshine') return entry.defaults.languages;
	return [];
}

/** Whether the model can translate speech into English (task=translate). */
export const canTranslate = (entry: ModelEntry): boolean => entry.family === 'whisper';
