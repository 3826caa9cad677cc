"""Office files and PDFs to the text the extractors read.

Each format has its own module; each produces the conventions of the dev
corpus, which was converted by hand the same way:

* ``.docx`` (:mod:`.docx`): body paragraphs as lines, table rows as
  ``| a | b |`` lines (a cell's paragraphs joined by spaces), the header
  before the body, footers and footnotes after it;
* ``.doc`` (:mod:`.doc`): ``antiword``, else LibreOffice headless;
* PDF with a text layer (:mod:`.pdf`): a layout that keeps the two-column
  header and the signature block as spaced columns, like ``pdftotext -layout``;
* image-only PDF pages (:mod:`.ocr`): Tesseract's Vietnamese model.

:func:`convert` is the one entry point: bytes in, :class:`Converted` out, or
:class:`ConvertError` with a message a clerk can act on. Spans index the
converted text, which ``--text-dir`` writes out so they can be checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Callable, Literal, Optional

OcrMode = Literal["auto", "never", "always"]
OCR_MODES = ("auto", "never", "always")
DEFAULT_MAX_PAGES = 200  # a notice has 1-10 pages; a 500-page appendix should not stall a batch
# Seconds for a document once its OCR starts, unless --time-limit is given: Tesseract
# reads a page in ~5 s on one core (benchmarks/formats_bench.py), so this covers
# ~100 pages with room for a slow machine
DEFAULT_OCR_TIME_LIMIT = 600.0

# what the formats extra brings, for error messages
FORMATS_EXTRA = "pip install 'notice_extract[formats]'"

CONVERTED_SUFFIXES = (".docx", ".doc", ".pdf")
# a scanned PDF or a .docx with photos runs to tens of MB (the text-file limit is 16 MB)
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass
class ConvertOptions:
    """How office files and PDFs become text (one object, passed to the workers)."""

    ocr: OcrMode = "auto"
    max_pages: int = DEFAULT_MAX_PAGES
    # per-document limit once OCR starts; None: keep the document's own limit
    ocr_time_limit: Optional[float] = DEFAULT_OCR_TIME_LIMIT
    text_dir: Optional[str] = None  # write each converted text here as DOC_ID.txt
    # largest .docx/.doc/.pdf read; None: the text-file limit (--max-bytes given) holds for them too
    max_file_bytes: Optional[int] = MAX_FILE_BYTES

    def byte_limit(self, path: str, text_limit: int) -> int:
        """The size limit for ``path``: office files and PDFs may be larger than text."""
        if self.max_file_bytes and PurePath(path).suffix.lower() in CONVERTED_SUFFIXES:
            return max(text_limit, self.max_file_bytes)
        return text_limit


@dataclass
class Converted:
    text: str
    converter: str  # "python-docx 1.2.0", "pdfplumber 0.11.11", "tesseract 5.3.0 (vie)", ...
    pages: Optional[int] = None
    ocr_pages: int = 0
    ocr_confidence: Optional[float] = None  # mean word confidence 0-1 over OCR'd pages
    warnings: list[str] = field(default_factory=list)


class ConvertError(Exception):
    """The file cannot be turned into text; the message says why and what to do."""


class MissingTool(ConvertError):
    """A library or program the format needs is not installed."""


# callback the batch gives so the per-document time limit can be lengthened once OCR starts
OcrStarted = Callable[[int], None]


def kind_of(path: str | None, data: bytes) -> str | None:
    """"docx", "doc", "pdf", or None for text. The bytes decide over the name:
    a .doc that is really a .docx (a renamed file) is read as what it is."""
    head = data[:8]
    if head.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and _suffix(path) == ".pdf"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word 97-2003
        return "doc"
    suffix = _suffix(path)
    if head.startswith(b"PK\x03\x04") and (
        suffix in (".docx", ".doc", ".docm", ".dotx") or b"word/document.xml" in data[-65536:]
    ):  # a Word package renamed, or from standard input (its central directory names the part)
        return "docx"
    if suffix in (".docx", ".docm", ".dotx"):
        return "docx"
    if suffix in (".doc", ".dot"):
        return "doc"
    if suffix == ".pdf":
        return "pdf"
    return None


def _suffix(path: str | None) -> str:
    return PurePath(path).suffix.lower() if path else ""


def convert(
    data: bytes,
    path: str | None,
    options: ConvertOptions | None = None,
    ocr_started: OcrStarted | None = None,
) -> Converted | None:
    """The text of an office file or PDF, or None when ``data`` is a text file
    (the caller decodes it). Raises :class:`ConvertError`."""
    options = options or ConvertOptions()
    kind = kind_of(path, data)
    if kind is None:
        return None
    if kind == "docx":
        from .docx import convert_docx

        return convert_docx(data)
    if kind == "doc":
        from .doc import convert_doc

        return convert_doc(data)
    from .pdf import convert_pdf

    return convert_pdf(data, options, ocr_started)


def preload() -> None:
    """Import the converters' libraries once (the batch's forked workers then share them)."""
    for module in ("docx", "pypdf", "pypdfium2"):
        try:
            __import__(module)
        except ImportError:
            pass


def library_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


@dataclass
class Document:
    """What extraction reads: the text spans index, the record's ``source``, warnings so far."""

    text: str
    source: "object"  # models.Source
    warnings: list[str]


def read_document(
    data: bytes,
    path: str | None,
    doc_id: str,
    options: ConvertOptions | None = None,
    ocr_started: OcrStarted | None = None,
) -> Document:
    """Bytes of any supported file to the text extraction reads and its ``source``.

    Text files are decoded (:mod:`notice_extract.decode`); office files and
    PDFs are converted. With ``options.text_dir`` the text is written there as
    ``DOC_ID.txt`` (UTF-8, newlines untouched) and ``source.text_path`` names
    it. Raises ``DecodeError`` or :class:`ConvertError`."""
    import hashlib

    from ..decode import decode_bytes, repair_legacy_text
    from ..models import Source

    options = options or ConvertOptions()
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    converted = convert(data, path, options, ocr_started)
    if converted is None:
        decoded = decode_bytes(data)
        text, warnings = decoded.text, list(decoded.warnings)
        source.encoding = decoded.encoding
    else:
        # old .doc files and PDFs typed in a legacy font (.VnTime, VNI-Times) carry its glyphs
        # ("Th«ng b¸o") as text: the decoder's repair turns them into Vietnamese
        repaired = repair_legacy_text(converted.text)
        text, warnings = repaired.text, list(converted.warnings) + repaired.warnings
        if repaired.encoding != "utf-8":
            source.encoding = repaired.encoding  # the legacy font encoding the converter's text was in
        source.converter = converted.converter
        source.pages = converted.pages
        if converted.ocr_pages:
            source.ocr_pages = converted.ocr_pages
            source.ocr_confidence = converted.ocr_confidence
            if converted.ocr_confidence is not None and converted.ocr_confidence < LOW_OCR_CONFIDENCE:
                warnings.append(
                    f"low OCR confidence ({converted.ocr_confidence:.2f}): check the values against the scan"
                )
    source.chars = len(text)
    if options.text_dir:
        source.text_path = write_text(options.text_dir, doc_id, text)
    return Document(text=text, source=source, warnings=warnings)


LOW_OCR_CONFIDENCE = 0.6


def write_text(folder: str, doc_id: str, text: str) -> str:
    """Write ``text`` to FOLDER/DOC_ID.txt atomically; return the path."""
    import os

    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, f"{doc_id}.txt")
    part = os.path.join(folder, f".{doc_id}.txt.{os.getpid()}.tmp")
    with open(part, "w", encoding="utf-8", newline="") as fh:  # newline="": offsets stay exact
        fh.write(text)
    os.replace(part, target)
    return target
