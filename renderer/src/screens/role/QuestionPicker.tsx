import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { QuestionListItem, RoleSummary, RoundSummary } from '../../../../main/contract/services/content.js';
import { api, errorMessage } from '../../api/client.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Async } from '../../components/Loading.js';
import { apiKey } from '../../data/query-client.js';
import { navigate } from '../../router.js';

const DIFFICULTY_CHIP = { easy: 'good', medium: 'warn', hard: 'bad' } as const;

/** The contract's limit on questions in one session. */
const MAX_CHOSEN = 20;

/**
 * The round's questions, to practise one now or a chosen set: what each asks, its topics and
 * difficulty, when it was last practised, and a mark to come back to it. Rubrics, outlines and
 * solutions stay hidden until the feedback, so practice stays fair.
 */
export function QuestionPicker({ role, round }: { role: RoleSummary; round: RoundSummary }) {
  const key = apiKey('content', 'questions', { roleId: role.id, roundId: round.id });
  const questions = useQuery({
    queryKey: key,
    queryFn: () => api.content.questions({ roleId: role.id, roundId: round.id }),
  });
  return (
    <section className="card stack" aria-labelledby="questions-heading">
      <h2 id="questions-heading" className="flush">
        Questions in this round
      </h2>
      <Async state={questions} label="the questions">
        {(list) => <Picker key={round.id} role={role} round={round} list={list} queryKey={key} />}
      </Async>
    </section>
  );
}

function Picker({
  role,
  round,
  list,
  queryKey,
}: {
  role: RoleSummary;
  round: RoundSummary;
  list: QuestionListItem[];
  queryKey: readonly unknown[];
}) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [onlyMarked, setOnlyMarked] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = onlyMarked ? list.filter((q) => q.revisit) : list;
  const marked = list.filter((q) => q.revisit).length;

  async function start(questionIds: string[]) {
    if (pending || questionIds.length === 0) return;
    setPending(true);
    setError(null);
    try {
      const view = await api.interview.start({ roleId: role.id, roundId: round.id, questionIds });
      navigate({ name: 'practice', sessionId: view.sessionId });
    } catch (e) {
      setError(`Could not start: ${errorMessage(e)}`);
      setPending(false);
    }
  }

  async function mark(question: QuestionListItem) {
    setError(null);
    try {
      await api.content.markRevisit({ roleId: role.id, questionId: question.id, revisit: !question.revisit });
      await client.invalidateQueries({ queryKey });
    } catch (e) {
      setError(`Could not save the mark: ${errorMessage(e)}`);
    }
  }

  const toggle = (id: string, on: boolean) =>
    setChosen((ids) => (on ? [...ids, id].slice(0, MAX_CHOSEN) : ids.filter((x) => x !== id)));
  const minutes = list.filter((q) => chosen.includes(q.id)).reduce((sum, q) => sum + q.answerMinutes, 0);

  return (
    <>
      <div className="row">
        <p className="muted small flush spacer">
          Practise one question now, or tick several. Rubrics and model answers stay hidden until your feedback.
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyMarked}
            disabled={marked === 0 && !onlyMarked}
            onChange={(e) => setOnlyMarked(e.target.checked)}
          />
          Only marked to revisit ({marked})
        </label>
      </div>
      <ul className="bank-list" data-testid="bank-list">
        {shown.map((q) => (
          <li key={q.id} className="bank-row" data-question-id={q.id}>
            <input
              type="checkbox"
              id={`pick-${q.id}`}
              checked={chosen.includes(q.id)}
              disabled={!chosen.includes(q.id) && chosen.length >= MAX_CHOSEN}
              onChange={(e) => toggle(q.id, e.target.checked)}
            />
            <label htmlFor={`pick-${q.id}`} className="bank-text">
              <span className="bank-prompt">{q.prompt}</span>
              <span className="bank-meta">
                <span className={`chip ${DIFFICULTY_CHIP[q.difficulty]}`}>{q.difficulty}</span>
                {q.coding && <span className="chip">code</span>}
                {q.topics.map((t) => (
                  <span key={t} className="chip subtle">
                    {t}
                  </span>
                ))}
                <span className="muted small">
                  {q.answerMinutes} min ·{' '}
                  {q.lastPracticedAt === null
                    ? 'not practised yet'
                    : `practised ${q.timesPracticed}×, last ${new Date(q.lastPracticedAt).toLocaleDateString()}`}
                </span>
              </span>
            </label>
            <div className="bank-actions">
              <button
                type="button"
                className={`button small revisit ${q.revisit ? 'on' : ''}`}
                aria-pressed={q.revisit}
                aria-label={`Revisit: ${q.prompt.slice(0, 60)}`}
                title={q.revisit ? 'Marked to revisit (press to clear)' : 'Mark to revisit'}
                onClick={() => void mark(q)}
              >
                <span aria-hidden="true">{q.revisit ? '★' : '☆'}</span> Revisit
              </button>
              <button
                type="button"
                className="button small"
                disabled={pending}
                aria-label={`Practise this one: ${q.prompt.slice(0, 60)}`}
                onClick={() => void start([q.id])}
              >
                Practise this one
              </button>
            </div>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No question is marked to revisit.</li>}
      </ul>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={pending || chosen.length === 0}
          onClick={() => void start(list.filter((q) => chosen.includes(q.id)).map((q) => q.id))}
        >
          Practise {chosen.length === 0 ? 'selected' : `${chosen.length} selected`}
        </button>
        <span className="muted small" role="status">
          {chosen.length === 0
            ? 'None selected.'
            : `${chosen.length} question${chosen.length === 1 ? '' : 's'} · about ${minutes} min of answers${
                chosen.length >= MAX_CHOSEN ? ` (at most ${MAX_CHOSEN} at once)` : ''
              }`}
        </span>
      </div>
      <ErrorNotice message={error} />
    </>
  );
}
