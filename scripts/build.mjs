// Builds the three parts of the app:
// - renderer: Vite (React, hashed assets) -> dist/renderer
// - main process: esbuild, one ESM file; npm packages stay external (native modules load from node_modules)
// - preload: esbuild, one CommonJS file, because sandboxed preloads cannot require local modules
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

if (!only || only === 'renderer') {
  await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
if (!only || only === 'main') {
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
  await esbuild({
    ...common,
    entryPoints: [path.join(root, 'main', 'electron', 'main.ts')],
    outfile: path.join(root, 'dist', 'main', 'electron-main.js'),
    format: 'esm',
    packages: 'external',
    external: ['electron'],
  });
  // Role packs are checked in a worker thread; its bundle carries its own dependencies, so it
  // loads from one file wherever the app is installed.
  await esbuild({
    ...common,
    entryPoints: [path.join(root, 'main', 'core', 'content', 'pack-worker.ts')],
    outfile: path.join(root, 'dist', 'main', 'pack-worker.js'),
    format: 'esm',
  });
  // The runner's plain-JavaScript files (bootstrap, harnesses) are read from disk by the
  // sandboxed child process: copied as they are, next to the bundle (see runtime-dir.ts).
  await fs.rm(path.join(root, 'dist', 'main', 'runtime'), { recursive: true, force: true });
  await fs.cp(path.join(root, 'main', 'core', 'runner', 'runtime'), path.join(root, 'dist', 'main', 'runtime'), {
    recursive: true,
  });
  await esbuild({
    ...common,
    entryPoints: [path.join(root, 'main', 'electron', 'preload.ts')],
    outfile: path.join(root, 'dist', 'main', 'preload.cjs'),
    format: 'cjs',
    minify: true,
    external: ['electron'],
  });
}
console.log(`built ${only ?? 'renderer, main and preload'} into dist/`);
