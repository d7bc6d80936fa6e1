import { createHmac, randomBytes } from 'node:crypto';
import { compileProcessing, createWireProcessor } from '../../src/shared/processing';
import { realisticBatch } from '../lib/records';
import { exitSoon, serveRpc } from '../lib/rpc';
import { median } from '../lib/stats';

/**
 * Masking, in a fresh process: the stream's wire processor with
 * {"mask": "builtin"} (every detector over the content and every attribute
 * value) applied to realistic stored records, as the exporter will apply it
 * to each record it sends: decode, detect, replace, re-encode the records
 * that changed. Resources are processed once each (the exporter caches
 * them per resource). CPU time of this process, all threads.
 */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

serveRpc({
  measure({ records, rounds }: { records: number; rounds: number }) {
    const key = randomBytes(32);
    const wire = createWireProcessor(
      compileProcessing([{ mask: 'builtin' }], {
        keyedHash: (v) => createHmac('sha256', key).update(v).digest('hex').slice(0, 16),
      }),
    );
    const stored: Uint8Array[] = [];
    const resources: Uint8Array[] = [];
    for (let done = 0; done < records; done += 5_000) {
      const batch = realisticBatch(Math.min(5_000, records - done), 42 + done);
      for (const g of batch.groups) resources.push(g.resource);
      for (let i = 0; i < batch.count; i++) {
        const offset = batch.offsets[i]!;
        stored.push(batch.payload.subarray(offset, offset + batch.lengths[i]!));
      }
    }
    let changed = 0;
    for (const r of stored) if (wire.record(r).changedByRule.length > 0) changed++; // and warm-up
    const ms: number[] = [];
    for (let round = 0; round < rounds; round++) {
      ms.push(
        cpuMs(() => {
          for (const r of resources) wire.resource(r);
          for (const r of stored) wire.record(r);
        }),
      );
    }
    return { records: stored.length, changed, ms: median(ms) };
  },
  close: () => exitSoon(),
});
