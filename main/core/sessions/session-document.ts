/**
 * A session as a simple document (headings, paragraphs, quotes, lists), written once and
 * rendered as Markdown or as PDF, so both exports always say the same thing.
 */
import { formatClock, formatRoundRecord } from '../../contract/format.js';
import type { ProjectReview, ProjectStepReview } from '../../contract/services/project.js';
import type { SessionDetail } from '../../contract/services/sessions.js';
import { codeNoteBlocks, storedCodeNotes } from './code-notes-document.js';

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string; muted?: boolean }
  | { type: 'facts'; items: [label: string, value: string][] }
  | { type: 'quote'; text: string }
  | { type: 'list'; items: { text: string; checked?: boolean; label?: string }[] }
  | { type: 'code'; text: string; language: string };

const STATUS: Record<SessionDetail['status'], string> = {
  completed: 'Completed',
  in_progress: 'Interrupted',
  abandoned: 'Ended early',
};

/** Local date and time as YYYY-MM-DD HH:MM: unambiguous in any locale. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function exportFileName(detail: SessionDetail, extension: string): string {
  const d = new Date(detail.createdAt);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const slug = `${detail.roleTitle} ${detail.roundTitle}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${date}-${slug || 'session'}.${extension}`;
}

export function sessionDocument(detail: SessionDetail): Block[] {
  const blocks: Block[] = [];
  const role =
    detail.company && !detail.roleTitle.includes(detail.company)
      ? `${detail.company} — ${detail.roleTitle}`
      : detail.roleTitle;
  blocks.push({ type: 'title', text: `${role}: ${detail.roundTitle}` });
  blocks.push({
    type: 'facts',
    items: [
      ['Date', formatDateTime(detail.createdAt)],
      ['Status', STATUS[detail.status]],
      ['Time', `${formatClock(detail.durationMs)} of ${formatClock(detail.budgetMs)}`],
      ['Interviewer', detail.interviewer === 'llm' ? 'Local AI model' : 'Scripted'],
      ['Questions', formatRoundRecord(detail.summary.record)],
    ],
  });

  if (detail.notes.trim()) {
    blocks.push({ type: 'heading', level: 2, text: 'Notes' });
    for (const paragraph of detail.notes.trim().split(/\n{2,}/)) blocks.push({ type: 'paragraph', text: paragraph });
  }

  blocks.push({ type: 'heading', level: 2, text: 'Conversation' });
  let questionNumber = 0;
  for (const turn of detail.turns) {
    if (turn.kind === 'question') questionNumber++;
    const label = turn.kind === 'question' ? `Question ${questionNumber}` : 'Follow-up';
    blocks.push({ type: 'heading', level: 3, text: `${label}: ${turn.prompt}` });
    if (turn.answer && turn.status === 'answered') {
      blocks.push({
        type: 'paragraph',
        text: `Answer (${formatClock(turn.elapsedMs)}${turn.budgetMs ? ` of ${formatClock(turn.budgetMs)}` : ''}):`,
        muted: true,
      });
      blocks.push({ type: 'quote', text: turn.answer });
    } else {
      blocks.push({ type: 'paragraph', text: turn.answer ? 'Not submitted; the draft was:' : 'Skipped.', muted: true });
      if (turn.answer) blocks.push({ type: 'quote', text: turn.answer });
    }
    if (turn.segments.length > 0) {
      blocks.push({ type: 'paragraph', text: 'Transcript as spoken:', muted: true });
      blocks.push({
        type: 'list',
        items: turn.segments.map((s) => ({ label: formatClock(s.startMs), text: s.text.trim() })),
      });
    }
  }

  for (const code of detail.code) {
    const fb = code.feedback;
    const reached = fb.parts.filter((p) => p.outcome !== 'not_reached').length;
    blocks.push({
      type: 'heading',
      level: 2,
      text: `Code: ${code.prompt.length > 80 ? `${code.prompt.slice(0, 79)}…` : code.prompt}`,
    });
    blocks.push({
      type: 'facts',
      items: [
        ['Language', code.language],
        ['Parts passed', `${fb.partsPassed} of ${reached} shown`],
        [
          'Own tests',
          fb.ownTests.written ? `${fb.ownTests.names.length} (${fb.ownTests.passing} passing at the last run)` : 'none',
        ],
      ],
    });
    blocks.push({
      type: 'list',
      items: fb.parts
        .filter((p) => p.outcome !== 'not_reached')
        .map((p) => ({
          checked: p.outcome === 'passed',
          text:
            `Part ${p.index + 1}, ${p.title}: ${p.outcome.replace('_', ' ')}` +
            (p.timeMs !== null ? `, ${formatClock(p.timeMs)}` : '') +
            (p.hiddenPassed !== null ? `, hidden tests ${p.hiddenPassed}/${p.hiddenTotal}` : '') +
            `, ${p.runs} run${p.runs === 1 ? '' : 's'} and ${p.submits} submit${p.submits === 1 ? '' : 's'}`,
        })),
    });
    blocks.push({ type: 'paragraph', text: 'Final solution:', muted: true });
    blocks.push({ type: 'code', text: code.solution, language: code.language });
    if (fb.ownTests.written) {
      blocks.push({ type: 'paragraph', text: 'Your tests:', muted: true });
      blocks.push({ type: 'code', text: code.tests, language: code.language });
    }
    blocks.push(...codeNoteBlocks(storedCodeNotes(detail, code), code.language));
  }

  for (const project of detail.projects) blocks.push(...projectBlocks(project));

  const scored = detail.feedback.filter((f) => f.scores.length > 0);
  if (scored.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: 'Feedback scores' });
    blocks.push({
      type: 'list',
      items: scored.flatMap((f) =>
        f.scores.map((s) => ({ text: `${s.dimension}: ${s.value} / 100${f.turnSeq ? ` (answer ${f.turnSeq})` : ''}` })),
      ),
    });
  }

  blocks.push({ type: 'heading', level: 2, text: 'Rubric points mentioned' });
  if (detail.summary.questions.length === 0)
    blocks.push({ type: 'paragraph', text: 'No questions were asked.', muted: true });
  for (const q of detail.summary.questions) {
    blocks.push({ type: 'heading', level: 3, text: q.prompt });
    blocks.push({
      type: 'list',
      items: q.coverage.map((p) => ({
        checked: p.covered,
        text: p.covered && p.quote ? `${p.point} — mentioned: “${p.quote}”` : p.point,
      })),
    });
  }
  return blocks;
}

const STEP: Record<ProjectStepReview['reason'], string> = {
  run: 'ran the tests',
  check: 'checked the part',
  reset: 'reset the files to the start',
  finish: 'finished',
};

/** A bug bash or integration: its steps with test counts and files changed, then the files changed from the start. */
function projectBlocks(project: ProjectReview): Block[] {
  const kind = project.kind === 'bug_bash' ? 'Bug bash' : 'Integration';
  const title = project.title.length > 80 ? `${project.title.slice(0, 79)}…` : project.title;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: `${kind}: ${title}` }];
  blocks.push({
    type: 'facts',
    items: [
      ['Language', project.language ?? 'unknown (role pack not installed)'],
      ['Test runs', String(project.runs)],
      ['Last run', project.lastRun ? `${project.lastRun.passed} passed, ${project.lastRun.failed} failed` : 'none'],
    ],
  });
  if (project.steps.length > 0) {
    blocks.push({ type: 'paragraph', text: 'Step by step:', muted: true });
    blocks.push({
      type: 'list',
      items: project.steps.map((s) => {
        const counts = s.passed !== null ? `, ${s.passed} passed and ${s.failed ?? 0} failed` : '';
        const changed =
          s.changes === null
            ? ''
            : s.changes.length === 0
              ? '; no files changed'
              : `; changed ${s.changes.map((c) => `${c.path} (+${c.added} −${c.removed})`).join(', ')}`;
        return {
          label: formatClock(Math.max(0, s.at - project.startedAt)),
          text: `${STEP[s.reason]}${counts}${changed}`,
        };
      }),
    });
  }
  const paths = [...project.changed, ...project.added].sort();
  if (project.filesFrom === 'last_step') {
    blocks.push({
      type: 'paragraph',
      text: 'The role pack with this codebase is not installed: the files below are as of the last step.',
      muted: true,
    });
  }
  const shown = project.filesFrom === 'workspace' ? paths : Object.keys(project.files).sort();
  if (shown.length === 0) blocks.push({ type: 'paragraph', text: 'No files were changed.', muted: true });
  for (const path of shown) {
    blocks.push({
      type: 'heading',
      level: 3,
      text: project.added.includes(path) ? `${path} (new file)` : path,
    });
    blocks.push({ type: 'code', text: project.files[path] ?? '', language: project.language ?? '' });
  }
  if (project.deleted.length > 0) {
    blocks.push({ type: 'paragraph', text: `Deleted: ${project.deleted.join(', ')}`, muted: true });
  }
  return blocks;
}
