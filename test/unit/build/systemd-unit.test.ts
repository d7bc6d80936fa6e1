import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runOptions } from '../../../src/main/cli/commands/run';
import { projectRoot, sluiceBin } from '../../support/sluice-process';
import { tempDir } from '../../support/temp-dir';

/** build/systemd/sluice.service: a unit systemd accepts, running `sluice run` as the CLI really takes it. */

const unitPath = join(projectRoot, 'build', 'systemd', 'sluice.service');
const unitText = readFileSync(unitPath, 'utf8');

/** Section -> key -> values (a key may repeat), as systemd reads a unit file. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) throw new Error(`Not a unit-file line: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

const unit = parseUnit(unitText);
const service = unit.get('Service')!;
const one = (key: string) => {
  const values = service.get(key) ?? [];
  expect(values, key).toHaveLength(1);
  return values[0]!;
};

describe('the systemd unit for sluice run', () => {
  it('has the restart policy, credentials file, reload, data folder and hardening the docs promise', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(one('Restart')).toBe('on-failure');
    expect(one('EnvironmentFile')).toBe('/etc/sluice/sluice.env');
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(one('StateDirectory')).toBe('sluice');
    expect(one('StateDirectoryMode')).toBe('0700');
    expect(one('UMask')).toBe('0077');
    for (const key of ['NoNewPrivileges', 'PrivateTmp']) expect(one(key), key).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('starts sluice run with options the command really takes, in the state directory', () => {
    const [binary, command, ...args] = one('ExecStart').split(/\s+/);
    expect(binary).toBe('/usr/bin/sluice');
    expect(command).toBe('run');
    // The same strict parsing `sluice run` does: an unknown or misspelt option throws.
    const { values } = parseArgs({ args, options: runOptions, strict: true });
    expect(values['data-dir']).toBe(`/var/lib/${one('StateDirectory')}`);
    expect(values.config).toBe('/etc/sluice/sluice.json');
    expect(Number(values['metrics-port'])).toBeGreaterThan(1024);
    // systemd must not kill it while it drains.
    expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(Number(values['drain-timeout']));
  });

  const analyze = spawnSync('systemd-analyze', ['--version']);
  // A skip on a fact of this machine, said aloud (docs/testing.md).
  if (analyze.status !== 0)
    process.stdout.write('systemd-analyze verify skipped: systemd-analyze is not installed here.\n');
  it.runIf(analyze.status === 0)('passes systemd-analyze verify without a warning', () => {
    // verify wants ExecStart to exist: point it at this checkout's sluice.
    const copy = join(tempDir(), 'sluice.service');
    writeFileSync(copy, unitText.replace('/usr/bin/sluice ', `${sluiceBin} `));
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', copy], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
  });
});
