// Writes docs/sluice-config.schema.json from the zod schemas
// (src/shared/config). Run after changing a schema:
//   npx tsx scripts/config-schema.ts
// test/unit/shared/config/json-schema.test.ts fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { configJsonSchema } from '../src/shared/config/json-schema';

const schemaFile = join(import.meta.dirname, '..', 'docs', 'sluice-config.schema.json');
const options = (await resolveConfig(schemaFile)) ?? {};
const text = await format(JSON.stringify(configJsonSchema()), { ...options, parser: 'json' });
writeFileSync(schemaFile, text);
process.stdout.write(`Wrote ${schemaFile}\n`);
