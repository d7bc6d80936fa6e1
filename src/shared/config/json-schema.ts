import { z } from 'zod';
import { configDocumentSchema } from './schema';

/** A JSON Schema node, as much of it as Sluice reads. */
export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  const?: unknown;
  [key: string]: unknown;
}

/**
 * Every object in the file is closed: a misspelt field is refused, never
 * silently ignored. zod's input-side schema leaves objects open (zod strips
 * unknown keys), so close them here; records (`credentials`) keep their
 * value schema.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (typeof node !== 'object' || node === null) return;
  const n = node as JsonSchemaNode;
  if (n.properties && n.additionalProperties === undefined) n.additionalProperties = false;
  for (const value of Object.values(n)) closeObjects(value);
}

let cached: JsonSchemaNode | null = null;

/**
 * The published JSON Schema of the configuration file
 * (docs/sluice-config.schema.json, kept in step by a test). Generated from
 * the same zod schemas the engine validates with.
 */
export function configJsonSchema(): JsonSchemaNode {
  if (cached) return cached;
  const generated = z.toJSONSchema(configDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  closeObjects(generated);
  const { $schema, ...rest } = generated;
  cached = {
    $schema,
    title: 'Sluice configuration',
    description:
      'Sources and streams of a Sluice data folder. Secrets are never in this file: credentials are references. See docs/config.md.',
    ...rest,
  };
  return cached;
}
