/** Where the bundled Pyodide is: the `pyodide` npm package's folder (unpacked from the asar in the app). */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { PythonRuntime } from './python-suite.js';

export function bundledPythonRuntime(): PythonRuntime {
  const dir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json')).replace(
    'app.asar',
    'app.asar.unpacked',
  );
  return { pyodideDir: dir, readPaths: [dir] };
}
