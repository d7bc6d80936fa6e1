import type { EventMessage, EventName, EventPayload } from '../../../shared/api/contract';

export type EventListener = (message: EventMessage) => void;

/** Fan-out of contract events from the engine to every connected front door. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as EventMessage;
    for (const l of this.listeners) {
      try {
        l(message);
      } catch {
        // One broken listener (a closed window) must not stop the others.
      }
    }
  }
}
