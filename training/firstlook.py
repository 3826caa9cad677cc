"""Extract first-look records: the extractor as it stood before an annotation
round, run on that round's documents (docs/quality.md, "first look").

    git worktree add --detach /tmp/fl 69fa540
    python training/firstlook.py /tmp/fl g001 g002 ... t017
    python training/firstlook.py --clauses /tmp/fl training/clauses/assign_a.jsonl ...

Each record is written to ``training/firstlook/<commit>/<id>.json`` with the
old checkout's code and rules (its ``src`` first on ``sys.path``, in a child
process so nothing of this checkout is imported). The texts are
``training/corpus/<id>.txt``, the files the gold line numbers index.
``learn/calibration.py`` labels these records against ``training/gold`` and
uses them as held-out-like data (the rules had not seen these issuers).

With ``--clauses`` the round is a clause round (``training/clauses/*.jsonl``):
the old checkout's party grammar and deadline normaliser run on each clause
alone, as ``notice-extract evaluate-clauses`` reads it, and every found party
and deadline is kept whole (method and constant included) in
``training/firstlook/<commit>/clauses-<round file>.jsonl``, one line per clause.
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

CLAUSE_CHILD = r"""
import json, sys
from datetime import date
from pathlib import Path
from notice_extract.extract.deadlines import find_deadlines
from notice_extract.extract.parties import find_responsible
from notice_extract.textmap import build_doc
src, out = Path(sys.argv[1]), Path(sys.argv[2])
with out.open("w", encoding="utf-8") as fh:
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c = json.loads(line)
        doc = build_doc(c["clause"])
        ref = date.fromisoformat(c["ref_date"]) if c.get("ref_date") else None
        fh.write(json.dumps({
            "id": c["id"],
            "responsible": [p.model_dump(mode="json") for p in find_responsible(doc, 0, len(doc.text))],
            "deadlines": [d.model_dump(mode="json") for d in find_deadlines(doc, 0, len(doc.text), ref, None)],
        }, ensure_ascii=False) + "\n")
"""


def _commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short=7", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()


def clauses(checkout: str, *files: str) -> None:
    checkout = Path(checkout).resolve()
    commit = _commit(checkout)
    out = HERE / "firstlook" / commit
    out.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONPATH": str(checkout / "src"), "PATH": "/usr/bin:/bin"}
    for f in files:
        dst = out / f"clauses-{Path(f).stem}.jsonl"
        subprocess.run([sys.executable, "-c", CLAUSE_CHILD, str(Path(f).resolve()), str(dst)],
                       env=env, check=True, cwd=str(checkout))
        print(f"{dst}")


def main(checkout: str, *ids: str) -> None:
    checkout = Path(checkout).resolve()
    commit = _commit(checkout)
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
    if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if sys.argv[1:2] in (["-h"], ["--help"]) else 2)
    if sys.argv[1:2] == ["--clauses"]:
        clauses(*sys.argv[2:])
    else:
        main(*sys.argv[1:])
