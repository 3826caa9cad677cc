"""``notice-extract audit``: one self-contained HTML file to check records by eye.

The page shows an index of all documents and, for the document opened, its
source text with every extracted span highlighted, the directive tree, the
warnings and (with gold) the scorer's errors marked in the text.

Design choices:

* Self-contained: inline CSS and JS, no fonts, no CDN; a Content-Security-Policy
  forbids any network load, so the report can be opened offline and archived.
* Scales to 500 documents: each document's data is its own
  ``<script type="application/json">`` block, parsed and turned into DOM only
  when the document is opened. The index is built from a small summary block.
* Python does the record walking (which field a span belongs to, which
  ancestor an inherited party comes from, which scorer error points at which
  span); the JS only lays out text pieces and handles clicks. All text reaches
  the DOM through ``textContent``, never ``innerHTML``, so source text cannot
  inject markup.

Register with ``app.command("audit")(audit)``.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import Annotated, Any, Iterable, Optional, Union

import typer

from .models import Record

# A document larger than this is cut for display: the page has to stay usable
# and spans beyond the cut are listed as not shown.
MAX_TEXT_CHARS = 1_000_000
# Long values (a subject, a directive text) are shortened in tooltips and lists.
SHORT = 160


@dataclass
class AuditItem:
    """One document to show: its record (or error record) and its source text.

    ``text`` is None when the source could not be read; ``message`` then says why.
    """

    record: Union[dict, Record]
    text: Optional[str] = None
    message: Optional[str] = None


# --------------------------------------------------------------------------
# Marks: every span of a record, flattened with the field it belongs to
# --------------------------------------------------------------------------

# category -> (legend label, colour); the colour is the highlight background
CATEGORIES: dict[str, tuple[str, str]] = {
    "header": ("number / kind", "#ffd8a8"),
    "date": ("date", "#ffec99"),
    "place": ("place", "#d8f5a2"),
    "issuer": ("issuer / concluded by", "#eebefa"),
    "subject": ("subject / topic", "#dee2e6"),
    "party": ("party", "#a5d8ff"),
    "person": ("person", "#fcc2d7"),
    "deadline": ("deadline", "#ffa8a8"),
    "citation": ("citation", "#99e9f2"),
    "recipient": ("recipient", "#d0bfff"),
    "signature": ("signature", "#b2f2bb"),
    "directive": ("directive (underline)", "#1c7ed6"),
}

SEGMENT_COLOURS = {
    "header": "#f1f3f5",
    "opening": "#fff9db",
    "findings": "#f3f0ff",
    "requirements": "#e7f5ff",
    "closing": "#fff4e6",
    "recipients": "#f8f0fc",
    "signature": "#ebfbee",
}


def _norm(value: Any) -> Optional[str]:
    """The scorer's comparison form, when the scorer is importable."""
    if value is None:
        return None
    return _norm_str(str(value))


@lru_cache(maxsize=65536)  # the same party names recur across directives and documents
def _norm_str(value: str) -> Optional[str]:
    try:
        from .scoring import norm
    except Exception:  # noqa: BLE001 - the scorer is optional for the view
        return None
    try:
        return norm(value)
    except Exception:  # noqa: BLE001
        return None


def _short(s: Any, n: int = SHORT) -> Optional[str]:
    if s is None:
        return None
    s = str(s).replace("\n", " ⏎ ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _valid_span(span: Any, length: int) -> bool:
    return (
        isinstance(span, (list, tuple))
        and len(span) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        and 0 <= span[0] <= span[1] <= length
    )


class _Marks:
    """Collects the marks of one record. A mark is a compact dict:
    ``i`` id, ``s``/``e`` offsets, ``f`` field, ``c`` category, ``t`` text,
    ``v`` value, ``n`` normalised value, ``p`` confidence, ``m`` method,
    ``x`` other attributes (for the tooltip), ``ln`` 1-based line."""

    def __init__(self, text: Optional[str]):
        self.text = text
        self.marks: list[dict] = []
        self.problems: list[str] = []  # spans that do not ground
        # offsets of line starts: a bisect per mark, not a count over 100 KB
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)] if text else [0]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def add(self, obj: Any, field: str, cat: str, value: Any = None, extra: Optional[dict] = None,
            span: Any = None, compare: bool = True) -> Optional[int]:
        """Add the span of ``obj`` (or ``span``); returns the mark id or None."""
        if not isinstance(obj, dict):
            return None
        span = span if span is not None else obj.get("span")
        if span is None:
            return None
        if self.text is None:
            return None
        length = len(self.text)
        if not _valid_span(span, length):
            self.problems.append(f"{field}: invalid span {span!r} (text has {length} characters)")
            return None
        s, e = span
        if e > MAX_TEXT_CHARS:
            self.problems.append(f"{field}: span {span!r} beyond the displayed part of the text")
            return None
        want = obj.get("text")
        grounded = want is None or self.text[s:e] == want
        if not grounded:
            self.problems.append(
                f"{field}: span {list(span)} holds {_short(self.text[s:e], 60)!r}, record says {_short(want, 60)!r}"
            )
        value = obj.get("value") if value is None else value
        value = _short(value)
        normalised = _short(_norm(value)) if compare else None  # only where the scorer compares strings
        mark = {
            "i": len(self.marks),
            "s": s,
            "e": e,
            "f": field,
            "c": cat,
            # the page reads a grounded text from the source: only a wrong one travels
            "t": None if grounded else _short(want),
            "v": value,
            "n": normalised,
            "p": obj.get("confidence"),
            "m": obj.get("method"),
            "x": {k: _short(v, 80) for k, v in (extra or {}).items() if v not in (None, "", [], False)},
            "ln": self.line_of(s),
        }
        if not grounded:
            mark["ug"] = 1
        # compact: no empty keys (500 documents x hundreds of marks); the JS fills defaults
        self.marks.append({k: v for k, v in mark.items() if v is not None and v != {}})
        return mark["i"]

    # --- one function per record part ------------------------------------
    def value(self, obj: Any, field: str, cat: str, **extra) -> None:
        if not isinstance(obj, dict):
            return
        if obj.get("span") is not None:
            self.add(obj, field, cat, extra=extra)
        else:  # inferred value: its evidence spans are what the reader checks
            for k, ev in enumerate(obj.get("evidence") or []):
                self.add({"value": obj.get("value"), "confidence": obj.get("confidence"),
                          "method": obj.get("method")}, f"{field}.evidence", cat,
                         extra={**extra, "inferred": "yes"}, span=ev)

    def party(self, p: Any, field: str, **extra) -> Optional[int]:
        if not isinstance(p, dict):
            return None
        person = p.get("person") or {}
        return self.add(p, field, "party", extra={
            "kind": p.get("kind"), "role": p.get("role"),
            "person": person.get("name") if isinstance(person, dict) else None,
            **extra,
        })

    def deadline(self, d: Any, field: str) -> Optional[int]:
        if not isinstance(d, dict):
            return None
        return self.add(d, field, "deadline", value=_deadline_value(d), compare=False, extra={
            "kind": d.get("kind"), "start": d.get("start"), "end": d.get("end"),
            "recurrence": d.get("recurrence"),
        })


def _deadline_value(d: dict) -> str:
    s = f"{d.get('kind')} {d.get('start') or '…'} → {d.get('end') or '…'}"
    return s + (f" every {d['recurrence']}" if d.get("recurrence") else "")


def _directive_view(rec: dict, marks: _Marks) -> list[dict]:
    """The directive tree as the page shows it, with the mark ids to select."""
    directives = [d for d in rec.get("directives") or [] if isinstance(d, dict)]
    by_path = {d.get("path"): d for d in directives}
    own_party_marks: dict[tuple[str, str], int] = {}  # (path, normalised value) -> mark id
    # (start, end, normalised value) -> (mark id, path): an inherited party that
    # carries its ancestor's span reuses that mark instead of stacking a copy
    by_span: dict[tuple, tuple[int, str]] = {}
    views = []
    for d in directives:
        path = str(d.get("path"))
        dm = marks.add(d, "directives", "directive", value=path, compare=False,
                       extra={"label": d.get("label"), "kind": d.get("kind"), "parent": d.get("parent")})
        view = {
            "path": path,
            "label": d.get("label"),
            "level": d.get("level") or path.count(".") + 1,
            "kind": d.get("kind"),
            "start": _short(d.get("text"), 90) if dm is None else None,  # else the page slices the text
            "mark": dm,
            "ln": (d.get("lines") or [None])[0],
            "parties": [],
            "deadlines": [],
        }
        for p in d.get("responsible") or []:
            if not isinstance(p, dict):
                continue
            inherited = bool(p.get("inherited"))
            source = p.get("inherited_from")
            span_key = (*p["span"], _key(p.get("value"))) if _valid_span(p.get("span"), 1 << 62) else None
            if inherited and span_key in by_span:
                pm, owner = by_span[span_key]
                source = source or owner
            else:
                pm = marks.party(p, "directives.responsible", directive=path,
                                 inherited="yes" if inherited else None)
                if pm is not None and span_key is not None:
                    by_span.setdefault(span_key, (pm, path))
            if pm is not None and not inherited:
                own_party_marks[(path, _key(p.get("value")))] = pm
            view["parties"].append({
                "value": p.get("value"), "kind": p.get("kind"), "role": p.get("role"),
                "inherited": inherited, "from": source, "mark": pm,
            })
        for dl in d.get("deadlines") or []:
            if not isinstance(dl, dict):
                continue
            dlm = marks.deadline(dl, "directives.deadlines")
            view["deadlines"].append({
                "value": _deadline_value(dl), "text": _short(dl.get("text"), 80) if dlm is None else None,
                "inherited": bool(dl.get("inherited")), "mark": dlm,
            })
        views.append(view)

    # Inherited parties have no span of their own: point them at the party
    # of the ancestor they came from (``inherited_from`` when the extractor
    # says, else the nearest ancestor with a party of the same value).
    for view in views:
        for p in view["parties"]:
            if not p["inherited"] or p["mark"] is not None:
                continue
            key = _key(p["value"])
            candidates = [p["from"]] if p["from"] and p["from"] in by_path else []
            parent = by_path.get(view["path"], {}).get("parent")
            seen = set()
            while parent and parent in by_path and parent not in seen:
                seen.add(parent)
                candidates.append(parent)
                parent = by_path[parent].get("parent")
            for path in candidates:
                if (path, key) in own_party_marks:
                    p["mark"] = own_party_marks[(path, key)]
                    p["from"] = path
                    break
            if not p["from"]:
                p["from"] = "an ancestor (not given)"
    return views


def _key(value: Any) -> str:
    return _norm(value) or str(value or "").casefold().strip()


def _collect(rec: dict, marks: _Marks) -> list[dict]:
    """Walk the record (SPEC §2) and add a mark for every span; returns the
    directive tree."""
    if isinstance(rec.get("notice_kind_evidence"), dict):
        marks.add(rec["notice_kind_evidence"], "notice_kind", "header", value=rec.get("notice_kind"), compare=False)
    num = rec.get("number")
    if isinstance(num, dict):
        marks.add(num, "number", "header", value=f"{num.get('serial') or '?'} / {num.get('symbol') or '?'}", compare=False)
    marks.value(rec.get("issue_place"), "issue_place", "place")
    marks.value(rec.get("issue_date"), "issue_date", "date")
    iss = rec.get("issuer")
    if isinstance(iss, dict):
        marks.value(iss, "issuer", "issuer", body=iss.get("body"), locality=iss.get("locality"),
                    province=iss.get("province"))
    marks.value(rec.get("concluded_by"), "concluded_by", "issuer")
    marks.value(rec.get("subject"), "subject", "subject")
    meeting = rec.get("meeting")
    if isinstance(meeting, dict):
        marks.value(meeting.get("date"), "meeting.date", "date")
        marks.value(meeting.get("kind"), "meeting.kind", "header")
        marks.value(meeting.get("topic"), "meeting.topic", "subject")
        for name in ("chaired_by", "counterparts", "attendees"):
            for p in meeting.get(name) or []:
                marks.party(p, f"meeting.{name}")
    for p in rec.get("target_units") or []:
        marks.party(p, "target_units")
    for person in rec.get("persons") or []:
        if not isinstance(person, dict):
            continue
        for span in person.get("mentions") or []:
            marks.add({"value": person.get("name"), "confidence": person.get("confidence"),
                       "method": person.get("method")}, "persons", "person",
                      extra={"titles": ", ".join(map(str, person.get("titles") or []))}, span=span)
    for c in rec.get("citations") or []:
        if isinstance(c, dict):
            marks.add(c, "citations", "citation", value=c.get("number"),
                      extra={"doc_type": c.get("doc_type"), "date": c.get("date"), "issuer": c.get("issuer")})
    tree = _directive_view(rec, marks)
    for r in rec.get("recipients") or []:
        if isinstance(r, dict):
            marks.add(r, "recipients", "recipient", extra={
                "purpose": r.get("purpose"), "channel": r.get("channel"),
                "archive": "yes" if r.get("archive") else None})
    sig = rec.get("signature")
    if isinstance(sig, dict):
        parts = sig.get("parts") or {}
        for name in ("mode", "on_behalf_of", "position", "signer"):
            part = parts.get(name) if isinstance(parts, dict) else None
            if isinstance(part, dict) and part.get("span") is not None:
                marks.add(part, f"signature.{name}", "person" if name == "signer" else "signature",
                          value=sig.get(name))
        if not any(isinstance(p, dict) and p.get("span") is not None for p in parts.values()):
            marks.add(sig, "signature", "signature", value=sig.get("signer"))
    return tree


# --------------------------------------------------------------------------
# Scorer errors: attach each to the mark (or line) it is about
# --------------------------------------------------------------------------


def _score(gold: dict, rec: Optional[dict], text: Optional[str]) -> tuple[list[dict], Optional[str]]:
    """The scorer's error list as dicts, or a note why there is none."""
    try:
        from .scoring import score_document
    except Exception as exc:  # noqa: BLE001 - the page is still useful without it
        return [], f"scorer not available: {exc}"
    try:
        result = score_document(gold, rec, text)
    except Exception as exc:  # noqa: BLE001 - a scorer bug must not lose the report
        return [], f"scorer failed on this document: {type(exc).__name__}: {exc}"
    out = []
    for err in result.errors:
        d = err.to_dict() if hasattr(err, "to_dict") else dict(vars(err))
        d.pop("doc_id", None)
        out.append(d)
    return out, None


def _mark_matches(mark: dict, err: dict, text: Optional[str]) -> bool:
    """Is this mark the predicted item the error is about?"""
    f, ef = mark["f"], err.get("field") or ""
    if not (f == ef or ef.startswith(f + ".") or f.startswith(ef + ".")):
        return False
    if err.get("line") is not None and mark["ln"] != err["line"]:
        return False
    pred = str(err.get("pred") or "")
    if ef == "directives":  # the scorer shows "<path> <text>"
        return pred.split(" ", 1)[0] == str(mark.get("v") or "").split(" ", 1)[0]
    if ef == "directives.deadlines":  # "<kind> <start>..<end> ..."
        x = mark.get("x", {})
        return pred.startswith(f"{x.get('kind')} {x.get('start')}..{x.get('end')}")
    if ef == "number.serial" or ef == "number.symbol" or not pred:
        return True
    shown = mark.get("t") or (text[mark["s"]:mark["e"]] if text else "")
    cands = {str(mark.get("v") or ""), shown, str(mark.get("n") or "")}
    return pred in cands or _key(pred) in {_key(c) for c in cands}


def _attach_errors(errors: list[dict], marks: list[dict], text: Optional[str]) -> None:
    """Spurious/wrong errors point at a predicted mark; the others stay on
    their line (missed items have no predicted span)."""
    used: set[tuple[int, str]] = set()
    for k, err in enumerate(errors):
        err["k"] = k
        if err.get("kind") not in ("spurious", "wrong"):
            continue
        found = [m for m in marks if (m["i"], err.get("field")) not in used and _mark_matches(m, err, text)]
        # a party error names its directive ("directive 2.1.4"): prefer that one's mark
        note = str(err.get("note") or "")
        found.sort(key=lambda m: note != f"directive {m.get('x', {}).get('directive')}")
        if found:
            mark = found[0]
            used.add((mark["i"], err.get("field")))
            err["mark"] = mark["i"]
            mark.setdefault("err", []).append(k)


# --------------------------------------------------------------------------
# Documents -> page data
# --------------------------------------------------------------------------


def _as_dict(record: Union[dict, Record]) -> dict:
    if isinstance(record, dict):
        return record
    return record.model_dump(mode="json")


def _doc_data(item: AuditItem, gold_dir: Optional[Path]) -> tuple[dict, dict]:
    """(summary for the index, full data for the document view)."""
    rec = _as_dict(item.record)
    doc_id = str(rec.get("doc_id") or (rec.get("source") or {}).get("path") or "?")
    failed = rec.get("error")
    text = item.text
    notes: list[str] = []
    if item.message:
        notes.append(item.message)
    if text is not None and len(text) > MAX_TEXT_CHARS:
        notes.append(f"text cut at {MAX_TEXT_CHARS} of {len(text)} characters for display")

    marks = _Marks(text)
    tree = _collect(rec, marks) if not failed else []
    shown = text[:MAX_TEXT_CHARS] if text is not None else None

    errors: list[dict] = []
    gold_note = None
    has_gold = False
    if gold_dir is not None:
        gold_path = Path(gold_dir) / f"{doc_id}.json"
        if gold_path.is_file():
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                has_gold = True
            except (OSError, ValueError) as exc:
                gold_note = f"gold file {gold_path} unreadable: {exc}"
            else:
                errors, gold_note = _score(gold, None if failed else rec, text)
                _attach_errors(errors, marks.marks, text)
        else:
            gold_note = "no gold file for this document"

    segments = []
    for seg in rec.get("segments") or []:
        if isinstance(seg, dict) and isinstance(seg.get("lines"), (list, tuple)) and len(seg["lines"]) == 2:
            segments.append({"kind": seg.get("kind"), "lines": list(seg["lines"]),
                             "p": seg.get("confidence"), "m": seg.get("method")})

    status = "failed" if failed else ("no source" if text is None else "ok")
    summary = {
        "id": doc_id,
        "kind": rec.get("notice_kind") or ("—" if not failed else ""),
        "dirs": len(rec.get("directives") or []),
        "warns": len(rec.get("warnings") or []),
        "errs": len(errors) if has_gold else None,
        "ug": len(marks.problems),
        "status": status,
    }
    data = {
        "id": doc_id,
        "status": status,
        "error": failed,
        "path": (rec.get("source") or {}).get("path"),
        "encoding": (rec.get("source") or {}).get("encoding"),
        "notes": notes,
        "text": shown,
        "marks": marks.marks,
        "segments": segments,
        "tree": tree,
        "warnings": [str(w) for w in rec.get("warnings") or []],
        "problems": marks.problems,
        "errors": errors,
        "gold": has_gold,
        "gold_note": gold_note,
        "scalars": _scalars(rec),
    }
    return summary, data


def _scalars(rec: dict) -> list[list[str]]:
    """The record's main values as (field, value) rows for the summary box."""
    def val(obj: Any, key: str = "value") -> Optional[str]:
        return obj.get(key) if isinstance(obj, dict) else None

    num = rec.get("number") if isinstance(rec.get("number"), dict) else {}
    sig = rec.get("signature") if isinstance(rec.get("signature"), dict) else {}
    meeting = rec.get("meeting") if isinstance(rec.get("meeting"), dict) else {}
    rows = [
        ("notice_kind", rec.get("notice_kind")),
        ("number", f"{num.get('serial') or '?'} / {num.get('symbol') or '?'}" if num else None),
        ("issue_place", val(rec.get("issue_place"))),
        ("issue_date", val(rec.get("issue_date"))),
        ("issuer", val(rec.get("issuer"))),
        ("concluded_by", val(rec.get("concluded_by"))),
        ("subject", val(rec.get("subject"))),
        ("meeting", " · ".join(x for x in (val(meeting.get("kind")), val(meeting.get("date"))) if x) or None),
        ("signature", " · ".join(str(sig.get(k)) for k in ("mode", "on_behalf_of", "position", "signer")
                                 if sig.get(k)) or None),
        ("target_units", "; ".join(str(p.get("value")) for p in rec.get("target_units") or []
                                   if isinstance(p, dict)) or None),
    ]
    return [[k, _short(v, 200)] for k, v in rows if v]


def _json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` survive, so
    neither ``</script>`` nor ``<!--`` in a source text can end the block."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_audit(items: list[AuditItem], gold_dir: Optional[Path] = None, title: str = "notice_extract audit") -> str:
    """The whole HTML page for these documents."""
    index = []
    blocks = []
    seen: set[str] = set()
    for n, item in enumerate(items):
        summary, data = _doc_data(item, gold_dir)
        # the page opens documents by id (#doc=<id>): two files with one stem stay apart
        while summary["id"] in seen:
            summary["id"] = data["id"] = f"{summary['id']} ({n})"
        seen.add(summary["id"])
        summary["n"] = n
        index.append(summary)
        blocks.append(f'<script type="application/json" id="doc-{n}">{_json_for_script(data)}</script>')
    meta = {
        "categories": CATEGORIES,
        "segments": SEGMENT_COLOURS,
        "gold": str(gold_dir) if gold_dir is not None else None,
    }
    parts = {
        "TITLE": html.escape(title),
        "CSS": _CSS,
        "INDEX": _json_for_script(index),
        "META": _json_for_script(meta),
        "DOCS": "\n".join(blocks),
        "JS": _JS,
    }
    # one pass over the template: a source text containing "%JS%" stays text
    return re.sub(r"%([A-Z]+)%", lambda m: parts[m.group(1)], _PAGE)


def write_audit(items: list[AuditItem], gold_dir: Optional[Path], output: Path) -> Path:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_audit(items, gold_dir), encoding="utf-8")
    return output


# --------------------------------------------------------------------------
# Gathering items: run the extractor, or read records + their sources
# --------------------------------------------------------------------------


def _read_source(path: Path) -> tuple[bytes, str]:
    """Raw bytes and the text spans index into: decoded for a text file,
    converted for a .docx/.doc/.pdf (as ``extract`` converts it)."""
    from .convert import read_document

    raw = path.read_bytes()
    return raw, read_document(raw, str(path), path.stem).text


_SUFFIXES = (".txt", ".docx", ".doc", ".pdf")


def _txt_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.suffix.lower() in _SUFFIXES and x.is_file()))
        else:
            files.append(p)
    return files


def items_from_files(paths: Iterable[Path]) -> list[AuditItem]:
    """Run the extractor on each .txt, .docx, .doc and .pdf (folders
    recursively) and show the text it read; a file that fails becomes an
    error record, listed as failed."""
    from .convert import CONVERTED_SUFFIXES, read_document
    from .pipeline import extract_file

    items = []
    for path in _txt_files(paths):
        try:
            if path.suffix.lower() in CONVERTED_SUFFIXES:  # converted once (OCR is slow), then extracted
                from .pipeline import extract_text

                doc = read_document(path.read_bytes(), str(path), path.stem)
                record, text = extract_text(doc.text, path.stem, source=doc.source, warnings=doc.warnings), doc.text
            else:
                record = extract_file(path)
                _, text = _read_source(path)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the report
            items.append(AuditItem({"doc_id": path.stem, "source": {"path": str(path)},
                                    "error": f"{type(exc).__name__}: {exc}"}))
            continue
        items.append(AuditItem(record, text))
    return items


def items_from_jsonl(pred: Path) -> list[AuditItem]:
    """Records from a JSONL file, each with its source re-read from
    ``source.path`` (relative paths: from the current directory, else from
    the JSONL's folder). Unreadable sources are noted, not fatal."""
    items = []
    with open(pred, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                items.append(AuditItem({"doc_id": f"{pred.name}:{n}", "source": {},
                                        "error": f"line {n} of {pred} is not a record: {exc}"}))
                continue
            items.append(_with_source(rec, pred.parent))
    return items


def _with_source(rec: dict, base: Path) -> AuditItem:
    src = rec.get("source") if isinstance(rec.get("source"), dict) else {}
    path = src.get("path")
    if rec.get("error") and not path:
        return AuditItem(rec)
    if not path:
        return AuditItem(rec, None, "record has no source.path: source text not shown")
    text_path = src.get("text_path")
    if text_path:  # the very text the spans index, written by --text-dir (a converted or OCR'd file)
        for cand in [Path(text_path)] + ([base / text_path] if not Path(text_path).is_absolute() else []):
            if cand.is_file():
                text = cand.read_bytes().decode("utf-8", errors="replace")
                message = None
                if src.get("chars") is not None and len(text) != src["chars"]:
                    message = f"text {cand} changed since extraction (length differs): spans may be off"
                return AuditItem(rec, text, message)
    candidates = [Path(path)]
    if not Path(path).is_absolute():
        candidates.append(base / path)
    for cand in candidates:
        if cand.is_file():
            try:
                raw, text = _read_source(cand)
            except Exception as exc:  # noqa: BLE001 - decode errors included
                return AuditItem(rec, None, f"source {cand} could not be read: {type(exc).__name__}: {exc}")
            message = None
            if src.get("sha256") and hashlib.sha256(raw).hexdigest() != src["sha256"]:
                message = f"source {cand} changed since extraction (sha256 differs): spans may be off"
            return AuditItem(rec, text, message)
    return AuditItem(rec, None, f"source file not found: {path}")


def audit(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files or folders (recursive: *.txt, *.docx, *.doc, *.pdf) to extract and show.")] = None,
    pred: Annotated[Optional[Path], typer.Option(
        "--pred", help="JSONL of records to show instead of extracting; sources are re-read from source.path.")] = None,
    gold: Annotated[Optional[Path], typer.Option(
        "--gold", help="Gold folder (<doc_id>.json): mark the scorer's errors in the text.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML page to audit records against their text."""
    if bool(paths) == bool(pred):
        typer.echo("error: give either PATHS to extract or --pred RECORDS.jsonl (not both)", err=True)
        raise typer.Exit(code=2)
    if pred is not None and not pred.is_file():
        typer.echo(f"error: --pred {pred} is not a file", err=True)
        raise typer.Exit(code=2)
    if gold is not None and not gold.is_dir():
        typer.echo(f"error: --gold {gold} is not a folder", err=True)
        raise typer.Exit(code=2)
    try:
        items = items_from_jsonl(pred) if pred is not None else items_from_files(paths or [])
    except ImportError as exc:  # the extractor itself cannot load: nothing to show
        typer.echo(f"error: the extractor cannot be imported: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    if not items:
        typer.echo("error: no documents found", err=True)
        raise typer.Exit(code=2)
    out = write_audit(items, gold, output)
    failed = sum(1 for it in items if _as_dict(it.record).get("error"))
    no_text = sum(1 for it in items if it.text is None)
    typer.echo(f"wrote {out} ({len(items)} documents, {failed} failed, {no_text} without source text, "
               f"{out.stat().st_size // 1024} KB)")


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>%CSS%</style>
</head>
<body>
<header id="top">
  <div class="bar"><b>%TITLE%</b> <span id="summary"></span>
    <input id="filter" type="search" placeholder="filter: id, kind, status, 'errors'…" autocomplete="off">
  </div>
  <div id="index-wrap"><table id="index"><thead><tr>
    <th data-k="id">document</th><th data-k="kind">notice kind</th><th data-k="dirs" class="num">directives</th>
    <th data-k="warns" class="num">warnings</th><th data-k="errs" class="num">errors</th><th data-k="ug" class="num">ungrounded</th><th data-k="status">status</th>
  </tr></thead><tbody></tbody></table></div>
</header>
<main id="doc"><p class="hint">Open a document from the index.</p></main>
<div id="tip" hidden></div>
<script type="application/json" id="index-data">%INDEX%</script>
<script type="application/json" id="meta-data">%META%</script>
%DOCS%
<script>%JS%</script>
</body>
</html>
"""

_CSS = r"""
* { box-sizing: border-box; }
html, body { height: 100%; }
/* the page is a column: index on top, the open document fills the rest and scrolls inside its panes */
body { margin: 0; display: flex; flex-direction: column; font: 14px/1.45 "Noto Sans", "DejaVu Sans", system-ui, "Segoe UI", Roboto, sans-serif; color: #212529; }
header#top { flex: none; background: #fff; border-bottom: 2px solid #adb5bd; }
.bar { display: flex; gap: 1em; align-items: center; padding: 6px 10px; background: #343a40; color: #fff; }
.bar input { margin-left: auto; width: 22em; padding: 3px 6px; }
#index-wrap { max-height: 24vh; overflow: auto; }
#index { border-collapse: collapse; width: 100%; font-size: 13px; }
#index th { position: sticky; top: 0; background: #e9ecef; cursor: pointer; text-align: left; padding: 2px 8px; user-select: none; }
#index td { padding: 1px 8px; border-top: 1px solid #f1f3f5; }
#index tbody tr { cursor: pointer; }
#index tbody tr:hover { background: #f1f3f5; }
#index tr.open { background: #d0ebff; }
#index tr.failed td:last-child, #index tr.nosrc td:last-child { color: #c92a2a; font-weight: bold; }
#index td.num, #index th.num { text-align: right; font-variant-numeric: tabular-nums; }
#index td.bad { color: #c92a2a; font-weight: bold; }
main#doc { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 430px; grid-template-rows: auto minmax(0, 1fr); }
main#doc > .hint, main#doc > .full { grid-column: 1 / 3; padding: 10px; }
#doc h2 { margin: 0; font-size: 16px; }
.docbar { grid-column: 1 / 3; padding: 6px 10px; background: #f8f9fa; border-bottom: 1px solid #dee2e6; }
.docbar .meta { color: #495057; font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; margin-top: 3px; }
.legend span.sw { display: inline-block; width: 1.2em; height: .9em; vertical-align: middle; margin-right: 3px; border: 1px solid #adb5bd; }
.legend .dirsw { border: none; border-bottom: 2px solid #1c7ed6; height: .9em; }
.notes { color: #c92a2a; font-weight: bold; }
#textpane { overflow: auto; border-right: 1px solid #dee2e6; }
/* side: the lists scroll; the details of the selection stay in view at the bottom */
#side { display: flex; flex-direction: column; min-height: 0; font-size: 13px; }
#side-scroll { flex: 1; min-height: 0; overflow: auto; padding: 0 8px 20px; }
#details-box { flex: none; max-height: 38%; overflow: auto; padding: 0 8px 6px; border-top: 2px solid #495057; background: #f8f9fa; }
#details-box h3 { background: #f8f9fa; }
/* a proportional font: common monospace fonts place Vietnamese stacked tone marks badly */
.text { font: 14px/1.65 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; padding: 4px 0; }
.ln { display: flex; white-space: pre-wrap; word-break: break-word; border-left: 6px solid transparent; }
.ln .no { flex: 0 0 3.3em; font: 12px/1.9 monospace; text-align: right; padding-right: .6em; color: #868e96; user-select: none; }
.ln .tx { flex: 1; min-width: 0; padding-right: 8px; }
.ln.miss { border-left-color: #e03131; }
.ln .note { user-select: none; font: italic 12px system-ui, sans-serif; margin-left: 1em; padding: 0 4px; border-radius: 3px; white-space: normal; cursor: pointer; }
.note.miss { color: #c92a2a; border: 1px dashed #e03131; background: #fff5f5; }
.note.other { color: #862e9c; border: 1px dashed #ae3ec9; background: #f8f0fc; }
.h { border-radius: 2px; cursor: pointer; }
.h.dir { text-decoration: underline; text-decoration-color: #1c7ed6; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.h.ug { outline: 2px dashed #c92a2a; }
.h.e-spurious { text-decoration: underline wavy #e03131; text-decoration-thickness: 1.5px; text-underline-offset: 4px; outline: 1px solid #e03131; }
.h.e-wrong { text-decoration: underline wavy #f08c00; text-decoration-thickness: 1.5px; text-underline-offset: 4px; outline: 1px solid #f08c00; }
.h.sel { outline: 2px solid #000; background-color: #ffe066 !important; }
.h.seld { background-color: #fff; box-shadow: 0 0 0 1px #1c7ed6; }
.h.flash { animation: flash 1s 2; }
@keyframes flash { 50% { background-color: #ff922b; } }
#side h3 { font-size: 13px; margin: 12px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #dee2e6; position: sticky; top: 0; background: #fff; }
.kv { display: grid; grid-template-columns: 8.5em 1fr; gap: 1px 6px; font-size: 12px; }
.kv dt { color: #868e96; } .kv dd { margin: 0; word-break: break-word; }
ul.tree, ul.list { list-style: none; margin: 0; padding: 0; }
.tree li.d { padding: 2px 4px; border-left: 3px solid #dee2e6; margin: 2px 0; cursor: pointer; }
.tree li.d:hover { background: #f1f3f5; }
.tree li.d.sel { background: #d0ebff; border-left-color: #1c7ed6; }
.tree li.d.group { color: #495057; font-style: italic; }
.tree .path { font-weight: bold; font-variant-numeric: tabular-nums; }
.tree .lab { color: #868e96; font-family: monospace; }
.tree .kind { font-size: 11px; color: #fff; background: #868e96; border-radius: 3px; padding: 0 3px; }
.tree .sub { margin: 1px 0 0 1em; font-size: 12px; font-style: normal; color: #212529; }
.tree .sub .inh { color: #868e96; font-style: italic; }
.pill { display: inline-block; border-radius: 3px; padding: 0 4px; margin: 1px 2px; }
ul.list li { padding: 2px 4px; border-bottom: 1px solid #f1f3f5; word-break: break-word; }
ul.errs li { cursor: pointer; }
ul.errs li:hover { background: #f1f3f5; }
.ek { font-size: 11px; font-weight: bold; border-radius: 3px; padding: 0 3px; color: #fff; }
.ek.missed { background: #e03131; } .ek.spurious { background: #c2255c; } .ek.wrong { background: #f08c00; } .ek.ungrounded { background: #495057; }
#tip { position: fixed; z-index: 10; max-width: 460px; background: #fff; border: 1px solid #495057; box-shadow: 0 2px 8px rgba(0,0,0,.25); padding: 4px 8px; font-size: 12px; pointer-events: none; }
.card { border-bottom: 1px solid #dee2e6; padding: 3px 0; }
.card .f { font-weight: bold; }
.card .v { word-break: break-word; }
.muted { color: #868e96; }
#details .card:last-child { border-bottom: none; }
"""

_JS = r"""
'use strict';
const INDEX = JSON.parse(document.getElementById('index-data').textContent);
const META = JSON.parse(document.getElementById('meta-data').textContent);
const CATS = META.categories, SEGC = META.segments;
let current = null;   // {data, pieces: Map markId -> [elements], lines: [elements]}

// el('div', {class: 'x'}, 'text', child...): text always goes in as text nodes
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'style') e.style.cssText = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const kid of kids) if (kid !== null && kid !== undefined && kid !== false)
    e.appendChild(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
  return e;
}
const fmtConf = p => (typeof p === 'number') ? p.toFixed(2) : '—';

// ---------------------------------------------------------------- index
let sortKey = null, sortDir = 1;
function buildIndex() {
  const nFailed = INDEX.filter(d => d.status === 'failed').length;
  const nNoSrc = INDEX.filter(d => d.status === 'no source').length;
  const nErr = INDEX.reduce((a, d) => a + (d.errs || 0), 0);
  document.getElementById('summary').textContent =
    `${INDEX.length} documents · ${nFailed} failed · ${nNoSrc} without source` +
    (META.gold ? ` · ${nErr} scorer errors (gold: ${META.gold})` : '');
  renderRows();
  document.getElementById('filter').addEventListener('input', renderRows);
  for (const th of document.querySelectorAll('#index th')) th.addEventListener('click', () => {
    sortDir = (sortKey === th.dataset.k) ? -sortDir : 1; sortKey = th.dataset.k; renderRows();
  });
}
function renderRows() {
  const q = document.getElementById('filter').value.trim().toLowerCase();
  let rows = INDEX.filter(d => !q || (q === 'errors' ? d.errs > 0 :
    `${d.id} ${d.kind} ${d.status}`.toLowerCase().includes(q)));
  if (sortKey) rows = rows.slice().sort((a, b) => {
    const x = a[sortKey] ?? -1, y = b[sortKey] ?? -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
  });
  const body = document.querySelector('#index tbody');
  body.replaceChildren(...rows.map(d => el('tr', {
      class: (d.status === 'failed' ? 'failed' : d.status === 'no source' ? 'nosrc' : '') +
             (current && current.data.id === d.id ? ' open' : ''),
      'data-id': d.id, onclick: () => { location.hash = 'doc=' + encodeURIComponent(d.id); } },
    el('td', {}, d.id), el('td', {}, d.kind || ''), el('td', {class: 'num'}, d.dirs),
    el('td', {class: 'num'}, d.warns), el('td', {class: 'num' + (d.errs ? ' bad' : '')}, d.errs ?? '–'),
    el('td', {class: 'num' + (d.ug ? ' bad' : '')}, d.ug), el('td', {}, d.status))));
}

// ---------------------------------------------------------------- document
function openDoc(id) {
  const entry = INDEX.find(d => d.id === id);
  const main = document.getElementById('doc');
  if (!entry) { main.replaceChildren(el('p', {class: 'full notes'}, `no document "${id}" in this report`)); return; }
  // the document's data is parsed only now: the page stays light at 500 documents
  const data = JSON.parse(document.getElementById('doc-' + entry.n).textContent);
  for (const m of data.marks) { m.x ??= {}; m.t ??= null; m.v ??= null; m.n ??= null; m.p ??= null; m.m ??= null; }
  current = {data, pieces: new Map(), lines: []};
  const textpane = el('div', {id: 'textpane'});
  const side = el('div', {id: 'side'});
  main.replaceChildren(docBar(data), textpane, side);
  if (data.text !== null) textpane.appendChild(renderText(data));
  else textpane.appendChild(el('p', {class: 'notes', style: 'padding:10px'},
        data.error ? `extraction failed: ${data.error}` : `source text not available: ${data.notes.join('; ')}`));
  renderSide(data, side);
  for (const tr of document.querySelectorAll('#index tbody tr')) tr.classList.toggle('open', tr.dataset.id === id);
}

function docBar(data) {
  const legend = el('div', {class: 'legend'});
  for (const [c, [label, colour]] of Object.entries(CATS))
    legend.appendChild(el('span', {}, el('span', {class: 'sw' + (c === 'directive' ? ' dirsw' : ''),
      style: c === 'directive' ? `border-bottom-color:${colour}` : `background:${colour}`}), label));
  legend.appendChild(el('span', {class: 'muted'}, ' | segments (line band):'));
  for (const [k, colour] of Object.entries(SEGC))
    legend.appendChild(el('span', {}, el('span', {class: 'sw', style: `background:${colour}`}), k));
  if (data.gold) legend.append(
    el('span', {}, el('span', {class: 'sw', style: 'border:1px dashed #e03131;background:#fff5f5'}), 'missed (gold line)'),
    el('span', {}, el('span', {class: 'sw', style: 'outline:1px solid #e03131'}), 'spurious (predicted span)'),
    el('span', {}, el('span', {class: 'sw', style: 'outline:1px solid #f08c00'}), 'wrong'));
  return el('div', {class: 'docbar'},
    el('h2', {}, data.id, ' ', el('span', {class: 'muted'}, data.status)),
    el('div', {class: 'meta'}, `${data.path || 'no path'} · encoding ${data.encoding || '?'} · ` +
       `${data.text === null ? 0 : data.text.length} chars · ${data.marks.length} spans`),
    data.notes.length ? el('div', {class: 'notes'}, data.notes.join(' · ')) : null,
    legend);
}

// Cut the text at every line break and mark boundary; each piece knows the
// marks covering it. Directives show as an underline, values as a background
// (the innermost value wins, a second one adds a coloured bottom bar), so a
// party inside a directive inside a segment stays readable.
function renderText(data) {
  const text = data.text, marks = data.marks;
  const starts = new Map(), ends = new Map(), cuts = new Set([0, text.length]);
  for (const m of marks) {
    if (m.e <= m.s) continue;
    cuts.add(m.s); cuts.add(m.e);
    if (!starts.has(m.s)) starts.set(m.s, []); starts.get(m.s).push(m);
    if (!ends.has(m.e)) ends.set(m.e, []); ends.get(m.e).push(m);
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) { cuts.add(i); cuts.add(i + 1); }
  const pos = Array.from(cuts).sort((a, b) => a - b);

  const lineKind = {};
  for (const s of data.segments) for (let n = s.lines[0]; n <= s.lines[1]; n++) if (!(n in lineKind)) lineKind[n] = s.kind;
  const lineNotes = {};
  for (const err of data.errors) if (err.mark === undefined && err.line) (lineNotes[err.line] ||= []).push(err);

  const box = el('div', {class: 'text'});
  let lineNo = 0, tx = null;
  const newLine = () => {
    if (tx) addNotes(lineNo, tx.parentNode);
    lineNo += 1;
    const kind = lineKind[lineNo];
    tx = el('span', {class: 'tx'});
    const ln = el('div', {class: 'ln', 'data-n': lineNo, 'data-seg': kind || null,
      style: kind ? `background:${SEGC[kind] || '#fff'};border-left-color:${SEGC[kind] || '#fff'}` : null,
      title: kind ? `segment: ${kind}` : null}, el('span', {class: 'no'}, lineNo), tx);
    current.lines[lineNo] = ln;
    box.appendChild(ln);
  };
  const addNotes = (n, ln) => {
    for (const err of lineNotes[n] || []) {
      ln.classList.add(err.kind === 'missed' ? 'miss' : 'other');
      const note = el('span', {class: 'note ' + (err.kind === 'missed' ? 'miss' : 'other'), 'data-err': err.k,
        onclick: () => selectError(err)},
        `${err.kind} ${err.field}: ${err.gold ?? ''}${err.pred ? ' ⇢ predicted ' + err.pred : ''}`);
      tx.appendChild(note);
    }
  };
  newLine();
  const active = new Set();
  for (let k = 0; k < pos.length - 1; k++) {
    const a = pos[k], b = pos[k + 1];
    for (const m of ends.get(a) || []) active.delete(m);
    for (const m of starts.get(a) || []) active.add(m);
    if (text[a] === '\n') { newLine(); continue; }
    const piece = text.slice(a, b);
    if (!active.size) { tx.appendChild(document.createTextNode(piece)); continue; }
    tx.appendChild(pieceEl(piece, Array.from(active)));
  }
  for (const m of ends.get(text.length) || []) active.delete(m);
  addNotes(lineNo, tx.parentNode);
  return box;
}

function pieceEl(piece, covering) {
  // innermost (shortest) first
  covering.sort((x, y) => (x.e - x.s) - (y.e - y.s));
  const values = covering.filter(m => m.c !== 'directive');
  const cls = ['h'];
  if (covering.some(m => m.c === 'directive')) cls.push('dir');
  if (covering.some(m => m.ug)) cls.push('ug');
  for (const m of covering) if (m.err) for (const k of m.err) cls.push('e-' + current.data.errors[k].kind);
  let style = '';
  if (values.length) style += `background-color:${CATS[values[0].c][1]};`;
  if (values.length > 1) style += `box-shadow: inset 0 -4px 0 ${CATS[values[1].c][1]};`;
  const span = el('span', {class: cls.join(' '), style, 'data-m': covering.map(m => m.i).join(' ')}, piece);
  for (const m of covering) {
    if (!current.pieces.has(m.i)) current.pieces.set(m.i, []);
    current.pieces.get(m.i).push(span);
  }
  return span;
}

// ---------------------------------------------------------------- side panel
function renderSide(data, box) {
  const side = el('div', {id: 'side-scroll'});
  box.append(side, el('div', {id: 'details-box'}, el('h3', {}, 'Selected'),
    el('div', {id: 'details', class: 'muted'}, 'Hover a highlight for its values; click it or a directive to keep them here.')));
  if (data.scalars.length) {
    side.appendChild(el('h3', {}, 'Record'));
    const dl = el('dl', {class: 'kv'});
    for (const [k, v] of data.scalars) dl.append(el('dt', {}, k), el('dd', {}, v));
    side.appendChild(dl);
  }
  side.appendChild(el('h3', {}, `Directives (${data.tree.length})`));
  const tree = el('ul', {class: 'tree', id: 'tree'});
  for (const d of data.tree) tree.appendChild(directiveEl(d));
  if (!data.tree.length) tree.appendChild(el('li', {class: 'muted'}, 'none'));
  side.appendChild(tree);

  side.appendChild(el('h3', {}, `Warnings (${data.warnings.length})`));
  side.appendChild(el('ul', {class: 'list', id: 'warnings'}, ...data.warnings.map(w => el('li', {}, w)),
    data.warnings.length ? null : el('li', {class: 'muted'}, 'none')));
  if (data.problems.length) {
    side.appendChild(el('h3', {}, `Ungrounded spans (${data.problems.length})`));
    side.appendChild(el('ul', {class: 'list'}, ...data.problems.map(w => el('li', {class: 'notes'}, w))));
  }
  side.appendChild(el('h3', {}, data.gold ? `Evaluation errors (${data.errors.length})` : 'Evaluation'));
  if (data.gold_note) side.appendChild(el('p', {class: 'muted'}, data.gold_note));
  if (data.gold) {
    const ul = el('ul', {class: 'list errs', id: 'errors'});
    for (const err of data.errors) ul.appendChild(el('li', {'data-err': err.k, onclick: () => selectError(err)},
      el('span', {class: 'ek ' + err.kind}, err.kind), ' ', el('b', {}, err.field),
      err.line ? el('span', {class: 'muted'}, ` line ${err.line}`) : el('span', {class: 'muted'}, ' (no line)'),
      el('div', {}, err.gold !== null ? `gold: ${err.gold}` : null),
      el('div', {}, err.pred !== null ? `predicted: ${err.pred}` : null),
      err.note ? el('div', {class: 'muted'}, err.note) : null));
    if (!data.errors.length) ul.appendChild(el('li', {class: 'muted'}, 'no errors'));
    side.appendChild(ul);
  }
}

// the source text under a mark, shortened (what the record's grounded text is)
function sliceOf(i, n) {
  if (i === null || i === undefined) return '';
  const m = current.data.marks[i];
  const s = (m.t ?? current.data.text.slice(m.s, m.e)).replaceAll('\n', ' ⏎ ');
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function directiveEl(d) {
  const li = el('li', {class: 'd' + (d.kind === 'group' ? ' group' : ''), 'data-path': d.path,
      style: `margin-left:${(d.level - 1) * 14}px`, onclick: ev => { ev.stopPropagation(); selectDirective(d, li); }},
    el('span', {class: 'path'}, d.path), ' ', el('span', {class: 'lab'}, d.label || ''), ' ',
    el('span', {class: 'kind'}, d.kind || 'directive'), ' ', d.start ?? sliceOf(d.mark, 90),
    d.mark === null ? el('span', {class: 'notes'}, ' (no span)') : null);
  const sub = el('div', {class: 'sub parties'});
  for (const p of d.parties) sub.appendChild(el('div', {class: 'party'},
    el('span', {class: 'pill', style: `background:${CATS.party[1]}`}, p.value), ' ',
    el('span', {class: 'muted'}, [p.kind, p.role].filter(Boolean).join(', ')),
    p.inherited ? el('span', {class: 'inh'}, ` inherited from ${p.from}`) : null));
  for (const dl of d.deadlines) sub.appendChild(el('div', {class: 'deadline'},
    el('span', {class: 'pill', style: `background:${CATS.deadline[1]}`}, dl.value), ' ',
    el('span', {class: 'muted'}, dl.text ?? sliceOf(dl.mark, 80)), dl.inherited ? el('span', {class: 'inh'}, ' inherited') : null));
  if (d.parties.length || d.deadlines.length) li.appendChild(sub);
  return li;
}

function clearSelection() {
  for (const e of document.querySelectorAll('.h.sel, .h.seld')) e.classList.remove('sel', 'seld');
  for (const e of document.querySelectorAll('.tree li.sel')) e.classList.remove('sel');
}
function scrollToEl(e) { if (e) e.scrollIntoView({block: 'center'}); }

function selectDirective(d, li) {
  clearSelection();
  li.classList.add('sel');
  const own = d.mark !== null ? (current.pieces.get(d.mark) || []) : [];
  for (const e of own) e.classList.add('seld');
  const related = [...d.parties.map(p => p.mark), ...d.deadlines.map(x => x.mark)].filter(m => m !== null);
  for (const m of related) for (const e of current.pieces.get(m) || []) e.classList.add('sel');
  scrollToEl(own[0] || (d.ln && current.lines[d.ln]));
  showDetails(d.mark !== null ? [d.mark, ...related] : related);
}

function selectError(err) {
  clearSelection();
  const target = err.mark !== undefined ? (current.pieces.get(err.mark) || [])[0] : (err.line && current.lines[err.line]);
  if (target) {
    scrollToEl(target);
    if (err.mark !== undefined) for (const e of current.pieces.get(err.mark) || []) e.classList.add('sel');
    target.classList.add('flash'); setTimeout(() => target.classList.remove('flash'), 2100);
  }
}

// tooltip and details: every mark covering the piece, innermost first
function markCards(ids) {
  const frag = document.createDocumentFragment();
  for (const i of ids) {
    const m = current.data.marks[i];
    // a grounded mark's text is the source slice (only a mismatching text is stored)
    const shown = sliceOf(i, 160);
    const card = el('div', {class: 'card'},
      el('span', {class: 'pill', style: `background:${m.c === 'directive' ? '#d0ebff' : CATS[m.c][1]}`}, m.f),
      el('span', {class: 'muted'}, ` [${m.s}, ${m.e}] line ${m.ln}`),
      el('div', {class: 'v'}, el('span', {class: 'muted'}, 'text: '), shown),
      m.v !== null && m.v !== shown ? el('div', {class: 'v'}, el('span', {class: 'muted'}, 'value: '), m.v) : null,
      m.n !== null ? el('div', {class: 'v'}, el('span', {class: 'muted'}, 'normalised: '), m.n) : null,
      el('div', {}, el('span', {class: 'muted'}, 'confidence: '), fmtConf(m.p),
         el('span', {class: 'muted'}, ' · method: '), m.m || '—'),
      Object.keys(m.x).length ? el('div', {class: 'muted'}, Object.entries(m.x).map(([k, v]) => `${k}: ${v}`).join(' · ')) : null,
      m.ug ? el('div', {class: 'notes'}, 'text does not match the span') : null);
    for (const k of m.err || []) {
      const err = current.data.errors[k];
      card.appendChild(el('div', {class: 'notes'}, `${err.kind} ${err.field}` + (err.gold ? ` (gold: ${err.gold})` : '') +
        (err.note ? ` · ${err.note}` : '')));
    }
    frag.appendChild(card);
  }
  return frag;
}
function showDetails(ids) {
  const box = document.getElementById('details');
  box.className = '';
  box.replaceChildren(markCards(ids));
}
function piecesIds(target) {
  const h = target.closest && target.closest('.h');
  return h ? h.dataset.m.split(' ').map(Number) : null;
}
document.addEventListener('mouseover', ev => {
  const tip = document.getElementById('tip');
  const ids = current && piecesIds(ev.target);
  if (!ids) { tip.hidden = true; return; }
  const ln = ev.target.closest('.ln');
  tip.replaceChildren(markCards(ids), ln && ln.dataset.seg ? el('div', {class: 'muted'}, `segment: ${ln.dataset.seg}`) : '');
  tip.hidden = false;
});
document.addEventListener('mousemove', ev => {
  const tip = document.getElementById('tip');
  if (tip.hidden) return;
  const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 4);
  const y = ev.clientY + 18 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 18;
  tip.style.left = x + 'px'; tip.style.top = y + 'px';
});
document.addEventListener('click', ev => {
  const ids = current && piecesIds(ev.target);
  if (ids) showDetails(ids);
});

function route() {
  const m = location.hash.match(/^#doc=(.*)$/);
  if (m) openDoc(decodeURIComponent(m[1]));
}
window.addEventListener('hashchange', route);
buildIndex();
if (location.hash) route(); else if (INDEX.length === 1) openDoc(INDEX[0].id);
"""
