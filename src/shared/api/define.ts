import type { z } from 'zod';

/**
 * Helpers that declare a request (zod schema for its argument, TypeScript type
 * for its result) or an event (its payload type). The result and payload types
 * exist only at compile time; `__result` is never set at run time.
 */
export interface RequestSpec<In extends z.ZodType, Out> {
  readonly input: In;
  readonly __result?: Out;
}

export function request<In extends z.ZodType>(input: In) {
  return {
    returns<Out>(): RequestSpec<In, Out> {
      return { input };
    },
  };
}

export interface EventSpec<Payload> {
  readonly __payload?: Payload;
}

export function event<Payload>(): EventSpec<Payload> {
  return {};
}
