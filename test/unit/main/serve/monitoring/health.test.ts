import { describe, expect, it } from 'vitest';
import { healthProblems, problemLine } from '../../../../../src/main/serve/monitoring/health';
import { figures, source, sourceRuntime, stream, streamRuntime } from './figures-fixture';

describe('healthProblems (the rule of /readyz and streams status --check)', () => {
  it('is empty while every active stream is Active, whatever paused streams do', () => {
    const f = figures({
      streams: [
        [stream('a', 'Prod', ['r']), streamRuntime('a', { sending: 'sending' })],
        [stream('b', 'Idle', ['r']), streamRuntime('b')],
        [
          stream('c', 'Paused', ['broken'], false),
          streamRuntime('c', { status: 'inactive', sending: 'paused' }),
        ],
      ],
      sources: [
        [source('r', 'Receiver'), sourceRuntime('r')],
        [source('broken', 'Only paused reads me'), sourceRuntime('broken', { state: 'error' })],
      ],
    });
    expect(healthProblems(f)).toEqual([]);
  });

  it('names each active stream with errors and each failing source an active stream reads, with why', () => {
    const f = figures({
      streams: [
        [
          stream('a', 'Prod', ['r']),
          streamRuntime('a', {
            status: 'active-with-errors',
            sending: 'stopped',
            statusReason: 'HTTP 401: the token was refused.',
          }),
        ],
        [stream('b', 'Fine', []), streamRuntime('b')],
      ],
      sources: [
        [
          source('r', 'Receiver'),
          sourceRuntime('r', { state: 'error', message: 'Cannot listen on 127.0.0.1:4317.' }),
        ],
      ],
    });
    const problems = healthProblems(f);
    expect(problems.map(problemLine)).toEqual([
      'stream "Prod": Active with errors: HTTP 401: the token was refused.',
      'source "Receiver": Cannot listen on 127.0.0.1:4317.',
    ]);
  });

  it('counts an active stream that has no runtime yet as not ready', () => {
    const f = figures({ streams: [], sources: [] });
    f.streams.push(stream('new', 'Just created', []));
    expect(healthProblems(f)).toEqual([
      { kind: 'stream', name: 'Just created', reason: 'It has not started yet.' },
    ]);
  });
});
