"""The record contract (shared/SPEC.md §2) as pydantic v2 models.

One record model for the whole pipeline. Field names and value formats of the
SPEC are fixed; fields added here on top of it are marked "extra" in their
description. Every object read from the text carries ``text`` + ``span`` (offsets
into the decoded source text) plus ``confidence`` and ``method``.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]

NoticeKind = Literal["ket_luan", "y_kien_chi_dao", "ket_qua_lam_viec", "other"]
SegmentKind = Literal[
    "header", "opening", "findings", "requirements", "closing", "recipients", "signature"
]
PartyKind = Literal["unit", "person", "position", "group"]
Role = Literal["lead", "support"]
DeadlineKind = Literal["before", "by", "on", "within", "period", "from", "recurring"]
DirectiveKind = Literal["directive", "group"]
Channel = Literal["paper", "electronic"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Provenance(_Model):
    """Where a value came from: shared by every extracted object."""

    confidence: float = Field(1.0, ge=0.0, le=1.0)
    method: str = "rule"


class Grounded(Provenance):
    """A piece of the source text: ``text == source_text[span[0]:span[1]]``."""

    text: Optional[str] = None
    span: Optional[Span] = None


class Value(Grounded):
    """A scalar read from (or, with ``span: null``, inferred from) the text."""

    value: Optional[str] = None
    evidence: list[Span] = Field(default_factory=list)


class Source(_Model):
    path: Optional[str] = None
    sha256: Optional[str] = None
    encoding: Optional[str] = None
    chars: int = 0
    bytes: Optional[int] = Field(None, description="extra: size of the raw input")
    # office files and PDFs: spans index the converted text, which --text-dir writes to text_path
    converter: Optional[str] = Field(
        None, description="extra: what turned a .docx/.doc/.pdf into text, with its version (null for text files)"
    )
    pages: Optional[int] = Field(None, description="extra: page count of a PDF")
    ocr_pages: Optional[int] = Field(None, description="extra: pages read by OCR")
    ocr_confidence: Optional[float] = Field(
        None, ge=0.0, le=1.0, description="extra: mean OCR word confidence over the OCR'd pages"
    )
    text_path: Optional[str] = Field(None, description="extra: the text the spans index, written by --text-dir")


class Number(Grounded):
    serial: Optional[str] = None
    symbol: Optional[str] = None


class Issuer(Value):
    body: Optional[str] = None
    locality: Optional[str] = None
    province: Optional[str] = None


class PersonRef(_Model):
    name: str
    title: Optional[str] = None


class AdminUnit(_Model):
    level: Optional[str] = None
    name: Optional[str] = None
    district: Optional[str] = None
    province: Optional[str] = None
    code: Optional[str] = None


class Party(Grounded):
    value: str
    kind: PartyKind = "unit"
    role: Optional[Role] = None
    inherited: bool = False
    person: Optional[PersonRef] = None
    admin_unit: Optional[AdminUnit] = None
    inherited_from: Optional[str] = Field(
        None, description="extra: path of the directive (or 'lead-in') the party was copied from"
    )


class Meeting(Provenance):
    date: Optional[Value] = None
    kind: Optional[Value] = None
    chaired_by: list[Party] = Field(default_factory=list)
    counterparts: list[Party] = Field(default_factory=list)
    attendees: list[Party] = Field(default_factory=list)
    topic: Optional[Value] = None


class Person(Provenance):
    name: str
    titles: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Citation(Grounded):
    doc_type: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None


class Segment(Provenance):
    kind: SegmentKind
    span: Span
    lines: tuple[int, int]


class Deadline(Grounded):
    kind: DeadlineKind
    start: Optional[str] = None
    end: Optional[str] = None
    recurrence: Optional[str] = None
    inherited: bool = False


class Directive(Grounded):
    path: str
    label: str
    level: int
    parent: Optional[str] = None
    kind: DirectiveKind = "directive"
    lines: tuple[int, int] = Field(description="extra: 1-based first and last line")
    responsible: list[Party] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)


class Recipient(Grounded):
    value: str
    purpose: Optional[str] = None
    channel: Channel = "paper"
    archive: bool = False


class Signature(Grounded):
    mode: Optional[str] = None
    on_behalf_of: Optional[str] = None
    position: Optional[str] = None
    signer: Optional[str] = None
    parts: dict[str, Grounded] = Field(
        default_factory=dict,
        description="extra: the grounded text of each field (mode, on_behalf_of, position, signer)",
    )


class Record(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    notice_kind: Optional[NoticeKind] = None
    notice_kind_evidence: Optional[Grounded] = Field(
        None, description="extra: the words the notice kind was read from"
    )
    number: Optional[Number] = None
    issue_place: Optional[Value] = None
    issue_date: Optional[Value] = None
    issuer: Optional[Issuer] = None
    concluded_by: Optional[Value] = None
    subject: Optional[Value] = None
    meeting: Optional[Meeting] = None
    target_units: list[Party] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    signature: Optional[Signature] = None
    warnings: list[str] = Field(default_factory=list)


class ErrorRecord(_Model):
    """What a batch writes for a file it could not process: the batch goes on."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    error: str
    warnings: list[str] = Field(default_factory=list)


SCHEMA_ID = f"https://github.com/notice-extract/notice_extract/schema/record-{SCHEMA_VERSION}.json"


def record_json_schema() -> dict:
    """JSON Schema (draft 2020-12) of one line of the output stream: a record or an error record.

    ``schema_version`` is a string ("1.0"); pandas guesses a float from its
    look, so read the stream with ``pd.read_json(path, lines=True,
    dtype={"schema_version": str})``."""
    from pydantic.json_schema import models_json_schema

    _, top = models_json_schema(
        [(Record, "serialization"), (ErrorRecord, "serialization")], ref_template="#/$defs/{model}"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "notice-extract output line",
        "description": "Each line of the JSONL output is one Record (a document extracted) "
        "or one ErrorRecord (a document that could not be read, decoded or processed; it has 'error').",
        "oneOf": [{"$ref": "#/$defs/Record"}, {"$ref": "#/$defs/ErrorRecord"}],
        "$defs": top["$defs"],
    }
