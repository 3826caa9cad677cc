"""``notice-extract evaluate``: score predictions (or a fresh run) against gold.

Register with ``app.command("evaluate")(evaluate)``. Exit code 0 after a
report, 2 on bad arguments.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from notice_extract.scoring import CorpusScore, ErrorItem, score_corpus

FORMATS = ("table", "md", "json")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def decode_source(raw: bytes) -> str:
    """The decoded source text the record's spans index into."""
    try:
        from notice_extract.decode import decode_bytes  # written alongside; may be absent
    except ImportError:
        # fallback: UTF-8, a leading BOM is not part of the text
        return raw.decode("utf-8-sig", errors="replace")
    out = decode_bytes(raw)
    if isinstance(out, str):
        return out
    if isinstance(out, tuple):
        return out[0]
    return out.text  # a result object


def _load_gold(gold_dir: Path) -> list[dict]:
    golds = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            _fail(f"gold file {path} is not valid JSON: {exc}")
        if not isinstance(data, dict):
            _fail(f"gold file {path} does not hold a JSON object")
        data.setdefault("doc_id", path.stem)
        golds.append(data)
    if not golds:
        _fail(f"no gold files (*.json) in {gold_dir}")
    return golds


def _load_pred(pred_file: Path, gold_ids: set[str]) -> dict[str, dict]:
    """doc_id -> record, from a JSONL file (one record per line)."""
    preds: dict[str, dict] = {}
    with pred_file.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                _warn(f"{pred_file}:{n}: not JSON ({exc}); line skipped")
                continue
            doc_id = rec.get("doc_id") if isinstance(rec, dict) else None
            if not doc_id:
                _warn(f"{pred_file}:{n}: record without doc_id; skipped")
                continue
            if "error" in rec and "directives" not in rec:  # an ErrorRecord of the batch
                _warn(f"{doc_id}: the extractor failed ({rec['error']})")
                continue
            if doc_id in preds:
                _warn(f"{doc_id}: several records; the first is scored")
                continue
            preds[doc_id] = rec
    for doc_id in sorted(set(preds) - gold_ids):
        _warn(f"{doc_id}: prediction without gold; not scored")
    return preds


def _corpus_file(corpus: Path, gold: dict) -> Optional[Path]:
    candidates = [corpus / f"{gold['doc_id']}.txt"]
    src = (gold.get("source") or {}).get("path")
    if src:
        candidates.append(corpus / Path(src).name)
    return next((c for c in candidates if c.is_file()), None)


def _run_extractor(corpus: Path, golds: list[dict]) -> dict[str, dict]:
    try:
        from notice_extract.pipeline import extract_file
    except ImportError as exc:
        typer.echo(f"error: the extractor is not available ({exc}); use --pred", err=True)
        raise typer.Exit(code=1)
    preds: dict[str, dict] = {}
    for gold in golds:
        path = _corpus_file(corpus, gold)
        if path is None:
            _warn(f"{gold['doc_id']}: no source file in {corpus}")
            continue
        try:
            record = extract_file(path)
        except Exception as exc:  # one bad document must not stop the evaluation
            _warn(f"{gold['doc_id']}: the extractor failed ({type(exc).__name__}: {exc})")
            continue
        rec = record.model_dump(mode="json") if hasattr(record, "model_dump") else dict(record)
        rec["doc_id"] = gold["doc_id"]  # gold is keyed by file stem
        preds[gold["doc_id"]] = rec
    return preds


def _source_text(gold: dict, pred: Optional[dict], gold_dir: Path, corpus: Optional[Path]) -> Optional[str]:
    """The text the record's spans index into: the file the record names, else
    the file the gold names (its path is relative to ``shared/``)."""
    candidates: list[Path] = []
    if corpus is not None:
        found = _corpus_file(corpus, gold)
        if found:
            candidates.append(found)
    pred_src = ((pred or {}).get("source") or {}).get("path")
    if pred_src:
        candidates.append(Path(pred_src))
    gold_src = (gold.get("source") or {}).get("path")
    if gold_src:
        # gold/dev/ -> shared/ holds corpus/dev/...; try every ancestor
        candidates += [base / gold_src for base in gold_dir.resolve().parents]
    for path in candidates:
        if path.is_file():
            try:
                return decode_source(path.read_bytes())
            except Exception as exc:  # undecodable source: score without it
                _warn(f"{gold['doc_id']}: cannot decode {path} ({exc})")
    return None


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def _fmt(v: Optional[float]) -> str:
    return "–" if v is None else f"{v:.3f}"


def _num(v: Optional[int]) -> str:
    return "" if v is None else str(v)


_COLUMNS = ["field", "P", "R", "F1", "Acc", "tp", "fp", "fn", "gold", "pred"]


def _cells(row: dict) -> list[str]:
    name = f"{row['field']} (info)" if row["info"] else row["field"]
    return [
        name, _fmt(row["P"]), _fmt(row["R"]), _fmt(row["F1"]), _fmt(row["accuracy"]),
        _num(row["tp"]), _num(row["fp"]), _num(row["fn"]), _num(row["gold"]), _num(row["pred"]),
    ]


def _clip(s: str, n: int = 100) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _error_line(e: ErrorItem) -> str:
    where = f"L{e.line}" if e.line is not None else "L?"
    parts = [f"{where:>5}", e.field, e.kind]
    if e.gold is not None:
        parts.append(f"gold={_clip(e.gold)!r}")
    if e.pred is not None:
        parts.append(f"pred={_clip(e.pred)!r}")
    if e.note:
        parts.append(f"[{e.note}]")
    return "  ".join(parts)


def render_markdown(score: CorpusScore, errors: bool = True) -> str:
    out = [f"**Headline: {_fmt(score.headline)}** ({len(score.docs)} documents)", ""]
    out.append("| " + " | ".join(_COLUMNS) + " |")
    out.append("|" + "---|" * len(_COLUMNS))
    for row in score.table():
        out.append("| " + " | ".join(_cells(row)) + " |")
    out += ["", "| doc_id | headline | errors |", "|---|---|---|"]
    for d in score.docs:
        out.append(f"| {d.doc_id} | {_fmt(d.headline)} | {len(d.errors)} |")
    if score.warnings:
        out += ["", "Warnings:", ""] + [f"- {w}" for w in score.warnings]
    if errors:
        out += ["", "## Errors"]
        for doc_id, items in score.errors.items():
            out += ["", f"### {doc_id} ({len(items)})", ""]
            out += [f"- `{_error_line(e)}`" for e in items] or ["- none"]
    return "\n".join(out) + "\n"


def render_table(score: CorpusScore, errors: bool, file) -> None:
    from rich.console import Console
    from rich.table import Table

    # a terminal gives its own width; a pipe or file gets a wide fixed one
    is_tty = hasattr(file, "isatty") and file.isatty()
    console = Console(file=file, width=None if is_tty else 160)
    table = Table(title=f"Headline {_fmt(score.headline)} — {len(score.docs)} documents")
    for col in _COLUMNS:
        table.add_column(col, justify="left" if col == "field" else "right")
    for row in score.table():
        table.add_row(*_cells(row), style="dim" if row["info"] else None)
    console.print(table)
    docs = Table(title="Documents")
    for col in ("doc_id", "headline", "errors"):
        docs.add_column(col)
    for d in score.docs:
        docs.add_row(d.doc_id, _fmt(d.headline), str(len(d.errors)))
    console.print(docs)
    if errors:
        for doc_id, items in score.errors.items():
            console.rule(f"{doc_id}: {len(items)} errors")
            for e in items:
                console.print(_error_line(e), markup=False, highlight=False)


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold JSON files (gold/dev)."),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Predictions: JSONL, one record per line, matched to gold by doc_id."
    ),
    corpus: Optional[Path] = typer.Option(
        None, "--corpus", help="Source folder: run the extractor on each gold document first."
    ),
    format: str = typer.Option("table", "--format", help="table, md or json."),
    errors: bool = typer.Option(True, "--errors/--no-errors", help="List the errors per document."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to a file."),
) -> None:
    """Score predictions against gold (SPEC §4): per-field P/R/F1, headline, errors."""
    if format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)} (got {format!r})")
    if not gold.is_dir():
        _fail(f"--gold {gold} is not a folder")
    if (pred is None) == (corpus is None):
        _fail("give exactly one of --pred FILE.jsonl or --corpus DIR")
    if pred is not None and not pred.is_file():
        _fail(f"--pred {pred} is not a file")
    if corpus is not None and not corpus.is_dir():
        _fail(f"--corpus {corpus} is not a folder")

    golds = _load_gold(gold)
    ids = {g["doc_id"] for g in golds}
    preds = _load_pred(pred, ids) if pred is not None else _run_extractor(corpus, golds)

    triples = []
    for g in golds:
        p = preds.get(g["doc_id"])
        source = _source_text(g, p, gold, corpus)
        if source is None:
            _warn(f"{g['doc_id']}: source text not found; segments and grounding not scored")
        triples.append((g, p, source))
    score = score_corpus(triples)
    for w in score.warnings:
        _warn(w)

    if format == "json":
        text = json.dumps(score.to_dict(errors=errors), ensure_ascii=False, indent=2) + "\n"
    elif format == "md":
        text = render_markdown(score, errors)
    else:
        text = None
    if output is not None:
        if text is None:
            buf = io.StringIO()
            render_table(score, errors, buf)
            text = buf.getvalue()
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    elif text is not None:
        sys.stdout.write(text)
    else:
        render_table(score, errors, sys.stdout)
