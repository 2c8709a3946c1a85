/** The service answers: the problem every error is, health, readiness, GPU status, models, files. */
import { z } from 'zod';
import { answer, answers, int, named } from './schema';
import { DEVICES, MODEL_TASKS, REQUESTED_DEVICES } from './vocab';

export const Problem = named(
	answers,
	'Problem',
	z.looseObject({
		type: z.string().describe('A URI naming the kind of problem'),
		title: z.string(),
		status: int(),
		detail: z.string(),
		instance: z.string().optional(),
		requestId: z.string().optional(),
	}),
);
export type ProblemBody = z.output<typeof Problem>;

export const Health = answer('Health', { status: z.literal('ok') });

export const GpuInfo = answer('GpuInfo', {
	index: int(),
	name: z.string(),
	driverVersion: z.string(),
	cudaVersion: z.string().nullable(),
	memoryTotalMiB: z.number(),
	memoryUsedMiB: z.number(),
	utilizationPercent: z.number().nullable(),
	temperatureC: z.number().nullable(),
});
export type GpuInfo = z.output<typeof GpuInfo>;

export const ModelStatus = answer('ModelStatus', {
	id: z.string(),
	task: z.enum(MODEL_TASKS),
	family: z.string(),
	embedded: z.boolean(),
	provider: z.enum(DEVICES).nullable(),
	providerReason: z.string().nullable(),
	loaded: z.boolean(),
	warm: z.boolean(),
	loadMs: z.number().nullable(),
	warmupMs: z.number().nullable(),
	error: z.string().nullable(),
});
export type ModelStatus = z.output<typeof ModelStatus>;

export const FfmpegStatus = named(
	answers,
	'FfmpegStatus',
	z
		.object({ available: z.boolean(), source: z.enum(['FFMPEG_PATH', 'system', 'npm', 'missing']), version: z.string().nullable() })
		.describe('The ffmpeg that decodes audio and video (missing: only WAV is read)'),
);

export const Readiness = answer('Readiness', {
	ready: z.boolean(),
	models: z.array(ModelStatus),
	ffmpeg: FfmpegStatus,
});

export const QueueStatus = answer('QueueStatus', { depth: int(), capacity: int(), running: int(), concurrency: int() });

export const GpuStatus = answer('GpuStatus', {
	activeProvider: z.enum(DEVICES),
	requestedDevice: z.enum(REQUESTED_DEVICES),
	providerReason: z.string().describe('Why the active provider was chosen (e.g. why CUDA is not used)'),
	cuda: z.object({ available: z.boolean(), reason: z.string().nullable(), gpus: z.array(GpuInfo) }),
	models: z.array(ModelStatus),
	queue: QueueStatus,
	process: z.object({ rssMiB: z.number(), heapUsedMiB: z.number(), uptimeS: z.number(), pid: int(), node: z.string() }),
	ffmpeg: FfmpegStatus,
	version: z.string(),
	ready: z.boolean(),
});

export const ModelList = answer('ModelList', {
	models: z.array(
		z.object({
			id: z.string(),
			task: z.string(),
			family: z.string(),
			embedded: z.boolean(),
			license: z.string(),
			description: z.string(),
			files: z.record(z.string(), z.object({ size: int().nullable().describe('null where only the sha256 is pinned'), sha256: z.string() })),
			downloaded: z.boolean().describe('Every file is in place (false: run `gpu-inference-sidecar models pull <id>`)'),
			status: ModelStatus,
			languages: z.array(z.string()).optional().describe('Speech models: ISO 639-1 codes they transcribe'),
			translate: z.boolean().optional().describe('Speech models: whether task=translate is supported'),
		}),
	),
});

export const FileInfo = answer('FileInfo', {
	filename: z.string(),
	bytes: int(),
	mediaType: z.string(),
	kind: z.enum(['image', 'pdf', 'audio', 'video']),
	pages: int().nullable(),
	width: int().nullable(),
	height: int().nullable(),
});

export const InspectResult = answer('InspectResult', { files: z.array(FileInfo) });

export const Progress = answer('Progress', {
	requestId: z.string(),
	route: z.string(),
	state: z.enum(['queued', 'running', 'done', 'failed']),
	done: int().nullable(),
	total: int().nullable(),
	unit: z.enum(['pages', 'chunks']).nullable(),
	elapsedMs: int(),
});
