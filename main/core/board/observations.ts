/**
 * What the board shows that the candidate never talked about: a cache with no word on eviction
 * or invalidation, a queue with no word on retries or duplicates, one database with no word on
 * replicas or failover. Rule feedback, so it says "not mentioned" and quotes the board.
 */
import type { BoardDescription } from '../../contract/services/board.js';
import { findSignal } from '../rubric/rubric-coverage.js';
import { tokenize } from '../rubric/tokens.js';
import { neighbours } from './components.js';
import { boardTexts } from './coverage.js';
import { componentName } from './format.js';

interface Rule {
  /** Words that make a label this kind of component. */
  kind: string[];
  what: string;
  /** Any of these, anywhere (said, noted or on the board), counts as having addressed it. */
  concerns: string[];
  missing: string;
}

export const OBSERVATION_RULES: readonly Rule[] = [
  {
    kind: ['cache', 'redis', 'memcached', 'lru', 'cdn'],
    what: 'a cache',
    concerns: ['evict', 'eviction', 'invalidate', 'invalidation', 'ttl', 'expire', 'expiry', 'stale', 'lru'],
    missing: 'no eviction or invalidation mentioned',
  },
  {
    kind: ['queue', 'kafka', 'stream', 'event log', 'sqs', 'pub sub', 'topic', 'outbox'],
    what: 'a queue',
    concerns: ['retry', 'dead letter', 'duplicate', 'at least once', 'idempotent', 'ordering', 'backpressure', 'lag'],
    missing: 'no retries, duplicates or ordering mentioned',
  },
  {
    kind: ['db', 'database', 'postgres', 'mysql', 'primary', 'sql'],
    what: 'a database',
    concerns: ['replica', 'replication', 'failover', 'backup', 'standby', 'shard', 'partition'],
    missing: 'no replicas or failover mentioned',
  },
  {
    kind: ['network', 'processor', 'third party', 'external', 'bank', 'provider', 'partner'],
    what: 'an outside dependency',
    concerns: ['timeout', 'retry', 'circuit breaker', 'unknown', 'fallback', 'reconcile'],
    missing: 'no timeouts or retries mentioned',
  },
];

function mentions(texts: readonly string[], words: readonly string[]): boolean {
  return texts.some((t) => {
    const tokens = tokenize(t);
    return words.some((w) => findSignal(tokens, t, w) !== null);
  });
}

/** One line per component that shows a kind of concern nobody addressed, e.g. 'Drew a cache ("Redis") between "API" and "DB" — no eviction or invalidation mentioned.' */
export function boardObservations(board: BoardDescription, saidOrWritten: readonly string[]): string[] {
  const everything = [...saidOrWritten, ...boardTexts(board)];
  const out: string[] = [];
  for (const rule of OBSERVATION_RULES) {
    if (mentions(everything, rule.concerns)) continue;
    const component = board.components.find((c) => c.label !== '' && mentions([c.label], rule.kind));
    if (!component) continue;
    const near = neighbours(board, component.id).map((c) => componentName(c));
    const where =
      near.length >= 2 ? ` between ${near[0]} and ${near[1]}` : near.length === 1 ? ` next to ${near[0]}` : '';
    out.push(`Drew ${rule.what} (${componentName(component)})${where} — ${rule.missing}.`);
  }
  return out;
}
