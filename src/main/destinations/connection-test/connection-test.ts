import { randomUUID } from 'node:crypto';
import {
  testStepNames,
  type TestStep,
  type TestStepName,
  type TestStreamResult,
} from '../../../shared/api/test-stream';
import { destinationDefinitions } from '../../../shared/destinations/definitions';
import { missingCredentials } from '../../../shared/destinations/request-spec';
import type { Destination } from '../../../shared/destinations/schema';
import { destinationErrors } from '../../../shared/destinations/validate';
import type { CompiledProcessing } from '../../../shared/processing';
import { buildSender } from '../create-sender';
import { statusText } from '../http/classify';
import { redactDeep, secretsOf } from '../http/redact';
import type { SendResult } from '../sender';
import { probeConnection } from './probe';
import { processTestRecord } from './record-processing';
import { testRequest } from './test-record';

/**
 * "Test stream" (seed 002): resolve, connect, TLS, then send one clearly
 * marked record through the very sender the stream will use (same headers,
 * encoding, compression, proxy and trust settings), each step timed. On
 * failure: the step, the HTTP status and body, and what to check.
 */
export interface TestStreamOptions {
  /** Per step, and for the send. Default 15 s. */
  timeoutMs?: number;
  /** Proxy variables (process.env by default). */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Goes into the record as sluice.stream.name. */
  streamName?: string | null;
  /** The sluice.test.id attribute; random by default. */
  testId?: string;
  /** The stream's processing rules: the test record goes through them, as every record does. */
  processing?: CompiledProcessing | null;
}

const stepLabels: Record<TestStepName, string> = {
  resolve: 'Resolving the name',
  connect: 'Connecting',
  tls: 'The TLS handshake',
  send: 'Sending the test record',
};

const afterLabels: Record<TestStepName, string> = {
  resolve: 'resolving the name',
  connect: 'connecting',
  tls: 'the TLS handshake',
  send: 'sending',
};

function notRun(after: TestStepName | null): (name: TestStepName) => TestStep {
  return (name) => ({
    name,
    ok: false,
    durationMs: null,
    detail: after ? `Not run: ${afterLabels[after]} failed.` : 'Not run.',
  });
}

/** "Connecting failed: the proxy ..." reads better than "...: The proxy ...". */
function failedSummary(step: TestStepName, message: string): string {
  return `${stepLabels[step]} failed: ${message.replace(/^The /, 'the ')}`;
}

/** The four steps in order, filling in those that did not run. */
function allSteps(done: TestStep[], failedAt: TestStepName | null): TestStep[] {
  return testStepNames.map((name) => done.find((s) => s.name === name) ?? notRun(failedAt)(name));
}

function failure(
  steps: TestStep[],
  failedAt: TestStepName | null,
  summary: string,
  advice: string,
  extra: {
    httpStatus?: number | null;
    responseBody?: string | null;
    processing?: TestStreamResult['processing'];
  } = {},
): TestStreamResult {
  return {
    ...(extra.processing ? { processing: extra.processing } : {}),
    outcome: 'failure',
    steps: allSteps(steps, failedAt),
    summary,
    advice,
    httpStatus: extra.httpStatus ?? null,
    responseBody: extra.responseBody ?? null,
    findRecordHint: null,
    findRecordQuery: null,
  };
}

function sendDetail(result: SendResult, label: string, ms: number): string {
  switch (result.kind) {
    case 'accepted':
      return result.rejectedRecords > 0
        ? `${label} answered ${result.httpStatus === null ? 'OK' : statusText(result.httpStatus)} but rejected the test record${result.rejectionMessage ? `: ${result.rejectionMessage}` : '.'}`
        : `${label} accepted the test record (${result.httpStatus === null ? 'OK' : statusText(result.httpStatus)}, ${result.bytesSent} bytes sent, ${Math.round(ms)} ms).`;
    default:
      return result.message;
  }
}

async function run(
  destination: Destination,
  credentials: Record<string, string>,
  options: TestStreamOptions,
): Promise<TestStreamResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const definition = destinationDefinitions[destination.tool];
  const label = definition.label;

  const errors = destinationErrors(destination);
  if (errors.length > 0) {
    return failure(
      [],
      null,
      `The ${label} settings cannot work, so nothing was sent.`,
      errors.map((e) => e.message).join(' '),
    );
  }
  const missing = missingCredentials(destination, credentials);
  if (missing.length > 0) {
    const labels = missing.map((n) => definition.credentials.find((c) => c.name === n)?.label ?? n);
    return failure(
      [],
      null,
      `No ${labels.join(' and ')} was given, so nothing was sent.`,
      `Enter the ${labels.join(' and ')}. ${definition.credentials[0]?.help ?? ''}`.trim(),
    );
  }

  const built = buildSender(
    destination,
    { credentials, timeoutMs },
    { env: options.env, now: options.now },
  );
  try {
    const route = built.route;
    // buildSender connects nowhere only for the problems checked above.
    if (route === null)
      return failure([], null, `Nothing was sent to ${label}.`, 'Check the destination settings.');
    const target = new URL(built.endpoint);
    const probe = await probeConnection(
      target,
      route,
      destination.network,
      timeoutMs,
      definition.troubleshooting,
    );
    if (probe.failure) {
      const step = probe.failure.step;
      return failure(
        probe.steps,
        step,
        failedSummary(step, probe.failure.message),
        probe.failure.advice,
      );
    }

    const testId = options.testId ?? randomUUID();
    const now = (options.now ?? (() => new Date()))();
    const processed = processTestRecord(
      testRequest(testId, now, options.streamName ?? null),
      options.processing ?? null,
    );
    if ('error' in processed) {
      return failure(
        probe.steps,
        'send',
        `Nothing was sent: the stream's processing rules could not be applied to the test record. ${processed.error}`,
        "Fix the rule named above in the stream's Processing section; records it fails on go to the dead letters.",
      );
    }
    const started = performance.now();
    const result = await built.sender.send(processed.batch);
    const ms = performance.now() - started;
    let detail = sendDetail(result, label, ms);
    if (result.kind === 'accepted' && built.s3?.lastKey) detail += ` Object: ${built.s3.lastKey}.`;
    const ok = result.kind === 'accepted' && result.rejectedRecords === 0;
    const sendStep: TestStep = { name: 'send', ok, durationMs: Math.round(ms * 10) / 10, detail };
    const steps = [...probe.steps, sendStep];

    if (ok) {
      return {
        outcome: 'success',
        steps,
        summary: `${label} accepted the test record: this stream works.`,
        advice: null,
        httpStatus: result.httpStatus,
        responseBody: null,
        findRecordHint: definition.findRecordHint(testId, destination as never),
        processing: processed.report,
        findRecordQuery: definition.findRecordQuery?.(testId) ?? null,
      };
    }
    if (result.kind === 'accepted') {
      return failure(
        steps,
        'send',
        failedSummary('send', detail),
        definition.troubleshooting.badRequest,
        {
          httpStatus: result.httpStatus,
          processing: processed.report,
        },
      );
    }
    const advice =
      result.kind === 'too-large' ? definition.troubleshooting.tooLarge : result.advice;
    return failure(steps, 'send', failedSummary('send', result.message), advice, {
      httpStatus: result.httpStatus,
      responseBody: result.responseBody,
      processing: processed.report,
    });
  } finally {
    await built.sender.close();
  }
}

/**
 * Tests a destination with the given credentials. Never throws: any
 * unexpected error becomes a failure that says so. Every string in the result
 * is redacted of the credentials, whatever the server echoed.
 */
export async function testStream(
  destination: Destination,
  credentials: Record<string, string>,
  options: TestStreamOptions = {},
): Promise<TestStreamResult> {
  let result: TestStreamResult;
  try {
    result = await run(destination, credentials, options);
  } catch (err) {
    result = failure(
      [],
      null,
      `Test stream stopped unexpectedly: ${(err as Error)?.message ?? String(err)}`,
      'Try again; if it happens again, the log file has the details.',
    );
  }
  return redactDeep(result, secretsOf(credentials));
}

/**
 * Test stream's answer when the wizard chose an environment variable for a
 * credential and it is not set in this Sluice's environment.
 */
export function envNotSetResult(variable: string): TestStreamResult {
  return {
    outcome: 'failure',
    steps: [],
    summary: `The environment variable ${variable} is not set for this Sluice, so nothing was sent.`,
    advice: `Stop Sluice and start it again with ${variable} set to the token (for example ${variable}=… sluice serve). The value is read when Sluice starts and never stored.`,
    httpStatus: null,
    responseBody: null,
    findRecordHint: null,
    findRecordQuery: null,
  };
}
