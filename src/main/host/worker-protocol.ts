import type { EventMessage } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/envelope';

/** Messages between the engine worker and the thread that hosts it. */
export type ToWorker =
  | { type: 'request'; id: number; name: unknown; input: unknown }
  | { type: 'close'; drainMs?: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'event'; message: EventMessage }
  | { type: 'closed' };
