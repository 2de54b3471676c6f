/**
 * The local language model as a host, with no knowledge of interviews: loaded lazily in the
 * background (at app start when a model is active, or on first use), one context for the app
 * with one long-lived sequence (lent to one owner at a time — the interview round's chat) and
 * one for short-lived structured calls (the feedback judge). Switching the active model unloads
 * the old one on the next use, and the sequence's owner is told to let go first.
 *
 * Over 300 lines: The model host's load/unload, status and sequence lease share one lifecycle and
 * must stay consistent.
 */
import fs from 'node:fs';
import type { Llama, LlamaContextSequence, LlamaGrammar } from 'node-llama-cpp';
import { AppError, isAppError } from '../../contract/result.js';
import type { LlmStatus } from '../../contract/services/models.js';
import { Sequencer } from '../util/sequencer.js';
import { generate, parseJsonReply } from './generate.js';
import { checkModelFile, loadModel, loadRuntime, type LoadedModel, type Runtime } from './loader.js';
import type { GenerateOptions, JsonResult, JsonSchema, LlmJsonGenerator } from './types.js';

export interface LlmServiceOptions {
  /** The active model file (settings.activeLlmModel), read on every use. */
  modelPath: () => string | null;
  log?: (message: string, error?: unknown) => void;
  gpu?: 'auto' | false;
  /** CPU threads; default: the cores this process may use. */
  threads?: number;
  /** Tokens per sequence at most (default 8192; less when the model was trained on less). */
  maxContextSize?: number;
  /** Told whenever the status changes (loading, progress, ready, failed, idle): pushed to the UI. */
  onStatus?: (status: LlmStatus) => void;
}

export interface LlmService extends LlmJsonGenerator {
  status(): LlmStatus;
  /** Starts loading the active model in the background, if there is one. */
  warmUp(): void;
  /** The loaded model, loading it first when needed; throws an AppError a user can act on. */
  ready(signal?: AbortSignal): Promise<LoadedModel>;
  /** The llama.cpp runtime alone (the hardware probe shares it rather than starting a second one). */
  runtime(): Promise<Runtime>;
  /** True when the active model is loaded now (work that only helps a loaded model can skip). */
  isReady(): boolean;
  /**
   * Lends the context's long-lived sequence. The previous holder's `release` runs first (it must
   * dispose what it built on the sequence); so does this one's when the model unloads.
   */
  claimSequence(release: () => Promise<void>, signal?: AbortSignal): Promise<SequenceLease>;
  close(): Promise<void>;
}

export interface SequenceLease {
  model: LoadedModel;
  sequence: LlamaContextSequence;
  /** A grammar for a JSON schema, built once per schema and model. */
  grammarFor(schema: JsonSchema): Promise<LlamaGrammar>;
  /** Sets the CPU threads for what comes next: all of them, or one fewer for background work. */
  useThreads(kind: 'foreground' | 'background'): void;
}

function fileStamp(file: string | null): string {
  if (!file) return 'none';
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    'MODEL_LOAD_FAILED',
    `The interviewer model could not be loaded (${reason}). Choose another model under Models.`,
    { cause: error },
  );
}

/**
 * One llama.cpp runtime per process and GPU choice. Its native backend is process-wide, so a
 * second instance's dispose() would pull it from under the first; it is never disposed (it
 * holds little once models and contexts are gone, and node-llama-cpp frees it at exit).
 */
const runtimes = new Map<'auto' | false, Promise<Runtime>>();

function sharedRuntime(gpu: 'auto' | false, log: (message: string, error?: unknown) => void): Promise<Runtime> {
  let runtime = runtimes.get(gpu);
  if (!runtime) {
    runtime = loadRuntime(gpu, log);
    runtime.catch(() => runtimes.delete(gpu));
    runtimes.set(gpu, runtime);
  }
  return runtime;
}

export function createLlmService(options: LlmServiceOptions): LlmService {
  const log = options.log ?? (() => undefined);
  let loaded: LoadedModel | null = null;
  /** The model being loaded, for status(); loads queue one after another. */
  let loadingPath: string | null = null;
  let pendingLoads = 0;
  /** Remembered so a broken file is not reloaded on every turn; a changed file is tried again. */
  let failure: { path: string | null; stamp: string; error: AppError } | null = null;
  const loads = new Sequencer();
  /** Who holds the long-lived sequence now, and how to make them let go. */
  let holder: { release: () => Promise<void> } | null = null;
  /** One judging call at a time: the context holds one spare sequence besides the long-lived one. */
  const jsonCalls = new Sequencer();
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  const closing = new AbortController();

  const runtime = (): Promise<Runtime> => sharedRuntime(options.gpu ?? 'auto', log);
  /** Loading progress of the model being loaded (0–1), reported a few times a second at most. */
  let progress: number | null = null;
  let lastProgressAt = 0;
  const announce = () => {
    try {
      options.onStatus?.(service.status());
    } catch (error) {
      log('announcing the interviewer model status failed', error);
    }
  };
  function onProgress(value: number) {
    const now = Date.now();
    if (progress !== null && value < 1 && value - progress < 0.02 && now - lastProgressAt < 250) return;
    progress = value;
    lastProgressAt = now;
    announce();
  }
  /** Why the model runs on the CPU although a GPU runtime is installed (no device behind it). */
  let cpuNote: string | null = null;

  async function releaseHolder(): Promise<void> {
    const previous = holder;
    holder = null;
    await previous?.release().catch((error: unknown) => log('releasing the model sequence failed', error));
  }

  async function unload(): Promise<void> {
    const old = loaded;
    loaded = null;
    grammars.clear();
    await releaseHolder();
    if (old) {
      await old.context.dispose().catch(() => undefined);
      await old.model.dispose().catch(() => undefined);
    }
  }

  async function load(wanted: string | null): Promise<LoadedModel> {
    try {
      return await loadNow(wanted);
    } finally {
      pendingLoads -= 1;
      if (pendingLoads === 0) loadingPath = null;
      announce();
    }
  }

  async function loadNow(wanted: string | null): Promise<LoadedModel> {
    if (loaded?.modelPath === wanted) return loaded;
    if (closing.signal.aborted) throw new AppError('MODEL_LOAD_FAILED', 'The app is closing.');
    const stamp = fileStamp(wanted);
    if (failure && failure.path === wanted && failure.stamp === stamp) throw failure.error;
    await unload();
    progress = 0;
    announce();
    try {
      const modelPath = await checkModelFile(wanted);
      const shared = await runtime();
      cpuNote = shared.note;
      loaded = await loadModel(shared, modelPath, {
        gpu: options.gpu ?? 'auto',
        threads: options.threads,
        maxContextSize: options.maxContextSize ?? 8192,
        sequences: 2,
        onProgress,
      });
      failure = null;
      log(`interviewer model loaded (${loaded.gpu?.backend ?? 'cpu'}, context ${loaded.context.contextSize} tokens)`);
      return loaded;
    } catch (error) {
      const appError = toAppError(error);
      failure = { path: wanted, stamp, error: appError };
      throw appError;
    } finally {
      progress = null;
    }
  }

  async function ready(signal?: AbortSignal): Promise<LoadedModel> {
    const wanted = options.modelPath();
    if (loaded && loaded.modelPath === wanted) return loaded;
    loadingPath = wanted;
    pendingLoads += 1;
    const next = loads.run(() => load(wanted));
    if (!signal) return next;
    // The caller may stop waiting (its turn timed out); the load itself goes on for next time.
    return new Promise<LoadedModel>((resolve, reject) => {
      const stop = () =>
        reject(
          signal.reason instanceof Error
            ? signal.reason
            : new AppError('MODEL_LOAD_FAILED', 'The interviewer model is still loading.'),
        );
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      next.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
    });
  }

  function grammarFor(llama: Llama, schema: JsonSchema): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      // The schema is built by core from content ids, in the subset the grammar supports.
      grammar = llama.createGrammarForJsonSchema(
        schema as Parameters<Llama['createGrammarForJsonSchema']>[0],
      ) as Promise<LlamaGrammar>;
      grammar.catch(() => grammars.delete(key));
      if (grammars.size > 64) grammars.clear();
      grammars.set(key, grammar);
    }
    return grammar;
  }

  async function claimSequence(release: () => Promise<void>, signal?: AbortSignal): Promise<SequenceLease> {
    const model = await ready(signal);
    await releaseHolder();
    holder = { release };
    return {
      model,
      sequence: model.context.getSequence(),
      grammarFor: (schema) => grammarFor(model.llama, schema),
      useThreads: (kind) => {
        // llama.cpp's threads wait for each other at every step: one thread that loses its core
        // to the speech recognizer stalls all of them (measured on 2 cores: generation 25 → 1
        // token/s). Background work (pre-evaluating drafts) leaves a core free.
        const all = model.context.idealThreads;
        if (model.gpu === null && all > 1) model.llama.maxThreads = kind === 'background' ? all - 1 : all;
      },
    };
  }

  async function generateJson<T>(
    system: string,
    prompt: string,
    schema: JsonSchema,
    generateOptions: GenerateOptions,
  ): Promise<JsonResult<T>> {
    const deadline = Date.now() + generateOptions.timeoutMs;
    const run = async (): Promise<JsonResult<T>> => {
      let model: LoadedModel;
      try {
        model = await ready(generateOptions.signal);
      } catch (error) {
        return { value: null, raw: '', failure: 'error', message: toAppError(error).message };
      }
      const { LlamaChatSession } = await import('node-llama-cpp');
      const sequence = model.context.getSequence();
      const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: system });
      try {
        const grammar = await grammarFor(model.llama, schema);
        const signal = generateOptions.signal
          ? AbortSignal.any([generateOptions.signal, closing.signal])
          : closing.signal;
        const generation = await generate(session, prompt, {
          grammar,
          maxTokens: generateOptions.maxTokens,
          deadline,
          signal,
          ...(generateOptions.onToken ? { onTextChunk: generateOptions.onToken } : {}),
        });
        if (generation.failure) return { value: null, raw: generation.text, failure: generation.failure };
        const parsed = parseJsonReply(generation);
        if ('failure' in parsed) return { value: null, raw: generation.text, failure: parsed.failure };
        return { value: parsed.value as T, raw: generation.text };
      } catch (error) {
        return {
          value: null,
          raw: '',
          failure: 'error',
          message: error instanceof Error ? error.message : String(error),
        };
      } finally {
        session.dispose({ disposeSequence: true });
      }
    };
    return jsonCalls.run(run);
  }

  const service: LlmService = {
    status(): LlmStatus {
      const modelPath = options.modelPath();
      if (loaded && loaded.modelPath === modelPath) {
        const gpu = loaded.gpu;
        const where = gpu ? `the GPU (${gpu.names[0] ?? gpu.backend})` : 'the CPU';
        return {
          state: 'ready',
          modelPath,
          gpu: gpu?.backend ?? null,
          message: `The interviewer model is loaded and runs on ${where}.${!gpu && cpuNote ? ` ${cpuNote}` : ''}`,
          progress: null,
        };
      }
      if (loadingPath !== null && loadingPath === modelPath)
        return {
          state: 'loading',
          modelPath,
          gpu: null,
          message: 'The interviewer model is loading.',
          progress: progress === null ? null : Math.min(1, Math.max(0, progress)),
        };
      if (failure && failure.path === modelPath && failure.stamp === fileStamp(modelPath)) {
        return { state: 'failed', modelPath, gpu: null, message: failure.error.message, progress: null };
      }
      return {
        state: 'idle',
        modelPath,
        gpu: null,
        message: modelPath
          ? 'The interviewer model loads when a round starts.'
          : 'No interviewer model is chosen; the scripted interviewer asks the questions.',
        progress: null,
      };
    },

    warmUp() {
      const modelPath = options.modelPath();
      if (!modelPath || loaded?.modelPath === modelPath) return;
      // A file that already failed is tried again only once it changes (ready() knows).
      if (failure && failure.path === modelPath && failure.stamp === fileStamp(modelPath)) return;
      ready().catch((error: unknown) => log('loading the interviewer model failed', error));
    },

    ready,
    runtime,
    isReady: () => loaded !== null && loaded.modelPath === options.modelPath(),
    claimSequence,

    generateJson,

    async close() {
      closing.abort();
      await unload().catch(() => undefined);
    },
  };
  return service;
}
