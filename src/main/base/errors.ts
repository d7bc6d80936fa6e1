import type { ApiErrorBody, ErrorCode } from '../../shared/api/envelope';

/**
 * An error whose message is written for the user: what was wrong and what to
 * do. The dispatcher passes these through as is; any other error becomes an
 * 'internal' reply with a reference to the log, never a stack trace.
 */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiErrorBody['issues'];

  constructor(code: ErrorCode, message: string, issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}
