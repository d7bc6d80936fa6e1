import type { ConfigApplyResult } from '../../shared/api/config';
import { describeIssue, type ConfigChange } from '../../shared/config';
import { findJsonSyntaxProblem, lineAndColumn } from '../../shared/otlp/json-syntax';
import { InputError, readInputFile, type CliIo } from './command';

/** Where the text stops being JSON, and why, as a person can find it. */
function where(text: string): string {
  const problem = findJsonSyntaxProblem(text);
  if (!problem) return '';
  const { line, column } = lineAndColumn(text, problem.offset);
  return ` at line ${line}, column ${column}: ${problem.reason}`;
}

/** Reads and parses a configuration file (`-`: standard input). */
export async function readConfigFile(file: string, io: CliIo): Promise<unknown> {
  // A byte-order mark (some Windows editors write one) is not part of the JSON.
  const text = (await readInputFile(file, io)).toString('utf8').replace(/^\uFEFF/, '');
  const name = file === '-' ? 'Standard input' : file;
  if (text.trim() === '') {
    throw new InputError(
      `${name} is empty: expected a configuration file (docs/config.md); nothing was changed.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON.parse's message: it quotes the text around the mistake, which may hold a pasted secret.
    // YAML is the usual other guess for a configuration file: say it is not read.
    const yaml = /^\s*(#.*\n\s*)*[A-Za-z$][\w$-]*:(\s|$)/.test(text)
      ? ' (it looks like YAML: Sluice reads JSON; `sluice streams export` writes a template)'
      : '';
    throw new InputError(`${name} is not valid JSON${where(text)}${yaml}; nothing was changed.`);
  }
}

function changeLine(c: ConfigChange, dryRun: boolean): string {
  const verb = c.action === 'create' ? 'create' : 'update';
  const done = dryRun ? `would ${verb}` : `${verb}d`;
  const fields = c.action === 'update' ? `: ${c.fields.join(', ')}` : '';
  return `${done} ${c.kind} "${c.name}"${fields}`;
}

/**
 * Prints what applying a file did (or would do): warnings on stderr, the
 * changes on stdout; a refused file is an InputError listing every problem.
 */
export function reportApply(
  result: ConfigApplyResult,
  file: string,
  dryRun: boolean,
  io: CliIo,
): void {
  for (const w of result.warnings) io.stderr(`warning: ${describeIssue(w)}\n`);
  if (!result.valid) {
    const n = result.errors.length;
    throw new InputError(
      `${file} was refused (${n} ${n === 1 ? 'problem' : 'problems'}); nothing was changed:\n` +
        result.errors.map((e) => `  ${describeIssue(e)}`).join('\n'),
    );
  }
  const changed = result.changes.filter((c) => c.action !== 'unchanged');
  const unchanged = result.changes.length - changed.length;
  if (changed.length === 0) {
    io.stdout(`${file}: nothing to change.\n`);
    return;
  }
  for (const c of changed) io.stdout(`${changeLine(c, dryRun)}\n`);
  if (unchanged > 0) io.stdout(`(${unchanged} unchanged)\n`);
}
