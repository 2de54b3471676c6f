/**
 * What a piece of feedback was computed from, as a short hash: stored feedback whose key no
 * longer matches the answers (a follow-up was answered, a late segment landed) is stale.
 */
import { createHash } from 'node:crypto';
import type { EngineState, TurnRecord } from '../interview/engine.js';
import type { TimedSegment } from './metrics/transcript.js';

export function answeredTurns(turns: readonly TurnRecord[]): TurnRecord[] {
  return turns.filter((t) => t.status === 'answered' && (t.answer ?? '').trim().length > 0);
}

/** Identifies the answers a judgement saw: it is stale once a follow-up is answered. */
export function answersKey(turns: readonly TurnRecord[]): string {
  const hash = createHash('sha256');
  for (const t of answeredTurns(turns)) hash.update(`${t.seq}\u0000${t.answer ?? ''}\u0000`);
  return hash.digest('hex').slice(0, 16);
}

/** Questions that were asked, with their index in the plan. */
export function askedQuestions(state: EngineState): number[] {
  return state.questions.map((_, i) => i).filter((i) => state.turns.some((t) => t.questionIndex === i));
}

/** Identifies what a round summary was written from: every asked question's answers. */
export function roundKeyOf(state: EngineState): string {
  const hash = createHash('sha256');
  for (const i of askedQuestions(state))
    hash.update(`${i}:${answersKey(state.turns.filter((t) => t.questionIndex === i))};`);
  return hash.digest('hex').slice(0, 16);
}

/** What rule-based feedback was computed from: the answers and their transcript segments. */
export function rulesKeyOf(
  turns: readonly TurnRecord[],
  segments: ReadonlyMap<number, readonly TimedSegment[]>,
): string {
  const parts = turns.map((t) =>
    (segments.get(t.seq) ?? []).map((x) => `${x.startMs}-${x.endMs}-${x.text.length}`).join(','),
  );
  return `${answersKey(turns)}:${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 8)}`;
}
