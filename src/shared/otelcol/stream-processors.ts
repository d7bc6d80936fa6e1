import type { ConfigStream } from '../config/schema';
import type { ConfigBuilder } from './builder';
import { goDuration, memoryLimiterId } from './builder';
import { literal } from './names';
import { processingToCollector } from '../processing/collector';
import { dropConditions, setResourceAttribute, truncateStatement } from './ottl';
import type { YamlValue } from './yaml';

/**
 * A stream's processors, in pipeline order: memory_limiter first (it must
 * refuse data before anything else holds it), then what leaves records out
 * (filter), then what changes them (transform), then batch, sized like the
 * stream's requests.
 *
 * Each step is a function of its own that returns its processors (none,
 * one or several). The stream's processing rules (masking, drop, rename,
 * set, truncate) come after the stage label and the OutSystems truncation,
 * as a `transform` processor (src/shared/processing/collector.ts).
 */
interface Step {
  (b: ConfigBuilder, stream: ConfigStream, slug: string): string | readonly string[] | null;
}

const memoryLimiter: Step = (b) =>
  b.add('processors', memoryLimiterId, {
    check_interval: '1s',
    // Percentages of the memory the Collector may use (its cgroup limit under
    // systemd's MemoryMax or a Kubernetes limit), so one file fits both.
    limit_percentage: 80,
    spike_limit_percentage: 25,
  });

const filter: Step = (b, stream, slug) => {
  const conditions = dropConditions(stream.filter);
  if (conditions.length === 0) return null;
  const hasRegex = [...stream.filter.include, ...stream.filter.exclude].some(
    (m) => m.op === 'matches',
  );
  if (hasRegex) {
    b.note(
      `Stream "${stream.name}"`,
      '"matches" rules are JavaScript regular expressions in Sluice and RE2 in the Collector: ' +
        'look-arounds and back-references do not exist there; check each pattern.',
    );
  }
  return b.add('processors', `filter/${slug}`, {
    // ignore: a condition that cannot be evaluated keeps the record, as
    // Sluice keeps what its filters cannot judge.
    error_mode: 'ignore',
    logs: { log_record: conditions.map(literal) },
  });
};

const transform: Step = (b, stream, slug) => {
  const groups: YamlValue[] = [];
  if (stream.stage !== null) {
    groups.push({
      context: 'resource',
      statements: [literal(setResourceAttribute('deployment.environment.name', stream.stage))],
    });
  }
  if (stream.delivery.outsystemsTruncation) {
    groups.push({
      context: 'log',
      statements: [
        truncateStatement('body'),
        truncateStatement('attributes["exception.stacktrace"]'),
      ],
    });
    b.note(
      `Stream "${stream.name}"`,
      'Truncation counts characters (Unicode code points); Sluice counts UTF-16 units, so text beyond the ' +
        'Basic Multilingual Plane (emoji) keeps a few more characters in the Collector.',
    );
  }
  if (groups.length === 0) return null;
  return b.add('processors', `transform/${slug}`, { error_mode: 'ignore', log_statements: groups });
};

const processing: Step = (b, stream, slug) => {
  const rules = stream.processing ?? [];
  if (rules.length === 0) return null;
  const result = processingToCollector(rules, { suffix: slug });
  for (const [name, config] of Object.entries(result.processors))
    b.add('processors', name, config as YamlValue);
  for (const text of result.differences) b.note(`Stream "${stream.name}"`, text);
  if (stream.delivery.outsystemsTruncation) {
    b.note(
      `Stream "${stream.name}"`,
      'The OutSystems truncation runs before the processing rules here; Sluice runs it after them.',
    );
  }
  return result.pipeline;
};

const batch: Step = (b, stream, slug) => {
  b.note(
    `Stream "${stream.name}"`,
    `Batches hold at most ${stream.delivery.maxBatchRecords} records, as in Sluice; the batch processor ` +
      `cannot also cap a request at ${stream.delivery.maxBatchBytes} bytes, so very large records make larger requests.`,
  );
  return b.add('processors', `batch/${slug}`, {
    send_batch_size: stream.delivery.maxBatchRecords,
    send_batch_max_size: stream.delivery.maxBatchRecords,
    timeout: goDuration(200),
  });
};

const steps: Step[] = [memoryLimiter, filter, transform, processing, batch];

export function streamProcessors(b: ConfigBuilder, stream: ConfigStream, slug: string): string[] {
  return steps.flatMap((step) => step(b, stream, slug) ?? []);
}
