/**
 * A rule could not be applied to one record. The exporter dead-letters that
 * record with this message (which names the rule) and goes on with the
 * others: a rule never stalls a stream.
 */
export class ProcessingError extends Error {
  override readonly name = 'ProcessingError';

  constructor(
    message: string,
    /** The rule that failed, or null when the record as a whole was refused. */
    readonly ruleIndex: number | null,
  ) {
    super(message);
  }
}
