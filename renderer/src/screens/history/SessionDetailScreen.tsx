import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatLength } from '../../../../main/contract/format.js';
import type { ConversationEntry, SessionDetail, TurnDetail } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { apiKey } from '../../data/query-client.js';
import { downloadBlob, downloadText } from '../../download.js';
import { roundKindLabel } from '../../labels.js';
import { href, navigate } from '../../router.js';
import { ProjectFeedbackCards } from '../project/ProjectFeedbackCard.js';
import { ExerciseFeedbackCards } from '../workspace/ExerciseFeedbackCard.js';
import { SnapshotStepper } from '../workspace/SnapshotStepper.js';
import { BoardReview } from './BoardReview.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { setFlash } from './flash.js';
import { base64ToBytes, formatDateTime, STATUS_LABELS } from './format.js';
import { NotesField } from './NotesField.js';
import { ProjectReviews } from './ProjectReview.js';
import { TurnRecording } from './TurnRecording.js';

export function SessionDetailScreen({
  sessionId,
  turn,
  at,
}: {
  sessionId: string;
  turn?: number | undefined;
  at?: number | undefined;
}) {
  const detail = useQuery({
    queryKey: apiKey('sessions', 'detail', { sessionId }),
    queryFn: () => api.sessions.detail({ sessionId }),
  });
  return (
    <div className="stack session-detail">
      <a href={href({ name: 'history' })} className="small">
        ← History
      </a>
      <Async state={detail} label="this session">
        {(value) => <Detail detail={value} turn={turn} at={at} />}
      </Async>
    </div>
  );
}

const SPEAKER = { interviewer: 'Interviewer', candidate: 'You' } as const;
const KIND_NOTES: Partial<Record<ConversationEntry['kind'], string>> = {
  follow_up: 'follow-up',
  repeat: 'repeated',
  clarify_question: 'asked to clarify',
  clarify_answer: 'clarified',
  nudge: 'nudge',
  skip: 'skipped',
  candidate_question: 'your question',
};

function Detail({ detail, turn, at }: { detail: SessionDetail; turn?: number | undefined; at?: number | undefined }) {
  const [message, setMessage] = useState<{ kind: 'good' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const targetRef = useRef<HTMLLIElement>(null);
  const turns = new Map(detail.turns.map((t) => [t.seq, t]));
  const role =
    detail.company && !detail.roleTitle.includes(detail.company)
      ? `${detail.company} — ${detail.roleTitle}`
      : detail.roleTitle;

  // A search result opens the session at its moment: that turn is scrolled to and focused.
  useEffect(() => {
    if (turn === undefined || !targetRef.current) return;
    targetRef.current.scrollIntoView({ block: 'center' });
    targetRef.current.focus({ preventScroll: true });
  }, [turn]);

  async function act(label: string, action: () => Promise<string | null>) {
    if (busy) return;
    setBusy(label);
    setMessage(null);
    try {
      const text = await action();
      if (text) setMessage({ kind: 'good', text });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  const exportMarkdown = () =>
    act('markdown', async () => {
      const { fileName, text } = await api.sessions.exportMarkdown({ sessionId: detail.sessionId });
      downloadText(fileName, text, 'text/markdown');
      return `Saved ${fileName} to your downloads.`;
    });
  const exportPdf = () =>
    act('pdf', async () => {
      const { fileName, base64 } = await api.sessions.exportPdf({ sessionId: detail.sessionId });
      downloadBlob(fileName, new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
      return `Saved ${fileName} to your downloads.`;
    });
  const remove = () =>
    act('delete', async () => {
      await api.sessions.delete({ sessionId: detail.sessionId });
      setFlash(`Deleted the ${detail.roundTitle} session of ${formatDateTime(detail.createdAt)} and its recordings.`);
      navigate({ name: 'history' });
      return null;
    });

  // Turn of each message, and which message is the first of the targeted turn.
  const firstOfTurn = new Map<number, number>();
  detail.conversation.forEach((m, i) => {
    if (m.turnSeq !== null && !firstOfTurn.has(m.turnSeq)) firstOfTurn.set(m.turnSeq, i);
  });
  const answered = new Set<number>();

  return (
    <>
      <header className="page-header">
        <div>
          <div className="eyebrow">{role}</div>
          <h1>{detail.roundTitle}</h1>
          <p className="muted session-facts">
            {roundKindLabel(detail.roundKind) !== detail.roundTitle && (
              <span className="chip">{roundKindLabel(detail.roundKind)}</span>
            )}
            {detail.status !== 'completed' && (
              <span className={`chip ${detail.status === 'in_progress' ? 'warn' : ''}`}>
                {STATUS_LABELS[detail.status]}
              </span>
            )}
            <time dateTime={new Date(detail.createdAt).toISOString()}>{formatDateTime(detail.createdAt)}</time>
            <span aria-hidden="true">·</span>
            <span>
              {formatLength(detail.durationMs)} of {formatLength(detail.budgetMs)}
            </span>
            {detail.modelScorePct !== null && (
              <>
                <span aria-hidden="true">·</span>
                <span>model’s score {detail.modelScorePct} of 100</span>
              </>
            )}
          </p>
        </div>
        <div className="row session-actions">
          {detail.status === 'in_progress' && (
            <a className="button primary" href={href({ name: 'practice', sessionId: detail.sessionId })}>
              Resume
            </a>
          )}
          <button type="button" className="button" disabled={busy !== null} onClick={() => void exportMarkdown()}>
            {busy === 'markdown' ? 'Exporting…' : 'Export Markdown'}
          </button>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void exportPdf()}>
            {busy === 'pdf' ? 'Exporting…' : 'Export PDF'}
          </button>
          <button
            type="button"
            className="button danger"
            disabled={busy !== null}
            onClick={() => setConfirmDelete(true)}
            aria-expanded={confirmDelete}
          >
            Delete…
          </button>
        </div>
      </header>

      {confirmDelete && (
        <div className="notice warn confirm-delete" role="alertdialog" aria-labelledby="confirm-delete-text">
          <p id="confirm-delete-text">
            Delete this session, its transcript, notes and recordings? This cannot be undone.
          </p>
          <div className="row">
            <button
              type="button"
              className="button danger"
              autoFocus
              disabled={busy !== null}
              onClick={() => void remove()}
            >
              {busy === 'delete' ? 'Deleting…' : 'Delete session'}
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {message && (
        <div className={`notice ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}

      <section className="card" aria-label="Notes">
        <NotesField sessionId={detail.sessionId} initial={detail.notes} />
      </section>

      <section className="card stack" aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">Conversation</h2>
        <ol className="review-messages">
          {detail.conversation.map((m, i) => {
            const isTarget = turn !== undefined && m.turnSeq === turn && firstOfTurn.get(turn) === i;
            const turnDetail = m.turnSeq !== null ? turns.get(m.turnSeq) : undefined;
            const showRecording = m.kind === 'answer' && turnDetail !== undefined && !answered.has(turnDetail.seq);
            if (showRecording) answered.add(turnDetail.seq);
            return (
              <li
                key={m.id}
                ref={isTarget ? targetRef : undefined}
                tabIndex={isTarget ? -1 : undefined}
                id={m.turnSeq !== null && firstOfTurn.get(m.turnSeq) === i ? `turn-${m.turnSeq}` : undefined}
                className={`review-message ${m.speaker}${turn !== undefined && m.turnSeq === turn ? ' target' : ''}`}
              >
                <div className="message-meta">
                  <span className="speaker">{SPEAKER[m.speaker]}</span>
                  {KIND_NOTES[m.kind] && <span className="kind">{KIND_NOTES[m.kind]}</span>}
                </div>
                <p className="message-text">{m.text}</p>
                {showRecording && turnDetail && (
                  <AnswerExtras turn={turnDetail} at={turn === turnDetail.seq ? at : undefined} />
                )}
              </li>
            );
          })}
          {detail.turns
            .filter((t) => !answered.has(t.seq) && (t.segments.length > 0 || t.recording?.available))
            .map((t) => (
              <li key={`unsubmitted-${t.seq}`} className="review-message candidate">
                <div className="message-meta">
                  <span className="speaker">You</span>
                  <span className="kind">not submitted</span>
                </div>
                <AnswerExtras turn={t} at={turn === t.seq ? at : undefined} />
              </li>
            ))}
        </ol>
      </section>

      <SnapshotStepper sessionId={detail.sessionId} />
      <ProjectReviews projects={detail.projects} />
      {detail.projects.length > 0 && <ProjectFeedbackCards sessionId={detail.sessionId} />}
      <ExerciseFeedbackCards sessionId={detail.sessionId} />
      <BoardReview detail={detail} />

      <FeedbackPanel detail={detail} />
    </>
  );
}

function AnswerExtras({ turn, at }: { turn: TurnDetail; at?: number | undefined }) {
  if (turn.segments.length === 0 && !turn.recording?.available) return null;
  return (
    <TurnRecording recording={turn.recording} segments={turn.segments} label={`answer ${turn.seq}`} initialAt={at} />
  );
}
