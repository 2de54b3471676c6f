// Electron 45+ does not download its runtime during `npm install`. `npm start` and
// `npm run dist` call this first: it runs Electron's own installer, which exits at once when
// the runtime is already there.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const installer = require.resolve('electron/install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('Could not download the Electron runtime. Check your internet connection and run the command again.');
  process.exit(1);
}
