"""Runs a candidate's Python solution against language-neutral tests inside Pyodide.

Shipped as it is with the app and loaded by py-harness.cjs. Each result is one JSON line sent
through emit(); the host compares values, so one definition of "equal" serves every language.
"""

import importlib.util
import io
import json
import re
import runpy
import sys
import time
import traceback
import unittest

from _harness_io import emit as _emit

# Imported (with the modules above) before the job arrives, so a warm process has paid for it.
JOB = {}
WORK = "/work"
SOLUTION = WORK + "/solution.py"
CAP = 8192
FLOOD = 1_000_000


# A batch (content checks) runs several solutions one after another in this one process.
SUITE = JOB
SUITE_INDEX = None


def emit(record):
    if SUITE_INDEX is not None:
        record = {**record, "suite": SUITE_INDEX}
    _emit(json.dumps(record))


class CappedOutput(io.TextIOBase):
    """Keeps the first CAP characters of what the code prints and counts the rest."""

    def __init__(self):
        self.parts = []
        self.size = 0
        self.dropped = 0

    def writable(self):
        return True

    def write(self, text):
        room = CAP - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        if len(text) > room:
            self.dropped += len(text) - max(room, 0)
        if self.dropped > FLOOD:
            # Raised inside the print itself, so a print in an endless loop ends that test at once.
            raise RuntimeError(f"printed more than {FLOOD // 1000} kB of output (a print inside a loop?)")
        return len(text)

    def text(self):
        body = "".join(self.parts)
        return body + (f"\n… {self.dropped} more characters not shown" if self.dropped else "")


def _blocked(*args, **kwargs):
    raise PermissionError("starting other programs is not available in the practice runner")


def lock_down():
    import os
    import subprocess

    for name in ("system", "popen", "execv", "execve", "execvp", "execl", "execlp", "spawnv",
                 "spawnl", "fork", "forkpty", "posix_spawn", "posix_spawnp", "kill", "killpg"):
        if hasattr(os, name):
            setattr(os, name, _blocked)
    for name in ("Popen", "run", "call", "check_call", "check_output", "getoutput", "getstatusoutput"):
        setattr(subprocess, name, _blocked)
    # The bridge to JavaScript is how Pyodide reaches the host process; solutions never need it.
    for name in ("js", "pyodide_js", "pyodide.ffi", "pyodide.code", "pyodide.http", "_pyodide_core"):
        sys.modules[name] = None


def solution_line(tb):
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename.endswith(("/solution.py", "/test_solution.py")):
            line = frame.lineno
    return line


def describe(error):
    text = f"{type(error).__name__}: {error.msg if isinstance(error, SyntaxError) else error}"
    if isinstance(error, RecursionError):
        text += " (recursion too deep: is there a base case?)"
    if isinstance(error, MemoryError):
        text = "MemoryError: the code used more memory than allowed"
    return text


def error_record(error):
    line = error.lineno if isinstance(error, SyntaxError) else solution_line(error.__traceback__)
    record = {"error": describe(error) + (f" (line {line})" if line else "")}
    if line:
        record["line"] = line
    return record


def to_json(value):
    if isinstance(value, (set, frozenset)):
        return None, "returned a set, which is not JSON (return a list)"
    try:
        return json.loads(json.dumps(value, allow_nan=False)), None
    except (TypeError, ValueError) as e:
        return None, f"returned a {type(value).__name__}, which is not JSON ({e})"


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def find(namespace, name):
    for candidate in (name, snake(name)):
        if hasattr(namespace, candidate):
            return getattr(namespace, candidate)
    return None


def clone(value):
    return json.loads(json.dumps(value))


def load_solution():
    spec = importlib.util.spec_from_file_location("solution", SOLUTION)
    module = importlib.util.module_from_spec(spec)
    sys.modules["solution"] = module
    spec.loader.exec_module(module)
    return module


def run_call(module, test):
    name = test.get("functionName") or SUITE["functionName"]
    fn = find(module, name)
    if not callable(fn):
        raise NameError(f"no function named {name} was found in your file")
    return to_json(fn(*clone(test["args"])))


def run_methods(module, test):
    cls = find(module, test["className"])
    if not callable(cls):
        raise NameError(f"no class named {test['className']} was found in your file")
    got = []
    obj = None
    for i, step in enumerate(test["steps"]):
        name, args = step[0], clone(step[1:])
        try:
            if i == 0:
                obj = cls(*args)
                got.append(None)
                continue
            method = find(obj, name)
            if not callable(method):
                raise AttributeError(f"{test['className']} has no method {name}")
            value, bad = to_json(method(*args))
        except Exception as e:
            e.partial = got
            e.args = (f"step {i + 1} ({'new' if i == 0 else name}): {e}",)
            raise
        if bad:
            return None, f"step {i + 1} ({name}) {bad}"
        got.append(value)
    return got, None


def run_stdio(test):
    sys.stdin = io.StringIO(test["stdin"])
    try:
        runpy.run_path(SOLUTION, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            raise RuntimeError(f"the program exited with status {e.code}") from None
    return None, None


def run_tests(module):
    for index, test in enumerate(SUITE["tests"]):
        emit({"type": "start", "index": index})
        output = CappedOutput()
        sys.stdout = sys.stderr = output
        started = time.perf_counter()
        record = {"type": "test", "index": index}
        try:
            if test["kind"] == "call":
                got, bad = run_call(module, test)
            elif test["kind"] == "methods":
                got, bad = run_methods(module, test)
            else:
                got, bad = run_stdio(test)
            if bad:
                record["error"] = bad
            elif test["kind"] != "stdio":
                record["got"] = got
        except BaseException as e:  # noqa: BLE001 - the candidate's code may raise anything
            if isinstance(e, KeyboardInterrupt):
                raise
            record.update(error_record(e))
            if getattr(e, "partial", None) is not None:
                record["got"] = e.partial
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        record["ms"] = (time.perf_counter() - started) * 1000
        record["stdout"] = output.text()
        emit(record)


class Collect(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.index = 0
        self.started = 0.0

    def startTest(self, test):
        super().startTest(test)
        self.started = time.perf_counter()

    def report(self, test, passed, error=None):
        record = {
            "type": "own",
            "index": self.index,
            "name": test.id().split(".")[-1],
            "passed": passed,
            "ms": (time.perf_counter() - self.started) * 1000,
        }
        if error is not None:
            kind, value, tb = error
            line = solution_line(tb)
            record["error"] = f"{kind.__name__}: {value}" + (f" (line {line})" if line else "")
        emit(record)
        self.index += 1

    def addSuccess(self, test):
        super().addSuccess(test)
        self.report(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.report(test, False, err)

    def addError(self, test, err):
        super().addError(test, err)
        self.report(test, False, err)


def run_own_tests():
    with open(WORK + "/test_solution.py", "w") as f:
        f.write(JOB["testSource"])
    output = CappedOutput()
    sys.stdout = sys.stderr = output
    try:
        suite = unittest.TestLoader().loadTestsFromName("test_solution")
        suite.run(Collect())
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return output.text()


def run_suite():
    with open(SOLUTION, "w") as f:
        f.write(SUITE["source"])
    sys.modules.pop("solution", None)
    output = CappedOutput()
    sys.stdout = sys.stderr = output
    try:
        needs_module = JOB["mode"] == "own" or any(t["kind"] != "stdio" for t in SUITE["tests"])
        module = load_solution() if needs_module else None
    except BaseException as e:  # noqa: BLE001
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        emit({"type": "load", "syntax": isinstance(e, SyntaxError), **error_record(e), "stdout": output.text()})
        return
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    emit({"type": "load", "ok": True, "stdout": output.text()})
    if JOB["mode"] == "own":
        emit({"type": "done", "stdout": run_own_tests()})
    else:
        run_tests(module)
        emit({"type": "done", "stdout": ""})


def main(job_text):
    global JOB, SUITE, SUITE_INDEX, CAP, FLOOD
    JOB = json.loads(job_text)
    # Every job starts from the same state (a warm process ran a warm-up job before this one).
    SUITE, SUITE_INDEX = JOB, None
    CAP = JOB.get("stdoutCap", 8192)
    FLOOD = JOB.get("outputLimit", 1_000_000)
    sys.setrecursionlimit(JOB.get("recursionLimit", 1000))
    if "suites" not in JOB:
        run_suite()
        return
    for index, suite in enumerate(JOB["suites"]):
        SUITE, SUITE_INDEX = suite, index
        run_suite()


# Before the job arrives: the imports this needs are paid for while the process waits.
lock_down()
