"""``extract --engine dask``: the run on a Dask cluster, seen from the command line."""

from __future__ import annotations

import signal
import time
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

err = Console(stderr=True, soft_wrap=True)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Interrupted(KeyboardInterrupt):
    pass


def _on_sigterm(signum, frame):
    raise _Interrupted()


def usage_error(paths, output: Optional[str], out_dir, resume: bool, force: bool, tables: Optional[str]) -> Optional[str]:
    """What is wrong with the arguments of a dask run, or None; checked before any work."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError as exc:
        return f"--engine dask needs the distributed extra (pip install 'notice_extract[distributed]'): {exc}"
    from .distributed import existing_output
    from .output_lock import OutputLock
    from .storage import url_to_fs

    if "-" in paths:
        return "--engine dask reads files, folders or URLs, not standard input"
    if out_dir is not None:
        return "--engine dask writes a folder of parts with -o; --out-dir is for the local engine"
    if not output:
        return "--engine dask needs -o OUT: a folder or URL for the parts and their manifest"
    try:
        fs, p = url_to_fs(output)
        if fs.isfile(p):
            return f"-o {output} is a file; --engine dask writes a folder of parts"
        busy = None if force else OutputLock(output).refusal()
        if busy:
            return busy
        if existing_output(output) and not (force or resume):
            return f"-o {output} holds an earlier output; use --resume to continue it or --force to replace it"
    except Exception as exc:  # unknown protocol, credentials
        return f"cannot use -o {output}: {type(exc).__name__}: {exc}"
    if tables:
        from .tables import has_tables

        if has_tables(tables) and not (force or resume):
            return f"--tables {tables} holds tables; use --force to replace them"
    return None


def extract_dask(
    paths,
    output: str,
    *,
    scheduler: Optional[str],
    workers: int,
    partition_size: Optional[int],
    time_limit: float,
    max_bytes: int,
    pattern: str,
    progress: Optional[bool],
    resume: bool,
    quiet: bool,
    verbose: bool,
    tables: Optional[str],
    tables_format: str,
    force: bool = False,
) -> int:
    """Run the extraction on the cluster; returns the exit code (the local engine's meanings)."""
    from .distributed import close_client, discover_any, run_dask, start_client
    from .output_lock import OutputBusy, OutputLock

    notes: list[str] = []
    inputs = discover_any(paths, pattern, notes)
    for n in notes:
        if verbose:
            err.print(escape(n))
    if not inputs:
        err.print(f"[red]error:[/] no input documents found (pattern {escape(pattern)})")
        return EXIT_USAGE

    lock = OutputLock(output)  # before the cluster starts: a second run stops at once
    try:
        lock.acquire(force)
    except OutputBusy as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write {escape(output)}: {escape(str(exc))}")
        return EXIT_USAGE
    show = (progress if progress is not None else err.is_terminal) and not quiet
    old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    client = None
    run = None
    try:
        client = start_client(scheduler, workers)
        if not quiet:
            where = scheduler or f"a local cluster of {workers} worker processes"
            err.print(f"dask: {escape(where)}; dashboard {escape(str(client.dashboard_link))}")
            if resume:
                err.print(f"resuming into {escape(output)}: each part keeps the records whose doc_id, path and sha256 match")
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=err,
            disable=not show,
        ) as bar:
            task = bar.add_task("extracting", total=len(inputs), rate="")
            last = [0.0]

            def on_part(done, run_) -> None:
                rate = (run_.records - run_.kept) / run_.seconds if run_.seconds else 0.0
                bar.update(task, advance=done.records, rate=f"{rate:.1f} docs/s")
                if done.isolated and not quiet:
                    why = "Dask gave up on it (KilledWorker)" if done.resubmitted else "it ran again"
                    err.print(
                        f"[yellow]warning:[/] a worker died running {done.name}; "
                        f"{why}: its documents ran each in a child process"
                    )
                for doc_id, error in done.errors if not quiet else ():
                    err.print(f"[red]failed[/] {escape(doc_id)}: {escape(error)}")
                if verbose:
                    err.print(f"{done.name}: {done.records} records ({done.kept} kept) from {escape(done.worker)}")
                now = time.monotonic()
                if not show and not quiet and (now - last[0] >= 10 or run_.records == len(inputs)):
                    last[0] = now
                    err.print(f"progress: {run_.records}/{len(inputs)} documents, {rate:.1f} docs/s")

            run = run_dask(
                client,
                inputs,
                output,
                partition_size=partition_size,
                time_limit=time_limit,
                max_bytes=max_bytes,
                resume=resume,
                tables=tables,
                tables_format=tables_format,
                on_part=on_part,
            )
    except KeyboardInterrupt:
        err.print(
            f"[yellow]interrupted:[/] the committed parts are in {escape(output)}; "
            "run the same command with --resume to continue"
        )
        return EXIT_INTERRUPTED
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write {escape(output)}: {escape(str(exc))}")
        return EXIT_USAGE
    except Exception as exc:  # a partition that failed for good (KilledWorker after repeated worker deaths)
        err.print(
            f"[red]error:[/] the run stopped: {type(exc).__name__}: {escape(str(exc))}; "
            f"the committed parts are in {escape(output)}, --resume continues"
        )
        return EXIT_USAGE
    finally:
        signal.signal(signal.SIGTERM, old_term)
        try:
            if client is not None:
                close_client(client)
        finally:
            lock.release()
    if not quiet:
        err.print(run.line())
        if tables:
            err.print(f"tables ({tables_format}) in {escape(tables)}")
    return EXIT_FAILED if run.failed else EXIT_OK
