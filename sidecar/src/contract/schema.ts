/**
 * The contract's building blocks: every named request and response schema is a zod schema added
 * to one of two registries, and the OpenAPI components are generated from them (z.toJSONSchema).
 * Responses are described as the sidecar writes them (output), request forms as a client sends
 * them (input: every multipart field is a string).
 */
import { z } from 'zod';
import { FLAGS } from './form';

export type Meta = { id: string };

/** Answers: the JSON the sidecar sends. */
export const answers = z.registry<Meta>();
/** Requests: the multipart form fields a client sends. */
export const forms = z.registry<Meta>();

/** Adds `schema` to `registry` under `id` (its name in #/components/schemas) and returns it. */
export function named<S extends z.ZodType>(registry: z.core.$ZodRegistry<Meta>, id: string, schema: S): S {
	registry.add(schema, { id });
	return schema;
}

/** An integer (counts, pixels, pages). */
export const int = () => z.number().int();

/** An answer's object schema, named: `answer('GpuInfo', { … })`. */
export const answer = <S extends z.ZodRawShape>(id: string, shape: S) => named(answers, id, z.object(shape));

const REF_BASE = '#/components/schemas/';
const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** zod's JSON Schema, as OpenAPI components want it: no per-schema $schema/$id, no ±2^53 bounds on plain integers. */
function tidy(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(tidy);
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(node)) {
		if (k === '$schema' || k === '$id') continue;
		if ((k === 'minimum' && v === -SAFE_INT) || (k === 'maximum' && v === SAFE_INT)) continue;
		out[k] = tidy(v);
	}
	return out;
}

/** The components.schemas of the OpenAPI document: answers as written, forms as sent. */
export function componentSchemas(): Record<string, object> {
	const uri = (id: string) => `${REF_BASE}${id}`;
	// An answer echoes the options it was made with: a flag's transform is written as the boolean it gives.
	const out = z.toJSONSchema(answers, {
		uri,
		target: 'draft-2020-12',
		io: 'output',
		unrepresentable: 'any',
		override: ({ zodSchema, jsonSchema }) => {
			if (!FLAGS.has(zodSchema)) return;
			for (const k of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[k];
			jsonSchema.type = 'boolean';
		},
	}).schemas;
	const input = z.toJSONSchema(forms, { uri, target: 'draft-2020-12', io: 'input' }).schemas;
	return tidy({ ...out, ...input }) as Record<string, object>;
}

export const ref = (id: string) => ({ $ref: `${REF_BASE}${id}` });
