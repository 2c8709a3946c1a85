/** Reading multipart form fields (multer puts them in req.body as strings, or arrays when repeated). */
import { problems } from './problem';

export type FormFields = Record<string, unknown>;

/** The field's last value, trimmed; undefined when absent or blank. */
export function formField(fields: FormFields, name: string): string | undefined {
	const v = fields[name];
	if (v === undefined) return undefined;
	const s = (Array.isArray(v) ? String(v[v.length - 1]) : String(v)).trim();
	return s === '' ? undefined : s;
}

/** One of `allowed`, or undefined when absent; `wording` is how the message lists the choices. */
export function enumField<T extends string>(fields: FormFields, name: string, allowed: readonly T[], wording = `one of ${allowed.join(', ')}`): T | undefined {
	const v = formField(fields, name);
	if (v === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(v)) throw problems.badRequest(`${name} must be ${wording} (got "${v}")`);
	return v as T;
}

export function boolField(fields: FormFields, name: string): boolean | undefined {
	const v = enumField(fields, name, ['true', 'false'], 'true or false');
	return v === undefined ? undefined : v === 'true';
}

export function numberField(fields: FormFields, name: string, min: number, max: number, integer = false): number | undefined {
	const v = formField(fields, name);
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
		throw problems.badRequest(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got "${v}")`);
	}
	return n;
}
