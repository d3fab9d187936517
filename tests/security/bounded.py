"""Run one hostile case in a child process, under a CPU-time and memory bound.

A crash (segfault), a hang or a memory bomb in the case must fail the test,
not the test run, so each case runs in ``python -c`` with ``RLIMIT_CPU`` and
``RLIMIT_AS`` set, a wall-clock timeout on top, and reports back as JSON:
what came out (a Document, which VanbanError, or which other exception), the
CPU seconds the case itself took and the process's peak RSS.

    result = run_case('''
        def case():
            return vanban.parse(b"{\\\\rtf1 \\\\u9999999?}")
    ''', cpu=10, mem_mb=300)
    result.assert_ok()             # a Document or a VanbanError, within the bounds

Timing scaling (``2× input → ≤ 2.5× time``) is :func:`cpu_scaling`: the case
builds its input from a size ``n`` and is timed (CPU time, the best of a few
runs, robust to a loaded machine) at ``n`` and ``2n`` in one child.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"

_PRELUDE = r"""
import dataclasses, io, json, os, resource, sys, time, zipfile, zlib
cpu, as_mb = {cpu!r}, {as_mb!r}
resource.setrlimit(resource.RLIMIT_CPU, (int(cpu) + 1, int(cpu) + 2))
resource.setrlimit(resource.RLIMIT_AS, (as_mb * 2**20, as_mb * 2**20))
import vanban
from vanban.limits import DEFAULT_LIMITS
sys.path.insert(0, {helpers!r})
from builders import *
"""

_RUN = r"""
def _peak_rss_mb():
    # VmHWM is this process's own peak; ru_maxrss also counts the parent's RSS at fork
    # (Linux carries it over exec), so a big pytest process would show through
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def _report(**kw):
    kw["rss_mb"] = _peak_rss_mb()
    sys.stdout.write("\n@@RESULT@@" + json.dumps(kw, default=str) + "\n")

_t0 = time.process_time()
try:
    _value = case()
except BaseException as _exc:
    _report(
        outcome=type(_exc).__name__,
        vanban_error=isinstance(_exc, vanban.VanbanError),
        message=str(_exc)[:2000],
        cpu=time.process_time() - _t0,
    )
else:
    _cpu = time.process_time() - _t0
    if isinstance(_value, vanban.Document):
        _value = {{"json_chars": len(_value.model_dump_json()),
                  "issues": [i.code for i in _value.issues]}}
    _report(outcome="ok", vanban_error=False, value=_value, cpu=_cpu)
"""

_SCALE = r"""
def _best(n, runs):
    data = build({n})
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        run(data)
        best = min(best, time.process_time() - t)
    return best

def case():
    run(build(max(1, {n} // 50)))  # warm up imports and caches
    small = _best({n}, {runs})
    large = _best(2 * {n}, {runs})
    return {{"small": small, "large": large, "ratio": large / max(small, 1e-6)}}
"""


@dataclass
class Result:
    """What the child reported (or how it died)."""

    returncode: int
    outcome: str = ""
    vanban_error: bool = False
    message: str = ""
    cpu: float = 0.0
    rss_mb: float = 0.0
    value: Any = None
    stderr: str = field(default="", repr=False)

    def assert_ok(self, *, cpu: float | None = None, mem_mb: float | None = None) -> None:
        """A Document or a VanbanError came out, within the given bounds."""
        assert self.outcome, f"the child died (exit code {self.returncode}):\n{self.stderr[-3000:]}"
        assert self.outcome == "ok" or self.vanban_error, (
            f"raw exception {self.outcome}: {self.message}\n{self.stderr[-3000:]}"
        )
        if cpu is not None:
            assert self.cpu < cpu, f"took {self.cpu:.2f} s of CPU (bound {cpu} s)"
        if mem_mb is not None:
            assert self.rss_mb < mem_mb, f"peak RSS {self.rss_mb:.0f} MB (bound {mem_mb} MB)"

    def assert_raised(self, name: str, match: str = "") -> None:
        """The case raised the VanbanError subclass ``name`` (message containing ``match``)."""
        self.assert_ok()
        assert self.outcome == name, f"expected {name}, got {self.outcome}: {self.message}"
        assert match in self.message, f"{match!r} not in {self.message!r}"


def run_case(
    code: str,
    *,
    cpu: float,
    mem_mb: float,
    wall: float | None = None,
    as_mb: int | None = None,
) -> Result:
    """Run ``code`` (defining ``case()``) in a child; check the bounds with :meth:`Result.assert_ok`.

    ``cpu`` and ``mem_mb`` are the bounds the test asserts; the child's hard
    limits (``RLIMIT_CPU``, ``RLIMIT_AS``) sit above them so that a runaway
    case is stopped rather than left to eat the machine.
    """
    as_limit = as_mb or int(mem_mb * 2 + 1024)
    source = (
        _PRELUDE.format(cpu=cpu * 2 + 5, as_mb=as_limit, helpers=str(Path(__file__).parent))
        + textwrap.dedent(code)
        + _RUN.format()
    )
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", source],
            capture_output=True,
            text=True,
            timeout=wall or (cpu * 3 + 60),
            cwd=ROOT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the case hung (no result after {exc.timeout:g} s)") from exc
    marker = done.stdout.rfind("@@RESULT@@")
    if marker < 0:
        return Result(returncode=done.returncode, stderr=done.stderr + done.stdout[-2000:])
    report = json.loads(done.stdout[marker + len("@@RESULT@@") :])
    return Result(returncode=done.returncode, stderr=done.stderr, **report)


def cpu_scaling(code: str, n: int, *, runs: int = 3, cpu: float = 120.0) -> float:
    """CPU-time ratio of ``run(build(2n))`` to ``run(build(n))``, best of ``runs`` each.

    ``code`` defines ``build(n) -> input`` and ``run(input)``; a linear case
    gives about 2.
    """
    result = run_case(
        textwrap.dedent(code) + _SCALE.format(n=n, runs=runs), cpu=cpu, mem_mb=3000, as_mb=4000
    )
    result.assert_ok()
    assert result.outcome == "ok", result.message
    assert result.value["small"] > 0.005, f"too fast to time: {result.value}"
    ratio: float = result.value["ratio"]
    return ratio
