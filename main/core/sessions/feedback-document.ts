/**
 * The feedback part of an exported session: per question, the STAR check, the delivery figures,
 * the better-answer outline and the clarifying exchanges, as document blocks (session-document.ts)
 * so Markdown and PDF say the same. Rule feedback is recomputed from the stored state (the same
 * functions the feedback screen uses); a model's outline is used where one was stored.
 */
import type { SessionDetail } from '../../contract/services/sessions.js';
import { FLAG_MESSAGES } from '../feedback/metrics/answer-checks.js';
import { rulesForQuestion } from '../feedback/rules-feedback.js';
import { readLlmQuestionBody } from '../feedback/stored-body.js';
import type { EngineState } from '../interview/engine.js';
import { createInterviewRepository } from '../interview/repository.js';
import type { Db } from '../storage/database.js';
import type { Block } from './session-document.js';

const STAR_NAMES = { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' } as const;

/** The model's better-answer outline for the question whose first turn is `seq`, when stored. */
function storedOutline(detail: SessionDetail, seqs: readonly number[]): string[] | null {
  for (const entry of detail.feedback) {
    if (entry.source !== 'llm' || entry.turnSeq === null || !seqs.includes(entry.turnSeq)) continue;
    const body = readLlmQuestionBody(entry.body);
    const better = body?.judgement?.betterAnswer;
    if (Array.isArray(better) && better.length > 0) return better;
  }
  return null;
}

function clarifyingExchanges(detail: SessionDetail, seqs: readonly number[]): string[] {
  const out: string[] = [];
  for (const m of detail.conversation) {
    if (m.turnSeq === null || !seqs.includes(m.turnSeq)) continue;
    if (m.kind === 'clarify_question') out.push(`You asked: ${m.text}`);
    if (m.kind === 'clarify_answer') out.push(`Interviewer: ${m.text}`);
  }
  return out;
}

export function feedbackBlocks(state: EngineState, detail: SessionDetail): Block[] {
  const blocks: Block[] = [];
  let number = 0;
  state.questions.forEach((question, index) => {
    const turns = state.turns.filter((t) => t.questionIndex === index);
    if (turns.length === 0) return;
    const seqs = turns.map((t) => t.seq);
    const segments = new Map(
      detail.turns.filter((t) => seqs.includes(t.seq)).map((t) => [t.seq, t.segments.map((s) => ({ ...s }))]),
    );
    const rules = rulesForQuestion({
      question,
      turns,
      segments,
      roundKind: detail.roundKind,
      checklist: null,
      starGuide: false,
    });
    if (blocks.length === 0) blocks.push({ type: 'heading', level: 2, text: 'Feedback' });
    number += 1;
    blocks.push({ type: 'heading', level: 3, text: `Question ${number}: ${question.prompt}` });
    for (const flag of rules.flags) blocks.push({ type: 'paragraph', text: FLAG_MESSAGES[flag], muted: true });
    if (rules.rules.improvement)
      blocks.push({ type: 'paragraph', text: `Most important improvement: ${rules.rules.improvement}` });

    const exchanges = clarifyingExchanges(detail, seqs);
    if (exchanges.length > 0) {
      blocks.push({ type: 'paragraph', text: 'Clarifying questions:', muted: true });
      blocks.push({ type: 'list', items: exchanges.map((text) => ({ text })) });
    }

    if (rules.star) {
      const star = rules.star;
      blocks.push({ type: 'paragraph', text: 'Story structure (STAR):', muted: true });
      blocks.push({
        type: 'list',
        items: star.parts.map((p) => ({
          checked: p.present,
          text: p.evidence ? `${STAR_NAMES[p.part]} — “${p.evidence}”` : STAR_NAMES[p.part],
        })),
      });
      blocks.push({
        type: 'paragraph',
        text: star.resultQuantified
          ? `The result has a number: “${star.quantity ?? ''}”.`
          : 'The result has no number in it (a percentage, time saved, incidents avoided).',
      });
    }

    for (const [k, answer] of rules.answers.entries()) {
      const label = answer.kind === 'follow_up' ? `Delivery, follow-up answer ${k}` : 'Delivery';
      blocks.push({
        type: 'paragraph',
        text: `${label} (${answer.metrics.mode === 'spoken' ? 'spoken' : 'typed: pace and pauses need a spoken answer'}):`,
        muted: true,
      });
      blocks.push({
        type: 'list',
        items: answer.metricViews.map((m) => ({ text: `${m.label}: ${m.value} (good: ${m.goodRange})` })),
      });
    }

    const outline = storedOutline(detail, seqs) ?? question.outline;
    if (outline.length > 0) {
      blocks.push({ type: 'paragraph', text: 'A better answer covers:', muted: true });
      blocks.push({ type: 'list', items: outline.map((text) => ({ text })) });
    }
  });
  return blocks;
}

/** The feedback blocks of a stored session (none when its state cannot be read). */
export function exportFeedback(db: Db, detail: SessionDetail): Block[] {
  const record = createInterviewRepository(db).load(detail.sessionId);
  return record ? feedbackBlocks(record.state, detail) : [];
}
