import { describe, expect, it } from 'vitest';
import { coreOptionsFromEnv } from '../../../main/core/env-options.js';

describe('core options from the environment', () => {
  it('reads the test hooks when they are set to usable values', () => {
    expect(
      coreOptionsFromEnv({
        REHEARSAL_LLM_THREADS: '2',
        REHEARSAL_LLM_SEED: '7',
        REHEARSAL_CATALOG_FILE: '/tmp/catalog.json',
      }),
    ).toEqual({ llmThreads: 2, llmSeed: 7, extraCatalogFile: '/tmp/catalog.json' });
  });

  it('leaves out what is missing, empty or not a positive number', () => {
    expect(coreOptionsFromEnv({})).toEqual({});
    expect(
      coreOptionsFromEnv({ REHEARSAL_LLM_THREADS: 'many', REHEARSAL_LLM_SEED: '0', REHEARSAL_CATALOG_FILE: '' }),
    ).toEqual({});
  });
});
