import type { LlmStatus } from '../../../../main/contract/services/models.js';
import { useLlmStatus } from '../../data/llm-status.js';

/**
 * Where the interviewer model stands — loading (with progress), ready and where it runs, or
 * failed and why — as core reports it. Shown on the Models screen and during an AI-led round.
 */
export function LlmStatusLine({ compact = false }: { compact?: boolean }) {
  const status = useLlmStatus().data;
  if (!status || (compact && status.state === 'idle' && !status.modelPath)) return null;
  return (
    <div
      className={`llm-status llm-status-${status.state}${compact ? ' compact' : ''}`}
      data-testid="llm-status"
      data-state={status.state}
      role="status"
    >
      <span className={`chip ${CHIP[status.state]}`}>{LABEL[status.state]}</span>{' '}
      <span className="llm-status-text">{text(status)}</span>
      {status.state === 'loading' && (
        <progress
          className="llm-status-progress"
          max={1}
          value={status.progress ?? undefined}
          aria-label="Loading progress"
        />
      )}
    </div>
  );
}

const LABEL: Record<LlmStatus['state'], string> = {
  idle: 'Not loaded',
  loading: 'Loading',
  ready: 'Ready',
  failed: 'Failed',
};
const CHIP: Record<LlmStatus['state'], string> = { idle: '', loading: 'warn', ready: 'good', failed: 'bad' };

function text(status: LlmStatus): string {
  if (status.state === 'loading' && status.progress !== null)
    return `The interviewer model is loading (${Math.round(status.progress * 100)}%). The scripted interviewer asks until it is ready.`;
  if (status.state === 'failed') return `${status.message} The scripted interviewer asks the questions meanwhile.`;
  return status.message;
}
