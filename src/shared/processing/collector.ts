import { detectorNames } from './detectors/names';
import { collectorPatterns, secretKeyPatterns } from './collector-patterns';
import { ruleKey, type AttributeLevel, type MaskRule, type ProcessingRule } from './schema';

/**
 * A stream's processing rules as OpenTelemetry Collector processors, for
 * `sluice streams export --format otelcol` (docs/processing.md, "In the
 * Collector"): a `transform` processor with OTTL statements in rule order
 * (attributes whose key names a secret are deleted there: the `redaction`
 * processor's key patterns are newer than the Collector the export is
 * checked against, test/fixtures/otelcol/README.md). What
 * the Collector cannot do the way Sluice does is listed, one sentence each,
 * for the export to print.
 *
 * Strings are ready for a Collector configuration file: a literal `$` in a
 * pattern or replacement is written `$$` (the file's own `${env}`
 * substitution would take it otherwise).
 */
export interface CollectorProcessing {
  /** Processor configurations by name, for the `processors:` section. */
  processors: Record<string, Record<string, unknown>>;
  /** Their names in the order the logs pipeline lists them. */
  pipeline: string[];
  /** What the Collector does differently from Sluice for these rules. */
  differences: string[];
}

type Context = 'resource' | 'scope' | 'log';
const contextOf: Record<AttributeLevel, Context> = {
  resource: 'resource',
  scope: 'scope',
  record: 'log',
};

/** An OTTL string literal. */
function str(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `$` doubled for the Collector's configuration file. */
function dollars(s: string): string {
  return s.replace(/\$/g, '$$$$');
}

function attr(key: string): string {
  return `attributes[${str(key)}]`;
}

class Statements {
  readonly groups: { context: Context; statements: string[] }[] = [];

  add(context: Context, statement: string): void {
    const last = this.groups[this.groups.length - 1];
    // Consecutive statements of one context share a group; rule order is kept across groups.
    if (last && last.context === context) last.statements.push(statement);
    else this.groups.push({ context, statements: [statement] });
  }
}

interface Mask {
  regex: string;
  name: string;
  keepsPrefix: boolean;
}

function masksOf(rule: MaskRule, differences: Set<string>): Mask[] {
  if (rule.mask === 'builtin' || Array.isArray(rule.mask)) {
    const names = rule.mask === 'builtin' ? detectorNames : rule.mask;
    return names.map((name) => {
      const p = collectorPatterns[name];
      if (p.difference) differences.add(p.difference);
      return { regex: p.regex, name, keepsPrefix: p.keepsPrefix };
    });
  }
  const custom = rule.mask;
  if (/\((?!\?)/.test(custom.pattern)) {
    differences.add(
      `Pattern ${custom.name ?? 'custom'}: the whole match is masked; Sluice masks only the first group.`,
    );
  }
  return [
    {
      regex: `${custom.ignoreCase ? '(?i)' : ''}${custom.pattern}`,
      name: custom.name ?? 'custom',
      keepsPrefix: false,
    },
  ];
}

/** The OTTL arguments after the pattern: replacement, and for a hash the function and format. */
function replacementArgs(rule: MaskRule, m: Mask, key: string, differences: Set<string>): string {
  const fixed = () => str(dollars(`${m.keepsPrefix ? '${1}' : ''}[masked:${m.name}]`));
  if (rule.replace === 'hash') {
    if (m.keepsPrefix) {
      differences.add(
        `${key}: ${m.name} is masked with fixed text, not a hash: the Collector would hash its prefix too.`,
      );
      return fixed();
    }
    differences.add(
      `${key}: the Collector has no keyed hash; SHA256 of the value is used, which anyone can recompute for a guessed value (an e-mail or IP address), and hashes differ from Sluice's.`,
    );
    return `${str('$$0')}, SHA256, ${str(dollars(`[masked:${m.name}:%s]`))}`;
  }
  if (typeof rule.replace === 'object') {
    differences.add(
      `${key}: "keep the last ${rule.replace.keepLast}" becomes fixed text: OTTL cannot keep part of a match.`,
    );
  }
  return fixed();
}

function maskStatements(
  rule: MaskRule,
  key: string,
  out: Statements,
  differences: Set<string>,
  secretKeys: { levels: Set<AttributeLevel> },
): void {
  const levels = rule.levels ?? (['resource', 'scope', 'record'] as const);
  const attributes = rule.attributes ?? 'all';
  for (const m of masksOf(rule, differences)) {
    const regex = str(dollars(m.regex));
    const args = replacementArgs(rule, m, key, differences);
    if (rule.content ?? true) out.add('log', `replace_pattern(body, ${regex}, ${args})`);
    if (attributes === 'none') continue;
    for (const level of levels) {
      if (attributes === 'all') {
        out.add(contextOf[level], `replace_all_patterns(attributes, "value", ${regex}, ${args})`);
      } else {
        for (const k of attributes)
          out.add(contextOf[level], `replace_pattern(${attr(k)}, ${regex}, ${args})`);
      }
    }
  }
  const detectors =
    rule.mask === 'builtin' ? detectorNames : Array.isArray(rule.mask) ? rule.mask : [];
  if (attributes !== 'none' && detectors.includes('url-secret'))
    for (const level of levels) secretKeys.levels.add(level);
  if (rule.content ?? true) {
    differences.add(
      `${key}: only a string body is masked; strings inside a structured (map or list) body are not.`,
    );
  }
}

/** The stream's rules (its effective list: effectiveProcessingRules) as Collector processors. */
export function processingToCollector(
  rules: readonly ProcessingRule[],
  options: { suffix?: string } = {},
): CollectorProcessing {
  // A component name is `type/name`; the stream's slug goes into the name.
  const suffix = options.suffix ? `-${options.suffix}` : '';
  const out = new Statements();
  const differences = new Set<string>();
  const secretKeys = { levels: new Set<AttributeLevel>() };
  rules.forEach((rule, index) => {
    const key = ruleKey(rule, index);
    if ('mask' in rule) return maskStatements(rule, key, out, differences, secretKeys);
    if ('drop' in rule) {
      for (const level of rule.levels ?? (['resource', 'scope', 'record'] as const))
        out.add(contextOf[level], `delete_key(attributes, ${str(rule.drop)})`);
      return;
    }
    if ('rename' in rule) {
      for (const level of rule.levels ?? (['resource', 'scope', 'record'] as const)) {
        out.add(
          contextOf[level],
          `set(${attr(rule.to)}, ${attr(rule.rename)}) where ${attr(rule.rename)} != nil`,
        );
        out.add(contextOf[level], `delete_key(attributes, ${str(rule.rename)})`);
      }
      return;
    }
    if ('set' in rule) {
      const value = typeof rule.value === 'string' ? str(rule.value) : String(rule.value);
      out.add(contextOf[rule.level ?? 'resource'], `set(${attr(rule.set)}, ${value})`);
      return;
    }
    const n = rule.maxChars;
    if (rule.truncate === 'content') {
      out.add(
        'log',
        `set(body, Substring(body, 0, ${n})) where IsString(body) and Len(body) > ${n}`,
      );
    } else {
      const a = attr(rule.truncate);
      for (const level of rule.levels ?? (['resource', 'scope', 'record'] as const))
        out.add(
          contextOf[level],
          `set(${a}, Substring(${a}, 0, ${n})) where IsString(${a}) and Len(${a}) > ${n}`,
        );
    }
    differences.add(
      `${key}: the Collector counts characters as Go does (code points); Sluice counts UTF-16 units, so text beyond the Basic Multilingual Plane is cut a little later.`,
    );
  });
  for (const level of ['resource', 'scope', 'record'] as const) {
    if (!secretKeys.levels.has(level)) continue;
    for (const pattern of secretKeyPatterns)
      out.add(contextOf[level], `delete_matching_keys(attributes, ${str(dollars(pattern))})`);
  }
  if (secretKeys.levels.size > 0) {
    differences.add(
      'Attributes whose key names a secret (password, token, ...) are deleted in the Collector, where Sluice masks their value.',
    );
  }
  const processors: Record<string, Record<string, unknown>> = {};
  const pipeline: string[] = [];
  if (out.groups.length > 0) {
    const name = `transform/sluice-processing${suffix}`;
    // ignore: a statement that fails on one record leaves it as is and goes on (Sluice dead-letters it instead).
    processors[name] = { error_mode: 'ignore', log_statements: out.groups };
    pipeline.push(name);
    differences.add(
      'A statement that fails on a record leaves that record unchanged and sends it (error_mode: ignore); Sluice sends nothing for a record a rule fails on and dead-letters it.',
    );
    differences.add(
      'No bound on the work per record: Sluice scans at most 262,144 characters per value and 4 MiB per record.',
    );
  }
  return { processors, pipeline, differences: [...differences] };
}
