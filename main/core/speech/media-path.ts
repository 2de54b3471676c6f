/**
 * Which file a /media/<sessionId>/<file> request may read: only a turn's WAV inside the
 * sessions folder. Both the bridge and Electron's app:// handler use this one check.
 */
import path from 'node:path';

const MEDIA_PATH = /^\/media\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})\/(\d{1,6}\.wav)$/;

export function mediaPathFor(sessionId: string, turnSeq: number): string {
  return `/media/${sessionId}/${turnSeq}.wav`;
}

export function recordingRelativePath(sessionId: string, turnSeq: number): string {
  return path.join(sessionId, `${turnSeq}.wav`);
}

/** The file for a URL path (query already removed), or null for anything else. */
export function resolveMediaPath(sessionsDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const match = MEDIA_PATH.exec(decoded);
  if (!match) return null;
  const root = path.resolve(sessionsDir);
  const file = path.resolve(root, match[1]!, match[2]!);
  return file.startsWith(root + path.sep) ? file : null;
}
