import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { ensureSampleSource } from '../../../src/main/catalog/sources/defaults';
import { eventually } from '../../support/scripted-sender';
import { addStream, delivered, openHarness, stringAttr, type Harness } from './support';

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

describe('sample data with zero configuration', () => {
  it('a new user picks the default source in a stream and sees realistic records flow', async () => {
    h = openHarness({ defaults: true, timing: {} });
    const [sample] = h.engine.listSources();
    expect(sample).toMatchObject({ name: 'Sample data', settings: { kind: 'sample' } });
    await addStream(h.engine, [sample!.id]);
    // 5 records a second by default.
    await eventually(() => expect(delivered(h!.sender).length).toBeGreaterThanOrEqual(5), 10_000);
    const first = delivered(h.sender)[0]!;
    expect(stringAttr(first, 'outsystems.module.name')).toMatch(/^[A-Z][A-Za-z]+$/);
    const runtime = appInternals(h.engine).sourceManager.runtime(sample!.id)!;
    expect(runtime).toMatchObject({ kind: 'sample', state: 'running' });
    expect(runtime.totals.records).toBeGreaterThanOrEqual(5);
  });

  it('the demo can get a sample source whatever the user did before', async () => {
    h = openHarness();
    expect(h.engine.listSources()).toEqual([]);
    const made = ensureSampleSource(appInternals(h.engine).sources);
    expect(made).toMatchObject({ name: 'Sample data', settings: { recordsPerSecond: 5 } });
    expect(ensureSampleSource(appInternals(h.engine).sources).id).toBe(made.id);
  });

  it('follows an edited rate without losing its totals', async () => {
    h = openHarness({ timing: { samplePeriodMs: 20 } });
    const source = ensureSampleSource(appInternals(h.engine).sources);
    await addStream(h.engine, [source.id]);
    await h.engine.updateSource(
      source.id,
      { ...source, settings: { kind: 'sample', recordsPerSecond: 2_000 } },
      {},
    );
    await eventually(() => expect(delivered(h!.sender).length).toBeGreaterThan(500), 10_000);
    const before = appInternals(h.engine).sourceManager.runtime(source.id)!.totals.records;
    await h.engine.updateSource(source.id, { ...source, name: 'Renamed sample' }, {});
    await appInternals(h.engine).sourceManager.sync(h.engine.listSources());
    expect(
      appInternals(h.engine).sourceManager.runtime(source.id)!.totals.records,
    ).toBeGreaterThanOrEqual(before);
  });
});
