/**
 * A small YAML writer for configuration documents: block mappings and
 * sequences, strings quoted only when a plain scalar could be read as
 * something else. Deterministic by construction: keys come out in the order
 * the object has them (the mapping builds them in a fixed order), numbers in
 * their shortest form, nothing depends on time or locale.
 *
 * Why our own: a Collector configuration needs only this subset, the output
 * must be byte-stable across versions of any dependency, and the renderer
 * shares it (no Node).
 */
export type YamlValue =
  string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

// A plain scalar that YAML 1.2 (core schema) and YAML 1.1 readers (Go's
// yaml.v3 reads `yes`/`on` as booleans in some places) both take as text.
const plainSafe = /^[A-Za-z_./][A-Za-z0-9_./:@+-]*$/;
const reserved = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function quote(s: string): string {
  // JSON's escapes are a subset of YAML's double-quoted escapes.
  return JSON.stringify(s);
}

/** A literal block keeps a multi-line text (a PEM certificate) readable. */
function literalBlock(s: string, indent: string): string | null {
  if (!s.includes('\n') || /[\r\t]/.test(s) || /^\s/.test(s) || / \n|\n /.test(s)) return null;
  if (/[^\x20-\x7e\n]/.test(s)) return null;
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '|-' : trailing === 1 ? '|' : null;
  if (chomp === null) return null;
  const body = trailing ? s.slice(0, -trailing) : s;
  return `${chomp}\n${body
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n')}`;
}

export function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} in YAML`);
    return String(v);
  }
  if (plainSafe.test(v) && !reserved.test(v) && !/^[-+.]?\d/.test(v) && !v.endsWith(':')) return v;
  return quote(v);
}

function keyText(key: string): string {
  return yamlScalar(key);
}

function isEmptyCollection(v: YamlValue): boolean {
  return Array.isArray(v)
    ? v.length === 0
    : typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

function emit(value: YamlValue, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
        const inner: string[] = [];
        emit(item, `${indent}  `, inner);
        // The first line of the item goes after "- ".
        out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
      } else {
        out.push(`${indent}- ${inline(item, `${indent}  `)}`);
      }
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
        out.push(`${indent}${keyText(key)}:`);
        emit(v, `${indent}  `, out);
      } else {
        out.push(`${indent}${keyText(key)}: ${inline(v, `${indent}  `)}`);
      }
    }
    return;
  }
  out.push(`${indent}${inline(value, indent)}`);
}

function inline(v: YamlValue, indent: string): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  if (typeof v === 'string') return literalBlock(v, indent) ?? yamlScalar(v);
  return yamlScalar(v);
}

/** The document as YAML text, with `comment` lines (without `#`) before it. */
export function toYaml(value: YamlValue, comment: readonly string[] = []): string {
  const lines = comment.map((c) => (c === '' ? '#' : `# ${c}`));
  if (lines.length) lines.push('');
  if (value !== null && typeof value === 'object' && !isEmptyCollection(value))
    emit(value, '', lines);
  else lines.push(inline(value, ''));
  return `${lines.join('\n')}\n`;
}
