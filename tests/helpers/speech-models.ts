/**
 * Speech models for tests, in the app's format: the real Silero VAD v5 (a fixture) and a
 * Whisper stand-in for sherpa-onnx at a tiny shape (random weights, made at test time and
 * cached; it transcribes every stretch of speech into the same few repeated words).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureSpeechStandin } from '../../bench/standins/speech.js';
import { extraFixturePath } from './fixtures.js';

export const TEST_VAD_NAME = 'silero-vad-v5.onnx';
export const TEST_WHISPER_NAME = 'whisper-mini.en-standin';

export async function testWhisperModel(): Promise<string> {
  return (await ensureSpeechStandin('mini', 'sherpa-onnx')).path;
}

export async function testVadModel(): Promise<string> {
  return extraFixturePath('silero-vad-v5.onnx');
}

/** Copies both into a models folder as an installed model would be; returns their paths there. */
export async function installTestSpeechModels(modelsDir: string): Promise<{ whisper: string; vad: string }> {
  fs.mkdirSync(modelsDir, { recursive: true });
  const vad = path.join(modelsDir, TEST_VAD_NAME);
  fs.copyFileSync(await testVadModel(), vad);
  fs.chmodSync(vad, 0o644);
  const whisper = path.join(modelsDir, TEST_WHISPER_NAME);
  fs.mkdirSync(whisper, { recursive: true });
  const source = await testWhisperModel();
  for (const name of fs.readdirSync(source).filter((n) => n !== 'manifest.json')) {
    fs.copyFileSync(path.join(source, name), path.join(whisper, name));
  }
  return { whisper, vad };
}
