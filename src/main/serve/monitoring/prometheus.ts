import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type HistogramConfiguration,
} from 'prom-client';
import {
  requestDurationBounds,
  type DurationHistogram,
  type SendingState,
  type StreamStatus,
} from '../../../shared/api/engine';
import type { SourceState, SourceTotals } from '../../../shared/api/sources';
import type { StreamTotals } from '../../../shared/api/engine';
import { appVersion } from '../../base/version';
import type { MonitoringFigures } from './figures';

/**
 * /metrics in the Prometheus text format (docs/operations.md lists every
 * series). Each scrape builds a fresh registry from one engine snapshot, so
 * the figures are exactly those of `sluice streams status --json`; labels
 * carry the names users gave (`stream`, `source`). Counters count since
 * the engine started (Prometheus handles the reset at a restart).
 */
export const prometheusContentType = Registry.PROMETHEUS_CONTENT_TYPE;

const streamStatuses: readonly StreamStatus[] = ['active', 'active-with-errors', 'inactive'];
const sendingStates: readonly SendingState[] = ['idle', 'sending', 'retrying', 'stopped', 'paused'];
const sourceStates: readonly SourceState[] = [
  'running',
  'idle',
  'backpressure',
  'error',
  'stopped',
];

/** Per-stream counters: metric name, help, and the snapshot total it publishes. */
const streamCounters: [string, string, keyof StreamTotals][] = [
  ['sluice_stream_received_records_total', 'Records buffered for the stream.', 'recordsIn'],
  [
    'sluice_stream_received_bytes_total',
    'Encoded bytes of the records buffered for the stream.',
    'bytesIn',
  ],
  ['sluice_stream_delivered_records_total', 'Records the destination accepted.', 'recordsOut'],
  ['sluice_stream_delivered_bytes_total', 'Request bytes the destination accepted.', 'bytesOut'],
  ['sluice_stream_filtered_records_total', "Records left out by the stream's filters.", 'filtered'],
  [
    'sluice_stream_dead_lettered_records_total',
    'Records put in the dead-letter store.',
    'deadLettered',
  ],
  [
    'sluice_stream_dropped_records_total',
    'Records dropped from a full buffer (drop-oldest) before they were sent.',
    'dropped',
  ],
  [
    'sluice_stream_rejected_records_total',
    'Records the destination rejected in a partial success.',
    'rejected',
  ],
  ['sluice_stream_retries_total', 'Requests sent again after a retryable failure.', 'retries'],
  ['sluice_stream_requests_total', 'Requests sent to the destination.', 'requests'],
  [
    'sluice_stream_request_errors_total',
    'Requests that failed (refused, retryable or network errors).',
    'errors',
  ],
];

/** Per-source counters. */
const sourceCounters: [string, string, keyof SourceTotals][] = [
  ['sluice_source_received_records_total', 'Records committed to the buffer.', 'records'],
  [
    'sluice_source_received_bytes_total',
    'Encoded bytes of the records committed to the buffer.',
    'bytes',
  ],
  [
    'sluice_source_refused_records_total',
    'Records a client was told to send again (buffer full, disk failing).',
    'refused',
  ],
  [
    'sluice_source_rejected_requests_total',
    'Requests answered with an error (malformed, too large, unauthorized, buffer full).',
    'refusedRequests',
  ],
  [
    'sluice_source_unrouted_records_total',
    'Records not stored because no stream reads the source.',
    'unrouted',
  ],
  [
    'sluice_source_dropped_records_total',
    'Records that did not fit in a full buffer under drop-oldest.',
    'dropped',
  ],
  [
    'sluice_source_truncated_records_total',
    "Records cut to the source's record size limit.",
    'truncated',
  ],
];

/**
 * A histogram whose buckets come counted from the engine's snapshot (the
 * requests happened in the engine's thread, not here): prom-client's own
 * formatting, with the values set instead of observed one by one.
 */
class SnapshotHistogram<T extends string> extends Histogram<T> {
  private readonly series: { labels: Record<T, string>; h: DurationHistogram }[] = [];
  // prom-client's get() calls getForPromString(), which this class replaces:
  // an unregistered twin gives the name, help, type and aggregator.
  private readonly twin: Histogram<T>;

  constructor(config: HistogramConfiguration<T>) {
    super({ ...config, buckets: [...requestDurationBounds] });
    this.twin = new Histogram({ ...config, buckets: [...requestDurationBounds], registers: [] });
  }

  add(labels: Record<T, string>, h: DurationHistogram): void {
    this.series.push({ labels, h });
  }

  override async get() {
    const base = await this.twin.get();
    const values = this.series.flatMap(({ labels, h }) => [
      ...requestDurationBounds.map((bound, i) => ({
        metricName: `${base.name}_bucket`,
        labels: { ...labels, le: bound },
        value: h.cumulative[i] ?? 0,
      })),
      { metricName: `${base.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count },
      { metricName: `${base.name}_sum`, labels, value: h.sumSeconds },
      { metricName: `${base.name}_count`, labels, value: h.count },
    ]);
    return { ...base, values };
  }

  /** What the registry formats (prom-client's Histogram has it; this one must answer the same). */
  async getForPromString() {
    return this.get();
  }
}

// Process memory, CPU and this thread's event-loop lag (process_*, nodejs_*):
// measured continuously, so one registry for the life of the process.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The text of one scrape. */
export async function renderMetrics(f: MonitoringFigures): Promise<string> {
  const reg = new Registry();
  const registers = [reg];
  const { snapshot } = f;
  const streamName = new Map(f.streams.map((s) => [s.id, s.name]));
  const sourceName = new Map(f.sources.map((s) => [s.id, s.name]));

  new Gauge({
    name: 'sluice_info',
    help: 'Always 1; the version is a label.',
    labelNames: ['version'],
    registers,
  }).set({ version: appVersion }, 1);

  const streams = snapshot.streams.flatMap((rt) => {
    const name = streamName.get(rt.id);
    return name === undefined ? [] : [{ rt, labels: { stream: name } }];
  });
  for (const [name, help, key] of streamCounters) {
    const c = new Counter({ name, help, labelNames: ['stream'], registers });
    for (const { rt, labels } of streams) c.inc(labels, rt.totals[key]);
  }
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers });
  const backlogRecords = gauge(
    'sluice_stream_backlog_records',
    'Records buffered for the stream and not yet delivered.',
    ['stream'],
  );
  const backlogBytes = gauge('sluice_stream_backlog_bytes', 'Encoded bytes of those records.', [
    'stream',
  ]);
  const oldest = gauge(
    'sluice_stream_backlog_oldest_age_seconds',
    'Age of the oldest undelivered record; 0 when there is none.',
    ['stream'],
  );
  const status = gauge(
    'sluice_stream_status',
    'The stream status: 1 for the current one (active, active-with-errors, inactive), 0 for the others.',
    ['stream', 'status'],
  );
  const sending = gauge(
    'sluice_stream_sending_state',
    "What the stream's exporter is doing: 1 for the current state, 0 for the others.",
    ['stream', 'state'],
  );
  const streamDurations = new SnapshotHistogram({
    name: 'sluice_stream_request_duration_seconds',
    help: 'How long each request to the destination took.',
    labelNames: ['stream'],
    registers,
  });
  for (const { rt, labels } of streams) {
    backlogRecords.set(labels, rt.backlogRecords);
    backlogBytes.set(labels, rt.backlogBytes);
    oldest.set(labels, (rt.oldestBufferedAgeMs ?? 0) / 1000);
    for (const s of streamStatuses) status.set({ ...labels, status: s }, rt.status === s ? 1 : 0);
    for (const s of sendingStates) sending.set({ ...labels, state: s }, rt.sending === s ? 1 : 0);
    streamDurations.add(labels, rt.requestDurations);
  }

  const sources = snapshot.sources.flatMap((rt) => {
    const name = sourceName.get(rt.id);
    return name === undefined ? [] : [{ rt, labels: { source: name } }];
  });
  for (const [name, help, key] of sourceCounters) {
    const c = new Counter({ name, help, labelNames: ['source'], registers });
    for (const { rt, labels } of sources) c.inc(labels, rt.totals[key]);
  }
  const sourceState = gauge(
    'sluice_source_state',
    'The source state: 1 for the current one, 0 for the others.',
    ['source', 'kind', 'state'],
  );
  const sourceDurations = new SnapshotHistogram({
    name: 'sluice_source_request_duration_seconds',
    help: 'Receivers: how long each request took to answer (stored or refused).',
    labelNames: ['source'],
    registers,
  });
  for (const { rt, labels } of sources) {
    for (const s of sourceStates)
      sourceState.set({ ...labels, kind: rt.kind, state: s }, rt.state === s ? 1 : 0);
    if (rt.kind === 'otlp-receiver' || rt.kind === 'otlp-grpc-receiver')
      sourceDurations.add(labels, rt.requestDurations);
  }

  const b = snapshot.buffer;
  gauge('sluice_buffer_used_bytes', 'Bytes the buffer occupies on disk.', []).set(b.usedBytes);
  gauge('sluice_buffer_capacity_bytes', "The buffer's disk cap.", []).set(b.capBytes);
  gauge('sluice_buffer_records', 'Records in the buffer.', []).set(b.records);
  gauge('sluice_buffer_full', '1 while the buffer is at or over its cap.', []).set(b.full ? 1 : 0);
  gauge('sluice_engine_uptime_seconds', 'Time since the engine started.', []).set(
    snapshot.uptimeMs / 1000,
  );
  gauge(
    'sluice_engine_eventloop_lag_p99_seconds',
    "The engine thread's event-loop delay over the last second, 99th percentile.",
    [],
  ).set(snapshot.engine.eventLoopLagP99Ms / 1000);
  gauge(
    'sluice_engine_eventloop_lag_max_seconds',
    "The engine thread's longest event-loop delay over the last second.",
    [],
  ).set(snapshot.engine.eventLoopLagMaxMs / 1000);
  gauge('sluice_engine_heap_used_bytes', "The engine thread's JavaScript heap in use.", []).set(
    snapshot.engine.heapUsedBytes,
  );

  return Registry.merge([reg, processMetrics()]).metrics();
}
