"""A notice as other converters print it, for tests/test_layouts.py.

Each renderer takes a notice written one paragraph per line (the styles of
tests/fixtures/synthetic/styles/) and prints the same words the way a converter
of the real files in ../shared/corpus/dev does:

* ``pdftotext(width)``: ``pdftotext -layout`` of a signed PDF (t011-t017, g008):
  the header in two columns, the title and subject centred and wrapped, every
  paragraph wrapped at the page width with its first line indented and the
  rest at the margin, ``Nơi nhận`` beside the signature block;
* ``pdftotext(width, justify=True)``: the same of a justified PDF, every full
  line of a paragraph spread to the right margin (two to four blanks between
  words; first look with the rules of ac95844: 11 values of 4 notices differed);
* ``pdftotext_pages``: the same over pages, each opening with a form feed and
  its number (r016, r050);
* ``docx_table``: python-docx text of a .docx (r017, t008): the header and the
  tail as table rows of ``| cell |``, each cell's lines run together;
* ``markdown``: a Markdown conversion (001): capitals in bold with a hard line
  break, a blank line between paragraphs, a rule under the title;
* ``tab_columns``: a .doc converter's text: the header's and the tail's columns
  separated by tabs;
* ``national_heading_first``: the national heading above the issuer and the
  date above the number;
* ``web_copy``: a web page's copy, a block per line (the style
  ``provincial_web_copy``);
* ``windows_bytes``: the file saved on Windows from a Mac copy: a byte-order
  mark, CRLF line ends with a trailing blank, decomposed (NFD) accents.

What a notice says does not change with its layout: the reading of
``expected.json`` holds for every rendering.

``RESPELLINGS`` write the same words as other writers do: the old tone
placement (``hoá``, ``Uỷ``), dates with hyphens or dots, zero-padded or in
words, the abbreviations ``UBND``, ``HĐND``, ``MTTQ`` in full or the full
names abbreviated (their values then match by the SPEC's normalisation), a
list's dashes drawn as other bullets, syllables glued as a PDF's text layer
glues them.
"""

from __future__ import annotations

import random
import re
import textwrap
import unicodedata

from notice_extract.textmap import TONE_TABLE

_RIGHT_COLUMN = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|-{3,}|_{3,}|\*\s*$)")
_NUMBER = re.compile(r"^Số\s*:")
_LABEL = re.compile(r"^(?:[IVX]+|\d+)\.\s")  # the body's first item, under a subject with no blank line
_PLACE_DATE = re.compile(r"^[^\d]{2,40}, ngày\b")


def renderable(text: str) -> bool:
    """A notice written one paragraph per line with a ``THÔNG BÁO`` title line
    (not one already printed by a converter: a table, Markdown, wrapped lines)."""
    if "\nTHÔNG BÁO\n" not in text or "|" in text or "**" in text:
        return False
    body = _parts(text)[2]
    # (a line cut mid-phrase, going on in lower case: already wrapped)
    return not any(a.rstrip()[-1:].isalnum() and b[:1].islower() for a, b in zip(body, body[1:]))


def _parts(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Header, title with subject, body, recipients, signature (lines)."""
    lines = text.split("\n")
    title = lines.index("THÔNG BÁO")
    end = title + 1
    while end < len(lines) and lines[end].strip() and not _LABEL.match(lines[end]):
        end += 1
    rec = next((i for i in range(len(lines) - 1, end, -1) if lines[i].strip().lower().startswith("nơi nhận")), None)
    if rec is None:
        return lines[:title], lines[title:end], lines[end:], [], []
    rec_end = rec + 1
    while rec_end < len(lines) and lines[rec_end].strip():
        rec_end += 1
    return (lines[:title], lines[title:end], lines[end:rec], lines[rec:rec_end],
            [s for s in lines[rec_end:] if s.strip()])


def _columns(header: list[str]) -> tuple[list[str], list[str], str, str]:
    """The issuer's column, the national heading's column, the number, the place and date."""
    left, right, number, place_date = [], [], "", ""
    for line in (s.strip() for s in header):
        if not line:
            continue
        if _NUMBER.match(line):
            number = line
        elif _PLACE_DATE.match(line):
            place_date = line
        elif _RIGHT_COLUMN.match(line):
            right.append(line)
        else:
            left.append(line)
    return left, right, number, place_date


def _side_by_side(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    n = max(len(a), len(b))
    return list(zip(a + [""] * (n - len(a)), b + [""] * (n - len(b))))


def _justified(words: list[str], width: int, rng: random.Random) -> str:
    """``words`` spread over ``width`` characters as pdftotext prints a line of a
    justified PDF: the blanks shared evenly between the gaps, then one moved
    from gap to gap here and there (a proportional font's widths rounded to
    pdftotext's grid of characters)."""
    gaps = len(words) - 1
    extra = width - len(" ".join(words))
    if gaps <= 0 or extra <= 0:
        return " ".join(words)
    add = [extra // gaps] * gaps
    for k in rng.sample(range(gaps), extra % gaps):
        add[k] += 1
    for _ in range(gaps // 3):
        a, b = rng.randrange(gaps), rng.randrange(gaps)
        if add[a]:
            add[a], add[b] = add[a] - 1, add[b] + 1
    return "".join(w + " " * (1 + add[k]) for k, w in enumerate(words[:-1])) + words[-1]


def pdftotext(text: str, width: int = 80, justify: bool = False) -> str:
    header, title, body, recipients, signature = _parts(text)
    left, right, number, place_date = _columns(header)
    out = [f"  {a:<38}  {b}".rstrip() for a, b in _side_by_side(left, right)]
    out += ["", f"   {number:<38}  {place_date}".rstrip(), "", ""]
    for line in title:
        for piece in textwrap.wrap(line.strip(), width - 16):
            out.append(" " * ((width - len(piece)) // 2) + piece)
    for line in body:
        if not line.strip():
            out.append("")
            continue
        if not justify:
            first, *rest = textwrap.wrap(line.strip(), width - 6)
            out += ["      " + first, *rest]
            continue
        # every line of a paragraph but its last ends at the right margin
        rng = random.Random(line)
        lines = textwrap.wrap(line.strip(), width, initial_indent="      ")
        for k, piece in enumerate(lines):
            lead = "      " if k == 0 else ""
            words = piece[len(lead):].split()
            out.append(lead + (" ".join(words) if k == len(lines) - 1 else _justified(words, width - len(lead), rng)))
    out += [f"{a:<50}{b}".rstrip() for a, b in _side_by_side(recipients, signature)]
    return "\n".join(out) + "\n"


def pdftotext_pages(text: str, width: int = 80, page_lines: int = 20) -> str:
    """``pdftotext`` over pages: a page ends every ``page_lines`` lines of the
    body (the first page holds the header too), and the next opens with a form
    feed and its number centred above a blank line (r016, r050), wherever it
    falls, mid-sentence too."""
    lines = pdftotext(text, width).split("\n")
    body = next(k for k, line in enumerate(lines) if line.startswith("      "))  # the first paragraph
    out, page = [], 1
    for k, line in enumerate(lines):
        if k > body and (k - body) % page_lines == 0 and k < len(lines) - 1:
            page += 1
            out += ["\f" + " " * (width // 2) + str(page), ""]
        out.append(line)
    return "\n".join(out)


def docx_table(text: str) -> str:
    header, title, body, recipients, signature = _parts(text)
    left, right, number, place_date = _columns(header)
    out = [f"| {' '.join(left)} | {' '.join(right)} |", f"| {number} | {place_date} |", "", ""]
    out += title + body
    if recipients:
        out.append(f"| {' '.join(s.strip() for s in recipients)} |  | {' '.join(signature)} |")
    return "\n".join(out) + "\n"


def markdown(text: str) -> str:
    header, title, body, recipients, signature = _parts(text)
    out = [f"**{s.strip()}**  " if s.strip().isupper() else s for s in header]
    out += [""] + [f"**{s.strip()}**  " for s in title] + ["", "-----", ""]
    for line in body:
        if line.strip():
            out += [line, ""]
    if recipients:
        out += [recipients[0], "", *recipients[1:], ""]
    out += [f"{s}  " if s.isupper() else s for s in signature]
    return "\n".join(out) + "\n"


def tab_columns(text: str) -> str:
    header, title, body, recipients, signature = _parts(text)
    left, right, number, place_date = _columns(header)
    out = [f"{a}\t\t{b}" for a, b in _side_by_side(left, right)]
    out += [f"{number}\t\t{place_date}", ""] + title + body
    out += [f"{a}\t\t{b}".rstrip() for a, b in _side_by_side(recipients, signature)]
    return "\n".join(out) + "\n"


def national_heading_first(text: str) -> str:
    """The national heading and motto above the issuer, then the date above the
    number: the header as a web page or a plain copy may order it."""
    header, title, body, recipients, signature = _parts(text)
    left, right, number, place_date = _columns(header)
    return "\n".join(right + left + [place_date, number, ""] + title + body + recipients + [""] + signature) + "\n"


def web_copy(text: str) -> str:
    """A web page's copy: each block of the page one line, the header's columns
    run together, ``THÔNG BÁO`` and its subject on one line, the recipients and
    the signature block on one line (as the style ``provincial_web_copy``)."""
    header, title, body, recipients, signature = _parts(text)
    left, right, number, place_date = _columns(header)
    out = [" ".join(left + right), f"{number} {place_date}".strip(), " ".join(s.strip() for s in title)]
    out += [s for s in body if s.strip()]
    if recipients or signature:
        out.append(" ".join(s.strip() for s in recipients + signature))
    return "\n".join(out) + "\n"


def windows_bytes(text: str) -> bytes:
    return ("\ufeff" + unicodedata.normalize("NFD", text).replace("\n", " \r\n")).encode("utf-8")


TEXT_LAYOUTS = {
    "pdftotext-56": lambda s: pdftotext(s, 56),
    "pdftotext-66": lambda s: pdftotext(s, 66),
    "pdftotext-80": lambda s: pdftotext(s, 80),
    "pdftotext-100": lambda s: pdftotext(s, 100),
    # a justified PDF: two to four blanks between the words of a full line
    "pdftotext-justified-66": lambda s: pdftotext(s, 66, justify=True),
    "pdftotext-justified-90": lambda s: pdftotext(s, 90, justify=True),
    "pdftotext-pages": pdftotext_pages,
    "docx-table": docx_table,
    "markdown": markdown,
    "tab-columns": tab_columns,
    "national-heading-first": national_heading_first,
    "web-copy": web_copy,
}


_OLD_TONE = {new: old for old, new in TONE_TABLE.items()}
_OPEN_SYLLABLE_END = re.compile("(" + "|".join(sorted(_OLD_TONE, key=len, reverse=True)) + r")(?![^\W\d_])")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_BULLET_DASH = re.compile(r"(?m)^([ \t]*)- ")
_MARKED = "ịềụổựểễệỉĩọỏõộồờởỡợủũừửữỳỹỵỷẹẻẽạảãặẳẵậẩẫằầ"
_GLUE = re.compile(r"(?<=[" + _MARKED + _MARKED.upper() + r"]) (?=[a-zđ])")
_FULL = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc"}
_ABBREVIATED = {v: k for k, v in _FULL.items()}


def _expand(text: str) -> str:
    def one(m: re.Match) -> str:
        after = re.match(r"\s*(\w+)", text[m.end() :])  # in capitals before capitals ("UBND TỈNH")
        full = _FULL[m.group(1)]
        return full.upper() if after and after.group(1).isupper() else full

    return re.sub(r"(?<![^\W\d_/-])(UBND|HĐND|MTTQ)(?![^\W\d_])", one, text)  # (not in "TB-UBND")


RESPELLINGS = {
    "old-tone-placement": lambda s: _OPEN_SYLLABLE_END.sub(lambda m: _OLD_TONE[m.group(1)], s),
    "dates-hyphen": lambda s: _DATE.sub(r"\1-\2-\3", s),
    "dates-dot": lambda s: _DATE.sub(r"\1.\2.\3", s),
    "dates-padded": lambda s: _DATE.sub(lambda m: f"{int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}", s),
    "dates-in-words": lambda s: re.sub(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})", r"ngày \1 tháng \2 năm \3", s),
    "abbreviations-in-full": _expand,
    "full-names-abbreviated": lambda s: re.sub("|".join(_ABBREVIATED), lambda m: _ABBREVIATED[m.group(0)], s),
    # the dash of a list item drawn as another bullet (a Symbol-font one as a
    # PDF's text layer keeps it, a private-use code point)
    "bullets-•": lambda s: _BULLET_DASH.sub(r"\1• ", s),
    "bullets-en-dash": lambda s: _BULLET_DASH.sub(r"\1– ", s),
    "bullets-star": lambda s: _BULLET_DASH.sub(r"\1* ", s),
    "bullets-symbol-font": lambda s: _BULLET_DASH.sub("\\1\uf0b7 ", s),
    # a PDF text layer that drops the space after a syllable drawn with a
    # composed vowel (dev r008: "Uỷban", "phụnữ", "Đềnghị", "bổsung")
    "glued-syllables": lambda s: _GLUE.sub("", s),
}
