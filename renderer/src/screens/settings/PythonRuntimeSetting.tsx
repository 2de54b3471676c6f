import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PythonRuntime, Settings, SystemPythonInfo } from '../../../../main/contract/services/settings.js';
import { api, errorMessage } from '../../api/client.js';
import { apiKey } from '../../data/query-client.js';
import { useUpdateSettings } from '../../data/settings.js';

/** What was found on the PATH, in one line, or why the system python3 cannot be used. */
function Found({ info }: { info: SystemPythonInfo }) {
  if (info.state === 'found') {
    return (
      <span className="muted small" role="status" data-testid="system-python-found">
        Found Python {info.version} (<code>{info.executable}</code>).
      </span>
    );
  }
  return (
    <div className="notice warn" role="status" data-testid="system-python-missing">
      {info.message}
    </div>
  );
}

/**
 * Settings → Coding rounds: which Python runs the candidate's own code. Says plainly what the
 * system python3 runs and that it is confined less tightly than the built-in one.
 */
export function PythonRuntimeSetting({ settings }: { settings: Settings }) {
  const save = useUpdateSettings();
  const [error, setError] = useState<string | null>(null);
  // Looked for each time Settings opens, and on "Look again" (python3 may have been installed since).
  const found = useQuery({
    queryKey: apiKey('settings', 'systemPython'),
    queryFn: () => api.settings.systemPython(),
    staleTime: 0,
  });
  const usable = found.data?.state === 'found';
  const chosen = settings.pythonRuntime;

  async function choose(runtime: PythonRuntime) {
    setError(null);
    try {
      await save({ pythonRuntime: runtime });
    } catch (e) {
      setError(`Could not save the setting: ${errorMessage(e)}`);
    }
  }

  return (
    <div className="field">
      <label htmlFor="python-runtime">Python runtime</label>
      <div className="row">
        <select
          id="python-runtime"
          className="narrow-field"
          value={chosen}
          onChange={(e) => void choose(e.target.value as PythonRuntime)}
          aria-describedby="python-runtime-help"
        >
          <option value="pyodide">Built-in (Pyodide)</option>
          <option value="system" disabled={!usable && chosen !== 'system'}>
            System python3
          </option>
        </select>
        <button type="button" className="button small" disabled={found.isFetching} onClick={() => void found.refetch()}>
          Look again
        </button>
      </div>
      {found.isPending ? (
        <span className="muted small" role="status">
          Looking for python3…
        </span>
      ) : found.data ? (
        <Found info={found.data} />
      ) : null}
      {chosen === 'system' && found.data && !usable && (
        <div className="notice warn" role="status">
          Until python3 is found, your code runs in the built-in Python.
        </div>
      )}
      <span id="python-runtime-help" className="muted small">
        System python3 runs only your own code in coding rounds: your solution against the question&apos;s tests, and
        your own unittest tests. Code that comes with a role pack (reference checks, bug-bash and integration rounds)
        always runs in the built-in Python. System python3 is confined less tightly than the built-in Python: it runs in
        its own folder under operating-system limits on memory, time, file size and new processes, plus a best-effort
        check that refuses the network, other programs, ctypes and files outside that folder and Python&apos;s own
        library. That check is not a security boundary; use it for your own code only.
      </span>
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
