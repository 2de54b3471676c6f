/**
 * Finds the system python3 the user may choose in Settings → Coding rounds. Asks `python3` on the
 * user's PATH (with the user's own environment: version managers such as pyenv need theirs) for
 * its real executable and version; runs later start that executable directly, with an almost
 * empty environment. Nothing of a candidate runs here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SystemPythonInfo } from '../../../contract/services/settings.js';

/** Audit hooks (PEP 578) came in 3.8; older versions are reported as unusable. */
const MIN_MINOR = 8;
const PROBE = [
  'import sys, platform',
  'import resource',
  'print(sys.executable)',
  'print(platform.python_version())',
].join('; ');

export const PYTHON_MISSING_MESSAGE =
  'No python3 was found on the PATH. Install Python 3.8 or newer (python.org, or your system’s package manager) and open Settings again, or keep the built-in Python.';

export function unsupportedPlatform(platform: NodeJS.Platform): string | null {
  return platform === 'win32'
    ? 'System python3 is offered on Linux and macOS only: on Windows Python has no resource limits (no resource module), so it cannot be confined. The built-in Python is used.'
    : null;
}

/** The probe's two lines → what Settings shows. Pure, so each answer is tested without a python3. */
export function parseProbe(stdout: string): SystemPythonInfo {
  const [executable, version] = stdout
    .trim()
    .split('\n')
    .map((l) => l.trim());
  const match = /^3\.(\d+)/.exec(version ?? '');
  if (!executable || !match) return { state: 'missing', message: PYTHON_MISSING_MESSAGE };
  if (Number(match[1]) < MIN_MINOR) {
    return {
      state: 'missing',
      message: `python3 on the PATH is Python ${version}, older than 3.8 (no audit hooks). Install a newer Python 3, or keep the built-in Python.`,
    };
  }
  return { state: 'found', executable, version: version! };
}

export const MACOS_STUB_MESSAGE =
  'python3 on the PATH is macOS’s stand-in, which needs the Xcode Command Line Tools. Install them (xcode-select --install) or Python from python.org, then Look again; or keep the built-in Python.';

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The first executable `name` in a PATH value, as a shell would find it; null if none. */
export function findOnPath(name: string, pathValue: string | undefined, exists = isExecutable): string | null {
  for (const folder of (pathValue ?? '').split(path.delimiter)) {
    if (folder && exists(path.join(folder, name))) return path.join(folder, name);
  }
  return null;
}

function run(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000, windowsHide: true }, (error, stdout) =>
      resolve(error ? null : String(stdout)),
    );
  });
}

export async function detectSystemPython(platform: NodeJS.Platform = process.platform): Promise<SystemPythonInfo> {
  const unsupported = unsupportedPlatform(platform);
  if (unsupported) return { state: 'unsupported', message: unsupported };
  const python3 = findOnPath('python3', process.env.PATH);
  if (!python3) return { state: 'missing', message: PYTHON_MISSING_MESSAGE };
  // Without the Command Line Tools, running macOS's /usr/bin/python3 opens an install dialog.
  if (
    platform === 'darwin' &&
    python3 === '/usr/bin/python3' &&
    (await run('/usr/bin/xcode-select', ['-p'])) === null
  ) {
    return { state: 'missing', message: MACOS_STUB_MESSAGE };
  }
  const stdout = await run(python3, ['-I', '-c', PROBE]);
  return stdout === null ? { state: 'missing', message: PYTHON_MISSING_MESSAGE } : parseProbe(stdout);
}
