"""Calibrated confidence: every value's ``confidence`` becomes the estimated
probability that it is correct under SPEC §4 matching.

The extractors type a constant into each value (0.6, 0.8, 0.9 ...): a rule's
guess, not a measured rate. ``models/calibration.json`` (built by
``notice-extract train``, ``learn/calibration.py``) is a logistic model
stored as a table of feature weights, fitted on the annotated gold: the
value's field family, field, method, the rule's constant within its method,
and context signs within the field (inherited or own, notice or not, tree
depth, legacy encoding; a segment's kind and length; a party's role and kind).

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

TABLE_FILE = "calibration.json"

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


def features(key: tuple) -> list[str]:
    """The model's features of a key: family, field, method, the rule's
    constant within its method, and each context sign within the field."""
    field, method, raw, context = key
    fam = FAMILIES[field]
    out = [f"family={fam}", f"field={field}", f"{field}|method={method}", f"{field}|method={method}|raw={raw:.2f}"]
    out += [f"{field}|{c}" for c in context]
    return out


def doc_context(record) -> tuple[bool, bool]:
    """Document-level signs: a notice (or not), a legacy or unusual encoding."""
    enc = (record.source.encoding or "").lower() if record.source else ""
    return record.notice_kind is not None, enc not in _UTF and bool(enc)


def _ctx(notice: bool, legacy: bool, inherited: bool = False, depth: int = 0, *extra: str) -> tuple[str, ...]:
    return ("inherited" if inherited else "own", "notice" if notice else "not-notice",
            f"depth={min(depth, 3)}", "legacy-encoding" if legacy else "unicode") + extra


def _size(n: int) -> str:
    return "lines=1" if n <= 1 else "lines=2-5" if n <= 5 else "lines=6+"


def walk(record) -> Iterator[Item]:
    """Every object of a ``Record`` whose confidence is calibrated, in record order."""
    notice, legacy = doc_context(record)
    plain = _ctx(notice, legacy)
    if record.notice_kind is not None and record.notice_kind_evidence is not None:
        yield Item("notice_kind", record.notice_kind_evidence, plain)
    for name in ("number", "issue_place", "issue_date", "subject", "issuer", "concluded_by"):
        obj = getattr(record, name)
        if obj is not None:
            yield Item(name, obj, plain)
    m = record.meeting
    if m is not None:
        for name in ("date", "kind", "topic"):
            obj = getattr(m, name)
            if obj is not None:
                yield Item(f"meeting.{name}", obj, plain)
        for name in ("chaired_by", "counterparts", "attendees"):
            for p in getattr(m, name):
                yield Item(f"meeting.{name}", p, _ctx(notice, legacy, p.inherited, 0, f"kind={p.kind}"))
    for p in record.target_units:
        yield Item("target_units", p, _ctx(notice, legacy, p.inherited, 0, f"kind={p.kind}"))
    for p in record.persons:
        yield Item("persons", p, plain)
    for c in record.citations:
        yield Item("citations", c, plain)
    for s in record.segments:
        # a segment's kind and length: long runs of a non-notice are where the segmenter errs
        yield Item("segments", s, _ctx(notice, legacy, False, 0, f"kind={s.kind}",
                                       _size(s.lines[1] - s.lines[0] + 1)))
    for d in record.directives:
        yield Item("directives", d, _ctx(notice, legacy, False, d.level, f"kind={d.kind}",
                                         "with-responsible" if d.responsible else "no-responsible"))
        for p in d.responsible:
            yield Item("directives.responsible", p,
                       _ctx(notice, legacy, p.inherited, d.level, f"role={p.role}", f"kind={p.kind}"))
        for dl in d.deadlines:
            yield Item("directives.deadlines", dl, _ctx(notice, legacy, dl.inherited, d.level))
    for r in record.recipients:
        yield Item("recipients", r, plain)
    sig = record.signature
    if sig is not None:
        yield Item("signature", sig, plain)
        for part in SIGNATURE_PARTS:
            g = sig.parts.get(part)
            if g is not None and getattr(sig, part):
                yield Item(f"signature.{part}", g, plain)


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
            self._cache[key] = p
        return p

    def apply(self, record) -> None:
        """Replace the confidence of every calibrated object of ``record``."""
        prob = self.probability
        for item in walk(record):
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


def calibrate(record) -> None:
    """Calibrate ``record`` in place when the configuration says so and a table ships."""
    from .config import current

    if not current().calibration:
        return
    table, problem = shipped_table()
    if table is not None:
        table.apply(record)
    elif problem and problem not in record.warnings:
        record.warnings.append(problem)
