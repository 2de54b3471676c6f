/**
 * The board service: saves the live whiteboard and notes as the candidate works, takes a
 * snapshot at each answered turn (what the interviewer reads, and what changed since its last
 * look), keeps the renderer's drawings of the snapshots, and serves reference designs.
 */
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { BoardDescription } from '../../contract/services/board.js';
import type { ContentService } from '../content/service.js';
import type { BoardLook } from '../interview/interviewers/types.js';
import { boardTexts } from './coverage.js';
import { describeElements } from './describe.js';
import { boardUpdateText } from './diff.js';
import { boardText } from './format.js';
import { notesText } from './notes-text.js';
import { EMPTY_NOTES, type BoardRepository } from './repository.js';
import { parseSceneText } from './scene.js';

const EMPTY_SCENE = JSON.stringify({ type: 'excalidraw', version: 2, source: 'interview-rehearsal', elements: [] });

export function describeSceneText(scene: string | null): BoardDescription {
  const parsed = parseSceneText(scene ?? EMPTY_SCENE);
  return parsed.ok ? describeElements(parsed.value.elements, parsed.value.warnings) : describeElements([]);
}

export interface BoardServiceOptions {
  repository: () => BoardRepository;
  content: ContentService;
  now?: () => number;
}

export function createBoardService(options: BoardServiceOptions) {
  const now = options.now ?? Date.now;
  const repo = () => options.repository();
  const requireSession = (sessionId: string) => {
    if (!repo().sessionExists(sessionId)) {
      throw new AppError('NOT_FOUND', 'That practice session no longer exists, so its board cannot be saved.');
    }
  };

  /** Snapshots the board for an answered turn (once per turn) and says what the interviewer reads. */
  function look(sessionId: string, turnSeq: number): BoardLook | null {
    const r = repo();
    const current = r.get(sessionId);
    if (!current && r.roundKind(sessionId) !== 'system_design') return null;
    const scene = current?.scene ?? EMPTY_SCENE;
    const notes = current?.notes ?? { ...EMPTY_NOTES };
    const description = describeSceneText(scene);
    const existing = r.snapshot(sessionId, turnSeq);
    if (existing) {
      return {
        description: describeSceneText(existing.scene),
        text: existing.description,
        update: existing.update,
        notes: existing.notes,
      };
    }
    const previous = r.previousSnapshot(sessionId, turnSeq);
    const text = boardText(description);
    const update = boardUpdateText(previous ? describeSceneText(previous.scene) : null, description);
    r.insertSnapshot({
      sessionId,
      turnSeq,
      createdAt: now(),
      scene,
      notes,
      description: text,
      update,
      boardText: [...boardTexts(description), notesText(notes)].filter(Boolean).join('\n'),
    });
    return { description, text, update, notes };
  }

  const service: Services['board'] = {
    get: ({ sessionId }) => {
      const row = repo().get(sessionId);
      return row
        ? { scene: row.scene, notes: row.notes, savedAt: row.updatedAt }
        : { scene: null, notes: { ...EMPTY_NOTES }, savedAt: null };
    },
    save: ({ sessionId, scene, notes }) => {
      requireSession(sessionId);
      let description = describeElements([]);
      if (scene !== null) {
        const parsed = parseSceneText(scene);
        if (!parsed.ok) throw new AppError('VALIDATION', `${parsed.error} The board was not saved.`);
        description = describeElements(parsed.value.elements, parsed.value.warnings);
      }
      const at = now();
      repo().save(sessionId, scene, notes, at);
      return { savedAt: at, description: boardText(description) };
    },
    snapshots: ({ sessionId }) =>
      repo()
        .snapshots(sessionId)
        .map((s) => ({
          turnSeq: s.turnSeq,
          createdAt: s.createdAt,
          scene: s.scene,
          notes: s.notes,
          description: s.description,
          update: s.update,
          svg: s.svg,
          hasPng: s.png !== null,
        })),
    saveRendering: ({ sessionId, turnSeq, svg, pngBase64 }) => {
      if (!svg.trimStart().startsWith('<svg')) throw new AppError('VALIDATION', 'That drawing is not an SVG image.');
      const png = pngBase64 === null ? null : Buffer.from(pngBase64, 'base64');
      if (png && !png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
        throw new AppError('VALIDATION', 'That drawing is not a PNG image.');
      }
      if (!repo().saveRendering(sessionId, turnSeq, svg, png)) {
        throw new AppError('NOT_FOUND', 'There is no board snapshot for that turn.');
      }
      return { savedAt: now() };
    },
    png: ({ sessionId, turnSeq }) => {
      const png = repo().snapshot(sessionId, turnSeq)?.png;
      if (!png)
        throw new AppError(
          'NOT_FOUND',
          'This board snapshot has no PNG drawing yet. Open the session again to draw it.',
        );
      return { base64: png.toString('base64') };
    },
    reference: ({ roleId, questionId }) => {
      const role = options.content.findRole(roleId)?.role;
      for (const round of role?.rounds ?? []) {
        const question = round.questions.find((q) => q.id === questionId);
        if (!question?.design) continue;
        const labels = new Map((round.checklist ?? []).map((c) => [c.id, c.label]));
        return {
          scene: JSON.stringify(question.design.reference),
          notes: Object.entries(question.design.notes ?? {}).map(([id, note]) => ({
            label: labels.get(id) ?? id,
            note,
          })),
        };
      }
      return null;
    },
  };
  return { service, look };
}

export type BoardService = ReturnType<typeof createBoardService>;
