import {
  isEventName,
  type EventMessage,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestResult,
} from './contract';
import { ApiError, isApiErrorBody, type Reply } from './envelope';

/** What a front door must provide: send one request, deliver events. */
export interface Transport {
  invoke(name: RequestName, input: unknown): Promise<Reply<unknown>>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
}

type ArgsFor<N extends RequestName> =
  undefined extends RequestInput<N> ? [input?: RequestInput<N>] : [input: RequestInput<N>];

export interface SluiceApi {
  request<N extends RequestName>(name: N, ...args: ArgsFor<N>): Promise<RequestResult<N>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The typed client both front doors expose. A reply that is not ok is
 * re-thrown as an ApiError whose message is written for the user.
 */
export function createClient(transport: Transport): SluiceApi {
  const handlers = new Map<EventName, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | null = null;

  function ensureSubscribed(): void {
    if (unsubscribe) return;
    unsubscribe = transport.subscribe((message) => {
      if (!isEventName(message.event)) return;
      for (const handler of handlers.get(message.event) ?? []) {
        (handler as (payload: unknown) => void)(message.payload);
      }
    });
  }

  return {
    async request(name, ...args) {
      const reply = await transport.invoke(name, args[0]);
      if (reply.ok) return reply.value as never;
      throw new ApiError(
        isApiErrorBody(reply.error)
          ? reply.error
          : { code: 'internal', message: 'The engine sent a reply this window cannot read.' },
      );
    },
    on(event, handler) {
      ensureSubscribed();
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as (payload: never) => void);
      return () => {
        set.delete(handler as (payload: never) => void);
      };
    },
  };
}
