import type { LastError } from '../../../shared/api/engine';
import type { Answer } from './decide';

/** An answer in the words the stream's Last error and the event log use. */
export function describeAnswer(a: Answer): Omit<LastError, 'at'> {
  switch (a.kind) {
    case 'internal-error':
      return {
        httpStatus: null,
        message: `Sluice could not send the request (${a.message}).`,
        advice: 'The records involved are found and set aside; the log file has the details.',
        responseBody: null,
      };
    case 'too-large':
      return {
        httpStatus: a.httpStatus,
        message: a.message,
        advice: "Lower the stream's maximum batch size if this repeats.",
        responseBody: a.responseBody,
      };
    case 'accepted':
      return { httpStatus: a.httpStatus, message: 'Accepted.', advice: '', responseBody: null };
    default:
      return {
        httpStatus: a.httpStatus,
        message: a.message,
        advice: a.advice,
        responseBody: a.responseBody,
      };
  }
}
