import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../../src/shared/api/client';
import type { EventMessage } from '../../../../src/shared/api/contract';
import { ApiError, type Reply } from '../../../../src/shared/api/envelope';

/** A FAKE transport: the subject is the client, not a front door. */
function fakeTransport(reply: Reply<unknown>) {
  const calls: { name: string; input: unknown }[] = [];
  const listeners = new Set<(m: EventMessage) => void>();
  const transport: Transport = {
    invoke: async (name, input) => {
      calls.push({ name, input });
      return reply;
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { transport, calls, emit: (m: EventMessage) => listeners.forEach((l) => l(m)) };
}

describe('createClient', () => {
  it('returns the value of an ok reply and sends name and input', async () => {
    const fake = fakeTransport({ ok: true, value: [{ id: 'a' }] });
    const api = createClient(fake.transport);
    await expect(api.request('streams.list')).resolves.toEqual([{ id: 'a' }]);
    await api.request('streams.get', { id: 'x' });
    expect(fake.calls).toEqual([
      { name: 'streams.list', input: undefined },
      { name: 'streams.get', input: { id: 'x' } },
    ]);
  });

  it('re-throws an error reply as an ApiError with its code, message and issues', async () => {
    const api = createClient(
      fakeTransport({
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'name: Give the stream a name.',
          issues: [{ path: 'settings.name', message: 'x' }],
        },
      }).transport,
    );
    const err = await api.request('streams.get', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid-input');
    expect((err as ApiError).message).toBe('name: Give the stream a name.');
    expect((err as ApiError).issues).toEqual([{ path: 'settings.name', message: 'x' }]);
  });

  it('turns an unreadable error body into an internal ApiError instead of crashing', async () => {
    const api = createClient(
      fakeTransport({ ok: false, error: { nonsense: true } } as never).transport,
    );
    const err = (await api.request('streams.list').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('internal');
  });

  it('delivers events to handlers of that event only, until unsubscribed', () => {
    const fake = fakeTransport({ ok: true, value: null });
    const api = createClient(fake.transport);
    const seen: unknown[] = [];
    const off = api.on('streams.changed', (p) => seen.push(p));
    fake.emit({ event: 'streams.changed', payload: { ids: ['a'] } });
    fake.emit({ event: 'sources.changed', payload: { ids: ['s'] } });
    off();
    fake.emit({ event: 'streams.changed', payload: { ids: ['b'] } });
    expect(seen).toEqual([{ ids: ['a'] }]);
  });
});
