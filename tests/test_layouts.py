"""The style notices of tests/fixtures/synthetic/styles/ printed as other
converters print them (tests/converter_layouts.py: pdftotext -layout at four
page widths and over pages, a .docx's table rows, Markdown, tab-separated
columns, and Windows bytes with decomposed accents) read as the notice does: a
layout changes no value. On their first run, with the rules of 0153926, 385
values of the 41 notices differed in the text layouts (pdftotext at 56, 66, 80
and 100 characters: 101, 60, 57 and 94; over pages 61; tab columns 10;
Markdown 2; the .docx rows 0) and none in the Windows bytes; the pages, written
after the rules for the others (0e01ea9), 4 on their first run
(docs/quality.md, "Generalisation probes")."""

from __future__ import annotations

import pytest
from converter_layouts import TEXT_LAYOUTS, renderable, windows_bytes
from test_notice_styles import EXPECTED, STYLES, differences, reading_of

from notice_extract.decode import decode_bytes
from notice_extract.pipeline import extract_bytes, extract_text

RENDERABLE = sorted(s for s in EXPECTED if renderable((STYLES / f"{s}.txt").read_text(encoding="utf-8")))


def test_most_styles_are_rendered():
    assert len(RENDERABLE) >= 40  # the others are already a converter's output


@pytest.mark.parametrize("layout", sorted(TEXT_LAYOUTS))
@pytest.mark.parametrize("style", RENDERABLE)
def test_a_layout_changes_no_value(style, layout):
    text = TEXT_LAYOUTS[layout]((STYLES / f"{style}.txt").read_text(encoding="utf-8"))
    got = reading_of(extract_text(text, style), text)
    wrong = differences(got, EXPECTED[style])
    assert not wrong, wrong


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_windows_bytes_change_no_value(style):
    data = windows_bytes((STYLES / f"{style}.txt").read_text(encoding="utf-8"))
    got = reading_of(extract_bytes(data, style), decode_bytes(data).text)
    wrong = differences(got, EXPECTED[style])
    assert not wrong, wrong
