import { beforeEach, describe, expect, it } from 'vitest';
import type { Stream } from '../../../src/shared/api/streams';
import { streamSettingsSchema } from '../../../src/shared/api/streams';
import {
  setDeliveryOverride,
  settingsInput,
  startEditDraft,
  useDraft,
  validateDraft,
} from '../../../src/renderer/src/screens/wizard/draft';

/**
 * A New Relic stream saved before request limits were checked kept the old
 * 2,000,000-byte default; New Relic takes 1,000,000. Editing it in the
 * wizard shows why it cannot be saved as it is, with a one-click fix.
 */
function storedStream(maxBatchBytes: number): Stream {
  const settings = streamSettingsSchema.parse({
    name: 'NR',
    destination: { tool: 'newrelic' },
    delivery: { maxBatchBytes },
  });
  return {
    ...settings,
    id: 's1',
    active: true,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    credentials: { token: { set: true, hint: null } },
  };
}

describe('the wizard and a stored batch size beyond the destination\u2019s limit', () => {
  beforeEach(() => startEditDraft(storedStream(2_000_000)));

  it('is an error naming the limit and its source, with a fix to the limit', () => {
    const v = validateDraft(useDraft.getState());
    const issue = v.issues.find((i) => i.path === 'delivery.maxBatchBytes');
    expect(v.hasErrors).toBe(true);
    expect(issue?.message).toContain('New Relic accepts at most 1,000,000 bytes per request');
    expect(issue?.message).toContain('docs.newrelic.com');
    expect(issue?.fix).toEqual({
      path: 'delivery.maxBatchBytes',
      value: '1000000',
      label: 'Use 1,000,000',
    });
  });

  it('the fix makes the settings acceptable, and is what is saved', () => {
    setDeliveryOverride('delivery.maxBatchBytes', '1000000');
    const d = useDraft.getState();
    expect(validateDraft(d).issues.filter((i) => i.path.startsWith('delivery.'))).toEqual([]);
    expect(settingsInput(d)?.delivery?.maxBatchBytes).toBe(1_000_000);
  });

  it('nothing to say about a stored value within the limit', () => {
    startEditDraft(storedStream(900_000));
    expect(
      validateDraft(useDraft.getState()).issues.filter((i) => i.path.startsWith('delivery.')),
    ).toEqual([]);
  });
});
