/**
 * What every voice journey starts from: a fresh data folder with the test speech models, the
 * server on it, and a browser whose fake microphone plays a spoken answer (looping).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installTestSpeechModels } from '../helpers/speech-models.js';
import { makeDataDir, openBrowser, startServer, type BrowserHandle, type ServerHandle } from './harness.js';

export interface VoiceRig {
  dataDir: string;
  /** The WAV the microphone plays. */
  spoken: string;
  /** The speech model folder to activate in Settings. */
  whisper: string;
  /** Replaced by a test that restarts the server; close() stops whichever is current. */
  server: ServerHandle;
  browser: BrowserHandle;
  close(): Promise<void>;
}

/** `makeWav` writes the spoken answer into the folder it is given and returns its path. */
export async function startVoiceRig(makeWav: (dir: string) => string): Promise<VoiceRig> {
  const audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-e2e-audio-'));
  const spoken = makeWav(audioDir);
  const dataDir = makeDataDir();
  const { whisper } = await installTestSpeechModels(path.join(dataDir, 'models'));
  const server = await startServer(dataDir);
  const browser = await openBrowser({ fakeAudioFile: spoken });
  const rig: VoiceRig = {
    dataDir,
    spoken,
    whisper,
    server,
    browser,
    close: async () => {
      await rig.browser.close();
      await rig.server.stop();
      fs.rmSync(audioDir, { recursive: true, force: true });
    },
  };
  return rig;
}
