"""The pipeline, top to bottom: bytes -> text -> layout -> fields -> Record.

Read this file to know the order in which fields are filled: later extractors
may read what earlier ones put in ``ctx.record`` (deadlines need the issue date,
persons collect titles from the meeting, the directives and the signature).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .apply.calibration import calibrate
from .apply.segmenter import refine_layout
from .convert import CONVERTED_SUFFIXES, read_document
from .decode import decode_bytes, read_file
from .geography import fill_admin_units
from .extract.citations import extract_citations
from .extract.context import Context
from .extract.directives import extract_directives
from .extract.header import extract_notice_kind, extract_number, extract_place_date, extract_subject
from .extract.issuer import extract_issuer
from .extract.meeting import extract_concluded_by, extract_meeting
from .extract.persons import extract_persons
from .extract.recipients import extract_recipients
from .extract.signature import extract_signature
from .extract.target_units import extract_target_units
from .models import Record, Source
from .segment import segment, segments_of
from .textmap import build_doc, wordlist_missing


def extract_text(
    text: str,
    doc_id: str = "doc",
    *,
    source: Source | None = None,
    warnings: list[str] | None = None,
) -> Record:
    """Extract a record from already decoded text; spans index ``text``."""
    if source is None:
        source = Source(
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="str", chars=len(text)
        )
    doc = build_doc(text)
    layout = segment(doc)
    layout = refine_layout(doc, layout)  # the CRF relabels unsure lines when apply.config turns it on (models/shipped.json)
    record = Record(doc_id=doc_id, source=source)
    ctx = Context(doc=doc, layout=layout, record=record, warnings=list(warnings or []))
    ctx.warnings += getattr(layout, "warnings", [])  # e.g. a segmenter model that did not load
    missing = wordlist_missing()
    if missing:
        ctx.warn(missing)

    record.segments = segments_of(doc, layout)
    record.number = extract_number(ctx)
    record.issue_place, record.issue_date = extract_place_date(ctx)
    record.subject = extract_subject(ctx)
    record.notice_kind, record.notice_kind_evidence = extract_notice_kind(ctx)
    record.signature = extract_signature(ctx)  # the issuer may be inferred from it
    record.issuer = extract_issuer(ctx)
    record.meeting = extract_meeting(ctx)
    record.concluded_by = extract_concluded_by(ctx)
    record.citations = extract_citations(ctx)
    # directives only from a notice's requirements (SPEC §5)
    if record.notice_kind is not None:
        record.directives = extract_directives(ctx)
    record.recipients = extract_recipients(ctx)
    record.target_units = extract_target_units(ctx)
    record.persons = extract_persons(ctx)
    # one post-pass over every party: the administrative unit it names (SPEC §2 admin_unit)
    fill_admin_units(record, doc.text)

    _warn_missing(ctx)
    record.warnings = ctx.warnings
    calibrate(record, text)  # confidence = P(correct) from models/calibration.json (apply/calibration.py)
    return record


def extract_bytes(data: bytes, doc_id: str = "doc", *, path: str | None = None) -> Record:
    """Decode raw bytes (any supported encoding) and extract."""
    decoded = decode_bytes(data)
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        chars=len(decoded.text),
        bytes=len(data),
    )
    return extract_text(decoded.text, doc_id, source=source, warnings=decoded.warnings)


def warm_up() -> None:
    """Load every rule file, lexicon, gazetteer and model the extractors use.

    Most are loaded on first use; a batch parent calls this before it forks its
    workers, so that each worker starts with them (shared pages, no load of its
    own, no slow first document). It extracts ``rules/warmup.txt``, a short
    synthetic notice written to pass through every extractor (a test checks
    that nothing is left to load), and loads what only other inputs need."""
    from .decode import _legacy_encodings
    from .extract.directives import _task_attribute, _task_predicate, _toward
    from .extract.parties import _abbreviated, _known_name_tails, _title_words
    from .pos import load as load_tagger
    from .resources import rules_dir

    extract_bytes((rules_dir() / "warmup.txt").read_bytes(), "warm-up")
    _legacy_encodings()  # bytes in TCVN3/VNI/VISCII
    _task_predicate()  # a long heading over items, or a task sentence as one
    _task_attribute()  # "- Đơn vị thực hiện: X" under a task
    _toward()  # "Về phía Sở Y:", "Nhiệm vụ của Sở Z:" over items
    _known_name_tails()  # a name that enumerates its fields ("Phòng Kinh tế, Hạ tầng và Đô thị")
    _abbreviated()  # "đ/c" read as "đồng chí" by the party grammar's tokenizer
    _title_words()  # a target unit that is a title without its body
    load_tagger()  # pyvi's, asked on candidate clauses of nearly every notice


def extract_file(path: str | Path, doc_id: str | None = None) -> Record:
    """Read, decode (or convert: .docx, .doc, .pdf) and extract one file.
    Raises ``DecodeError``/``ConvertError``/``OSError`` on bad input."""
    path = Path(path)
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        doc = read_document(path.read_bytes(), str(path), doc_id or path.stem)
        return extract_text(doc.text, doc_id or path.stem, source=doc.source, warnings=doc.warnings)
    data, decoded = read_file(path)
    source = Source(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        chars=len(decoded.text),
        bytes=len(data),
    )
    return extract_text(decoded.text, doc_id or path.stem, source=source, warnings=decoded.warnings)


def _warn_missing(ctx: Context) -> None:
    """Say what a reader would expect and did not find."""
    r = ctx.record
    if not r.segments:
        ctx.warn("empty document: no text lines")
        return
    if r.notice_kind is None:
        ctx.warn("not a notice (no THÔNG BÁO title or notice subject): directives not extracted")
    for name in ("issue_date", "issuer", "signature"):
        if getattr(r, name) is None and not any(w.startswith(name) for w in ctx.warnings):
            ctx.warn(f"{name} not found")
    if r.notice_kind is not None and not r.directives:
        ctx.warn("notice without directives: no numbered or bulleted requirements found")
    if not r.recipients:
        ctx.warn("recipients not found (no Nơi nhận list)")
