"""Write a real notice's text into the formats offices keep it in: .docx, PDF, scanned PDF.

Used by tests/test_formats.py and benchmarks/ to build fixtures from dev
documents (nothing here is shipped). Each writer needs its library (the
``formats`` and ``test`` extras) and returns None, with the reason in
``why_not``, when a system piece (a font with Vietnamese glyphs) is absent.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

FONT_CANDIDATES = [  # Liberation 1.x (Debian fonts-liberation) lacks the Vietnamese letters: checked below
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
]
_XML_BAD = re.compile(r"[\x00-\x08\x0b-\x1f]")  # a form feed or control character cannot be in XML


def vietnamese_font() -> str | None:
    """The first installed font that has every Vietnamese letter (ỉ ồ ữ ặ ...)."""
    from reportlab.pdfbase.ttfonts import TTFont

    needed = {ord(c) for c in "ỉồữặẫỹợựĐđƯưƠơ"}
    for f in FONT_CANDIDATES:
        if Path(f).exists() and needed <= set(TTFont("probe", f).face.charToGlyph):
            return f
    return None


why_not = "no TrueType font with Vietnamese glyphs (apt-get install fonts-liberation or fonts-dejavu-core)"


def text_to_docx(text: str) -> bytes:
    """A .docx whose paragraphs are the text's lines and whose ``| a | b |`` lines are table rows."""
    import docx

    document = docx.Document()
    body = document.element.body
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            row = table.rows[r]
            for c in range(width):
                row.cells[c].text = cells[c] if c < len(cells) else ""
            # a short row's last cell spans the rest, as in Word (merged cells are one w:tc)
            if len(cells) < width:
                row.cells[len(cells) - 1].merge(row.cells[width - 1])
                row.cells[len(cells) - 1].text = cells[-1]
        rows.clear()

    for line in _XML_BAD.sub("", text).split("\n"):
        s = line.strip()
        if s.startswith("|") and s.endswith("|") and len(s) > 1:
            rows.append([c.strip() for c in s[1:-1].split(" | ")])
            continue
        flush()
        document.add_paragraph(line)
    flush()
    del body  # only to say: order is the order of add_* calls
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_to_pdf(text: str, font_path: str | None = None, size: float = 11.0) -> bytes | None:
    """A text-layer PDF: each line drawn where a layout would put it.

    Runs of two or more spaces are column gaps (the header's two columns, the
    signature beside "Nơi nhận:"): each piece is drawn at its column's x, so
    the PDF has separate text pieces as real notices do. Lines wider than the
    page wrap; pages break every ~55 lines."""
    font_path = font_path or vietnamese_font()
    if font_path is None:
        return None
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    name = "NoticeFont"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, font_path))
    width, height = A4
    left, top, bottom = 60.0, 56.0, 56.0
    usable = width - left - 40.0
    col = usable / 90.0  # a layout column: ~90 per line, as in pdftotext -layout output
    leading = size * 1.3
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.setFont(name, size)
    y = height - top

    def newline() -> None:
        nonlocal y
        y -= leading
        if y < bottom:
            c.showPage()
            c.setFont(name, size)
            y = height - top

    space = pdfmetrics.stringWidth(" ", name, size)
    right = width - 40.0
    for line in text.replace("\f", "\n").split("\n"):
        if not line.strip():
            newline()
            continue
        indent = len(line) - len(line.lstrip(" "))
        pieces = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]
        placed, end = [], 0.0
        for start, piece in pieces:
            x = max(left + start * col, end + 2 * space if placed else 0.0)  # never overlap the piece before
            end = x + pdfmetrics.stringWidth(piece, name, size)
            placed.append((x, piece))
        if end > right and len(placed) > 1:  # columns too far right: pull them left, keeping their gaps
            limit = right
            for k in range(len(placed) - 1, -1, -1):
                x, piece = placed[k]
                w = pdfmetrics.stringWidth(piece, name, size)
                placed[k] = (min(x, limit - w), piece)
                limit = placed[k][0] - 2 * space
            if placed[0][0] >= left:
                end = right
        if end > right:  # too wide for the page: a paragraph, wrapped as a word processor would
            x0 = left + min(indent, 12) * col
            for part in simpleSplit(" ".join(p for _, p in pieces), name, size, right - x0):
                c.drawString(x0, y, part)
                newline()
            continue
        for x, piece in placed:
            c.drawString(x, y, piece)
        newline()
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_to_image_pdf(pdf: bytes, dpi: int = 200) -> bytes:
    """The same pages as images only (a scan without noise): rendered with pypdfium2, wrapped by Pillow."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    for i in range(len(doc)):
        images.append(doc[i].render(scale=dpi / 72).to_pil().convert("L"))
    doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()
