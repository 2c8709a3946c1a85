/** Bearer-token auth for /v1/*: constant-time comparison on equal-length digests. */
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { problems } from './problem';

function digest(value: string): Buffer {
	return crypto.createHash('sha256').update(value, 'utf8').digest();
}

export function tokensMatch(presented: string, expected: string): boolean {
	// Hashing first makes both sides the same length, so timingSafeEqual never throws or leaks length.
	return crypto.timingSafeEqual(digest(presented), digest(expected));
}

export function bearerAuth(apiKey: string | undefined): RequestHandler {
	return (req, _res, next) => {
		if (apiKey === undefined) return next();
		const header = req.get('authorization');
		if (!header) return next(problems.unauthorized('missing Authorization: Bearer <API_KEY> header'));
		const match = /^Bearer\s+(.+)$/i.exec(header.trim());
		if (!match || !tokensMatch(match[1]!, apiKey)) return next(problems.unauthorized('invalid API key'));
		next();
	};
}
