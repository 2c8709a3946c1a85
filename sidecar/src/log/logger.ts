/** One JSON object per line on stdout: easy to ship to any log collector, no dependency. */
import type { LogLevel } from '../config/config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
	debug(msg: string, fields?: LogFields): void;
	info(msg: string, fields?: LogFields): void;
	warn(msg: string, fields?: LogFields): void;
	error(msg: string, fields?: LogFields): void;
	child(fields: LogFields): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink: LogSink = (l) => process.stdout.write(l + '\n'), base: LogFields = {}): Logger {
	const emit = (at: LogLevel, msg: string, fields?: LogFields) => {
		if (ORDER[at] < ORDER[level]) return;
		sink(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...base, ...fields }));
	};
	return {
		debug: (m, f) => emit('debug', m, f),
		info: (m, f) => emit('info', m, f),
		warn: (m, f) => emit('warn', m, f),
		error: (m, f) => emit('error', m, f),
		child: (fields) => createLogger(level, sink, { ...base, ...fields }),
	};
}

/** Error details for logs only (never sent to clients). */
export function errorFields(err: unknown): LogFields {
	if (err instanceof Error) return { err: err.message, errName: err.name, stack: err.stack };
	return { err: String(err) };
}
