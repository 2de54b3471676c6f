/**
 * Webhook events and their deliveries. The candidate's code never listens on a port: a helper
 * in the workspace (support-files.ts) asks for pending deliveries and calls the handler the
 * candidate's code exports, then reports whether the handler accepted each one. A rejected
 * delivery comes back later, up to `maxAttempts` in all, the way real webhook senders retry.
 * Faults: some events delivered twice (as separate deliveries), and deliveries out of order.
 */
import { createHmac } from 'node:crypto';
import type { MockRecord, MockWebhooks } from '../../../content/schema/mock-api.js';

export interface WebhookEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  data: { object: MockRecord };
}

/** What the helper hands to the candidate's handler. */
export interface Delivery {
  delivery_id: string;
  event_id: string;
  attempt: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookFaults {
  duplicateWebhooks: number;
  reorderWebhooks: boolean;
}

export interface WebhookStats {
  pending: number;
  delivered: number;
  accepted: number;
  rejected: number;
  /** Events whose every attempt was rejected. */
  gaveUp: number;
  duplicatesSent: number;
}

/** "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>". */
export function signPayload(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

interface Pending {
  event: WebhookEvent;
  attempt: number;
}

export class WebhookQueue {
  private pending: Pending[] = [];
  private inFlight = new Map<string, Pending>();
  private nextDelivery = 1;
  private nextEvent = 1;
  private duplicated = new Set<string>();
  private counts = { delivered: 0, accepted: 0, rejected: 0, gaveUp: 0, duplicatesSent: 0 };

  constructor(
    private readonly spec: MockWebhooks | undefined,
    private readonly random: () => number,
    private faults: WebhookFaults,
    private readonly now: () => number = () => Date.now(),
  ) {}

  setFaults(faults: WebhookFaults): void {
    this.faults = faults;
  }

  /** Queues an event about `record`; a pack event keeps its own id. */
  emit(type: string, record: MockRecord, id?: string): WebhookEvent | undefined {
    if (!this.spec) return undefined;
    const event: WebhookEvent = {
      id: id ?? `evt_${String(this.nextEvent++).padStart(4, '0')}`,
      object: 'event',
      type,
      created: Math.floor(this.now() / 1000),
      data: { object: structuredClone(record) },
    };
    this.pending.push({ event, attempt: 1 });
    return event;
  }

  /** Up to `max` deliveries, signed now. */
  next(max: number): Delivery[] {
    if (!this.spec) return [];
    if (this.faults.reorderWebhooks) this.shuffle();
    const taken = this.pending.splice(0, Math.max(0, max));
    const out: Delivery[] = [];
    for (const item of taken) {
      out.push(this.deliver(item));
      // A duplicate is the same event again as its own delivery, later in the queue, once.
      if (!this.duplicated.has(item.event.id) && this.random() < this.faults.duplicateWebhooks) {
        this.duplicated.add(item.event.id);
        this.counts.duplicatesSent++;
        this.pending.push({ event: item.event, attempt: 1 });
      }
    }
    return out;
  }

  /** The handler's verdict on a delivery; false means it threw, so the event is retried. */
  result(deliveryId: string, accepted: boolean): boolean {
    const item = this.inFlight.get(deliveryId);
    if (!item) return false;
    this.inFlight.delete(deliveryId);
    if (accepted) {
      this.counts.accepted++;
      return true;
    }
    this.counts.rejected++;
    if (item.attempt < (this.spec?.maxAttempts ?? 1))
      this.pending.push({ event: item.event, attempt: item.attempt + 1 });
    else this.counts.gaveUp++;
    return true;
  }

  stats(): WebhookStats {
    return { pending: this.pending.length + this.inFlight.size, ...this.counts };
  }

  private deliver(item: Pending): Delivery {
    const spec = this.spec!;
    const body = JSON.stringify(item.event);
    const id = `dlv_${String(this.nextDelivery++).padStart(4, '0')}`;
    this.inFlight.set(id, item);
    this.counts.delivered++;
    const timestamp = Math.floor(this.now() / 1000);
    return {
      delivery_id: id,
      event_id: item.event.id,
      attempt: item.attempt,
      headers: {
        'content-type': 'application/json',
        [spec.signatureHeader.toLowerCase()]: signPayload(spec.secret, timestamp, body),
      },
      body,
    };
  }

  private shuffle(): void {
    for (let i = this.pending.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [this.pending[i], this.pending[j]] = [this.pending[j]!, this.pending[i]!];
    }
  }
}
