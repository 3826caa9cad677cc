"""Command line: ``notice-extract extract | schema | evaluate | audit``."""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from .audit import audit
from .clauses import evaluate_clauses
from .evaluate_cli import evaluate
from .learn.train import make_command as _train_command
from .batch import DEFAULT_TIME_LIMIT, Summary, discover, load_done, now, plan_resume, run
from .models import ErrorRecord, record_json_schema
from .pipeline import extract_text

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Grounded JSON records from Vietnamese administrative notices (THÔNG BÁO).",
)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"notice-extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    pass


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, folders (searched recursively for *.txt), or - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSONL here (default: stdout)."),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write one pretty JSON file per document instead."),
    workers: int = typer.Option(
        max(1, os.cpu_count() or 1), "--workers", "-j", min=1, help="Documents processed in parallel."
    ),
    time_limit: float = typer.Option(DEFAULT_TIME_LIMIT, "--time-limit", help="Seconds per document before it fails."),
    pattern: str = typer.Option("*.txt", "--glob", help="File pattern inside folders."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    resume: bool = typer.Option(
        False, "--resume", help="Keep records already in -o whose sha256 matches an input; extract only the rest."
    ),
) -> None:
    """Extract one record per document, in input order. Exit code 1 if any document failed.

    With -o the output is written to a temporary file and renamed at the end, so
    a killed run never leaves a half-written JSONL behind."""
    if output and out_dir:
        err.print("[red]error:[/] use either -o/--output or --out-dir, not both")
        raise typer.Exit(2)
    inputs, errors = discover(paths, pattern)
    for e in errors:
        err.print(f"[yellow]skipped[/] {e.source.path}: {e.error}")
    if not inputs and not errors:
        err.print("[red]error:[/] no input documents found")
        raise typer.Exit(2)
    if resume and not output:
        err.print("[red]error:[/] --resume needs -o/--output")
        raise typer.Exit(2)
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    kept = load_done(output) if resume and output and output.exists() else {}
    todo, reuse = plan_resume(inputs, kept) if kept else (inputs, {})
    if kept:
        err.print(f"resuming: {len(reuse)} of {len(inputs)} documents already done in {output}")
    tmp = output.with_name(output.name + ".tmp") if output else None
    sink = _open_sink(tmp) if not out_dir else None
    show = progress if progress is not None else err.is_terminal
    summary = Summary()
    start = now()
    try:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            disable=not show,
        ) as bar:
            task = bar.add_task("extracting", total=len(inputs) + len(errors))
            fresh = run(todo, workers=workers, time_limit=time_limit)
            ordered = (reuse[i.doc_id] if i.doc_id in reuse else next(fresh) for i in inputs)
            for rec in itertools.chain(errors, ordered):
                if isinstance(rec, str):  # a line kept from the previous run
                    sink.write(rec + "\n")
                    summary.add_line(rec)
                    bar.advance(task)
                    continue
                summary.add(rec)
                line = rec.model_dump_json()
                if out_dir:
                    target = out_dir / f"{rec.doc_id}.json"
                    part = target.with_suffix(".json.tmp")
                    part.write_text(json.dumps(json.loads(line), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
                    part.replace(target)
                else:
                    sink.write(line + "\n")
                    sink.flush()
                if isinstance(rec, ErrorRecord):
                    err.print(f"[red]failed[/] {rec.doc_id}: {rec.error}")
                bar.advance(task)
    finally:
        if sink is not None and sink is not sys.stdout:
            sink.close()
    if tmp is not None:
        tmp.replace(output)  # only a complete run replaces the output
    summary.seconds = now() - start
    err.print(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


def _open_sink(output: Optional[Path]):
    if output is None:
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return output.open("w", encoding="utf-8")


app.command("evaluate")(evaluate)


@app.command("evaluate-clauses")
def evaluate_clauses_cmd(
    gold: List[Path] = typer.Argument(..., help="Clause gold .jsonl files or folders (training/clauses)."),
    fmt: str = typer.Option("md", "--format", help="md or json."),
    errors: bool = typer.Option(True, "--errors/--no-errors", help="List every missed or spurious item."),
) -> None:
    """Score the party grammar and deadlines on annotated assignment clauses."""
    evaluate_clauses(gold, fmt, errors)

app.command("audit")(audit)
app.command("train")(_train_command(extract_text))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    typer.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
