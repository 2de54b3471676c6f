import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = path.resolve(import.meta.dirname, '../dist/renderer');

const CDN_FALLBACK = 'https://esm.sh/';
/** `https://esm.sh/${name@version}/dist/prod/` as Excalidraw 0.18 writes it. */
const CDN_FALLBACK_TEMPLATE = /`https:\/\/esm\.sh\/\$\{[^`]*`[^`]*`[^`]*\}\/dist\/prod\/`/;
const LOCAL_FALLBACK = 'new URL("./excalidraw/", document.baseURI).href';

/**
 * Excalidraw loads its fonts from window.EXCALIDRAW_ASSET_PATH (then a CDN, which the CSP and
 * Electron's request filter block): the app ships them in dist/renderer/excalidraw/fonts.
 */
function excalidrawAssets(): Plugin {
  // The package exports no package.json: resolve its main file (dist/prod/index.js) instead.
  const require = createRequire(import.meta.url);
  const prod = path.dirname(require.resolve('@excalidraw/excalidraw'));
  return {
    name: 'excalidraw-assets',
    apply: 'build',
    // Its fonts list a CDN after the local path, and Chromium requests every listed source:
    // the fallback becomes the app's own folder too.
    transform(code, id) {
      if (!id.includes('@excalidraw/excalidraw/dist/') || !code.includes(CDN_FALLBACK)) return null;
      const patched = code.replace(CDN_FALLBACK_TEMPLATE, LOCAL_FALLBACK);
      if (patched === code)
        throw new Error('excalidraw-assets: the CDN fallback for fonts changed shape; update the pattern');
      return { code: patched, map: null };
    },
    closeBundle() {
      cpSync(path.join(prod, 'fonts'), path.join(outDir, 'excalidraw', 'fonts'), { recursive: true });
    },
  };
}

// The UI is served from app:// (Electron) or the bridge; relative asset paths work for both.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), excalidrawAssets()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome130',
    // The CSP forbids inline scripts, so Vite must not inline its module preload helper.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Excalidraw is one large chunk, loaded only when a design round opens its board.
    chunkSizeWarningLimit: 4096,
  },
});
