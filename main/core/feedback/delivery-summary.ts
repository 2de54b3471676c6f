/**
 * Pace and filler rate over several spoken answers: the one definition shared by the stored
 * rule-based feedback and History's Progress charts, built on the per-answer metrics.
 */
import type { AnswerMetrics } from '../../contract/services/feedback.js';
import type { DeliveryMetrics } from '../../contract/services/sessions.js';
import { deliveryMetrics } from './metrics/delivery.js';

/** Words per minute of speech and fillers per 100 words; typed answers are left out. */
export function summarizeDelivery(metrics: readonly AnswerMetrics[]): DeliveryMetrics | null {
  const spoken = metrics.filter((m) => m.mode === 'spoken');
  const words = spoken.reduce((sum, m) => sum + m.words, 0);
  const speechMs = spoken.reduce((sum, m) => sum + (m.speechMs ?? 0), 0);
  const fillers = spoken.reduce((sum, m) => sum + m.fillers.total, 0);
  if (spoken.length === 0 || words === 0 || speechMs <= 0) return null;
  return {
    wordsPerMinute: Math.round(words / (speechMs / 60_000)),
    fillersPer100Words: Math.round((fillers / words) * 1000) / 10,
  };
}

/**
 * The same figures for recordings known only by their transcript and length (sessions whose
 * rule-based feedback was never stored): each answer is one segment as long as its recording.
 */
export function summarizeRecordedAnswers(answers: readonly { text: string; durationMs: number }[]): DeliveryMetrics {
  const metrics = answers
    .filter((a) => a.text.trim() && a.durationMs >= 1000)
    .map((a) => deliveryMetrics({ text: a.text, segments: [{ startMs: 0, endMs: a.durationMs, text: a.text }] }));
  return summarizeDelivery(metrics) ?? { wordsPerMinute: null, fillersPer100Words: null };
}
