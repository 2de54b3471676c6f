/**
 * `npm run web [-- --port N --data-dir DIR]`: the app's core and UI for a browser on this
 * machine. Prints the URL (with its one-time token) and serves until stopped.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core.js';
import { defaultDataDir } from '../core/default-data-dir.js';
import { coreOptionsFromEnv } from '../core/env-options.js';
import { startBridge } from './bridge.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\nUsage: npm run web -- [--port N] [--data-dir DIR]`);
  }
})();

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a number from 0 to 65535 (got "${values.port}").`);

const staticDir = path.join(root, 'dist', 'renderer');
if (!fs.existsSync(path.join(staticDir, 'index.html'))) fail('The UI is not built yet. Run "npm run build" first.');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
const core = createCore({
  dataDir,
  bundledRolesDir: path.join(root, 'content', 'roles'),
  transport: 'bridge',
  version: pkg.version,
  ...coreOptionsFromEnv(process.env),
});
const token = values.token ?? randomBytes(24).toString('base64url');

const bridge = await startBridge({ core, token, staticDir, port, log: (m) => console.error(`[bridge] ${m}`) }).catch(
  (error: Error) => fail(`Could not start the server on port ${port}: ${error.message}. Try another --port.`),
);

console.log(`Data folder: ${dataDir}`);
console.log(`Open ${bridge.url}`);

const stop = () => {
  void bridge
    .close()
    .then(() => core.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
