import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFile, UsageError, type CliIo } from '../../../src/main/cli/command';

function io(cwd: string, stdin = ''): CliIo {
  return {
    stdout: () => {},
    stderr: () => {},
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    env: {},
    cwd,
    stopSignal: new Promise(() => {}),
  };
}

describe('readInputFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-read-input-'));
  writeFileSync(join(dir, 'a.json'), '{"a":1}');

  it('reads a file relative to the working folder, and - from standard input', async () => {
    expect((await readInputFile('a.json', io(dir))).toString()).toBe('{"a":1}');
    expect((await readInputFile('-', io(dir, 'from stdin'))).toString()).toBe('from stdin');
  });

  it('says in words why a file cannot be read', async () => {
    await expect(readInputFile('missing.json', io(dir))).rejects.toThrow(
      new UsageError('cannot read missing.json: no such file.'),
    );
    await expect(readInputFile('.', io(dir))).rejects.toThrow(
      new UsageError('cannot read .: it is a folder.'),
    );
  });
});
