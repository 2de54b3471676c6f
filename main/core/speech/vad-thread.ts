/**
 * Silero VAD on its own thread. sherpa-onnx's VAD is synchronous: looking at a 15 s region
 * blocks for a few hundred milliseconds on a busy laptop, which would stall IPC, the bridge
 * and the interviewer's streaming in the main process. A worker thread runs it instead, and
 * detect() stays a promise, as the segmenter expects.
 *
 * The worker's code is the small script below (run with `eval`), so it needs no file of its
 * own next to the bundled main process; it loads sherpa-onnx-node by its resolved path.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { VadConfig } from 'sherpa-onnx-node';

/** Spans as [start, end) sample pairs from the start of the buffer. */
type Reply = { id: number; spans: [number, number][] } | { id: number; error: string };

/**
 * Feeds the buffer a window at a time from a fresh state (given more at once, sherpa-onnx's
 * VAD reports only the last span), flushes the speech still going at the end, and collects
 * every span.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sherpa = require(workerData.sherpaPath);
const vad = new sherpa.Vad(workerData.config, workerData.bufferSeconds);
const window = workerData.config.sileroVad.windowSize;
parentPort.on('message', ({ id, samples }) => {
  try {
    const floats = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) floats[i] = samples[i] / 32768;
    const spans = [];
    const collect = () => {
      while (!vad.isEmpty()) {
        const segment = vad.front(false);
        spans.push([segment.start, Math.min(samples.length, segment.start + segment.samples.length)]);
        vad.pop();
      }
    };
    vad.reset();
    for (let at = 0; at < floats.length; at += window) {
      vad.acceptWaveform(floats.subarray(at, at + window));
      collect();
    }
    vad.flush();
    collect();
    parentPort.postMessage({ id, spans });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
parentPort.postMessage({ id: 0, spans: [] });
`;

/**
 * In the packaged app the package is unpacked from the asar archive (electron-builder.yml);
 * a worker thread loads it from there, where plain Node file access finds it.
 */
function unpackedPath(resolved: string): string {
  const unpacked = resolved.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== resolved && fs.existsSync(unpacked) ? unpacked : resolved;
}

export interface VadThread {
  detect(samples: Int16Array): Promise<[number, number][]>;
  close(): Promise<void>;
}

export async function startVadThread(config: VadConfig, bufferSeconds: number): Promise<VadThread> {
  const sherpaPath = unpackedPath(createRequire(import.meta.url).resolve('sherpa-onnx-node'));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sherpaPath, config, bufferSeconds } });
  worker.unref();
  const waiting = new Map<number, { resolve: (spans: [number, number][]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if (reply.id === 0) return resolve();
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) entry?.reject(new Error(reply.error));
      else entry?.resolve(reply.spans);
    });
    worker.on('error', (error) => {
      reject(error);
      failAll(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`the voice-activity thread stopped (exit code ${code})`);
      reject(error);
      failAll(error);
    });
  });
  await ready;
  return {
    detect(samples) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, samples });
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
