/**
 * One small request (the first bytes of the file) before a download starts, so the common
 * failures get a clear answer at once instead of after node-llama-cpp's downloader has retried
 * for minutes: a missing file (404), a broken server (5xx, which the downloader would retry
 * about 150 times), a web page instead of the file, the wrong file (size or header), no network.
 * The download itself is node-llama-cpp's; this reads 64 bytes.
 */
import { formatBytes } from '../../contract/format.js';
import { AppError } from '../../contract/result.js';
import type { ModelKind } from '../../contract/services/models.js';
import { HEADER_BYTES, sniffHeader } from './model-headers.js';

export interface RemoteFile {
  /** The address after redirects. */
  url: string;
  totalBytes: number;
  /** Whether the server honours Range requests, which resume needs. */
  resumable: boolean;
}

/** A catalog size may be rounded; a file more than this far off is a different file. */
export const SIZE_TOLERANCE = 0.05;
const TIMEOUT_MS = 30_000;

function failed(message: string, cause?: unknown): AppError {
  return new AppError('DOWNLOAD_FAILED', message, { cause });
}

function statusMessage(status: number, host: string, name: string): string {
  if (status === 404 || status === 410) {
    return `${host} has no file for ${name} (HTTP ${status}). The catalog address may be out of date: download the file yourself and import it, or update the app.`;
  }
  if (status === 401 || status === 403) {
    return `${host} refused to send ${name} (HTTP ${status}). The model may need a licence accepted on its page: download it in a browser and import the file.`;
  }
  if (status === 429) return `${host} is limiting downloads right now (HTTP 429). Wait a few minutes and try again.`;
  if (status >= 500)
    return `${host} had a problem sending ${name} (HTTP ${status}). This is on the server's side: try again later.`;
  return `${host} answered HTTP ${status} for ${name} instead of the file. Try again later, or download it yourself and import it.`;
}

export function networkMessage(host: string, name: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if ((error as Error).name === 'TimeoutError')
    return `${host} did not answer within ${TIMEOUT_MS / 1000} seconds while starting ${name}. Check the internet connection and try again.`;
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN')
    return `Could not find ${host} to download ${name}: this computer seems to be offline. Connect to the internet and try again, or import the file from disk.`;
  return `Could not reach ${host} to download ${name}${cause ? ` (${cause})` : ''}. Check the internet connection and try again.`;
}

function totalFrom(response: Response): number | null {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range?.[1]) return Number(range[1]);
  if (response.status === 200) {
    const length = Number(response.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0) return length;
  }
  return null;
}

async function firstBytes(response: Response): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < HEADER_BYTES) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || !value) break;
      parts.push(value);
      length += value.length;
    }
  } finally {
    // A server that ignored the Range header is sending the whole file; stop it here.
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(parts).subarray(0, HEADER_BYTES);
}

export interface PreflightInput {
  url: string;
  name: string;
  kind: ModelKind;
  expectedBytes: number;
}

export async function preflight(
  { url, name, kind, expectedBytes }: PreflightInput,
  fetchImpl: typeof fetch = fetch,
): Promise<RemoteFile> {
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { range: `bytes=0-${HEADER_BYTES - 1}`, 'accept-encoding': 'identity' },
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw failed(networkMessage(host, name, error), error);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => undefined);
    throw failed(statusMessage(response.status, host, name));
  }
  const contentType = response.headers.get('content-type') ?? '';
  const head = await firstBytes(response).catch((error: unknown) => {
    throw failed(networkMessage(host, name, error), error);
  });
  const sniff = sniffHeader(head);
  if (/text\/html/i.test(contentType) || sniff.kind === 'html') {
    throw failed(
      `${host} sent a web page instead of ${name} (a sign-in, error or "moved" page). Download the file in a browser and import it, or try again later.`,
    );
  }
  const wanted = kind === 'llm' ? 'gguf' : kind;
  if (sniff.kind !== wanted) {
    throw failed(
      `The file ${host} sent for ${name} is not a ${kind === 'llm' ? 'GGUF' : `whisper.cpp ${kind === 'vad' ? 'VAD' : 'speech'}`} model. The catalog address may be wrong: download the model yourself and import it.`,
    );
  }
  const total = totalFrom(response);
  if (total === null) {
    throw failed(
      `${host} did not say how large ${name} is, so the download could not be checked or resumed. Try again later, or download it yourself and import it.`,
    );
  }
  if (Math.abs(total - expectedBytes) > expectedBytes * SIZE_TOLERANCE) {
    throw failed(
      `${host} offers ${formatBytes(total)} for ${name}, but the catalog expects ${formatBytes(expectedBytes)}: it is not the right file. The catalog may be out of date: download the model yourself and import it.`,
    );
  }
  return { url: response.url || url, totalBytes: total, resumable: response.status === 206 };
}
