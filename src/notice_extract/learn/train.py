"""Rebuild every statistical model from the repository's annotated data.

    notice-extract train            # train all, write models/
    notice-extract train --cv       # grouped CV (leave one issuer family out) first, then train

Data: every ``training/gold/*.json`` present when it runs, with its text in
``training/corpus/`` (``learn/data.py``). Training is deterministic for a
given ``--seed``.

Registry
--------
``REGISTRY`` maps a model name to the module that builds it. A module offers

* ``train_model(pairs, out_dir, seed) -> dict`` -- train on all pairs, write
  its files to ``out_dir``, return a short summary (printed);
* ``cross_validate(pairs, seed, *, extract, families) -> dict`` -- leave one
  issuer family out (``families.py``; ``extract`` is the pipeline's
  ``extract_text``, handed in by the command line) scores;
  when the dict has ``"table"``, a list of rows ``{"field", "rules", "model",
  "combined"}``, it is printed as a table; the whole dict is written to
  ``out_dir/cv_<name>.json``.

``pairs`` are ``data.Pair`` objects for every gold file (a module keeps the
ones that list its fields). Modules are imported lazily: one that is not
there yet (``spans``) is skipped with a message.
"""

from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path
from typing import Optional

import typer

from .data import DEFAULT_CORPUS, DEFAULT_GOLD, load_pairs
from .families import DEFAULT_FAMILIES, FamilyError, families_for

REGISTRY: dict[str, str] = {
    "segmenter": "notice_extract.learn.segmenter",
    "spans": "notice_extract.learn.spans",  # span recogniser (another engineer's module)
    "calibration": "notice_extract.learn.calibration",  # confidence = P(correct), models/calibration.json
}
# where each model writes, under --out: the segmenter's two files sit in models/
# itself; spaCy's to_disk fills a whole folder, so the span model gets its own
SUBDIRS = {"spans": "spans"}
CV_FILES = {"segmenter": "cv_segments.json"}  # the segmenter's CV file name is fixed by the issue
DEFAULT_SEED = 13


def _default_out() -> Path:
    """The repository's models/ in a source checkout; never the installed package.

    An installed package (site-packages) is not a place to write: the models
    there belong to the installed version, and may not be writable. Outside a
    checkout the user names the folder with --out."""
    repo = Path(__file__).resolve().parents[3]  # src/notice_extract/learn/train.py -> the checkout
    if (repo / "pyproject.toml").is_file() and (repo / "models").is_dir():
        return repo / "models"
    typer.echo("error: not in a source checkout; name the folder for the models with --out", err=True)
    raise typer.Exit(2)


def _load(name: str):
    module = REGISTRY[name]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:  # the module itself is absent; a missing dependency inside it is an error
            return None
        raise


def _fmt(v) -> str:
    return "—" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def print_table(name: str, rows: list[dict]) -> None:
    systems = [k for k in rows[0] if k != "field"] if rows else []
    width = max(len(r["field"]) for r in rows) + 2
    typer.echo(f"\n{name}: grouped CV (leave one issuer family out)")
    typer.echo("field".ljust(width) + "".join(s.rjust(17) for s in systems))
    for r in rows:
        typer.echo(r["field"].ljust(width) + "".join(_fmt(r.get(s)).rjust(17) for s in systems))


def train(
    extract,
    gold: Path = DEFAULT_GOLD,
    corpus: Path = DEFAULT_CORPUS,
    out: Optional[Path] = None,
    seed: int = DEFAULT_SEED,
    cv: bool = False,
    only: Optional[list[str]] = None,
    families: Path = DEFAULT_FAMILIES,
) -> None:
    """Rebuild every model in models/ from the annotated data (optionally cross-validated first).

    ``extract(text, doc_id) -> Record`` is the pipeline's ``extract_text``, handed
    in by the command line (``make_command``): cross-validation scores the
    pipeline's records, and nothing in ``learn/`` imports the pipeline."""
    out = out or _default_out()
    out.mkdir(parents=True, exist_ok=True)
    pairs = load_pairs(gold, corpus, need=None)
    typer.echo(f"{len(pairs)} annotated documents from {gold}")
    try:
        fams = families_for([p.doc_id for p in pairs], families)
    except FamilyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{len(set(fams.values()))} issuer families ({families})")
    for name in only or list(REGISTRY):
        if name not in REGISTRY:
            raise typer.BadParameter(f"unknown model {name!r}; known: {', '.join(REGISTRY)}")
        mod = _load(name)
        if mod is None:
            typer.echo(f"{name}: {REGISTRY[name]} not found, skipped")
            continue
        cv_result = None
        if cv:
            cv_result = mod.cross_validate(pairs, seed, extract=extract, families=fams)
            cv_path = out / CV_FILES.get(name, f"cv_{name}.json")
            cv_path.write_text(json.dumps(cv_result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            if hasattr(mod, "format_table"):
                typer.echo(f"\n{name}: grouped CV (leave one issuer family out)\n" + mod.format_table(cv_result))
            elif isinstance(cv_result.get("table"), list) and cv_result["table"]:
                print_table(name, cv_result["table"])
            if cv_result.get("decision"):
                typer.echo(cv_result["decision"].get("reason", ""))
            typer.echo(f"written {cv_path}")
            if hasattr(mod, "clause_cv"):  # the span model is also scored on clause gold, grouped by issuer
                mod.clause_cv(pairs, fams, seed, out, cv_result)
        summary = mod.train_model(pairs, out / SUBDIRS.get(name, ""), seed, **_cv_kwargs(mod, cv_result),
                                  **_data_kwargs(mod, extract, fams))
        typer.echo(f"{name}: {json.dumps(summary, ensure_ascii=False, default=str)}")


def _data_kwargs(mod, extract, fams: dict) -> dict:
    """The pipeline's extraction function and the family map, for a train_model
    that learns from the pipeline's records (calibration)."""
    params = inspect.signature(mod.train_model).parameters
    return {k: v for k, v in (("extract", extract), ("families", fams)) if k in params}


def _cv_kwargs(mod, cv_result: dict | None) -> dict:
    """Hand the CV result to a train_model that takes it (to decide what ships)."""
    if cv_result is None:
        return {}
    params = inspect.signature(mod.train_model).parameters
    kwargs = {}
    if "cv" in params:
        kwargs["cv"] = cv_result
    if "label_precision" in params and "label_precision" in cv_result:
        kwargs["label_precision"] = cv_result["label_precision"]  # learn/spans.py gates its labels on it
    return kwargs


def make_command(extract):
    """The ``notice-extract train`` command with ``extract`` bound (see ``train``)."""

    def command(
        gold: Path = typer.Option(DEFAULT_GOLD, help="folder of gold JSON files"),
        corpus: Path = typer.Option(DEFAULT_CORPUS, help="folder of the texts (<id>.txt)"),
        out: Optional[Path] = typer.Option(None, help="where models are written (default: models/ of the source checkout; required for an installed package)"),
        seed: int = typer.Option(DEFAULT_SEED, help="seed for every model (training is deterministic)"),
        cv: bool = typer.Option(False, "--cv", help="grouped CV (leave one issuer family out) before training; prints and saves the tables"),
        only: Optional[list[str]] = typer.Option(None, help="train only these registry names"),
        families: Path = typer.Option(DEFAULT_FAMILIES, help="issuer family map (every annotated document must be in it)"),
    ) -> None:
        train(extract, gold=gold, corpus=corpus, out=out, seed=seed, cv=cv, only=only, families=families)

    command.__doc__ = "Rebuild every model in models/ from the annotated data (optionally cross-validated first)."
    return command
