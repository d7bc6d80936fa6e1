import { describe, expect, it } from 'vitest';
import { statusReason } from '../../../src/renderer/src/screens/streams/status-reason';
import type { Stream } from '../../../src/shared/api/streams';
import { dynatraceSettings } from '../../support/engine';

function stream(active: boolean, createdAt: string, updatedAt: string): Stream {
  return { ...dynatraceSettings(), id: 's', active, createdAt, updatedAt, credentials: {} };
}

describe("an Inactive stream's reason", () => {
  it('is not "Paused by the user" for a copy that was never resumed', () => {
    const t = '2026-01-01T00:00:00.000Z';
    expect(statusReason(stream(false, t, t), null)).toMatch(/^Inactive since it was created/);
    expect(statusReason(stream(false, t, '2026-01-02T00:00:00.000Z'), null)).toMatch(
      /^Paused by the user\./,
    );
  });
});
