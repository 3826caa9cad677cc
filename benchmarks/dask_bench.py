"""The local process pool against the Dask engine on a LocalCluster, 1 and 2 workers, in one run.

    python benchmarks/dask_bench.py [--corpus ../shared/corpus/dev] [--docs 5000] [--workers 1 2] [--isolate]

Replicates the corpus to ``--docs`` files in a temporary folder, then for each
worker count: the local engine (``batch.run``, worker processes forked after a
warm-up), and the Dask engine (``run_dask`` writing parts to a temporary folder)
on a new LocalCluster of that many single-threaded worker processes, timed
without the cluster's start (reported apart), cold (first run: each worker
imports the package and fills its caches) and warm (a second run on the same
cluster). Prints docs/s, the Dask/local ratio and the 1 -> 2 worker scaling. ``--isolate``
adds a third Dask run with every document in a forked child (what a partition
costs once a worker died running it: isolate.py).
Numbers are measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _cpu_and_children() -> float:
    return _cpu() + _cpu(resource.RUSAGE_CHILDREN)  # children: isolated documents, once waited for


def _worker_cpu(client) -> float:
    return sum(client.run(_cpu_and_children).values())


def main() -> int:
    from distributed import Client, LocalCluster

    from notice_extract.batch import discover, run
    from notice_extract.distributed import run_dask

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--isolate", action="store_true", help="also time the Dask engine with every document isolated")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args()

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(args.docs):
            f = files[i % len(files)]
            shutil.copyfile(f, src / f"{i:06d}_{f.name}")
        inputs = discover([str(src)])
        n = len(inputs)
        print(f"{n} documents ({len(files)} dev files replicated)")
        for w in args.workers:
            t0, c0, k0 = time.perf_counter(), _cpu(), _cpu(resource.RUSAGE_CHILDREN)
            local = sum(1 for _ in run(inputs, workers=w))  # the pool joins its workers: their CPU is counted
            local_s = time.perf_counter() - t0
            local_cpu = _cpu() - c0 + _cpu(resource.RUSAGE_CHILDREN) - k0
            assert local == n

            t0 = time.perf_counter()
            cluster = LocalCluster(
                n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
            )
            client = Client(cluster)
            start_s = time.perf_counter() - t0
            times, cpus = [], []
            for attempt in ("cold", "warm") + (("isolated",) if args.isolate else ()):
                out = Path(tmp) / f"out-{w}-{attempt}"
                t0, c0, k0 = time.perf_counter(), _cpu(), _worker_cpu(client)
                res = run_dask(client, inputs, str(out), isolate=attempt == "isolated")
                times.append(time.perf_counter() - t0)
                # workers, plus this process: client, scheduler and nannies of a LocalCluster
                cpus.append(_worker_cpu(client) - k0 + _cpu() - c0)
                assert res.records == n
                shutil.rmtree(out)
            partition = res.partition_size
            client.close()
            cluster.close()
            row = {
                "workers": w,
                "local_s": round(local_s, 2),
                "local_docs_s": round(n / local_s, 1),
                "dask_start_s": round(start_s, 2),
                "dask_cold_s": round(times[0], 2),
                "dask_cold_docs_s": round(n / times[0], 1),
                "dask_warm_s": round(times[1], 2),
                "dask_warm_docs_s": round(n / times[1], 1),
                "partition_size": partition,
                "local_docs_per_cpu_s": round(n / local_cpu, 1),
                "dask_cold_docs_per_cpu_s": round(n / cpus[0], 1),
                "dask_warm_docs_per_cpu_s": round(n / cpus[1], 1),
            }
            if args.isolate:
                row["dask_isolated_docs_s"] = round(n / times[2], 1)
                row["dask_isolated_docs_per_cpu_s"] = round(n / cpus[2], 1)
                row["isolated_cpu_per_doc_ms"] = round(1000 * (cpus[2] - cpus[1]) / n, 2)
            row["ratio_cold"] = round(row["dask_cold_docs_s"] / row["local_docs_s"], 3)
            row["ratio_warm"] = round(row["dask_warm_docs_s"] / row["local_docs_s"], 3)
            results.append(row)
            print(json.dumps(row))
    print()
    print("| workers | local docs/s | dask cold docs/s | dask warm docs/s | dask/local (cold, warm) | cluster start s |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['workers']} | {r['local_docs_s']} | {r['dask_cold_docs_s']} | {r['dask_warm_docs_s']} "
            f"| {r['ratio_cold']:.2f}, {r['ratio_warm']:.2f} | {r['dask_start_s']} |"
        )
    by = {r["workers"]: r for r in results}
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print()
    print("CPU cost (contention-proof): documents per CPU-second, all processes of the engine")
    for r in results:
        print(
            f"  {r['workers']} worker(s): local {r['local_docs_per_cpu_s']}, "
            f"dask cold {r['dask_cold_docs_per_cpu_s']}, dask warm {r['dask_warm_docs_per_cpu_s']}"
        )
    for r in results if args.isolate else ():
        print(
            f"  {r['workers']} worker(s), every document isolated: {r['dask_isolated_docs_s']} docs/s, "
            f"{r['dask_isolated_docs_per_cpu_s']} docs per CPU-s ({r['isolated_cpu_per_doc_ms']} ms CPU more per document)"
        )
    if 1 in by and 2 in by:
        for key in ("local_docs_s", "dask_cold_docs_s", "dask_warm_docs_s"):
            print(f"scaling 1 -> 2 workers, {key}: {by[2][key] / by[1][key]:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
