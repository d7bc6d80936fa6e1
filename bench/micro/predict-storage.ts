/**
 * What predictStorage costs per record, the figure the exporter's per-record
 * wouldChange counting is planned on (docs/dynatrace-mapping.md, "What
 * Dynatrace would change"). Records are the sample generator's realistic
 * application logs (about 620 bytes each as protobuf), decoded once up
 * front: the exporter has them decoded for the request anyway.
 *
 *   node --import tsx bench/micro/predict-storage.ts [RECORDS]
 *
 * Prints microseconds per record for each profile, the median of five runs:
 * as the exporter calls it (the screen first), and with the mapping always.
 */
import { performance } from 'node:perf_hooks';
import {
  createStoragePredictor,
  type PredictOptions,
  type RecordInContext,
} from '../../src/shared/dynatrace';
import { decodeLogRecord, decodeResource, decodeScope } from '../../src/shared/otlp';
import { realisticBatch } from '../lib/records';

const count = Number(process.argv[2] ?? 20_000);
const nowMs = Date.now();
const now = BigInt(nowMs) * 1_000_000n;

const items: RecordInContext[] = [];
const batch = realisticBatch(count, 17, nowMs);
for (let i = 0; i < batch.count; i++) {
  const g = batch.groups[batch.groupOf[i]!]!;
  const offset = batch.offsets[i]!;
  items.push({
    resource: decodeResource(g.resource),
    scope: decodeScope(g.scope),
    record: decodeLogRecord(batch.payload.subarray(offset, offset + batch.lengths[i]!)),
  });
}

function run(options: Omit<PredictOptions, 'now'>, screen: boolean): number {
  const predict = createStoragePredictor(options, { screen });
  let changed = 0;
  const start = performance.now();
  for (const item of items) changed += predict(item, now).length;
  const us = ((performance.now() - start) * 1000) / items.length;
  if (changed < 0) throw new Error('unreachable'); // keeps the loop's result alive
  return us;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const targets: { label: string; options: Omit<PredictOptions, 'now'> }[] = [
  { label: 'current-docs, flattened, openpipeline', options: { model: 'flattened' } },
  { label: 'current-docs, raw, classic', options: { model: 'raw', processing: 'classic' } },
  { label: 'classic (Managed)', options: { profile: 'classic', model: 'flattened' } },
];

run(targets[0]!.options, true); // warm-up
run(targets[0]!.options, false);
process.stdout.write(
  `predictStorage over ${items.length.toLocaleString('en-US')} records, us/record\n`,
);
process.stdout.write(`  ${''.padEnd(40)} ${'screened'.padStart(9)} ${'mapping'.padStart(9)}\n`);
for (const t of targets) {
  const screened = median(Array.from({ length: 5 }, () => run(t.options, true)));
  const mapped = median(Array.from({ length: 5 }, () => run(t.options, false)));
  process.stdout.write(
    `  ${t.label.padEnd(40)} ${screened.toFixed(2).padStart(9)} ${mapped.toFixed(2).padStart(9)}\n`,
  );
}
