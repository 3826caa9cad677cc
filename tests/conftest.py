"""Shared fixtures: where the dev corpus and its gold live (../shared beside the repo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
GOLD = SHARED / "gold" / "dev"
SAMPLES = REPO / "samples"


def gold_docs() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.json")) if GOLD.is_dir() else []


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"dev corpus not found at {CORPUS}")
    return CORPUS


def ctx_of(text: str):
    """An extraction Context over ``text`` with its layout and an empty record."""
    from notice_extract.extract.context import Context
    from notice_extract.models import Record, Source
    from notice_extract.segment import segment
    from notice_extract.textmap import build_doc

    doc = build_doc(text)
    return Context(doc=doc, layout=segment(doc), record=Record(doc_id="t", source=Source()))


def norm_value(s: str | None) -> str | None:
    """A gold or extracted value compared loosely: one tone placement, case-folded, single spaces."""
    from notice_extract.textmap import normalise_tone

    return None if s is None else " ".join(normalise_tone(s).casefold().split())


def load_gold(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


def read_source(doc_id: str) -> str:
    return (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
