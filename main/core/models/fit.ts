/**
 * Does a model suit this computer, and which ones to suggest. Pure functions over the catalog's
 * memory estimates and the hardware probe, so the rules are testable for any machine.
 */
import { formatBytes } from '../../contract/format.js';
import type { Hardware, ModelFit } from '../../contract/services/models.js';
import type { CatalogEntry } from './catalog.js';

/** Share of RAM a model may take and still leave room for the OS, the app and speech recognition. */
const GOOD_RAM_SHARE = 0.5;
const TIGHT_RAM_SHARE = 0.75;
/** node-llama-cpp pads VRAM by about 8% for its own estimates; keep the same margin. */
const VRAM_SHARE = 0.9;
/** At or under this much RAM a machine counts as "small" (the issue's ≤ 8 GB tier, allowing for reporting slack). */
const SMALL_MACHINE_RAM = 8.5e9;
/** small.en costs about three times base.en: on fewer cores it falls behind a live answer. */
const MIN_CORES_FOR_LARGER_WHISPER = 4;
/** Language models above this size (the 8B class) answer too slowly on a CPU for a live conversation. */
const SLOW_ON_CPU_BYTES = 4.5e9;

/** Below this many tokens a second a reply takes too long for a live conversation. */
export const MIN_LIVE_TOKENS_PER_SECOND = 6;
/** llama.cpp does not read memory faster with more threads than this. */
const MAX_USEFUL_THREADS = 8;
/** Share of the per-thread read speed that llama.cpp's threads reach together. */
const THREAD_EFFICIENCY = 0.5;
/** On two threads or fewer, only the small tier answers in time whatever the check says. */
const FEW_THREADS = 2;

/**
 * Roughly how many tokens a second a model of this size gives on this CPU: every token reads the
 * weights once, at the measured read speed times the useful threads. Null without a measurement.
 */
export function cpuTokensPerSecond(
  memoryBytes: number,
  hw: Pick<Hardware, 'memoryReadGBps' | 'cpuThreads'>,
): number | null {
  if (hw.memoryReadGBps === null || memoryBytes <= 0) return null;
  const threads = Math.min(Math.max(1, hw.cpuThreads), MAX_USEFUL_THREADS);
  const bytesPerSecond = hw.memoryReadGBps * 1e9 * threads * THREAD_EFFICIENCY;
  return Math.round((bytesPerSecond / memoryBytes) * 10) / 10;
}

export interface FitResult {
  fit: ModelFit;
  note: string;
}

function gpuLabel(hw: Hardware): string {
  return hw.gpuNames[0] ?? hw.gpu?.toUpperCase() ?? 'GPU';
}

export function modelFit(memoryBytes: number, hw: Hardware, kind: CatalogEntry['kind'] = 'llm'): FitResult {
  if (kind === 'llm' && hw.gpu && memoryBytes <= hw.vramBytes * VRAM_SHARE) {
    return { fit: 'good', note: `Runs on the GPU (${gpuLabel(hw)}).` };
  }
  const where = kind === 'llm' && hw.gpu ? 'Too big for the GPU memory, so it would run on the CPU' : 'Runs on the CPU';
  const speed = kind === 'llm' ? cpuTokensPerSecond(memoryBytes, hw) : null;
  const slow =
    kind === 'llm' && (memoryBytes > SLOW_ON_CPU_BYTES || (speed !== null && speed < MIN_LIVE_TOKENS_PER_SECOND))
      ? ' Replies will be slow without a GPU.'
      : '';
  const estimate = speed === null ? '' : ` About ${speed} tokens a second on this CPU (measured estimate).`;
  if (memoryBytes <= hw.totalRamBytes * GOOD_RAM_SHARE) {
    return {
      fit: 'good',
      note: `${where}; needs about ${formatBytes(memoryBytes)} of ${formatBytes(hw.totalRamBytes)} memory.${slow}${estimate}`,
    };
  }
  if (memoryBytes <= hw.totalRamBytes * TIGHT_RAM_SHARE) {
    return {
      fit: 'tight',
      note: `${where}, but needs about ${formatBytes(memoryBytes)} of ${formatBytes(hw.totalRamBytes)} memory: close other programs while you practise.${slow}`,
    };
  }
  return {
    fit: 'too-large',
    note: `Needs about ${formatBytes(memoryBytes)} of memory; this computer has ${formatBytes(hw.totalRamBytes)}. Choose a smaller model.`,
  };
}

/**
 * One suggestion per kind. Language models: the largest that fits well; on a CPU alone the
 * strong tier is left out (too slow for a live conversation), small machines and two-thread CPUs
 * get the small tier, and a model the speed check says would answer too slowly is passed over.
 * Speech: small.en-class when there is memory or a GPU to spare, else the smallest.
 */
export function recommendedIds(entries: CatalogEntry[], hw: Hardware): Set<string> {
  const ids = new Set<string>();
  const fitOf = (e: CatalogEntry) => modelFit(e.memoryBytes, hw, e.kind);

  const llms = entries.filter((e) => e.kind === 'llm');
  const onGpu = (e: CatalogEntry) => hw.gpu !== null && e.memoryBytes <= hw.vramBytes * VRAM_SHARE;
  // On the CPU: memory, threads and the measured speed all have to allow it.
  const allowedTiers: string[] =
    hw.totalRamBytes <= SMALL_MACHINE_RAM || hw.cpuThreads <= FEW_THREADS ? ['small'] : ['small', 'mid'];
  const fastEnough = (e: CatalogEntry) => {
    const speed = cpuTokensPerSecond(e.memoryBytes, hw);
    return speed === null || speed >= MIN_LIVE_TOKENS_PER_SECOND || e.tier === 'small';
  };
  const good = llms.filter(
    (e) => fitOf(e).fit === 'good' && (onGpu(e) || (allowedTiers.includes(e.tier) && fastEnough(e))),
  );
  const pick = largest(good) ?? smallest(llms.filter((e) => fitOf(e).fit !== 'too-large'));
  if (pick) ids.add(pick.id);

  // Speech runs on the CPU (sherpa-onnx): the larger Whisper only with memory and cores to spare.
  const whispers = entries.filter((e) => e.kind === 'whisper' && fitOf(e).fit === 'good');
  const roomy = hw.totalRamBytes > SMALL_MACHINE_RAM && hw.cpuCores >= MIN_CORES_FOR_LARGER_WHISPER;
  const whisper = roomy ? largest(whispers) : smallest(whispers);
  if (whisper) ids.add(whisper.id);

  const vad = smallest(entries.filter((e) => e.kind === 'vad'));
  if (vad) ids.add(vad.id);
  return ids;
}

function largest(list: CatalogEntry[]): CatalogEntry | undefined {
  return list.reduce<CatalogEntry | undefined>(
    (best, e) => (!best || e.memoryBytes > best.memoryBytes ? e : best),
    undefined,
  );
}

function smallest(list: CatalogEntry[]): CatalogEntry | undefined {
  return list.reduce<CatalogEntry | undefined>(
    (best, e) => (!best || e.memoryBytes < best.memoryBytes ? e : best),
    undefined,
  );
}
