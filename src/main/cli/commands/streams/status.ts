import { plural } from '../../../../shared/format/count';
import type { StreamEvent } from '../../../../shared/api/event-log';
import type { SluiceApi } from '../../../../shared/api/client';
import {
  streamStatusLabels,
  type LogAgeState,
  type SendingState,
  type StreamRuntime,
  type StreamStatus,
  type StreamTotals,
} from '../../../../shared/api/engine';
import type { Source } from '../../../../shared/api/sources';
import type { Stream } from '../../../../shared/api/streams';
import { destinationEndpointUrl, toolLabels } from '../../../../shared/destinations';
import { effectiveProcessingRules, ruleKey, ruleLabel } from '../../../../shared/processing';
import type { EngineAccess } from '../../engine-access';
import { zeroTotals } from '../../../../shared/api/engine';
import { dynatraceLines, logAgeCell } from './status-dynatrace';

/** `sluice streams list --json`: one entry per stream (docs/config.md). */
export interface StreamListEntry {
  name: string;
  id: string;
  active: boolean;
  tool: Stream['destination']['tool'];
  /** Where records go (for S3, s3://bucket/prefix). */
  endpoint: string;
  sources: string[];
  stage: string | null;
}

/** `sluice streams status NAME --json` (docs/config.md). */
export interface StreamStatusJson {
  name: string;
  id: string;
  active: boolean;
  status: StreamStatus;
  statusLabel: string;
  statusReason: string | null;
  /** Whether a Sluice instance is running this data folder (else nothing is being sent). */
  running: boolean;
  /** What the exporter is doing; null when no instance is running. */
  sending: SendingState | null;
  rates: {
    recordsInPerSec: number;
    recordsOutPerSec: number;
    bytesOutPerSec: number;
    errorsPerSec: number;
  };
  /** Counters since the instance started (zeros when none is running). */
  totals: StreamTotals;
  backlog: { records: number; bytes: number; oldestAgeMs: number | null };
  /** Dynatrace streams: the oldest buffered record against the log-age limit; null otherwise. */
  logAge: LogAgeState | null;
  /** Records the mapping says Dynatrace will cut, drop or change, by rule id, since the instance started. */
  wouldChange: Record<string, number>;
  lastError: {
    at: string;
    httpStatus: number | null;
    message: string;
    advice: string | null;
  } | null;
  /** The stream's processing rules in order, with what each changed in the last minute when known. */
  processing: { key: string; label: string; changedLastMinute: number | null }[];
}

/** `sluice streams status --json`. */
export interface StatusJson {
  running: boolean;
  /** The running instance's process id. */
  pid: number | null;
  dataDir: string;
  streams: StreamStatusJson[];
}

function endpointOf(s: Stream): string {
  const d = s.destination;
  return d.tool === 's3' ? `s3://${d.bucket}/${d.prefix}` : destinationEndpointUrl(d);
}

export function listEntry(s: Stream, sources: readonly Source[]): StreamListEntry {
  return {
    name: s.name,
    id: s.id,
    active: s.active,
    tool: s.destination.tool,
    endpoint: endpointOf(s),
    sources: s.sourceIds.map((id) => sources.find((x) => x.id === id)?.name ?? id),
    stage: s.stage,
  };
}

async function lastErrorEvent(api: SluiceApi, streamId: string): Promise<StreamEvent | null> {
  const [e] = await api.request('events.list', { streamId, kinds: ['error'], limit: 1 });
  return e ?? null;
}

/** The status of each stream, from the engine's snapshot and its event log. */
export async function readStatus(
  access: EngineAccess,
  streams: readonly Stream[],
): Promise<StreamStatusJson[]> {
  const snapshot = await access.api.request('engine.snapshot');
  const running = access.via === 'instance';
  const out: StreamStatusJson[] = [];
  for (const s of streams) {
    const rt: StreamRuntime | undefined = snapshot.streams.find((r) => r.id === s.id);
    const status = rt?.status ?? (s.active ? 'active' : 'inactive');
    const event = rt?.lastError ? null : await lastErrorEvent(access.api, s.id);
    const lastError = rt?.lastError
      ? {
          at: new Date(rt.lastError.at).toISOString(),
          httpStatus: rt.lastError.httpStatus,
          message: rt.lastError.message,
          advice: rt.lastError.advice,
        }
      : event
        ? {
            at: new Date(event.at).toISOString(),
            httpStatus: event.httpStatus,
            message: event.message,
            advice: null,
          }
        : null;
    out.push({
      name: s.name,
      id: s.id,
      active: s.active,
      status,
      statusLabel: streamStatusLabels[status],
      statusReason: rt?.statusReason ?? null,
      running,
      sending: running ? (rt?.sending ?? null) : null,
      rates: {
        recordsInPerSec: rt?.rates.recordsInPerSec ?? 0,
        recordsOutPerSec: rt?.rates.recordsOutPerSec ?? 0,
        bytesOutPerSec: rt?.rates.bytesOutPerSec ?? 0,
        errorsPerSec: rt?.rates.errorsPerSec ?? 0,
      },
      totals: rt ? { ...rt.totals } : zeroTotals(),
      backlog: {
        records: rt?.backlogRecords ?? 0,
        bytes: rt?.backlogBytes ?? 0,
        oldestAgeMs: rt?.oldestBufferedAgeMs ?? null,
      },
      logAge: rt?.logAge ?? null,
      wouldChange: { ...(rt?.wouldChange ?? {}) },
      lastError,
      processing: effectiveProcessingRules(s).map((rule, i) => {
        const key = ruleKey(rule, i);
        return { key, label: ruleLabel(rule), changedLastMinute: rt?.processing?.[key] ?? null };
      }),
    });
  }
  return out;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function rate(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** A table of streams, one line each, for `status` without a name. */
export function statusTable(rows: readonly StreamStatusJson[]): string {
  if (rows.length === 0) return 'There are no streams.\n';
  const nameWidth = Math.max(6, ...rows.map((r) => r.name.length + 2));
  const head = `${pad('NAME', nameWidth)}${pad('STATUS', 20)}${pad('IN/S', 8)}${pad('OUT/S', 8)}${pad('BACKLOG', 10)}${pad('LOG AGE', 16)}LAST ERROR\n`;
  return (
    head +
    rows
      .map((r) => {
        const err = r.lastError
          ? `${r.lastError.at.slice(0, 19).replace('T', ' ')} ${r.lastError.httpStatus ? `HTTP ${r.lastError.httpStatus}: ` : ''}${r.lastError.message}`
          : '-';
        return `${pad(r.name, nameWidth)}${pad(r.statusLabel, 20)}${pad(rate(r.rates.recordsInPerSec), 8)}${pad(rate(r.rates.recordsOutPerSec), 8)}${pad(String(r.backlog.records), 10)}${pad(logAgeCell(r), 16)}${err}\n`;
      })
      .join('')
  );
}

/** Every detail of one stream, for `status NAME`. */
export function statusDetail(r: StreamStatusJson): string {
  const lines = [
    `${r.name}: ${r.statusLabel}${r.statusReason ? ` (${r.statusReason})` : ''}`,
    `  Sending:   ${r.sending ?? 'nothing (no Sluice is running this data folder)'}`,
    `  Rates:     ${rate(r.rates.recordsInPerSec)} records/s in, ${rate(r.rates.recordsOutPerSec)} records/s out, ${rate(r.rates.errorsPerSec)} errors/s`,
    `  Totals:    ${r.totals.recordsIn} in, ${r.totals.recordsOut} out, ${r.totals.errors} errors, ${r.totals.retries} retries, ${r.totals.deadLettered} dead-lettered`,
    `  Backlog:   ${plural(r.backlog.records, 'record')}, ${plural(r.backlog.bytes, 'byte')}${r.backlog.oldestAgeMs !== null ? `, oldest ${Math.round(r.backlog.oldestAgeMs / 1000)} s` : ''}`,
    ...dynatraceLines(r),
    `  Processing: ${r.processing.length === 0 ? 'no rules' : r.processing.map((p) => `${p.key} ${p.label}${p.changedLastMinute !== null ? ` (${p.changedLastMinute} changed in the last minute)` : ''}`).join('; ')}`,
    `  Last error: ${r.lastError ? `${r.lastError.at} ${r.lastError.httpStatus ? `HTTP ${r.lastError.httpStatus}: ` : ''}${r.lastError.message}${r.lastError.advice ? ` ${r.lastError.advice}` : ''}` : 'none'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function listTable(rows: readonly StreamListEntry[]): string {
  if (rows.length === 0) return 'There are no streams.\n';
  const nameWidth = Math.max(6, ...rows.map((r) => r.name.length + 2));
  return (
    `${pad('NAME', nameWidth)}${pad('STATE', 10)}${pad('DESTINATION', 20)}SOURCES\n` +
    rows
      .map(
        (r) =>
          `${pad(r.name, nameWidth)}${pad(r.active ? 'Active' : 'Inactive', 10)}${pad(toolLabels[r.tool], 20)}${r.sources.join(', ') || '-'}\n  ${r.endpoint}\n`,
      )
      .join('')
  );
}
