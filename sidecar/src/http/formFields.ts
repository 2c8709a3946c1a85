/** Reading multipart form fields (multer puts them in req.body as strings, or arrays when repeated) with the contract's schemas. */
import type { z } from 'zod';
import { formIssue } from '../contract/form';
import { problems } from './problem';

export type FormFields = Record<string, unknown>;

/** The field's last value, trimmed; undefined when absent or blank. */
export function formField(fields: FormFields, name: string): string | undefined {
	const v = fields[name];
	if (v === undefined) return undefined;
	const s = (Array.isArray(v) ? String(v[v.length - 1]) : String(v)).trim();
	return s === '' ? undefined : s;
}

/**
 * The options a form asks for, parsed by the contract's schema for it (defaults filled in). Only the
 * schema's own fields are read; a bad value is a 400 that names the field and what it must be.
 */
export function parseForm<S extends z.ZodObject>(schema: S, fields: FormFields): z.output<S> {
	const sent = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, formField(fields, name)]));
	const parsed = schema.safeParse(sent);
	if (!parsed.success) throw problems.badRequest(formIssue(parsed.error, sent));
	return parsed.data;
}
