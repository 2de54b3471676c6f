/**
 * Delivery metrics in words: each with what it means and what a good value looks like, so a
 * number never stands alone on the screen. The ranges are coaching rules of thumb, not laws.
 */
import type { AnswerMetrics, MetricView } from '../../contract/services/feedback.js';

export const GOOD = {
  paceSpeech: [120, 170],
  paceWallMin: 90,
  fillersPerMinute: 3,
  fillersPer100Words: 2,
  longPauses: 2,
  firstWordMs: 8000,
  length: [0.4, 1],
  hedges: 3,
} as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const clock = (ms: number) => {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

export function describeMetrics(m: AnswerMetrics): MetricView[] {
  const views: MetricView[] = [];
  const spoken = m.mode === 'spoken';
  if (spoken && m.wpmSpeech !== null) {
    const [low, high] = GOOD.paceSpeech;
    views.push({
      id: 'pace_speech',
      label: 'Pace while speaking',
      value: `${m.wpmSpeech} words/min`,
      meaning:
        m.wpmSpeech > high
          ? 'Fast: the interviewer may miss details. Slow down at the key points.'
          : m.wpmSpeech < low
            ? 'Slow: it can sound unsure. Shorter sentences help more than speed.'
            : 'How fast you talk while you are talking.',
      goodRange: `${low}–${high} words/min`,
      status: m.wpmSpeech >= low && m.wpmSpeech <= high ? 'good' : 'watch',
      details: [],
    });
  }
  if (spoken && m.wpmWall !== null) {
    views.push({
      id: 'pace_wall',
      label: 'Pace overall',
      value: `${m.wpmWall} words/min`,
      meaning: 'Words over the whole answer, silences included. Far below your speaking pace means long silences.',
      goodRange: `${GOOD.paceWallMin} words/min or more`,
      status: m.wpmWall >= GOOD.paceWallMin ? 'good' : 'watch',
      details: [],
    });
  }
  const fillerDetails = m.fillers.byKind.map((k) => `“${k.kind}” ×${k.count}`);
  if (spoken && m.fillers.perMinute !== null) {
    views.push({
      id: 'fillers',
      label: 'Filler words',
      value: `${m.fillers.total} (${m.fillers.perMinute} per min)`,
      // Whisper writes fluent text and drops some "um"s and "uh"s (sherpa-onnx takes no prompt that would keep them).
      meaning:
        'Um, uh, "like", "you know" and similar. A few are natural; many distract from what you say. You said at least this many: speech recognition leaves out some "um"s and "uh"s.',
      goodRange: `${GOOD.fillersPerMinute} or fewer per minute`,
      status: m.fillers.perMinute <= GOOD.fillersPerMinute ? 'good' : 'watch',
      details: fillerDetails,
    });
  } else {
    views.push({
      id: 'fillers',
      label: 'Filler words',
      value: `${m.fillers.total} (${m.fillers.per100Words} per 100 words)`,
      meaning: 'Filler words in the text ("basically", "like", "kind of"). Typed answers: counted per 100 words.',
      goodRange: `${GOOD.fillersPer100Words} or fewer per 100 words`,
      status: m.fillers.per100Words <= GOOD.fillersPer100Words ? 'good' : 'watch',
      details: fillerDetails,
    });
  }
  if (m.pauses) {
    views.push({
      id: 'pauses',
      label: 'Long pauses',
      value: m.pauses.count === 0 ? 'none' : `${m.pauses.count} (longest ${seconds(m.pauses.longestMs ?? 0)})`,
      meaning: 'Silences over 2.5 s in the middle of the answer. A pause to think is fine; many break the thread.',
      goodRange: `${GOOD.longPauses} or fewer per answer`,
      status: m.pauses.count <= GOOD.longPauses ? 'good' : 'watch',
      details: m.pauses.list.map((p) => `${seconds(p.durationMs)} at ${clock(p.atMs)}, after “${p.after}”`),
    });
  }
  if (m.timeToFirstWordMs !== null) {
    views.push({
      id: 'first_word',
      label: 'Time to first word',
      value: seconds(m.timeToFirstWordMs),
      meaning: 'How long you took before starting. A few seconds to collect your thoughts is good practice.',
      goodRange: `under ${GOOD.firstWordMs / 1000} s`,
      status: m.timeToFirstWordMs < GOOD.firstWordMs ? 'good' : 'watch',
      details: [],
    });
  }
  if (m.length.usedMs !== null && m.length.budgetMs !== null && m.length.ratio !== null) {
    const [low, high] = GOOD.length;
    views.push({
      id: 'length',
      label: 'Answer length',
      value: `${clock(m.length.usedMs)} of ${clock(m.length.budgetMs)} (${Math.round(m.length.ratio * 100)}%)`,
      meaning:
        m.length.ratio > high
          ? 'Over the time this question has in a real interview: lead with the main point.'
          : m.length.ratio < low
            ? 'Well under the time this question has: there was room for more depth.'
            : 'Time used against what this question has in a real interview.',
      goodRange: `${low * 100}–${high * 100}% of the budget`,
      status: m.length.ratio >= low && m.length.ratio <= high ? 'good' : 'watch',
      details: [`${m.words} words`],
    });
  }
  views.push({
    id: 'hedges',
    label: 'Hedging',
    value: m.hedges.total === 0 ? 'none' : String(m.hedges.total),
    meaning: '"I think", "maybe", "probably", "I\'m not sure". Some honesty is good; a lot sounds unconvinced.',
    goodRange: `${GOOD.hedges} or fewer per answer`,
    status: m.hedges.total <= GOOD.hedges ? 'good' : 'watch',
    details: m.hedges.byPhrase.map((p) => `“${p.phrase}” ×${p.count}`),
  });
  const repeated = m.repeats.phrases.filter((p) => p.count >= 3);
  views.push({
    id: 'repeats',
    label: 'Repetition',
    value:
      m.repeats.phrases.length === 0 && m.repeats.stutters === 0
        ? 'none'
        : [
            m.repeats.phrases.length
              ? `${m.repeats.phrases.length} repeated phrase${m.repeats.phrases.length === 1 ? '' : 's'}`
              : '',
            m.repeats.stutters ? `${m.repeats.stutters} stutter${m.repeats.stutters === 1 ? '' : 's'}` : '',
          ]
            .filter(Boolean)
            .join(', '),
    meaning:
      'The same phrase again and again, or a word said twice ("the the"). Once is emphasis; three times is a habit.',
    goodRange: 'no phrase 3 times or more',
    status: repeated.length === 0 && m.repeats.stutters <= 2 ? 'good' : 'watch',
    details: m.repeats.phrases.map((p) => `“${p.phrase}” ×${p.count}`),
  });
  return views;
}
