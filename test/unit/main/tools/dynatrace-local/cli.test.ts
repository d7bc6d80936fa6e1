import { describe, expect, it } from 'vitest';
import {
  dynatraceLocalCommand,
  parseSize,
} from '../../../../../src/main/cli/commands/dynatrace-local';
import { runCli } from '../../../../../src/main/cli/main';
import { captureIo } from './capture-io';

describe('sluice dynatrace-local: usage', () => {
  it('is listed by sluice --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(
      /^ {2}dynatrace-local +Run a local Dynatrace-compatible OTLP logs endpoint/m,
    );
  });

  it('documents every option in --help, the same from run() and from sluice', async () => {
    const direct = captureIo();
    expect(await dynatraceLocalCommand.run(['--help'], direct)).toBe(0);
    for (const flag of [
      '--port N',
      '--token TOKEN',
      '--any-token',
      '--model raw|flattened',
      '--max-payload SIZE',
      '--keep N',
      '--quiet',
      '--fail-next N',
      '--fail-status S',
      '--retry-after S',
      '--latency MS',
      '--hang-next N',
      '--reset-next N',
      '-h, --help',
    ]) {
      expect(direct.out()).toContain(flag);
    }
    const viaCli = captureIo();
    expect(await runCli(['dynatrace-local', '--help'], viaCli)).toBe(0);
    expect(viaCli.out()).toBe(direct.out());
  });

  it.each([
    [['--port', 'eighty'], '--port must be a port number from 0 to 65535'],
    [['--colour'], "Unknown option '--colour'"],
    [['--model', 'nested'], '--model must be raw or flattened; got "nested".'],
    [['--max-payload', '2GBx'], '--max-payload must be a size such as 2MB'],
    [['--max-payload', '0'], '--max-payload must be a size'],
    [['--keep=-1'], '--keep must be a whole number; got "-1".'],
    [['--keep', 'lots'], '--keep must be a whole number; got "lots".'],
    [['--fail-next', '0'], '--fail-next must be a whole number from 1'],
    [['--fail-status', '503'], '--fail-status needs --fail-next N.'],
    [['--retry-after', '2'], '--retry-after needs --fail-next N.'],
    [
      ['--fail-next', '1', '--fail-status', '200'],
      '--fail-status must be a whole number from 400 to 599',
    ],
    [
      ['--fail-next', '1', '--retry-after', 'soon'],
      '--retry-after: Retry-After must be a number of seconds or an HTTP date',
    ],
    [['--latency', 'slow'], '--latency must be a whole number from 0 to 300000'],
    [['--token', 'a', '--any-token'], 'give either --token or --any-token, not both.'],
    [['--token', 'has space'], '--token must be printable ASCII without spaces.'],
    [['extra'], 'Unexpected argument'],
  ])('%j exits 2 with one line', async (args, message) => {
    const io = captureIo();
    expect(await dynatraceLocalCommand.run(args, io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).toMatch(/^sluice dynatrace-local: [^\n]+\n$/);
    expect(io.out()).toBe('');
  });
});

describe('parseSize', () => {
  it.each([
    ['65536', 65_536],
    ['512KB', 512 * 1024],
    ['512k', 512 * 1024],
    ['2MB', 2 * 1024 * 1024],
    ['2 MiB', 2 * 1024 * 1024],
    ['100B', 100],
  ])('%s -> %i', (text, bytes) => {
    expect(parseSize('max-payload', text)).toBe(bytes);
  });

  it.each(['', '2GB', '1.5MB', '-1', 'MB'])('refuses %j', (text) => {
    expect(() => parseSize('max-payload', text)).toThrow(/--max-payload must be a size/);
  });
});
