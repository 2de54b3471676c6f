/**
 * The Electron shell: one window, the app:// protocol, security policies, IPC. Everything the
 * app does lives in core; this file only wires it to a window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, screen, session, shell } from 'electron';
import { createCore, type Core } from '../core/create-core.js';
import { coreOptionsFromEnv } from '../core/env-options.js';
import { contentSecurityPolicy, resolveStaticPath } from '../core/web-security.js';
import { registerIpc } from './ipc.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  DEFAULT_WINDOW_STATE,
  frameNavigationDecision,
  isPermissionAllowed,
  isPermissionCheckAllowed,
  isRequestAllowed,
  NETWORK_URL_PATTERNS,
  mainWindowOptions,
  navigationDecision,
  redirectDecision,
  restoreWindowState,
  windowOpenDecision,
} from './policies.js';
import { loadWindowState, saveWindowState } from './window-state-file.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..', '..');
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const bundledRolesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'content', 'roles')
  : path.join(appRoot, 'content', 'roles');
// An offline installer ships model files in resources/models; a development checkout uses none.
const bundledModelsDir = app.isPackaged ? path.join(process.resourcesPath, 'models') : undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      const decision = navigationDecision(url);
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-external') void shell.openExternal(url);
    });
    contents.on('will-redirect', (details) => {
      if (redirectDecision(details.url) !== 'allow') details.preventDefault();
    });
    contents.on('will-frame-navigate', (details) => {
      const decision = frameNavigationDecision(details.url, details.isMainFrame);
      if (decision === 'allow') return;
      details.preventDefault();
      if (decision === 'open-external') void shell.openExternal(details.url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (windowOpenDecision(url) === 'open-external') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());
  void app.whenReady().then(start);
}

function start(): void {
  core = createCore({
    dataDir: app.getPath('userData'),
    bundledRolesDir,
    ...(bundledModelsDir ? { bundledModelsDir } : {}),
    transport: 'electron',
    version: app.getVersion(),
    ...coreOptionsFromEnv(process.env),
    // Untrusted code (pack references, candidates' code) runs in this binary as plain Node
    // (ELECTRON_RUN_AS_NODE=1) under --permission: utilityProcess is reported to ignore
    // --permission, so it could not be the sandbox. This is why the RunAsNode fuse stays on.
    runner: { execPath: process.execPath, runAsNode: true },
  });

  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const pathname = new URL(request.url).pathname;
    if (pathname.startsWith('/media/')) {
      // An answer's recording for the review player; core allows only files in the sessions folder.
      const recording = core?.mediaFile(pathname);
      if (!recording || !fs.existsSync(recording)) return new Response('No such recording.', { status: 404 });
      const response = await net.fetch(pathToFileURL(recording).toString(), { headers: request.headers });
      const headers = new Headers(response.headers);
      headers.set('content-type', 'audio/wav');
      headers.set('x-content-type-options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    }
    const file = resolveStaticPath(rendererDir, pathname);
    const target = file && fs.existsSync(file) ? file : path.join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', csp);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, webContents.getURL(), details as { mediaTypes?: string[] }));
  });
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, origin, details) =>
    isPermissionCheckAllowed(permission, origin, (details as { mediaType?: string }).mediaType),
  );

  // Nothing the page asks for leaves the machine (the bridge is not used inside Electron).
  session.defaultSession.webRequest.onBeforeRequest({ urls: NETWORK_URL_PATTERNS }, (details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url) });
  });

  registerIpc(ipcMain, core, () => mainWindow?.webContents ?? null);
  createWindow();
}

function createWindow(): void {
  const userData = app.getPath('userData');
  // restoreWindowState treats the first display as the primary one.
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = restoreWindowState(loadWindowState(userData), displays);
  mainWindow = new BrowserWindow(mainWindowOptions(preloadPath, state));
  if (state === DEFAULT_WINDOW_STATE) mainWindow.center();
  if (state.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    saveWindowState(userData, { bounds: mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}
