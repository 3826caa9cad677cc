"""Issuer families for grouped cross-validation: ``training/families.yaml``.

A family is the authority cluster a document comes from (a province with all
its bodies; a central body such as Văn phòng Chính phủ or one ministry). CV
leaves one family out at a time (``folds``), so every score is a model's on an
authority it never saw. The map is data, validated when loaded; a document of
the training set missing from it stops training (``FamilyError``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .data import REPO

DEFAULT_FAMILIES = REPO / "training" / "families.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class FamilyError(ValueError):
    """The family map is malformed or does not cover the documents."""


def load_families(path: Path | str = DEFAULT_FAMILIES) -> dict[str, str]:
    """``{doc_id: family}`` from the YAML map, validated: a ``families`` mapping of
    ``id: {name, documents}``, lower-case ids, a non-empty name and document list,
    no document in two families."""
    path = Path(path)
    if not path.exists():
        raise FamilyError(f"issuer family map not found: {path} (grouped CV needs one family per document)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fams = data.get("families") if isinstance(data, dict) else None
    if not isinstance(fams, dict) or not fams:
        raise FamilyError(f"{path}: expected a top-level 'families:' mapping of family id -> {{name, documents}}")
    out: dict[str, str] = {}
    for fid, entry in fams.items():
        if not isinstance(fid, str) or not _ID.match(fid):
            raise FamilyError(f"{path}: family id {fid!r} must be lower-case letters, digits and _")
        if not isinstance(entry, dict) or set(entry) - {"name", "documents"}:
            raise FamilyError(f"{path}: family {fid!r} must have exactly 'name' and 'documents'")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise FamilyError(f"{path}: family {fid!r} has no name")
        docs = entry.get("documents")
        if not isinstance(docs, list) or not docs:
            raise FamilyError(f"{path}: family {fid!r} lists no documents")
        for d in docs:
            d = str(d)
            if d in out:
                raise FamilyError(f"{path}: document {d!r} is in two families: {out[d]!r} and {fid!r}")
            out[d] = fid
    return out


def families_for(doc_ids, path: Path | str = DEFAULT_FAMILIES) -> dict[str, str]:
    """The family of each of ``doc_ids``; ``FamilyError`` naming every document
    the map lacks."""
    fam = load_families(path)
    missing = sorted(d for d in doc_ids if d not in fam)
    if missing:
        raise FamilyError(
            f"{len(missing)} annotated document(s) have no issuer family in {path}: {', '.join(missing)}. "
            "Add each to the family of its issuer (the province for local bodies, the body for central ones) "
            "before training."
        )
    return {d: fam[d] for d in doc_ids}


def folds(doc_ids: list[str], families: dict[str, str]) -> list[tuple[str, list[int]]]:
    """Leave-one-family-out folds over ``doc_ids``: ``(family, held-out indices)``,
    families in name order, only those with a document here."""
    by: dict[str, list[int]] = {}
    for i, d in enumerate(doc_ids):
        by.setdefault(families[d], []).append(i)
    return sorted(by.items())
