import { ApiError } from '../../../shared/api/envelope';

/** What to show a person for a failed request: the engine's message, never a stack. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Sluice could not complete that. Try again; if it keeps failing, the log file says why.';
}
