import { describe, expect, it } from 'vitest';
import {
  buildConfigDocument,
  changedPaths,
  configDocumentSchema,
  diffConfig,
  hasChanges,
} from '../../../../src/shared/config';
import { streamSettingsSchema } from '../../../../src/shared/api/streams';
import { dtUrl, validDocument } from './fixtures';

const current = () => configDocumentSchema.parse(validDocument());

describe('diffConfig', () => {
  it('says nothing changes for the same document', () => {
    const changes = diffConfig(current(), current());
    expect(changes.map((c) => c.action)).toEqual(['unchanged', 'unchanged']);
    expect(hasChanges(changes)).toBe(false);
  });

  it('matches by name regardless of case and names the fields that change', () => {
    const desired = validDocument();
    const stream = (desired.streams as Record<string, unknown>[])[0]!;
    stream.name = 'PRODUCTION';
    stream.active = false;
    stream.delivery = { timeoutMs: 5_000 };
    const changes = diffConfig(current(), configDocumentSchema.parse(desired));
    expect(changes[1]).toEqual({
      kind: 'stream',
      name: 'PRODUCTION',
      action: 'update',
      fields: ['name', 'active', 'delivery.timeoutMs'],
    });
  });

  it('creates what is new; leaves what the file does not list alone', () => {
    const desired = configDocumentSchema.parse({
      version: 1,
      streams: [{ name: 'New one', destination: { tool: 'dynatrace', url: dtUrl } }],
    });
    expect(diffConfig(current(), desired)).toEqual([
      { kind: 'stream', name: 'New one', action: 'create', fields: [] },
    ]);
  });

  it('keeps credentials the file does not mention, and counts a supplied secret as a change', () => {
    const desired = validDocument();
    (desired.streams as Record<string, unknown>[])[0]!.credentials = {};
    const parsed = configDocumentSchema.parse(desired);
    expect(diffConfig(current(), parsed)[1]!.action).toBe('unchanged');
    (desired.streams as Record<string, unknown>[])[0]!.credentials = { token: { keychain: true } };
    expect(diffConfig(current(), configDocumentSchema.parse(desired))[1]!.fields).toEqual([
      'credentials.token.env',
      'credentials.token.keychain',
    ]);
    expect(
      diffConfig(current(), current(), [{ stream: 'production', credential: 'token' }])[1],
    ).toMatchObject({ action: 'update', fields: ['credentials.token'] });
  });

  it('compares lists whole', () => {
    expect(changedPaths({ a: [1, 2] }, { a: [2, 1] })).toEqual(['a']);
  });
});

describe('buildConfigDocument', () => {
  const settings = (name: string) =>
    streamSettingsSchema.parse({ name, destination: { tool: 'dynatrace', url: dtUrl } });

  it('orders by name on every machine, with fields in schema order and defaults filled', () => {
    const doc = buildConfigDocument(
      [
        {
          config: {
            name: 'b',
            settings: { kind: 'sample', recordsPerSecond: 5 },
            fullPolicy: 'block',
          },
          credentials: {},
        },
        {
          config: {
            name: 'A',
            settings: { kind: 'sample', recordsPerSecond: 5 },
            fullPolicy: 'block',
          },
          credentials: {},
        },
      ],
      ['zeta', 'Alpha', 'alpha'].map((name) => ({
        active: true,
        settings: settings(name),
        sourceNames: [],
        credentials: { token: { keychain: true as const } },
      })),
    );
    expect(doc.sources.map((s) => s.name)).toEqual(['A', 'b']);
    expect(doc.streams.map((s) => s.name)).toEqual(['Alpha', 'alpha', 'zeta']);
    expect(Object.keys(doc.streams[0]!)).toEqual([
      'name',
      'active',
      'destination',
      'credentials',
      'sources',
      'stage',
      'filter',
      'delivery',
      'processing',
    ]);
    expect(configDocumentSchema.parse(doc)).toEqual(doc);
  });
});
