"""``notice-extract tables``: flat tables (docs/tables.md) from record files."""

from __future__ import annotations

from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, soft_wrap=True)


def tables_usage_error(to: str, replace: bool) -> Optional[str]:
    """What stops writing tables to ``to``, or None; checked before any work."""
    try:
        import pyarrow  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError as exc:
        return f"tables need the distributed extra (pip install 'notice_extract[distributed]'): {exc}"
    from .tables import has_tables

    try:
        if has_tables(to) and not replace:
            return f"{to} holds tables; use --force to replace them"
    except Exception as exc:
        return f"cannot use {to}: {type(exc).__name__}: {exc}"
    return None


def tables_command(
    records: List[str] = typer.Argument(
        ..., help="JSONL record files (paths or URLs), or output folders of --engine dask (with _manifest.json)."
    ),
    to: str = typer.Option(..., "--to", help="Folder or fsspec URL: one subfolder of parts per table."),
    fmt: str = typer.Option("parquet", "--format", help="parquet or csv."),
    force: bool = typer.Option(False, "--force", help="Replace the tables already in --to."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Write the records as flat tables: documents, directives, parties, deadlines, recipients.

    Schema: docs/tables.md. Exit codes: 0 written; 2 bad arguments or unreadable records."""
    from .tables import FORMATS, write_tables

    if fmt not in FORMATS:
        err.print(f"[red]error:[/] --format must be parquet or csv (got {escape(fmt)})")
        raise typer.Exit(2)
    problem = tables_usage_error(to, force)
    if problem:
        err.print(f"[red]error:[/] {escape(problem)}")
        raise typer.Exit(2)
    try:
        counts = write_tables(records, to, fmt)
    except (OSError, ValueError) as exc:  # missing file, a line that is not a record
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2)
    if not quiet:
        err.print(", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows ({fmt}) in {escape(to)}")
