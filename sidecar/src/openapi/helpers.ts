/** Building blocks of the OpenAPI document: object schemas, problem responses. */
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

export const problemResponse = (description: string) => ({
	description,
	content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** An object schema whose properties are all required but the `optional` ones (required is derived, not listed twice). */
export const obj = <P extends Record<string, unknown>>(
	properties: P,
	optional: Array<keyof P & string> = [],
) => ({
	type: 'object' as const,
	required: Object.keys(properties).filter((k) => !optional.includes(k)),
	properties,
});

const binary = { type: 'string', format: 'binary' };

/** A multipart upload's body: one file or several, and the options forms (component names) that go with it. */
export const uploadBody = (files: 'one' | 'many', ...options: string[]) => {
	const file = obj({ file: files === 'many' ? { type: 'array', items: binary } : binary });
	return {
		required: true,
		content: { 'multipart/form-data': { schema: options.length ? { allOf: [file, ...options.map((id) => ({ $ref: `#/components/schemas/${id}` }))] } : file } },
	};
};

export const v1Errors = {
	'401': problemResponse('Missing or wrong API key (only when API_KEY is set)'),
	'503': problemResponse('Models not loaded yet, or the sidecar is shutting down'),
};

export const uploadErrors = {
	'400': problemResponse('No file, or a malformed multipart body'),
	'413': problemResponse('The upload exceeds MAX_UPLOAD_MB'),
	'415': problemResponse('Not multipart/form-data, or a file type this route does not accept'),
	'422': problemResponse('The file is empty, corrupt, or encrypted'),
	'429': problemResponse('The inference queue is full (see Retry-After)'),
	'504': problemResponse('The request exceeded REQUEST_TIMEOUT_MS'),
};

