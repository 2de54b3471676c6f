// Builds the three parts of the app:
// - renderer: Vite (React, hashed assets) -> dist/renderer
// - main process: esbuild, one ESM file; npm packages stay external (native modules load from node_modules)
// - preload: esbuild, one CommonJS file, because sandboxed preloads cannot require local modules
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
