/**
 * A real interview + feedback stack on a temporary database, with a role that has a
 * behavioral round and a system-design round (with a checklist), and a scripted generator.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Question, Role } from '../../../../content/schema.js';
import type { EventEnvelope } from '../../../../main/contract/events.js';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { createContentService } from '../../../../main/core/content/service.js';
import { EventBus } from '../../../../main/core/events.js';
import {
  createFeedbackService,
  type FeedbackService,
  type FeedbackServiceOptions,
} from '../../../../main/core/feedback/feedback-service.js';
import type { JudgeOptions } from '../../../../main/core/feedback/llm-judge.js';
import { createInterviewRepository } from '../../../../main/core/interview/repository.js';
import { createInterviewService } from '../../../../main/core/interview/service.js';
import type { GenerateOptions, JsonResult, JsonSchema, LlmJsonGenerator } from '../../../../main/core/llm/types.js';
import { openDatabase, type Db } from '../../../../main/core/storage/database.js';

export const ROLE = 'fb-role';
export const BEHAVIORAL = `${ROLE}-behavioral`;
export const DESIGN = `${ROLE}-design`;

/** Rubric points as [id, signal, point text]; the text defaults to "Mentions <signal>". */
function question(id: string, rubric: [string, string, string?][], answerMinutes = 4): Question {
  return {
    id,
    prompt: `Question ${id}?`,
    difficulty: 'medium',
    topics: ['topic'],
    answerMinutes,
    rubric: rubric.map(([pid, signal, point]) => ({
      id: `${id}-${pid}`,
      point: point ?? `Mentions ${signal}`,
      why: `Because ${signal} matters`,
      signals: [signal],
    })),
    followUps: [{ prompt: `Follow-up on ${id}?` }, { prompt: `Another follow-up on ${id}?` }],
    outline: [`Outline ${id} one`, `Outline ${id} two`],
    pitfalls: [`Pitfall ${id}`],
  };
}

export function role(): Role {
  return {
    id: ROLE,
    title: 'Feedback Engineer',
    level: 'Senior',
    summary: 'A role for feedback tests.',
    process: [{ name: 'Screen', description: 'A call.' }],
    topics: ['testing'],
    vocabulary: ['vitest'],
    candidateQuestions: [],
    rounds: [
      {
        id: BEHAVIORAL,
        kind: 'behavioral',
        title: 'Behavioral',
        minutes: 30,
        questionsPerSession: 2,
        maxFollowUps: 1,
        intro: 'Tell me about yourself.',
        questions: [
          {
            ...question('conflict', [
              // A one-word signal counts beside another word of its point ("concerns", "evidence").
              ['listen', 'listened', 'Mentions listened to the concerns'],
              ['data', 'user testing'],
              ['learn', 'learned', 'Mentions learned to bring evidence'],
            ]),
            star: { situation: 's', task: 't', action: 'a', result: 'r' },
          },
          question('failure', [
            ['own', 'owned'],
            ['fix', 'fixed'],
            ['prevent', 'prevent'],
          ]),
        ],
      },
      {
        id: DESIGN,
        kind: 'system_design',
        title: 'System design',
        minutes: 45,
        questionsPerSession: 1,
        maxFollowUps: 0,
        intro: 'Design something.',
        checklist: [
          { id: 'requirements', label: 'Requirements', signals: ['requirements'] },
          { id: 'api', label: 'API', signals: ['api', 'endpoint'] },
          { id: 'scale', label: 'Scale', signals: ['per second'] },
        ],
        questions: [
          question(
            'shortener',
            [
              ['cache', 'cache'],
              ['shard', 'shard'],
              ['id', 'id generation'],
            ],
            20,
          ),
        ],
      },
    ],
  };
}

export type Reply =
  | JsonResult<unknown>
  | ((
      prompt: string,
      schema: JsonSchema,
      options: GenerateOptions,
    ) => JsonResult<unknown> | Promise<JsonResult<unknown>>);

/** A generator that answers from a list (or a function), recording every call. */
export class ScriptedGenerator implements LlmJsonGenerator {
  calls: { system: string; prompt: string; schema: JsonSchema; options: GenerateOptions }[] = [];
  constructor(
    private readonly reply: (
      prompt: string,
      schema: JsonSchema,
      options: GenerateOptions,
      call: number,
    ) => JsonResult<unknown> | Promise<JsonResult<unknown>>,
  ) {}
  async generateJson<T>(
    system: string,
    prompt: string,
    schema: JsonSchema,
    options: GenerateOptions,
  ): Promise<JsonResult<T>> {
    this.calls.push({ system, prompt, schema, options });
    return (await this.reply(prompt, schema, options, this.calls.length - 1)) as JsonResult<T>;
  }
}

export const isRoundCall = (schema: JsonSchema) =>
  'hireSignal' in ((schema.properties as Record<string, unknown>) ?? {});

export interface Stack {
  db: Db;
  content: ReturnType<typeof createContentService>;
  interview: ReturnType<typeof createInterviewService>;
  feedback: FeedbackService;
  events: EventEnvelope[];
  logs: string[];
  close(): void;
}

export function makeStack(
  generator: LlmJsonGenerator | null,
  options: { judge?: Partial<JudgeOptions>; finalCode?: FeedbackServiceOptions['finalCode'] } = {},
): Stack {
  const root = mkdtempSync(join(tmpdir(), 'ir-feedback-'));
  const bundledDir = join(root, 'bundled');
  mkdirSync(bundledDir);
  writeFileSync(join(bundledDir, `${ROLE}.yaml`), stringify(role(), { lineWidth: 0 }));
  const opened = openDatabase(join(root, 'data'));
  if (!opened.ok) throw new Error(opened.status.message);
  const db = opened.db;
  const content = createContentService({ bundledDir, userDir: join(root, 'user') });
  const bus = new EventBus();
  const events: EventEnvelope[] = [];
  bus.subscribe((e) => events.push(e));
  const logs: string[] = [];
  const repository = createInterviewRepository(db);
  const feedback = createFeedbackService({
    repository: () => repository,
    db: () => db,
    content,
    events: bus,
    llm: () => generator,
    log: (message) => logs.push(message),
    maxWaitForInterviewerMs: 2000,
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.finalCode ? { finalCode: options.finalCode } : {}),
  });
  const interview = createInterviewService({
    repository: () => repository,
    content,
    events: bus,
    onAnswer: (s, seq) => feedback.onAnswer(s, seq),
  });
  return {
    db,
    content,
    interview,
    feedback,
    events,
    logs,
    close() {
      feedback.close();
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Starts a round on exactly these questions and answers each question (and follow-up) with the texts given, in order; null skips. */
export async function playRound(
  stack: Stack,
  roundId: string,
  questionIds: string[],
  answers: (string | null)[],
): Promise<string> {
  let view: InterviewView = await stack.interview.start({ roleId: ROLE, roundId, questionIds });
  const sessionId = view.sessionId;
  view = await stack.interview.begin({ sessionId });
  for (const answer of answers) {
    if (view.phase !== 'question') break;
    view =
      answer === null
        ? await stack.interview.skip({ sessionId })
        : await stack.interview.submitAnswer({ sessionId, text: answer });
  }
  await stack.interview.finish({ sessionId });
  return sessionId;
}
