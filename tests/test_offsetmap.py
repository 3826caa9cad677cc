"""OffsetMap (offsetmap.py) reads exactly like the dense array it replaced, for
every use the code makes of a map: len, indexing, slicing, iteration, bisect,
==; and the edits build_doc makes (kept runs, inserted items, replaced items)
give the same items as the same edits on a list."""

from __future__ import annotations

import bisect
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notice_extract.offsetmap import OffsetBuilder, OffsetMap, inserted, kept_runs, replaced
from notice_extract.textmap import build_doc


def _offsets(draw_steps):
    """A non-decreasing offset list like a real map: mostly +1 steps, with
    repeats (a composed cluster, a swapped tone pair), jumps (dropped marks)
    and zero-width items (inserted spaces)."""
    out, v = [], 0
    for step in draw_steps:
        v += step
        out.append(v)
    return out


maps = st.lists(st.sampled_from([1, 1, 1, 1, 0, 2, 3, 17]), max_size=60).map(_offsets)


@settings(max_examples=300, deadline=None)
@given(maps, st.data())
def test_reads_like_the_dense_array(items, data):
    dense = array("i", items)
    m = OffsetMap.of(items)
    assert len(m) == len(dense) and list(m) == items and m.tolist() == items
    assert m == dense and m == items and m == OffsetMap.of(items)
    assert m != items + [10**6] and (not items or m != items[:-1] + [items[-1] + 1])
    for k in range(-len(items), len(items)):
        assert m[k] == dense[k]
    for k in (len(items), -len(items) - 1):
        with pytest.raises(IndexError):
            m[k]
    a = data.draw(st.integers(-len(items) - 3, len(items) + 3))
    b = data.draw(st.integers(-len(items) - 3, len(items) + 3))
    step = data.draw(st.sampled_from([None, 1, 2, -1, 3]))
    assert list(m[a:b:step]) == list(dense[a:b:step])
    assert list(m[a:]) == list(dense[a:]) and list(m[:b]) == list(dense[:b])
    x = data.draw(st.integers(-2, (items[-1] if items else 0) + 3))
    # apply/spans.py and Doc.working_offset bisect the maps as sequences
    assert bisect.bisect_left(m, x) == bisect.bisect_left(dense, x)
    assert bisect.bisect_right(m, x) == bisect.bisect_right(dense, x)


@settings(max_examples=300, deadline=None)
@given(maps, st.data())
def test_edits_give_the_same_items_as_on_a_list(items, data):
    m = OffsetMap.of(items)
    n = len(items)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=8)))
    runs = list(zip(cuts[::2], cuts[1::2]))
    assert list(kept_runs(m, runs)) == [v for a, b in runs for v in items[a:b]]

    where = sorted(set(data.draw(st.lists(st.integers(0, n), max_size=6))))
    values = [data.draw(st.integers(0, 100)) for _ in where]
    expect = list(items)
    for p, v in reversed(list(zip(where, values))):
        expect.insert(p, v)
    assert list(inserted(m, where, values)) == expect

    where = sorted(set(data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=6)))) if n else []
    values = [data.draw(st.integers(0, 100)) for _ in where]
    expect = list(items)
    for p, v in zip(where, values):
        expect[p] = v
    assert list(replaced(m, where, values)) == expect


def test_runs_are_few_and_merged():
    assert OffsetMap.identity(10**7).runs == 1 and len(OffsetMap.identity(10**7)) == 10**7
    assert OffsetMap.identity(5, 1) == [1, 2, 3, 4, 5]
    assert OffsetMap.identity(0) == [] and len(OffsetMap.identity(0)) == 0
    b = OffsetBuilder()
    b.extend_range(0, 100)
    b.extend_range(100, 200)  # continues the run
    b.append(200)  # and again
    b.extend_repeat(205, 2)  # a cluster after dropped marks: two items, two runs
    b.extend_range(206, 300)  # continues the second of them
    m = b.build()
    assert m.runs == 3 and len(m) == 297 and m[200] == 200 and m[201] == m[202] == 205 and m[203] == 206
    assert m.nbytes == 6 * array("i").itemsize


def test_build_doc_maps_of_a_real_notice_with_every_kind_of_edit(shared_corpus):
    # a dev notice with NFD letters, CRLF, an entity, a zero-width space, old
    # tone placement and Markdown bold: every span still grounds exactly, and
    # the maps equal their dense lists
    text = (shared_corpus / sorted(p.name for p in shared_corpus.glob("*.txt"))[0]).read_text(encoding="utf-8")
    import unicodedata

    src = "**" + unicodedata.normalize("NFD", text[:400]) + "**\r\nA&amp;B\u200b hoá " + text[400:]
    doc = build_doc(src)
    assert isinstance(doc.starts, OffsetMap) and doc.starts.runs > 10
    starts, ends = list(doc.starts), list(doc.ends)
    assert len(starts) == len(ends) == len(doc.text)
    assert starts == sorted(starts) and all(s <= e for s, e in zip(starts, ends))
    for k in range(0, len(doc.text) - 5, 7):
        text_k, (s, e) = doc.ground(k, k + 5)
        assert (s, e) == (starts[k], ends[k + 4]) and src[s:e] == text_k
    assert doc.starts.nbytes < len(doc.text)  # runs, not 4 bytes a character


# --- the lines of a long text: a view, not a copy ---------------------------------
from notice_extract import textmap
from notice_extract.textmap import LineView


@pytest.mark.parametrize("text", ["", "a", "a\n", "\n", "\n\nb\nc\n\n", "x\r\ny", "Kết luận\nNơi nhận:\n- Như trên;"])
def test_line_view_reads_like_split(text):
    doc = build_doc(text)
    view, lines = LineView(doc.text, doc.line_starts), doc.text.split("\n")
    assert list(view) == lines and len(view) == len(lines)
    everywhere = range(-len(lines), len(lines))
    assert [view[i] for i in everywhere] == [lines[i] for i in everywhere]
    assert view[1:] == lines[1:] and view[:60] == lines[:60] and view[::-1] == lines[::-1]
    for i in (len(lines), -len(lines) - 1):
        with pytest.raises(IndexError):
            view[i]


def test_records_are_the_same_when_every_document_reads_its_lines_through_the_view(shared_corpus, monkeypatch):
    from notice_extract.pipeline import extract_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_corpus.glob("*.txt"))]
    copied = [extract_text(t, "d").model_dump_json() for t in texts]
    monkeypatch.setattr(textmap, "LINES_COPIED_UP_TO", -1)
    assert isinstance(build_doc("a\nb").lines, LineView)
    viewed = [extract_text(t, "d").model_dump_json() for t in texts]
    assert len(viewed) == 68 and viewed == copied
