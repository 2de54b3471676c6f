/**
 * End-to-end harness: starts `npm run web`'s server as a child process on a free port with a
 * fresh data folder, opens the UI in headless Chromium, records every request the page makes,
 * and checks each visited screen with axe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface ServerHandle {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function makeDataDir(prefix = 'rehearsal-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startServer(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerHandle> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'main', 'server', 'cli.ts'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    process: child,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export interface BrowserHandle {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested that did not go to 127.0.0.1 (or a data:/blob: URL). */
  offsiteRequests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(
  options: { fakeAudioFile?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserHandle> {
  const args = [...CHROMIUM_ARGS];
  if (options.fakeAudioFile) {
    args.push(
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${options.fakeAudioFile}`,
    );
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args,
    headless: true,
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const offsiteRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1') offsiteRequests.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { browser, context, page, offsiteRequests, consoleErrors, close: () => browser.close() };
}

/** Changes settings the way the UI does, over the page's own bridge connection (then reload to see them). */
export async function updateSettingsFromPage(page: Page, server: ServerHandle, patch: object): Promise<void> {
  const url = new URL(server.url);
  await page.evaluate(
    async ({ host, token, input }) => {
      const ws = new WebSocket(`ws://${host}/rpc?token=${encodeURIComponent(token)}`);
      await new Promise((resolve) => ws.addEventListener('open', resolve));
      ws.send(JSON.stringify({ id: 1, channel: 'settings:update', input }));
      await new Promise((resolve) => ws.addEventListener('message', resolve));
      ws.close();
    },
    { host: url.host, token: url.searchParams.get('token') ?? '', input: patch },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Serious and critical axe violations on the current screen, as readable lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}
