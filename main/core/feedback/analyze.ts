/**
 * What `npm run analyze -- FILE` prints: the deterministic metrics of one transcript file, plus
 * rubric coverage, STAR and checklist when the question is found in the role packs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Question, Round } from '../../../content/schema.js';
import type { ChecklistCoverageView, AnswerMetrics, StarView } from '../../contract/services/feedback.js';
import { parsePack } from '../content/parse-pack.js';
import { rubricCoverage, type PointCoverage } from '../rubric/rubric-coverage.js';
import { checklistCoverage } from './checklist.js';
import { deliveryMetrics } from './metrics/delivery.js';
import { usesStar } from './rules-feedback.js';
import { starStructure } from './star.js';
import { answerInputOf, parseTranscriptFile } from './transcript-file.js';

export interface AnalyzeReport {
  questionId: string;
  /** The question as found in the role packs, or null when no pack has it. */
  question: { prompt: string; roundKind: string; answerMinutes: number } | null;
  delivery: AnswerMetrics;
  coverage: PointCoverage[] | null;
  star: StarView | null;
  checklist: ChecklistCoverageView[] | null;
}

export type AnalyzeResult = { ok: true; report: AnalyzeReport } | { ok: false; error: string };

export function findQuestion(rolesDir: string, questionId: string): { question: Question; round: Round } | null {
  let files: string[];
  try {
    files = readdirSync(rolesDir).filter((f) => /\.ya?ml$/i.test(f));
  } catch {
    return null;
  }
  for (const file of files) {
    const role = parsePack(readFileSync(join(rolesDir, file)), file).role;
    for (const round of role?.rounds ?? []) {
      const question = round.questions.find((q) => q.id === questionId);
      if (question) return { question, round };
    }
  }
  return null;
}

export function analyzeTranscript(json: string, rolesDir: string | null): AnalyzeResult {
  const parsed = parseTranscriptFile(json);
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const found = rolesDir ? findQuestion(rolesDir, file.questionId) : null;
  const input = answerInputOf(file, found ? found.question.answerMinutes * 60_000 : null);
  const text = input.text;
  return {
    ok: true,
    report: {
      questionId: file.questionId,
      question: found && {
        prompt: found.question.prompt,
        roundKind: found.round.kind,
        answerMinutes: found.question.answerMinutes,
      },
      delivery: deliveryMetrics(input),
      coverage: found ? rubricCoverage(text, found.question.rubric) : null,
      star: found && usesStar(found.round.kind, found.question) ? starStructure(text) : null,
      checklist: found?.round.checklist ? checklistCoverage(text, found.round.checklist) : null,
    },
  };
}
