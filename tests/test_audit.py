"""The HTML audit view: the page's data (unit tests) and the page itself in a
real headless Chromium, driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: stdlib only, no websocket package, no driver)."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from notice_extract.audit import AuditItem, audit, render_audit, write_audit
from notice_extract.models import (
    Deadline, Directive, Grounded, Party, Person, Recipient, Record, Segment, Signature, Source, Value,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_ID = "000_9b1d8448ca6bf7da"
DEV_TXT = SHARED / "corpus" / "dev" / f"{DEV_ID}.txt"
GOLD_DIR = SHARED / "gold" / "dev"
CHROMIUM = Path("/usr/bin/chromium")


# --------------------------------------------------------------------------
# A hand-made record for the real dev notice: the view is tested on known
# spans, independently of how good the extractor is today.
# --------------------------------------------------------------------------


def _finder(text: str):
    def span(needle: str, line: int | None = None, after: int = 0) -> tuple[int, int]:
        if line is not None:  # search inside that 1-based line only
            after = sum(len(x) + 1 for x in text.split("\n")[: line - 1])
        start = text.index(needle, after)
        return (start, start + len(needle))

    def line_span(first: int, last: int) -> tuple[int, int]:
        lines = text.split("\n")
        start = sum(len(x) + 1 for x in lines[: first - 1])
        end = sum(len(x) + 1 for x in lines[:last]) - 1
        return (start, end)

    return span, line_span


def dev_record(text: str) -> Record:
    span, line_span = _finder(text)

    def g(cls, needle, line=None, **kw):
        s = span(needle, line)
        return cls(text=text[s[0]:s[1]], span=s, method="test", confidence=0.9, **kw)

    def directive(path, label, line, parent, parties=(), deadlines=(), kind="directive"):
        s, e = line_span(line, line)
        s += len(label) + 1  # label and its space are not part of the text
        return Directive(path=path, label=label, level=path.count(".") + 1, parent=parent, kind=kind,
                         text=text[s:e], span=(s, e), lines=(line, line), method="test",
                         responsible=list(parties), deadlines=list(deadlines))

    lan_gioi = [g(Party, "Đảng uỷ", 22, value="Đảng ủy xã Lan Giới", role="lead"),
                g(Party, "UBND", 22, value="UBND xã Lan Giới", role="lead")]
    inherited = [Party(value=p.value, role="lead", inherited=True, inherited_from="2.1", method="test")
                 for p in lan_gioi]
    subject = span("KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY")
    subject = (subject[0], text.index("\n", text.index("\n", subject[0]) + 1))
    sig = {k: g(Grounded, v, line) for k, v, line in [
        ("mode", "T/L", 80), ("on_behalf_of", "BAN THƯỜNG VỤ", 80), ("position", "CHÁNH VĂN PHÒNG", 81),
        ("signer", "Nguyễn Thế Huy", 85)]}
    gold = json.loads((GOLD_DIR / f"{DEV_ID}.json").read_text(encoding="utf-8"))
    return Record(
        doc_id=DEV_ID,
        source=Source(path=str(DEV_TXT), encoding="utf-8", chars=len(text)),
        notice_kind="ket_luan",
        notice_kind_evidence=g(Grounded, "KẾT LUẬN", 7),
        issue_place=g(Value, "Tân Yên", 3, value="Tân Yên"),
        issue_date=g(Value, "ngày 04 tháng 9 năm 2015", 3, value="2015-09-04"),
        issuer=None,
        concluded_by=Value(value="Thường trực Huyện ủy", evidence=[span("THƯỜNG TRỰC HUYỆN ỦY")], method="test"),
        subject=Value(text=text[subject[0]:subject[1]], span=subject, value="KẾT LUẬN ...", method="test"),
        persons=[Person(name="Nguyễn Thế Huy", titles=["CHÁNH VĂN PHÒNG"], mentions=[span("Nguyễn Thế Huy")])],
        segments=[Segment(kind=s["kind"], lines=tuple(s["lines"]), span=line_span(*s["lines"]))
                  for s in gold["segments"]],
        directives=[
            directive("2.1", "-", 22, None, lan_gioi),
            directive("2.1.1", "+", 24, "2.1", inherited),
            directive("2.2", "-", 32, None, kind="group"),
            directive("2.2.1", "+", 34, "2.2", [g(Party, "Đảng uỷ, UBND xã Lan Giới", 34, value="Đảng ủy xã Lan Giới")],
                      [g(Deadline, "từ nay đến năm 2018", 34, kind="period", start="2015-09-04", end="2018-12-31")]),
            directive("3.3", "-", 62, None, [
                g(Party, "Phòng Tài Nguyên và Môi trường", 62, value="Phòng Tài Nguyên và Môi trường", role="lead"),
                # not in the gold: the scorer reports it as spurious, on this span
                g(Party, "công tác rà soát", 62, value="công tác rà soát", role="support"),
            ]),
        ],
        recipients=[g(Recipient, "Văn phòng Tỉnh uỷ (b/c)", 70, value="Văn phòng Tỉnh uỷ", purpose="báo cáo")],
        signature=Signature(mode="T/L", on_behalf_of="BAN THƯỜNG VỤ", position="CHÁNH VĂN PHÒNG",
                            signer="Nguyễn Thế Huy", parts=sig, method="test"),
        warnings=["test warning with <b>markup</b> & an ampersand"],
    )


@pytest.fixture(scope="module")
def dev_text() -> str:
    if not DEV_TXT.is_file():
        pytest.skip(f"dev corpus not found at {DEV_TXT}")
    return DEV_TXT.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Reading the page's data back
# --------------------------------------------------------------------------

_BLOCK = re.compile(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', re.S)


def page_data(page: str) -> dict[str, object]:
    return {m.group(1): json.loads(m.group(2)) for m in _BLOCK.finditer(page)}


def record_spans(obj, where=""):
    """Every (span, text) in a record dict, persons' mentions and evidence included."""
    if isinstance(obj, dict):
        if obj.get("span") is not None:
            yield tuple(obj["span"]), where
        for k, v in obj.items():
            if k in ("mentions", "evidence") and isinstance(v, list):
                for s in v:
                    yield tuple(s), f"{where}.{k}"
            elif isinstance(v, (dict, list)):
                yield from record_spans(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            yield from record_spans(v, where)


# --------------------------------------------------------------------------
# Unit tests on the HTML
# --------------------------------------------------------------------------


def test_page_is_self_contained(dev_text):
    page = render_audit([AuditItem(dev_record(dev_text), dev_text)], GOLD_DIR)
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from anywhere: no external scripts, styles, fonts, images
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page  # the CSP forbids network loads outright


def test_every_span_is_a_mark(dev_text):
    record = dev_record(dev_text)
    page = render_audit([AuditItem(record, dev_text)], None)
    data = page_data(page)["doc-0"]
    assert data["text"] == dev_text
    marks = {(m["s"], m["e"]) for m in data["marks"]}
    spans = list(record_spans(record.model_dump(mode="json")))
    assert len(spans) > 15
    missing = [(s, w) for s, w in spans if s not in marks and "segments" not in w]
    assert not missing
    assert not data["problems"]  # every span grounds
    # segments are line bands
    assert {s["kind"] for s in data["segments"]} >= {"header", "requirements", "signature"}


def test_escaping_of_source_text():
    text = "Số: 1/TB-X\n</script><script>alert(1)</script> A & B <b>bold</b> <!-- x\n%JS% end\n"
    rec = Record(doc_id="esc<1>&", source=Source(chars=len(text)),
                 subject=Value(text="A & B <b>bold</b>", span=(text.index("A & B"), text.index(" <!--")),
                               value="A & B"),
                 warnings=["<img src=x onerror=alert(1)>"])
    page = render_audit([AuditItem(rec, text)], None)
    # exactly the page's own script blocks close: the text cannot end one
    assert page.count("</script>") == page.count("<script")
    assert "<b>bold</b>" not in page and "<img" not in page and "alert(1)</script>" not in page
    assert "A \\u0026 B" in page  # & travels escaped inside the JSON
    data = page_data(page)
    assert data["doc-0"]["text"] == text  # and comes back intact
    assert data["index-data"][0]["id"] == "esc<1>&"
    mark = data["doc-0"]["marks"][0]
    assert text[mark["s"]:mark["e"]] == "A & B <b>bold</b>"


def test_ungrounded_and_invalid_spans_are_reported():
    text = "abc def\nghi\n"
    rec = {"doc_id": "x", "source": {}, "issue_place": {"value": "abc", "text": "abd", "span": [0, 3]},
           "subject": {"value": "q", "text": "q", "span": [5, 99]}}
    data = page_data(render_audit([AuditItem(rec, text)], None))["doc-0"]
    assert data["marks"][0]["ug"] == 1
    assert len(data["problems"]) == 2
    assert page_data(render_audit([AuditItem(rec, text)], None))["index-data"][0]["ug"] == 2


def test_inherited_party_points_at_ancestor_and_errors_are_attached(dev_text):
    page = render_audit([AuditItem(dev_record(dev_text), dev_text)], GOLD_DIR)
    data = page_data(page)["doc-0"]
    tree = {d["path"]: d for d in data["tree"]}
    own = tree["2.1"]["parties"][0]
    inh = tree["2.1.1"]["parties"][0]
    assert inh["inherited"] and inh["from"] == "2.1" and inh["mark"] == own["mark"] is not None
    assert data["gold"] and data["errors"]
    spurious = [e for e in data["errors"] if e["kind"] == "spurious" and e["field"] == "directives.responsible"]
    mark = data["marks"][spurious[0]["mark"]]
    assert spurious and dev_text[mark["s"]:mark["e"]] == "công tác rà soát"
    missed = [e for e in data["errors"] if e["kind"] == "missed" and e["field"] == "directives"]
    assert missed and all(e["line"] for e in missed)  # shown on their gold line


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("audit")(audit)
    app.command("other")(lambda: None)  # two commands: "audit" stays a subcommand, as in the real CLI
    return app


def test_cli_pred_jsonl_with_unreadable_source_and_error_record(tmp_path, dev_text):
    rec = dev_record(dev_text).model_dump(mode="json")
    lost = dict(rec, doc_id="lost", source={"path": str(tmp_path / "gone.txt")})
    failed = {"doc_id": "broken", "source": {"path": "x.txt"}, "error": "DecodeError: binary file"}
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (rec, lost, failed)) + "\nnot json\n",
                    encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(_cli(), ["audit", "--pred", str(pred), "--gold", str(GOLD_DIR), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    index = {d["id"]: d for d in data["index-data"]}
    assert index[DEV_ID]["status"] == "ok" and index[DEV_ID]["errs"] > 0
    assert index["lost"]["status"] == "no source"
    assert "source file not found" in data[f"doc-{index['lost']['n']}"]["notes"][0]
    assert index["broken"]["status"] == "failed"
    assert index["pred.jsonl:4"]["status"] == "failed"


def test_cli_needs_paths_or_pred(tmp_path):
    result = CliRunner().invoke(_cli(), ["audit", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2


def test_cli_runs_the_extractor_on_a_folder(tmp_path, monkeypatch):
    """Folders are searched recursively; a file the extractor fails on is listed
    as failed. A stand-in extractor keeps this independent of extraction quality."""
    import types

    def extract_file(path, doc_id=None):
        text = Path(path).read_bytes().decode("utf-8")  # the binary file raises here
        return Record(doc_id=doc_id or Path(path).stem, source=Source(path=str(path), chars=len(text)),
                      warnings=["stand-in"])

    monkeypatch.setitem(sys.modules, "notice_extract.pipeline", types.SimpleNamespace(extract_file=extract_file))
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text("Số: 1/TB\nA & <B>\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\xff\xfe\x00\xd8 binary")
    (tmp_path / "in" / "notes.md").write_text("not a text file to extract", encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(_cli(), ["audit", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    index = {d["id"]: d for d in data["index-data"]}
    assert set(index) == {"a", "b"}
    assert index["a"]["status"] == "ok" and data[f"doc-{index['a']['n']}"]["text"] == "Số: 1/TB\nA & <B>\n"
    assert index["b"]["status"] == "failed"
    assert "UnicodeDecodeError" in data[f"doc-{index['b']['n']}"]["error"]


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="../shared is not here")
def test_cli_on_the_dev_corpus_with_the_real_extractor(tmp_path):
    """Smoke test: every dev file gets a row, whatever the extractor makes of it."""
    pytest.importorskip("notice_extract.pipeline", reason="pipeline not importable yet")
    out = tmp_path / "dev.html"
    result = CliRunner().invoke(_cli(), ["audit", str(DEV_TXT.parent), "--gold", str(GOLD_DIR), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = page_data(out.read_text(encoding="utf-8"))["index-data"]
    assert len(index) == len(list(DEV_TXT.parent.rglob("*.txt")))
    print(f"\n{result.output.strip()}")


def test_500_documents_stay_lazy(tmp_path):
    text = "x <y> & z\n" * 200
    items = [AuditItem({"doc_id": f"d{n:03}", "source": {}, "warnings": ["w"],
                        "subject": {"value": "y", "text": "<y>", "span": [2, 5]}}, text) for n in range(500)]
    out = write_audit(items, None, tmp_path / "big.html")
    page = out.read_text(encoding="utf-8")
    assert page.count('<script type="application/json" id="doc-') == 500
    assert len(page_data(page)["index-data"]) == 500


# --------------------------------------------------------------------------
# The page in a real browser
# --------------------------------------------------------------------------


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe: the
    browser reads commands on fd 3 and writes replies on fd 4, NUL-separated
    JSON. Nothing is downloaded and no port is opened."""

    def __init__(self, profile: Path, width: int = 1500, height: int = 1000):
        to_browser_r, self._out = os.pipe()
        self._in, from_browser_w = os.pipe()
        # the child's ends move above fd 9 first, so "3<&A 4>&B" cannot clobber one with the other
        to_browser_r, from_browser_w = _above_9(to_browser_r), _above_9(from_browser_w)
        args = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
            "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}",
            f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank",
        ]
        # bash puts the two pipe ends on fds 3 and 4 of the browser (dash takes single-digit fds only)
        shell = f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}'
        self.log = profile.parent / "chromium.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(["bash", "-c", shell, "bash", *args], pass_fds=(to_browser_r, from_browser_w),
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        self.session = None

    def _read(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise RuntimeError(f"chromium closed the pipe; its log {self.log}:\n{self._tail()}")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method: str, params: dict | None = None, timeout: float = 30, browser: bool = False) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if self.session and not browser:
            msg["sessionId"] = self.session
        try:
            os.write(self._out, json.dumps(msg).encode() + b"\0")
        except BrokenPipeError:
            raise RuntimeError(f"chromium is not running; its log {self.log}:\n{self._tail()}") from None
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        for ev in self.events:
            if ev.get("method") == method:
                self.events.remove(ev)
                return ev
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ev = self._read(end - time.monotonic())
            if ev.get("method") == method:
                return ev
            self.events.append(ev)
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        targets = self.send("Target.getTargets", browser=True)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                                 browser=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"JS error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str, press: bool = True) -> None:
        """A real mouse click at the element's centre (not a synthetic .click());
        ``press=False`` only moves the mouse there (a hover)."""
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
            return [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2]; }})()""")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased") if press else ("mouseMoved",):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                   "clickCount": 1})

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"]))
        return path

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except Exception:  # noqa: BLE001 - it is going away anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


def _above_9(fd: int) -> int:
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


@pytest.fixture
def browser(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); the browser test needs it")
    b = Chromium(tmp_path / "profile")
    yield b
    b.close()


def test_page_in_headless_chromium(browser, tmp_path, dev_text):
    page = write_audit([AuditItem(dev_record(dev_text), dev_text)], GOLD_DIR, tmp_path / "audit.html")
    browser.open(page.resolve().as_uri() + f"#doc={DEV_ID}")

    # the document opened and its text is laid out line by line
    assert browser.js("document.querySelectorAll('#textpane .ln').length") == dev_text.count("\n") + 1
    # known spans are highlighted: the signer and the directive starting "Phòng Tài Nguyên ..."
    highlighted = browser.js("Array.from(document.querySelectorAll('.h')).map(e => e.textContent)")
    assert "Nguyễn Thế Huy" in highlighted
    assert "Phòng Tài Nguyên và Môi trường" in highlighted
    assert browser.js("Array.from(document.querySelectorAll('.h.dir')).map(e => e.textContent).join('')"
                      ).startswith("Đảng uỷ, UBND")

    # hovering a highlight shows its value, normalised value, confidence and method in a tooltip
    browser.click(".ln[data-n='3'] .h:nth-of-type(2)", press=False)
    tip = browser.js("const t = document.getElementById('tip'); t.hidden ? null : t.textContent")
    assert tip and "issue_date" in tip and "2015-09-04" in tip and "confidence: 0.90" in tip
    browser.click(".ln[data-n='70'] .h", press=False)
    tip = browser.js("document.getElementById('tip').textContent")
    assert "normalised: văn phòng tỉnh ủy" in tip and "purpose: báo cáo" in tip
    # clicking one keeps them in the details box
    browser.click(".ln[data-n='85'] .h")
    details = browser.js("document.getElementById('details').textContent")
    assert "signature.signer" in details and "Nguyễn Thế Huy" in details and "0.90" in details and "test" in details

    # clicking a directive selects its span and its parties, and lists them
    browser.click("#tree li[data-path='3.3']")
    assert browser.js("document.querySelector('#tree li.sel').dataset.path") == "3.3"
    assert browser.js("document.querySelector('#tree li.sel .parties').textContent").startswith(
        "Phòng Tài Nguyên và Môi trường")
    selected = browser.js("Array.from(document.querySelectorAll('.h.sel')).map(e => e.textContent)")
    assert selected == ["Phòng Tài Nguyên và Môi trường", "công tác rà soát"]
    assert browser.js("document.querySelector('.h.seld').closest('.ln').dataset.n") == "62"

    # an inherited party highlights the ancestor's party span
    browser.click("#tree li[data-path='2.1.1']")
    assert "inherited from 2.1" in browser.js("document.querySelector('#tree li.sel').textContent")
    assert browser.js("Array.from(document.querySelectorAll('.h.sel')).map(e => e.textContent)") == [
        "Đảng uỷ", "UBND"]

    # evaluation errors: spurious on the predicted span, missed on the gold line
    assert browser.js("document.querySelector('.h.e-spurious').textContent") == "công tác rà soát"
    assert browser.js("document.querySelectorAll('.note.miss').length") > 0
    assert browser.js("document.querySelectorAll('#errors li').length") > 5

    # the index filter works
    browser.js("const f = document.getElementById('filter'); f.value = 'nothing-like-this';"
               "f.dispatchEvent(new Event('input'))")
    assert browser.js("document.querySelectorAll('#index tbody tr').length") == 0
    browser.js("const g = document.getElementById('filter'); g.value = ''; g.dispatchEvent(new Event('input'))")

    # back to the directive for the picture; no JS error and no network request happened
    browser.click("#tree li[data-path='3.3']")
    shot = browser.screenshot(tmp_path / "audit.png")
    print(f"\nscreenshot: {shot}\nreport: {page}")
    kinds = [e.get("method") for e in browser.events]
    assert "Runtime.exceptionThrown" not in kinds
    errors = [e for e in browser.events if e.get("method") == "Log.entryAdded"
              and e["params"]["entry"]["level"] == "error"]
    assert not errors
    requests = [e["params"]["request"]["url"] for e in browser.events
                if e.get("method") == "Network.requestWillBeSent"]
    assert all(u.startswith("file:") for u in requests), requests
    assert shot.stat().st_size > 10_000


def test_dashboard_in_headless_chromium(browser, tmp_path, dev_text):
    """The dashboard heads the page: P/R/F1 bars and a reliability diagram with
    gold, the confidence histogram, warnings, and documents ranked by expected
    errors whose links open the document view."""
    page = write_audit([AuditItem(dev_record(dev_text), dev_text)], GOLD_DIR, tmp_path / "audit.html")
    browser.open(page.resolve().as_uri())
    assert browser.js("document.body.firstElementChild.id") == "dash-wrap"
    for fig in ("dash-prf", "dash-reliability", "dash-hist", "dash-expected"):
        assert browser.js(f"document.querySelectorAll('#{fig} svg, #{fig} table').length") >= 1, fig
    assert browser.js("document.querySelectorAll('#dash-prf .bar').length") >= 3
    assert browser.js("document.querySelectorAll('#dash-hist .hist-bar').length") == 10
    assert browser.js("document.querySelectorAll('#dash-reliability .rel-point').length") >= 1
    assert "script" not in browser.js("document.getElementById('dashboard').innerHTML").lower()
    browser.click("#dash-expected a")
    assert browser.js("document.querySelectorAll('#textpane .ln').length") == dev_text.count("\n") + 1
