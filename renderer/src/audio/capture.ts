/**
 * Microphone capture: getUserMedia + an AudioWorklet at 16 kHz mono, delivering ~200 ms chunks
 * of Int16 PCM and a level for the meter. Errors become messages a person can act on.
 */
export interface CaptureLevel {
  peak: number;
  rms: number;
}

export type CaptureEnd = 'device-lost';

export interface CaptureOptions {
  deviceId: string | null;
  onChunk: (pcm: Int16Array) => void;
  onLevel: (level: CaptureLevel) => void;
  /** The microphone went away (unplugged, or taken by the system) while capturing. */
  onEnded: (reason: CaptureEnd) => void;
}

export interface Capture {
  sampleRate: number;
  deviceLabel: string;
  /** Stops the microphone; the last partial chunk is delivered first. */
  stop: () => Promise<void>;
}

export class CaptureError extends Error {
  constructor(
    readonly kind: 'denied' | 'no-device' | 'busy' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

export const TARGET_SAMPLE_RATE = 16_000;

/** The worklet file, next to index.html (renderer/public → dist/renderer). */
function workletUrl(): string {
  return new URL('pcm-worklet.js', document.baseURI).toString();
}

export function explainCaptureError(error: unknown): CaptureError {
  if (error instanceof CaptureError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new CaptureError(
      'denied',
      'Microphone access was denied. Allow the microphone for this app in your system or browser settings, then try again. You can type your answer meanwhile.',
    );
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return new CaptureError(
      'no-device',
      'No microphone was found. Plug one in (or pick another in the list) and try again. You can type your answer meanwhile.',
    );
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new CaptureError(
      'busy',
      'The microphone could not be opened; another app may be using it. Close that app or pick another microphone, then try again. You can type your answer meanwhile.',
    );
  }
  return new CaptureError(
    'unsupported',
    `The microphone could not be started (${error instanceof Error ? error.message : String(error)}). You can type your answer instead.`,
  );
}

export async function startCapture(options: CaptureOptions): Promise<Capture> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CaptureError('unsupported', 'This window cannot use a microphone. You can type your answer instead.');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
        channelCount: 1,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
      video: false,
    });
  } catch (error) {
    throw explainCaptureError(error);
  }
  const track = stream.getAudioTracks()[0];
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw new CaptureError(
      'no-device',
      'No microphone was found. Plug one in and try again. You can type your answer meanwhile.',
    );
  }

  let context: AudioContext;
  try {
    // The browser resamples the microphone to 16 kHz for us; where it cannot, core resamples.
    context = new AudioContext({ sampleRate: TARGET_SAMPLE_RATE });
  } catch {
    context = new AudioContext();
  }
  try {
    await context.audioWorklet.addModule(workletUrl());
  } catch (error) {
    stream.getTracks().forEach((t) => t.stop());
    await context.close();
    throw new CaptureError(
      'unsupported',
      `The audio recorder could not start (${error instanceof Error ? error.message : String(error)}). You can type your answer instead.`,
    );
  }
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, 'pcm-capture', {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 1,
    processorOptions: { chunkMs: 200 },
  });
  let stopped = false;
  let flushed: (() => void) | null = null;
  node.port.onmessage = (
    event: MessageEvent<{ type: 'chunk'; pcm: ArrayBuffer } | { type: 'level'; peak: number; rms: number }>,
  ) => {
    const data = event.data;
    if (data.type === 'chunk') {
      options.onChunk(new Int16Array(data.pcm));
      flushed?.();
    } else {
      options.onLevel({ peak: data.peak, rms: data.rms });
    }
  };
  source.connect(node);
  if (context.state === 'suspended') await context.resume().catch(() => undefined);

  track.onended = () => {
    if (!stopped) options.onEnded('device-lost');
  };

  return {
    sampleRate: context.sampleRate,
    deviceLabel: track.label,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ask the worklet for its partial chunk; wait briefly, it may have nothing to send.
      await new Promise<void>((resolve) => {
        flushed = resolve;
        node.port.postMessage('flush');
        setTimeout(resolve, 150);
      });
      flushed = null;
      source.disconnect();
      node.port.onmessage = null;
      stream.getTracks().forEach((t) => t.stop());
      await context.close().catch(() => undefined);
    },
  };
}

export interface InputDevice {
  deviceId: string;
  label: string;
}

/** Microphones the system knows; labels appear only after permission was granted once. */
export async function listInputDevices(): Promise<InputDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== 'communications')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
}
