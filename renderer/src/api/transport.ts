import type { EventEnvelope } from '../../../main/contract/events.js';
import type { Result } from '../../../main/contract/result.js';

/** How the UI reaches core: Electron's preload or the WebSocket bridge. */
export interface Transport {
  call: (channel: string, input: unknown) => Promise<Result<unknown>>;
  onEvent: (listener: (event: EventEnvelope) => void) => () => void;
  kind: 'electron' | 'bridge';
  /** Electron only: the path on disk of a file picked in a file input. */
  pathForFile?: (file: File) => string | null;
}
