""".docx (Office Open XML) to text, with python-docx (the ``formats`` extra).

python-docx opens the package (zip, relationships, parts) and turns a run's
XML into text (tabs, breaks, non-breaking hyphens). The walk over the body is
our own because python-docx's ``Paragraph.text`` reads only a paragraph's
direct runs and hyperlinks: text inside tracked insertions (``w:ins``, common
in drafts), smart tags, simple fields and content controls (``w:sdt``) would
be lost. The walk keeps document order:

* a paragraph is one line (its runs' text; a line break in it stays a line
  break), after the label Word draws for an automatically numbered or
  bulleted paragraph ("1.", "a)", "-"), which is not in the text runs: without
  it a notice's numbered requirements would lose their numbers;
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

from ..labels import BULLET_MARKS
from ..textmap import SYMBOL_BULLETS
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

    walker = _Walker(_Numbering(document))
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
    def __init__(self, numbering: "_Numbering | None" = None):
        self.numbering = numbering

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
        text = "".join(parts)
        label = self.numbering.label(p) if self.numbering is not None and text.strip() else None
        return f"{label} {text.lstrip()}" if label else text

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


# --------------------------------------------------------------------------
# automatic numbering (numbering.xml): the labels Word draws
# --------------------------------------------------------------------------

_SYMBOL_BULLETS = {**SYMBOL_BULLETS, "o": "•"}  # (Word's "o" sub-bullet in Courier New)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    # Word's letter numbering: a..z, then aa, bb, ...; Vietnamese lists also use đ after d,
    # but Word does not, so neither do we
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}


class _Numbering:
    """Counters of the document's numbered lists, advanced paragraph by paragraph in document order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iterchildren(_q("abstractNum")):
            abstract[an.get(_q("abstractNumId"))] = self._levels(an)
        for num in root.iterchildren(_q("num")):
            ref = _first(num, _q("abstractNumId"))
            levels = dict(abstract.get(ref.get(_q("val")) if ref is not None else "", {}))
            for override in num.iterchildren(_q("lvlOverride")):
                ilvl = int(override.get(_q("ilvl"), "0"))
                lvl = _first(override, _q("lvl"))
                if lvl is not None:
                    levels.update(self._levels_of([lvl]))
                start = _first(override, _q("startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(_q("val"), "1")))
            self.levels[num.get(_q("numId"))] = levels
        try:
            for style in document.styles.element.iterchildren(_q("style")):
                ppr = _first(style, _q("pPr"))
                numpr = _first(ppr, _q("numPr")) if ppr is not None else None
                if numpr is not None:
                    self.style_num[style.get(_q("styleId"))] = self._numpr(numpr)
        except Exception:
            pass

    def _levels(self, abstract_num) -> dict[int, tuple[str, str, int]]:
        return self._levels_of(abstract_num.iterchildren(_q("lvl")))

    @staticmethod
    def _levels_of(lvls) -> dict[int, tuple[str, str, int]]:
        out = {}
        for lvl in lvls:
            def val(tag, default):
                el = _first(lvl, _q(tag))
                return el.get(_q("val"), default) if el is not None else default

            out[int(lvl.get(_q("ilvl"), "0"))] = (val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1")))
        return out

    @staticmethod
    def _numpr(numpr) -> tuple[str, int]:
        num, lvl = _first(numpr, _q("numId")), _first(numpr, _q("ilvl"))
        return (num.get(_q("val")) if num is not None else "",
                int(lvl.get(_q("val"), "0")) if lvl is not None else 0)

    def label(self, p) -> str | None:
        ppr = _first(p, _q("pPr"))
        if ppr is None:
            return None
        numpr = _first(ppr, _q("numPr"))
        if numpr is not None:
            num_id, ilvl = self._numpr(numpr)
        else:
            style = _first(ppr, _q("pStyle"))
            found = self.style_num.get(style.get(_q("val"))) if style is not None else None
            if not found:
                return None
            num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return None  # numId 0 switches numbering off
        fmt, text, start = levels[ilvl]
        if fmt == "none":
            return None
        if fmt == "bullet":
            mark = text.strip()
            return mark if len(mark) == 1 and mark in BULLET_MARKS else _SYMBOL_BULLETS.get(mark, "•")
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it

        def number(m) -> str:
            k = int(m.group(1)) - 1
            f, _, st = levels.get(k, ("decimal", "", 1))
            n = counters.get(k, st)
            return _FORMATS.get(f if k != ilvl else fmt, str)(n)

        return re.sub(r"%(\d)", number, text).strip() or None
