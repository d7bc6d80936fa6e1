import { formatConfigPath, type ConfigIssue, type PathPart } from './issues';
import type { JsonSchemaNode } from './json-schema';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isObjectNode(n: JsonSchemaNode): boolean {
  return n.type === 'object' || n.properties !== undefined;
}

/** Branches whose constants (`tool`, `kind`) all match, then whose required keys are present; only an unambiguous one is followed. */
function branchFor(value: Record<string, unknown>, node: JsonSchemaNode): JsonSchemaNode | null {
  const branches = node.oneOf ?? node.anyOf;
  if (!branches) return node;
  const objects = branches.filter(isObjectNode);
  const matching = objects.filter((b) =>
    Object.entries(b.properties ?? {}).every(
      ([key, p]) => p.const === undefined || value[key] === p.const,
    ),
  );
  if (matching.length <= 1) return matching[0] ?? null;
  // Branches told apart by which key is present (processing rules: "mask", "drop"...).
  const present = matching.filter((b) =>
    ((b.required as string[] | undefined) ?? []).every((key) => key in value),
  );
  return present.length === 1 ? present[0]! : null;
}

/** Edit distance, for "did you mean": small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const old = row[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + cost);
      prev = old;
    }
  }
  return row[b.length]!;
}

function unknownMessage(key: string, known: string[]): string {
  const close = known
    .map((k) => ({ k, d: distance(key, k) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.ceil(k.length / 3)))
    .sort((x, y) => x.d - y.d)[0];
  if (close) return `Unknown field; did you mean "${close.k}"?`;
  return known.length > 0
    ? `Unknown field. Expected one of: ${known.join(', ')}.`
    : 'Unknown field.';
}

/**
 * Fields the schema does not have, anywhere in the file, reported all at
 * once (zod would drop them silently). Walks the published JSON Schema, so
 * the schema editors see and the validation agree. Where a union's branch is
 * unclear (an unknown `tool`), zod reports that and the walk stops there.
 */
export function unknownFields(
  value: unknown,
  node: JsonSchemaNode,
  path: PathPart[] = [],
): ConfigIssue[] {
  if (Array.isArray(value)) {
    const items = node.items;
    return items ? value.flatMap((v, i) => unknownFields(v, items, [...path, i])) : [];
  }
  if (!isObject(value)) return [];
  const branch = branchFor(value, node);
  if (!branch) return [];
  const issues: ConfigIssue[] = [];
  const properties = branch.properties ?? {};
  const extra = branch.additionalProperties;
  for (const [key, child] of Object.entries(value)) {
    const p = properties[key];
    if (p) issues.push(...unknownFields(child, p, [...path, key]));
    else if (typeof extra === 'object') issues.push(...unknownFields(child, extra, [...path, key]));
    else if (branch.properties) {
      issues.push({
        path: formatConfigPath([...path, key]),
        message: unknownMessage(key, Object.keys(properties)),
      });
    }
  }
  return issues;
}
