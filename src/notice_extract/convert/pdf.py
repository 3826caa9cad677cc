"""PDF to text: the text layer with its layout, and OCR for pages that are images.

The text layer is read with pypdf (the ``formats`` extra) in layout mode:
text keeps its horizontal position, so the two-column header ("UBND TỈNH ..."
left, "CỘNG HÒA ..." right) and the signature block beside "Nơi nhận:" come
out as spaced columns, like ``pdftotext -layout`` which the dev corpus used.
pypdf was chosen over pdfplumber on a measured comparison on the 68 dev
notices rendered to PDF (benchmarks/pdf_compare.py): headline 0.923 against
0.902 for pdfplumber's best mode (0.907 for pdftotext -layout itself), at a
tenth of the time per page (README "Office files and PDFs").

A page is a scan when its text layer is (nearly) empty and it carries an
image large enough to be the page: e-signed scans often have a small text
layer (the signature stamp) over a page image, so "no text at all" is not
the test. Such pages go to OCR (:mod:`.ocr`) under ``--ocr auto``;
``--ocr always`` OCRs every page, ``--ocr never`` none.

Pages are joined as pdftotext joins them: each page ends with a form feed.
"""

from __future__ import annotations

import io
import re

from . import FORMATS_EXTRA, ConvertError, ConvertOptions, Converted, MissingTool, OcrStarted, library_version

# a page whose text layer has fewer visible characters than this, with an image of at
# least half the page at 100 dpi or more, is a scan (a signature stamp is ~100-200 characters)
SCAN_MAX_CHARS = 300
SCAN_MIN_IMAGE_AREA = 0.5
SCAN_MIN_DPI = 100
_BLANK_RUN = re.compile(r"\n{4,}")
ENCRYPTED = "encrypted PDF: it needs a password to open; save an unprotected copy"


def convert_pdf(data: bytes, options: ConvertOptions, ocr_started: OcrStarted | None = None) -> Converted:
    try:
        import pypdf
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError as exc:
        raise MissingTool(f"reading PDF needs pypdf: {FORMATS_EXTRA}") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # many signed PDFs carry only an owner password (no printing or editing):
            # they open with the empty user password, as in every viewer
            try:
                ok = reader.decrypt("")
            except DependencyError as exc:
                raise MissingTool(f"this PDF is encrypted with AES, which needs the cryptography package: "
                                  f"{FORMATS_EXTRA}") from exc
            if not ok:
                raise ConvertError(ENCRYPTED)
        total = len(reader.pages)
    except FileNotDecryptedError as exc:
        raise ConvertError(ENCRYPTED) from exc
    except PdfReadError as exc:
        raise ConvertError(f"not a readable PDF (damaged or truncated): {exc}") from exc
    except (ConvertError, MissingTool):
        raise
    except Exception as exc:  # pypdf raises many kinds on junk
        raise ConvertError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    if total == 0:
        raise ConvertError("the PDF has no pages")
    warnings: list[str] = []
    n = min(total, options.max_pages)
    if n < total:
        warnings.append(f"only the first {n} of {total} pages read (--max-pages {options.max_pages})")
    texts: list[str | None] = []
    scans: list[int] = []
    for i in range(n):
        page = reader.pages[i]
        text = "" if options.ocr == "always" else page_text(page)
        if options.ocr == "always" or (options.ocr == "auto" and is_scan(page, text)):
            scans.append(i)
            texts.append(None)
        else:
            texts.append(text)
    converter = f"pypdf {library_version('pypdf')}"
    confidence = None
    if scans:
        from .ocr import ocr_pages

        if ocr_started is not None:
            ocr_started(len(scans))
        result = ocr_pages(data, scans)
        for i, text in zip(scans, result.texts):
            texts[i] = text
        engine = f"{result.engine}, {result.renderer}"
        converter = engine if len(scans) == n else f"{converter} + {engine}"
        confidence = result.confidence
    if not any((t or "").strip() for t in texts):
        if options.ocr == "never":
            raise ConvertError("the PDF has no text layer (a scan?) and OCR is off (--ocr never)")
        raise ConvertError("no text on any page of the PDF (blank pages, or OCR found nothing)")
    text = "".join(_tidy(t or "") + "\f" for t in texts)
    return Converted(
        text=text, converter=converter, pages=total, ocr_pages=len(scans),
        ocr_confidence=confidence, warnings=warnings,
    )


def page_text(page) -> str:
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:  # a page pypdf cannot lay out (odd fonts, broken content): its plain text
        return page.extract_text() or ""


def is_scan(page, text: str) -> bool:
    if len("".join(text.split())) >= SCAN_MAX_CHARS:
        return False
    if not text.strip():
        return True
    # pixels needed to cover half the page at SCAN_MIN_DPI
    box = page.mediabox
    need = float(box.width) * float(box.height) / (72 * 72) * SCAN_MIN_DPI**2 * SCAN_MIN_IMAGE_AREA
    return any(w * h >= need for w, h in _image_sizes(page.get("/Resources")))


def _image_sizes(resources, depth: int = 0):
    """(width, height) in pixels of the images a page draws, one level into form XObjects."""
    try:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
            elif obj.get("/Subtype") == "/Form" and depth < 2:
                yield from _image_sizes(obj.get("/Resources"), depth + 1)
    except Exception:
        return


def _tidy(text: str) -> str:
    """Trailing spaces off every line, the page's top and bottom padding off, long blank runs cut."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return _BLANK_RUN.sub("\n\n\n", "\n".join(lines)) + "\n" if lines else ""
