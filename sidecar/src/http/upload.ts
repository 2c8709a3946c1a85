/**
 * Multipart uploads (field `file`, one or more files) into memory, bounded however they arrive:
 * bytes are counted as they stream, whatever Content-Length says (or when it is absent, as with
 * chunked uploads), against three caps: each file (MAX_UPLOAD_MB → 413), all files of the request
 * (MAX_REQUEST_MB → 413) and all uploads held by the sidecar at once (MAX_INFLIGHT_MB → 429).
 * Each file's real type is sniffed from its bytes and checked against what the route accepts.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { InputFile } from '../media/file';
import { sniffMedia, type MediaKind } from '../media/sniff';
import { HttpProblem, problems } from './problem';

export type UploadedFile = InputFile;

export interface UploadOptions {
	maxUploadMb: number;
	maxRequestMb: number;
	accept: readonly MediaKind[];
	maxFiles: number;
	budget: UploadBudget;
}

declare module 'express-serve-static-core' {
	interface Request {
		uploads?: UploadedFile[];
	}
}

const MB = 1024 * 1024;

/** Upload bytes held in memory across all requests; a request's share is given back when its response closes. */
export class UploadBudget {
	private used = 0;
	constructor(readonly limitBytes: number) {}

	take(bytes: number): boolean {
		if (this.used + bytes > this.limitBytes) return false;
		this.used += bytes;
		return true;
	}

	give(bytes: number): void {
		this.used = Math.max(0, this.used - bytes);
	}

	get inUse(): number {
		return this.used;
	}
}

const tooMuchInFlight = () =>
	new HttpProblem(429, 'uploads-busy', 'Too Many Requests', 'the sidecar is receiving as much upload data as it may hold at once (MAX_INFLIGHT_MB); retry later', { 'Retry-After': '5', Connection: 'close' });
const requestTooLarge = (limitMb: number) =>
	new HttpProblem(413, 'payload-too-large', 'Payload Too Large', `the files of this request together exceed MAX_REQUEST_MB=${limitMb} MB`, { Connection: 'close' }, { limitBytes: limitMb * MB });

/** Per request: bytes counted so far, and the budget share to give back. */
interface Tally {
	bytes: number;
	held: number;
}

/** multer storage that keeps files in memory while counting every chunk against the caps. */
function countingStorage(opts: UploadOptions): multer.StorageEngine {
	const requestLimit = opts.maxRequestMb * MB;
	return {
		_handleFile(req, file, cb) {
			const tally = (req as Request & { uploadTally: Tally }).uploadTally;
			const chunks: Buffer[] = [];
			let size = 0;
			let failed = false;
			const fail = (err: Error) => {
				if (failed) return;
				failed = true;
				file.stream.resume();
				cb(err);
			};
			file.stream.on('data', (chunk: Buffer) => {
				if (failed) return;
				tally.bytes += chunk.length;
				if (tally.bytes > requestLimit) return fail(requestTooLarge(opts.maxRequestMb));
				if (!opts.budget.take(chunk.length)) return fail(tooMuchInFlight());
				tally.held += chunk.length;
				size += chunk.length;
				chunks.push(chunk);
			});
			file.stream.on('error', (err) => fail(err));
			file.stream.on('end', () => {
				if (!failed) cb(null, { buffer: Buffer.concat(chunks, size), size });
			});
		},
		_removeFile(_req, file, cb) {
			(file as { buffer?: Buffer }).buffer = undefined;
			cb(null);
		},
	};
}

export function uploadFiles(opts: UploadOptions): RequestHandler[] {
	const fileLimit = opts.maxUploadMb * MB;
	const parser = multer({
		storage: countingStorage(opts),
		limits: { fileSize: fileLimit, files: opts.maxFiles, fields: 50, fieldSize: 64 * 1024, parts: opts.maxFiles + 50 },
		// File names as browsers and n8n send them: raw UTF-8 (multer's default reads them as latin1).
		defParamCharset: 'utf8',
	}).array('file', opts.maxFiles);

	const precheck: RequestHandler = (req, res, next) => {
		if (!req.is('multipart/form-data')) {
			return next(problems.unsupportedMedia('send the file as multipart/form-data in the field "file"', ['multipart/form-data']));
		}
		const length = Number(req.get('content-length'));
		// Multipart framing adds a little; allow 64 KiB for it before refusing on the header alone.
		if (Number.isFinite(length) && length > opts.maxRequestMb * MB + 64 * 1024) return next(requestTooLarge(opts.maxRequestMb));
		const tally: Tally = { bytes: 0, held: 0 };
		(req as Request & { uploadTally: Tally }).uploadTally = tally;
		// The budget share is held until the answer is sent (the files are in use until then).
		res.once('close', () => opts.budget.give(tally.held));
		next();
	};

	const parse: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
		parser(req, res, (err: unknown) => {
			if (err instanceof HttpProblem) return next(err);
			if (err instanceof multer.MulterError) {
				if (err.code === 'LIMIT_FILE_SIZE') return next(problems.payloadTooLarge(opts.maxUploadMb));
				if (err.code === 'LIMIT_FILE_COUNT') return next(problems.badRequest(`at most ${opts.maxFiles} files per request`));
				if (err.code === 'LIMIT_UNEXPECTED_FILE') return next(problems.badRequest(`unexpected file field "${err.field}"; use "file"`));
				return next(problems.badRequest(`malformed multipart upload: ${err.message}`));
			}
			if (err) return next(problems.badRequest('malformed multipart upload'));
			next();
		});
	};

	const classify: RequestHandler = (req, _res, next) => {
		const files = (req.files as Express.Multer.File[] | undefined) ?? [];
		if (files.length === 0) return next(problems.badRequest('no file: send it in the multipart field "file"'));
		const uploads: UploadedFile[] = [];
		for (const f of files) {
			const name = f.originalname || 'upload';
			if (f.size === 0) return next(problems.unprocessable('empty-file', 'Empty File', `${name} is empty (0 bytes)`));
			const media = sniffMedia(f.buffer);
			if (!media || !opts.accept.includes(media.kind)) {
				const what = media ? `${media.mediaType}` : 'an unrecognised format';
				return next(problems.unsupportedMedia(`${name} is ${what}; this route accepts ${opts.accept.join(', ')}`, opts.accept));
			}
			uploads.push({ filename: name, buffer: f.buffer, media });
		}
		req.uploads = uploads;
		next();
	};

	return [precheck, parse, classify];
}
