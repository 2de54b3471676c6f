import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatClock } from '../../../../../main/contract/format.js';
import { api, errorMessage } from '../../../api/client.js';
import { mediaUrl } from '../../../audio/media-url.js';
import { apiKey } from '../../../data/query-client.js';

/** When this page loaded: a take core still has open from before then belongs to a page that is gone. */
const PAGE_LOADED_AT = Math.floor(performance.timeOrigin);

/**
 * A take cut short by a reload or a crash: its audio is kept and offered here, and its words
 * join the answer only if the candidate says so — never silently with the next typed answer.
 */
export function InterruptedTakeOffer({
  sessionId,
  canUse,
  onUse,
}: {
  sessionId: string;
  /** False while the answer box cannot take text yet (the answer must be started first). */
  canUse: boolean;
  onUse: (text: string) => Promise<void>;
}) {
  const client = useQueryClient();
  const key = apiKey('speech', 'interrupted', { sessionId });
  const take = useQuery({
    queryKey: key,
    queryFn: () => api.speech.interrupted({ sessionId, pageLoadedAt: PAGE_LOADED_AT }),
    // Asked again whenever a new prompt's panel opens: the answer is about the current turn.
    staleTime: 0,
    gcTime: 0,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = take.data;
  if (!data) return null;

  async function resolve(use: boolean) {
    setBusy(true);
    setError(null);
    try {
      const { text } = await api.speech.resolveInterrupted({ sessionId, use });
      if (use && text) await onUse(text);
      client.setQueryData(key, null);
      void client.invalidateQueries({ queryKey: apiKey('speech', 'recordings', { sessionId }) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const length = formatClock(data.durationMs, 'down');
  return (
    <div className="notice warn interrupted-take stack" role="group" aria-labelledby="interrupted-take-title">
      <p id="interrupted-take-title" className="flush">
        <strong>A spoken take was cut short</strong> ({data.cause === 'reload' ? 'the page reloaded' : 'the app closed'}
        ). The recording ({length}) is kept; its words are not in your answer unless you add them.
      </p>
      {data.text ? (
        <p className="small flush" data-testid="interrupted-take-text">
          Heard: “{data.text}”
        </p>
      ) : (
        <p className="small muted flush">No words were transcribed from it.</p>
      )}
      <audio
        controls
        preload="metadata"
        src={mediaUrl(data.mediaPath)}
        data-testid="interrupted-take-audio"
        onLoadedMetadata={(e) => {
          e.currentTarget.currentTime = data.offsetMs / 1000;
        }}
      />
      <div className="row">
        <button
          type="button"
          className="button small primary"
          disabled={busy || !data.text || !canUse}
          onClick={() => void resolve(true)}
        >
          Add its words to my answer
        </button>
        <button type="button" className="button small" disabled={busy} onClick={() => void resolve(false)}>
          Leave it out
        </button>
        {!canUse && data.text && <span className="muted small">Resume the round to add them.</span>}
      </div>
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
