import { statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sleep, waitUntil } from '../lib/clock';
import { dynatraceStream } from '../lib/engine-process';
import { quietSource, startEndpoint, startEngineOn } from '../lib/setup';
import { sampleRss } from './steady';
import type { Scenario } from './types';

// Measured: about 700 bytes of database per realistic record; the rest is headroom.
const diskBytesPerRecord = 1_000;
const spareDiskBytes = 5 * 1024 ** 3;

/**
 * rss_mb_backlog_10m: 10,000,000 records buffered (direct appends, stream
 * paused), then the engine restarted on that buffer, as after a reboot,
 * idle for a few seconds and then draining it to the local Dynatrace
 * endpoint. The highest resident memory of the new engine process over both
 * phases. The backlog lives in SQLite on disk, so this should match the
 * steady figure.
 */
export const backlogScenario: Scenario = {
  name: 'backlog',
  keys: ['rss_mb_backlog_10m'],
  async run(ctx) {
    const records = ctx.quick ? 100_000 : 10_000_000;
    const dataDir = ctx.tempDir('backlog');
    const fs = statfsSync(dataDir);
    const free = fs.bavail * fs.bsize;
    const needed = records * diskBytesPerRecord + spareDiskBytes;
    if (free < needed) {
      const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
      return {
        values: { rss_mb_backlog_10m: null },
        reasons: {
          rss_mb_backlog_10m: `${records.toLocaleString('en-US')} records need about ${gb(needed)} free in ${dataDir} (TMPDIR); ${gb(free)} are`,
        },
      };
    }

    const endpoint = await startEndpoint(ctx);
    const first = await startEngineOn(ctx, dataDir);
    const source = await quietSource(ctx, first);
    const stream = await first.createStream(
      dynatraceStream('Bench backlog', endpoint.url, [source.id]),
      { token: endpoint.token },
      false,
    );
    let fillMs = 0;
    const step = 1_000_000;
    for (let done = 0; done < records; done += step) {
      fillMs += (await first.fill(source.id, Math.min(step, records - done))).ms;
      if (records > step) ctx.log(`  backlog: ${Math.min(records, done + step)} records buffered`);
    }
    const rssAfterFill = (await first.usage()).rssMb;
    await first.stop();
    const dbBytes = statSync(join(dataDir, 'sluice.db')).size;

    // A new engine process on the same data folder, as after a restart.
    const opened = performance.now();
    const engine = await startEngineOn(ctx, dataDir);
    const backlogAtStart = await waitUntil(
      'the restarted engine to report the backlog',
      async () => (await engine.snapshot()).streams.find((s) => s.id === stream.id)?.backlogRecords,
      120_000,
    );
    const startupMs = performance.now() - opened;
    const idle = sampleRss(engine);
    await sleep(ctx.quick ? 1_000 : 5_000);
    const idleRss = await idle.stop();
    const draining = sampleRss(engine);
    // The token was held in the first process's memory (no keychain here): give it again.
    await engine.updateCredentials(stream.id, { token: endpoint.token });
    await engine.setActive(stream.id, true);
    await sleep(ctx.quick ? 2_000 : 20_000);
    const drainingRss = await draining.stop();
    const left = (await engine.streamRuntime(stream.id)).backlogRecords;

    return {
      values: { rss_mb_backlog_10m: Math.max(...idleRss, ...drainingRss) },
      details: {
        records,
        fill_records_per_s: records / (fillMs / 1000),
        database_gb: dbBytes / 1024 ** 3,
        backlog_after_restart: backlogAtStart,
        restart_seconds: startupMs / 1000,
        rss_mb_after_fill: rssAfterFill,
        rss_mb_idle_max: Math.max(...idleRss),
        rss_mb_draining_max: Math.max(...drainingRss),
        drained_records: backlogAtStart - left,
      },
    };
  },
};
