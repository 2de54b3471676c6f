import { formatBytes } from '../../../../main/contract/format.js';
import type { DownloadInfo } from '../../../../main/contract/services/models.js';
import { formatSpeed, formatTimeLeft } from './format.js';

interface Props {
  name: string;
  download: DownloadInfo;
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

/** A running, paused or failed download: progress bar, figures and the buttons that apply. */
export function DownloadControls({ name, download: d, busy, onPause, onResume, onCancel }: Props) {
  const running = d.state === 'downloading' || d.state === 'verifying';
  const of = `${formatBytes(d.downloadedBytes)} of ${formatBytes(d.totalBytes)}`;
  let line: string;
  if (d.state === 'verifying') line = `Checking the downloaded file…`;
  else if (d.state === 'downloading')
    line =
      d.bytesPerSecond > 0
        ? `${of} · ${formatSpeed(d.bytesPerSecond)} · ${formatTimeLeft(d.secondsLeft)}`
        : `${of} · starting…`;
  // Only whole 5 MB pieces survive a pause; say so rather than show a figure that then drops.
  else if (d.state === 'paused')
    line =
      d.downloadedBytes > 0
        ? `Paused at ${of}; Resume continues from there`
        : 'Paused; Resume starts this download again';
  else line = `Stopped at ${of}`;

  return (
    <div className="models-download" data-testid={`download-${d.id}`} data-state={d.state}>
      <progress
        className="models-progress"
        value={d.downloadedBytes}
        max={Math.max(d.totalBytes, 1)}
        aria-label={`Download of ${name}`}
      />
      <div className="models-download-line">
        <span className="small tabular" data-testid="download-figures">
          {line}
        </span>
        <span className="row">
          {running && (
            <button type="button" className="button small" disabled={busy || d.state === 'verifying'} onClick={onPause}>
              Pause
            </button>
          )}
          {!running && (
            <button type="button" className="button small primary" disabled={busy} onClick={onResume}>
              {d.state === 'failed' ? 'Try again' : 'Resume'}
            </button>
          )}
          <button type="button" className="button small" disabled={busy || d.state === 'verifying'} onClick={onCancel}>
            Cancel
          </button>
        </span>
      </div>
      {d.error && (
        <div
          className={`notice small ${d.error.code === 'DISK_FULL' && d.state === 'paused' ? 'warn' : 'error'}`}
          role="alert"
        >
          {d.error.message}
        </div>
      )}
    </div>
  );
}
