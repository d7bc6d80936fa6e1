import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  av,
  buildExportRequest,
  createLogRecord,
  decodeExportRequest,
  decodeLogRecord,
  decodeResource,
  decodeScope,
  encodeExportRequest,
  encodeLogRecord,
  encodeResource,
  encodeScope,
  exportRequestSize,
  ExportRequestBuilder,
  kv,
  OtlpDecodeError,
  indexExportRequest,
  type AnyValue,
  type ExportLogsServiceRequest,
  type ResourceGroupBytes,
} from '../../../../src/shared/otlp';
import { recordShape, unknownShape } from '../../../../src/shared/otlp/record-shape';
import {
  flatRecordsOf,
  flatRecordsOfBatch,
  recordsOf,
  spliceBatch,
} from '../../../support/record-batches';
import { exportRequestArb } from './arbitraries';

/** A request's parts encoded one by one, as the buffer stores them, in the request's shape. */
function groupsOf(req: ExportLogsServiceRequest): ResourceGroupBytes[] {
  return req.resourceLogs.map((rl) => ({
    resource: encodeResource(rl.resource),
    resourceSchemaUrl: rl.schemaUrl,
    scopes: rl.scopeLogs.map((sl) => ({
      scope: encodeScope(sl.scope),
      scopeSchemaUrl: sl.schemaUrl,
      records: sl.logRecords.map(encodeLogRecord),
    })),
  }));
}

function request(): ExportLogsServiceRequest {
  const record = (n: number, severityNumber: number) =>
    createLogRecord({
      timeUnixNano: 1_699_524_000_000_000_000n + BigInt(n),
      observedTimeUnixNano: 1_699_524_000_500_000_001n + BigInt(n),
      severityNumber,
      body: av.string(`record ${n}`),
      attributes: [kv('n', av.int(n))],
    });
  return {
    resourceLogs: [
      {
        resource: { attributes: [kv('service.name', av.string('a'))], droppedAttributesCount: 0 },
        schemaUrl: 'https://example.com/r',
        scopeLogs: [
          {
            scope: { name: 's1', version: '1', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: 'https://example.com/s',
            logRecords: [record(0, 9), record(1, 17)],
          },
          {
            scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: [record(2, 13)],
          },
        ],
      },
      {
        resource: { attributes: [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: { name: 's2', version: '', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: [record(3, -2)],
          },
        ],
      },
    ],
  };
}

describe('indexExportRequest', () => {
  it('notes each record with its own message bytes, timestamp, severity and resource + scope group', () => {
    const original = request();
    const batch = indexExportRequest(encodeExportRequest(original));
    expect(batch.count).toBe(4);
    const records = recordsOf(batch);
    const [a, b, c, d] = records.map((r) => r.group);
    expect(decodeResource(a!.resource)).toEqual(original.resourceLogs[0]!.resource);
    expect(a!.resourceSchemaUrl).toBe('https://example.com/r');
    expect([a!.scopeSchemaUrl, c!.scopeSchemaUrl]).toEqual(['https://example.com/s', '']);
    expect(decodeScope(a!.scope)).toEqual(original.resourceLogs[0]!.scopeLogs[0]!.scope);
    expect(b).toBe(a); // two records of one ScopeLogs share its group
    expect(c!.scope.length).toBe(0);
    expect(d!.resource.length).toBe(0);
    // Out-of-range severities (-2) are kept as unspecified, which no filter drops.
    expect(records.map((r) => r.severity)).toEqual([9, 17, 13, 0]);
    expect(records.map((r) => r.timeMs)).toEqual(
      [0n, 1n, 2n, 3n].map((n) => Number(1_699_524_000_000_000_000n + n) / 1e6),
    );
    const originalRecords = original.resourceLogs.flatMap((rl) =>
      rl.scopeLogs.flatMap((sl) => sl.logRecords),
    );
    records.forEach((r, i) => {
      expect(r.bytes).toEqual(encodeLogRecord(originalRecords[i]!));
      expect(decodeLogRecord(r.bytes)).toEqual(originalRecords[i]);
    });
  });

  it('points into the input, without copying it', () => {
    const bytes = encodeExportRequest(request());
    const batch = indexExportRequest(bytes);
    expect(batch.payload).toBe(bytes);
    expect(recordsOf(batch)[0]!.bytes.buffer).toBe(bytes.buffer);
  });

  it('skips unknown fields at every level', () => {
    const unknownVarint = [0x78, 0x05]; // field 15, varint
    const unknownBytes = [0x82, 0x01, 0x01, 0x61]; // field 16, one byte
    const record = encodeLogRecord(createLogRecord({ severityNumber: 9 }));
    const recordWithUnknown = new Uint8Array([...unknownBytes, ...record]);
    const scopeLogs = new Uint8Array([
      ...unknownVarint,
      0x12,
      recordWithUnknown.length,
      ...recordWithUnknown,
    ]);
    const resourceLogs = new Uint8Array([0x12, scopeLogs.length, ...scopeLogs, ...unknownBytes]);
    const bytes = new Uint8Array([...unknownVarint, 0x0a, resourceLogs.length, ...resourceLogs]);
    const only = recordsOf(indexExportRequest(bytes))[0]!;
    expect(only.severity).toBe(9);
    expect(only.bytes).toEqual(recordWithUnknown);
  });

  it('merges a repeated resource field by concatenation (protobuf merge), even after the records', () => {
    const a = encodeResource({ attributes: [kv('a', av.string('1'))], droppedAttributesCount: 0 });
    const b = encodeResource({ attributes: [kv('b', av.string('2'))], droppedAttributesCount: 0 });
    const record = encodeLogRecord(createLogRecord({ severityNumber: 9 }));
    const scopeLogs = [0x12, record.length, ...record];
    const resourceLogs = new Uint8Array([
      0x0a,
      a.length,
      ...a,
      0x12,
      scopeLogs.length,
      ...scopeLogs,
      0x0a,
      b.length,
      ...b,
    ]);
    const bytes = new Uint8Array([0x0a, resourceLogs.length, ...resourceLogs]);
    const resource = decodeResource(recordsOf(indexExportRequest(bytes))[0]!.group.resource);
    expect(resource.attributes.map((x) => x.key)).toEqual(['a', 'b']);
  });

  it('agrees with the full decoder on arbitrary requests', () => {
    fc.assert(
      fc.property(exportRequestArb, (req) => {
        const bytes = encodeExportRequest(req);
        const batch = indexExportRequest(bytes);
        expect(flatRecordsOfBatch(batch)).toEqual(flatRecordsOf(decodeExportRequest(bytes)));
        for (const r of recordsOf(batch)) {
          const decoded = decodeLogRecord(r.bytes);
          expect(r.timeMs).toBe(Number(decoded.timeUnixNano) / 1e6);
          const sev = decoded.severityNumber;
          expect(r.severity).toBe(sev > 0 && sev <= 24 ? sev : 0);
        }
        // Splicing the records back gives a request that means the same.
        expect(flatRecordsOf(decodeExportRequest(spliceBatch(batch)))).toEqual(flatRecordsOf(req));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects every truncation of a valid request, except at a top-level boundary', () => {
    const original = request();
    const bytes = encodeExportRequest(original);
    // A cut right after the first ResourceLogs is itself a valid, shorter request.
    const boundary = encodeExportRequest({ resourceLogs: [original.resourceLogs[0]!] }).length;
    for (let cut = 1; cut < bytes.length; cut++) {
      const prefix = bytes.subarray(0, cut);
      if (cut === boundary) expect(indexExportRequest(prefix).count).toBe(3);
      else expect(() => indexExportRequest(prefix), `cut at ${cut}`).toThrow(OtlpDecodeError);
    }
  });

  it('names the path and offset of a malformed nested value', () => {
    // An attribute whose AnyValue holds an intValue sent as a length-delimited field.
    const badValue = [0x1a, 0x00]; // field 3 (intValue) with wire type 2
    const keyValue = [0x0a, 0x01, 0x6b, 0x12, badValue.length, ...badValue];
    const record = [0x32, keyValue.length, ...keyValue];
    const scopeLogs = [0x12, record.length, ...record];
    const resourceLogs = [0x12, scopeLogs.length, ...scopeLogs];
    const bytes = new Uint8Array([0x0a, resourceLogs.length, ...resourceLogs]);
    let error: OtlpDecodeError | undefined;
    try {
      indexExportRequest(bytes);
    } catch (err) {
      error = err as OtlpDecodeError;
    }
    expect(error?.message).toBe(
      'resourceLogs[0].scopeLogs[0].logRecords[0].attributes[0].value: field 3 (intValue) at byte 13 has wire type length-delimited, expected varint',
    );
    expect(error?.offset).toBe(13);
  });
});

describe('buildExportRequest', () => {
  it('rebuilds a canonical request byte for byte from its stored parts', () => {
    const bytes = encodeExportRequest(request());
    const groups = groupsOf(request());
    expect(exportRequestSize(groups)).toBe(bytes.length);
    expect(buildExportRequest(groups)).toEqual(bytes);
  });

  it('rebuilds any request our encoder produced byte for byte (fast-check)', () => {
    fc.assert(
      fc.property(exportRequestArb, (req) => {
        const bytes = encodeExportRequest(req);
        const groups = groupsOf(req);
        expect(exportRequestSize(groups)).toBe(bytes.length);
        expect(buildExportRequest(groups)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('frames stored bytes into a request the decoder reads back', () => {
    const resource = encodeResource({
      attributes: [kv('service.name', av.string('x'))],
      droppedAttributesCount: 0,
    });
    const scope = encodeScope({
      name: 'lib',
      version: '',
      attributes: [],
      droppedAttributesCount: 0,
    });
    const records = [1, 2, 3].map((n) =>
      encodeLogRecord(createLogRecord({ severityText: `r${n}` })),
    );
    const bytes = buildExportRequest([
      { resource, resourceSchemaUrl: 'u', scopes: [{ scope, records }] },
    ]);
    const decoded = decodeExportRequest(bytes);
    expect(decoded.resourceLogs[0]!.schemaUrl).toBe('u');
    expect(decoded.resourceLogs[0]!.scopeLogs[0]!.scope.name).toBe('lib');
    expect(decoded.resourceLogs[0]!.scopeLogs[0]!.logRecords.map((r) => r.severityText)).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
  });

  it('computes exact sizes across varint length boundaries', () => {
    for (const length of [0, 1, 100, 126, 127, 128, 16_383, 16_384, 200_000]) {
      const record = encodeLogRecord(createLogRecord({ body: av.string('x'.repeat(length)) }));
      const groups = [
        {
          resource: new Uint8Array(0),
          scopes: [{ scope: new Uint8Array(0), records: [record, record] }],
        },
      ];
      expect(buildExportRequest(groups).length, `body of ${length}`).toBe(
        exportRequestSize(groups),
      );
    }
  });
});

describe('ExportRequestBuilder', () => {
  const resourceA = encodeResource({
    attributes: [kv('service.name', av.string('a'))],
    droppedAttributesCount: 0,
  });
  const resourceB = encodeResource({
    attributes: [kv('service.name', av.string('b'))],
    droppedAttributesCount: 0,
  });
  const scope = encodeScope({
    name: 'lib',
    version: '2',
    attributes: [],
    droppedAttributesCount: 0,
  });

  it('groups interleaved records by resource and scope and keeps the size exact at every step', () => {
    const builder = new ExportRequestBuilder();
    const entries = Array.from({ length: 40 }, (_, i) => ({
      resourceKey: i % 3 === 0 ? 'A' : 'B',
      resource: i % 3 === 0 ? resourceA : resourceB,
      resourceSchemaUrl: '',
      scopeKey: i % 2,
      scope: i % 2 === 0 ? scope : new Uint8Array(0),
      scopeSchemaUrl: i % 2 === 0 ? 'https://s' : '',
      record: encodeLogRecord(
        createLogRecord({ severityText: `r${i}`, body: av.string('y'.repeat(i * 7)) }),
      ),
    }));
    for (const entry of entries) {
      const predicted = builder.byteLengthWith(entry);
      builder.add(entry);
      expect(builder.byteLength).toBe(predicted);
      expect(builder.build().length).toBe(predicted);
    }
    expect(builder.recordCount).toBe(40);
    const decoded = decodeExportRequest(builder.build());
    expect(decoded.resourceLogs.map((rl) => rl.resource.attributes[0]!.value)).toEqual([
      av.string('a'),
      av.string('b'),
    ]);
    const texts = decoded.resourceLogs.flatMap((rl) =>
      rl.scopeLogs.flatMap((sl) => sl.logRecords.map((r) => r.severityText)),
    );
    expect(texts).toHaveLength(40);
    // Within one resource and scope, records keep their order.
    const aScope0 = decoded.resourceLogs[0]!.scopeLogs[0]!.logRecords.map((r) => r.severityText);
    expect(aScope0).toEqual(
      entries
        .filter((_, i) => i % 3 === 0 && i % 2 === 0)
        .map((e) => decodeLogRecord(e.record).severityText),
    );
    builder.clear();
    expect(builder.byteLength).toBe(0);
    expect(builder.build().length).toBe(0);
  });
});

describe('record shapes (what Dynatrace limits are about, noted without decoding)', () => {
  const utf8 = new TextEncoder();
  /** The same figures, worked out from the model. */
  function shapeOfModel(record: ReturnType<typeof decodeLogRecord>) {
    let depth = 0;
    let maxKey = 0;
    let maxValue = 0;
    const stack: [AnyValue, number][] = [];
    if (record.body.kind !== 'empty' || hasBody(record)) stack.push([record.body, 1]);
    for (const a of record.attributes) {
      maxKey = Math.max(maxKey, utf8.encode(a.key).length);
      stack.push([a.value, 1]);
    }
    while (stack.length > 0) {
      const [v, d] = stack.pop()!;
      depth = Math.max(depth, d);
      if (v.kind === 'string') maxValue = Math.max(maxValue, utf8.encode(v.value).length);
      else if (v.kind === 'bytes') maxValue = Math.max(maxValue, v.value.length);
      else if (v.kind === 'array') for (const x of v.value) stack.push([x, d + 1]);
      else if (v.kind === 'kvlist')
        for (const kv of v.value) {
          maxKey = Math.max(maxKey, utf8.encode(kv.key).length);
          stack.push([kv.value, d + 1]);
        }
    }
    return { attributes: record.attributes.length, depth, maxKey, maxValue };
  }
  // An absent body is not a value; an empty AnyValue sent as the body is.
  const hasBody = (r: ReturnType<typeof decodeLogRecord>) => r.body.kind !== 'empty';

  it('match what the model says, for arbitrary requests, and for one record on its own', () => {
    fc.assert(
      fc.property(exportRequestArb, (req) => {
        const batch = indexExportRequest(encodeExportRequest(req));
        recordsOf(batch).forEach((r, i) => {
          const m = shapeOfModel(decodeLogRecord(r.bytes));
          const got = {
            attributes: batch.attributes[i]!,
            depth: batch.depths[i]!,
            maxKey: batch.maxKeyBytes[i]!,
            maxValue: batch.maxValueBytes[i]!,
          };
          expect(got.attributes).toBe(m.attributes);
          expect(got.maxKey).toBe(Math.min(m.maxKey, 255));
          expect(got.maxValue).toBe(m.maxValue);
          // An empty body our encoder leaves out is no value; nesting never less than the model's.
          expect(got.depth).toBeGreaterThanOrEqual(m.depth);
          expect(got.depth).toBeLessThanOrEqual(m.depth + 1);
          expect(recordShape(r.bytes)).toEqual({
            attributes: got.attributes,
            depth: got.depth,
            maxKeyBytes: got.maxKey,
            maxValueBytes: got.maxValue,
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  it('takes unreadable bytes to be beyond every limit', () => {
    expect(recordShape(new Uint8Array([0xff, 0xff, 0xff]))).toEqual(unknownShape);
  });
});
