import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../../../../main/contract/format.js';
import type { RecordingView, SegmentView } from '../../../../main/contract/services/sessions.js';
import { api, errorMessage } from '../../api/client.js';
import { base64ToBytes } from './format.js';

/** The segment being said at `ms`: the last one that started at or before it. */
export function activeSegment(segments: readonly SegmentView[], ms: number): number {
  let active = -1;
  segments.forEach((s, i) => {
    if (s.startMs <= ms) active = i;
  });
  return active >= 0 && ms <= (segments[active]?.endMs ?? 0) + 1500 ? active : -1;
}

/**
 * One answer's recording with its transcript: the segment being heard is highlighted as it
 * plays, and any segment plays from its start when chosen. The audio is fetched on first
 * use. Without a recording the transcript is shown as plain text.
 */
export function TurnRecording({
  recording,
  segments,
  label,
  initialAt,
}: {
  recording: RecordingView | null;
  segments: SegmentView[];
  label: string;
  initialAt?: number | undefined;
}) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const urlRef = useRef<string | null>(null);
  const [positionMs, setPositionMs] = useState(initialAt ?? 0);
  const [durationMs, setDurationMs] = useState(recording?.durationMs ?? 0);
  const [playing, setPlaying] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const playable = recording !== null && recording.available;

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  async function ensureLoaded(): Promise<HTMLAudioElement | null> {
    const audio = audioRef.current;
    if (!audio || !recording) return null;
    if (urlRef.current) return audio;
    setLoading(true);
    setError(null);
    try {
      const { base64, mimeType } = await api.sessions.audio({ recordingId: recording.id });
      urlRef.current = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mimeType }));
      audio.src = urlRef.current;
      await new Promise<void>((resolve, reject) => {
        audio.addEventListener('loadedmetadata', () => resolve(), { once: true });
        audio.addEventListener('error', () => reject(new Error('This recording could not be played.')), { once: true });
      });
      return audio;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    } finally {
      setLoading(false);
    }
  }

  async function playFrom(ms: number | null) {
    const audio = await ensureLoaded();
    if (!audio) return;
    if (ms !== null) audio.currentTime = ms / 1000;
    else if (audio.currentTime === 0 && positionMs > 0) audio.currentTime = positionMs / 1000;
    try {
      await audio.play();
    } catch (e) {
      setError(`The recording could not start: ${errorMessage(e)}`);
    }
  }

  async function toggle() {
    const audio = audioRef.current;
    if (audio && !audio.paused) audio.pause();
    else await playFrom(null);
  }

  async function seek(ms: number) {
    setPositionMs(ms);
    const audio = await ensureLoaded();
    if (audio) audio.currentTime = ms / 1000;
  }

  const active = activeSegment(segments, positionMs);

  return (
    <div className="turn-recording">
      {playable && (
        <div className="player" role="group" aria-label={`Recording of ${label}`}>
          <button
            type="button"
            className="button small"
            onClick={() => void toggle()}
            disabled={loading}
            aria-label={playing ? `Pause ${label}` : `Play ${label}`}
          >
            {loading ? 'Loading…' : playing ? 'Pause' : 'Play answer'}
          </button>
          <input
            type="range"
            className="player-seek"
            min={0}
            max={Math.max(1, durationMs)}
            step={100}
            value={Math.min(positionMs, Math.max(1, durationMs))}
            aria-label={`Position in ${label}`}
            aria-valuetext={`${formatClock(positionMs, 'down')} of ${formatClock(durationMs, 'down')}`}
            onChange={(e) => void seek(Number(e.target.value))}
          />
          <span className="player-time tabular small" data-testid="player-position">
            {formatClock(positionMs, 'down')} / {formatClock(durationMs, 'down')}
          </span>
          <audio
            ref={audioRef}
            preload="none"
            onTimeUpdate={(e) => setPositionMs(Math.round(e.currentTarget.currentTime * 1000))}
            onLoadedMetadata={(e) =>
              Number.isFinite(e.currentTarget.duration) && setDurationMs(Math.round(e.currentTarget.duration * 1000))
            }
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => setPlaying(false)}
          />
        </div>
      )}
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
      {segments.length > 0 && (
        <ol className="transcript" aria-label={`Transcript of ${label}`}>
          {segments.map((segment, i) => (
            <li key={segment.id}>
              {playable ? (
                <button
                  type="button"
                  className={`segment${i === active ? ' active' : ''}`}
                  aria-current={i === active ? 'true' : undefined}
                  onClick={() => void playFrom(segment.startMs)}
                  title={`Play from ${formatClock(segment.startMs, 'down')}`}
                >
                  <span className="segment-time tabular">{formatClock(segment.startMs, 'down')}</span>
                  <SegmentText text={segment.text} />
                </button>
              ) : (
                <span className={`segment static${i === active ? ' active' : ''}`}>
                  <span className="segment-time tabular">{formatClock(segment.startMs, 'down')}</span>
                  <SegmentText text={segment.text} />
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function SegmentText({ text }: { text: string }) {
  return (
    <span className="segment-text">{text.trim() ? text : <span className="muted">(no words recognised)</span>}</span>
  );
}
