import type { EventEnvelope, EventMap, EventName } from '../contract/events.js';

export type EventListener = (event: EventEnvelope) => void;

/** Typed pushes from services to whichever transports are attached. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    const envelope = { name, payload } as EventEnvelope;
    for (const listener of this.listeners) {
      try {
        listener(envelope);
      } catch {
        // A broken transport must not stop the others or the service that emitted.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
