"""A build's own kernels are forked from one process that ran the notebooks' imports once.

The kernels start from that process with the libraries loaded, run code as any kernel does,
and end with the build: shut down by it, or, when the build dies, with the process they were
forked from (whose input then closes).
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

import psutil
import pytest

from analysis.render import _Kernel, _Zygote

pytestmark = pytest.mark.slow

WARM_UP = "import json\nimport pandas as pd"


async def _output(kernel: _Kernel, code: str) -> str:
    """What ``code`` prints in ``kernel``."""
    out: list[str] = []

    def hook(msg) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = await kernel.kc.execute_interactive(code, output_hook=hook, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out).strip()


def _run(coro):
    """``asyncio.run(coro)`` in a thread of its own (another test may leave a loop running in
    this one); its result, or its error raised here."""
    got: dict = {}

    def target() -> None:
        try:
            got["result"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the test's thread
            got["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in got:
        raise got["error"]
    return got["result"]


def _gone(pid: int, timeout: float = 15.0) -> bool:
    """True once ``pid`` no longer runs (ended, or a zombie nobody collected yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


async def _started(folder, n: int) -> tuple[_Zygote, list[_Kernel]]:
    zygote = _Zygote(folder, WARM_UP, {"QANTAR_TEST_ENV": "given"})
    kernels = [_Kernel(folder, WARM_UP, {"QANTAR_TEST_ENV": "given"}, zygote) for _ in range(n)]
    await zygote.start()
    await asyncio.gather(*(k.start() for k in kernels))
    return zygote, kernels


def test_kernels_are_forked_from_one_warmed_process_and_end_with_the_build(tmp_path):
    probe = (
        "import os, sys\n"
        "print(os.getppid(), 'pandas' in sys.modules, os.environ['QANTAR_TEST_ENV'], "
        f"os.getcwd() == os.path.realpath({str(tmp_path)!r}))"
    )

    async def main():
        zygote, kernels = await _started(tmp_path, 2)
        try:
            seen = [await _output(k, probe) for k in kernels]
            # each kernel has a namespace of its own
            await _output(kernels[0], "x = 1")
            other = await _output(kernels[1], "print('x' in globals())")
            pids = [k.km.provisioner.pid for k in kernels]
            alive = [await k.alive() for k in kernels]
        finally:
            await asyncio.gather(*(k.shutdown() for k in kernels))
            await zygote.close()
        return zygote.proc, seen, other, pids, alive

    proc, seen, other, pids, alive = _run(main())
    assert seen == [f"{proc.pid} True given True"] * 2  # forked, warmed up, its environment
    assert other == "False"
    assert alive == [True, True] and len(set(pids)) == 2 and proc.pid not in pids
    assert proc.returncode is not None  # the zygote ended with the build's kernels
    assert all(_gone(pid) for pid in pids)


def test_kernels_end_when_the_process_they_were_forked_from_dies(tmp_path):
    async def main():
        zygote, kernels = await _started(tmp_path, 1)
        pid = kernels[0].km.provisioner.pid
        os.kill(zygote.proc.pid, signal.SIGKILL)  # as when the build itself is killed
        await zygote.proc.wait()
        kernels[0].kc.stop_channels()
        assert _gone(pid), "a kernel outlived the process it was forked from"
        await kernels[0].km.cleanup_resources()  # its connection file
        return pid

    _run(main())
