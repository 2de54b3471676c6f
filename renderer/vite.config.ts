import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served from app:// (Electron) or the bridge; relative asset paths work for both.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // The CSP forbids inline scripts, so Vite must not inline its module preload helper.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
