import type { Scenario } from './types';

interface EncodeFigures {
  records: number;
  requests: number;
  sluiceBytes: number;
  otelBytes: number;
  sluiceMs: number;
  otelMs: number;
}

/**
 * encode_records_per_s, encode_ratio_vs_otel_js: 100,000 realistic records
 * from the buffer's stored form into ExportLogsServiceRequest bytes, against
 * @opentelemetry/otlp-transformer's ProtobufLogsSerializer on the same
 * records, alternating in one fresh process (bench/procs/encode.ts).
 */
export const encodeScenario: Scenario = {
  name: 'encode',
  keys: ['encode_records_per_s', 'encode_ratio_vs_otel_js'],
  async run(ctx) {
    const child = await ctx.startChild('encode');
    const f = await child.call<EncodeFigures>('measure', {
      records: ctx.quick ? 10_000 : 100_000,
      rounds: ctx.quick ? 3 : 7,
    });
    return {
      values: {
        encode_records_per_s: f.records / (f.sluiceMs / 1000),
        encode_ratio_vs_otel_js: f.otelMs / f.sluiceMs,
      },
      details: {
        records: f.records,
        requests: f.requests,
        otel_records_per_s: f.records / (f.otelMs / 1000),
        sluice_bytes: f.sluiceBytes,
        otel_bytes: f.otelBytes,
      },
    };
  },
};
