// Validates an exported Collector configuration the way the Collector would
// decode it, against test/fixtures/otelcol/schema.json (derived from the Go
// config structs; see its README): known component types only, no unknown
// key at any depth, value kinds, pipelines that reference defined
// components, storage that names a defined file_storage extension, Go
// durations, OTTL functions that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Node =
  | { kind: 'string' | 'int' | 'float' | 'bool' | 'duration' | 'bytesize' | 'component-id' | 'any' }
  | { kind: 'string-map' | 'operators' }
  | { kind: 'list'; items: Node }
  | { kind: 'map'; values: Node }
  | { kind: 'optional'; value: Node }
  | { kind: 'ref'; ref: string };

interface StructSchema {
  kind: 'struct';
  fields: Record<string, Node>;
  remain?: true;
}

export interface CollectorSchema {
  sources: Record<string, { repo: string; ref: string; commit: string }>;
  distributions: { dynatrace: { modules: Record<string, string[]> } };
  aliases: Record<string, Record<string, string>>;
  components: Record<string, Record<string, Node>>;
  operators: Record<string, Node>;
  service: Node;
  ottlFunctions: string[];
  types: Record<string, StructSchema>;
}

export const collectorSchema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'otelcol', 'schema.json'), 'utf8'),
) as CollectorSchema;

/** Go's time.ParseDuration: a sequence of decimal numbers with units, or 0. */
export const goDurationPattern = /^(0|[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;

const componentKinds = ['receivers', 'processors', 'exporters', 'extensions'] as const;

function typeOf(id: string): string {
  return id.split('/')[0]!;
}

class Checker {
  readonly problems: string[] = [];
  readonly storages: string[] = [];
  readonly ottl: string[] = [];

  constructor(private readonly schema: CollectorSchema) {}

  private fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  check(value: unknown, node: Node, path: string): void {
    switch (node.kind) {
      case 'any':
        return;
      case 'string':
      case 'component-id':
        if (typeof value !== 'string')
          return this.fail(path, `expected a string, got ${JSON.stringify(value)}`);
        if (node.kind === 'component-id' && path.endsWith('.storage'))
          this.storages.push(`${path}=${value}`);
        return;
      case 'bool':
        if (typeof value !== 'boolean')
          this.fail(path, `expected true or false, got ${JSON.stringify(value)}`);
        return;
      case 'int':
        if (!Number.isInteger(value))
          this.fail(path, `expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'float':
        if (typeof value !== 'number')
          this.fail(path, `expected a number, got ${JSON.stringify(value)}`);
        return;
      case 'bytesize':
        if (
          !Number.isInteger(value) &&
          !(typeof value === 'string' && /^\d+(\.\d+)?\s*[KMG]?i?B?$/i.test(value))
        )
          this.fail(path, `expected a byte size, got ${JSON.stringify(value)}`);
        return;
      case 'duration':
        if (typeof value !== 'string' || !goDurationPattern.test(value))
          this.fail(path, `expected a Go duration (5s, 1h0m0s), got ${JSON.stringify(value)}`);
        return;
      case 'string-map':
        if (!isObject(value)) return this.fail(path, 'expected a map of strings');
        for (const [k, v] of Object.entries(value))
          if (typeof v !== 'string') this.fail(`${path}.${k}`, 'expected a string');
        return;
      case 'list':
        if (!Array.isArray(value)) return this.fail(path, 'expected a list');
        value.forEach((v, i) => this.check(v, node.items, `${path}[${i}]`));
        return;
      case 'map':
        if (!isObject(value)) return this.fail(path, 'expected a map');
        for (const [k, v] of Object.entries(value)) this.check(v, node.values, `${path}.${k}`);
        return;
      case 'optional': {
        // configoptional.Optional: a struct also takes `enabled`.
        if (node.value.kind === 'ref' && isObject(value) && 'enabled' in value) {
          const { enabled, ...rest } = value;
          if (typeof enabled !== 'boolean') this.fail(`${path}.enabled`, 'expected true or false');
          return this.check(rest, node.value, path);
        }
        return this.check(value, node.value, path);
      }
      case 'operators':
        return this.operator(value, path);
      case 'ref':
        return this.struct(value, node.ref, path);
    }
  }

  private struct(value: unknown, ref: string, path: string): void {
    const schema = this.schema.types[ref];
    if (!schema) return this.fail(path, `no schema for ${ref}`);
    if (value === null) return; // a section left empty decodes to its defaults
    if (!isObject(value)) return this.fail(path, `expected a map (${ref})`);
    for (const [key, v] of Object.entries(value)) {
      const field = schema.fields[key];
      if (field) this.check(v, field, `${path}.${key}`);
      else if (!schema.remain)
        this.fail(
          `${path}.${key}`,
          `unknown key (allowed: ${Object.keys(schema.fields).join(', ')})`,
        );
    }
  }

  private operator(value: unknown, path: string): void {
    if (!isObject(value) || typeof value.type !== 'string')
      return this.fail(path, 'an operator needs a type');
    const node = this.schema.operators[value.type];
    if (!node) return this.fail(path, `operator type ${value.type} is not in the schema`);
    this.check(value, node, path);
  }

  component(kind: (typeof componentKinds)[number], id: string, config: unknown): void {
    const type = typeOf(id);
    const canonical = this.schema.aliases[kind]?.[type] ?? type;
    const node = this.schema.components[kind]?.[canonical];
    if (!node) return this.fail(`${kind}.${id}`, `unknown ${kind.slice(0, -1)} type ${type}`);
    this.check(config, node, `${kind}.${id}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** OTTL function names called in a statement or condition (`name(`), outside string literals. */
export function ottlFunctionsIn(statement: string): string[] {
  const code = statement.replace(/"(\\.|[^"\\])*"/g, '""');
  return [...code.matchAll(/([A-Za-z_]\w*)\s*\(/g)]
    .map((m) => m[1]!)
    .filter((n) => !['not', 'and', 'or', 'where'].includes(n));
}

/** Every problem with a configuration (parsed YAML), or none. */
export function validateCollectorConfig(config: unknown, schema = collectorSchema): string[] {
  const c = new Checker(schema);
  if (!isObject(config)) return ['the document is not a map'];
  for (const key of Object.keys(config))
    if (![...componentKinds, 'service', 'connectors'].includes(key))
      c.problems.push(`${key}: unknown top-level key`);
  const defined: Record<string, Set<string>> = {};
  for (const kind of componentKinds) {
    const section = config[kind];
    defined[kind] = new Set(isObject(section) ? Object.keys(section) : []);
    if (section === undefined) continue;
    if (!isObject(section)) {
      c.problems.push(`${kind}: expected a map`);
      continue;
    }
    for (const [id, body] of Object.entries(section)) c.component(kind, id, body);
  }
  c.check(config.service, schema.service, 'service');
  const service = isObject(config.service) ? config.service : {};
  for (const ext of (service.extensions as string[] | undefined) ?? [])
    if (!defined.extensions!.has(ext)) c.problems.push(`service.extensions: ${ext} is not defined`);
  const pipelines = isObject(service.pipelines) ? service.pipelines : {};
  if (Object.keys(pipelines).length === 0)
    c.problems.push('service.pipelines: there is no pipeline');
  for (const [name, p] of Object.entries(pipelines)) {
    if (!isObject(p)) continue;
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      const ids = (p[kind] as string[] | undefined) ?? [];
      if (kind !== 'processors' && ids.length === 0)
        c.problems.push(`service.pipelines.${name}: no ${kind}`);
      for (const id of ids)
        if (!defined[kind]!.has(id))
          c.problems.push(`service.pipelines.${name}.${kind}: ${id} is not defined`);
    }
  }
  // Every storage names a file_storage extension the service starts.
  for (const entry of c.storages) {
    const [path, id] = entry.split('=') as [string, string];
    if (
      typeOf(id) !== 'file_storage' ||
      !defined.extensions!.has(id) ||
      !((service.extensions as string[]) ?? []).includes(id)
    )
      c.problems.push(`${path}: ${id} is not a file_storage extension in service.extensions`);
  }
  // Every OTTL function exists in the pinned ottlfuncs.
  const known = new Set(schema.ottlFunctions);
  const processors = isObject(config.processors) ? config.processors : {};
  for (const [id, body] of Object.entries(processors)) {
    for (const statement of ottlStatements(typeOf(id), body)) {
      for (const fn of ottlFunctionsIn(statement))
        if (!known.has(fn))
          c.problems.push(
            `processors.${id}: OTTL function ${fn} does not exist in the pinned ottlfuncs`,
          );
    }
  }
  return c.problems;
}

/** The OTTL statements and conditions of a filter or transform processor. */
export function ottlStatements(type: string, body: unknown): string[] {
  if (!isObject(body)) return [];
  if (type === 'filter') {
    const logs = isObject(body.logs) ? body.logs : {};
    return ((logs.log_record as string[] | undefined) ?? []).map(String);
  }
  if (type === 'transform') {
    const groups = (body.log_statements as unknown[] | undefined) ?? [];
    return groups.flatMap((g) =>
      isObject(g)
        ? [...((g.statements as string[]) ?? []), ...((g.conditions as string[]) ?? [])]
        : [String(g)],
    );
  }
  return [];
}

/** Parses exported YAML as the Collector's reader would see it, after ${env:} expansion is left aside. */
export function parseCollectorYaml(text: string): unknown {
  return parse(text, { strict: true, uniqueKeys: true });
}
