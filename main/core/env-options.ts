/**
 * Test and development hooks that arrive as environment variables. Only the entry points (the
 * bridge CLI and the Electron main process) read the environment; they hand these options to
 * createCore, which never reads process.env itself.
 */
export interface EnvCoreOptions {
  /** REHEARSAL_LLM_THREADS: CPU threads for the interviewer model (default: all cores). */
  llmThreads?: number;
  /** REHEARSAL_LLM_SEED: reproducible interviewer decisions for end-to-end tests. */
  llmSeed?: number;
  /** REHEARSAL_CATALOG_FILE: extra model catalog entries (the download tests use a local server). */
  extraCatalogFile?: string;
}

const positive = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

export function coreOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): EnvCoreOptions {
  const llmThreads = positive(env.REHEARSAL_LLM_THREADS);
  const llmSeed = positive(env.REHEARSAL_LLM_SEED);
  return {
    ...(llmThreads !== undefined ? { llmThreads: Math.floor(llmThreads) } : {}),
    ...(llmSeed !== undefined ? { llmSeed } : {}),
    ...(env.REHEARSAL_CATALOG_FILE ? { extraCatalogFile: env.REHEARSAL_CATALOG_FILE } : {}),
  };
}
