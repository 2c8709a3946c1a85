/**
 * Multipart form fields as zod schemas. A client sends every field as a string; each builder here
 * turns it into the option's type and carries one wording for every way the value can be wrong,
 * so a 400 says `dpi must be an integer from 72 to 600 (got "5000")` whatever check failed.
 */
import { z } from 'zod';

/** "a, b or c" for a few choices, "one of a, b, c, d" for more. */
export function choiceWording(values: readonly string[]): string {
	if (values.length <= 3) return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
	return `one of ${values.join(', ')}`;
}

export const choice = <const T extends readonly [string, ...string[]]>(values: T) => {
	const wording = choiceWording(values);
	return z.enum(values, { error: () => wording });
};

/** The flags' schemas: sent as "true"/"false", echoed in answers as booleans (see contract/schema.ts). */
export const FLAGS = new WeakSet<object>();

/** "true" or "false", read as a boolean. */
export const flag = () => {
	const schema = z.enum(['true', 'false'], { error: () => 'true or false' }).transform((v) => v === 'true');
	FLAGS.add(schema);
	return schema;
};

export const numberIn = (min: number, max: number, integer = false) => {
	const wording = `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
	const n = z.coerce.number({ error: () => wording });
	return (integer ? n.int({ error: () => wording }) : n).min(min, { error: () => wording }).max(max, { error: () => wording });
};

/** What a failed parse says about its first bad field, in the sidecar's wording. */
export function formIssue(error: z.ZodError, sent: Record<string, string | undefined>): string {
	const issue = error.issues[0]!;
	const name = String(issue.path[0] ?? 'form');
	return `${name} must be ${issue.message} (got "${sent[name] ?? ''}")`;
}
