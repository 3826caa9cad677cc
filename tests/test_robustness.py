"""Input from the wild: whatever comes in, one record or one error record comes out,
and every span in a record is exact."""

import json
import os
import shutil
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLES
from notice_extract import batch
from notice_extract.batch import Input, process
from notice_extract.cli import app
from notice_extract.models import ErrorRecord, Record
from notice_extract.pipeline import extract_text
from notice_extract.extract.parties import find_responsible
from notice_extract.textmap import build_doc

SAMPLE = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")


def iter_spans(obj):
    """Every (text, span) pair anywhere in a record dump."""
    if isinstance(obj, dict):
        if obj.get("span") is not None and obj.get("text") is not None:
            yield obj["text"], obj["span"]
        for v in obj.values():
            yield from iter_spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_spans(v)


def assert_grounded(record: Record, source: str) -> int:
    n = 0
    for text, (s, e) in iter_spans(record.model_dump()):
        assert 0 <= s <= e <= len(source)
        assert source[s:e] == text
        n += 1
    for seg in record.segments:
        assert 0 <= seg.span[0] <= seg.span[1] <= len(source)
    return n


# Vietnamese-looking text built from notice fragments, so that the extractors'
# rules actually fire on the generated input
_fragments = st.sampled_from(
    [line for line in SAMPLE.splitlines() if line.strip()]
    + ["Số: 12/TB-UBND", "T/M BAN THƯỜNG VỤ", "Nơi nhận:", "- Lưu VT.", "1.", "+", "ngày 05\ntháng\n02\nnăm 2026",
       "Bản điện tử:", "| a | b |", "**", "## ", "&amp;", "\u200b", "\r\n", "\t"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_fragments, st.text(max_size=40)), max_size=25))
def test_arbitrary_text_never_raises_and_spans_are_exact(parts):
    text = "\n".join(parts)
    for variant in (text, unicodedata.normalize("NFD", text), text.upper()):
        rec = extract_text(variant, "h")
        assert_grounded(rec, variant)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_record_or_an_error_record(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.txt"
    path.write_bytes(data)
    rec = process(Input(str(path), "x"), time_limit=30)
    assert isinstance(rec, (Record, ErrorRecord))
    if isinstance(rec, Record):
        from notice_extract.decode import decode_bytes

        assert_grounded(rec, decode_bytes(data).text)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: precomposed where the code page has the
    letter, else the toneless letter plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def _hostile_corpus(root: Path) -> dict[str, str]:
    """Files of every awkward kind; returns doc_id -> 'ok' or the expected error word."""
    root.mkdir()
    base = SAMPLE
    expect = {}

    def put(name, data: bytes, outcome="ok"):
        (root / f"{name}.txt").write_bytes(data)
        expect[name] = outcome

    put("nfd", unicodedata.normalize("NFD", base).encode())
    put("crlf", base.replace("\n", "\r\n").encode())
    put("cr_only", base.replace("\n", "\r").encode())
    put("bom", b"\xef\xbb\xbf" + base.encode())
    put("utf16", base.encode("utf-16"))
    put("tabs_nbsp_zw", base.replace(" ", "\u00a0", 50).replace("Đảng", "Đ\u200bảng").replace("\n- ", "\n\t- ").encode())
    put("all_caps", base.upper().encode())
    put("entities", base.replace("&", "&amp;").replace(" và ", " &amp; ").encode())
    put("pipes", "\n".join(f"| {line} |" if line.strip() else line for line in base.splitlines()).encode())
    put("ocr_date", base.replace("ngày 04 tháng 9 năm 2015", "ngày 04\ntháng\n9\nnăm 2015").encode())
    put("cp1258", _cp1258(base))
    put("empty", b"", "empty")
    put("binary", bytes(range(256)) * 20, "binary")
    put("long_line", ("1. " + "Đảng ủy, UBND xã " * 20000).encode())
    put("many_labels", ("- + * 1. a) " * 30000).encode())
    put("dates", ("ngày ngày tháng năm 12/12/ " * 20000).encode())
    (root / "huge.txt").write_bytes(b"a" * (batch.MAX_BYTES + 1))
    expect["huge"] = "too large"
    (root / "dangling.txt").symlink_to(root / "missing-target.txt")
    expect["dangling"] = "cannot read"
    sub = root / "sub"
    sub.mkdir()
    shutil.copy(SAMPLES / "002_765b2f3007ea3c3e.txt", sub / "nested.txt")
    expect["nested"] = "ok"
    os.symlink(root, sub / "loop")  # a folder link back to an ancestor
    return expect


def test_hostile_corpus_through_the_cli(tmp_path):
    expect = _hostile_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 1, result.output  # some inputs failed, and the exit code says so
    lines = out.read_text(encoding="utf-8").splitlines()
    recs = {}
    for line in lines:
        rec = json.loads(line)
        recs.setdefault(rec["doc_id"], rec)
    for doc_id, outcome in expect.items():
        assert doc_id in recs, f"{doc_id} lost"
        rec = recs[doc_id]
        if outcome == "ok":
            assert "error" not in rec, (doc_id, rec.get("error"))
        else:
            assert outcome in rec["error"], (doc_id, rec["error"])
    # the link back to an ancestor folder is walked once, not counted as a failed document
    assert not any("loop" in json.loads(x).get("error", "") for x in lines)
    assert len(lines) == len(expect)
    # the normalised variants of the same notice read the same header
    for doc_id in ("nfd", "crlf", "bom", "utf16", "tabs_nbsp_zw", "entities", "cp1258"):
        assert recs[doc_id]["issue_date"] and recs[doc_id]["issue_date"]["value"] == "2015-09-04", doc_id
        assert len(recs[doc_id]["directives"]) == len(recs["crlf"]["directives"]) > 0, doc_id
    assert recs["ocr_date"]["issue_date"]["value"] == "2015-09-04"


def test_a_signature_block_near_the_end_of_a_short_text_does_not_raise():
    # found by the property test above: an authority line with fewer than
    # three lines after it, then another signature start
    text = "\n".join(["Tân Yên, ngày 04 tháng 9 năm 2015"] * 4 + ["T/M BAN THƯỜNG VỤ"] * 2)
    rec = extract_text(text)
    assert rec is not None


def test_a_narrow_line_left_open_at_the_end_of_a_clause_does_not_raise():
    # found by the batch test: a table-cell reading of a clause whose last
    # short line ends on a comma or "và" ran past the last token
    for tail in ("Sở Tài chính,", "Bộ Khoa học và", "Các bộ,\nngành,"):
        doc = build_doc("Rà soát các quy định\n" + tail)
        assert find_responsible(doc, 0, len(doc.text)) == []
