import type { EventEnvelope } from '../../../main/contract/events.js';
import type { Result } from '../../../main/contract/result.js';
import type { Transport } from './transport.js';

type PreloadApi = Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> & {
  onEvent: (listener: (event: EventEnvelope) => void) => () => void;
  pathForFile?: (file: File) => string;
};

export function electronTransport(): Transport | null {
  const api = (window as unknown as { api?: PreloadApi }).api;
  if (!api || typeof api.onEvent !== 'function') return null;
  return {
    kind: 'electron',
    call(channel, input) {
      const [service = '', method = ''] = channel.split(':');
      const fn = api[service]?.[method];
      if (typeof fn !== 'function') {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${channel}` } });
      }
      return fn(input);
    },
    onEvent: (listener) => api.onEvent(listener),
    pathForFile: (file) => api.pathForFile?.(file) || null,
  };
}
