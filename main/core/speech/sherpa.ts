/**
 * Loads sherpa-onnx-node (ONNX Runtime with per-CPU kernels; prebuilt for Linux, macOS and
 * Windows) on first use, so the app starts without it and a missing native package is a
 * clear error on the speech path only.
 */
import type sherpaModule from 'sherpa-onnx-node';

export type Sherpa = typeof sherpaModule;

let loading: Promise<Sherpa> | null = null;

export function loadSherpa(): Promise<Sherpa> {
  loading ??= import('sherpa-onnx-node').then(
    (module) => (module as { default: Sherpa }).default,
    (error: unknown) => {
      loading = null;
      throw new Error(
        `the speech engine (sherpa-onnx) could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    },
  );
  return loading;
}
