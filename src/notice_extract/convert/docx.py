""".docx (Office Open XML) to text, with python-docx (the ``formats`` extra).

python-docx opens the package (zip, relationships, parts) and turns a run's
XML into text (tabs, breaks, non-breaking hyphens). The walk over the body is
our own because python-docx's ``Paragraph.text`` reads only a paragraph's
direct runs and hyperlinks: text inside tracked insertions (``w:ins``, common
in drafts), smart tags, simple fields and content controls (``w:sdt``) would
be lost. The walk keeps document order:

* a paragraph is one line (its runs' text; a line break in it stays a line
  break);
* a table row is one ``| a | b |`` line; a cell's paragraphs (and any nested
  table) are joined by spaces, a merged cell appears once;
* text boxes follow the paragraph that anchors them, once (the VML fallback
  copy Word writes beside the DrawingML one is skipped);
* the header shown on the first page comes first, the footnotes and the
  footer shown on the last page come last (a footer that is only a page
  number is dropped).
"""

from __future__ import annotations

import io
import re
import zipfile

from . import FORMATS_EXTRA, ConvertError, Converted, MissingTool, library_version

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, R, TXBX = (
    _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt"), _q("sdtContent"), _q("r"), _q("txbxContent"),
)
FALLBACK = f"{{{_MC}}}Fallback"
# containers whose runs belong to the paragraph (not deleted text: w:del holds w:delText, never w:t)
_INLINE = {_q(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent", "customXml", "moveTo")}
_PAGE_NUMBER = re.compile(r"^[\s\d/\-–—.]*(trang|page)?[\s\d/\-–—.]*$", re.I)


def convert_docx(data: bytes) -> Converted:
    try:
        import docx  # python-docx
    except ImportError as exc:
        raise MissingTool(f"reading .docx needs python-docx: {FORMATS_EXTRA}") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ConvertError("not a valid .docx: the file is not a zip package (damaged, or another format renamed)")
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ConvertError(f"not a valid .docx: damaged zip package ({exc})") from exc
    except KeyError as exc:
        raise ConvertError(f"not a valid .docx: a part is missing ({exc})") from exc
    except Exception as exc:  # python-docx raises ValueError/PackageNotFoundError/lxml errors on junk
        raise ConvertError(f"not a valid .docx: {type(exc).__name__}: {exc}") from exc

    walker = _Walker()
    lines: list[str] = []
    sections = document.sections
    if sections:
        first = sections[0]
        header = first.first_page_header if first.different_first_page_header_footer else first.header
        if not header.is_linked_to_previous:
            lines += [ln for ln in walker.blocks(header._element) if ln.strip()]
    lines += walker.blocks(document.element.body)
    lines += _footnotes(document, walker)
    if sections:
        footer = sections[-1].footer
        if not footer.is_linked_to_previous:
            text = [ln for ln in walker.blocks(footer._element) if ln.strip()]
            if not all(_PAGE_NUMBER.match(ln) for ln in text):
                lines += text
    text = "\n".join(lines).rstrip() + "\n"
    return Converted(text=text, converter=f"python-docx {library_version('python-docx')}")


class _Walker:
    def blocks(self, container) -> list[str]:
        """Lines of a block container (body, cell, header, text box) in document order."""
        out: list[str] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == P:
                out.append(self.paragraph(child))
                for box in self.text_boxes(child):
                    out += self.blocks(box)
            elif tag == TBL:
                out += self.table(child)
            elif tag == SDT:
                content = _first(child, SDT_CONTENT)
                out += self.blocks(content if content is not None else child)
            elif tag in (SDT_CONTENT, _q("customXml")):
                out += self.blocks(child)
        return out

    def paragraph(self, p) -> str:
        parts: list[str] = []
        self._runs(p, parts)
        return "".join(parts)

    def _runs(self, el, parts: list[str]) -> None:
        for child in el.iterchildren():
            if child.tag == R:
                parts.append(child.text)  # python-docx's CT_R: w:t, w:tab, w:br ... as text
            elif child.tag in _INLINE:
                self._runs(child, parts)

    def text_boxes(self, p) -> list:
        return [box for box in p.iter(TXBX) if not any(a.tag == FALLBACK for a in box.iterancestors())]

    def table(self, tbl) -> list[str]:
        rows: list[str] = []
        for tr in tbl.iterchildren(TR):
            cells = [" ".join(t for t in (ln.strip() for ln in self.blocks(tc)) if t) for tc in _cells(tr)]
            rows.append("| " + " | ".join(cells) + " |")
        return rows


def _cells(tr):
    """A row's cells, content-controlled ones included, each once (a merged cell is one w:tc)."""
    for child in tr.iterchildren():
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, _q("customXml")):
            yield from child.iter(TC)


def _first(el, tag):
    for child in el.iterchildren(tag):
        return child
    return None


def _footnotes(document, walker: _Walker) -> list[str]:
    """Footnotes as ``N text`` lines, numbered in order (separators skipped)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return []
    from docx.oxml.parser import parse_xml

    try:
        root = parse_xml(part.blob)  # python-docx's element classes, so runs have .text
    except Exception:
        return []
    out: list[str] = []
    n = 0
    for note in root.iterchildren(_q("footnote")):
        if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(t for t in (ln.strip() for ln in walker.blocks(note)) if t)
        if text:
            n += 1
            out.append(f"{n} {text}")
    return out
