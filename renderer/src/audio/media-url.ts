import { bridgeToken } from '../api/bridge-transport.js';
import { transport } from '../api/client.js';

/**
 * The address an <audio> element plays a recording from: the same origin in both transports
 * (app:// in Electron, the bridge in a browser); the bridge also wants its token.
 */
export function mediaUrl(mediaPath: string): string {
  if (transport.kind !== 'bridge') return mediaPath;
  return `${mediaPath}?token=${encodeURIComponent(bridgeToken() ?? '')}`;
}
