import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  DEFAULT_WINDOW_STATE,
  isPermissionAllowed,
  isPermissionCheckAllowed,
  isRequestAllowed,
  NETWORK_URL_PATTERNS,
  isTrustedSender,
  mainWindowOptions,
  frameNavigationDecision,
  navigationDecision,
  redirectDecision,
  restoreWindowState,
  windowOpenDecision,
  type WindowState,
} from '../../../main/electron/policies.js';

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1080 };
const SECONDARY = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('mainWindowOptions', () => {
  const state: WindowState = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false };
  const options = mainWindowOptions('/app/dist/main/preload.cjs', state);
  const prefs = options.webPreferences ?? {};

  it('locks the renderer down', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('passes the preload path and the remembered bounds through', () => {
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(options.show).toBe(false);
  });
});

describe('redirectDecision (will-redirect)', () => {
  it('follows a redirect only to the app’s own pages', () => {
    expect(redirectDecision('app://ui/index.html')).toBe('allow');
  });

  it.each([
    'https://example.com/after-redirect',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('stops the navigation when a server redirects to %s, and opens nothing', (url) => {
    expect(redirectDecision(url)).toBe('deny');
  });
});

describe('frameNavigationDecision (will-frame-navigate)', () => {
  it('treats the main frame like will-navigate', () => {
    expect(frameNavigationDecision('app://ui/history', true)).toBe('allow');
    expect(frameNavigationDecision('https://example.com/job', true)).toBe('open-external');
    expect(frameNavigationDecision('file:///etc/passwd', true)).toBe('deny');
  });

  it('lets a subframe show only app pages, and never opens the browser for one', () => {
    expect(frameNavigationDecision('app://ui/index.html', false)).toBe('allow');
    expect(frameNavigationDecision('https://example.com/ad', false)).toBe('deny');
    expect(frameNavigationDecision('data:text/html,<script>alert(1)</script>', false)).toBe('deny');
  });
});

describe('navigationDecision / windowOpenDecision', () => {
  it('allows the app’s own pages', () => {
    expect(navigationDecision(APP_ENTRY_URL)).toBe('allow');
    expect(navigationDecision('app://ui/roles/backend?x=1#top')).toBe('allow');
  });

  it('sends web links to the system browser', () => {
    expect(navigationDecision('https://example.com/job')).toBe('open-external');
    expect(windowOpenDecision('https://example.com/job')).toBe('open-external');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
    '',
    'app://evil/index.html',
    'app://ui.evil.example/index.html',
    'app://ui@evil.example/index.html',
    'chrome://settings',
    'ftp://example.com/file',
  ])('denies %s', (url) => {
    expect(navigationDecision(url)).toBe('deny');
    expect(windowOpenDecision(url)).toBe('deny');
  });

  it('never opens a window for the app’s own pages either', () => {
    expect(windowOpenDecision(APP_ENTRY_URL)).toBe('deny');
  });
});

describe('isPermissionAllowed', () => {
  it('allows an audio-only media request from the app', () => {
    expect(isPermissionAllowed('media', APP_ENTRY_URL, { mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses video, audio+video, or an unspecified media request', () => {
    expect(isPermissionAllowed('media', APP_ENTRY_URL, { mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, { mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed('media', APP_ENTRY_URL)).toBe(false);
  });

  it('refuses other origins, even for audio only', () => {
    expect(isPermissionAllowed('media', 'https://example.com/', { mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed('media', 'file:///index.html', { mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed('media', 'app://other/index.html', { mediaTypes: ['audio'] })).toBe(false);
  });

  it.each(['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'midi'])('refuses %s', (permission) => {
    expect(isPermissionAllowed(permission, APP_ENTRY_URL, { mediaTypes: ['audio'] })).toBe(false);
  });
});

describe('isPermissionCheckAllowed', () => {
  it('allows the microphone check for the app origin', () => {
    expect(isPermissionCheckAllowed('media', 'app://ui', 'audio')).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://ui')).toBe(true);
  });

  it('refuses the camera, other permissions and other origins', () => {
    expect(isPermissionCheckAllowed('media', 'app://ui', 'video')).toBe(false);
    expect(isPermissionCheckAllowed('notifications', 'app://ui')).toBe(false);
    expect(isPermissionCheckAllowed('geolocation', 'app://ui')).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://example.com', 'audio')).toBe(false);
    expect(isPermissionCheckAllowed('media', '', 'audio')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const good = { webContentsId: 7, frameUrl: APP_ENTRY_URL, isMainFrame: true };

  it('trusts the app’s main frame in the main window', () => {
    expect(isTrustedSender(good, 7)).toBe(true);
  });

  it('refuses another window, a subframe, a foreign page, an unknown frame, or no main window', () => {
    expect(isTrustedSender({ ...good, webContentsId: 8 }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://example.com/' }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'file:///index.html' }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: undefined }, 7)).toBe(false);
    expect(isTrustedSender(good, null)).toBe(false);
  });
});

describe('restoreWindowState', () => {
  it.each([
    ['null', null],
    ['a string', 'maximized'],
    ['a number', 42],
    ['no bounds', { maximized: true }],
    ['string coordinates', { bounds: { x: '1', y: 0, width: 1000, height: 700 } }],
    ['NaN', { bounds: { x: Number.NaN, y: 0, width: 1000, height: 700 } }],
    ['Infinity', { bounds: { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 700 } }],
    ['missing height', { bounds: { x: 0, y: 0, width: 1000 } }],
    ['a tiny window', { bounds: { x: 0, y: 0, width: 100, height: 80 } }],
    ['negative size', { bounds: { x: 0, y: 0, width: -1000, height: -700 } }],
  ])('falls back to the default for %s', (_label, saved) => {
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a window that is visible on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true };
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(saved);
  });

  it('keeps a window on a secondary display that is still connected', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindowState(saved, [PRIMARY, SECONDARY])).toEqual(saved);
  });

  it('recentres an off-screen window on the primary display, keeping its size', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true };
    expect(restoreWindowState(saved, [PRIMARY])).toEqual({
      maximized: true,
      bounds: { x: 460, y: 190, width: 1000, height: 700 },
    });
  });

  it('recentres a mostly off-screen window and shrinks it to fit the display', () => {
    const laptop = { x: 0, y: 25, width: 1280, height: 775 };
    // Only a sliver (less than half) overlaps the display.
    const saved = { bounds: { x: 1200, y: 25, width: 1600, height: 900 }, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({
      maximized: false,
      bounds: { x: 0, y: 25, width: 1280, height: 775 },
    });
  });

  it('ignores a non-boolean maximized flag', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: 'yes' };
    expect(restoreWindowState(saved, [PRIMARY]).maximized).toBe(false);
  });
});

describe('isRequestAllowed (the session request filter)', () => {
  it('lets the app load its own files, data: and blob: URLs', () => {
    expect(isRequestAllowed('app://ui/excalidraw/fonts/Excalifont/Excalifont-Regular-a88b.woff2')).toBe(true);
    expect(isRequestAllowed('data:font/woff2;base64,AAAA')).toBe(true);
    expect(isRequestAllowed('blob:app://ui/1b4e28ba-2fa1-11d2-883f-0016d3cca427')).toBe(true);
  });

  it("cancels everything that would leave the machine, including the whiteboard library's fallbacks", () => {
    for (const url of [
      'https://esm.sh/@excalidraw/excalidraw@0.18.1/dist/prod/fonts/Xiaolai/Xiaolai-Regular.woff2',
      'https://libraries.excalidraw.com/?theme=light',
      'https://json.excalidraw.com/api/v2/post/',
      'wss://oss-collab.excalidraw.com/',
      'https://www.youtube.com/embed/abc',
      'http://127.0.0.1:8080/anything',
      'app://evil/index.html',
      'not a url',
    ]) {
      expect(isRequestAllowed(url), url).toBe(false);
    }
  });

  it('is asked about every network scheme', () => {
    expect(NETWORK_URL_PATTERNS).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
  });
});
