import fc from 'fast-check';
import { appInternals } from '../../support/app-internals';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepJson, deepProtobuf } from '../../support/hostile-otlp';
import { decodeExportResponse, exportRequestToJson } from '../../../src/shared/otlp';
import { numberedRequest, numberedRequestBytes } from '../../support/otlp-records';
import {
  addSource,
  addStream,
  decodeStatus,
  endpointOf,
  openHarness,
  type Harness,
} from './support';

/**
 * Thousands of malformed bodies, from a fixed seed: every one gets a clean
 * answer (400 with a google.rpc.Status, or 200 when the bytes happen to be
 * a valid request), never a 5xx or a dropped connection, and the receiver
 * keeps serving.
 */

let h: Harness;
let url: string;
let sourceId: string;
beforeAll(async () => {
  h = openHarness();
  const source = await addSource(h.engine, {
    name: 'Fuzzed receiver',
    settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0, maxBodyBytes: 4 * 1024 * 1024 },
  });
  sourceId = source.id;
  await addStream(h.engine, [source.id]);
  url = await endpointOf(h.engine, source.id);
});
afterAll(async () => {
  await h.engine.close();
});

interface Body {
  bytes: Uint8Array | string;
  type: 'application/x-protobuf' | 'application/json';
  gzip?: boolean;
}

const seed = 20_240_611;
const valid = numberedRequestBytes(1, 20, { attributes: (n) => ({ user: `u${n}` }) });
const validJson = exportRequestToJson(numberedRequest(1, 5));

/** Sends in small parallel batches; returns [status, body] per request, or throws on a dropped connection. */
async function sendAll(
  bodies: Body[],
): Promise<{ status: number; body: Uint8Array; type: string }[]> {
  const out: { status: number; body: Uint8Array; type: string }[] = [];
  for (let i = 0; i < bodies.length; i += 8) {
    const batch = bodies.slice(i, i + 8).map(async (b) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': b.type, ...(b.gzip ? { 'content-encoding': 'gzip' } : {}) },
        body: b.bytes,
      });
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), type: b.type };
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/** A 400 carries a Status naming the problem; a 200 a valid response. Nothing else. */
function expectClean(answers: { status: number; body: Uint8Array; type: string }[]) {
  let refused = 0;
  for (const a of answers) {
    expect([200, 400]).toContain(a.status);
    if (a.status === 200) {
      if (a.type === 'application/json') JSON.parse(new TextDecoder().decode(a.body));
      else decodeExportResponse(a.body);
      continue;
    }
    refused++;
    const status =
      a.type === 'application/json'
        ? (JSON.parse(new TextDecoder().decode(a.body)) as { code: number; message: string })
        : decodeStatus(a.body);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(
      /^The body is not (a )?valid|^The OTLP(\/JSON| protobuf) ExportLogsServiceRequest is beyond this receiver's limits: /,
    );
  }
  return refused;
}

function allPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => allPaths(v, [...path, k]))];
}

function replaceAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = replacement;
  return copy;
}

describe('OTLP/HTTP receiver fuzzing', () => {
  it('answers random bytes, truncated protobuf and random gzip cleanly', async () => {
    const random = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 512 }), {
      seed,
      numRuns: 1_200,
    });
    const cuts = fc.sample(fc.integer({ min: 1, max: valid.length - 1 }), { seed, numRuns: 1_000 });
    const flips = fc.sample(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), {
      seed,
      numRuns: 500,
    });
    const bodies: Body[] = [
      ...random.map((bytes) => ({ bytes, type: 'application/x-protobuf' as const })),
      ...cuts.map((n) => ({
        bytes: valid.subarray(0, n),
        type: 'application/x-protobuf' as const,
      })),
      ...flips.map(([at, xor]) => {
        const bytes = valid.slice();
        bytes[at]! ^= xor;
        return { bytes, type: 'application/x-protobuf' as const };
      }),
      ...random
        .slice(0, 200)
        .map((bytes) => ({ bytes, type: 'application/x-protobuf' as const, gzip: true })),
      ...cuts.slice(0, 100).map((n) => ({
        bytes: gzipSync(valid).subarray(0, Math.min(n, 30)),
        type: 'application/x-protobuf' as const,
        gzip: true,
      })),
    ];
    const refused = expectClean(await sendAll(bodies));
    expect(refused).toBeGreaterThan(bodies.length * 0.8);
  });

  it('answers JSON with wrong types, broken syntax and random text cleanly', async () => {
    const paths = allPaths(validJson);
    const mutations = fc.sample(
      fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })),
      {
        seed,
        numRuns: 1_500,
      },
    );
    const texts = fc.sample(fc.string({ maxLength: 200 }), { seed, numRuns: 500 });
    const text = JSON.stringify(validJson);
    const cuts = fc.sample(fc.integer({ min: 0, max: text.length - 1 }), { seed, numRuns: 300 });
    const bodies: Body[] = [
      ...mutations.map(([path, replacement]) => ({
        bytes: JSON.stringify(replaceAt(validJson, path, replacement)),
        type: 'application/json' as const,
      })),
      ...texts.map((bytes) => ({ bytes, type: 'application/json' as const })),
      ...cuts.map((n) => ({ bytes: text.slice(0, n), type: 'application/json' as const })),
    ];
    const refused = expectClean(await sendAll(bodies));
    expect(refused).toBeGreaterThan(bodies.length / 2);
  });

  it('refuses values nested far deeper than any client sends, without falling over', async () => {
    const bodies: Body[] = [];
    for (const depth of [10_000, 50_000, 100_000]) {
      bodies.push({ bytes: deepProtobuf(depth), type: 'application/x-protobuf' });
      bodies.push({ bytes: deepJson(depth), type: 'application/json' });
    }
    const answers = await sendAll(bodies);
    for (const a of answers) expect(a.status).toBe(400);
    expectClean(answers);
  });

  it('still serves valid requests afterwards', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: valid,
    });
    expect(res.status).toBe(200);
    const runtime = appInternals(h.engine).sourceManager.runtime(sourceId)!;
    expect(runtime.state).toBe('running');
    expect(runtime.totals.refusedRequests).toBeGreaterThan(3_000);
  });
});
