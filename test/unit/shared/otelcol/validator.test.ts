/* eslint-disable @typescript-eslint/no-explicit-any -- each case edits a parsed YAML document by path */
import { describe, expect, it } from 'vitest';
import {
  collectorSchema,
  goDurationPattern,
  ottlFunctionsIn,
  parseCollectorYaml,
  validateCollectorConfig,
} from '../../../support/otelcol-schema';

/** A small valid configuration, edited by each case to break one rule. */
function base(): Record<string, any> {
  return parseCollectorYaml(`
receivers:
  otlp/in:
    protocols:
      http:
        endpoint: 127.0.0.1:4318
processors:
  memory_limiter: { check_interval: 1s, limit_percentage: 80 }
  transform/x:
    log_statements:
      - context: log
        statements: ['set(attributes["a"], "b") where IsString(body)']
exporters:
  otlphttp/out:
    logs_endpoint: https://example.com/v1/logs
    sending_queue: { enabled: true, storage: file_storage/q }
    retry_on_failure: { enabled: true, max_elapsed_time: 1h0m0s }
extensions:
  file_storage/q: { directory: /tmp/q }
service:
  extensions: [file_storage/q]
  pipelines:
    logs/a: { receivers: [otlp/in], processors: [memory_limiter, transform/x], exporters: [otlphttp/out] }
`) as Record<string, any>;
}

describe('the Collector configuration validator', () => {
  it('accepts a valid configuration, with the deprecated otlphttp type and Optional `enabled`', () => {
    expect(validateCollectorConfig(base())).toEqual([]);
  });

  const broken: [string, (c: Record<string, any>) => void, RegExp][] = [
    [
      'an unknown component type',
      (c) => (c.exporters['nope/x'] = {}),
      /unknown exporter type nope/,
    ],
    [
      'an unknown key at depth',
      (c) => (c.exporters['otlphttp/out'].retry_on_failure.max_time = '1s'),
      /retry_on_failure\.max_time: unknown key/,
    ],
    [
      'a duration that is not Go-style',
      (c) => (c.exporters['otlphttp/out'].retry_on_failure.max_elapsed_time = '1 hour'),
      /Go duration/,
    ],
    [
      'a wrong value kind',
      (c) => (c.exporters['otlphttp/out'].sending_queue.enabled = 'yes'),
      /expected true or false/,
    ],
    [
      'a pipeline naming an undefined component',
      (c) => c.service.pipelines['logs/a'].exporters.push('otlphttp/missing'),
      /otlphttp\/missing is not defined/,
    ],
    [
      'storage that is not a file_storage extension',
      (c) => (c.exporters['otlphttp/out'].sending_queue.storage = 'health_check'),
      /not a file_storage extension/,
    ],
    [
      'storage not started by the service',
      (c) => (c.service.extensions = []),
      /not a file_storage extension in service.extensions/,
    ],
    [
      'an OTTL function that does not exist',
      (c) =>
        (c.processors['transform/x'].log_statements[0].statements = ['truncate_chars(body, 4)']),
      /OTTL function truncate_chars/,
    ],
    [
      'an unknown stanza operator key',
      (c) =>
        (c.receivers['file_log/f'] = {
          include: ['/x'],
          operators: [{ type: 'json_parser', parse_form: 'body' }],
        }),
      /parse_form: unknown key/,
    ],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`refuses ${what}`, () => {
      const c = base();
      breakIt(c);
      expect(validateCollectorConfig(c).join('\n')).toMatch(message);
    });
  }

  it('reads Go durations as time.ParseDuration does', () => {
    for (const ok of ['0', '5s', '1h0m0s', '1.5s', '200ms', '300us', '2h45m'])
      expect(ok).toMatch(goDurationPattern);
    for (const bad of ['5', '1 hour', 's', '1d', '']) expect(bad).not.toMatch(goDurationPattern);
  });

  it('finds function calls outside string literals only', () => {
    expect(
      ottlFunctionsIn('set(x, "Len(y)") where IsMatch(a, "b(") and not (IsString(c))'),
    ).toEqual(['set', 'IsMatch', 'IsString']);
  });

  it('the schema names the versions and commits it came from', () => {
    expect(collectorSchema.sources.core).toMatchObject({
      ref: 'v0.158.0',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(collectorSchema.sources.dynatrace).toMatchObject({ ref: 'v0.54.0' });
    expect(collectorSchema.sources.contrib!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(collectorSchema.ottlFunctions).toContain('replace_pattern');
  });
});
