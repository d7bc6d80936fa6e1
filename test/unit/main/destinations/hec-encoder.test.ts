import { describe, expect, it } from 'vitest';
import { encodeHecEvents, hecTime } from '../../../../src/main/destinations/splunk/hec-encoder';
import {
  av,
  createLogRecord,
  kv,
  type ExportLogsServiceRequest,
} from '../../../../src/shared/otlp';

function request(
  records: ReturnType<typeof createLogRecord>[],
  resource = [kv('service.name', av.string('svc'))],
): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: { attributes: resource, droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: records,
          },
        ],
      },
    ],
  };
}

const noOptions = { index: null, sourcetype: null, source: null };
const parse = (text: string) =>
  text.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('HEC encoder', () => {
  it('writes the time as exact epoch seconds with milliseconds, falling back to the observed time', () => {
    expect(hecTime(createLogRecord({ timeUnixNano: 1_700_000_000_999_999_999n }))).toBe(
      '1700000000.999',
    );
    expect(hecTime(createLogRecord({ timeUnixNano: 5_000_000n }))).toBe('0.005');
    expect(hecTime(createLogRecord({ observedTimeUnixNano: 1_000_000_000n }))).toBe('1.000');
    expect(hecTime(createLogRecord())).toBeNull();
    const [event] = parse(
      encodeHecEvents(request([createLogRecord({ body: av.string('x') })]), noOptions),
    );
    expect(event).not.toHaveProperty('time');
  });

  it('never sends a blank event, which HEC refuses', () => {
    const events = parse(
      encodeHecEvents(
        request([
          createLogRecord(),
          createLogRecord({ eventName: 'user.login' }),
          createLogRecord({ body: av.string('  ') }),
        ]),
        noOptions,
      ),
    );
    expect(events.map((e) => e.event)).toEqual([
      '(empty log record)',
      'user.login',
      '(empty log record)',
    ]);
  });

  it('flattens attributes into string fields and renames the ones HEC reserves', () => {
    const [event] = parse(
      encodeHecEvents(
        request([
          createLogRecord({
            body: av.int(42),
            severityNumber: 13,
            attributes: [
              kv('host', av.string('h')),
              kv('_internal', av.bool(false)),
              kv('nested', av.kvlist([kv('deep', av.kvlist([kv('x', av.double(1.5))]))])),
              kv('bytes', av.bytes(new Uint8Array([1, 2]))),
              kv('list', av.array([av.kvlist([kv('k', av.string('v'))])])),
            ],
          }),
        ]),
        noOptions,
      ),
    );
    expect(event?.event).toBe('42');
    expect(event?.fields).toEqual({
      'service.name': 'svc',
      'otel.attr.host': 'h',
      'otel.attr._internal': 'false',
      'nested.deep.x': '1.5',
      bytes: 'AQI=',
      list: ['{"k":"v"}'],
      severity: 'WARN',
      severity_number: '13',
    });
  });

  it('lets record attributes win over resource attributes of the same name', () => {
    const [event] = parse(
      encodeHecEvents(
        request([
          createLogRecord({
            body: av.string('m'),
            attributes: [kv('service.name', av.string('rec'))],
          }),
        ]),
        noOptions,
      ),
    );
    expect((event?.fields as Record<string, string>)['service.name']).toBe('rec');
    expect(event?.source).toBe('svc');
  });
});
