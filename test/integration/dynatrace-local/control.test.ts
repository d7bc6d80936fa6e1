import { describe, expect, it } from 'vitest';
import type {
  DynatraceLocalStats,
  FaultState,
  RecordsPage,
} from '../../../src/main/tools/dynatrace-local';
import { numberedRequestBytes } from '../../support/otlp-records';
import { TOKEN, control, postLogs, readRecords, startLocal } from './support';

describe('the control endpoints', () => {
  it('need the same Api-Token as ingest', async () => {
    const dt = await startLocal();
    for (const [method, path] of [
      ['GET', '/records'],
      ['DELETE', '/records'],
      ['GET', '/stats'],
      ['GET', '/_faults'],
      ['POST', '/_faults'],
      ['DELETE', '/_faults'],
    ] as const) {
      const none = await control(dt, method, path, method === 'POST' ? '{}' : undefined, {});
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.json()).toEqual({
        error: { code: 401, message: 'Missing authorization parameter.' },
      });
      const wrong = await control(dt, method, path, undefined, { authorization: 'Api-Token nope' });
      expect(wrong.status, `${method} ${path}`).toBe(401);
    }
  });

  it('GET / says what is served, without the token', async () => {
    const dt = await startLocal();
    const a = await control(dt, 'GET', '/', undefined, {});
    expect(a.status).toBe(200);
    expect(a.text()).toContain('POST /api/v2/otlp/v1/logs');
    expect(a.text()).not.toContain(TOKEN);
  });

  it('pages records with since and limit, newest last', async () => {
    const dt = await startLocal();
    await postLogs(dt, numberedRequestBytes(0, 5, { recent: false }));
    const first = await readRecords(dt, '?limit=2');
    expect(first.records.map((r) => r.content)).toEqual(['record-0', 'record-1']);
    expect(first).toMatchObject({ nextSince: 2, more: true, lastId: 5, kept: 5, evicted: 0 });
    const rest = await readRecords(dt, `?since=${first.nextSince}`);
    expect(rest.records.map((r) => r.id)).toEqual([3, 4, 5]);
    expect(rest).toMatchObject({ nextSince: 5, more: false });
    const none = await readRecords(dt, '?since=5');
    expect(none).toMatchObject({ records: [], nextSince: 5, more: false });
  });

  it.each(['?limit=0', '?limit=10001', '?since=-1', '?since=abc', '?limit='])(
    'refuses %s with 400',
    async (query) => {
      const dt = await startLocal();
      const a = await control(dt, 'GET', `/records${query}`);
      expect(a.status).toBe(400);
      expect((a.json() as { error: { message: string } }).error.message).toMatch(
        /expected a whole number/,
      );
    },
  );

  it('keeps at most keepRecords, counting the rest as evicted', async () => {
    const dt = await startLocal({ keepRecords: 3 });
    await postLogs(dt, numberedRequestBytes(0, 5, { recent: false }));
    await postLogs(dt, numberedRequestBytes(5, 2, { recent: false }));
    const page = await readRecords(dt);
    expect(page.records.map((r) => r.content)).toEqual(['record-4', 'record-5', 'record-6']);
    expect(page).toMatchObject({ kept: 3, evicted: 4, lastId: 7 });
    expect(dt.stats().records).toMatchObject({ accepted: 7, kept: 3, evicted: 4 });
  });

  it('DELETE /records forgets the kept records; ids and counters go on', async () => {
    const dt = await startLocal();
    await postLogs(dt, numberedRequestBytes(0, 2, { recent: false }));
    const cleared = await control(dt, 'DELETE', '/records');
    expect(cleared.json()).toEqual({ cleared: 2 });
    expect((await readRecords(dt)).records).toEqual([]);
    await postLogs(dt, numberedRequestBytes(2, 1, { recent: false }));
    expect((await readRecords(dt)).records.map((r) => r.id)).toEqual([3]);
    expect(dt.stats().records.accepted).toBe(3);
  });

  it('GET /stats counts requests by status, records and bytes, but not control requests', async () => {
    const dt = await startLocal();
    const body = numberedRequestBytes(0, 2, { recent: false });
    await postLogs(dt, body);
    await postLogs(dt, body, { noAuth: true });
    await postLogs(dt, body, { path: '/nowhere' });
    await readRecords(dt);
    const stats = (await control(dt, 'GET', '/stats')).json() as DynatraceLocalStats;
    expect(stats).toMatchObject({
      requests: { total: 3, byStatus: { '200': 1, '401': 1, '404': 1 }, reset: 0, hung: 0 },
      records: { accepted: 2, rejected: 0, kept: 2, evicted: 0, lastId: 2 },
      bytes: { wire: body.length, decoded: body.length },
      lastRejection: null,
    });
    expect(Date.parse(stats.startedAt)).not.toBeNaN();
    expect(dt.stats()).toEqual(stats);
  });

  it('sets, shows and clears faults over HTTP', async () => {
    const dt = await startLocal();
    const set = await control(
      dt,
      'POST',
      '/_faults',
      JSON.stringify({ failNext: { count: 2, status: 429, retryAfter: '3' }, latencyMs: 1 }),
    );
    expect(set.status).toBe(200);
    expect(set.json()).toEqual({
      failNext: { remaining: 2, status: 429, retryAfter: '3', body: null },
      latencyMs: 1,
      hangNext: 0,
      resetNext: 0,
      poison: null,
    } satisfies FaultState);
    const failed = await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }));
    expect(failed.status).toBe(429);
    expect(failed.headers.get('retry-after')).toBe('3');
    expect(((await control(dt, 'GET', '/_faults')).json() as FaultState).failNext?.remaining).toBe(
      1,
    );
    expect((await control(dt, 'DELETE', '/_faults')).json()).toEqual(dt.faults.state());
    expect(dt.faults.state()).toEqual({
      failNext: null,
      latencyMs: 0,
      hangNext: 0,
      resetNext: 0,
      poison: null,
    });
    expect((await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }))).status).toBe(200);
  });

  it('refuses bad fault settings with 400 naming the field, and bad JSON', async () => {
    const dt = await startLocal();
    const bad = await control(dt, 'POST', '/_faults', '{"failNext":{"count":1,"status":200}}');
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(
      /^Invalid fault settings: failNext\.status: /,
    );
    const notJson = await control(dt, 'POST', '/_faults', 'failNext=1');
    expect(notJson.status).toBe(400);
    expect(notJson.text()).toContain('not valid JSON');
    expect(dt.faults.state().failNext).toBeNull();
  });

  it('answers 405 with Allow for other methods', async () => {
    const dt = await startLocal();
    const a = await control(dt, 'PUT', '/records', '{}');
    expect(a.status).toBe(405);
    expect(a.headers.get('allow')).toBe('GET, DELETE');
  });

  it('the in-process API gives the same records as GET /records', async () => {
    const dt = await startLocal();
    await postLogs(dt, numberedRequestBytes(0, 3, { recent: false }));
    const page: RecordsPage = await readRecords(dt);
    expect(JSON.parse(JSON.stringify(dt.records()))).toEqual(page.records);
    expect(dt.records({ since: 1, limit: 1 }).map((r) => r.id)).toEqual([2]);
    dt.clearRecords();
    expect(dt.records()).toEqual([]);
  });
});
