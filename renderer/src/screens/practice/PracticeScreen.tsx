/**
 * Over 300 lines: The practice screen's action sequencing, held view and focus rules belong
 * together; panels, controls and voice are their own components.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { api, errorMessage } from '../../api/client.js';
import { Async } from '../../components/Loading.js';
import { useCoreEvent } from '../../data/core-events.js';
import { apiKey } from '../../data/query-client.js';
import { navigate } from '../../router.js';
import { ProjectWorkspace } from '../project/ProjectWorkspace.js';
import { Workspace } from '../workspace/Workspace.js';
import { ActionButton } from './ActionButton.js';
import { AnswerBox, type AnswerBoxHandle } from './AnswerBox.js';
import { DesignBoard, type DesignBoardHandle } from './board/DesignBoard.js';
import { Controls } from './Controls.js';
import { Conversation } from './Conversation.js';
import { InterviewerPanel } from './InterviewerPanel.js';
import { isActivatableTarget, isAltKey, isInsideBoard, isModEnter, isTypingTarget, keyTarget } from './keys.js';
import { Toasts, useToasts } from './Notices.js';
import { PhaseIndicator } from './PhaseIndicator.js';
import { Timer } from './Timer.js';
import { UndoBar } from './UndoBar.js';
import { VoicePanel, type VoicePanelHandle } from './voice/VoicePanel.js';
import { WrapUp } from './WrapUp.js';

export function PracticeScreen({ sessionId }: { sessionId: string }) {
  const view = useQuery({
    queryKey: apiKey('interview', 'get', { sessionId }),
    queryFn: () => api.interview.get({ sessionId }),
  });
  return (
    <Async state={view} label="this practice session">
      {(value) => <Practice latest={value} receivedAt={view.dataUpdatedAt} />}
    </Async>
  );
}

/** The id of the prompt being answered: a new one gets a fresh answer box. */
function promptKey(view: InterviewView): string {
  const prompt = view.messages.findLast((m) => m.kind === 'question' || m.kind === 'follow_up');
  return `${view.questionNumber}:${prompt?.id ?? 'none'}`;
}

/**
 * One practice session. The view lives in the query cache: an action's answer and core's
 * 'interview:changed' event (the interviewer finishing a decision in the background) both land
 * there, so nothing here polls.
 */
function Practice({ latest: cached, receivedAt }: { latest: InterviewView; receivedAt: number }) {
  const sessionId = cached.sessionId;
  const client = useQueryClient();
  // While an action is in flight the screen holds still: core's intermediate views (e.g.
  // 'deciding' during a submit) would only flash by before the action's own answer arrives.
  // After it, the action's answer shows until the cache has caught up with it: the cache tells
  // its subscribers a tick later, and the old view must not flash back (nor take the focus).
  const [held, setHeld] = useState<{ view: InterviewView; receivedAt: number } | null>(null);
  const [pending, setPending] = useState(false);
  const showHeld = held !== null && (pending || held.view.now > cached.now);
  const view = showHeld ? held.view : cached;
  /** Server clock minus local clock when the view arrived. */
  const offsetMs = view.now - (showHeld ? held.receivedAt : receivedAt);
  const pendingRef = useRef(false);
  const [stream, setStream] = useState('');
  const [clarifyOpen, setClarifyOpen] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [checkingMic, setCheckingMic] = useState(false);
  /** The mic check paused the round (and so resumes it); a round the candidate paused stays paused. */
  const pausedForCheck = useRef(false);
  const { toasts, add: addToast, dismiss, clearErrors } = useToasts(sessionId);
  const answerRef = useRef<AnswerBoxHandle>(null);
  const voiceRef = useRef<VoicePanelHandle>(null);
  const boardRef = useRef<DesignBoardHandle>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the screen shows the view an action returned (not an older one). */
  const focusAfter = useRef<{ target: 'answer' | 'primary' | 'pause'; notBefore: number } | null>(null);
  // The offer to take the last answer back comes from core's newest view, even while a submit is
  // still in flight and the screen holds the previous one.
  const undoUntil = cached.undoUntil;
  const cachedOffsetMs = cached.now - receivedAt;

  /** Runs one interview call at a time; a second click while one is in flight does nothing. */
  async function act(
    label: string,
    call: () => Promise<InterviewView>,
    focus: 'answer' | 'primary' | 'pause' | 'auto' = 'auto',
  ): Promise<boolean> {
    if (pendingRef.current) return false;
    pendingRef.current = true;
    setPending(true);
    setHeld({ view, receivedAt });
    setStream('');
    clearErrors();
    try {
      const next = await call();
      const target = focus === 'auto' ? (next.phase === 'answering' ? 'answer' : 'primary') : focus;
      focusAfter.current = { target, notBefore: next.now };
      setHeld({ view: next, receivedAt: Date.now() });
      client.setQueryData(apiKey('interview', 'get', { sessionId }), next);
      return true;
    } catch (error) {
      setHeld(null);
      addToast('error', `${label} did not work: ${errorMessage(error)}`);
      return false;
    } finally {
      pendingRef.current = false;
      setPending(false);
      setStream('');
    }
  }

  // Keyboard users keep their place: after each action, focus goes where the next step is — once
  // the screen shows that action's result (after Resume, the answer box is enabled again first).
  useEffect(() => {
    const wanted = focusAfter.current;
    if (!wanted || pending || view.now < wanted.notBefore) return;
    focusAfter.current = null;
    if (wanted.target === 'answer' && view.phase === 'answering' && !view.paused) answerRef.current?.focus();
    else if (wanted.target === 'pause') document.querySelector<HTMLButtonElement>('.pause-action')?.focus();
    else primaryRef.current?.focus();
  }, [view, pending]);

  useEffect(() => {
    if (view.phase === 'summary') navigate({ name: 'summary', sessionId });
  }, [view.phase, sessionId]);

  // Streaming interviewer text (LLM interviewer), shown while it decides what to say next.
  useCoreEvent('interviewer:token', (payload) => {
    if (payload.sessionId === sessionId) setStream((text) => text + payload.text);
  });

  /** The clocks stand still while the microphone is being checked. */
  function onMicCheck(open: boolean) {
    setCheckingMic(open);
    const call =
      open && !view.paused
        ? ((pausedForCheck.current = true), api.interview.pause)
        : !open && pausedForCheck.current
          ? ((pausedForCheck.current = false), api.interview.resume)
          : null;
    if (!call) return;
    call({ sessionId }).then(
      (next) => client.setQueryData(apiKey('interview', 'get', { sessionId }), next),
      (error: unknown) =>
        addToast('error', `The clocks could not be ${open ? 'paused' : 'restarted'}: ${errorMessage(error)}`),
    );
  }

  const handlers = {
    begin: () => void act('Begin', () => api.interview.begin({ sessionId }), 'primary'),
    startAnswer: () => void act('Start answer', () => api.interview.startAnswer({ sessionId }), 'answer'),
    done: () =>
      void act('Done', async () => {
        // A spoken answer still being transcribed lands in the box before it is submitted.
        await voiceRef.current?.finish();
        // The interviewer reads the saved board when the answer arrives.
        await boardRef.current?.flush();
        const next = await api.interview.submitAnswer({ sessionId, text: answerRef.current?.take() ?? '' });
        boardRef.current?.renderSnapshots();
        return next;
      }),
    repeat: () => void act('Repeat question', () => api.interview.repeat({ sessionId })),
    clarify: (text: string) => act('Clarifying question', () => api.interview.clarify({ sessionId, text })),
    skip: () => void act('Skip', () => api.interview.skip({ sessionId })),
    togglePause: () =>
      void act(
        view.paused ? 'Resume' : 'Pause',
        async () => {
          if (!view.paused) await answerRef.current?.flush();
          return view.paused ? api.interview.resume({ sessionId }) : api.interview.pause({ sessionId });
        },
        view.paused && view.phase === 'answering' ? 'answer' : 'pause',
      ),
    endRound: () =>
      void act('End round', async () => {
        await answerRef.current?.flush();
        return api.interview.endRound({ sessionId });
      }).then((ok) => ok && setConfirmingEnd(false)),
    undo: () => {
      if (!pendingRef.current) return void act('Undo', () => api.interview.undoAnswer({ sessionId }), 'answer');
      // "Done" is still waiting for the interviewer: core stops that decision, nothing waits.
      api.interview.undoAnswer({ sessionId }).then(
        (next) => {
          focusAfter.current = { target: 'answer', notBefore: next.now };
          client.setQueryData(apiKey('interview', 'get', { sessionId }), next);
        },
        (error: unknown) => addToast('error', `Undo did not work: ${errorMessage(error)}`),
      );
    },
    ask: (text: string) => act('Ask', () => api.interview.askInterviewer({ sessionId, text })),
    finish: () => void act('Finish interview', () => api.interview.finish({ sessionId })),
  };

  const canUndo = undoUntil !== null;
  const latest = useRef({ view, pending, handlers, canUndo });
  useEffect(() => {
    latest.current = { view, pending, handlers, canUndo };
  });
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const { view: v, pending: busy, handlers: h, canUndo: undoable } = latest.current;
      if (e.defaultPrevented || e.repeat) return;
      const target = keyTarget(e);
      // Undo works while the interviewer is still deciding; Ctrl+Z in a text field (or the editor,
      // or the whiteboard) is that field's own.
      const undoKey =
        isAltKey(e, 'U') || ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyZ' && !isTypingTarget(target));
      if (undoKey && undoable && !isInsideBoard(target)) {
        e.preventDefault();
        return h.undo();
      }
      if (busy) return;
      // Inside the whiteboard plain keys draw (R is a rectangle); only Alt shortcuts reach the page.
      if (isInsideBoard(target) && !e.altKey) return;
      const inInput = target instanceof HTMLInputElement;
      const asking = v.phase === 'question' || v.phase === 'answering';
      const handled = (run: () => void) => {
        e.preventDefault();
        run();
      };
      if (isModEnter(e)) {
        if (v.phase === 'answering' && !v.paused && !inInput) handled(h.done);
        else if (v.phase === 'wrap_up' && !inInput) handled(h.finish);
        return;
      }
      if (e.key === 'Enter' && !e.altKey && !e.shiftKey && !e.ctrlKey && !e.metaKey && !isActivatableTarget(target)) {
        if (v.phase === 'intro') handled(h.begin);
        else if (v.phase === 'question' && !v.paused) handled(h.startAnswer);
        return;
      }
      const plainR =
        (e.key === 'r' || e.key === 'R') && !e.altKey && !e.ctrlKey && !e.metaKey && !isTypingTarget(target);
      if ((plainR || isAltKey(e, 'R')) && asking && !v.paused) return handled(h.repeat);
      if (isAltKey(e, 'S') && asking && !v.paused) return handled(h.skip);
      if (isAltKey(e, 'P') && asking) return handled(h.togglePause);
      if (isAltKey(e, 'E') && (asking || v.phase === 'deciding')) return handled(() => setConfirmingEnd(true));
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const answering = view.phase === 'answering';
  const showAnswerArea = view.phase === 'question' || answering || view.phase === 'deciding';
  const withWorkspace = (Boolean(view.workspace) || Boolean(view.project)) && showAnswerArea;
  return (
    <div
      className={`practice${withWorkspace ? ' with-workspace' : ''}`}
      data-phase={view.phase}
      data-paused={view.paused || undefined}
    >
      <div className="practice-grid">
        <div className="practice-main stack">
          <InterviewerPanel view={view} stream={stream} />

          {view.phase === 'intro' && (
            <div className="row controls">
              <ActionButton
                ref={primaryRef}
                label="Begin"
                kind="primary"
                keys={['Enter']}
                shortcut="Enter"
                disabled={pending}
                onClick={handlers.begin}
                className="primary-action"
              />
              <span className="muted small">The first question comes next. Take your time.</span>
            </div>
          )}

          {withWorkspace &&
            (view.project ? (
              <ProjectWorkspace
                sessionId={sessionId}
                interview={view}
                onError={(message) => addToast('error', message)}
              />
            ) : (
              <Workspace sessionId={sessionId} interview={view} onError={(message) => addToast('error', message)} />
            ))}

          {showAnswerArea && (
            <>
              {withWorkspace && <h3 className="small-heading">Talk to the interviewer</h3>}
              <VoicePanel
                key={promptKey(view)}
                ref={voiceRef}
                sessionId={sessionId}
                phase={view.phase}
                paused={view.paused}
                startAnswer={() => act('Start answer', () => api.interview.startAnswer({ sessionId }), 'primary')}
                onTranscript={(text) => answerRef.current?.append(text)}
                onMicCheck={onMicCheck}
                onAutoSubmit={handlers.done}
              />
              <div className="answer-area">
                <AnswerBox
                  key={promptKey(view)}
                  ref={answerRef}
                  sessionId={sessionId}
                  initialText={view.draft}
                  disabled={!answering || view.paused}
                  readOnly={pending}
                  placeholder={
                    withWorkspace
                      ? 'Explain your approach, answer the interviewer, or ask about the requirements. Your code is saved on its own.'
                      : answering
                        ? 'Type your answer. Think out loud: the situation, what you did, and how it turned out.'
                        : 'Press "Start answer" when you are ready; the answer clock starts then.'
                  }
                />
                {view.paused && (
                  <div className="paused-overlay" role="status">
                    <div>
                      <strong>Paused</strong>
                      <span>
                        {checkingMic
                          ? 'The clocks are stopped while you check your microphone.'
                          : 'The clocks are stopped. Press Resume (Alt+P) to carry on.'}
                      </span>
                    </div>
                  </div>
                )}
              </div>
              <Controls
                view={view}
                pending={pending}
                handlers={handlers}
                clarifyOpen={clarifyOpen}
                setClarifyOpen={setClarifyOpen}
                confirmingEnd={confirmingEnd}
                setConfirmingEnd={setConfirmingEnd}
                primaryRef={primaryRef}
              />
            </>
          )}

          {view.phase === 'wrap_up' && <WrapUp pending={pending} onAsk={handlers.ask} onFinish={handlers.finish} />}
          {view.phase === 'summary' && (
            <p className="muted" role="status">
              Opening your summary…
            </p>
          )}
        </div>

        <aside className="practice-side stack" aria-label="Time and conversation">
          <section className="card clocks" aria-label="Clocks">
            <Timer
              label="Answer time"
              size="large"
              clock={
                view.phase === 'intro' || view.phase === 'wrap_up' || view.phase === 'summary' ? null : view.answer
              }
              idle={!answering && view.phase !== 'deciding'}
              idleNote={
                view.phase === 'wrap_up' || view.phase === 'summary' ? 'all questions done' : 'starts when you answer'
              }
              offsetMs={offsetMs}
              testId="answer-timer"
              paused={view.paused}
            />
            <Timer
              label="Round time"
              size="small"
              clock={view.round}
              offsetMs={offsetMs}
              testId="round-timer"
              paused={view.paused}
            />
            {/* Small windows: the question rides along with the clocks while you answer (the panel above scrolls away). */}
            {answering && view.currentPrompt && (
              <p className="question-strip" data-testid="question-strip" aria-hidden="true">
                <span className="question-strip-label">Question</span> {view.currentPrompt}
              </p>
            )}
            {view.designPhase && (
              <PhaseIndicator
                phase={view.designPhase}
                stage={view.phase === 'intro' ? 'before' : view.phase === 'wrap_up' ? 'after' : 'during'}
                round={view.round}
                offsetMs={offsetMs}
              />
            )}
          </section>
          <Conversation messages={view.messages} />
        </aside>
      </div>
      {view.roundKind === 'system_design' && view.phase !== 'intro' && view.phase !== 'summary' && (
        <DesignBoard
          ref={boardRef}
          sessionId={sessionId}
          onLeave={() => (view.phase === 'answering' ? answerRef.current?.focus() : primaryRef.current?.focus())}
        />
      )}
      <UndoBar until={undoUntil} offsetMs={cachedOffsetMs} onUndo={handlers.undo} />
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
