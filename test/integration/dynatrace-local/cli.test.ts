import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { dynatraceLocalCommand } from '../../../src/main/cli/commands/dynatrace-local';
import { encodeExportRequest } from '../../../src/shared/otlp';
import { numberedRequest } from '../../support/otlp-records';
import { captureIo } from '../../unit/main/tools/dynatrace-local/capture-io';

/** The command run in-process: what it prints is what a person (or a script) uses to connect. */

const BANNER =
  /^Dynatrace-compatible endpoint: (http:\/\/127\.0\.0\.1:(\d+)\/api\/v2\/otlp\/v1\/logs) {2}token: (\S+)$/m;

async function startCommand(args: string[]) {
  const io = captureIo();
  const exit = dynatraceLocalCommand.run(['--port', '0', ...args], io);
  const out = await io.printed('Press Ctrl+C to stop.');
  const m = BANNER.exec(out);
  if (!m) throw new Error(`no banner in:\n${out}`);
  return { io, exit, url: m[1]!, port: Number(m[2]), token: m[3]! };
}

/** Two records stamped now: the command runs on the real clock, and old records are rejected. */
function freshRecords(): Uint8Array {
  const request = numberedRequest(0, 2, { recent: false });
  const now = BigInt(Date.now()) * 1_000_000n;
  for (const r of request.resourceLogs[0]!.scopeLogs[0]!.logRecords) r.timeUnixNano = now;
  return encodeExportRequest(request);
}

function post(url: string, token: string, body = freshRecords()) {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Api-Token ${token}`, 'content-type': 'application/x-protobuf' },
    body,
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('sluice dynatrace-local, run in-process', () => {
  it('prints the URL and a generated Dynatrace-shaped token, serves, logs each request and stops on a signal', async () => {
    const { io, exit, url, port, token } = await startCommand([]);
    expect(token).toMatch(/^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/);
    expect(io.out()).toContain(
      `curl -H "Authorization: Api-Token ${token}" http://127.0.0.1:${port}/records`,
    );
    expect(io.out()).toContain(
      '2,000,000 bytes per request; keeps the last 10,000 records; model flattened',
    );

    expect((await post(url, token)).status).toBe(200);
    expect((await post(url, 'wrong')).status).toBe(401);
    await io.printed(/#2 401 POST/);
    expect(io.out()).toMatch(/#1 200 POST \/api\/v2\/otlp\/v1\/logs 2 records\n/);
    expect(io.out()).toMatch(
      /#2 401 POST \/api\/v2\/otlp\/v1\/logs \d+ bytes: Token Authentication failed\n/,
    );

    io.stop('SIGINT');
    expect(await exit).toBe(0);
    expect(io.out()).toContain('Stopped (SIGINT). 2 requests, 2 records accepted, 0 rejected.');
    expect(io.err()).toBe('');
    expect(await portIsFree(port)).toBe(true);
  });

  it('takes the token, model, limit and faults from flags', async () => {
    const token = `dt0c01.${'C'.repeat(24)}.${'D'.repeat(64)}`;
    const { io, exit, url } = await startCommand([
      '--token',
      token,
      '--model',
      'raw',
      '--max-payload',
      '1KB',
      '--fail-next',
      '1',
      '--fail-status',
      '503',
      '--retry-after',
      '4',
      '--quiet',
    ]);
    expect(io.out()).toContain(`token: ${token}`);
    expect(io.out()).toContain('Faults:     fail the next 1 with 503 (Retry-After: 4)');
    expect(io.out()).toContain('1,024 bytes per request');
    const failed = await post(url, token);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('4');
    expect((await post(url, token)).status).toBe(200);
    expect((await post(url, token, new Uint8Array(2048))).status).toBe(413);
    const records = await fetch(url.replace('/api/v2/otlp/v1/logs', '/records'), {
      headers: { authorization: `Api-Token ${token}` },
    });
    const page = (await records.json()) as { records: { request: { model: string } }[] };
    expect(page.records.map((r) => r.request.model)).toEqual(['raw', 'raw']);
    io.stop();
    expect(await exit).toBe(0);
    // --quiet: the banner and the goodbye, no request lines.
    expect(io.out()).not.toMatch(/#\d+ /);
  });

  it('--any-token accepts any Api-Token', async () => {
    const { io, exit, url, token } = await startCommand(['--any-token', '--quiet']);
    expect(token).toBe('(any)');
    expect((await post(url, 'whatever')).status).toBe(200);
    io.stop();
    expect(await exit).toBe(0);
  });

  it('exits 1 with one line when the port is taken', async () => {
    const first = await startCommand(['--quiet']);
    const io = captureIo();
    expect(await dynatraceLocalCommand.run(['--port', String(first.port)], io)).toBe(1);
    expect(io.err()).toBe(
      `sluice dynatrace-local: Port ${first.port} on 127.0.0.1 is already in use (choose another port, or 0 for any free one).\n`,
    );
    first.io.stop();
    expect(await first.exit).toBe(0);
  });
});
