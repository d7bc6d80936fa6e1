import { randomBytes } from 'node:crypto';
import { appInternals } from '../../support/app-internals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInProcessEngine, type InProcessEngine } from '../../../src/main/host/in-process-host';
import { silentLogger } from '../../../src/main/base/log';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { startServeServer, type RunningServer } from '../../../src/main/serve/serve-server';
import { numberedRequestBytes } from '../../support/otlp-records';
import { eventually } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';

// A distinctive token whose secret part must never appear outside the keychain.
const publicPart = 'LEAKTESTPUBLIC0123456789';
const secretPart = randomBytes(32).toString('hex').toUpperCase();
const token = `dt0c01.${publicPart}.${secretPart}`;
const secondSecret = randomBytes(32).toString('hex').toUpperCase();
const secondToken = `dt0c01.${publicPart}.${secondSecret}`;

let host: InProcessEngine | null = null;
let serve: RunningServer | null = null;
let destination: Server | null = null;

afterEach(async () => {
  await serve?.close();
  await host?.close();
  await new Promise<void>((r) => (destination ? destination.close(() => r()) : r()));
  host = null;
  serve = null;
  destination = null;
});

/** A destination that answers with whatever status the test wants, echoing the request's Authorization header in its body. */
async function echoingDestination(status: () => number): Promise<string> {
  destination = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status(), { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: status(), message: `bad request from ${req.headers.authorization}` },
        }),
      );
    });
  });
  await new Promise<void>((r) => destination!.listen(0, '127.0.0.1', r));
  const address = destination.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v2/otlp/v1/logs`;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('secrets never leave the keychain', () => {
  it(
    'keeps the token out of SQLite, logs, events and every WebSocket reply through a full scenario',
    { timeout: 60_000 },
    async () => {
      let status = 401;
      const url = await echoingDestination(() => status);
      const dataDir = tempDir('sluice-leak-');
      host = startInProcessEngine(
        { dataDir, snapshotIntervalMs: 100 },
        new KeytarTokenStore('sluice-test'),
      );
      serve = await startServeServer({ host, port: 0, rendererDir: tempDir(), log: silentLogger });

      const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api`, {
        headers: {
          Origin: `http://127.0.0.1:${serve.port}`,
          Cookie: `sluice_access_${serve.port}=${serve.token}`,
        },
      });
      await new Promise((r) => ws.once('open', r));
      const frames: string[] = [];
      ws.on('message', (d) => frames.push(String(d)));
      let id = 0;
      const call = async (name: string, input?: unknown) => {
        const myId = ++id;
        ws.send(JSON.stringify({ id: myId, name, input }));
        let reply: { ok: boolean; value?: unknown; error?: { message: string } } | undefined;
        await eventually(() => {
          const frame = frames.find((f) => f.startsWith(`{"id":${myId},`));
          expect(frame).toBeDefined();
          reply = (JSON.parse(frame!) as { reply: typeof reply }).reply;
        });
        return reply!;
      };

      const source = await call('sources.create', {
        source: {
          name: 'Leak source',
          settings: { kind: 'file', paths: [join(dataDir, 'none', '*.log')] },
        },
      });

      const sourceId = (source.value as { id: string }).id;

      const settings = {
        name: 'Leak test',
        destination: { tool: 'dynatrace', url, model: 'raw' },
        sourceIds: [sourceId],
      };
      const created = await call('streams.create', { settings, credentials: { token } });
      expect(created.ok).toBe(true);
      const streamId = (created.value as { id: string }).id;
      expect(JSON.stringify(created.value)).toContain(`dt0c01.${publicPart}`);

      // Test stream (the destination refuses with 401 and echoes the token).
      const tested = await call('streams.test', { id: streamId });
      expect(tested.ok).toBe(true);
      expect((tested.value as { outcome: string }).outcome).toBe('failure');

      // Stream records: 401 stops sending.
      appInternals(host.app).pipeline.ingestRequest(sourceId, numberedRequestBytes(1, 5));
      await eventually(() =>
        expect(appInternals(host!.app).pipeline.runtimes()[0]?.sending).toBe('stopped'),
      );

      // Edit with a new token; the destination now answers 400 (a dead letter with an echoing body).
      status = 400;
      const updated = await call('streams.update', {
        id: streamId,
        settings,
        credentials: { token: secondToken },
      });
      expect(updated.ok).toBe(true);
      // Every request is refused, so each record ends up a dead letter of its own.
      await eventually(() => expect(host!.app.listDeadLetters(streamId)).toHaveLength(5));
      const dl = await call('deadLetters.list', { streamId });
      await call('deadLetters.get', { id: (dl.value as { id: number }[])[0]!.id });
      await call('events.list', { streamId });
      await call('inspector.tail', { streamId });
      await call('engine.snapshot');
      await call('app.info');
      const duplicated = await call('streams.duplicate', { id: streamId });
      expect(duplicated.ok).toBe(true);

      // Delete both.
      await call('streams.delete', { id: streamId });
      await call('streams.delete', { id: (duplicated.value as { id: string }).id });
      ws.close();
      await serve.close();
      serve = null;
      await host.close();
      host = null;

      const secrets = [secretPart, secondSecret];
      for (const frame of frames) for (const s of secrets) expect(frame).not.toContain(s);
      const files = filesUnder(dataDir);
      expect(files.some((f) => f.endsWith('sluice.db'))).toBe(true);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const s of secrets) {
          expect(bytes.includes(Buffer.from(s)), `${s.slice(0, 6)}… found in ${file}`).toBe(false);
        }
      }
      // And the keychain itself no longer holds the deleted streams' tokens.
      const store = new KeytarTokenStore('sluice-test');
      expect(await store.get(`${streamId}/token`)).toBeNull();
    },
  );
});
