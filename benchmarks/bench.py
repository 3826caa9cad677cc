"""Throughput and memory of the full pipeline on the dev corpus.

    python benchmarks/bench.py [--corpus ../shared/corpus/dev] [--docs 1000] [--workers 1 2]
                               [--calibration on|off]

Replicates the corpus up to ``--docs`` documents (in memory, round robin), runs
the batch for each worker count, and prints docs/s, chars/s and peak RSS per
worker process; then times pyvi tokenising the same texts and prints the ratio
(pipeline time / pyvi time). Numbers are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from notice_extract.batch import Input, run

REPO = Path(__file__).resolve().parents[1]


def _peak_rss_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest child
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu_seconds() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-pyvi", action="store_true", help="skip the pyvi comparison")
    ap.add_argument("--calibration", choices=["on", "off"], default=None,
                    help="calibrated confidence on or off (default: as shipped); the workers are forked, so it holds there too")
    args = ap.parse_args()
    if args.calibration is not None:
        from notice_extract.apply.config import configure

        configure(calibration=args.calibration == "on")

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    texts = [f.read_bytes() for f in files]
    chars_per_round = sum(len(t.decode("utf-8", "replace")) for t in texts)

    with tempfile.TemporaryDirectory() as tmp:
        # the batch reads files, as in production: write the replicas once
        inputs = []
        for i in range(args.docs):
            src = files[i % len(files)]
            dst = Path(tmp) / f"{i:05d}_{src.name}"
            dst.write_bytes(texts[i % len(files)])
            inputs.append(Input(path=str(dst), doc_id=dst.stem))
        total_chars = sum(len(Path(i.path).read_bytes().decode("utf-8", "replace")) for i in inputs)

        print(f"corpus: {len(files)} files, {chars_per_round} chars; replicated to {len(inputs)} documents")
        pipeline_seconds = None
        for workers in args.workers:
            cpu0 = _cpu_seconds()
            t0 = time.perf_counter()
            failed = sum(1 for rec in run(inputs, workers=workers) if rec.error)
            dt = time.perf_counter() - t0
            cpu = _cpu_seconds() - cpu0
            if workers == 1:
                pipeline_seconds = dt
            # documents always run in worker processes (the parent only schedules)
            rss = _peak_rss_mb(resource.RUSAGE_CHILDREN)
            print(
                f"workers={workers}: {len(inputs) / dt:8.1f} docs/s  {total_chars / dt / 1e6:6.2f} M chars/s  "
                f"{dt:6.2f} s  peak RSS/worker {rss:6.0f} MB  failed={failed}"
            )
            # CPU seconds of the parent and its workers (start-up included): on a busy
            # machine wall time measures the neighbours, this measures the pipeline
            print(f"           {len(inputs) / cpu:8.1f} docs per CPU-second ({cpu:.2f} CPU-s, parent and workers)")

        # cost must be linear in document count: time the first and second half
        half = inputs[: len(inputs) // 2]
        t0 = time.perf_counter()
        for _ in run(half, workers=1):
            pass
        dt_half = time.perf_counter() - t0
        if pipeline_seconds:
            print(f"linearity: {len(half)} docs {dt_half:.2f} s vs {len(inputs)} docs {pipeline_seconds:.2f} s "
                  f"(ratio {pipeline_seconds / dt_half:.2f}, 2.0 is linear)")

    # per-document latency on the original files
    from notice_extract.pipeline import extract_bytes

    lat = []
    for data in texts:
        t0 = time.perf_counter()
        extract_bytes(data)
        lat.append((time.perf_counter() - t0) * 1000)
    print(f"latency per document: median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms")

    if not args.no_pyvi and pipeline_seconds:
        from pyvi import ViTokenizer

        decoded = [t.decode("utf-8", "replace") for t in texts]
        ViTokenizer.tokenize("khởi động")  # load the model outside the timing
        t0 = time.perf_counter()
        for i in range(args.docs):
            ViTokenizer.tokenize(decoded[i % len(decoded)])
        dt = time.perf_counter() - t0
        print(f"pyvi tokenise alone: {args.docs / dt:8.1f} docs/s  ({dt:.2f} s); "
              f"pipeline/pyvi time ratio {pipeline_seconds / dt:.2f}")
    print(f"cpu count: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
