/** Validates bodies against the sidecar's own OpenAPI document (JSON Schema 2020-12 via ajv). */
import Ajv2020 from 'ajv/dist/2020';

export type ApiDoc = { components: { schemas: Record<string, object> } };

export function schemaValidator(doc: ApiDoc): (schemaName: string, body: unknown) => string | null {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	const base = 'https://gpu-inference-sidecar/openapi.json';
	ajv.addSchema({ $id: base, components: doc.components });
	return (name, body) => {
		const validate = ajv.getSchema(`${base}#/components/schemas/${name}`) ?? ajv.compile({ $ref: `${base}#/components/schemas/${name}` });
		return validate(body) ? null : ajv.errorsText(validate.errors);
	};
}

/** A validator for the schemas of a running sidecar's own /openapi.json. */
export async function validatorOf(baseUrl: string): Promise<(schemaName: string, body: unknown) => string | null> {
	return schemaValidator((await (await fetch(`${baseUrl}/openapi.json`)).json()) as ApiDoc);
}
