import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcessEngine } from '../../../src/main/host/in-process-host';
import { startDynatraceLocal, type DynatraceLocal } from '../../../src/main/tools/dynatrace-local';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { sluiceInProcess } from '../../support/cli-io';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { tempDir } from '../../support/temp-dir';

// A distinctive token whose secret part must never be printed or written.
const secret = 'CLISECRET'.padEnd(64, '7');
const token = `dt0c01.CLIPUBLIC0123456789ABCDE.${secret}`;

let dt: DynatraceLocal | null = null;
afterEach(async () => {
  await dt?.close();
  dt = null;
});

function configFile(dir: string, url: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'sluice.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [
        { name: 'Quiet files', settings: { kind: 'file', paths: [join(dir, 'none', '*.log')] } },
      ],
      streams: [
        {
          name: 'Local DT',
          destination: { tool: 'dynatrace', url },
          credentials: { token: { env: 'DT_API_TOKEN' } },
          sources: ['Quiet files'],
          ...extra,
        },
      ],
    }),
  );
  return file;
}

describe('sluice streams, in-process, on a data folder no instance runs', () => {
  it('imports, lists, shows status as JSON, pauses, resumes, exports, and re-imports with nothing to change', async () => {
    const dir = tempDir();
    const file = configFile(dir, 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs');
    const d = ['--data-dir', dir];
    const env = { DT_API_TOKEN: token };

    const dry = await sluiceInProcess(['streams', 'import', file, '--dry-run', ...d], { env });
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout).toBe('would create source "Quiet files"\nwould create stream "Local DT"\n');
    expect(JSON.parse((await sluiceInProcess(['streams', 'list', '--json', ...d])).stdout)).toEqual(
      [],
    );

    const imported = await sluiceInProcess(['streams', 'import', file, ...d], { env });
    expect(imported.stdout).toBe('created source "Quiet files"\ncreated stream "Local DT"\n');

    const list = JSON.parse((await sluiceInProcess(['streams', 'list', '--json', ...d])).stdout);
    expect(list).toEqual([
      {
        name: 'Local DT',
        id: expect.any(String),
        active: true,
        tool: 'dynatrace',
        endpoint: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
        sources: ['Quiet files'],
        stage: null,
      },
    ]);

    const status = await sluiceInProcess(['streams', 'status', 'local dt', '--json', ...d]);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name: 'Local DT',
      status: 'active',
      running: false,
      sending: null,
      backlog: { records: 0 },
      lastError: null,
    });

    expect((await sluiceInProcess(['streams', 'pause', 'Local DT', ...d])).stdout).toBe(
      '"Local DT" is now Inactive: nothing is sent; records keep being buffered.\n',
    );
    const all = JSON.parse((await sluiceInProcess(['streams', 'status', '--json', ...d])).stdout);
    expect(all).toMatchObject({ running: false, pid: null, streams: [{ status: 'inactive' }] });
    expect((await sluiceInProcess(['streams', 'resume', 'Local DT', ...d])).stdout).toBe(
      '"Local DT" is now Active.\n',
    );

    const out = join(dir, 'exported.json');
    const exported = await sluiceInProcess(['streams', 'export', '--out', out, ...d]);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(secret);
    expect(JSON.parse(text).streams[0].credentials).toEqual({ token: { env: 'DT_API_TOKEN' } });
    expect((await sluiceInProcess(['streams', 'export', ...d])).stdout).toBe(text);

    const again = await sluiceInProcess(['streams', 'import', out, '--dry-run', ...d], { env });
    expect(again).toMatchObject({ code: 0, stdout: `${out}: nothing to change.\n`, stderr: '' });
    for (const r of [dry, imported, status, exported, again]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
  });

  it('refuses an invalid file as a whole, listing every problem by path (exit 2)', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sources: [{ name: 'Files', settings: { kind: 'file', paths: ['/var/log/*.log'] } }],
        streams: [
          {
            name: 'Good',
            destination: {
              tool: 'dynatrace',
              url: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
            },
          },
          {
            name: 'Bad',
            destination: { tool: 'dynatrace', url: 'http://example.com/api/v2/otlp/v1/logs' },
            sources: ['Nope'],
          },
          {
            name: 'good',
            destination: { tool: 'otlp', url: 'https://c.example.com/v1/logs' },
            credentials: { token: 'pasted-secret' },
          },
        ],
      }),
    );
    const r = await sluiceInProcess(['streams', 'import', file, '--data-dir', dir]);
    expect(r.code).toBe(2);
    // Warnings are printed too; then the refusal with every problem.
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('warning: '));
    expect(lines[0]).toBe(`sluice streams: ${file} was refused (4 problems); nothing was changed:`);
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual([
      'streams[1].destination.url',
      'streams[1].sources[0]',
      'streams[2].credentials.token',
      'streams[2].name',
    ]);
    expect(r.stderr).not.toContain('pasted-secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const list = await sluiceInProcess(['streams', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('says where a file is not JSON, and exits 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "version": 1,\n  "streams": [,]\n}\n');
    const r = await sluiceInProcess(['streams', 'import', file, '--data-dir', dir]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      `sluice streams: ${file} is not valid JSON at line 3, column 15: unexpected character ",", expected a value; nothing was changed.\n`,
    );
  });

  it('says so when standard input is empty or not JSON, and exits 2', async () => {
    const dir = tempDir();
    const empty = await sluiceInProcess(['streams', 'import', '-', '--data-dir', dir], {
      stdin: ' \n',
    });
    expect(empty).toMatchObject({
      code: 2,
      stderr:
        'sluice streams: Standard input is empty: expected a configuration file (docs/config.md); nothing was changed.\n',
    });
    const junk = await sluiceInProcess(['streams', 'import', '-', '--data-dir', dir], {
      stdin: 'version: 1',
    });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(
      /^sluice streams: Standard input is not valid JSON at line 1, .* \(it looks like YAML: Sluice reads JSON; `sluice streams export` writes a template\); nothing was changed\.\n$/,
    );
  });

  it('exits 1 with one line for a stream that does not exist, 2 for bad usage', async () => {
    const dir = tempDir();
    const noFolder = await sluiceInProcess(['streams', 'status', '--data-dir', join(dir, 'typo')]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain('There is no Sluice data folder at');
    writeFileSync(join(dir, 'empty.json'), '{"version": 1}');
    expect(
      (await sluiceInProcess(['streams', 'import', join(dir, 'empty.json'), '--data-dir', dir]))
        .code,
    ).toBe(0);
    const missing = await sluiceInProcess(['streams', 'pause', 'Nope', '--data-dir', dir]);
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'sluice streams: There is no stream named "Nope" (there are no streams).\n',
    });
    expect((await sluiceInProcess(['streams', 'pause', '--data-dir', dir])).code).toBe(2);
    expect((await sluiceInProcess(['streams', 'frobnicate'])).code).toBe(2);
    expect((await sluiceInProcess(['streams', 'import', join(dir, 'nope.json')])).stderr).toContain(
      'no such file',
    );
  });

  it('tests a stream: exit 0 when the destination accepts, 1 when it refuses', async () => {
    dt = await startDynatraceLocal({ port: 0, token });
    const dir = tempDir();
    const file = configFile(dir, dt.url);
    const d = ['--data-dir', dir];
    await sluiceInProcess(['streams', 'import', file, ...d], { env: { DT_API_TOKEN: token } });
    const ok = await sluiceInProcess(['streams', 'test', 'Local DT', ...d], {
      env: { DT_API_TOKEN: token },
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Test stream "Local DT": success\n/);
    const wrong = `dt0c01.CLIPUBLIC0123456789ABCDE.${'W'.repeat(64)}`;
    const refused = await sluiceInProcess(['streams', 'test', 'Local DT', '--json', ...d], {
      env: { DT_API_TOKEN: wrong },
    });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ outcome: 'failure', httpStatus: 401 });
    const unset = await sluiceInProcess(['streams', 'test', 'Local DT', ...d]);
    expect(unset).toMatchObject({ code: 1 });
    expect(unset.stderr).toContain(
      'read from the environment variable DT_API_TOKEN, which was not set',
    );
    for (const r of [ok, refused, unset]) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('keeps a token given with --token-stdin in the keychain, and only there', async () => {
    const dir = tempDir();
    const file = configFile(dir, 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs', {
      credentials: { token: { keychain: true } },
    });
    const d = ['--data-dir', dir];
    const without = await sluiceInProcess(['streams', 'import', file, ...d]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain(
      'streams[0].credentials.token: The stream "Local DT" has nothing stored',
    );
    const r = await sluiceInProcess(['streams', 'import', file, '--token-stdin', ...d], {
      stdin: `${token}\n`,
    });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [stream] = JSON.parse(
      (await sluiceInProcess(['streams', 'list', '--json', ...d])).stdout,
    );
    const keychain = new KeytarTokenStore();
    try {
      expect(await keychain.get(`${stream.id}/token`)).toBe(token);
      const exported = await sluiceInProcess(['streams', 'export', ...d]);
      expect(JSON.parse(exported.stdout).streams[0].credentials).toEqual({
        token: { keychain: true },
      });
      expect(exported.stdout).not.toContain(secret);
    } finally {
      await keychain.delete(`${stream.id}/token`);
    }
  });

  it('refuses a second engine on a data folder in use, naming the process', async () => {
    const dir = tempDir();
    const host = startInProcessEngine({ dataDir: dir, passive: true }, new FakeMemoryTokenStore());
    try {
      const r = await sluiceInProcess(['streams', 'list', '--data-dir', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `sluice streams: Another Sluice (process ${process.pid}) is already using the data folder ${dir}. Close it first, or start this one with another --data-dir.\n`,
      );
    } finally {
      await host.close();
    }
  });
});
