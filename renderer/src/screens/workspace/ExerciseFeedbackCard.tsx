import { useQuery } from '@tanstack/react-query';
import { formatClock } from '../../../../main/contract/format.js';
import type { CodeNote } from '../../../../main/contract/services/feedback.js';
import type { ExerciseFeedback } from '../../../../main/contract/services/workspace.js';
import { api } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';
import { CodeNotes } from './CodeNotes.js';

const OUTCOME: Record<ExerciseFeedback['parts'][number]['outcome'], string> = {
  passed: 'Passed',
  moved_on: 'Moved on',
  not_finished: 'Not finished',
  not_reached: 'Not reached',
};

/** Per-part results of coding questions, judged by the tests, with the model's notes on the code. */
export function ExerciseFeedbackCards({ sessionId }: { sessionId: string }) {
  const feedback = useQuery({
    queryKey: apiKey('workspace', 'feedback', { sessionId }),
    queryFn: () => api.workspace.feedback({ sessionId }),
  });
  // The same read as the feedback cards' (one request, kept fresh by feedback events).
  const judged = useQuery({
    queryKey: apiKey('feedback', 'forSession', { sessionId }),
    queryFn: () => api.feedback.forSession({ sessionId }),
    enabled: (feedback.data?.length ?? 0) > 0,
  });
  if (!feedback.data || feedback.data.length === 0) return null;
  const notesOf = (questionId: string) =>
    judged.data?.questions.find((q) => q.questionId === questionId)?.codeNotes ?? [];
  return (
    <>
      {feedback.data.map((fb) => (
        <ExerciseFeedbackCard key={fb.questionId} feedback={fb} codeNotes={notesOf(fb.questionId)} />
      ))}
    </>
  );
}

function ExerciseFeedbackCard({ feedback, codeNotes }: { feedback: ExerciseFeedback; codeNotes: CodeNote[] }) {
  const reached = feedback.parts.filter((p) => p.outcome !== 'not_reached').length;
  return (
    <section className="card stack part-feedback" aria-label="Coding results by part">
      <div>
        <div className="eyebrow">Judged by the tests · {feedback.language}</div>
        <h2>
          {feedback.partsPassed} of {reached} part{reached === 1 ? '' : 's'} passed
        </h2>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Outcome</th>
            <th scope="col">Time</th>
            <th scope="col">Hidden tests</th>
            <th scope="col">Runs</th>
            <th scope="col">First run after</th>
          </tr>
        </thead>
        <tbody>
          {feedback.parts.map((p) => (
            <tr key={p.index} data-testid="part-row">
              <td>
                {p.index + 1}. {p.outcome === 'not_reached' ? 'Not shown' : p.title}
              </td>
              <td>{OUTCOME[p.outcome]}</td>
              <td className="tabular">{p.timeMs === null ? '—' : formatClock(p.timeMs)}</td>
              <td className="tabular">{p.hiddenPassed === null ? '—' : `${p.hiddenPassed}/${p.hiddenTotal}`}</td>
              <td className="tabular">
                {p.runs} run{p.runs === 1 ? '' : 's'}, {p.submits} submit{p.submits === 1 ? '' : 's'}
              </td>
              <td className="tabular">{p.firstRunAfterMs === null ? '—' : formatClock(p.firstRunAfterMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>Your own tests: </strong>
        {feedback.ownTests.written
          ? `${feedback.ownTests.names.length} test${feedback.ownTests.names.length === 1 ? '' : 's'}` +
            (feedback.ownTests.runs > 0
              ? `, ${feedback.ownTests.passing} passing at the last run (${feedback.ownTests.names.join(', ')})`
              : ', never run')
          : 'none written'}
      </p>
      <div>
        <strong>Complexity: </strong>
        {feedback.complexityMentions.length === 0 ? (
          <span className="muted">not mentioned in your answers.</span>
        ) : (
          <>
            mentioned —
            <ul>
              {feedback.complexityMentions.map((m) => (
                <li key={m}>
                  <q>{m}</q>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {feedback.notes.length > 0 && (
        <ul className="stack">
          {feedback.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <CodeNotes notes={codeNotes} />
    </section>
  );
}
