import { formatClock } from '../../../../../main/contract/format.js';
import type { TranscriptSegment } from '../../../../../main/contract/services/speech.js';

/** The take's segments as they are found and transcribed; the list keeps its height steady. */
export function LiveTranscript({ segments, live }: { segments: TranscriptSegment[]; live: boolean }) {
  if (segments.length === 0) {
    return live ? <p className="muted small voice-transcript-empty">Your words appear here as you pause.</p> : null;
  }
  return (
    // Focusable because it scrolls: keyboard users must be able to reach every segment.
    <ol
      className="voice-transcript small"
      aria-label="Transcript segments"
      data-testid="transcript-segments"
      tabIndex={0}
    >
      {segments.map((s) => (
        <li key={s.index} data-status={s.status}>
          <span className="voice-time muted">
            {formatClock(s.startMs, 'down')}–{formatClock(s.endMs, 'down')}
          </span>
          <span className="voice-text">
            {s.status === 'pending' || s.status === 'transcribing' ? (
              <span className="muted">transcribing…</span>
            ) : s.status === 'failed' ? (
              <span className="muted">could not be transcribed (audio kept)</span>
            ) : (
              s.text || <span className="muted">(no words recognised)</span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
