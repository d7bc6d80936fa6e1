import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { projectRoot, startProcess, type RunningProcess } from '../../support/sluice-process';
import { startRecordingServer } from '../../support/recording-otlp-server';
import { tempDir } from '../../support/temp-dir';

const script = join(projectRoot, 'test', 'fixtures', 'scripts', 'crash-engine.ts');
const kills = 20;
const maxBatchRecords = 50; // as set by the script
const maxInFlight = 2; // the default
const total = 4_000;
const writeBatch = 20;

/** A small seeded generator so a failing run can be repeated (the seed is printed). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ackedIn(output: string): number[] {
  const out: number[] = [];
  for (const m of output.matchAll(/^acked (\d+) (\d+)$/gm)) {
    for (let n = Number(m[1]); n <= Number(m[2]); n++) out.push(n);
  }
  return out;
}

function start(dataDir: string, url: string, first: number): RunningProcess {
  return startProcess([dataDir, url, String(first), String(total), String(writeBatch)], {
    script,
    nodeArgs: ['--no-warnings', '--import', 'tsx'],
  });
}

describe('conservation under crashes', () => {
  it(
    `delivers every acknowledged record at least once across ${kills} SIGKILLs`,
    { timeout: 240_000 },
    async () => {
      const seed = Number(process.env.SLUICE_CRASH_SEED ?? Date.now() % 100_000);
      process.stdout.write(
        `crash test seed: ${seed} (SLUICE_CRASH_SEED=${seed} repeats this run)\n`,
      );
      const random = mulberry32(seed);
      const server = await startRecordingServer();
      const dataDir = tempDir('sluice-crash-');
      const acked = new Set<number>();
      try {
        let next = 1;
        for (let k = 0; k < kills; k++) {
          const child = start(dataDir, server.url, next);
          await child.waitFor(/^ready$/m, 60_000);
          // A random moment: while writing, while exporting, or between the two.
          await new Promise((r) => setTimeout(r, 20 + random() * 300));
          await child.stop('SIGKILL');
          for (const n of ackedIn(child.output())) acked.add(n);
          next = Math.max(next, ...acked) + 1;
        }
        // A last run writes the rest and drains the buffer.
        const last = start(dataDir, server.url, next);
        try {
          await last.waitFor(/^all written$/m, 120_000);
          for (const n of ackedIn(last.output())) acked.add(n);
          const missing = () => {
            const arrived = new Set(server.received);
            return [...acked].filter((n) => !arrived.has(n));
          };
          await eventually(() => expect(missing()).toEqual([]), {
            timeoutMs: 120_000,
            message: 'every acknowledged record arrives',
          });
        } finally {
          await last.stop('SIGTERM');
        }

        const got = new Set(server.received);
        expect(acked.size).toBeGreaterThan(total / 2);
        // Each kill can at most resend the batches that were in flight.
        const duplicates = server.received.length - got.size;
        expect(duplicates).toBeLessThanOrEqual(kills * maxInFlight * maxBatchRecords);
      } finally {
        await server.close();
      }
    },
  );
});
