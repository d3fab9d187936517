"""Benchmark ``vanban convert``: throughput, scaling 1 → 2 workers, peak memory, Dask.

Builds a synthetic archive of N files (default 10,000) from the corpus texts
(vbpl ``documents.jsonl`` and tvpl ``.txt``) in mixed formats (.txt, .md, an
HTML wrapper, and .docx through python-docx), nested in case folders with a
few unsupported files, then runs each configuration in a fresh subprocess:

* 1 and 2 local workers on N files → files/s and the scaling ratio;
* 2 workers on N/5 files → peak RSS at two archive sizes (flat means bounded);
* a Dask LocalCluster of 1 and of 2 worker processes on N files.

Each run is warm: its subprocess first converts a small archive of 60 files
with the same workers (the fork server or the cluster is up, and every worker
has imported its parsers), and only the second conversion is timed.

Files travel in adaptive chunks (vanban.batch.local.Chunking, and
vanban.batch.dask_backend.CHUNKING on Dask), so the ratios printed at the end
(2 local workers over 1, Dask's 2 processes over 1, and over 1 local worker)
measure how well the batch scales, not only the parsers. The machine's
1-minute load average is sampled during each run and printed beside it: on a
machine shared with other jobs, a ratio means little without it. ``--repeat
K`` runs the configurations K times, interleaved, and keeps each one's best run.

Three columns say what the batch machinery costs whatever the load:

* parent CPU ms/file: the CPU of the process running ``convert`` (the walk,
  the manifest, the pool; with Dask also the client and the LocalCluster's
  scheduler, which live in that process), per file;
* round trips/file: chunks cut per file, each one message to a worker and one
  back (locally) or one submitted task (Dask), counted by wrapping
  ``Chunker.next``;
* workers busy: the files' ``seconds`` in the manifest summed, over workers ×
  wall time: how much of the run the workers spent converting rather than
  waiting for the parent.

CPU ms/file: the user + system CPU of every process of the timed run (parent,
workers; with Dask also the scheduler and nannies), sampled with psutil,
divided by the files. It depends less on the load than files/s, but not
nothing: on a shared 2-core VM the same files cost 6.4 CPU ms each with one
worker and 7.5 with two (caches and the hypervisor are shared too).

Peak RSS: the largest RSS of the parent process, and the largest among its
descendants (workers; with Dask also the scheduler and nannies), sampled every
50 ms with psutil (which ships with dask[distributed]). Without psutil the
parent's column falls back to ``ru_maxrss`` (which Linux carries over exec
from the benchmark process, so it overstates) and the worker's says "nan".

Usage::

    python benchmarks/batch.py                 # 10,000 files
    python benchmarks/batch.py --files 2000 --no-dask
    python benchmarks/batch.py --files 3000 --repeat 2

The corpus is found at ``../shared`` beside the repository, or $VANBAN_SHARED.
The vanban measured is the one Python imports (set PYTHONPATH to measure
another checkout); the error types of each run go to stderr.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared corpus directory (``$VANBAN_SHARED`` or ``../shared``)."""
    return Path(os.environ.get("VANBAN_SHARED", ROOT / ".." / "shared"))


def corpus_texts(max_chars: int) -> list[str]:
    """Texts from the vbpl and tvpl corpora, cut to ``max_chars``."""
    corpus = shared_dir() / "corpus"
    texts: list[str] = []
    documents = corpus / "vbpl" / "documents.jsonl"
    if documents.exists():
        with documents.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                if len(text) > 200:
                    texts.append(text[:max_chars])
    for path in sorted((corpus / "tvpl").rglob("*.txt")):
        texts.append(path.read_text(encoding="utf-8", errors="replace")[:max_chars])
    if not texts:
        sys.exit(f"no corpus texts under {corpus}; set VANBAN_SHARED")
    return texts


def _docx_bytes(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for para in text.splitlines()[:400]:
        document.add_paragraph(para)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _file_content(text: str, fmt: str) -> bytes:
    if fmt == "md":
        lines = text.splitlines()
        return ("**" + lines[0] + "**\n\n" + "\n\n".join(lines[1:])).encode("utf-8")
    if fmt == "html":
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
        head = "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        return f"{head}<body>{body}</body></html>".encode()
    return text.encode("utf-8")


def build_archive(root: Path, n: int, max_chars: int, seed: int = 5) -> dict[str, int]:
    """Write ``n`` files under ``root``; return the count per extension."""
    rng = random.Random(seed)
    texts = corpus_texts(max_chars)
    formats = ["txt"] * 45 + ["md"] * 20 + ["html"] * 20 + ["docx"] * 10 + ["xlsx"] * 5
    docx_cache: dict[int, bytes] = {}
    counts: dict[str, int] = {}
    for i in range(n):
        fmt = rng.choice(formats)
        k = rng.randrange(len(texts))
        folder = root / f"ho_so_{i % 97:02d}" / f"nam_{2015 + i % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "docx":
            data = docx_cache.get(k) or docx_cache.setdefault(k, _docx_bytes(texts[k]))
        elif fmt == "xlsx":
            data = b"PK\x03\x04" + os.urandom(64)
        else:
            data = _file_content(texts[k], fmt)
        (folder / f"van_ban_{i:05d}.{fmt}").write_bytes(data)
        counts[fmt] = counts.get(fmt, 0) + 1
    return counts


def _sample_load(loads: list[float], stop: threading.Event) -> None:
    """Record the 1-minute load average every second until ``stop``."""
    while not stop.wait(1.0):
        loads.append(os.getloadavg()[0])


def _sample_tree(
    pid: int, peaks: dict[str, int], cpu: dict[int, float], stop: threading.Event
) -> None:
    """Record the largest RSS of ``pid`` and among its descendants until ``stop``.

    ``cpu`` gets each process's latest user + system CPU seconds (a process
    that exits keeps its last sample, up to 50 ms short).
    """
    import psutil

    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.wait(0.05):
        try:
            peaks["parent"] = max(peaks.get("parent", 0), parent.memory_info().rss)
            times = parent.cpu_times()
            cpu[pid] = times.user + times.system
            children = parent.children(recursive=True)
        except psutil.NoSuchProcess:
            return
        for child in children:
            try:
                peaks["worker"] = max(peaks.get("worker", 0), child.memory_info().rss)
                times = child.cpu_times()
                cpu[child.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                continue


def measure(src: Path, workers: int, dask: bool, warm: Path) -> dict[str, Any]:
    """Run one conversion in a fresh subprocess (after a warm-up run); return its numbers."""
    out = Path(tempfile.mkdtemp(prefix="vanban-bench-out-"))
    cmd = [sys.executable, __file__, "--child", str(src), str(out), str(workers), str(warm)]
    cmd += ["--dask"] if dask else []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peaks: dict[str, int] = {}
    cpu: dict[int, float] = {}
    stop = threading.Event()
    loads = [os.getloadavg()[0]]
    load_sampler = threading.Thread(target=_sample_load, args=(loads, stop), daemon=True)
    load_sampler.start()
    try:
        import psutil  # noqa: F401

        sampler = threading.Thread(
            target=_sample_tree, args=(proc.pid, peaks, cpu, stop), daemon=True
        )
        sampler.start()
    except ImportError:
        sampler = None
    assert proc.stdout is not None
    baseline: dict[int, float] = {}
    lines = []
    for line in proc.stdout:  # "timing" when the warm-up is over: its CPU is not counted
        if line.strip() == "timing":
            baseline = dict(cpu)
        else:
            lines.append(line)
    proc.wait()
    stdout = "".join(lines)
    stop.set()
    load_sampler.join()
    if sampler:
        sampler.join()
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark child failed: {cmd}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result["load"] = sum(loads) / len(loads)
    # CPU of every process of the timed run (the warm-up and cluster startup left out)
    spent = sum(cpu.values()) - sum(baseline.get(pid, 0.0) for pid in cpu)
    result["cpu_ms_per_file"] = 1000 * spent / result["files"] if cpu else float("nan")
    print(
        f"  {result['files_per_s']:.1f} files/s (load {result['load']:.1f}); "
        f"errors: {result['errors']}",
        file=sys.stderr,
    )
    result["worker_rss_mb"] = peaks["worker"] / 2**20 if "worker" in peaks else float("nan")
    if "parent" in peaks:  # ru_maxrss survives exec, so it starts at this process's peak
        result["parent_rss_mb"] = peaks["parent"] / 2**20
    return result


def _count_chunks() -> dict[str, int]:
    """Count the chunks the batch cuts: each is one round trip (a pipe message there and
    back locally, one submitted task on Dask), whatever the machine's load."""
    from vanban.batch import local

    counts = {"chunks": 0, "items": 0}
    cut = local.Chunker.next

    def counted(self: Any) -> Any:
        chunk = cut(self)
        if chunk is not None:
            counts["chunks"] += 1
            counts["items"] += len(chunk.items)
        return chunk

    local.Chunker.next = counted  # type: ignore[method-assign]
    return counts


def child(src: str, out: str, workers: int, dask: bool, warm: str) -> None:
    """The measured run (in its own process), after a warm-up run on ``warm``.

    The warm-up starts the fork server (or the cluster's workers) and lets
    each worker import its parsers, so the timed run measures steady work.
    """
    from vanban.batch import convert

    counts = _count_chunks()
    warm_out = tempfile.mkdtemp(prefix="vanban-bench-warm-")
    if dask:
        import dask.config
        from distributed import Client, LocalCluster

        from vanban.batch import convert_on_dask

        # the worker's statistical profiler samples every thread 100 times a second
        dask.config.set({"distributed.worker.profile.enabled": False})
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            convert_on_dask(warm, warm_out, client=client)
            counts.update(chunks=0, items=0)
            print("timing", flush=True)
            cpu, started = time.process_time(), time.perf_counter()
            summary = convert_on_dask(src, out, client=client)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
    else:
        convert(warm, warm_out, workers=workers)
        counts.update(chunks=0, items=0)
        print("timing", flush=True)
        cpu, started = time.process_time(), time.perf_counter()
        summary = convert(src, out, workers=workers)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    shutil.rmtree(warm_out, ignore_errors=True)
    with Path(out, "manifest.jsonl").open(encoding="utf-8") as f:
        busy = sum(json.loads(line)["seconds"] for line in f)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "files": summary.total,
                "ok": summary.count("ok"),
                "failed": summary.count("failed"),
                "skipped": summary.count("skipped"),
                "seconds": seconds,
                "files_per_s": summary.total / seconds,
                "parent_rss_mb": peak_kb / 1024,
                "parent_cpu_ms_per_file": 1000 * cpu / summary.total,
                "round_trips_per_file": counts["chunks"] / summary.total,
                "busy": busy / (workers * seconds),
                "errors": dict(summary.errors.most_common(4)),
            }
        )
    )


def rows(args: argparse.Namespace, work: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Build the archives and yield (label, numbers) per configuration."""
    small_n = max(1, args.files // 5)
    big, small, warm = work / "big", work / "small", work / "warm"
    print(f"building {args.files} + {small_n} files…", file=sys.stderr)
    counts = build_archive(big, args.files, args.max_chars)
    build_archive(small, small_n, args.max_chars, seed=6)
    build_archive(warm, 60, args.max_chars, seed=7)
    print(f"formats: {counts}", file=sys.stderr)
    configs = [(f"local, 1 worker, {args.files} files", big, 1, False)]
    configs += [(f"local, 2 workers, {args.files} files", big, 2, False)]
    configs += [(f"local, 2 workers, {small_n} files", small, 2, False)]
    if not args.no_dask:
        configs += [(f"Dask LocalCluster, 1 process, {args.files} files", big, 1, True)]
        configs += [(f"Dask LocalCluster, 2 processes, {args.files} files", big, 2, True)]
    best: dict[str, dict[str, Any]] = {}
    for round_ in range(args.repeat):
        for label, src, workers, dask in configs:
            print(f"running ({round_ + 1}/{args.repeat}): {label}…", file=sys.stderr)
            result = measure(src, workers, dask, warm)
            if label not in best or result["files_per_s"] > best[label]["files_per_s"]:
                best[label] = result
    for label, *_ in configs:
        yield label, best[label]


# (numerator, denominator, label): configurations found by the start of their label
RATIOS = [
    ("local, 2 workers", "local, 1 worker", "local, 2 workers / 1 worker"),
    ("Dask LocalCluster, 2", "Dask LocalCluster, 1", "Dask, 2 processes / 1 process"),
    ("Dask LocalCluster, 2", "local, 1 worker", "Dask, 2 processes / local 1 worker"),
]


def _find(results: dict[str, dict[str, Any]], start: str) -> dict[str, Any] | None:
    """The first configuration (the big archive) whose label starts with ``start``."""
    return next((r for label, r in results.items() if label.startswith(start)), None)


def main() -> None:
    """Parse the arguments, run the benchmark, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="archive size (default 10000)")
    parser.add_argument("--max-chars", type=int, default=8000, help="characters kept per text")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of every run; the best of each is kept"
    )
    parser.add_argument(
        "--child", nargs=4, metavar=("SRC", "OUT", "WORKERS", "WARM"), help=argparse.SUPPRESS
    )
    parser.add_argument("--dask", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.dask, args.child[3])
        return
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        results = list(rows(args, Path(tmp)))
    columns = ["run", "files", "ok / failed / skipped", "files/s"]
    columns += ["parent peak RSS (MB)", "worker peak RSS (MB)", "CPU ms/file"]
    columns += ["parent CPU ms/file", "round trips/file", "workers busy", "load average"]
    print("| " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * (len(columns) - 1))
    for label, r in results:
        status = f"{r['ok']:.0f} / {r['failed']:.0f} / {r['skipped']:.0f}"
        print(
            f"| {label} | {r['files']:.0f} | {status} | {r['files_per_s']:.1f} "
            f"| {r['parent_rss_mb']:.0f} | {r['worker_rss_mb']:.0f} "
            f"| {r['cpu_ms_per_file']:.1f} | {r['parent_cpu_ms_per_file']:.2f} "
            f"| {r['round_trips_per_file']:.3f} | {100 * r['busy']:.0f} % | {r['load']:.1f} |"
        )
    by = dict(results)
    print()
    for top, bottom, what in RATIOS:
        a, b = _find(by, top), _find(by, bottom)
        if a and b:
            print(f"{what}: {a['files_per_s'] / b['files_per_s']:.2f}×")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"cores: {os.cpu_count()}, Python {sys.version.split()[0]}, load average now: {load}")


if __name__ == "__main__":
    main()
