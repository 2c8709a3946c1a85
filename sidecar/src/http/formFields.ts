/** Reading multipart form fields (multer puts them in req.body as strings, or arrays when repeated). */
export type FormFields = Record<string, unknown>;

/** The field's last value, trimmed; undefined when absent or blank. */
export function formField(fields: FormFields, name: string): string | undefined {
	const v = fields[name];
	if (v === undefined) return undefined;
	const s = (Array.isArray(v) ? String(v[v.length - 1]) : String(v)).trim();
	return s === '' ? undefined : s;
}
