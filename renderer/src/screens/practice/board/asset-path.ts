/**
 * Must be imported before '@excalidraw/excalidraw': its fonts load from this folder of the
 * app's own origin (copied there by the Vite build), never from a CDN.
 */
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = new URL('./excalidraw/', document.baseURI).href;

export {};
