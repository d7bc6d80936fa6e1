/**
 * Where masking's time goes, detector by detector: the wire processor the
 * exporter uses, over the benchmark's realistic records, with one detector
 * at a time, then all of them. A rule whose pattern never matches gives the
 * cost of reading the records. CPU per record, the median of three rounds.
 *
 *   node --import tsx bench/mask-detectors.ts [records]
 */
import {
  compileProcessing,
  createWireProcessor,
  type ProcessingRule,
} from '../src/shared/processing';
import { detectorNames } from '../src/shared/processing/detectors';
import { realisticBatch } from './lib/records';
import { median } from './lib/stats';

const count = Number(process.argv[2] ?? 30_000);
const stored: Uint8Array[] = [];
for (let done = 0; done < count; done += 5_000) {
  const batch = realisticBatch(Math.min(5_000, count - done), 42 + done);
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offsets[i]!;
    stored.push(batch.payload.subarray(offset, offset + batch.lengths[i]!));
  }
}

const variants: [string, ProcessingRule[]][] = [
  ['(reading only)', [{ mask: { pattern: 'ZQZQZQ', name: 'never' } }]],
  ...detectorNames.map((name): [string, ProcessingRule[]] => [name, [{ mask: [name] }]]),
  ['builtin', [{ mask: 'builtin' }]],
];
for (const [name, rules] of variants) {
  const wire = createWireProcessor(compileProcessing(rules, { keyedHash: (v) => v.slice(0, 8) }));
  let changed = 0;
  for (const r of stored) if (wire.record(r).changedByRule.length > 0) changed++; // and warm-up
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    for (const r of stored) wire.record(r);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / stored.length);
  }
  process.stdout.write(
    `${name.padEnd(16)} ${median(rounds).toFixed(2).padStart(6)} us/record  (${changed} of ${stored.length} changed)\n`,
  );
}
