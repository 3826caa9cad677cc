"""Floors that only rise: per document and per field, the score the extractor
must keep on each gold set (``e2e_baseline.json``).

    python tests/floors.py                 # raise floors to the current scores (never lowers one)
    python tests/floors.py --allow-lower   # also lower them; the commit must then say why

A floor is the field's F1 (accuracy for segments, grounding and paths) on one
document, scored by ``notice_extract.scoring`` against the set's gold; a field
with nothing to find and nothing found scores 1.0 (so a new false positive
there falls below it). A document new to the gold gets its floors the next
time this runs. The first format of the file (corpus floors per set) is read
for the history check only.
``tests/test_e2e.py`` fails when a score is below its floor, when a gold
document has no floors, and when a commit lowered a floor without a line
``Floors lowered: <why>`` in its message.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BASELINE = HERE / "e2e_baseline.json"
FORMAT = 2
LOWERED_LINE = "Floors lowered:"
EPS = 1e-9


def sets() -> dict[str, tuple[Path, Path]]:
    shared = REPO.parent / "shared"
    return {
        "shared-dev": (shared / "gold" / "dev", shared / "corpus" / "dev"),
        "training": (REPO / "training" / "gold", REPO / "training" / "corpus"),
    }


def metric(row: dict) -> float | None:
    return row["F1"] if row.get("F1") is not None else row.get("accuracy")


def _rows(table: list[dict]) -> dict[str, float]:
    """Every field of a document's table: its metric, 1.0 when nothing was to find and nothing found."""
    return {r["field"]: 1.0 if metric(r) is None else round(metric(r), 6) for r in table}


def score_corpus_of(name: str):
    """The scorer's ``CorpusScore`` of one gold set against fresh records; None when its gold is absent."""
    from notice_extract.decode import read_file
    from notice_extract.pipeline import extract_file
    from notice_extract.scoring import score_corpus

    gold_dir, corpus_dir = sets()[name]
    golds = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not golds:
        return None
    pairs = []
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        path = corpus_dir / f"{g.stem}.txt"
        rec = extract_file(path)
        pairs.append((gold, json.loads(rec.model_dump_json()), read_file(path)[1].text))
    return score_corpus(pairs)


def score_set(name: str) -> dict[str, dict[str, float]] | None:
    """``{doc_id: {field: score}}`` for one gold set; None when the set's gold is absent."""
    result = score_corpus_of(name)
    return None if result is None else {d.doc_id: _rows(d.table()) for d in result.docs}


def is_current(text: str) -> bool:
    """Is this text of the floors file in the per-document format?"""
    try:
        return json.loads(text).get("format") == FORMAT
    except (ValueError, AttributeError):
        return False


def load(text: str | None = None) -> dict:
    """The floors file as ``{set: {doc: {field: floor}}}`` ({} for the first,
    corpus-level format, which had no per-document floors)."""
    data = json.loads(text) if text is not None else (
        json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {})
    return data["sets"] if data.get("format") == FORMAT else {}


ABOUT = ("floors per gold set, document and field (F1, or accuracy); raise them with `python tests/floors.py`; "
         "a commit that lowers one needs a line 'Floors lowered: <why>'")


def dump(floors: dict) -> str:
    """The file's text: one line per document, so a diff shows which document moved."""
    lines = ["{", f' "about": {json.dumps(ABOUT)},', f' "format": {FORMAT},', ' "sets": {']
    for i, (name, docs) in enumerate(sorted(floors.items())):
        lines.append(f"  {json.dumps(name)}: {{")
        items = sorted(docs.items())
        for j, (doc, fields) in enumerate(items):
            row = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
            lines.append(f"   {json.dumps(doc)}: {row}" + ("," if j < len(items) - 1 else ""))
        lines.append("  }" + ("," if i < len(floors) - 1 else ""))
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def silent_lowerings(repo: Path = REPO, path: str = "tests/e2e_baseline.json") -> list[tuple]:
    """Commits that changed the floors file (in the per-document format) and
    lowered or dropped a floor without a line ``Floors lowered: <why>`` in their
    message: ``(commit, how many, first three)``. Raises ``FileNotFoundError``
    without git, ``subprocess.CalledProcessError`` outside a git checkout."""
    if shutil.which("git") is None:
        raise FileNotFoundError("git")
    _git(repo, "rev-parse", "--is-inside-work-tree")
    out = []
    for c in _git(repo, "log", "--format=%H", "--", path).split():
        try:
            before = _git(repo, "show", f"{c}^:{path}")
        except subprocess.CalledProcessError:
            continue  # the file's first version, or a parent a shallow clone lacks
        if not is_current(before):
            continue  # per-document floors start with the per-document format
        down = lowered(load(before), load(_git(repo, "show", f"{c}:{path}")))
        if not down:
            continue
        message = _git(repo, "log", "-1", "--format=%B", c)
        if not any(line.startswith(LOWERED_LINE) and line[len(LOWERED_LINE):].strip()
                   for line in message.splitlines()):
            out.append((c[:10], len(down), down[:3]))
    return out


def flatten(floors: dict) -> dict[tuple[str, str, str], float]:
    return {(s, d, f): v for s, docs in floors.items() for d, fields in docs.items() for f, v in fields.items()}


def lowered(before: dict, after: dict) -> list[tuple]:
    """``(set, doc, field, before, after)`` for every floor that ``after`` lowers
    or drops (a dropped floor is a lowered one)."""
    a = flatten(after)
    out = []
    for key, v in sorted(flatten(before).items()):
        w = a.get(key)
        if w is None or w < v - EPS:
            out.append((*key, v, w))
    return out


def below(floors: dict, scores: dict) -> list[tuple]:
    """``(doc, field, floor, score)`` where a score fell below its floor (a
    field no longer scored counts as 0)."""
    out = []
    for doc, fields in sorted(floors.items()):
        if doc not in scores:
            continue  # a document whose gold is not here (e.g. ../shared absent) is not scored
        now = scores[doc]
        for f, v in sorted(fields.items()):
            if now.get(f, 0.0) < v - EPS:
                out.append((doc, f, v, now.get(f)))
    return out


def update(allow_lower: bool = False) -> tuple[dict, list[tuple]]:
    """New floors: the current scores where they are higher (or, with
    ``allow_lower``, everywhere); documents and fields new to the gold get theirs."""
    old = load()
    new: dict = {}
    for name in sets():
        scores = score_set(name)
        if scores is None:
            if name in old:
                new[name] = old[name]  # gold not present here: keep its floors as they are
            continue
        prev = old.get(name, {})
        merged: dict = {}
        for doc in sorted(set(prev) | set(scores)):
            if doc not in scores:
                if not allow_lower:
                    merged[doc] = prev[doc]  # a document gone from the gold keeps its floors unless told
                continue
            fields = dict(scores[doc])
            if not allow_lower:
                for f, v in prev.get(doc, {}).items():
                    fields[f] = max(v, fields.get(f, v))
            merged[doc] = fields
        new[name] = merged
    return new, lowered(old, new)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--allow-lower", action="store_true", help="also lower floors to the current scores")
    args = ap.parse_args(argv)
    new, down = update(args.allow_lower)
    raised = [k for k, v in flatten(new).items() if flatten(load()).get(k, -1.0) < v - EPS]
    BASELINE.write_text(dump(new), encoding="utf-8")
    print(f"{BASELINE}: {len(flatten(new))} floors, {len(raised)} raised or new, {len(down)} lowered")
    for s, d, f, v, w in down:
        print(f"  lowered {s} {d} {f}: {v} -> {w}")
    if down:
        print(f"\nCommit this with a line in the message:\n  {LOWERED_LINE} <why each floor above had to go down>")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
