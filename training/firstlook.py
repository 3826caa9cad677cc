"""Extract first-look records: the extractor as it stood before an annotation
round, run on that round's documents (docs/quality.md, "first look").

    git worktree add --detach /tmp/fl 69fa540
    python training/firstlook.py /tmp/fl g001 g002 ... t017

Each record is written to ``training/firstlook/<commit>/<id>.json`` with the
old checkout's code and rules (its ``src`` first on ``sys.path``, in a child
process so nothing of this checkout is imported). The texts are
``training/corpus/<id>.txt``, the files the gold line numbers index.
``learn/calibration.py`` labels these records against ``training/gold`` and
uses them as held-out-like data (the rules had not seen these issuers).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys
from pathlib import Path
from notice_extract.pipeline import extract_file
out = Path(sys.argv[1])
for path in sys.argv[2:]:
    rec = extract_file(path)
    (out / (Path(path).stem + ".json")).write_text(rec.model_dump_json(indent=1) + "\n", encoding="utf-8")
"""


def main(checkout: str, *ids: str) -> None:
    checkout = Path(checkout).resolve()
    commit = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short=7", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    out = HERE / "firstlook" / commit
    out.mkdir(parents=True, exist_ok=True)
    paths = [str(HERE / "corpus" / f"{i}.txt") for i in ids]
    env = {"PYTHONPATH": str(checkout / "src"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", CHILD, str(out), *paths], env=env, check=True, cwd=str(checkout))
    (out / "ROUND.json").write_text(json.dumps(
        {"commit": commit, "documents": list(ids),
         "about": "first-look records: this commit's extractor on the round's documents, before any rule saw them"},
        indent=1) + "\n", encoding="utf-8")
    print(f"{len(ids)} records in {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
