import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SampleGenerator } from '../../src/main/sources/sample/generator';
import { bytesToHex, type AnyValue, type LogRecord } from '../../src/shared/otlp';

/**
 * A JSON-lines application log of about `bytes` bytes, as structured
 * loggers (pino, Serilog, logback's JSON encoder) write them: timestamp,
 * level, message, trace context and request fields, and now and then an
 * exception with its stack trace, from the sample-data generator. A pool of
 * distinct lines is written over and over. Resolves with the line count.
 */
export async function writeJsonLines(path: string, bytes: number): Promise<number> {
  const gen = new SampleGenerator(99);
  const start = Date.now();
  const pool = gen.records(4_000, start).map(({ record }, i) => toLine(record, start + i) + '\n');
  const out = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let written = 0;
  let lines = 0;
  while (written < bytes) {
    // A few MB per write keeps this quick (a gigabyte in a few seconds).
    let chunk = '';
    for (let i = 0; i < 8_000 && written + chunk.length < bytes; i++) {
      chunk += pool[(lines + i) % pool.length]!;
      lines++;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return lines;
}

function toLine(r: LogRecord, ms: number): string {
  const fields: Record<string, unknown> = {
    timestamp: new Date(ms).toISOString(),
    level: r.severityText,
    message: r.body.kind === 'string' ? r.body.value : '',
    trace_id: bytesToHex(r.traceId),
    span_id: bytesToHex(r.spanId),
  };
  for (const a of r.attributes) fields[a.key] = plain(a.value);
  return JSON.stringify(fields);
}

function plain(v: AnyValue): unknown {
  return v.kind === 'int' ? Number(v.value) : 'value' in v ? v.value : null;
}
