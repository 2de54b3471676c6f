/**
 * The security and window policies of the Electron shell as plain functions, so they are
 * unit-tested without an Electron binary. Only types come from 'electron' here.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ui';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1200, height: 820 }, maximized: false };
const MIN_WIDTH = 880;
const MIN_HEIGHT = 600;

export function mainWindowOptions(preloadPath: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Interview Rehearsal',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      navigateOnDragDrop: false,
    },
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** In-app navigation stays on the app's own pages; web links go to the system browser. */
export function navigationDecision(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? 'open-external' : 'deny';
  } catch {
    return 'deny';
  }
}

/**
 * A server redirect during a navigation (will-redirect): only ever to the app's own pages. Nothing
 * opens externally here: the user did not choose the target, a server did.
 */
export function redirectDecision(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/**
 * Any frame navigating (will-frame-navigate, which also fires for subframes): the main frame
 * follows navigationDecision; a subframe (the app has none of its own) may only show app pages,
 * and never sends the user to the browser.
 */
export function frameNavigationDecision(url: string, isMainFrame: boolean): NavigationDecision {
  if (isMainFrame) return navigationDecision(url);
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** window.open never makes a window; http(s) targets open in the system browser. */
export function windowOpenDecision(url: string): 'open-external' | 'deny' {
  return navigationDecision(url) === 'open-external' ? 'open-external' : 'deny';
}

/**
 * Only the microphone, only for the app's own pages. Electron calls 'media' for camera and
 * mic alike, so a request that includes video is refused.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: string[] } = {},
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/** Permission checks (synchronous queries) allow the microphone for app pages only. */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, mediaType?: string): boolean {
  if (!isAppUrl(requestingOrigin)) return false;
  return permission === 'media' && (mediaType === undefined || mediaType === 'audio');
}

/**
 * The app is offline: the page may load only its own files (app://ui), in-memory data (data:,
 * blob:) and devtools pages. Everything else is cancelled, so a library's CDN fallback, an
 * embedded video or a "share" link inside the whiteboard never reaches the network, whatever the
 * CSP says. (Links the user opens go to the system browser through navigationDecision.)
 */
export function isRequestAllowed(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || protocol === 'devtools:';
  } catch {
    return false;
  }
}

/**
 * The requests the filter is asked about: the network ones. The app's own files come through the
 * app:// handler, which reads them with file:// URLs that must not be filtered.
 */
export const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/** IPC is answered only for the app's own main frame in the app's own window. */
export function isTrustedSender(
  sender: { webContentsId: number; frameUrl: string | undefined; isMainFrame: boolean },
  mainWebContentsId: number | null,
): boolean {
  return (
    mainWebContentsId !== null &&
    sender.webContentsId === mainWebContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl)
  );
}

/**
 * A remembered window position is used only if it is still mostly on a connected display
 * (monitors get unplugged); otherwise the window is centred at its remembered size.
 */
export function restoreWindowState(saved: unknown, displays: Rectangle[]): WindowState {
  const state = parseWindowState(saved);
  if (!state) return DEFAULT_WINDOW_STATE;
  const { bounds } = state;
  const visible = displays.some((d) => overlapArea(bounds, d) >= (bounds.width * bounds.height) / 2);
  if (visible) return state;
  const primary = displays[0] ?? DEFAULT_WINDOW_STATE.bounds;
  const width = Math.min(bounds.width, primary.width);
  const height = Math.min(bounds.height, primary.height);
  return {
    maximized: state.maximized,
    bounds: {
      width,
      height,
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
    },
  };
}

function parseWindowState(value: unknown): WindowState | null {
  if (!value || typeof value !== 'object') return null;
  const { bounds, maximized } = value as { bounds?: Partial<Rectangle>; maximized?: unknown };
  if (!bounds) return null;
  const nums = [bounds.x, bounds.y, bounds.width, bounds.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const b = bounds as Rectangle;
  if (b.width < MIN_WIDTH || b.height < MIN_HEIGHT) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: maximized === true };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
