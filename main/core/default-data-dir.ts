import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Interview Rehearsal';
export const DATA_DIR_ENV = 'INTERVIEW_REHEARSAL_DATA_DIR';

/**
 * The same folder Electron's app.getPath('userData') gives, so the desktop app and
 * `npm run web` share one set of sessions unless told otherwise.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
