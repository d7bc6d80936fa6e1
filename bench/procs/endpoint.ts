import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { wallMs } from '../lib/clock';
import { markAttribute } from '../lib/records';
import { exitSoon, serveRpc } from '../lib/rpc';
import { selfUsage } from '../lib/usage';

/**
 * The local Dynatrace-compatible endpoint (`sluice dynatrace-local`'s own
 * server) in its own process, counting what it accepts. With `marks`, it
 * notes when each marked record (bench.mark, one per load-generator request)
 * arrived, for the end-to-end latency.
 */
let dt: DynatraceLocal | null = null;
let arrived = 0;
let rejected = 0;
let requests = 0;
let failed = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
let marks = false;
let seenId = 0;
const arrivals: [number, number][] = [];
const waiters: { records: number; resolve: (at: number) => void }[] = [];

function collectMarks(at: number): void {
  if (!dt) return;
  for (;;) {
    const page = dt.records({ since: seenId, limit: 10_000 });
    if (page.length === 0) return;
    for (const r of page) {
      const mark = r.attributes[markAttribute];
      if (typeof mark === 'string') arrivals.push([Number(mark), at]);
    }
    seenId = page[page.length - 1]!.id;
  }
}

serveRpc({
  async start(o: { marks: boolean }) {
    marks = o.marks;
    dt = await startDynatraceLocal({
      port: 0,
      // Big enough to hold a whole batch between two looks for marks.
      keepRecords: marks ? 60_000 : 10_000,
      onRequest: (e) => {
        const at = wallMs();
        requests++;
        if (e.status !== 200) {
          failed++;
          return;
        }
        arrived += e.records;
        rejected += e.rejected;
        firstAt ??= at;
        lastAt = at;
        if (marks) collectMarks(at);
        for (let i = waiters.length - 1; i >= 0; i--) {
          if (arrived >= waiters[i]!.records) waiters.splice(i, 1)[0]!.resolve(at);
        }
      },
    });
    return { url: dt.url, token: dt.token };
  },
  stats: () => ({ arrived, rejected, requests, failed, firstAt, lastAt, ...selfUsage() }),
  /** Resolves with the wall time at which `records` in total had arrived. */
  waitFor: ({ records }: { records: number }) =>
    arrived >= records
      ? (lastAt ?? wallMs())
      : new Promise<number>((resolve) => waiters.push({ records, resolve })),
  /** Marked records' arrival times since the last call, [mark, wall ms]. */
  takeArrivals: () => arrivals.splice(0),
  async close() {
    await dt?.close();
    exitSoon();
  },
});
