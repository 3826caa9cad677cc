"""Calibrated confidence: every value's ``confidence`` becomes the estimated
probability that it is correct under SPEC §4 matching.

The extractors type a constant into each value (0.6, 0.8, 0.9 ...): a rule's
guess, not a measured rate. ``models/calibration.json`` (built by
``notice-extract train``, ``learn/calibration.py``) is a logistic model
stored as a table of feature weights, fitted on the annotated gold: the
value's field family, field, method, the rule's constant within its method,
and context signs within the field (inherited or own, notice or not, tree
depth, legacy encoding; a segment's kind, length, the kind before it; a
party's role and kind, named or generic), document signs (OCR noise,
number of warnings) and signs of the value's own text (length, OCR noise, an
upper-case run, a signing mode inside, a line break). It is fitted on the
gold's in-sample values and on first-look values (an older extractor on
issuers it had not seen), at the level of the latter.

At run time the probability of each distinct key is computed once and cached
(``Table.probability``), so the cost is a walk over the record's objects. ``walk`` is the one definition of which objects carry a
calibrated confidence and what their keys are; the training side labels the
same objects against gold, and ``notice-extract review`` ranks them.

Objects the scorer has no notion of (the meeting object as a whole, a
citation's container, the notice kind's evidence when no kind was found) keep
the rule's constant: see ``models/README.md``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from ..extract.issuer import symbol_issuers
from ..textmap import VI_LOWER, VI_UPPER, normalise_tone

TABLE_FILE = "calibration.json"
OCR_CHARS = 4000  # how much of the text the OCR sign reads
SIGN_CHARS = 120  # how much of a value's text the text signs read
CACHE_SIZE = 100_000  # distinct keys whose probability is kept (a few thousand on the dev corpus)

# field -> family (the unit of the ECE targets and of the first table level)
FAMILIES = {
    "notice_kind": "header",
    "number": "header",
    "issue_place": "header",
    "issue_date": "header",
    "subject": "header",
    "issuer": "issuer",
    "concluded_by": "issuer",
    "meeting.date": "meeting",
    "meeting.kind": "meeting",
    "meeting.topic": "meeting",
    "meeting.chaired_by": "meeting",
    "meeting.counterparts": "meeting",
    "meeting.attendees": "meeting",
    "target_units": "target_units",
    "persons": "persons",
    "citations": "citations",
    "segments": "segments",
    "directives": "directives",
    "directives.responsible": "responsible",
    "directives.deadlines": "deadlines",
    "recipients": "recipients",
    "signature": "signature",
    "signature.mode": "signature",
    "signature.on_behalf_of": "signature",
    "signature.position": "signature",
    "signature.signer": "signature",
}
SIGNATURE_PARTS = ("mode", "on_behalf_of", "position", "signer")
_UTF = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "ascii", "str", None)


@dataclass
class Item:
    """One calibrated object: its field, the object itself, and its context signs."""

    field: str
    obj: Any  # a models.* object with ``confidence`` and ``method``
    context: tuple[str, ...]

    @property
    def family(self) -> str:
        return FAMILIES[self.field]

    def key(self, raw: Optional[float] = None) -> tuple:
        """What the probability depends on; ``raw`` is the rule's own confidence
        (the object's, before calibration)."""
        raw = self.obj.confidence if raw is None else raw
        return self.field, self.obj.method or "?", round(raw, 2), self.context


# signs that mean the same in every field also get one feature shared by all fields
_SHARED = ("ocr=", "warnings=", "caps-run", "mode-word")


def features(key: tuple) -> list[str]:
    """The model's features of a key: family, field, method, the rule's
    constant within its method, each context sign within the field, and the
    document- and text-level signs across fields."""
    field, method, raw, context = key
    fam = FAMILIES[field]
    out = [f"family={fam}", f"field={field}", f"{field}|method={method}", f"{field}|method={method}|raw={raw:.2f}"]
    out += [f"{field}|{c}" for c in context]
    out += [f"all|{c}" for c in context if c.startswith(_SHARED)]
    return out


# Characters a Vietnamese notice does not use: OCR noise (ˆ † Š € » { \\ ^ `)
# and combining marks left by a legacy encoding. Table pipes, e-mail and
# technical symbols are ordinary.
ODD = re.compile(r"[^a-zA-Z0-9\s" + VI_LOWER + VI_UPPER + r".,;:!?()\[\]/\-–—\"'“”‘’%&+*=<>§…|@#_°±×÷²³≈≥≤∆Ω]")
# two upper-case words in a row: a title or a signature block inside a list value
CAPS_RUN = re.compile(r"\b[^\W\d_a-zđ]{2,}\s+[^\W\d_a-zđ]{2,}\b")
# a signing mode (KT., TL., TM., Q.): the signature block, inside a list value or twice in a position
MODE_WORD = re.compile(r"\b(?:KT|TL|TM|TUQ|Q)\.\s")
_caps, _mode = CAPS_RUN.search, MODE_WORD.search
_ORDER = {k: i for i, k in enumerate(("header", "opening", "findings", "requirements", "closing",
                                        "recipients", "signature"))}


def ocr_level(text: Optional[str]) -> str:
    """The document's OCR/legacy-encoding sign: odd characters per 1,000 in
    its first ``OCR_CHARS`` (a scan is noisy throughout; this bounds the cost)."""
    if not text:
        return "ocr=none"
    text = text[:OCR_CHARS]
    rate = 1000 * len(ODD.findall(text)) / len(text)
    return "ocr=none" if rate == 0 else "ocr=some" if rate < 1.5 else "ocr=high"


def doc_context(record, text: Optional[str] = None) -> tuple[bool, bool, tuple[str, ...]]:
    """Document-level signs: a notice (or not), a legacy or unusual encoding,
    and the signs shared by all its values (OCR level, number of warnings)."""
    enc = (record.source.encoding or "").lower() if record.source else ""
    n = len(record.warnings)
    return (record.notice_kind is not None, enc not in _UTF and bool(enc),
            (ocr_level(text), f"warnings={min(n, 3)}"))


_HEADS: dict[tuple, tuple[str, ...]] = {}


def _ctx(notice: bool, legacy: bool, inherited: bool = False, depth: int = 0, *extra: str) -> tuple[str, ...]:
    head = _HEADS.get((notice, legacy, inherited, depth))
    if head is None:
        head = _HEADS[(notice, legacy, inherited, depth)] = (
            "inherited" if inherited else "own", "notice" if notice else "not-notice",
            f"depth={min(depth, 3)}", "legacy-encoding" if legacy else "unicode")
    return head + extra


def _size(n: int) -> str:
    return "lines=1" if n <= 1 else "lines=2-3" if n <= 3 else "lines=4-7" if n <= 7 else "lines=8-15" if n <= 15 else "lines=16-31" if n <= 31 else "lines=32+"


def text_signs(obj) -> tuple[str, ...]:
    """Signs of a value's own text: length, and in its first ``SIGN_CHARS``
    characters (a directive's text can run to pages) an upper-case run, a lower-case start (a generic noun rather than a name), a line
    break, a signing mode."""
    t = getattr(obj, "text", None)
    if not t:
        return ("len=0",)
    n = len(t)
    out = ["len<=10" if n <= 10 else "len<=40" if n <= 40 else "len<=100" if n <= 100 else "len>100"]
    t = t[:SIGN_CHARS]
    if _caps(t):
        out.append("caps-run")
    if t[0].islower():
        out.append("lower-start")
    if "\n" in t:
        out.append("multiline")
    if _mode(t):
        out.append("mode-word")
    return tuple(out)


def symbol_sign(record) -> str:
    """Does the issuer agree with the issuer the number's symbol names? A
    decision "QĐ-TTg" read as "UBND tỉnh Hà Nội" is likely wrong; a symbol
    that names no issuer says nothing."""
    issuer, number = record.issuer, record.number
    if issuer is None or number is None or not number.symbol:
        return "symbol=none"
    codes = symbol_issuers()
    named = [codes[p] for p in re.split(r"[-/]", number.symbol) if p in codes]
    if not named:
        return "symbol=none"
    body = issuer.body or ""
    own = "ubnd" if body.startswith("ubnd") else "party" if body in ("huyen_uy", "tinh_uy", "dang_uy") else issuer.value
    return "symbol=agrees" if own in named else "symbol=disagrees"


@lru_cache(maxsize=1)
def _predicate_words() -> frozenset[str]:
    """The one- to three-word predicate openers the party grammar knows
    (``rules/parties.yaml``: subject enders and agent roles), lower-cased."""
    from ..resources import load_rules

    r = load_rules("parties")
    words = r["subject_enders"] + r["agent_roles"]["lead"] + r["agent_roles"]["support"]
    return frozenset(normalise_tone(w).lower() for w in words)


_COMMA_LOWER = re.compile(r"\s*,\s*(\w)")
_NEXT_WORDS = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w+))?(?:[ \t]+(\w+))?")


def boundary_sign(p, text: Optional[str]) -> str:
    """What follows a party's own span: a stop (punctuation, line end), a
    capitalised word, "và", a predicate the grammar knows, another
    lower-case word, or a comma and a lower-case word. After the last two the
    grammar ended the party without a predicate to show for it: a name cut
    short ("Ban Chỉ đạo | các quân khu") or a collective split inside ("Ủy
    ban nhân dân xã | , phường, thị trấn")."""
    span = getattr(p, "span", None)
    if text is None or span is None or p.inherited:
        return "next=?"
    m = _NEXT_WORDS.match(text, span[1], span[1] + 60)
    if m is None:
        c = _COMMA_LOWER.match(text, span[1], span[1] + 8)
        return "next=comma-lower" if c and c.group(1).islower() else "next=stop"
    first = m.group(1)
    if not first[0].islower():
        return "next=upper"
    if first in ("và", "hoặc"):
        return "next=and"
    words = [normalise_tone(w).lower() for w in m.groups() if w]
    known = _predicate_words()
    if any(" ".join(words[:n]) in known for n in (1, 2, 3)):
        return "next=predicate"
    return "next=other"


def party_signs(p, text: Optional[str] = None) -> tuple[str, ...]:
    """A responsible party's own signs: role, kind, a generic noun
    (lower-case start) against a name, and what follows it (``boundary_sign``)."""
    return (f"role={p.role}", f"kind={p.kind}", f"role={p.role}&kind={p.kind}",
            f"kind={p.kind}&{'generic' if p.text and p.text[0].islower() else 'named'}",
            boundary_sign(p, text))


_DAY = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)|ngày\s+\d|\d{1,2}\s+tháng", re.I)
_MONTH = re.compile(r"tháng\s*\d|quý|\d{1,2}\s*/\s*\d{4}", re.I)
_YEAR = re.compile(r"\d{4}")


def deadline_signs(dl) -> tuple[str, ...]:
    """A deadline's own signs: its kind, and the finest unit its words name
    (a day, a month or quarter, a year, none): a bare "hằng năm" or "trong
    năm 2026" is more often an aim's period than a deadline."""
    t = getattr(dl, "text", None) or ""
    grain = "day" if _DAY.search(t) else "month" if _MONTH.search(t) else "year" if _YEAR.search(t) else "none"
    return (f"kind={dl.kind}", f"grain={grain}", f"kind={dl.kind}&grain={grain}")


def clause_items(clause_text: str, parties: list, deadlines: list, depth: int = 1) -> Iterator[Item]:
    """The items of one assignment clause read alone (``notice-extract
    evaluate-clauses``): its parties and deadlines with the context a
    directive of a non-notice at ``depth`` gives them in ``walk``."""
    shared = (ocr_level(clause_text), "warnings=0")
    for p in parties:
        yield Item("directives.responsible", p,
                   _ctx(False, False, p.inherited, depth, *party_signs(p, clause_text)) + shared + text_signs(p))
    for dl in deadlines:
        yield Item("directives.deadlines", dl, _ctx(False, False, dl.inherited, depth, *deadline_signs(dl)) + shared)


def walk(record, text: Optional[str] = None) -> Iterator[Item]:
    """Every object of a ``Record`` whose confidence is calibrated, in record
    order. ``text`` (the source the spans index) gives the document's OCR
    sign; without it the document counts as clean."""
    notice, legacy, shared = doc_context(record, text)

    def ctx(obj, inherited: bool = False, depth: int = 0, *extra: str) -> tuple[str, ...]:
        return _ctx(notice, legacy, inherited, depth, *extra) + shared + text_signs(obj)

    # fields whose own text tells little (a citation, a directive's opening, a
    # deadline phrase) get the document signs only, which keeps the walk cheap
    plain = _ctx(notice, legacy) + shared

    if record.notice_kind is not None and record.notice_kind_evidence is not None:
        yield Item("notice_kind", record.notice_kind_evidence, ctx(record.notice_kind_evidence))
    for name in ("number", "issue_place", "issue_date", "subject", "issuer", "concluded_by"):
        obj = getattr(record, name)
        if obj is not None:
            yield Item(name, obj, ctx(obj, False, 0, symbol_sign(record)) if name == "issuer" else ctx(obj))
    m = record.meeting
    if m is not None:
        for name in ("date", "kind", "topic"):
            obj = getattr(m, name)
            if obj is not None:
                yield Item(f"meeting.{name}", obj, ctx(obj))
        for name in ("chaired_by", "counterparts", "attendees"):
            for p in getattr(m, name):
                yield Item(f"meeting.{name}", p, ctx(p, p.inherited, 0, f"kind={p.kind}"))
    for p in record.target_units:
        yield Item("target_units", p, ctx(p, p.inherited, 0, f"kind={p.kind}"))
    for p in record.persons:
        yield Item("persons", p, ctx(p))
    for c in record.citations:
        yield Item("citations", c, plain)
    prev = None
    for s in record.segments:
        # a segment's kind, length and neighbour: long runs of a non-notice, and a
        # kind that comes back after a later one, are where the segmenter errs
        back = prev is not None and _ORDER.get(prev, 0) > _ORDER.get(s.kind, 0)
        size = _size(s.lines[1] - s.lines[0] + 1)
        yield Item("segments", s, _ctx(notice, legacy, False, 0, f"kind={s.kind}", size, f"after={prev}",
                                       "order=back" if back else "order=ok",
                                       f"kind={s.kind}&{'notice' if notice else 'not-notice'}",
                                       f"kind={s.kind}&{size}") + shared)
        prev = s.kind
    for d in record.directives:
        yield Item("directives", d, _ctx(notice, legacy, False, d.level, f"kind={d.kind}",
                                         "with-responsible" if d.responsible else "no-responsible") + shared)
        for p in d.responsible:
            yield Item("directives.responsible", p, ctx(p, p.inherited, d.level, *party_signs(p, text)))
        for dl in d.deadlines:
            yield Item("directives.deadlines", dl, _ctx(notice, legacy, dl.inherited, d.level, *deadline_signs(dl)) + shared)
    for r in record.recipients:
        yield Item("recipients", r, ctx(r))
    sig = record.signature
    if sig is not None:
        yield Item("signature", sig, ctx(sig))
        for part in SIGNATURE_PARTS:
            g = sig.parts.get(part)
            if g is not None and getattr(sig, part):
                yield Item(f"signature.{part}", g, ctx(g))


class Table:
    """A logistic model stored as a table of feature weights: P(correct) =
    sigmoid(bias + sum of the weights of the key's features); features the
    table does not know weigh 0. Probabilities are cached per key (a few
    hundred distinct keys), so applying it is one dict look-up per value."""

    def __init__(self, bias: float, weights: dict[str, float], meta: Optional[dict] = None):
        self.bias = bias
        self.weights = weights
        self.meta = meta or {}
        self._cache: dict[tuple, float] = {}

    @classmethod
    def load(cls, path: Path | str) -> "Table":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        bias = float(data["bias"])
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        if not all(math.isfinite(w) for w in [bias, *weights.values()]):
            raise ValueError(f"{path}: weights must be finite numbers")
        return cls(bias, weights, {k: v for k, v in data.items() if k not in ("bias", "weights")})

    def probability(self, key: tuple) -> float:
        p = self._cache.get(key)
        if p is None:
            z = self.bias + sum(self.weights.get(f, 0.0) for f in features(key))
            p = round(1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0))), 4)
            if len(self._cache) >= CACHE_SIZE:  # a long batch meets new keys for ever: start again
                self._cache.clear()
            self._cache[key] = p
        return p

    def apply(self, record, text: Optional[str] = None) -> None:
        """Replace the confidence of every calibrated object of ``record``
        (``text``: the source its spans index, for the OCR sign)."""
        prob = self.probability
        for item in walk(record, text):
            obj = item.obj
            obj.confidence = prob((item.field, obj.method or "?", round(obj.confidence, 2), item.context))


_LOADED: list = []  # [(table or None, problem or None)], once per process


def shipped_table() -> tuple[Optional[Table], Optional[str]]:
    """The table in ``models/`` (loaded once per process) and, when it could not
    be loaded, why (the record says so in its warnings)."""
    if not _LOADED:
        table, problem = None, None
        try:
            from ..resources import models_dir

            path = models_dir() / TABLE_FILE
            if path.exists():
                table = Table.load(path)
            else:
                problem = f"calibration table {path} missing: confidences are the rules' constants"
        except FileNotFoundError:
            problem = "no models folder: confidences are the rules' constants"
        except (ValueError, KeyError, TypeError) as exc:
            problem = f"calibration table unreadable ({exc}): confidences are the rules' constants"
        _LOADED.append((table, problem))
    return _LOADED[0]


def calibrate(record, text: Optional[str] = None) -> None:
    """Calibrate ``record`` in place when the configuration says so and a table ships."""
    from .config import current

    if not current().calibration:
        return
    table, problem = shipped_table()
    if table is not None:
        table.apply(record, text)
    elif problem and problem not in record.warnings:
        record.warnings.append(problem)
