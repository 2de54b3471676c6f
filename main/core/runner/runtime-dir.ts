/**
 * Where the runner's plain-JavaScript files (bootstrap, harnesses) are on disk. From source this
 * is ./runtime next to this file; the build copies that folder to dist/main/runtime, which is
 * where this expression points once bundled into dist/main. Inside a packaged app the folder is
 * unpacked from the asar archive (electron-builder asarUnpack), because the child process reads
 * it as a plain file under the permission model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultRuntimeDir(): string {
  const dir = fileURLToPath(new URL('./runtime/', import.meta.url));
  const unpacked = dir.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== dir && fs.existsSync(unpacked) ? path.resolve(unpacked) : path.resolve(dir);
}
