import { mapToDynatrace } from '../../../../src/shared/dynatrace';
import type {
  DynatraceMapping,
  DynatraceOptions,
  DynatraceRecord,
} from '../../../../src/shared/dynatrace';
import {
  createLogRecord,
  type ExportLogsServiceRequest,
  type KeyValue,
  type LogRecord,
} from '../../../../src/shared/otlp';

/** 2023-11-09T10:00:00Z, the seed's publication day, as unix nanoseconds. */
export const NOW = 1_699_524_000_000_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

/**
 * These tests were written against the seed's rules, so they name that
 * profile; the mapping's own default ('current-docs') is tested by itself.
 */
export const defaults: DynatraceOptions = {
  model: 'flattened',
  processing: 'openpipeline',
  authOrigin: null,
  now: NOW,
  profile: 'seed',
};

export function requestOf(
  records: Partial<LogRecord>[],
  context: { resource?: KeyValue[]; scope?: KeyValue[] } = {},
): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: { attributes: context.resource ?? [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: {
              name: 'scope',
              version: '',
              attributes: context.scope ?? [],
              droppedAttributesCount: 0,
            },
            schemaUrl: '',
            logRecords: records.map((r) => createLogRecord({ timeUnixNano: NOW, ...r })),
          },
        ],
      },
    ],
  };
}

export function mapAll(
  records: Partial<LogRecord>[],
  options: Partial<DynatraceOptions> = {},
  context: { resource?: KeyValue[]; scope?: KeyValue[] } = {},
): DynatraceMapping {
  return mapToDynatrace(requestOf(records, context), { ...defaults, ...options });
}

/** Maps one record and returns it (fails the test if it was dropped). */
export function mapOne(
  record: Partial<LogRecord>,
  options: Partial<DynatraceOptions> = {},
  context: { resource?: KeyValue[]; scope?: KeyValue[] } = {},
): DynatraceRecord {
  const result = mapAll([record], options, context);
  const only = result.records[0];
  if (!only) throw new Error(`record was dropped: ${result.dropped[0]?.reason}`);
  return only;
}

export function rulesFor(record: DynatraceRecord, field: string): string[] {
  return record.notes.filter((n) => n.field === field).map((n) => n.rule);
}
