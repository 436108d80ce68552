"""The build's kernels, forked from one process that imported what the notebooks import.

:func:`analysis.render.build` starts this module (``python -m analysis._kernel_fork``) in the
notebooks' folder, with the kernels' environment, and talks to it in JSON lines: the first line
it sends is ``{"warm_up": code}``, the import statements of the notebooks; each further line,
``{"argv": [...]}``, asks for one kernel (the arguments ``ipykernel_launcher`` would be given:
the connection file and options), and the answer is a line ``{"pid": n}``.

The process imports IPython's kernel and runs the warm-up imports once (the collector off
while they run, then what they made frozen out of its way, as a kernel's warm-up does), then
forks one child per kernel: each child starts an IPython kernel at once, with the libraries
already loaded, where a kernel started on its own imports them again (about 1 CPU s each). A
child leaves this process's session and pipes, and watches this process as its parent (as a
kernel watches the process that started it): when this process ends, its kernels end. This
process ends when its standard input closes (the build ended or died); it collects its ended
children meanwhile.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys


def _reap(*_) -> None:
    """Collect every ended child (none stays a zombie while this process waits)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _warm_up(code: str) -> None:
    """Import what a kernel imports and what the notebooks import, as a kernel's warm-up does:
    the backend ipykernel would choose, no collection meanwhile, the result frozen."""
    # what ipykernel sets before any notebook imports matplotlib
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    gc.disable()
    try:
        import ipykernel.kernelapp  # noqa: F401  (the kernel itself)

        # a failing import is left to the notebook, whose error names notebook and cell
        exec(compile(code, "<warm-up>", "exec"), {})
    except Exception:
        pass
    finally:
        gc.enable()
    gc.freeze()


def _kernel(argv: list[str], parent: int) -> None:
    """Become an IPython kernel (in a forked child); never returns."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()  # a session of its own: a signal to this kernel reaches no other
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the parent's answers go to standard output: nothing else may
    os.close(null)
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = [sys.argv[0], *argv]
    try:
        IPKernelApp.launch_instance(argv=[*argv, f"--IPKernelApp.parent_handle={parent}"])
    finally:
        os._exit(0)


def main() -> None:
    """Read the warm-up, import it, then fork one kernel per request until input ends."""
    signal.signal(signal.SIGCHLD, _reap)
    first = sys.stdin.readline()
    if not first:
        return
    _warm_up(json.loads(first).get("warm_up", ""))
    for line in sys.stdin:
        argv = json.loads(line)["argv"]
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            _kernel(argv, parent)
        sys.stdout.write(json.dumps({"pid": pid}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
