"""Command line: ``notice-extract extract | schema | evaluate | audit``."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import List, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from .audit import audit
from .clauses import evaluate_clauses
from .cli_tables import tables_command
from .evaluate_cli import evaluate
from .learn.train import make_command as _train_command
from .review import review
from .batch import (
    DEFAULT_PATTERN,
    DEFAULT_TIME_LIMIT,
    MAX_BYTES,
    STDIN,
    NotJsonl,
    PoolError,
    Summary,
    discover,
    load_done,
    now,
    plan_resume,
    run,
)
from .convert import DEFAULT_MAX_PAGES, DEFAULT_OCR_TIME_LIMIT, MAX_FILE_BYTES, OCR_MODES, ConvertOptions
from .models import record_json_schema
from .output import OutputDir, OutputFile
from .pipeline import extract_text

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Grounded JSON records from Vietnamese administrative notices (THÔNG BÁO).",
)
err = Console(stderr=True, soft_wrap=True)  # one message, one line (logs, grep)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"notice-extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    pass


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Interrupted(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _on_sigterm(signum, frame):
    raise _Interrupted()


def _fail(message: str) -> NoReturn:
    """A usage or I/O error of the run itself: one line, exit 2."""
    err.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(EXIT_USAGE)


@app.command()
def extract(
    paths: List[str] = typer.Argument(
        ...,
        help="Files, folders (searched recursively for *.txt, *.docx, *.doc, *.pdf, any case), or - for stdin.",
    ),
    output: Optional[str] = typer.Option(
        None,
        "-o",
        "--output",
        help="Write JSONL here (default: stdout). An existing file needs --force or --resume. "
        "With --engine dask: a folder or fsspec URL for the parts and their manifest.",
    ),
    out_dir: Optional[Path] = typer.Option(
        None,
        "--out-dir",
        help="Write one pretty JSON file per document instead (DOC_ID.json). Files there for these documents "
        "need --force or --resume.",
    ),
    workers: int = typer.Option(
        max(1, os.cpu_count() or 1), "--workers", "-j", min=1, help="Documents processed in parallel."
    ),
    time_limit: Optional[float] = typer.Option(
        None,
        "--time-limit",
        help=f"Seconds per document (reading and converting included) before it fails; > 0. "
        f"Default {DEFAULT_TIME_LIMIT:g}, and {DEFAULT_OCR_TIME_LIMIT:g} for a document that needs OCR; "
        "a value given here applies to every document.",
    ),
    max_bytes: Optional[int] = typer.Option(
        None,
        "--max-bytes",
        min=1,
        help=f"Largest input accepted, in bytes (files and stdin); larger ones fail. Default {MAX_BYTES} "
        f"for text, {MAX_FILE_BYTES} for .docx/.doc/.pdf; a value given here holds for every file.",
    ),
    pattern: str = typer.Option(
        DEFAULT_PATTERN, "--glob", help="File patterns inside folders, comma-separated (case-insensitive)."
    ),
    ocr: str = typer.Option(
        "auto",
        "--ocr",
        help="OCR of scanned PDF pages (Tesseract, Vietnamese): auto = pages without a text layer, "
        "always = every page, never = none (a scan then fails).",
    ),
    max_pages: int = typer.Option(
        DEFAULT_MAX_PAGES, "--max-pages", min=1, help="Pages read per PDF; the rest is skipped with a warning."
    ),
    text_dir: Optional[Path] = typer.Option(
        None,
        "--text-dir",
        help="Write the text each record's spans index (converted from .docx/.doc/.pdf, or decoded) "
        "as DIR/DOC_ID.txt; source.text_path names it.",
    ),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    resume: bool = typer.Option(
        False,
        "--resume",
        help="Continue an earlier or interrupted run into -o or --out-dir: keep its records whose doc_id, path "
        "and sha256 match an input, extract only the rest.",
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace an existing -o (or the files of these documents in --out-dir), and run even if another run "
        "holds the lock on it.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors of the run itself (no summary)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print every document and every note."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="--engine dask: address of a Dask scheduler (default: a LocalCluster of --workers)."
    ),
    partition_size: Optional[int] = typer.Option(
        None, "--partition-size", min=1, help="--engine dask: documents per part (default: about 4 per worker thread, at most 1000)."
    ),
    tables: Optional[str] = typer.Option(
        None, "--tables", help="Also write the flat tables (docs/tables.md) to this folder or URL."
    ),
    tables_format: str = typer.Option("parquet", "--tables-format", help="parquet or csv."),
) -> None:
    """Extract one record per document, in input order.

    Exit codes: 0 all documents OK; 1 some documents failed (each has an error
    record); 2 usage or I/O error of the run itself (nothing extracted, or the
    output could not be written); 130 interrupted (SIGINT/SIGTERM): completed
    records are kept and --resume continues.

    With -o, records go to a journal beside the output (OUT.<id>.part), one line
    per completed document, and the journal becomes OUT only when the run is
    complete; a lock (OUT.lock) keeps a second run from writing the same OUT.
    With --out-dir, each file is written under a temporary name and renamed
    (whole or absent), and DIR/.notice-extract.lock keeps a second run out.
    Inputs with the same file name get doc_ids name, name~2, ... (one file
    each). Off Linux: without fcntl (Windows) runs are not locked, and
    workers notice a dead parent by polling (0.5 s), not PR_SET_PDEATHSIG."""
    # ---- check every argument before any work
    if output and out_dir:
        _fail("use either -o/--output or --out-dir, not both")
    if quiet and verbose:
        _fail("use either --quiet or --verbose, not both")
    if time_limit is not None and not time_limit > 0:
        _fail(f"--time-limit must be a number of seconds > 0 (got {time_limit:g})")
    if ocr not in OCR_MODES:
        _fail(f"--ocr must be one of {', '.join(OCR_MODES)} (got {ocr})")
    if text_dir is not None and text_dir.exists() and not text_dir.is_dir():
        _fail(f"--text-dir {text_dir} is not a folder")
    convert_options = ConvertOptions(
        ocr=ocr,  # type: ignore[arg-type]
        max_pages=max_pages,
        # a limit given on the command line holds for every document, OCR or not
        ocr_time_limit=None if (time_limit is not None or ocr == "never") else DEFAULT_OCR_TIME_LIMIT,
        text_dir=str(text_dir) if text_dir is not None else None,
        max_file_bytes=None if max_bytes is not None else MAX_FILE_BYTES,
    )
    if max_bytes is None:
        max_bytes = MAX_BYTES
    if time_limit is None:
        time_limit = DEFAULT_TIME_LIMIT
    if resume and not (output or out_dir):
        _fail("--resume needs -o/--output or --out-dir")
    if output is not None and engine != "dask":
        output = Path(output)
        if output.is_dir():
            _fail(f"-o {output} is a folder; name a file (or use --out-dir)")
        if output.exists() and not (force or resume):
            _fail(f"-o {output} exists; use --resume to continue it or --force to replace it")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        _fail(f"--out-dir {out_dir} is not a folder")
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask (got {engine})")
    if tables_format not in ("parquet", "csv"):
        _fail(f"--tables-format must be parquet or csv (got {tables_format})")
    if engine == "dask":
        from . import cli_dask

        problem = cli_dask.usage_error(paths, output, out_dir, resume, force, tables)
        if problem:
            _fail(problem)
        raise typer.Exit(
            cli_dask.extract_dask(
                paths, output, scheduler=scheduler, workers=workers, partition_size=partition_size,
                time_limit=time_limit, max_bytes=max_bytes, pattern=pattern, progress=progress, resume=resume,
                quiet=quiet, verbose=verbose, tables=tables, tables_format=tables_format, force=force,
            )
        )
    if scheduler or partition_size:
        _fail("--scheduler and --partition-size are options of --engine dask")
    if tables:
        from .cli_tables import tables_usage_error

        problem = "--tables with the local engine needs -o" if not output else tables_usage_error(tables, force or resume)
        if problem:
            _fail(problem)

    def note(msg: str) -> None:
        if verbose:
            err.print(escape(msg))

    def warn(msg: str) -> None:
        if not quiet:
            err.print(f"[yellow]warning:[/] {escape(msg)}")

    notes: list[str] = []
    inputs = discover(paths, pattern, notes)
    for n in notes:
        note(n)
    if not inputs:
        _fail(f"no input documents found (pattern {pattern})")

    # ---- claim the output: lock, journal, what to keep
    target: Optional[OutputFile] = None
    folder: Optional[OutputDir] = None
    keep: dict = {}
    try:
        if output is not None:
            target = OutputFile(output)
            if not target.lock() and not force:
                _fail(f"another run is writing {output} (lock {target.lock_path} is held); use --force to run anyway")
            old_journals = target.stale_journals()
            if resume:
                sources = ([output] if output.exists() else []) + old_journals
                try:
                    keep = plan_resume(inputs, load_done(sources), max_bytes)
                except (NotJsonl, UnicodeDecodeError) as exc:
                    _fail(f"--resume: {exc}")
                note(f"resume read {', '.join(map(str, sources)) or 'nothing'}")
                if not quiet:
                    err.print(f"resuming: {len(keep)} of {len(inputs)} documents already done in {output}")
            elif old_journals:
                warn(
                    f"partial results of an interrupted run are in {old_journals[0]}; "
                    "they are replaced by this run (use --resume to continue them instead)"
                )
            target.open_journal()
        elif out_dir is not None:
            folder = OutputDir(out_dir)
            if not folder.lock() and not force:
                folder = None
                _fail(f"another run is writing into {out_dir} (lock {out_dir / OutputDir.LOCK} is held); "
                      "use --force to run anyway")
            if folder.remove_temporaries():
                note(f"removed the temporary files of an interrupted run in {out_dir}")
            existing, done, foreign = folder.survey(inputs)
            if existing and not (force or resume):
                _fail(f"--out-dir {out_dir} already holds {len(existing)} of these documents (e.g. {existing[0]}); "
                      "use --resume to continue or --force to replace them")
            if resume:
                if foreign and not force:
                    _fail(f"--resume: {foreign[0]}" + (f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else "")
                          + "; use --force to replace, or another --out-dir")
                keep = plan_resume(inputs, done, max_bytes)
                if not quiet:
                    err.print(f"resuming: {len(keep)} of {len(inputs)} documents already done in {out_dir}")
    except (OSError, typer.Exit) as exc:
        if target is not None:
            target.abandon()
        if folder is not None:
            folder.unlock()
        if isinstance(exc, typer.Exit):
            raise  # a refusal above: the lock is released, nothing was written
        _fail(f"cannot write {output or out_dir}: {exc.strerror or exc}")

    # said once the run is sure to start (a refusal stays one line)
    renamed = [i for i in inputs if i.path != STDIN and not i.error and i.doc_id != Path(i.path).stem]
    if renamed:
        warn(
            f"{len(renamed)} input(s) have the file name of an earlier input: their doc_ids take a ~N suffix, "
            f"e.g. {renamed[0].path} is {renamed[0].doc_id}"
        )
    show = (progress if progress is not None else err.is_terminal) and not quiet
    summary = Summary()
    start = now()
    old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    interrupted = False
    fresh = run(
        inputs, workers=workers, time_limit=time_limit, max_bytes=max_bytes, skip=keep, notify=warn,
        options=convert_options,
    )
    ocr_pages = 0
    try:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            disable=not show,
        ) as bar:
            task = bar.add_task("extracting", total=len(inputs))
            for res in fresh:
                summary.add(res)
                if folder is not None:
                    if not res.kept:
                        folder.write(res.doc_id, res.line)
                elif target is not None:
                    target.write(res.line)
                else:
                    sys.stdout.write(res.line + "\n")
                    sys.stdout.flush()
                if res.error and not quiet:
                    err.print(f"[red]failed[/] {escape(res.doc_id)}: {escape(res.error)}")
                elif verbose:
                    err.print(f"{'kept' if res.kept else 'ok'} {escape(res.doc_id)}")
                if res.ocr_pages:  # OCR costs seconds per page: say how many went through it
                    ocr_pages += res.ocr_pages
                    bar.update(task, description=f"extracting ({ocr_pages} pages OCR'd)")
                bar.advance(task)
        if target is not None:
            target.publish()
        if folder is not None:
            folder.unlock()
        if tables:
            from .tables import write_tables

            write_tables([str(output)], tables, tables_format)
    except KeyboardInterrupt:
        interrupted = True
    except (PoolError, OSError) as exc:  # (PoolError is no OSError: the pool's own failure, not the output's)
        fresh.close()
        if target is not None:
            target.abandon(keep_journal=True)
        if folder is not None:
            folder.unlock()
        if isinstance(exc, PoolError):
            kept = (f"; the {summary.total} records before it are kept: run again with --resume to finish"
                    if target is not None or folder is not None else "")
            _fail(f"{exc}{kept}")
        _fail(f"cannot write {output or out_dir or 'standard output'}: {exc.strerror or exc}")
    finally:
        fresh.close()  # stops the workers
        signal.signal(signal.SIGTERM, old_term)
    summary.seconds = now() - start
    if interrupted:
        where = "standard output"
        if target is not None:
            where = str(target.abandon(keep_journal=True))
        elif folder is not None:
            folder.unlock()
            where = str(out_dir)
        err.print(f"[yellow]interrupted:[/] {escape(summary.line())}")
        hint = "; run the same command with --resume to continue" if target is not None or folder else ""
        err.print(f"the {summary.total} completed records are in {escape(where)}{hint}")
        raise typer.Exit(EXIT_INTERRUPTED)
    if not quiet:
        err.print(summary.line())
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


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
app.command("review")(review)
app.command("tables")(tables_command)
app.command("train")(_train_command(extract_text))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    typer.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
