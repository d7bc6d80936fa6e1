import type { ProcessingPreview, PreviewedRecord } from '../../../shared/api/processing';
import type { RequestArgument } from '../../../shared/api/contract';
import type { Stream } from '../../../shared/api/streams';
import {
  decodeLogRecord,
  decodeResource,
  decodeScope,
  exportRequestFromJson,
  exportRequestToJson,
  type InstrumentationScope,
  type LogRecord,
  type Resource,
} from '../../../shared/otlp';
import {
  compileProcessing,
  effectiveProcessingRules,
  ProcessingError,
  type Change,
} from '../../../shared/processing';
import { EngineError } from '../../base/errors';
import type { TokenStore } from '../../secrets/token-store';
import { SampleGenerator } from '../../sources/sample/generator';
import type { BufferedRecord } from '../../engine/ports';
import { recordsWithSecrets } from './samples';
import { processingKeyFor } from './stream-processing';

/** One record with the resource and scope it came with. */
interface Item {
  resource: Resource;
  resourceSchemaUrl: string;
  scope: InstrumentationScope;
  scopeSchemaUrl: string;
  record: LogRecord;
}

export interface PreviewDeps {
  tokens: TokenStore;
  stream(id: string): Stream;
  /** The newest buffered records of some sources (Engine.newestRecords). */
  newestRecords(sourceIds: readonly string[], count: number, window: number): BufferedRecord[];
  now(): number;
}

const maxGivenRecords = 200;
// How far back the newest records of the chosen sources are looked for.
const sourceWindow = 5_000;

function sampleItems(count: number, nowMs: number): Item[] {
  const items: Item[] = [];
  const nanos = BigInt(nowMs) * 1_000_000n;
  const secrets = recordsWithSecrets(nanos);
  const resource: Resource = {
    attributes: [{ key: 'service.name', value: { kind: 'string', value: 'CustomerPortal' } }],
    droppedAttributesCount: 0,
  };
  const scope: InstrumentationScope = {
    name: 'sluice.sample',
    version: '',
    attributes: [],
    droppedAttributesCount: 0,
  };
  const generated = new SampleGenerator(1).generate(Math.max(0, count - secrets.length), nowMs);
  for (let i = 0; i < generated.count; i++) {
    const g = generated.groups[generated.groupOf[i]!]!;
    const offset = generated.offsets[i]!;
    items.push({
      resource: decodeResource(g.resource),
      resourceSchemaUrl: g.resourceSchemaUrl,
      scope: decodeScope(g.scope),
      scopeSchemaUrl: g.scopeSchemaUrl,
      record: decodeLogRecord(generated.payload.subarray(offset, offset + generated.lengths[i]!)),
    });
  }
  // Secrets first: they are what a rule being written is about.
  const planted = secrets.slice(0, count).map((record) => ({
    resource,
    resourceSchemaUrl: '',
    scope,
    scopeSchemaUrl: '',
    record,
  }));
  return [...planted, ...items].slice(0, count);
}

/**
 * The newest buffered records of the sources (only records some stream
 * reads are buffered), read the way the exporter reads them.
 */
function sourceItems(deps: PreviewDeps, sourceIds: readonly string[], count: number): Item[] {
  return deps.newestRecords(sourceIds, count, sourceWindow).map((r) => ({
    resource: decodeResource(r.resource.bytes),
    resourceSchemaUrl: r.resource.schemaUrl,
    scope: decodeScope(r.scope.bytes),
    scopeSchemaUrl: r.scope.schemaUrl,
    record: decodeLogRecord(r.record),
  }));
}

function givenItems(json: unknown): Item[] {
  let request;
  try {
    request = exportRequestFromJson(json);
  } catch (err) {
    throw new EngineError(
      'invalid-input',
      `The records are not an OTLP/JSON ExportLogsServiceRequest: ${(err as Error).message}`,
    );
  }
  const items: Item[] = [];
  for (const rl of request.resourceLogs) {
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        if (items.length < maxGivenRecords) {
          items.push({
            resource: rl.resource,
            resourceSchemaUrl: rl.schemaUrl,
            scope: sl.scope,
            scopeSchemaUrl: sl.schemaUrl,
            record,
          });
        }
      }
    }
  }
  return items;
}

function asJson(item: Item): unknown {
  return exportRequestToJson({
    resourceLogs: [
      {
        resource: item.resource,
        schemaUrl: item.resourceSchemaUrl,
        scopeLogs: [
          { scope: item.scope, schemaUrl: item.scopeSchemaUrl, logRecords: [item.record] },
        ],
      },
    ],
  });
}

/** `processing.preview`: the rules on some records, before and after, with every change. */
export async function previewProcessing(
  deps: PreviewDeps,
  input: RequestArgument<'processing.preview'>,
): Promise<ProcessingPreview> {
  const stream = input.streamId === null ? null : deps.stream(input.streamId);
  if (input.rules === null && stream === null) {
    throw new EngineError(
      'invalid-input',
      'Give the rules to try, or the stream whose rules to use.',
    );
  }
  const rules = input.rules ?? effectiveProcessingRules(stream!);
  const key = await processingKeyFor(deps.tokens, stream?.id ?? null, rules);
  let compiled;
  try {
    compiled = compileProcessing(rules, key.deps);
  } catch (err) {
    // Saved rules were validated; this is a rule edited around the checks.
    if (err instanceof ProcessingError) throw new EngineError('invalid-input', err.message);
    throw err;
  }
  const source = input.records;
  const items =
    source.from === 'sample'
      ? sampleItems(source.count, deps.now())
      : source.from === 'sources'
        ? sourceItems(deps, source.sourceIds, source.count)
        : givenItems(source.request);
  const counts: Record<string, number> = Object.fromEntries(compiled.refs.map((r) => [r.key, 0]));
  const records: PreviewedRecord[] = items.map((item) => {
    try {
      const resource = compiled.resource(item.resource);
      const scope = compiled.scope(item.scope);
      const record = compiled.record(item.record);
      const changes: Change[] = [...resource.changes, ...scope.changes, ...record.changes];
      for (const key of new Set(changes.map((c) => c.rule.key)))
        counts[key] = (counts[key] ?? 0) + 1;
      const after = { ...item, resource: resource.value, scope: scope.value, record: record.value };
      return { before: asJson(item), after: asJson(after), changes, error: null };
    } catch (err) {
      if (!(err instanceof ProcessingError)) throw err;
      return { before: asJson(item), after: null, changes: [], error: err.message };
    }
  });
  const note =
    source.from === 'sources' && items.length === 0
      ? 'These sources have no buffered records yet (records are kept only while a stream reads them). Try the sample records.'
      : null;
  return { rules: [...compiled.refs], records, counts, hashKey: key.hashKey, note };
}
