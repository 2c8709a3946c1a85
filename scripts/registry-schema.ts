/**
 * Writes sidecar/models/registry.schema.json from the registry's schema in code
 * (sidecar/src/models/registrySchema.ts). `npm run registry:schema`; npm test fails while the
 * committed file differs from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { registryJsonSchema } from '../sidecar/src/models/registrySchema';

export const REGISTRY_SCHEMA_PATH = path.join(__dirname, '../sidecar/models/registry.schema.json');
export const registrySchemaText = (): string => `${JSON.stringify(registryJsonSchema(), null, '\t')}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
	fs.writeFileSync(REGISTRY_SCHEMA_PATH, registrySchemaText());
	console.log(`wrote ${path.relative(process.cwd(), REGISTRY_SCHEMA_PATH)}`);
}
