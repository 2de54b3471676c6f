import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, UNAVAILABLE_MARK } from '../../../../../main/core/runner/sandbox.js';
import {
  classifyPythonExit,
  pythonArgs,
  SCRUBBED_ENV,
} from '../../../../../main/core/runner/system-python/system-python-process.js';

const base = { exitCode: null, stdout: '', stderr: '' };
const classify = classifyPythonExit(512);

describe('how a system python3 run that ended by itself is reported', () => {
  it('isolated mode, no bytecode files, UTF-8, and an environment of PATH and LANG only', () => {
    expect(pythonArgs('/w').slice(0, 4)).toEqual(['-I', '-B', '-X', 'utf8']);
    expect(Object.keys(SCRUBBED_ENV).sort()).toEqual(['LANG', 'PATH']);
  });

  it('exit 0 is ok; RLIMIT_CPU (SIGXCPU) is the timeout, in the runner’s own words', () => {
    expect(classify(base, 0, null, DEFAULT_LIMITS).status).toBe('ok');
    expect(classify(base, null, 'SIGXCPU', { ...DEFAULT_LIMITS, wallMs: 5000 })).toMatchObject({
      status: 'timeout',
      message: 'Stopped after 5 s: the code did not finish (infinite loop?).',
    });
  });

  it('a MemoryError that killed the interpreter is the memory message', () => {
    const stderr = 'Fatal Python error: ...\nMemoryError\n';
    expect(classify({ ...base, stderr }, 1, null, DEFAULT_LIMITS)).toMatchObject({
      status: 'memory',
      message: 'Stopped: the code used more than 512 MB of memory.',
    });
  });

  it('a bootstrap that cannot confine itself refuses to run, and says to choose the built-in Python', () => {
    const stderr = `${UNAVAILABLE_MARK}could not set RLIMIT_AS (bad)\n`;
    const out = classify({ ...base, stderr }, 87, null, DEFAULT_LIMITS);
    expect(out.status).toBe('sandbox_unavailable');
    expect(out.message).toMatch(/could not set RLIMIT_AS.*Choose the built-in Python in Settings/);
    expect(out.stderr).toBe('');
  });

  it('a crash of the interpreter is an error with a hint; other exits say their status', () => {
    expect(classify(base, null, 'SIGSEGV', DEFAULT_LIMITS).message).toMatch(/very deep recursion/);
    expect(classify(base, 2, null, DEFAULT_LIMITS)).toMatchObject({
      status: 'error',
      message: 'The code exited with status 2.',
    });
  });
});
