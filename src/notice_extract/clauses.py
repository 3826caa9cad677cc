"""Clause-level evaluation of the party grammar and the deadline normaliser.

A clause gold file (``training/clauses/*.jsonl``, format in
``training/README.md``) holds one assignment clause per line, cut from a real
document with its exact text and offset, and the parties and deadlines a reader
finds in it. ``score_clauses`` runs ``find_responsible`` and ``find_deadlines``
on each clause alone, as a directive's text is read, and scores them with the
SPEC §4 matching the document scorer uses (parties at ``fuzz.ratio >= 85`` after
normalisation, deadlines on kind/start/end/recurrence, one-to-one greedy,
``*_optional`` items neither credited nor penalised).

Parties or deadlines the gold marks ``inherited`` come from a heading or lead-in
outside the clause: no clause-level reader can see them, so they are left out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .extract.deadlines import find_deadlines
from .extract.parties import find_responsible
from .scoring import Counts, _party_score, deadline_score, match_list
from .textmap import build_doc

REQUIRED = ("id", "doc", "group", "clause", "responsible", "deadlines")


class ClauseGoldError(ValueError):
    pass


def load_clauses(paths: Iterable[Path]) -> list[dict]:
    """Every clause of the given ``.jsonl`` files (or folders of them), checked."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        files.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    out, seen = [], set()
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                c = json.loads(line)
            except json.JSONDecodeError as e:
                raise ClauseGoldError(f"{f}:{n}: not JSON ({e.msg})") from None
            missing = [k for k in REQUIRED if k not in c]
            if missing:
                raise ClauseGoldError(f"{f}:{n}: missing {', '.join(missing)}")
            if c["id"] in seen:
                raise ClauseGoldError(f"{f}:{n}: duplicate id {c['id']}")
            seen.add(c["id"])
            out.append(c)
    return out


def predict_clause(clause: dict) -> dict:
    """Parties and deadlines the rules find in one clause, as plain dicts."""
    doc = build_doc(clause["clause"])
    ref = date.fromisoformat(clause["ref_date"]) if clause.get("ref_date") else None
    parties = find_responsible(doc, 0, len(doc.text))
    deadlines = find_deadlines(doc, 0, len(doc.text), ref, None)
    return {
        "responsible": [p.model_dump(include={"value", "kind", "role", "text"}) for p in parties],
        "deadlines": [d.model_dump(include={"kind", "start", "end", "recurrence", "text"}) for d in deadlines],
    }


def _own(items: list[dict]) -> list[dict]:
    return [x for x in items or [] if not x.get("inherited")]


@dataclass
class ClauseScore:
    responsible: Counts = field(default_factory=Counts)
    deadlines: Counts = field(default_factory=Counts)
    role_right: int = 0
    role_pairs: int = 0
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[dict] = field(default_factory=list)
    clauses: int = 0

    def as_dict(self) -> dict[str, Any]:
        def c(x: Counts) -> dict:
            return {"P": x.precision, "R": x.recall, "F1": x.f1, "tp": x.tp, "fp": x.fp, "fn": x.fn}

        return {
            "clauses": self.clauses,
            "responsible": c(self.responsible),
            "role_accuracy": self.role_right / self.role_pairs if self.role_pairs else None,
            "deadlines": c(self.deadlines),
            "responsible_by_group": {g: c(x) for g, x in sorted(self.by_group.items())},
            "errors": self.errors,
        }


def match_clause(cl: dict, pred: dict):
    """The scorer's one-to-one matches of a clause's predicted parties and
    deadlines against its own (not inherited) gold: ``(parties, deadlines)``."""
    m = match_list(_own(cl["responsible"]), _own(cl.get("responsible_optional")), pred["responsible"], _party_score)
    md = match_list(_own(cl["deadlines"]), _own(cl.get("deadlines_optional")), pred["deadlines"], deadline_score)
    return m, md


def score_clauses(clauses: list[dict], predict=predict_clause) -> ClauseScore:
    s = ClauseScore()
    for cl in clauses:
        s.clauses += 1
        pred = predict(cl)
        gold_p = _own(cl["responsible"])
        m, md = match_clause(cl, pred)
        s.responsible.add(m.counts)
        s.by_group[cl["group"]].add(m.counts)
        for gi, pi, _ in m.pairs:
            s.role_pairs += 1
            s.role_right += gold_p[gi].get("role") == pred["responsible"][pi].get("role")
        for gi in m.missed:
            s.errors.append({"id": cl["id"], "field": "responsible", "error": "missed", "gold": gold_p[gi]["value"]})
        for pi in m.spurious:
            s.errors.append({"id": cl["id"], "field": "responsible", "error": "spurious",
                             "pred": pred["responsible"][pi]["value"]})
        gold_d = _own(cl["deadlines"])
        s.deadlines.add(md.counts)
        for gi in md.missed:
            g = gold_d[gi]
            s.errors.append({"id": cl["id"], "field": "deadlines", "error": "missed",
                             "gold": f"{g['kind']} {g.get('start')}..{g.get('end')} {g.get('recurrence')}"})
        for pi in md.spurious:
            p = pred["deadlines"][pi]
            s.errors.append({"id": cl["id"], "field": "deadlines", "error": "spurious",
                             "pred": f"{p['kind']} {p.get('start')}..{p.get('end')} {p.get('recurrence')} ({p.get('text')})"})
    return s


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def evaluate_clauses(
    gold: list[Path],
    fmt: str = "table",
    errors: bool = True,
) -> None:
    """Score the party grammar and the deadline normaliser on clause gold files
    (``training/clauses``): responsible parties and deadlines, P/R/F1, per
    issuer group, and every missed or spurious item."""
    import typer

    try:
        clauses = load_clauses(gold)
    except (OSError, ClauseGoldError) as e:
        typer.echo(f"notice-extract: {e}", err=True)
        raise typer.Exit(2)
    if not clauses:
        typer.echo("notice-extract: no clauses found in " + ", ".join(map(str, gold)), err=True)
        raise typer.Exit(2)
    s = score_clauses(clauses).as_dict()
    if fmt == "json":
        typer.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    r, d = s["responsible"], s["deadlines"]
    lines = [f"**{s['clauses']} clauses**", "", "| field | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name, x in (("responsible", r), ("deadlines", d)):
        lines.append(f"| {name} | {_fmt(x['P'])} | {_fmt(x['R'])} | {_fmt(x['F1'])} | {x['tp']} | {x['fp']} | {x['fn']} |")
    lines.append(f"\nrole accuracy on matched parties: {_fmt(s['role_accuracy'])}\n")
    lines += ["| issuer group | responsible F1 | tp | fp | fn |", "|---|---|---|---|---|"]
    for g, x in s["responsible_by_group"].items():
        lines.append(f"| {g} | {_fmt(x['F1'])} | {x['tp']} | {x['fp']} | {x['fn']} |")
    if errors:
        lines.append("")
        for e in s["errors"]:
            lines.append(f"   {e['id']:10s} {e['field']:12s} {e['error']:8s} {e.get('gold') or e.get('pred')}")
    typer.echo("\n".join(lines))
