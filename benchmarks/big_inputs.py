"""Time and peak memory of one large input: is the cost linear in its size?

    python benchmarks/big_inputs.py [--corpus ../shared/corpus/dev] [--sizes 1 5 15] [--line 5]

Builds inputs by gluing the corpus texts (default: the repo's samples/) up to
each size in MB, plus one input of ``--line`` MB made a single line (every
newline a space), and extracts each in a fresh process the way a batch worker
does (``batch.process``, with the worker's memory setting, after the corpus
files so that every lazily loaded model is in). Prints seconds, peak RSS,
seconds per MB, the memory budget of the issue (20 x input + 100 MB), and the
peak above the warm worker per input MB (the part that grows with the input;
pyvi's tagger, loaded on first use without scikit-learn, is about 17 MB). Numbers are
measurements, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from notice_extract.batch import Input, process
from notice_extract.memory import return_large_buffers_to_the_system
return_large_buffers_to_the_system()  # as a batch worker does
path = sys.argv[1]
# a worker that has already read documents (rules, models and pyvi's tagger loaded)
for warm in sys.argv[2:]:
    process(Input(warm, "warm"), time_limit=None, max_bytes=1 << 30)
statm = open("/proc/self/statm").read().split() if sys.platform == "linux" else None
warm_mb = int(statm[1]) * resource.getpagesize() / 2**20 if statm else None
t = time.perf_counter()
rec = process(Input(path, "big"), time_limit=None, max_bytes=1 << 30)
seconds = time.perf_counter() - t
print(json.dumps({
    "seconds": seconds,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "warm_mb": warm_mb,
    "error": getattr(rec, "error", None),
    "glued": any("glued" in w for w in rec.warnings),
}))
"""


def build(texts: list[str], mb: float, one_line: bool) -> bytes:
    blob = "\n\n".join(texts)
    want = int(mb * 1024 * 1024)
    data = (blob * (want // len(blob.encode("utf-8")) + 1)).encode("utf-8")[:want]
    data = data.decode("utf-8", "ignore").encode("utf-8")  # no cut character at the end
    return data.replace(b"\n", b" ") if one_line else data


def measure(path: Path, warm: list[Path]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), *map(str, warm)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "samples")
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 15])
    ap.add_argument("--line", type=float, nargs="*", default=[5])
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    # a small process to subtract: interpreter, extractors and models loaded
    with tempfile.TemporaryDirectory() as tmp:
        base_path = Path(tmp) / "one.txt"
        base_path.write_text(texts[0], encoding="utf-8")
        base = measure(base_path, [])
        print(f"baseline (one notice): {base['seconds']:.2f} s, {base['rss_mb']:.0f} MB peak RSS")
        warm = measure(base_path, files)["warm_mb"]
        if warm:
            print(f"warm worker (after the {len(files)} corpus files, pyvi's tagger loaded): {warm:.0f} MB RSS")
        print(f"{'input':<22}{'MB':>6}{'seconds':>10}{'s/MB':>8}{'peak RSS MB':>13}{'budget MB':>11}"
              f"{'over warm MB/MB':>17}  glued warning")
        cases = [(f"{mb:g} MB, documents", mb, False) for mb in args.sizes]
        cases += [(f"{mb:g} MB, one line", mb, True) for mb in args.line]
        for label, mb, one_line in cases:
            path = Path(tmp) / "big.txt"
            path.write_bytes(build(texts, mb, one_line))
            r = measure(path, files)
            budget = 20 * mb + 100
            flag = "" if r["error"] is None else f"  error: {r['error']}"
            per_mb = (r["rss_mb"] - r["warm_mb"]) / mb if r["warm_mb"] else float("nan")
            print(
                f"{label:<22}{mb:>6g}{r['seconds']:>10.2f}{r['seconds'] / mb:>8.2f}"
                f"{r['rss_mb']:>13.0f}{budget:>11.0f}{per_mb:>17.1f}  {'yes' if r['glued'] else 'no'}{flag}"
            )


if __name__ == "__main__":
    main()
