"""Office files and PDFs: real dev notices written into each format, read back, extracted.

Fixtures are built here from dev texts (tests/render_fixtures.py): a .docx with
python-docx, a text-layer PDF with reportlab, an image-only PDF from that PDF's
pages; tests/fixtures/t002.doc is the dev notice t002 saved as Word 97 by
LibreOffice. A test whose system tool (antiword, tesseract, a Vietnamese font)
is absent skips and says what to install.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, REPO

pytest.importorskip("docx", reason="the formats extra is not installed: pip install -e '.[formats]'")
pytest.importorskip("pypdf", reason="the formats extra is not installed: pip install -e '.[formats]'")

from render_fixtures import pdf_to_image_pdf, text_to_docx, text_to_pdf, vietnamese_font, why_not  # noqa: E402

from notice_extract.convert import ConvertError, ConvertOptions, convert, read_document  # noqa: E402
from notice_extract.convert.doc import convert_doc  # noqa: E402
from notice_extract.convert.docx import convert_docx  # noqa: E402
from notice_extract.pipeline import extract_text  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def _manifest() -> dict[str, str]:
    path = CORPUS / "MANIFEST.jsonl"
    if not path.exists():
        return {}
    return {r["id"]: r.get("format_notes", "") for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _dev(doc: str) -> str:
    path = CORPUS / f"{doc}.txt"
    if not path.exists():
        pytest.skip(f"dev corpus not found at {CORPUS}")
    return path.read_text(encoding="utf-8")


# the dev texts that were .docx files (python-docx, tables as "| a | b |" rows)
DOCX_DOCS = sorted(d for d, notes in _manifest().items() if "python-docx" in notes or "Draft .docx" in notes
                   or notes.startswith("File '") or "kết luận lam viec" in notes)
# the dev texts that were PDFs read with pdftotext -layout
PDF_DOCS = sorted(d for d, notes in _manifest().items() if "pdftotext -layout" in notes)


def _key_values(rec) -> dict:
    """What a clerk checks first: number, date, issuer, signature, and the directives."""
    sig = rec.signature
    return {
        "number": rec.number.text.split() if rec.number and rec.number.text else None,
        "issue_date": rec.issue_date.value if rec.issue_date else None,
        "issuer": rec.issuer.value if rec.issuer else None,
        "signer": sig.signer if sig else None,
        "position": sig.position if sig else None,
        "directives": [" ".join(d.text.split())[:60] for d in rec.directives],
    }


def _grounded(rec, text: str) -> None:
    """Every span in the record indexes ``text`` exactly."""

    def walk(obj):
        if isinstance(obj, dict):
            if obj.get("span") is not None and obj.get("text") is not None:
                s, e = obj["span"]
                assert text[s:e] == obj["text"], (obj["text"], text[s:e])
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    walk(rec.model_dump())


# --------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------


@pytest.mark.parametrize("doc", DOCX_DOCS or ["t002"])
def test_docx_record_agrees_with_txt(doc):
    """A dev notice that was a .docx, written back into one, reads as the collector's text did."""
    text = _dev(doc)
    converted = convert_docx(text_to_docx(text))
    assert converted.converter.startswith("python-docx ")
    # the same lines, but for whitespace inside table cells and at line ends
    norm = lambda t: [" ".join(ln.split()) for ln in t.split("\n") if ln.strip()]  # noqa: E731
    assert norm(converted.text) == norm(text)
    from_txt, from_docx = extract_text(text, doc), extract_text(converted.text, doc)
    assert _key_values(from_docx) == _key_values(from_txt)
    _grounded(from_docx, converted.text)


def test_docx_reads_what_python_docx_paragraph_text_misses():
    """Tracked insertions, content controls, hyperlinks and text boxes are text the notice shows;
    deleted text is not. (One rule per case: synthetic XML.)"""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    body = d.element.body
    sect = body[-1]
    for xml in (
        f'<w:p {w}><w:r><w:t xml:space="preserve">Giao Sở </w:t></w:r><w:ins w:id="1" w:author="a">'
        f'<w:r><w:t>Tài chính</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>Xây dựng</w:delText>'
        f'</w:r></w:del><w:r><w:t xml:space="preserve"> chủ trì.</w:t></w:r></w:p>',
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:p {w}><w:hyperlink><w:r><w:t>- Như trên;</w:t></w:r></w:hyperlink></w:p>',
    ):
        sect.addprevious(parse_xml(xml))
    out = io.BytesIO()
    d.save(out)
    text = convert_docx(out.getvalue()).text
    assert text.split("\n")[:3] == ["Giao Sở Tài chính chủ trì.", "Nơi nhận:", "- Như trên;"]


def test_docx_header_and_footnotes_have_their_place():
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    d.sections[0].footer.paragraphs[0].text = "2"  # a page number: not text of the notice
    d.add_paragraph("THÔNG BÁO")
    out = io.BytesIO()
    d.save(out)
    lines = convert_docx(out.getvalue()).text.split("\n")
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" and "THÔNG BÁO" in lines and "2" not in lines


# --------------------------------------------------------------------------
# .doc
# --------------------------------------------------------------------------


def test_doc_through_antiword_agrees_with_txt():
    if not shutil.which("antiword"):
        pytest.skip("antiword is not installed (apt-get install antiword)")
    data = (FIXTURES / "t002.doc").read_bytes()
    converted = convert_doc(data)
    assert converted.converter.startswith("antiword ")
    from_txt, from_doc = extract_text(_dev("t002"), "t002"), extract_text(converted.text, "t002")
    want, got = _key_values(from_txt), _key_values(from_doc)
    assert got == want
    _grounded(from_doc, converted.text)


@pytest.mark.parametrize("data,what", [
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Th\\'f4ng b\\'e1o}", "RTF"),
    (b"<html><head><meta charset=utf-8></head><body>TH\xc3\x94NG B\xc3\x81O</body></html>", "HTML"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<html>", "HTML"),
])
def test_doc_that_is_really_rtf_or_html_says_so(data, what):
    with pytest.raises(ConvertError, match=f"really {what}"):
        convert(data, "cong-van.doc")


# --------------------------------------------------------------------------
# PDF with a text layer
# --------------------------------------------------------------------------


def _pdf(doc: str) -> bytes:
    if vietnamese_font() is None:
        pytest.skip(why_not)
    return text_to_pdf(_dev(doc))


@pytest.mark.parametrize("doc", PDF_DOCS or ["t011"])
def test_pdf_text_layer_agrees_with_txt(doc):
    """A notice the collector read with pdftotext -layout, printed to PDF and read back with pypdf."""
    pdf = _pdf(doc)
    converted = convert(pdf, f"{doc}.pdf", ConvertOptions(ocr="never"))
    assert converted.converter.startswith("pypdf ") and converted.pages >= 1 and not converted.ocr_pages
    from_txt, from_pdf = extract_text(_dev(doc), doc), extract_text(converted.text, doc)
    want, got = _key_values(from_txt), _key_values(from_pdf)
    # directives may break differently where a long line wraps; the header and signature must not
    want.pop("directives"), got.pop("directives")
    assert got == want
    assert len(from_pdf.directives) == len(from_txt.directives)
    _grounded(from_pdf, converted.text)


def test_pdf_keeps_the_two_column_header_as_columns():
    converted = convert(_pdf("t011"), "t011.pdf", ConvertOptions(ocr="never"))
    first = converted.text.split("\n")[0]
    assert "UBND TỈNH LÂM ĐỒNG" in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "   " in first.strip()  # the gap between the columns survives


def test_max_pages_reads_the_first_pages_and_warns():
    pdf = _pdf("r014")  # several pages
    import pypdf

    total = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert total >= 2
    converted = convert(pdf, "r014.pdf", ConvertOptions(ocr="never", max_pages=1))
    assert converted.pages == total and converted.text.count("\f") == 1
    assert any("first 1 of" in w for w in converted.warnings)


def test_bad_pdfs_each_get_a_clear_error():
    import pypdf

    out = io.BytesIO()
    pypdf.PdfWriter().write(out)
    with pytest.raises(ConvertError, match="no pages"):
        convert(out.getvalue(), "empty.pdf")
    pdf = _pdf("t011")
    locked = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    locked.encrypt(user_password="mat-khau", owner_password="chu", algorithm="AES-128")
    out = io.BytesIO()
    locked.write(out)
    with pytest.raises(ConvertError, match="encrypted PDF"):
        convert(out.getvalue(), "locked.pdf")
    with pytest.raises(ConvertError, match="not a readable PDF"):
        convert(pdf[: len(pdf) // 3], "cut.pdf")
    # an owner password only (no printing, no editing) opens as in any viewer
    owner = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    owner.encrypt(user_password="", owner_password="chu", algorithm="AES-128")
    out = io.BytesIO()
    owner.write(out)
    assert "CỘNG HÒA" in convert(out.getvalue(), "signed.pdf").text


# --------------------------------------------------------------------------
# scanned PDF: OCR
# --------------------------------------------------------------------------


def _tesseract_vie() -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return "vie" in out


def test_scanned_pdf_goes_through_ocr():
    if not _tesseract_vie():
        pytest.skip("tesseract with Vietnamese is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    pytest.importorskip("pypdfium2", reason="pypdfium2 (formats extra) renders the pages")
    doc = "t011"
    scan = pdf_to_image_pdf(_pdf(doc), dpi=200)
    never = ConvertOptions(ocr="never")
    with pytest.raises(ConvertError, match="OCR is off"):
        convert(scan, "scan.pdf", never)
    started = []
    converted = convert(scan, "scan.pdf", ConvertOptions(ocr="auto"), ocr_started=started.append)
    assert converted.ocr_pages == converted.pages == started[0] >= 1
    assert converted.converter.startswith("tesseract ") and "(vie)" in converted.converter
    assert 0.5 < converted.ocr_confidence <= 1.0
    from_txt, from_scan = _key_values(extract_text(_dev(doc), doc)), _key_values(extract_text(converted.text, doc))
    for key in ("number", "issue_date", "signer", "position"):
        assert from_scan[key] == from_txt[key], key
    # the issuer is found, though OCR may misread a capital's diacritic ("SƠ NỘI VỤ" for "SỞ NỘI VỤ")
    assert from_scan["issuer"] and "Lâm Đồng" in from_scan["issuer"]


# --------------------------------------------------------------------------
# the command line: a mixed folder, bad files, --text-dir, --glob, missing tools
# --------------------------------------------------------------------------


def _cli(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "notice_extract", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600,
    )


@pytest.fixture
def office_folder(tmp_path):
    """One notice as .txt, .docx and text-layer .pdf, and one bad file of each kind."""
    import pypdf

    folder = tmp_path / "van-ban"
    (folder / "2026").mkdir(parents=True)
    text = _dev("t002")
    (folder / "t002.txt").write_text(text, encoding="utf-8")
    (folder / "2026" / "t002-ban-word.docx").write_bytes(text_to_docx(text))
    if vietnamese_font():
        (folder / "2026" / "t011-da-ky.PDF").write_bytes(text_to_pdf(_dev("t011")))
    real_docx = text_to_docx(text)
    (folder / "hong.docx").write_bytes(real_docx[: len(real_docx) // 2])  # cut short: a bad zip
    (folder / "trang-web.doc").write_bytes(b"<html><body>TH\xc3\x94NG B\xc3\x81O</body></html>")
    (folder / "thu.doc").write_bytes(b"{\\rtf1\\ansi hello}")
    out = io.BytesIO()
    pypdf.PdfWriter().write(out)
    (folder / "rong.pdf").write_bytes(out.getvalue())
    (folder / "ghi-chu.md").write_text("not picked up", encoding="utf-8")
    return folder


def test_extract_a_mixed_folder(office_folder, tmp_path):
    out, texts = tmp_path / "out.jsonl", tmp_path / "texts"
    proc = _cli("extract", str(office_folder), "-o", str(out), "--text-dir", str(texts), "-j", "2")
    assert proc.returncode == 1, proc.stderr  # some documents failed, each with its record
    recs = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    expected = {"t002", "t002-ban-word", "hong", "trang-web", "thu", "rong"} | (
        {"t011-da-ky"} if vietnamese_font() else set())
    assert set(recs) == expected
    assert "zip" in recs["hong"]["error"]
    assert "really HTML" in recs["trang-web"]["error"] and "really RTF" in recs["thu"]["error"]
    assert "no pages" in recs["rong"]["error"]
    word, txt = recs["t002-ban-word"], recs["t002"]
    assert word["source"]["converter"].startswith("python-docx") and txt["source"]["converter"] is None
    for key, part in (("number", "text"), ("issue_date", "value"), ("issuer", "value"), ("signature", "signer")):
        assert (word[key] or {}).get(part) == (txt[key] or {}).get(part), key
    assert [d["text"].split() for d in word["directives"]] == [d["text"].split() for d in txt["directives"]]
    # the text the spans index is on disk, named by the record
    for rec in (word, txt) + ((recs["t011-da-ky"],) if "t011-da-ky" in recs else ()):
        path = Path(rec["source"]["text_path"])
        assert path.parent == texts
        text = path.read_bytes().decode("utf-8")
        assert len(text) == rec["source"]["chars"]
        assert rec["issuer"]["text"] == text[rec["issuer"]["span"][0]:rec["issuer"]["span"][1]]
    # the schema printed by the CLI accepts every line, converted or failed
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(_cli("schema").stdout)
    assert "converter" in schema["$defs"]["Source"]["properties"]
    for rec in recs.values():
        jsonschema.validate(rec, schema)


def test_glob_narrows_a_folder(office_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = _cli("extract", str(office_folder), "--glob", "*.docx", "-o", str(out))
    recs = [json.loads(ln)["doc_id"] for ln in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(recs) == ["hong", "t002-ban-word"], proc.stderr


def test_missing_tools_give_an_error_record_saying_what_to_install(tmp_path):
    """With no antiword, LibreOffice or tesseract on PATH, each file that needs one fails alone."""
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "t002.doc", tmp_path / "in" / "t002.doc")
    (tmp_path / "in" / "t002.txt").write_text(_dev("t002"), encoding="utf-8")
    if vietnamese_font():
        pytest.importorskip("pypdfium2")
        (tmp_path / "in" / "scan.pdf").write_bytes(pdf_to_image_pdf(text_to_pdf(_dev("t011")), dpi=100))
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    out = tmp_path / "out.jsonl"
    proc = _cli("extract", str(tmp_path / "in"), "-o", str(out), env=env)
    assert proc.returncode == 1, proc.stderr
    recs = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    by_suffix = {Path(r["source"]["path"]).suffix: r for r in recs.values()}
    assert "error" not in by_suffix[".txt"]
    assert "apt-get install antiword" in by_suffix[".doc"]["error"]
    if "scan" in recs:
        assert "apt-get install tesseract-ocr tesseract-ocr-vie" in recs["scan"]["error"]


def test_audit_shows_the_converted_text(tmp_path):
    text = _dev("t002")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "t002.docx").write_bytes(text_to_docx(text))
    out, report = tmp_path / "out.jsonl", tmp_path / "r.html"
    _cli("extract", str(tmp_path / "in"), "-o", str(out), "--text-dir", str(tmp_path / "texts"))
    proc = _cli("audit", "--pred", str(out), "-o", str(report))
    assert proc.returncode == 0, proc.stderr
    from test_audit import page_data

    data = page_data(report.read_text(encoding="utf-8"))
    shown = data[f"doc-{data['index-data'][0]['n']}"]["text"]
    assert shown == (tmp_path / "texts" / "t002.txt").read_text(encoding="utf-8")
    assert "| ỦY BAN NHÂN DÂN" in shown or "ỦY BAN NHÂN DÂN" in shown.split("\n")[0]


def test_read_document_text_file_is_unchanged():
    """A .txt still goes through the decoder alone: same text, no converter."""
    raw = (REPO / "samples" / "002_765b2f3007ea3c3e.txt").read_bytes()
    doc = read_document(raw, "samples/002_765b2f3007ea3c3e.txt", "002")
    assert doc.source.converter is None and doc.source.encoding and doc.text == raw.decode("utf-8-sig")


def test_without_the_formats_extra_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(ConvertError, match=r"pip install 'notice_extract\[formats\]'"):
        convert(b"PK\x03\x04...", "a.docx")
    with pytest.raises(ConvertError, match=r"pip install 'notice_extract\[formats\]'"):
        convert(b"%PDF-1.7\n...", "a.pdf")


def test_the_time_limit_lengthens_once_ocr_starts():
    """A document under a 0.3 s limit whose OCR starts lives on to its OCR limit (here 1.5 s)."""
    import time

    from notice_extract.batch import DocumentTimeout, _time_limit

    with _time_limit(0.3) as limit:
        limit.extend_to(1.5)(2)  # what the PDF converter calls when pages go to OCR
        time.sleep(0.6)
    with pytest.raises(DocumentTimeout):
        with _time_limit(0.3) as limit:
            limit.extend_to(0.6)(1)
            time.sleep(1.0)


def test_office_files_and_pdfs_may_be_larger_than_text(tmp_path):
    """A scan runs to tens of MB: the size limit for .pdf/.docx is its own, unless --max-bytes is given."""
    from notice_extract.batch import Input, process

    text = _dev("t002")
    (tmp_path / "t002.txt").write_text(text, encoding="utf-8")
    (tmp_path / "t002.docx").write_bytes(text_to_docx(text))
    small = 1000  # bytes: both files are larger
    txt = process(Input(str(tmp_path / "t002.txt"), "a"), max_bytes=small)
    docx_ok = process(Input(str(tmp_path / "t002.docx"), "b"), max_bytes=small, options=ConvertOptions())
    docx_capped = process(Input(str(tmp_path / "t002.docx"), "c"), max_bytes=small,
                          options=ConvertOptions(max_file_bytes=None))
    assert "too large" in txt.error and "too large" in docx_capped.error
    assert not hasattr(docx_ok, "error") and docx_ok.source.converter.startswith("python-docx")


def test_docx_typed_in_a_legacy_font_is_converted_to_unicode():
    """An old document typed in .VnTime keeps TCVN3 glyphs ("Th«ng b¸o") when saved as .docx:
    the decoder's legacy repair applies to converted text too, and the record says so."""
    from test_decode import as_cp1252_then_utf8, tcvn3_encode

    text = _dev("t002")
    raw, _ = tcvn3_encode(text)
    glyphs = as_cp1252_then_utf8(raw).decode("utf-8")
    assert "Th«ng b¸o" in glyphs or "TH«NG B¸O" in glyphs or "n¨m" in glyphs
    doc = read_document(text_to_docx(glyphs), "t002-vntime.docx", "t002")
    assert doc.source.encoding == "tcvn3" and doc.source.converter.startswith("python-docx")
    assert any("TCVN3" in w for w in doc.warnings)
    got, want = _key_values(extract_text(doc.text, "t002")), _key_values(extract_text(text, "t002"))
    assert got["issue_date"] == want["issue_date"] and got["number"] == want["number"]
    assert len(got["directives"]) == len(want["directives"]) > 0


def test_standard_input_is_recognised_by_its_bytes(tmp_path):
    """`notice-extract extract - < van-ban.docx` and a PDF piped in are converted like files."""
    text = _dev("t002")
    for name, data in (("van-ban.docx", text_to_docx(text)),) + (
            (("van-ban.pdf", text_to_pdf(text)),) if vietnamese_font() else ()):
        proc = subprocess.run([sys.executable, "-m", "notice_extract", "extract", "-"], input=data,
                              capture_output=True, timeout=300)
        rec = json.loads(proc.stdout)
        assert "error" not in rec, (name, rec.get("error"))
        assert rec["source"]["converter"] and rec["source"]["path"] is None
        assert rec["issuer"]["value"] == extract_text(text, "t002").issuer.value, name


def _auto_numbered_docx(text: str) -> bytes:
    """The notice as Word users type it: its "1.", "2." items numbered by Word (a decimal list,
    the labels in numbering.xml and not in the text runs)."""
    import re

    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in text.split("\n"):
        m = re.match(r"^(\d{1,2})\. (.*)$", line)
        p = d.add_paragraph(m.group(2) if m else line)
        if m:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_automatic_numbering_keeps_the_item_numbers():
    """Word's numbered lists draw "1." from numbering.xml: the text has them, so the directive tree
    is the one of the .txt."""
    text = _dev("t002")
    assert "\n1. " in text
    converted = convert_docx(_auto_numbered_docx(text))
    assert [ln for ln in converted.text.split("\n") if ln[:3] in ("1. ", "2. ")] == \
        [ln for ln in text.split("\n") if ln[:3] in ("1. ", "2. ")]
    from_txt, from_docx = extract_text(text, "t002"), extract_text(converted.text, "t002")
    assert _key_values(from_docx) == _key_values(from_txt)
    assert [d.path for d in from_docx.directives] == [d.path for d in from_txt.directives]


def test_a_signed_scan_with_a_stamp_text_layer_is_still_a_scan():
    """E-signed scans carry a small text layer (the signature stamp) over the page image: such a
    page goes to OCR under --ocr auto; a page of real text does not."""
    pytest.importorskip("pypdfium2")
    import pypdf
    from reportlab.pdfgen import canvas

    from notice_extract.convert.pdf import is_scan, page_text

    pdf = _pdf("t011")
    scan = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_to_image_pdf(pdf, dpi=150)))
    stamp_pdf = io.BytesIO()
    c = canvas.Canvas(stamp_pdf, pagesize=(float(scan.pages[0].mediabox.width), float(scan.pages[0].mediabox.height)))
    c.setFont("Helvetica", 7)
    for i, line in enumerate(["Nguoi ky: So Noi vu", "Email: snv@lamdong.gov.vn", "Thoi gian ky: 19.01.2026 09:12:40 +07:00"]):
        c.drawString(400, 800 - 9 * i, line)
    c.save()
    page = scan.pages[0]
    page.merge_page(pypdf.PdfReader(stamp_pdf).pages[0])
    text = page_text(page)
    assert "Thoi gian ky" in text  # the stamp is a real text layer
    assert is_scan(page, text)
    text_page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert not is_scan(text_page, page_text(text_page))


def test_docx_footnotes_come_after_the_body_numbered():
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Công văn số 464/STC-VP ngày 15/01/2026.</w:t>'
        f'</w:r></w:p></w:footnote></w:footnotes>'
    ).encode()
    d = docx.Document()
    d.add_paragraph("Qua tổng hợp các ý kiến góp ý, Sở Nội vụ đã tiếp thu.")
    d.add_paragraph("Nơi nhận:")
    d.part.relate_to(Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes, d.part.package), RT.FOOTNOTES)
    out = io.BytesIO()
    d.save(out)
    lines = convert_docx(out.getvalue()).text.rstrip("\n").split("\n")
    assert lines[-2:] == ["Nơi nhận:", "1 Công văn số 464/STC-VP ngày 15/01/2026."]
