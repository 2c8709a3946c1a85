/**
 * Writes nodes/shared/contract.ts: a TypeScript type for every schema of the sidecar's OpenAPI
 * document (sidecar/src/openapi/document.ts, its schemas generated from the zod schemas in sidecar/src/contract/), so the nodes type the answers they read from the
 * document the sidecar serves, not from a copy. Types only: the community package keeps no runtime
 * dependency. `npm run node-types`; npm test fails when the committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../sidecar/src/openapi/document';

export const NODE_TYPES_PATH = path.join(__dirname, '../nodes/shared/contract.ts');

type Schema = {
	$ref?: string;
	type?: string | string[];
	enum?: unknown[];
	const?: unknown;
	properties?: Record<string, Schema>;
	required?: string[];
	additionalProperties?: boolean | Schema;
	items?: Schema;
	prefixItems?: Schema[];
	oneOf?: Schema[];
	anyOf?: Schema[];
	allOf?: Schema[];
	description?: string;
};

const literal = (v: unknown) => (v === null ? 'null' : typeof v === 'string' ? `'${v.replace(/['\\]/g, '\\$&')}'` : JSON.stringify(v));
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));

function typeOf(s: Schema, indent: string): string {
	if (s.$ref) return s.$ref.replace('#/components/schemas/', '');
	if (s.const !== undefined) return literal(s.const);
	if (s.enum) return s.enum.map(literal).join(' | ');
	if (s.oneOf || s.anyOf) return (s.oneOf ?? s.anyOf)!.map((x) => typeOf(x, indent)).join(' | ');
	if (s.allOf) return s.allOf.map((x) => typeOf(x, indent)).join(' & ');
	const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
	if (types.length > 1) return types.map((t) => typeOf({ ...s, type: t }, indent)).join(' | ');
	switch (types[0]) {
		case 'string':
			return 'string';
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'null':
			return 'null';
		case 'array':
			if (s.prefixItems) return `[${s.prefixItems.map((x) => typeOf(x, indent)).join(', ')}]`;
			return `Array<${s.items ? typeOf(s.items, indent) : 'unknown'}>`;
		case 'object':
			return objectOf(s, indent);
		default:
			return 'unknown';
	}
}

function objectOf(s: Schema, indent: string): string {
	const props = Object.entries(s.properties ?? {});
	const extra = typeof s.additionalProperties === 'object' ? typeOf(s.additionalProperties, indent) : null;
	if (props.length === 0) return extra ? `Record<string, ${extra}>` : 'Record<string, unknown>';
	const inner = `${indent}\t`;
	const lines = props.map(([k, v]) => {
		const doc = v.description ? `${inner}/** ${v.description.replace(/\*\//g, '* /')} */\n` : '';
		return `${doc}${inner}${key(k)}${s.required?.includes(k) ? '' : '?'}: ${typeOf(v, inner)};`;
	});
	return `{\n${lines.join('\n')}\n${indent}}`;
}

export function nodeTypesText(): string {
	const schemas = openApiDocument('contract').components.schemas as unknown as Record<string, Schema>;
	const out = [
		'/**',
		' * Generated from the sidecar\'s OpenAPI document by scripts/node-types.ts (npm run node-types):',
		' * do not edit. The sidecar\'s answers as the nodes read them.',
		' */',
	];
	for (const [name, schema] of Object.entries(schemas)) {
		const body = typeOf(schema, '');
		out.push('', body.startsWith('{') ? `export interface ${name} ${body}` : `export type ${name} = ${body};`);
	}
	return `${out.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
	fs.writeFileSync(NODE_TYPES_PATH, nodeTypesText());
	console.log(`wrote ${path.relative(process.cwd(), NODE_TYPES_PATH)}`);
}
