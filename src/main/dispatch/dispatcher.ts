import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { isRequestName, requests } from '../../shared/api/contract';
import type { ApiErrorBody, Reply } from '../../shared/api/envelope';
import { readableZodIssues } from '../../shared/zod-issues';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import type { Handlers } from './handlers';

export type Dispatch = (name: unknown, input: unknown) => Promise<Reply<unknown>>;

function invalidInput(name: string, error: z.ZodError): ApiErrorBody {
  const issues = readableZodIssues(error);
  const first = issues[0];
  const summary = first
    ? `${first.path ? `${first.path}: ` : ''}${first.message}`
    : 'invalid value';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    code: 'invalid-input',
    message: `The ${name} request was refused: ${summary}${more}`,
    issues,
  };
}

/**
 * Validates every request against its zod schema before a handler sees it,
 * and turns every outcome into the reply envelope. Errors meant for users pass
 * through; anything else is logged with a reference the user can quote.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (name, input) => {
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: {
          code: 'unknown-request',
          message: `This engine does not know the request ${JSON.stringify(name)}.`,
        },
      };
    }
    const parsed = requests[name].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(name, parsed.error) };
    try {
      const handler = handlers[name] as (arg: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof EngineError) return { ok: false, error: err.toBody() };
      const reference = randomBytes(4).toString('hex');
      log.error('A request failed unexpectedly', {
        request: name,
        reference,
        error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err),
      });
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Something went wrong in the engine while handling ${name} (reference ${reference}). The details are in the log file.`,
        },
      };
    }
  };
}
