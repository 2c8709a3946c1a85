/**
 * Multipart uploads (field `file`, one or more files) into memory, with MAX_UPLOAD_MB enforced
 * both from Content-Length (refused before reading) and while streaming (multer's limit).
 * Each file's real type is sniffed from its bytes and checked against what the route accepts.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { sniffMedia, type MediaKind, type SniffedMedia } from '../media/sniff';
import { problems } from './problem';

export interface UploadedFile {
	filename: string;
	buffer: Buffer;
	media: SniffedMedia;
}

export interface UploadOptions {
	maxUploadMb: number;
	accept: readonly MediaKind[];
	maxFiles: number;
}

declare module 'express-serve-static-core' {
	interface Request {
		uploads?: UploadedFile[];
	}
}

export function uploadFiles(opts: UploadOptions): RequestHandler[] {
	const limitBytes = opts.maxUploadMb * 1024 * 1024;
	const parser = multer({
		storage: multer.memoryStorage(),
		limits: { fileSize: limitBytes, files: opts.maxFiles, fields: 50, fieldSize: 64 * 1024 },
	}).array('file', opts.maxFiles);

	const precheck: RequestHandler = (req, _res, next) => {
		if (!req.is('multipart/form-data')) {
			return next(problems.unsupportedMedia('send the file as multipart/form-data in the field "file"', ['multipart/form-data']));
		}
		const length = Number(req.get('content-length'));
		// Multipart framing adds a little; allow 64 KiB for it before refusing on the header alone.
		if (Number.isFinite(length) && length > limitBytes + 64 * 1024) return next(problems.payloadTooLarge(opts.maxUploadMb));
		next();
	};

	const parse: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
		parser(req, res, (err: unknown) => {
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
