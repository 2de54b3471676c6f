/**
 * The system python3 as the runner sees it: the user's choice (Settings), what was found on the
 * PATH (detected once, again whenever Settings asks), which runtime a piece of code gets
 * (scope.ts), and runs (system-python-process.ts).
 */
import type { PythonRuntime, SystemPythonInfo } from '../../../contract/services/settings.js';
import {
  DEFAULT_PYTHON_LIMITS,
  type PythonJob,
  type PythonLimits,
  type PythonRunOutcome,
} from '../harness/python-runner.js';
import { detectSystemPython } from './detect.js';
import { pythonRuntimeFor, type PythonCode } from './scope.js';
import { runSystemPython } from './system-python-process.js';

export interface SystemPythonOptions {
  /** The setting, read at each run. */
  chosen: () => PythonRuntime;
  tempRoot: string;
  /** Where system-python.py and harness.py are (the sandbox's runtime folder). */
  runtimeDir: string;
  detect?: () => Promise<SystemPythonInfo>;
}

export class SystemPython {
  private found: Promise<SystemPythonInfo> | null = null;

  constructor(private readonly options: SystemPythonOptions) {}

  /** Looks on the PATH again (python3 may have been installed since). */
  refresh(): Promise<SystemPythonInfo> {
    this.found = (this.options.detect ?? detectSystemPython)();
    return this.found;
  }

  detected(): Promise<SystemPythonInfo> {
    return this.found ?? this.refresh();
  }

  async runtimeFor(code: PythonCode): Promise<PythonRuntime> {
    const chosen = this.options.chosen();
    // No need to look for python3 while the built-in one is chosen.
    if (chosen === 'pyodide') return 'pyodide';
    return pythonRuntimeFor({ code, chosen, systemPython: (await this.detected()).state });
  }

  async run(job: PythonJob, limits: Partial<PythonLimits> = {}, signal?: AbortSignal): Promise<PythonRunOutcome> {
    const info = await this.detected();
    if (info.state !== 'found') throw new Error(`system python3 is not available: ${info.message}`);
    return runSystemPython({
      executable: info.executable,
      tempRoot: this.options.tempRoot,
      runtimeDir: this.options.runtimeDir,
      job,
      limits: { ...DEFAULT_PYTHON_LIMITS, ...limits },
      signal,
    });
  }
}
