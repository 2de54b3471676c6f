/**
 * The whiteboard of a design session in review: the final board, a step through the snapshot
 * taken at each answer (with what the interviewer read), SVG/PNG export, and after the round
 * "one possible design" from the pack.
 */
import { useEffect, useState } from 'react';
import type { BoardSnapshotView } from '../../../../main/contract/services/board.js';
import type { SessionDetail } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { downloadBlob, downloadText } from '../../download.js';
import '../practice/board/board.css';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export function BoardReview({ detail }: { detail: SessionDetail }) {
  const [snapshots, setSnapshots] = useState<BoardSnapshotView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const sessionId = detail.sessionId;

  useEffect(() => {
    let live = true;
    const load = () =>
      api.board.snapshots({ sessionId }).then((list) => {
        if (!live) return list;
        setSnapshots(list);
        setIndex(Math.max(0, list.length - 1));
        return list;
      });
    load()
      .then(async (list) => {
        // Snapshots taken while the app was closing are drawn now.
        if (!list.some((s) => s.svg === null && s.description !== 'The board is empty.')) return;
        const { renderPendingSnapshots } = await import('../practice/board/render.js');
        if ((await renderPendingSnapshots(sessionId)) > 0) await load();
      })
      .catch((e: unknown) => live && setError(`The whiteboard could not be loaded: ${errorMessage(e)}`));
    return () => {
      live = false;
    };
  }, [sessionId]);

  if (error) return <div className="notice error">{error}</div>;
  if (!snapshots || snapshots.length === 0) return null;
  const shown = snapshots[Math.min(index, snapshots.length - 1)]!;
  const isLast = index === snapshots.length - 1;
  const base = `board-${sessionId.slice(0, 8)}-turn-${shown.turnSeq}`;

  return (
    <section className="card stack board-review" aria-labelledby="board-heading">
      <div className="row board-review-head">
        <h2 id="board-heading">Whiteboard</h2>
        <span className="muted" aria-live="polite">
          {isLast ? 'Final board' : 'Board'} after answer {shown.turnSeq} ({index + 1} of {snapshots.length})
        </span>
        <div className="row board-review-actions">
          <button type="button" className="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            Earlier
          </button>
          <button type="button" className="button" disabled={isLast} onClick={() => setIndex(index + 1)}>
            Later
          </button>
          <button
            type="button"
            className="button"
            disabled={shown.svg === null}
            onClick={() => shown.svg && downloadText(`${base}.svg`, shown.svg, 'image/svg+xml')}
          >
            Export SVG
          </button>
          <button
            type="button"
            className="button"
            disabled={!shown.hasPng}
            onClick={() =>
              void api.board
                .png({ sessionId, turnSeq: shown.turnSeq })
                .then((png) => downloadBlob(`${base}.png`, base64ToBlob(png.base64, 'image/png')))
                .catch((e: unknown) => setError(`The PNG could not be exported: ${errorMessage(e)}`))
            }
          >
            Export PNG
          </button>
        </div>
      </div>
      {shown.svg ? (
        <img className="board-image" src={svgUrl(shown.svg)} alt={shown.description} data-testid="board-image" />
      ) : (
        <p className="muted">
          {shown.description === 'The board is empty.' ? 'The board was empty.' : 'Drawing the board…'}
        </p>
      )}
      <details>
        <summary>What the interviewer read after this answer</summary>
        <pre className="board-read" data-testid="board-read">
          {shown.update}
        </pre>
      </details>
      <ReferenceDesigns detail={detail} />
    </section>
  );
}

function ReferenceDesigns({ detail }: { detail: SessionDetail }) {
  const [designs, setDesigns] = useState<
    { questionId: string; svg: string | null; notes: { label: string; note: string }[] }[]
  >([]);
  useEffect(() => {
    let live = true;
    const ids = [...new Set(detail.turns.map((t) => t.questionId).filter((q): q is string => q !== null))];
    void (async () => {
      const found = [];
      for (const questionId of ids) {
        const ref = await api.board.reference({ roleId: detail.roleId, questionId }).catch(() => null);
        if (!ref) continue;
        const { sceneToSvg } = await import('../practice/board/render.js');
        found.push({ questionId, svg: await sceneToSvg(ref.scene), notes: ref.notes });
      }
      if (live) setDesigns(found);
    })();
    return () => {
      live = false;
    };
  }, [detail]);
  if (detail.status === 'in_progress' || designs.length === 0) return null;
  return (
    <>
      {designs.map((d) => (
        <details key={d.questionId} className="reference-design">
          <summary>One possible design</summary>
          <p className="muted small">
            Not the answer: one way to draw it, to compare with yours. Interviewers care more about your reasoning.
          </p>
          {d.svg && <img className="board-image" src={svgUrl(d.svg)} alt="A reference design for this question" />}
          <ul>
            {d.notes.map((n) => (
              <li key={n.label}>
                <strong>{n.label}:</strong> {n.note}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}
