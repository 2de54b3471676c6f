import { useState } from 'react';
import type { InterviewView } from '../../../../main/contract/services/interview.js';
import { roundKindLabel } from '../../labels.js';
import { LlmStatusLine } from '../models/LlmStatusLine.js';
import { ReadAloud } from './ReadAloud.js';

const ASIDE_KINDS = new Set(['nudge', 'clarify_answer']);

/** What the interviewer is saying now, in large type, plus coding parts and starter code. */
export function InterviewerPanel({ view, stream }: { view: InterviewView; stream: string }) {
  const lastInterviewer = view.messages.findLast((m) => m.speaker === 'interviewer');
  const last = view.messages.at(-1);
  const aside = last && last.speaker === 'interviewer' && ASIDE_KINDS.has(last.kind) ? last : null;
  const prompt = view.currentPrompt || lastInterviewer?.text || '';
  // Streaming text shows while the interviewer decides (the Done call is still in flight).
  const deciding = view.phase === 'deciding' || stream !== '';
  const spoken = aside ? aside.text : prompt;

  return (
    <section className="card interviewer-panel" aria-labelledby="practice-title">
      <header className="interviewer-head">
        <div>
          <div className="eyebrow">
            {view.company ? `${view.company} · ` : ''}
            {view.roleTitle}
          </div>
          <h1 id="practice-title">{view.roundTitle}</h1>
        </div>
        <div className="row interviewer-badges">
          <span className="chip">{roundKindLabel(view.roundKind)}</span>
          <span className="chip accent" data-testid="question-progress">
            {progressText(view)}
          </span>
        </div>
      </header>

      <div className="prompt-area">
        <div className="speaker-tag">Interviewer</div>
        {deciding ? (
          <p className="prompt streaming" data-testid="interviewer-stream">
            {stream || <span className="muted">Thinking…</span>}
          </p>
        ) : (
          <p className="prompt" data-testid="current-prompt">
            {prompt}
          </p>
        )}
        {aside && !deciding && (
          <p className={`interviewer-aside kind-${aside.kind}`} data-testid="interviewer-aside">
            {aside.text}
          </p>
        )}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {deciding ? '' : spoken}
      </div>

      {/* An AI-led round says whether its model is loading, ready or failed (the scripted interviewer covers meanwhile). */}
      {view.interviewer === 'llm' && <LlmStatusLine compact />}

      {view.coding && <CodingParts coding={view.coding} />}

      <ReadAloud text={spoken} speakKey={String(lastInterviewer?.id ?? 0)} />
    </section>
  );
}

function progressText(view: InterviewView): string {
  if (view.phase === 'intro') return `${view.questionCount} question${view.questionCount === 1 ? '' : 's'}`;
  if (view.phase === 'wrap_up' || view.phase === 'summary') return 'Wrap-up';
  return `Question ${view.questionNumber} of ${view.questionCount}`;
}

function CodingParts({ coding }: { coding: NonNullable<InterviewView['coding']> }) {
  const [language, setLanguage] = useState<'javascript' | 'python'>('javascript');
  return (
    <div className="coding stack">
      {coding.parts.length > 0 && (
        <div>
          <h2 className="small-heading">Parts so far</h2>
          <ol className="coding-parts">
            {coding.parts.map((part, i) => (
              <li key={i}>{part}</li>
            ))}
          </ol>
        </div>
      )}
      <div>
        <div className="row spread">
          <h2 className="small-heading" id="starter-heading">
            Starter code
          </h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Language</legend>
            {(['javascript', 'python'] as const).map((lang) => (
              <label key={lang} className={language === lang ? 'active' : undefined}>
                <input
                  type="radio"
                  name="starter-language"
                  value={lang}
                  checked={language === lang}
                  onChange={() => setLanguage(lang)}
                />
                {lang === 'javascript' ? 'JavaScript' : 'Python'}
              </label>
            ))}
          </fieldset>
        </div>
        <pre className="code" tabIndex={0} aria-labelledby="starter-heading">
          <code>{coding.starter[language]}</code>
        </pre>
      </div>
    </div>
  );
}
