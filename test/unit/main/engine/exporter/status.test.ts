import { describe, expect, it } from 'vitest';
import type { LastError, StreamStatus } from '../../../../../src/shared/api/engine';
import {
  deriveStatus,
  recentProblemWindowMs,
  type StatusInputs,
} from '../../../../../src/main/engine/exporter/status';

const now = 1_000_000_000;
const lastError: LastError = {
  at: now - 1_000,
  message: 'HTTP 503: the destination is unavailable.',
  advice: 'Wait.',
  httpStatus: 503,
  responseBody: null,
};
const inputs = (more: Partial<StatusInputs>): StatusInputs => ({
  active: true,
  sending: 'sending',
  lastError: null,
  lastProblem: null,
  warning: null,
  now,
  ...more,
});
const problem = (agoMs: number) => ({ at: now - agoMs, message: 'Dynatrace refused 1 record.' });

// The status is derived from what the exporter sees (PRODUCT.md); only
// Active/Inactive is the user's choice. One row per rule, in the order they win.
const cases: [string, Partial<StatusInputs>, StreamStatus, string | RegExp | null][] = [
  ['sending, nothing wrong', {}, 'active', null],
  ['idle, nothing wrong', { sending: 'idle' }, 'active', null],
  [
    'paused by the user, whatever else is going on',
    { active: false, sending: 'stopped', lastError, warning: 'Old records.' },
    'inactive',
    'Paused by the user. No data is sent; records keep being buffered.',
  ],
  [
    'stopped (401/403/404): the error and what ends the stop',
    { sending: 'stopped', lastError },
    'active-with-errors',
    `${lastError.message} Sending is stopped until the destination settings change or you choose Retry now; records stay buffered.`,
  ],
  [
    'stopped without a recorded error',
    { sending: 'stopped' },
    'active-with-errors',
    /^Sending stopped\. Sending is stopped until/,
  ],
  [
    'retrying: the last attempt failed',
    { sending: 'retrying', lastError },
    'active-with-errors',
    `The last attempt failed: ${lastError.message} Retrying the same batch.`,
  ],
  [
    'retrying without a recorded error',
    { sending: 'retrying' },
    'active-with-errors',
    'The last attempt failed: unknown error Retrying the same batch.',
  ],
  [
    'a standing warning (records about to pass the log age)',
    { warning: 'Records are about to pass the log age.', lastProblem: problem(1_000) },
    'active-with-errors',
    'Records are about to pass the log age.',
  ],
  [
    'a rejection or dead letter within the window',
    { lastProblem: problem(recentProblemWindowMs - 1) },
    'active-with-errors',
    'Dynatrace refused 1 record.',
  ],
  [
    'a rejection or dead letter that has aged out of the window',
    { lastProblem: problem(recentProblemWindowMs) },
    'active',
    null,
  ],
  [
    'a last error while sending again (it shows in Last error, not the status)',
    { lastError },
    'active',
    null,
  ],
];

describe('deriveStatus', () => {
  it.each(cases)('%s', (_what, more, status, reason) => {
    const derived = deriveStatus(inputs(more));
    expect(derived.status).toBe(status);
    if (reason instanceof RegExp) expect(derived.reason).toMatch(reason);
    else expect(derived.reason).toBe(reason);
  });
});
