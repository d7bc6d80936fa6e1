import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, type JsonSchemaNode } from '../../../../src/shared/config';
import { projectRoot } from '../../../support/sluice-process';

const committed = () =>
  JSON.parse(
    readFileSync(join(projectRoot, 'docs', 'sluice-config.schema.json'), 'utf8'),
  ) as unknown;

/** Every property name anywhere in the schema. */
function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, out));
  else if (typeof node === 'object' && node !== null) {
    const n = node as JsonSchemaNode;
    for (const key of Object.keys(n.properties ?? {})) out.add(key);
    for (const value of Object.values(n)) propertyNames(value, out);
  }
  return out;
}

describe('the published JSON Schema', () => {
  it('is what the zod schemas generate (run: npx tsx scripts/config-schema.ts)', () => {
    expect(committed()).toEqual(configJsonSchema());
  });

  it('closes every object, so editors flag a misspelt field as Sluice does', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const n = node as JsonSchemaNode;
      if (n.properties && n.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}.${k}`);
    };
    walk(configJsonSchema(), '$');
    expect(open).toEqual([]);
  });

  it('has every field documented in docs/config.md', () => {
    const doc = readFileSync(join(projectRoot, 'docs', 'config.md'), 'utf8');
    const missing = [...propertyNames(configJsonSchema())].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
