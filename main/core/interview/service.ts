/**
 * The interview service: runs the pure engine against the database and the interviewer.
 * Calls for one session run one at a time, so a double click acts once.
 *
 * Over 300 lines: The one place that orders, per session, an engine transition with storage, events
 * and the interviewer; split, that ordering would be spread over files.
 */
import { randomUUID } from 'node:crypto';
import type { Question, Role, Round } from '../../../content/schema.js';
import type { Services } from '../../contract/index.js';
import { AppError } from '../../contract/result.js';
import type { InterviewView } from '../../contract/services/interview.js';
import { isCodingQuestion } from '../content/library.js';
import type { ContentService } from '../content/service.js';
import type { EventBus } from '../events.js';
import { SequencerByKey } from '../util/sequencer.js';
import type { WorkspaceLook } from '../workspace/interviewer-look.js';
import { elapsed, remaining } from './clock.js';
import * as engine from './engine.js';
import type { EngineState } from './engine.js';
import { scriptedInterviewer } from './interviewers/scripted.js';
import { isPhaseTimed } from './interviewers/timing.js';
import type { BoardLook, Decision, DecisionContext, Interviewer } from './interviewers/types.js';
import { pickQuestions } from './plan.js';
import type { InterviewRepository, SessionRecord } from './repository.js';
import { interviewView, summaryView } from './views.js';

export interface InterviewServiceOptions {
  repository: () => InterviewRepository;
  content: ContentService;
  events: EventBus;
  /** The interviewer for a session (LLM when a model is active, otherwise scripted). */
  interviewer?: (sessionId: string) => Interviewer;
  /**
   * A draft answer was saved while an LLM-interviewed answer is open; `context` is what the
   * decision will see, minus this answer. Lets the model pre-evaluate the answer as it grows.
   */
  onDraft?: (sessionId: string, text: string, context: DecisionContext) => void;
  /**
   * Design rounds: snapshots the whiteboard for an answered turn and returns what the
   * interviewer reads of it (null when the session has no board).
   */
  boardLook?: (sessionId: string, turnSeq: number) => BoardLook | null;
  /** An answer was recorded (feedback queues its background work); must return at once. */
  onAnswer?: (sessionId: string, turnSeq: number) => void;
  /**
   * The interviewer's look at a coding question's workspace (part, changes since its last look,
   * last results); taking it marks the work as seen. Null when the question has no workspace.
   */
  workspaceLook?: (sessionId: string, questionId: string, mark: boolean) => WorkspaceLook | null;
  now?: () => number;
}

interface Live {
  record: SessionRecord;
  role: Role | undefined;
  round: Round | undefined;
}

/** What the workspace may do with a session's engine state, in turn with every other call. */
export interface InterviewInternals {
  /** The session's current state (as last committed). */
  peek(sessionId: string): { state: EngineState; interviewer: 'scripted' | 'llm' };
  /** Applies `step` to the state after every earlier call for the session, and commits it. */
  transact(sessionId: string, step: (state: EngineState, now: number) => EngineState): Promise<InterviewView>;
  /** A question of the session's round as its pack has it (hidden tests included); null when gone. */
  question(sessionId: string, questionId: string): Question | null;
}

export type InterviewService = Services['interview'] & {
  /**
   * A spoken answer's transcript so far (core's speech service, as segments are transcribed).
   * The answer the candidate will submit is the typed draft followed by this transcript, so that
   * is what gets pre-evaluated; `settled` (silent, transcript caught up) also starts the reply.
   */
  spokenDraft(sessionId: string, transcript: string, settled: boolean): void;
  /** The candidate speaks again after a pause: a reply started early on the words before is stopped. */
  speechResumed(sessionId: string): void;
  internals: InterviewInternals;
};

/** The answer box after a take: the typed text, then the transcript (as the practice screen appends it). */
export function withTranscript(draft: string, transcript: string): string {
  const before = draft.replace(/\s+$/, '');
  const spoken = transcript.trim();
  return before && spoken ? `${before} ${spoken}` : before || spoken;
}

export function createInterviewService(options: InterviewServiceOptions): InterviewService {
  const now = options.now ?? Date.now;
  const chooseInterviewer = options.interviewer ?? (() => scriptedInterviewer);
  const live = new Map<string, Live>();
  const queues = new SequencerByKey<string>();
  /** The interviewer's decision in progress per session, stopped when the candidate pauses or ends. */
  const deciding = new Map<string, AbortController>();
  const stopDeciding = (sessionId: string) => deciding.get(sessionId)?.abort();

  /** Runs fn after every earlier call for the same session has settled. */
  function serialized<T>(sessionId: string, fn: () => Promise<T> | T): Promise<T> {
    return queues.run(sessionId, fn);
  }

  function findContent(roleId: string, roundId: string): { role: Role; round: Round } | undefined {
    const role = options.content.findRole(roleId)?.role;
    const round = role?.rounds.find((r) => r.id === roundId);
    return role && round ? { role, round } : undefined;
  }

  function load(sessionId: string): Live {
    const cached = live.get(sessionId);
    if (cached) return cached;
    const record = options.repository().load(sessionId);
    if (!record)
      throw new AppError('NOT_FOUND', 'That practice session no longer exists. Start a new one from the role library.');
    // Loaded from disk means this process did not run it until now: it was interrupted.
    const state = engine.recoverAfterCrash(record.state);
    const found = findContent(record.roleId, record.roundId);
    const entry: Live = { record: { ...record, state }, role: found?.role, round: found?.round };
    live.set(sessionId, entry);
    return entry;
  }

  function commit(entry: Live, next: EngineState): EngineState {
    const previous = entry.record.state;
    if (next === previous) return next;
    const at = now();
    try {
      options.repository().save(entry.record.sessionId, next, at, previous);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') live.delete(entry.record.sessionId);
      throw error;
    }
    // As the repository records it: reaching the summary completes the session.
    const done = next.phase === 'summary';
    entry.record = {
      ...entry.record,
      state: next,
      updatedAt: at,
      ...(done ? { status: 'completed' as const, endedAt: at } : {}),
    };
    options.events.emit('interview:changed', { sessionId: entry.record.sessionId, view: view(entry) });
    return next;
  }

  function view(entry: Live) {
    return interviewView(entry.record, entry.record.state, now(), entry.round?.phases ?? []);
  }

  function interviewerFor(entry: Live): Interviewer {
    return entry.record.interviewer === 'llm' ? chooseInterviewer(entry.record.sessionId) : scriptedInterviewer;
  }

  function requireContent(entry: Live): { role: Role; round: Round } {
    if (!entry.role || !entry.round) {
      throw new AppError(
        'CONTENT_INVALID',
        'The role pack for this session is no longer available, so the interviewer cannot continue. Finish the session to see its summary.',
      );
    }
    return { role: entry.role, round: entry.round };
  }

  /** What the interviewer sees about the current question; null when it is not in the content. */
  function decisionContext(entry: Live, role: Role, round: Round, markSeen = false): DecisionContext | null {
    const state = entry.record.state;
    const planned = engine.currentQuestion(state);
    const question = round.questions.find((q) => q.id === planned?.id);
    if (!planned || !question) return null;
    const turns = state.turns.filter((t) => t.questionIndex === state.index);
    const next = state.questions[state.index + 1];
    const workspace =
      planned.exercise || planned.project
        ? options.workspaceLook?.(entry.record.sessionId, planned.id, markSeen)
        : null;
    const designPhase = state.turns.findLast((t) => t.designPhase)?.designPhase;
    return {
      ...(workspace ? { workspace } : {}),
      role,
      round,
      question,
      answers: turns.filter((t) => t.answer).map((t) => t.answer ?? ''),
      askedFollowUps: turns.filter((t) => t.kind === 'follow_up').map((t) => t.prompt),
      followUpsAsked: state.followUpsAsked,
      maxFollowUps: state.maxFollowUps,
      revealedParts: state.revealedParts,
      roundRemainingMs: remaining(state.round, now()),
      questionsLeft: state.questions.length - state.index - 1,
      nextQuestionMinutes: next?.answerMinutes ?? null,
      roundElapsedMs: elapsed(state.round, now()),
      ...(designPhase ? { designPhase } : {}),
    };
  }

  async function decide(entry: Live): Promise<void> {
    const { role, round } = requireContent(entry);
    const found = decisionContext(entry, role, round, true);
    const turn = engine.currentTurn(entry.record.state);
    const board = found && turn && options.boardLook ? options.boardLook(entry.record.sessionId, turn.seq) : null;
    const context = found && board ? { ...found, board } : found;
    if (!context) {
      commit(entry, engine.applyDecision(entry.record.state, { action: 'next_question', coveredRubricIds: [] }, now()));
      return;
    }
    const sessionId = entry.record.sessionId;
    const controller = new AbortController();
    deciding.set(sessionId, controller);
    try {
      const decision = await interviewerFor(entry).decide(context, {
        onToken: (text) => options.events.emit('interviewer:token', { sessionId, text }),
        signal: controller.signal,
      });
      // Stopped because the candidate paused or ended: their action applies next, and a
      // paused round decides again on resume.
      if (controller.signal.aborted) return;
      commit(entry, engine.applyDecision(entry.record.state, keepWorkspaceOpen(context, decision), now()));
    } finally {
      if (deciding.get(sessionId) === controller) deciding.delete(sessionId);
    }
  }

  /**
   * A coding question stays open while its workspace is unfinished: the candidate ends it (or the
   * round's time does), not the interviewer's decision after a remark about the code.
   */
  function keepWorkspaceOpen(context: DecisionContext, decision: Decision): Decision {
    if (!context.workspace || context.workspace.finished || decision.action === 'follow_up') return decision;
    if (context.roundRemainingMs <= 0) return decision;
    return {
      action: 'follow_up',
      followUp: 'Okay. Keep going with the current part, and tell me when you want to move on.',
      uncounted: true,
      coveredRubricIds: decision.coveredRubricIds,
    };
  }

  const act = (sessionId: string, step: (entry: Live) => Promise<void> | void) =>
    serialized(sessionId, async () => {
      const entry = load(sessionId);
      await step(entry);
      return view(entry);
    });

  /**
   * Serializing alone would let a double click's second submit answer the follow-up the first
   * one produced (or a second skip skip the next question): while one is running, a repeat of
   * the same action is the same click and gets the same result.
   */
  const inFlight = new Map<string, Promise<InterviewView>>();
  function once(key: string, run: () => Promise<InterviewView>): Promise<InterviewView> {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  /** Ends the round now (from any phase), whether by "End round" or "Finish interview". */
  function finish({ sessionId }: { sessionId: string }): Promise<InterviewView> {
    stopDeciding(sessionId);
    return act(sessionId, (e) => void commit(e, engine.finish(e.record.state, now())));
  }

  return {
    internals: {
      peek: (sessionId) => {
        const entry = load(sessionId);
        return { state: entry.record.state, interviewer: entry.record.interviewer };
      },
      transact: (sessionId, step) => act(sessionId, (e) => void commit(e, step(e.record.state, now()))),
      question: (sessionId, questionId) => load(sessionId).round?.questions.find((q) => q.id === questionId) ?? null,
    },
    spokenDraft(sessionId, transcript, settled) {
      void serialized(sessionId, () => {
        const entry = live.get(sessionId);
        const state = entry?.record.state;
        if (!entry || !state || (state.phase !== 'question' && state.phase !== 'answering')) return;
        if (entry.record.interviewer !== 'llm' || !entry.role || !entry.round) return;
        const context = decisionContext(entry, entry.role, entry.round);
        const text = withTranscript(state.draft, transcript);
        if (!context || !text) return;
        options.onDraft?.(sessionId, text, context);
        if (settled) interviewerFor(entry).prepare?.({ ...context, answers: [...context.answers, text] });
      }).catch(() => undefined);
    },

    speechResumed(sessionId) {
      // Not queued behind the session's other work: the point is to free the cores now.
      const entry = live.get(sessionId);
      if (entry?.record.interviewer === 'llm') interviewerFor(entry).holdBack?.();
    },

    start: async ({ roleId, roundId, questionIds, seed }) => {
      const found = findContent(roleId, roundId);
      if (!found)
        throw new AppError('NOT_FOUND', 'That role or round is not in the library any more. Pick another one.');
      const { role, round } = found;
      const repository = options.repository();
      // A coding question is offered only in the languages its references were proven in.
      const loaded = options.content.findRole(roleId);
      const languagesOf = (q: Question) => (loaded ? options.content.languages(loaded, q) : []);
      const playable = round.questions.filter((q) => !isCodingQuestion(q) || languagesOf(q).length > 0);
      const unproven =
        'The reference solutions of this pack have not been checked yet, so its coding questions cannot be run. Open the role library, choose Check references on this pack, then start again.';
      let questions: Question[];
      if (questionIds) {
        questions = questionIds.map((id) => round.questions.find((q) => q.id === id)).filter((q) => q !== undefined);
        if (questions.length === 0) throw new AppError('NOT_FOUND', 'That question is no longer in this round.');
        if (questions.some((q) => !playable.includes(q))) throw new AppError('CONTENT_INVALID', unproven);
      } else {
        if (playable.length === 0) throw new AppError('CONTENT_INVALID', unproven);
        const recent = repository.lastPracticed(playable.map((q) => q.id));
        questions = pickQuestions(
          playable,
          round.questionsPerSession,
          seed ?? Math.floor(Math.random() * 2 ** 31),
          recent,
        );
      }
      const at = now();
      const sessionId = randomUUID();
      const minutes = questionIds
        ? Math.max(5, questions.reduce((sum, q) => sum + q.answerMinutes * 1.5, 0) + 3)
        : round.minutes;
      const state = engine.createState({
        questions: questions.map((q) => engine.toPlannedQuestion(q, languagesOf(q))),
        intro: round.intro,
        roundMinutes: minutes,
        maxFollowUps: round.maxFollowUps,
        now: at,
      });
      const interviewer = chooseInterviewer(sessionId).kind;
      const record: SessionRecord = {
        sessionId,
        roleId,
        roleTitle: role.title,
        company: role.company ?? null,
        roundId,
        roundKind: round.kind,
        roundTitle: round.title,
        status: 'in_progress',
        interviewer,
        createdAt: at,
        updatedAt: at,
        endedAt: null,
        state,
      };
      repository.create(record);
      const entry: Live = { record, role, round };
      live.set(record.sessionId, entry);
      return view(entry);
    },

    get: ({ sessionId }) => serialized(sessionId, () => view(load(sessionId))),
    begin: ({ sessionId }) => act(sessionId, (e) => void commit(e, engine.begin(e.record.state, now()))),
    startAnswer: ({ sessionId }) => act(sessionId, (e) => void commit(e, engine.startAnswer(e.record.state, now()))),

    saveDraft: ({ sessionId, text }) =>
      serialized(sessionId, () => {
        const entry = load(sessionId);
        if (entry.record.state.phase === 'question' || entry.record.state.phase === 'answering') {
          commit(entry, engine.setDraft(entry.record.state, text, now()));
          if (options.onDraft && entry.record.interviewer === 'llm' && entry.role && entry.round) {
            const context = decisionContext(entry, entry.role, entry.round);
            if (context) options.onDraft(sessionId, text, context);
          }
        }
        return { savedAt: now() };
      }),

    submitAnswer: ({ sessionId, text }) =>
      once(`${sessionId}:submit`, () =>
        act(sessionId, async (entry) => {
          const before = entry.record.state;
          const after = commit(entry, engine.submitAnswer(before, text, now()));
          if (after.phase === 'deciding' && before.phase !== 'deciding') {
            const turn = engine.currentTurn(after);
            // The board as it was at this answer, before feedback or the interviewer read it.
            if (turn) options.boardLook?.(sessionId, turn.seq);
            if (turn) options.onAnswer?.(sessionId, turn.seq);
            await decide(entry);
          }
        }),
      ),

    undoAnswer: ({ sessionId }) => {
      // A decision still being made is dropped, not waited for: undo never waits on the model.
      const entry = live.get(sessionId);
      if (entry && engine.canUndo(entry.record.state, now())) stopDeciding(sessionId);
      return act(sessionId, async (e) => {
        const before = e.record.state;
        const taken = before.undo && before.turns.find((t) => t.seq === before.undo?.turn.seq)?.answer;
        const after = commit(e, engine.undoAnswer(before, now()));
        if (after !== before && taken && e.role && e.round) {
          interviewerFor(e).takeBack?.({ role: e.role, round: e.round, answer: taken });
        }
        // Too late after all, with the decision stopped: decide now rather than wait for ever.
        if (after === before && after.phase === 'deciding' && !after.paused) await decide(e);
      });
    },

    repeat: ({ sessionId }) => act(sessionId, (e) => void commit(e, engine.repeatQuestion(e.record.state, now()))),

    clarify: ({ sessionId, text }) =>
      act(sessionId, async (entry) => {
        const { role, round } = requireContent(entry);
        const question = round.questions.find((q) => q.id === engine.currentQuestion(entry.record.state)?.id);
        if (!question) return;
        const reply = await interviewerFor(entry).clarify({ role, round, question, candidateQuestion: text });
        commit(entry, engine.clarify(entry.record.state, text, reply, now()));
      }),

    skip: ({ sessionId }) =>
      once(`${sessionId}:skip`, () =>
        act(sessionId, async (entry) => {
          const before = entry.record.state;
          // A design round is one problem: a skipped follow-up gets another, not the end of the round.
          if (entry.round && isPhaseTimed(entry.round) && engine.currentTurn(before)?.kind === 'follow_up') {
            const after = commit(entry, engine.skipFollowUp(before, now()));
            if (after.phase === 'deciding' && before.phase !== 'deciding') await decide(entry);
            return;
          }
          commit(entry, engine.skip(before, now()));
        }),
      ),
    pause: ({ sessionId }) => {
      stopDeciding(sessionId);
      return act(sessionId, (e) => void commit(e, engine.pause(e.record.state, now())));
    },
    resume: ({ sessionId }) =>
      act(sessionId, async (entry) => {
        commit(entry, engine.resume(entry.record.state, now()));
        // Interrupted while the interviewer was deciding (the app closed mid-decision): decide
        // now, or the round would wait in 'deciding' for ever.
        if (entry.record.state.phase === 'deciding' && !entry.record.state.paused) await decide(entry);
      }),
    endRound: (input) => finish(input),

    askInterviewer: ({ sessionId, text }) =>
      act(sessionId, async (entry) => {
        const role = entry.role;
        const reply = role
          ? await interviewerFor(entry).answerCandidateQuestion({ role, candidateQuestion: text })
          : "I can't speak to that in this practice session.";
        commit(entry, engine.askInterviewer(entry.record.state, text, reply, now()));
      }),

    finish,

    summary: ({ sessionId }) =>
      serialized(sessionId, () => {
        const entry = load(sessionId);
        return summaryView(entry.record, entry.record.state, now());
      }),

    interrupted: () =>
      options
        .repository()
        .inProgress()
        .map((r) => ({
          sessionId: r.sessionId,
          roleTitle: r.roleTitle,
          roundTitle: r.roundTitle,
          updatedAt: r.updatedAt,
          questionNumber: Math.min(r.state.index + 1, r.state.questions.length),
          questionCount: r.state.questions.length,
        })),

    abandon: ({ sessionId }) => {
      stopDeciding(sessionId);
      return serialized(sessionId, () => {
        const entry = load(sessionId);
        const at = now();
        const state = engine.finish(entry.record.state, at);
        options.repository().markAbandoned(sessionId, state, at);
        entry.record = { ...entry.record, state, status: 'abandoned', updatedAt: at, endedAt: at };
        return { sessionId };
      });
    },
  };
}
