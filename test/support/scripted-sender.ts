import type {
  OutgoingBatch,
  SendResult,
  Sender,
  SenderFactory,
} from '../../src/main/destinations/sender';

export const ok = (bytes = 100): SendResult => ({
  kind: 'accepted',
  httpStatus: 200,
  rejectedRecords: 0,
  rejectionMessage: null,
  bytesSent: bytes,
});

export const retryable = (
  httpStatus: number | null,
  retryAfterMs: number | null = 5,
): SendResult => ({
  kind: 'retryable',
  httpStatus,
  retryAfterMs,
  message: `HTTP ${httpStatus}: unavailable.`,
  advice: 'Wait.',
  responseBody: 'busy',
});

export const refused = (httpStatus: number, stopSending = false): SendResult => ({
  kind: 'refused',
  httpStatus,
  message: `HTTP ${httpStatus}: refused.`,
  advice: 'Check.',
  responseBody: `{"error":"${httpStatus}"}`,
  stopSending,
});

/**
 * A FAKE sender whose answers a test scripts: the subject is the exporter's
 * loop (retry, split, dead letters, status), not HTTP. Real HTTP senders are
 * tested in test/integration/destinations.
 */
export class FakeScriptedSender implements Sender {
  readonly calls: OutgoingBatch[] = [];
  closed = 0;

  constructor(
    public respond: (batch: OutgoingBatch, call: number) => SendResult | Promise<SendResult>,
  ) {}

  async send(batch: OutgoingBatch): Promise<SendResult> {
    this.calls.push({ body: batch.body.slice(), recordCount: batch.recordCount });
    return this.respond(batch, this.calls.length);
  }

  async close(): Promise<void> {
    this.closed++;
  }

  factory(): SenderFactory {
    return () => this;
  }
}

/** The one polling helper (./eventually.ts), here too because the exporter's tests import it from here. */
export { eventually } from './eventually';
