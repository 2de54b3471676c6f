/**
 * What every voice journey starts from: a fresh data folder with the test speech models, the
 * server on it, and a browser whose fake microphone plays a spoken answer (looping).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { installTestSpeechModels } from '../helpers/speech-models.js';
import { makeDataDir, openBrowser, startServer, type BrowserHandle, type ServerHandle } from './harness.js';

export interface VoiceRig {
  dataDir: string;
  /** The WAV the microphone plays. */
  spoken: string;
  /** The speech model folder to activate in Settings. */
  whisper: string;
  /** A test that restarts the server puts the new one here; the one here is stopped at the end. */
  server: ServerHandle;
  browser: BrowserHandle;
}

/**
 * Sets the rig up before the enclosing describe's tests and takes it down after them. Its fields
 * are filled in once the set-up has run, so read them inside the tests. `makeWav` writes the
 * spoken answer into the folder it is given and returns its path.
 */
export function voiceRig(makeWav: (dir: string) => string): VoiceRig {
  const rig = {} as VoiceRig;
  let audioDir: string | undefined;
  beforeAll(async () => {
    audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-e2e-audio-'));
    rig.spoken = makeWav(audioDir);
    rig.dataDir = makeDataDir();
    ({ whisper: rig.whisper } = await installTestSpeechModels(path.join(rig.dataDir, 'models')));
    rig.server = await startServer(rig.dataDir);
    rig.browser = await openBrowser({ fakeAudioFile: rig.spoken });
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.stop();
    if (audioDir) fs.rmSync(audioDir, { recursive: true, force: true });
  });
  return rig;
}
