"""Runs a candidate's Python on the system python3 (Settings -> Coding rounds -> Python runtime).

Started by the app as `python3 -I -B -X utf8 system-python.py` in a fresh workspace folder (the
working directory) with an almost empty environment, then confines itself before any code of
the candidate runs and hands over to harness.py, the same harness the built-in Pyodide runtime
uses, so results come back in the same shape.

What confines it, strongest first:
- OS resource limits (setrlimit, enforced by the kernel): address space (memory), no new
  processes (RLIMIT_NPROC = 0; the kernel does not apply it to root), file size, CPU seconds
  (a backstop for the app's wall clock), no core files. macOS does not enforce RLIMIT_AS.
- An audit hook (PEP 578) that refuses starting programs, forking, sockets, ctypes, and files
  outside the workspace. Best effort only: PEP 578 says audit hooks are not a sandbox, and
  Python code determined to get around one can. It keeps honest mistakes and casual attempts in
  the candidate's own code from reaching the computer; it is not a security boundary.
Only the candidate's own code and this app's harness ever run here (see scope.ts); code from a
role pack always runs in the built-in Pyodide runtime.
"""

import json
import os
import sys
import types

UNAVAILABLE_EXIT = 87
UNAVAILABLE_MARK = "\u0000sandbox-unavailable:"
WORK = os.path.realpath(os.getcwd())


def unavailable(reason):
    sys.stderr.write(f"{UNAVAILABLE_MARK}{reason}\n")
    sys.stderr.flush()
    os._exit(UNAVAILABLE_EXIT)


def set_limits(config):
    """The OS-enforced part. A limit the OS refuses makes the run unavailable, never silently weaker."""
    try:
        import resource
    except ImportError:
        unavailable("this Python has no resource module (Windows?)")

    def cap(name, wanted):
        kind = getattr(resource, name, None)
        if kind is None:
            return
        _, hard = resource.getrlimit(kind)
        # Never above the hard limit already in force (raising it needs privileges).
        value = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError) as e:
            unavailable(f"could not set {name} ({e})")

    cap("RLIMIT_CORE", 0)
    cap("RLIMIT_CPU", config["cpuSeconds"])
    cap("RLIMIT_FSIZE", config["fileBytes"])
    cap("RLIMIT_NPROC", 0)
    if sys.platform != "darwin":
        # macOS accepts RLIMIT_AS but does not enforce it; the app says so in Settings.
        cap("RLIMIT_AS", config["memoryBytes"])


def realpath(path):
    # Relative to the current folder, as the call itself will resolve it (the code may chdir).
    return os.path.realpath(os.fsdecode(os.fspath(path)))


def inside(path, roots):
    return any(path == root or path.startswith(root + os.sep) for root in roots)


def readable_roots():
    """The workspace and Python's own library folders (the standard library, installed packages)."""
    import sysconfig

    roots = {WORK}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        folder = sysconfig.get_paths().get(key)
        if folder:
            roots.add(os.path.realpath(folder))
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    for folder in sys.path:
        resolved = os.path.realpath(folder) if folder else None
        # Only folders inside Python's own prefixes (not the whole prefix, which may be /usr), never
        # e.g. a home folder on sys.path.
        if resolved and inside(resolved, prefixes):
            roots.add(resolved)
    return tuple(sorted(roots))


PROCESS_EVENTS = {
    "os.system", "os.exec", "os.spawn", "os.fork", "os.forkpty", "os.posix_spawn", "subprocess.Popen",
    "os.kill", "os.killpg", "os.startfile", "pty.spawn", "webbrowser.open",
}
NETWORK_EVENTS = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
}
NATIVE_EVENTS = {"ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "ctypes.call_function", "ctypes.addressof"}
NATIVE_MODULES = {"ctypes", "_ctypes"}
# Events whose first argument is a path that is changed (src for a rename/link: dst comes second).
CHANGE_EVENTS = {
    "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime",
    "os.rename", "os.link", "os.symlink", "shutil.rmtree", "os.chflags", "os.lchflags", "os.setxattr",
    "os.removexattr",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def install_audit_hook(protected):
    """Best effort (see the module's docstring): refuses what a practice solution never needs."""
    read_roots = readable_roots()
    write_roots = (WORK,)
    devnull = os.path.realpath(os.devnull)

    def refuse(what):
        raise PermissionError(f"{what} is not available in the practice runner")

    def check_path(path, write):
        if isinstance(path, int) or path is None:
            return  # an open file descriptor: it was checked when it was opened
        full = realpath(path)
        if full == devnull:
            return
        if full in protected:
            refuse("opening the runner's own files")
        if not inside(full, write_roots if write else read_roots):
            refuse(f"{'writing' if write else 'reading'} {full}")

    def hook(event, args):
        if event in PROCESS_EVENTS:
            refuse("starting other programs")
        if event in NETWORK_EVENTS:
            refuse("network access")
        if event in NATIVE_EVENTS or (event == "import" and args[0] in NATIVE_MODULES):
            refuse("ctypes (native code)")
        if event == "open":
            path, mode, flags = args
            writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & WRITE_FLAGS)
            check_path(path, writes)
        elif event in ("os.listdir", "os.scandir", "os.chdir"):
            check_path(args[0] if args[0] is not None else ".", False)
        elif event in CHANGE_EVENTS:
            check_path(args[0], True)
            if event in ("os.rename", "os.link", "os.symlink"):
                check_path(args[1], True)

    sys.addaudithook(hook)


def main():
    with open(os.path.join(WORK, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    with open(os.path.join(WORK, "job.json"), encoding="utf-8") as f:
        job_text = f.read()
    if not hasattr(sys, "addaudithook"):
        unavailable("this Python is older than 3.8 (no audit hooks)")

    results = open(os.path.join(WORK, config["results"]), "a", encoding="utf-8")

    def emit(line):
        results.write(str(line) + "\n")
        results.flush()  # a run killed later still reports the tests it finished

    # The harness reports through this module, as it does through Pyodide's bridge.
    io_module = types.ModuleType("_harness_io")
    io_module.emit = emit
    sys.modules["_harness_io"] = io_module
    sys.path.insert(0, WORK)
    import _harness  # noqa: E402 - imported (with what it imports) before the hook, as our own code
    import _posixsubprocess
    import subprocess

    _harness.WORK = WORK
    _harness.SOLUTION = os.path.join(WORK, "solution.py")
    # Process creation without an audit event; RLIMIT_NPROC stops it too, except for root.
    for module, name in ((_posixsubprocess, "fork_exec"), (subprocess, "_fork_exec")):
        if hasattr(module, name):
            delattr(module, name)
    for name in NATIVE_MODULES:
        sys.modules[name] = None

    set_limits(config)
    protected = {os.path.join(WORK, name) for name in ("config.json", "job.json", config["results"], "_harness.py",
                                                        "system-python.py")}
    install_audit_hook(protected)
    try:
        _harness.main(job_text)
    except BaseException as e:  # noqa: BLE001 - whatever escaped the harness ends the run, reported
        emit(json.dumps({"type": "crash", "error": f"{type(e).__name__}: {e}"}))
        results.close()
        os._exit(1)
    results.close()
    sys.stdout.flush()
    # Skips interpreter teardown (atexit handlers the candidate may have registered).
    os._exit(0)


main()
