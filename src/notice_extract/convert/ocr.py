"""OCR of scanned PDF pages: Tesseract's Vietnamese model, as the dev corpus's scans were read.

Pages are rendered to grayscale PNG at 300 dpi (pypdfium2, which the formats
extra brings; else poppler's ``pdftoppm``) and read by one ``tesseract`` run
for all of a document's pages (the model loads once), which writes both the
plain text (what the extractors read, as ``tesseract -l vie`` gives it) and a
TSV with each word's confidence (the record's ``ocr_confidence`` is their
mean, 0-1). Tesseract is limited to one thread: the batch already runs one
document per core.

Stamps and e-signature boxes come out as noise lines ("Người ký: ...",
"=ẠN. TRƯNG TÂM CÔNG BÁO"): the segmenter tolerates them, as on g001/g002.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache

from . import ConvertError, MissingTool

DPI = 300
LANG = "vie"
INSTALL = (
    "this PDF is a scan and needs OCR: install Tesseract with its Vietnamese model "
    "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie), or run with --ocr never to skip scans"
)


@dataclass
class OcrResult:
    texts: list[str]  # one per page asked for, in order
    confidence: float | None
    engine: str  # "tesseract 5.3.0 (vie)"
    renderer: str  # "pypdfium2 4.30.0, 300 dpi"


def ocr_pages(pdf: bytes, pages: list[int], dpi: int = DPI) -> OcrResult:
    version = tesseract_version()
    with tempfile.TemporaryDirectory(prefix="notice-ocr-") as tmp:
        images, renderer = _render(pdf, pages, dpi, tmp)
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(images) + "\n")
        base = os.path.join(tmp, "out")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        proc = subprocess.run(
            ["tesseract", listing, base, "-l", LANG, "--dpi", str(dpi), "txt", "tsv"],
            capture_output=True, env=env, check=False,
        )
        if proc.returncode != 0 or not os.path.exists(base + ".txt"):
            why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ConvertError(f"tesseract failed: {why[-1] if why else f'exit {proc.returncode}'}")
        with open(base + ".txt", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        with open(base + ".tsv", encoding="utf-8", errors="replace") as fh:
            confidence = _mean_confidence(fh.read())
    texts = text.split("\f")  # tesseract ends every page with a form feed
    texts = (texts + [""] * len(pages))[: len(pages)]
    return OcrResult(
        texts=[t.strip("\n") + "\n" if t.strip() else "" for t in texts],
        confidence=confidence,
        engine=f"tesseract {version} ({LANG})",
        renderer=f"{renderer}, {dpi} dpi",
    )


@lru_cache(maxsize=None)
def tesseract_version() -> str:
    """Tesseract's version, after checking it and its Vietnamese model are there."""
    if not shutil.which("tesseract"):
        raise MissingTool(INSTALL)
    proc = subprocess.run(["tesseract", "--list-langs"], capture_output=True, check=False)
    langs = proc.stdout.decode("utf-8", "replace").split()
    if LANG not in langs:
        raise MissingTool(
            "this PDF is a scan and Tesseract has no Vietnamese model: install it "
            "(Debian/Ubuntu: apt-get install tesseract-ocr-vie), or run with --ocr never to skip scans"
        )
    out = subprocess.run(["tesseract", "--version"], capture_output=True, check=False)
    m = re.search(r"tesseract\s+v?(\S+)", (out.stdout + out.stderr).decode("utf-8", "replace"))
    return m.group(1) if m else "?"


def _render(pdf: bytes, pages: list[int], dpi: int, tmp: str) -> tuple[list[str], str]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        pdfium = None
    if pdfium is not None:
        from . import library_version

        doc = pdfium.PdfDocument(pdf)
        try:
            paths = []
            for i in pages:
                path = os.path.join(tmp, f"p{i:05d}.png")
                doc[i].render(scale=dpi / 72, grayscale=True).to_pil().save(path)
                paths.append(path)
        finally:
            doc.close()
        return paths, f"pypdfium2 {library_version('pypdfium2')}"
    if not shutil.which("pdftoppm"):
        raise MissingTool(
            "rendering a scanned PDF for OCR needs pypdfium2 (pip install 'notice_extract[formats]') "
            "or pdftoppm (apt-get install poppler-utils)"
        )
    src = os.path.join(tmp, "in.pdf")
    with open(src, "wb") as fh:
        fh.write(pdf)
    paths = []
    for i in pages:
        prefix = os.path.join(tmp, f"p{i:05d}")
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(i + 1), "-l", str(i + 1), src, prefix],
            capture_output=True, check=True,
        )
        paths.append(prefix + ".png")
    return paths, "pdftoppm"


def _mean_confidence(tsv: str) -> float | None:
    confs = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            if row.get("level") == "5" and (row.get("text") or "").strip() and float(row["conf"]) >= 0:
                confs.append(float(row["conf"]))
        except (TypeError, ValueError):
            continue
    return round(sum(confs) / len(confs) / 100, 4) if confs else None
