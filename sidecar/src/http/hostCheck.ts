/**
 * Host header check against DNS rebinding: a web page that points its own name at 127.0.0.1 sends
 * that name as Host, so only names the operator lists (ALLOWED_HOSTS) and IP literals (which a
 * rebinding page cannot present) are served.
 */
import net from 'node:net';
import type { RequestHandler } from 'express';
import { problems } from './problem';

/** The host name of a Host header, without port or IPv6 brackets, lower-cased. */
export function hostName(header: string): string {
	const h = header.trim().toLowerCase();
	if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
	const colon = h.lastIndexOf(':');
	return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
	if (allowed.includes('*')) return true;
	// HTTP/1.0 clients may send no Host at all: nothing for a rebinding page to abuse.
	if (header === undefined || header.trim() === '') return true;
	const name = hostName(header).replace(/\.$/, '');
	return net.isIP(name) !== 0 || allowed.includes(name);
}

export function hostCheck(allowed: readonly string[]): RequestHandler {
	return (req, _res, next) => {
		const header = req.get('host');
		if (hostAllowed(header, allowed)) return next();
		next(problems.hostNotAllowed(hostName(header ?? '').slice(0, 100)));
	};
}
