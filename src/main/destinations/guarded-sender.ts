import type { OutgoingBatch, SendResult, Sender } from './sender';
import { redactDeep } from './http/redact';

/**
 * The outermost layer of every sender createSender makes:
 * - every string of every result is redacted, so a server echoing our token
 *   cannot carry it into the UI, the event log or the dead-letter store;
 * - an exception (a bug, or a batch that cannot be converted for the tool)
 *   becomes a refusal with a message instead of escaping into the exporter;
 * - close() also closes the stream's connection pool.
 */
export class GuardedSender implements Sender {
  constructor(
    private readonly inner: Sender,
    private readonly secrets: readonly string[],
    private readonly label: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  async send(batch: OutgoingBatch, signal?: AbortSignal): Promise<SendResult> {
    let result: SendResult;
    try {
      result = await this.inner.send(batch, signal);
    } catch (err) {
      result = {
        kind: 'refused',
        httpStatus: null,
        message: `Sluice could not prepare this batch for ${this.label}: ${(err as Error)?.message ?? String(err)}.`,
        advice:
          'The batch is kept as a dead letter; open it in the record inspector to see which record is malformed.',
        responseBody: null,
        stopSending: false,
      };
    }
    return redactDeep(result, this.secrets);
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.onClose();
    }
  }
}

/** A sender for a stream that cannot send at all (no credential, unusable settings). */
export class RefusingSender implements Sender {
  constructor(
    private readonly message: string,
    private readonly advice: string,
  ) {}

  async send(): Promise<SendResult> {
    return {
      kind: 'refused',
      httpStatus: null,
      message: this.message,
      advice: this.advice,
      responseBody: null,
      stopSending: true,
    };
  }

  async close(): Promise<void> {}
}
