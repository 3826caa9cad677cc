"""``notice-extract review RECORDS... [-o queue.csv|.html]``: the values most
likely to be wrong first.

Reads JSONL records (error records are skipped), lists every calibrated value
(``apply.calibration.walk``) with its document, field, value, confidence, line
and a snippet of the source around it, sorted by confidence (lowest first).
Confidence is the calibrated probability that the value is right, so the top
of the queue is where an analyst finds the most errors per value read
(measured in ``models/README.md``).
"""

from __future__ import annotations

import csv
import json
import sys
from html import escape
from pathlib import Path
from typing import Optional

import typer

from .apply.calibration import walk
from .models import Record

COLUMNS = ["rank", "doc_id", "field", "value", "confidence", "method", "line", "snippet"]


def _value_of(obj) -> str:
    for name in ("value", "name", "number", "serial", "kind"):
        v = getattr(obj, name, None)
        if isinstance(v, str) and v:
            if name == "kind" and getattr(obj, "text", None):
                break
            return v
    text = getattr(obj, "text", None) or ""
    return " ".join(text.split())[:120]


def _source_text(rec: Record) -> Optional[str]:
    path = rec.source.path if rec.source else None
    if not path:
        return None
    try:
        from .decode import read_file

        return read_file(Path(path))[1].text
    except Exception:  # a moved or unreadable source: the queue goes on without a snippet
        return None


def queue_rows(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    data = json.loads(line)
                    if "error" in data:
                        continue
                    rec = Record.model_validate(data)
                except ValueError as exc:
                    print(f"warning: {path}:{n}: not a record ({str(exc)[:80]}); skipped", file=sys.stderr)
                    continue
                text = _source_text(rec)
                for item in walk(rec):
                    obj = item.obj
                    span = getattr(obj, "span", None)
                    line_no, snippet = None, ""
                    if span is None and getattr(obj, "mentions", None):
                        span = obj.mentions[0]
                    if text is not None and span and 0 <= span[0] <= span[1] <= len(text):
                        line_no = text.count("\n", 0, span[0]) + 1
                        a, b = max(0, span[0] - 40), min(len(text), span[1] + 40, span[0] + 160)
                        snippet = " ".join(text[a:b].split())
                    elif getattr(obj, "lines", None):
                        line_no = obj.lines[0]
                    rows.append({"doc_id": rec.doc_id, "field": item.field, "value": _value_of(obj),
                                 "confidence": obj.confidence, "method": obj.method, "line": line_no,
                                 "snippet": snippet or (getattr(obj, "text", None) or "")[:120]})
    rows.sort(key=lambda r: (r["confidence"], r["doc_id"], r["line"] or 0))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return rows


def write_html(rows: list[dict], out: Path) -> None:
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(r[c]) if r[c] is not None else '')}</td>" for c in COLUMNS)
                   + "</tr>" for r in rows)
    out.write_text(f"<!doctype html><meta charset='utf-8'><title>Review queue</title>"
                   f"<style>td,th{{border:1px solid #ccc;padding:2px 6px;font:12px sans-serif}}</style>"
                   f"<h1>Review queue: {len(rows)} values, most likely wrong first</h1>"
                   f"<table><tr>{head}</tr>{body}</table>", encoding="utf-8")


def review(
    records: list[Path] = typer.Argument(..., help="JSONL files written by notice-extract extract"),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="queue.csv or queue.html (default: CSV on stdout)"),
    top: Optional[int] = typer.Option(None, help="only the first N values"),
) -> None:
    """List the extracted values most likely to be wrong first (calibrated confidence, lowest first)."""
    missing = [p for p in records if not p.is_file()]
    if missing:
        typer.echo(f"error: no such file: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(2)
    rows = queue_rows(records)
    if top is not None:
        rows = rows[:top]
    if out is not None and out.suffix.lower() in (".html", ".htm"):
        write_html(rows, out)
    else:
        fh = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        w = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        if out:
            fh.close()
    if out:
        typer.echo(f"{len(rows)} values written to {out}", err=True)
