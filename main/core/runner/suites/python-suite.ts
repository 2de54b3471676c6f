/**
 * Runs a Python workspace's unittest files in Pyodide inside the sandbox. The workspace folder
 * is mounted into Pyodide's file system at /ws, so code and tests see their files (and may write
 * only there: the permission model guards the real folder). Results go to the same
 * results.jsonl as the node:test driver, one record at a time.
 *
 * Pyodide has no threads and its event loop cannot block, so `unittest`'s own runner cannot run
 * `IsolatedAsyncioTestCase` tests (it needs `run_until_complete`): the driver awaits async test
 * methods itself, with the usual set-up, tear-down and clean-up order, on Pyodide's loop.
 */
import { DRIVER_DIR, RESULTS_FILE, SUITE_CONFIG_FILE, type SuiteConfig } from './node-test-driver.js';

export const PYTHON_ENTRY_FILE = `${DRIVER_DIR}/python-tests.mjs`;
export const PYTHON_DRIVER_FILE = `${DRIVER_DIR}/run_tests.py`;

/** Where Pyodide is on this machine (its npm package folder). */
export interface PythonRuntime {
  /** Absolute folder holding pyodide.mjs, pyodide.asm.wasm and python_stdlib.zip. */
  pyodideDir: string;
  /** Folders the sandbox must let the run read (at least `pyodideDir`). */
  readPaths: string[];
}

export function pythonSuiteFiles(config: SuiteConfig): { entry: string; files: Record<string, string> } {
  void config; // the config travels in SUITE_CONFIG_FILE; both drivers read it from there
  return {
    entry: PYTHON_ENTRY_FILE,
    files: { [PYTHON_ENTRY_FILE]: PYTHON_ENTRY, [PYTHON_DRIVER_FILE]: PYTHON_DRIVER },
  };
}

const PYTHON_ENTRY = String.raw`// Written by Interview Rehearsal: loads Pyodide and runs this workspace's unittest files.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import fsModule from 'node:fs';

const cwd = process.cwd();
const config = JSON.parse(readFileSync(join(cwd, '${SUITE_CONFIG_FILE}'), 'utf8'));
const resultsFile = join(cwd, '${RESULTS_FILE}');
writeFileSync(resultsFile, '');
const emit = (line) => appendFileSync(resultsFile, line + '\n');
emit(JSON.stringify({ event: 'begin', cwd: '/ws' }));

// Under the permission model process.binding() is refused; Pyodide only wants the constants.
const binding = process.binding;
process.binding = (name) =>
  name === 'constants' ? { os: os.constants, fs: fsModule.constants } : binding.call(process, name);

const { loadPyodide } = await import(pathToFileURL(join(config.pyodideDir, 'pyodide.mjs')).href);
const pyodide = await loadPyodide({ indexURL: config.pyodideDir + '/', env: { HOME: '/ws', ...config.env } });
pyodide.FS.mkdirTree('/ws');
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: cwd }, '/ws');
pyodide.globals.set('emit', emit);
pyodide.globals.set('config_json', JSON.stringify(config));
await pyodide.runPythonAsync(readFileSync(join(cwd, '${PYTHON_DRIVER_FILE}'), 'utf8'));
`;

const PYTHON_DRIVER = String.raw`# Written by Interview Rehearsal: runs unittest files, one result record per test.
import asyncio, importlib, inspect, json, os, sys, traceback, time, unittest

config = json.loads(config_json)
os.chdir("/ws")
sys.path.insert(0, "/ws")
sys.dont_write_bytecode = True
for key, value in config["env"].items():
    os.environ[key] = value
timeout = config["testTimeoutMs"] / 1000

def record(**fields):
    emit(json.dumps(fields))

def module_name(path):
    return path[:-3].replace("/", ".")

def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item

def names_of(case):
    return [type(case).__name__, case._testMethodName]

def declared_line(case):
    try:
        return inspect.getsourcelines(getattr(case, case._testMethodName))[1]
    except Exception:
        return None

def format_error(err):
    kind, value, tb = err
    return "".join(traceback.format_exception(kind, value, tb))

class Collector(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcome = None

    def addSuccess(self, test):
        if self.outcome is None:
            self.outcome = ("pass", None)

    def addFailure(self, test, err):
        self.outcome = ("fail", err)

    def addError(self, test, err):
        self.outcome = ("fail", err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.outcome = ("fail", err)

    def addSkip(self, test, reason):
        self.outcome = ("skip", None)

    def addExpectedFailure(self, test, err):
        self.outcome = ("pass", None)

    def addUnexpectedSuccess(self, test):
        self.outcome = ("fail", None)

async def run_async_case(case, result):
    # What IsolatedAsyncioTestCase.run does, on the loop that is already running.
    method = getattr(case, case._testMethodName)
    try:
        case.setUp()
        await case.asyncSetUp()
        try:
            await asyncio.wait_for(method(), timeout)
        finally:
            await case.asyncTearDown()
            case.tearDown()
        result.addSuccess(case)
    except unittest.SkipTest as skip:
        result.addSkip(case, str(skip))
    except asyncio.TimeoutError:
        try:
            raise TimeoutError("test did not finish within %g s" % timeout)
        except TimeoutError:
            result.addError(case, sys.exc_info())
    except case.failureException:
        result.addFailure(case, sys.exc_info())
    except BaseException:
        result.addError(case, sys.exc_info())
    while case._cleanups:
        function, args, kwargs = case._cleanups.pop()
        try:
            outcome = function(*args, **kwargs)
            if inspect.isawaitable(outcome):
                await outcome
        except BaseException:
            result.addError(case, sys.exc_info())

async def run_case(path, case):
    names = names_of(case)
    record(event="start", file=path, names=names)
    result = Collector()
    started = time.perf_counter()
    if inspect.iscoroutinefunction(getattr(case, case._testMethodName)):
        await run_async_case(case, result)
    else:
        case.run(result)
    outcome, err = result.outcome or ("fail", None)
    fields = dict(event="result", file=path, names=names, line=declared_line(case),
                  passed=outcome != "fail", skipped=outcome == "skip",
                  durationMs=(time.perf_counter() - started) * 1000)
    if outcome == "fail":
        if err is None:
            fields["error"] = "unexpected success (the test is marked expectedFailure)"
        else:
            fields["error"] = "".join(traceback.format_exception_only(err[0], err[1])).strip()
            fields["stack"] = format_error(err)
    record(**fields)

async def main():
    loader = unittest.TestLoader()
    for path in config["files"]:
        try:
            importlib.invalidate_caches()
            suite = loader.loadTestsFromName(module_name(path))
        except BaseException as error:
            fields = dict(event="result", file=path, names=["(loading the file)"], passed=False,
                          skipped=False, durationMs=0, loadError=True,
                          error="".join(traceback.format_exception_only(type(error), error)).strip(),
                          stack=format_error(sys.exc_info()))
            if isinstance(error, SyntaxError) and error.filename and error.lineno:
                fields["syntaxAt"] = dict(file=os.path.relpath(error.filename, "/ws"), line=error.lineno)
            record(**fields)
            continue
        for case in flatten(suite):
            if isinstance(case, unittest.loader._FailedTest):
                try:
                    case.debug()
                except BaseException as error:
                    record(event="result", file=path, names=["(loading the file)"], passed=False,
                           skipped=False, durationMs=0, loadError=True,
                           error="".join(traceback.format_exception_only(type(error), error)).strip(),
                           stack=format_error(sys.exc_info()))
                continue
            await run_case(path, case)
    record(event="end")

await main()
`;
