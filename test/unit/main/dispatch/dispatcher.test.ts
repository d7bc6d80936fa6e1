import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/dispatch/dispatcher';
import { formatIssuePath } from '../../../../src/shared/zod-issues';
import type { Handlers } from '../../../../src/main/dispatch/handlers';
import { EngineError } from '../../../../src/main/base/errors';
import type { Logger } from '../../../../src/main/base/log';

function recordingLogger() {
  const lines: { message: string; fields: unknown }[] = [];
  const log: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (message, fields) => lines.push({ message, fields }),
    close: async () => {},
  };
  return { log, lines };
}

function handlers(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('not used in this test');
  };
  return new Proxy(overrides as Handlers, {
    get: (target, prop: string) => (target as Record<string, unknown>)[prop] ?? unexpected,
  });
}

describe('dispatcher', () => {
  it('parses the argument with the request schema before calling the handler', async () => {
    let seen: unknown;
    const dispatch = createDispatcher(
      handlers({ 'streams.setActive': (input) => ((seen = input), null as never) }),
      recordingLogger().log,
    );
    const reply = await dispatch('streams.setActive', { id: 's1', active: false, extra: 1 });
    expect(reply.ok).toBe(true);
    expect(seen).toEqual({ id: 's1', active: false });
  });

  it('refuses invalid input with every problem named by its path, without calling the handler', async () => {
    let called = false;
    const dispatch = createDispatcher(
      handlers({ 'streams.create': () => ((called = true), null as never) }),
      recordingLogger().log,
    );
    const reply = await dispatch('streams.create', {
      settings: { name: ' ', destination: { tool: 'dynatrace', url: 'not a url' } },
    });
    expect(called).toBe(false);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-input');
    expect(reply.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'settings.name', message: 'Give the stream a name.' },
        { path: 'settings.destination.url', message: 'Enter a full URL, starting with https://' },
      ]),
    );
    expect(reply.error.message).toMatch(/^The streams.create request was refused: settings\.\w+/);
  });

  it('answers unknown requests with unknown-request', async () => {
    const reply = await createDispatcher(handlers({}), recordingLogger().log)(
      'streams.explode',
      {},
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('passes user-facing errors through as they are', async () => {
    const dispatch = createDispatcher(
      handlers({
        'streams.get': () => {
          throw new EngineError('not-found', 'That stream no longer exists.');
        },
      }),
      recordingLogger().log,
    );
    expect(await dispatch('streams.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That stream no longer exists.' },
    });
  });

  it('hides unexpected errors behind a reference and logs the stack', async () => {
    const { log, lines } = recordingLogger();
    const dispatch = createDispatcher(
      handlers({
        'streams.list': () => {
          throw new TypeError('x is undefined');
        },
      }),
      log,
    );
    const reply = await dispatch('streams.list', undefined);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).not.toContain('x is undefined');
    const ref = /reference ([0-9a-f]{8})/.exec(reply.error.message)?.[1];
    expect(ref).toBeDefined();
    expect(lines[0]?.fields).toMatchObject({
      reference: ref,
      error: { message: 'x is undefined' },
    });
  });

  it('formats issue paths as a person would write them', () => {
    expect(formatIssuePath(['streams', 2, 'destination', 'url'])).toBe(
      'streams[2].destination.url',
    );
    expect(formatIssuePath([])).toBe('');
  });
});
