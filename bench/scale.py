"""Scale: ingest throughput with 1 and with 2 workers on the same corpus, peak RSS per process, bounded
memory on a large JSONL, and the API's latency on SQLite and PostgreSQL (bench/api_latency.py).

A benchmark, not a test. Each ingest is the real command (`observatory ingest FILE --workers N --db ...`) in a
subprocess whose process tree is sampled for resident memory (psutil); throughput comes from the articles the
store holds over time, so the start-up (interpreter, model, Dask cluster) is reported apart from the steady
rate. Timings are given as ratios against a baseline measured in the same run (the 1-worker ingest), because
the machine is shared and absolute rates move with other jobs' load.

The corpus is real news text: the ECB+ documents in ../shared/bench/fusion when present (the benchmark may
read ../shared, the product never does), else the texts in samples/, repeated under fresh ids to the size
asked.

The bounded-memory part writes a large JSONL (``--big-mb``) of articles that are already stored, so the whole
file streams through the reader, the batching and the unchanged-article check without the cost of parsing;
the analysis's own memory is the throughput runs' (measured there, over the first and second half of the run).

    .venv/bin/python bench/scale.py             # everything; PostgreSQL if OBSERVATORY_TEST_PG is set
    .venv/bin/python bench/scale.py --articles 400 --big-mb 1024 --api-events 1000000 \\
        --pg postgresql://postgres@127.0.0.1/observatory_bench

The report is JSON on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "bench" / "fusion" / "ecbplus_docs.dev.jsonl.gz"
OBSERVATORY = Path(sys.executable).parent / "observatory"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the corpus ---------------------------------------------------------------------------------------------


def _detokenised(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"').replace(" n't", "n't").replace(" 's", "'s")


def _texts() -> list[tuple[str, str]]:
    """(title, body) of each source text: ECB+ documents if readable, else the samples' texts."""
    out = []
    if ECB.exists():
        with gzip.open(ECB, "rt", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                sentences = [_detokenised(s["tokens"]) for s in doc["sentences"]]
                if len(sentences) > 1:
                    out.append((sentences[0], "\n\n".join(sentences[1:])))
    if not out:
        for path in sorted((ROOT / "samples").iterdir()):
            if path.suffix == ".jsonl":
                for line in path.read_text().splitlines():
                    item = json.loads(line)
                    out.append((item.get("title") or "", item["text"]))
            elif path.suffix == ".txt":
                lines = path.read_text().strip().split("\n", 1)
                out.append((lines[0], lines[-1]))
    return out


def _articles(texts: list[tuple[str, str]], n: int, tag: str) -> Iterator[dict[str, Any]]:
    for i in range(n):
        title, body = texts[i % len(texts)]
        published = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield {
            "id": f"{tag}-{i:07d}",
            "published": published,
            "title": title,
            "source": "bench",
            "text": body,
        }


def write_corpus(path: Path, texts: list[tuple[str, str]], n: int) -> int:
    with path.open("w", encoding="utf-8") as out:
        for article in _articles(texts, n, "scale"):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path.stat().st_size


def write_big(path: Path, corpus: Path, megabytes: int) -> int:
    """At least ``megabytes`` MB of JSONL: ``corpus`` repeated (the same ids, so all stored already)."""
    lines = corpus.read_bytes()
    target = megabytes * 2**20
    with path.open("wb") as out:
        written = 0
        while written < target:
            out.write(lines)
            written += len(lines)
    return written


# -- one ingest, sampled ------------------------------------------------------------------------------------


def _rss_tree(root: Any, cpu: dict[int, float] | None = None) -> dict[int, tuple[str, int]]:
    """pid -> (role, resident bytes) of ``root`` and its descendants; their CPU seconds so far in ``cpu``."""
    import psutil

    out = {}
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return out
    for proc in procs:
        try:
            rss = proc.memory_info().rss
            cmd = " ".join(proc.cmdline())
            if cpu is not None:
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if proc.pid == root.pid:
            role = "main (reader, writer, fusion)"
        elif "spawn_main" in cmd or "forkserver" in cmd or "multiprocessing" in cmd:
            role = "dask worker" if rss > 200 * 2**20 else "helper"
        else:
            role = "helper"
        out[proc.pid] = (role, rss)
    return out


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def ingest(path: Path, db: Path, workers: int, watch: bool = True) -> dict[str, Any]:
    """`observatory ingest` of ``path`` into ``db``: wall time, steady rate, peak memory of its processes."""
    import psutil

    cmd = ["nice", str(OBSERVATORY), "ingest", str(path), "--workers", str(workers), "--db", str(db)]
    _log(f"scale: {' '.join(cmd[1:])}")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peaks: dict[int, tuple[str, int]] = {}
    cpu: dict[int, float] = {}  # pid -> CPU seconds used (last sample)
    totals: list[tuple[float, int]] = []  # (seconds since start, total resident bytes)
    reads: list[tuple[float, int, int]] = []  # (seconds since start, offset reached in the input, total rss)
    counts: list[tuple[float, int]] = []  # (seconds since start, articles stored)
    stop = threading.Event()

    def sample() -> None:
        last_count = 0.0
        while not stop.is_set():
            now = time.perf_counter() - start
            tree = _rss_tree(root, cpu)
            for pid, (role, rss) in tree.items():
                if rss > peaks.get(pid, ("", 0))[1]:
                    peaks[pid] = (role, rss)
            if tree:
                totals.append((now, sum(rss for _role, rss in tree.values())))
                try:
                    for f in root.open_files():
                        if f.path == str(path.resolve()):
                            reads.append((now, f.position, totals[-1][1]))
                except psutil.Error:
                    pass
            if watch and now - last_count >= 1.0:
                counts.append((now, _stored(db)))
                last_count = now
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"scale: ingest failed ({proc.returncode}):\n{err[-2000:]}")
    stored = _stored(db)
    report: dict[str, Any] = {
        "workers": workers,
        "articles": stored,
        "wall_s": round(wall, 1),
        # other jobs on the machine: the 1-minute load average as the run ended
        "load_avg_1min_at_end": round(os.getloadavg()[0], 1),
    }
    if watch:
        # steady rate: from the first committed batch to the end, so start-up is not counted
        first = next(((t, c) for t, c in counts if c > 0), None)
        if first and wall > first[0]:
            report["startup_s"] = round(first[0], 1)
            report["steady_articles_per_s"] = round((stored - first[1]) / (wall - first[0]), 2)
        report["articles_per_s"] = round(stored / wall, 2)
    mb = 2**20
    report["peak_rss_mb"] = sorted(
        (
            {"pid": pid, "role": role, "mb": round(rss / mb), "cpu_s": round(cpu.get(pid, 0.0), 1)}
            for pid, (role, rss) in peaks.items()
        ),
        key=lambda r: -r["mb"],
    )
    report["peak_rss_mb"] = [r for r in report["peak_rss_mb"] if r["mb"] >= 20]
    if not watch and reads:
        # streaming: from the moment the input is being read (start-up done) to the end
        size = path.stat().st_size
        begun = next((t for t, _read, _rss in reads), None)
        if begun is not None and wall > begun:
            report["startup_s"] = round(begun, 1)
            report["stream_mb_per_s"] = round(size / 2**20 / (wall - begun), 1)
        # peak memory by how much of the input had been read: flat from the first quarter on means bounded
        quarters = [0, 0, 0, 0]
        for _t, read, rss in reads:
            q = min(3, read * 4 // max(1, size))
            quarters[q] = max(quarters[q], rss)
        report["peak_total_rss_mb_by_input_quarter"] = [round(v / 2**20) for v in quarters]
    if totals:
        half = wall / 2
        report["peak_total_rss_mb"] = round(max(v for _t, v in totals) / mb)
        report["peak_total_rss_mb_first_half"] = round(
            max((v for t, v in totals if t <= half), default=0) / mb
        )
        report["peak_total_rss_mb_second_half"] = round(
            max((v for t, v in totals if t > half), default=0) / mb
        )
    return report


# -- the run ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="corpus size for the throughput runs")
    parser.add_argument("--big-mb", type=int, default=1024, help="size of the bounded-memory JSONL (MB)")
    parser.add_argument(
        "--api-events", type=int, default=1_000_000, help="events in the API latency database"
    )
    parser.add_argument("--api-requests", type=int, default=200)
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL database for the API latency part")
    parser.add_argument("--skip", action="append", default=[], choices=["throughput", "memory", "api"])
    args = parser.parse_args()
    report: dict[str, Any] = {"cores": len(os.sched_getaffinity(0)), "load_avg_at_start": os.getloadavg()}

    with tempfile.TemporaryDirectory(prefix="observatory-scale-") as tmp:
        work = Path(tmp)
        texts = _texts()
        corpus = work / "corpus.jsonl"
        size = write_corpus(corpus, texts, args.articles)
        report["corpus"] = {
            "source": "ECB+ dev documents" if ECB.exists() else "samples/",
            "distinct_texts": len(texts),
            "articles": args.articles,
            "mb": round(size / 2**20, 2),
        }
        if "throughput" not in args.skip or "memory" not in args.skip:
            runs = {}
            for workers in (1, 2):
                runs[workers] = ingest(corpus, work / f"w{workers}.sqlite", workers)
                _log(f"scale: {json.dumps(runs[workers])}")
            one, two = runs[1], runs[2]
            report["throughput"] = {
                "one_worker": one,
                "two_workers": two,
                "ratio_2w_1w_wall": round(one["wall_s"] / two["wall_s"], 2),
                "ratio_2w_1w_steady": round(
                    two.get("steady_articles_per_s", 0) / max(1e-9, one.get("steady_articles_per_s", 0)), 2
                ),
                "target_ratio": 1.7,
            }
        if "memory" not in args.skip:
            big = work / "big.jsonl"
            written = write_big(big, corpus, args.big_mb)
            _log(f"scale: {written / 2**20:,.0f} MB of already-stored articles through the ingest command")
            run = ingest(big, work / "w2.sqlite", 2, watch=False)
            run["jsonl_mb"] = round(written / 2**20)
            run["analysis_peak_total_rss_mb"] = (
                report.get("throughput", {}).get("two_workers", {}).get("peak_total_rss_mb")
            )
            run["target_total_rss_mb"] = 2048
            report["bounded_memory"] = run
            big.unlink()
        if "api" not in args.skip:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            import api_latency

            argv = ["--events", str(args.api_events), "--requests", str(args.api_requests)]
            if args.pg:
                argv += ["--pg", args.pg, "--fresh"]
            report["api_latency"] = api_latency.main(argv)
    report["load_avg_at_end"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
