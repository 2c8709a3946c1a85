/**
 * Errors the domain code raises, free of HTTP: `http/errors.ts` maps each class to its problem
 * (status and type) in one place. Messages name the file, never a path on the server.
 */

/** The input cannot be read as sent (corrupt, encrypted, too large, too many pages): the client's to fix. */
export class InputError extends Error {
	constructor(
		/** Stable problem slug, e.g. `corrupt-pdf`. */
		readonly slug: string,
		readonly title: string,
		detail: string,
	) {
		super(detail);
		this.name = 'InputError';
	}
}

/** An option the request may name but this sidecar cannot give (an unknown model): the client's to fix. */
export class OptionError extends Error {
	constructor(detail: string) {
		super(detail);
		this.name = 'OptionError';
	}
}

/** Why a running job was stopped before it finished. */
export type CancelReason = 'deadline' | 'client-gone' | 'shutdown';

/** An e-invoice (CII or UBL XML) that is not well-formed, declares a DTD, or is neither format. */
export class EInvoiceError extends InputError {
	constructor(detail: string) {
		super('invalid-e-invoice', 'Unreadable E-Invoice', detail);
		this.name = 'EInvoiceError';
	}
}

/** A job stopped on purpose: its deadline passed, its client went away, or the sidecar is stopping. */
export class JobCancelledError extends Error {
	constructor(
		readonly reason: CancelReason,
		/** For `deadline`: the limit that passed, in milliseconds. */
		readonly timeoutMs = 0,
	) {
		super(reason === 'deadline' ? `the job did not finish within ${timeoutMs} ms` : reason === 'client-gone' ? 'the client went away' : 'the sidecar is shutting down');
		this.name = 'JobCancelledError';
	}
}

/** A tool the sidecar needs is missing or broken on this machine (e.g. ffmpeg): the operator's to fix. */
export class DependencyError extends Error {
	constructor(
		readonly slug: string,
		detail: string,
	) {
		super(detail);
		this.name = 'DependencyError';
	}
}

/** Throws the signal's reason when it was aborted (a JobCancelledError for the queue's signals). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new JobCancelledError('deadline');
}
