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
/** Language models above this size (the 8B class) answer too slowly on a CPU for a live conversation. */
const SLOW_ON_CPU_BYTES = 4.5e9;

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
  const slow = kind === 'llm' && memoryBytes > SLOW_ON_CPU_BYTES ? ' Replies will be slow without a GPU.' : '';
  if (memoryBytes <= hw.totalRamBytes * GOOD_RAM_SHARE) {
    return {
      fit: 'good',
      note: `${where}; needs about ${formatBytes(memoryBytes)} of ${formatBytes(hw.totalRamBytes)} memory.${slow}`,
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
 * strong tier is left out (too slow for a live conversation) and small machines get the small tier.
 * Speech: small.en-class when there is memory or a GPU to spare, else the smallest.
 */
export function recommendedIds(entries: CatalogEntry[], hw: Hardware): Set<string> {
  const ids = new Set<string>();
  const fitOf = (e: CatalogEntry) => modelFit(e.memoryBytes, hw, e.kind);

  const llms = entries.filter((e) => e.kind === 'llm');
  const onGpu = (e: CatalogEntry) => hw.gpu !== null && e.memoryBytes <= hw.vramBytes * VRAM_SHARE;
  const allowedTiers: string[] = hw.totalRamBytes <= SMALL_MACHINE_RAM ? ['small'] : ['small', 'mid'];
  const good = llms.filter((e) => fitOf(e).fit === 'good' && (onGpu(e) || allowedTiers.includes(e.tier)));
  const pick = largest(good) ?? smallest(llms.filter((e) => fitOf(e).fit !== 'too-large'));
  if (pick) ids.add(pick.id);

  const whispers = entries.filter((e) => e.kind === 'whisper' && fitOf(e).fit === 'good');
  const roomy = hw.gpu !== null || hw.totalRamBytes > SMALL_MACHINE_RAM;
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
