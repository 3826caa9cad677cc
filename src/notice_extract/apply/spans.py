"""The span recogniser at run time: load the shipped spaCy model, tag, combine with the rules.

Training, derivation of spans from gold and cross-validation live in
``learn/spans.py``; this module is what the pipeline (``extract/directives.py``)
calls. spaCy is imported only when a mode other than ``off`` needs the model.

``recognise(doc, ranges)`` runs one ``nlp.pipe`` over all requested
working-text ranges of a document and returns, per range, ``(start, end, label,
score)`` in working-text offsets (ground them with ``doc.ground``). ``score`` is
not a probability from the greedy parser (it has none): it is the label's
precision measured by grouped (leave-one-family-out) CV, stored in the model's meta.

``combine_responsible`` (the hook of ``extract/directives.py``; also
reachable as ``fallback_responsible``) combines rules and model per
the mode of ``apply.config`` (``models/shipped.json``; ``config.use(spans=...)``
overrides it in a block):

* ``refine`` (boundary refinement): the rules decide *which* parties an item
  has; the model may only lengthen one. For each item with a rule party that
  is printed as its value (not composed, not respelled, not a person) and is
  followed by a word, the model reads the item from its start to the end of
  that clause; a model span that starts where the rule party starts, ends
  later, has the same kind, adds only words (at most ``REFINE_MAX_EXTRA``,
  no punctuation: same clause, same conjunct), overlaps no other party of
  the item and is followed by a verb/modal of the grammar's lexicon
  replaces the party's boundary (method ``"rule+model"``; confidence
  the rule's capped by the refinement precision measured in CV). It never
  adds or removes a party.
* ``fallback``: where ``find_responsible`` found nothing *and* the item does
  not open with a verb/modal (``parties.opens_with_predicate``), the model
  reads the item's first clause and a span starting within its first tokens
  (after a bullet or an introducing verb ``Đề nghị``/``Giao``) becomes the
  ``lead`` (method ``"model:spans"``).
* ``refine+fallback`` both; ``model`` the model alone (CV only); ``off``.

Which one ships is set from the grouped CV table (``learn/spans.decide``; ``models/README.md``).
"""

from __future__ import annotations

import bisect
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

from ..scoring import norm
from ..textmap import Doc, clean_value
from . import config

LABELS = ("UNIT", "GROUP", "POSITION", "PERSON")
KIND_TO_LABEL = {"unit": "UNIT", "group": "GROUP", "position": "POSITION", "person": "PERSON"}
LABEL_TO_KIND = {v: k for k, v in KIND_TO_LABEL.items()}
MODEL_NAME = "spans"
METHOD = "model:spans"
MODES = config.SPAN_MODES  # "off": rules only; "model": the model replaces the rules for every item (CV only)

_TOKEN = re.compile(r"\w+(?:[/&.\-]\w+)*|\S")
_CLAUSE_STOP = {".", ";", ":", "!", "?", "…"}
_REPO = Path(__file__).resolve().parents[3]


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word tokens of ``text[start:end]`` as absolute (start, end)."""
    return [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]


def _make_doc(nlp, text: str, start: int, end: int):
    """A spaCy Doc of ``text[start:end]`` cut by the parties tokenizer, and the
    absolute character offsets of its tokens."""
    from spacy.tokens import Doc as SDoc

    toks = tokens(text, start, end)
    words = [text[s:e] for s, e in toks]
    spaces = [i + 1 < len(toks) and toks[i + 1][0] > e for i, (s, e) in enumerate(toks)]
    return SDoc(nlp.vocab, words=words or [" "], spaces=spaces or [False]), toks



def _default_dir() -> Path:
    try:
        from ..resources import models_dir

        return models_dir() / MODEL_NAME
    except FileNotFoundError:
        return _REPO / "models" / MODEL_NAME


# ---------------------------------------------------------------------------
# Runtime
# ---------------------------------------------------------------------------

_STATE: dict[str, Any] = {"nlp": None, "loaded": False, "prec": {}}


def _mode() -> str:
    return config.current().spans


def load_model():
    """The shipped model, loaded once per process; None when missing."""
    if not _STATE["loaded"]:
        _STATE["loaded"] = True
        path = _default_dir()
        if (path / "meta.json").exists():
            import spacy

            nlp = spacy.load(path)
            _STATE["nlp"] = nlp
            _STATE["prec"] = (nlp.meta.get("notice_extract") or {}).get("label_precision") or {}
    return _STATE["nlp"]


@contextmanager
def override(nlp=None, mode: Optional[str] = None, label_precision: dict | None = None):
    """Use another model and/or mode in this block (cross-validation, tests)."""
    saved = dict(_STATE)
    if nlp is not None:
        _STATE.update(nlp=nlp, loaded=True, prec=label_precision or {})
    try:
        if mode is not None:
            with config.use(spans=mode):
                yield
        else:
            yield
    finally:
        _STATE.clear()
        _STATE.update(saved)


def recognise(doc: Doc, spans: list[tuple[int, int]]) -> list[list[tuple[int, int, str, float]]]:
    """Party/person spans in each working-text range of ``doc``; one ``nlp.pipe``
    call for all ranges. Offsets are working-text offsets. Missing model → []."""
    nlp = load_model()
    if nlp is None or not spans:
        return []
    made = [_make_doc(nlp, doc.text, a, b) for a, b in spans]
    prec = _STATE.get("prec") or {}
    out = []
    for (sdoc, toks), res in zip(made, nlp.pipe([m[0] for m in made], batch_size=64)):
        got = []
        if toks:
            for ent in res.ents:
                got.append((toks[ent.start][0], toks[ent.end - 1][1], ent.label_, float(prec.get(ent.label_, 0.6))))
        out.append(got)
    return out


def _party(doc: Doc, a: int, b: int, label: str, score: float, role: Optional[str]):
    from ..models import Party, PersonRef

    txt, span = doc.ground(a, b)
    value = clean_value(doc.text[a:b])
    kind = LABEL_TO_KIND.get(label, "unit")
    return Party(text=txt, span=span, value=value, kind=kind, role=role,
                 person=PersonRef(name=value) if kind == "person" else None,
                 method=METHOD, confidence=round(min(max(score, 0.05), 0.95), 3))


REFINE_METHOD = "rule+model"
REFINE_MAX_EXTRA = 8  # at most this many words added to a rule party


def combine_responsible(doc: Doc, items: list[tuple[int, int]], rule_results: list[list]) -> tuple[list[list], Optional[str]]:
    """The combination (module doc). ``items`` are directive texts, ``rule_results``
    what ``find_responsible`` gave each. Returns the responsible lists to use
    and a warning (or None). Modes: ``off``; ``fallback`` (the model names the
    lead where the rules abstain); ``refine`` (the model may only lengthen a
    rule party, ``refine_parties``); ``refine+fallback`` (both); ``model``
    (the model replaces the rules everywhere, for cross-validation)."""
    mode = _mode()
    if mode == "off" or not items:
        return rule_results, None
    from ..extract.parties import first_clause, opens_with_predicate

    todo: list[tuple[int, tuple[int, int], str]] = []  # (item, range, what)
    if mode == "model":
        todo = [(k, items[k], "model") for k in range(len(items))]
    else:
        for k, r in enumerate(rule_results):
            if "refine" in mode and r:
                todo.extend((k, rng, "refine") for rng in _refine_windows(doc, items[k], r))
            if "fallback" in mode and not r and not opens_with_predicate(doc, *items[k]):
                todo.append((k, first_clause(doc, *items[k]), "fallback"))
    if not todo:
        return rule_results, None
    if load_model() is None:
        return rule_results, f"span model not found in models/{MODEL_NAME}: rules only for responsible parties"
    found = recognise(doc, [rng for _, rng, _ in todo])
    out = list(rule_results)
    refine_spans: dict[int, list] = {}
    for (k, (a, b), what), spans in zip(todo, found):
        if what == "model":
            out[k] = [_party(doc, s, e, lab, sc, "lead" if i == 0 else "support") for i, (s, e, lab, sc) in enumerate(spans)]
        elif what == "refine":
            refine_spans.setdefault(k, []).extend(spans)
        else:
            lead_zone = _lead_zone(doc, a, b)
            first = [x for x in spans if x[0] <= lead_zone]
            if first:
                s, e, lab, sc = first[0]
                out[k] = [_party(doc, s, e, lab, sc, "lead")]
    for k, spans in refine_spans.items():
        out[k] = refine_parties(doc, out[k], spans, (_STATE.get("prec") or {}).get("REFINE"))
    return out, None


fallback_responsible = combine_responsible  # the hook's first name


def _working_span(doc: Doc, span) -> tuple[int, int]:
    """Working-text range of a grounded source span."""
    a = bisect.bisect_left(doc.starts, span[0])
    b = bisect.bisect_right(doc.ends, span[1])
    while b > a and doc.starts[b - 1] >= span[1]:
        b -= 1  # a char inserted after the span (a split glued word) maps to its end
    return a, b


def _refinable(doc: Doc, p) -> Optional[tuple[int, int]]:
    """Working range of a rule party the model may lengthen: a printed party
    (its value is its own printed words, not composed, no person) followed, in
    the same clause, by 1..``REFINE_MAX_EXTRA`` words and then a predicate.
    None otherwise."""
    if p.span is None or p.person is not None or p.kind == "person" or p.text is None:
        return None
    if norm(p.value) != norm(clean_value(p.text)):
        return None  # a composed or gazetteer-respelled value: its words are not all printed here
    a, b = _working_span(doc, p.span)
    # a lengthening is only ever accepted when 1..REFINE_MAX_EXTRA words follow
    # and then a predicate (``refine_parties``): without one the model is not asked
    e = b
    for n, m in enumerate(_TOKEN.finditer(doc.text, b, min(len(doc.text), b + 160))):
        if n >= REFINE_MAX_EXTRA or not m.group(0)[0].isalnum() or "\n\n" in doc.text[e : m.start()]:
            return None
        e = m.end()
        if _predicate_at(doc, e):
            return a, b
    return None


REFINE_LEFT = 4  # words of context the model reads before a party (the item start at most)


def _refine_windows(doc: Doc, item: tuple[int, int], parties: list) -> list[tuple[int, int]]:
    """What the model reads to refine an item's rule parties: around each
    refinable party, from ``REFINE_LEFT`` tokens before it (not before the item
    start) to ``REFINE_MAX_EXTRA + 2`` tokens after it, stopping at a clause
    stop; overlapping windows merged. [] when no party can be refined."""
    wins: list[list[int]] = []
    for p in parties:
        r = _refinable(doc, p)
        if r is None or not (item[0] <= r[0] and r[1] <= item[1]):
            continue
        a, b = r
        left = [m.start() for m in _TOKEN.finditer(doc.text, max(item[0], a - 80), a)]
        if len(left) > REFINE_LEFT:
            start = left[-REFINE_LEFT]
        else:
            start = item[0] if a - item[0] <= 80 else (left[0] if left else a)
        end = b
        for n, m in enumerate(_TOKEN.finditer(doc.text, b, min(item[1], b + 200))):
            if m.group(0) in _CLAUSE_STOP or n >= REFINE_MAX_EXTRA + 2:
                break
            end = m.end()
        wins.append([start, end])
    wins.sort()
    merged: list[list[int]] = []
    for w in wins:
        if merged and w[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], w[1])
        else:
            merged.append(w)
    return [(x, y) for x, y in merged]


def _predicate_at(doc: Doc, e: int) -> bool:
    """Does a lower-case verb or modal of the grammar's ``subject_enders``
    lexicon follow working offset ``e`` (same paragraph)?"""
    from ..extract.parties import opens_with_predicate

    m = _TOKEN.search(doc.text, e, e + 40)
    if m is None or not m.group(0)[0].islower() or "\n\n" in doc.text[e : m.start()]:
        return False
    return opens_with_predicate(doc, m.start(), min(len(doc.text), m.start() + 60))


def refine_parties(doc: Doc, parties: list, spans: list[tuple[int, int, str, float]],
                   precision: Optional[float] = None) -> list:
    """Boundary refinement: the rules decide which parties an item has; a model
    span may only lengthen one of them. A rule party (printed, ``_refinable``)
    takes the span's end when the span starts where it starts, ends later,
    has the same kind, adds at most ``REFINE_MAX_EXTRA`` words and only words
    (no punctuation: same clause, same conjunct), overlaps no other party of
    the item, and is followed by a lower-case verb or modal of the grammar's
    ``subject_enders`` (the rule party stopped at a verb that only modifies
    it, ``các nhà thầu tham gia xây dựng công trình | chịu trách nhiệm``). The result keeps the rule's role and kind, with method
    ``rule+model`` and as confidence the rule's, capped by ``precision`` (the
    share of CV refinements that gave a gold value, in the model's meta);
    everything else is the rule's."""
    if not spans:
        return parties
    ranges = [_working_span(doc, p.span) if p.span is not None else None for p in parties]
    out = []
    for i, p in enumerate(parties):
        r = _refinable(doc, p)
        best = None
        if r is not None:
            a, b = r
            for s, e, lab, sc in spans:
                if s != a or e <= b or LABEL_TO_KIND.get(lab) != p.kind:
                    continue
                extra = [m.group(0) for m in _TOKEN.finditer(doc.text, b, e)]
                if not extra or len(extra) > REFINE_MAX_EXTRA or not all(w[0].isalnum() for w in extra):
                    continue
                if any(j != i and q is not None and q[0] < e and b < q[1] for j, q in enumerate(ranges)):
                    continue
                if not _predicate_at(doc, e):
                    continue  # a subject ends where its predicate begins (the grammar's own test)
                best = e
        if best is None:
            out.append(p)
            continue
        e = best
        txt, span = doc.ground(a, e)
        out.append(p.model_copy(update={
            "text": txt, "span": span, "value": clean_value(doc.text[a:e]),
            "method": REFINE_METHOD,
            "confidence": round(min(p.confidence or 0.85, 0.5 if precision is None else max(precision, 0.05)), 3),
        }))
    return out


_INTRO = re.compile(r"^[\s\-–+*•]*(?:(?:đề nghị|giao cho|giao|yêu cầu|đối với|riêng)\s+)?(?:(?:đồng chí|đ/c)\s+)?", re.I)


def _lead_zone(doc: Doc, a: int, b: int) -> int:
    """Offset up to which a model span counts as the clause's subject."""
    m = _INTRO.match(doc.text, a, b)
    return m.end() if m else a


