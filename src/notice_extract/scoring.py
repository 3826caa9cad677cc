"""Score predicted records against gold files (SPEC §4, gold/README.md).

Works on plain dicts as loaded from JSON: a gold dict (values only, with
``*_optional`` alternatives) and a predicted record dict (extra keys such as
``span``, ``confidence``, ``method``, ``warnings`` are ignored except where a
span is needed: grounding and the line numbers of errors).

Counting conventions (fixed here because SPEC §4 leaves them open):

* Every field keeps ``tp`` / ``fp`` / ``fn``. A wrong scalar value is one ``fp``
  (it was predicted non-null) and one ``fn`` (the gold value was not found), so
  P = correct / predicted non-null and R = correct / gold non-null as SPEC says.
* F1 = 2·tp / (2·tp + fp + fn), which equals the harmonic mean of P and R and is
  also defined when nothing was predicted. A field with no gold and no
  prediction at all has no F1 (``None``) and is left out of the headline.
* Headline = mean of the defined F1 values of the SPEC §4 fields (14 scalars,
  6 lists, directive detection, responsible parties, deadlines). Accuracies
  (directive path, segments, grounding, recipient attributes) and the
  informational rows (meeting.topic, meeting.chaired_by) are reported but not
  averaged in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional

from rapidfuzz import fuzz

from notice_extract.resources import load_rules
from notice_extract.textmap import normalise_tone

PARTY_RATIO = 85  # fuzz.ratio threshold for parties, recipients, subjects, topics
DIRECTIVE_PARTIAL = 90  # fuzz.partial_ratio threshold on a directive's opening
OPENING_SLACK = 10  # extra characters of the predicted text searched for `starts`

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*|__|[*#]")  # Markdown emphasis and heading marks
_PIPE = re.compile(r"\|")  # table pipes separate cells: keep a space
_WS = re.compile(r"\s+")
_EDGE = " ,.;:()[]{}"


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    table = load_rules("scoring")["abbreviations"]
    table = {unicodedata.normalize("NFC", k): v for k, v in table.items()}
    # longest first so that e.g. NN&PTNT is never cut short by a shorter entry
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    # whole word: not glued to a letter or digit on either side
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), table


def norm(s: Any) -> str:
    """The comparison form of a string (SPEC §4); ``None`` gives ``""``."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = _PIPE.sub(" ", _BOLD.sub("", s))
    # expansion comes before case folding: the abbreviations are case-sensitive
    pattern, table = _abbreviations()
    s = pattern.sub(lambda m: table[m.group(0)], s)
    s = normalise_tone(unicodedata.normalize("NFC", s))
    s = unicodedata.normalize("NFC", s.casefold())
    s = _WS.sub(" ", s)
    return s.strip(_EDGE)


# --------------------------------------------------------------------------
# Comparisons: a score 0..100 when two values match, None when they do not
# --------------------------------------------------------------------------

Scorer = Callable[[Any, Any], Optional[float]]


def exact_score(a: Any, b: Any) -> Optional[float]:
    """Names of persons and places, signature lines, dates, kinds, numbers."""
    na, nb = norm(a), norm(b)
    return 100.0 if na and na == nb else None


def ratio_score(a: Any, b: Any) -> Optional[float]:
    """Parties, recipients, subjects, topics: fuzz.ratio >= 85."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return None
    score = fuzz.ratio(na, nb)
    return score if score >= PARTY_RATIO else None


def directive_score(gold: dict, pred: dict) -> Optional[float]:
    """A prediction matches when its text starts with the gold `starts`, or
    the opening of its text contains it at partial_ratio >= 90."""
    starts, text = norm(gold.get("starts")), norm(pred.get("text"))
    if not starts or not text:
        return None
    if text.startswith(starts):
        return 100.0
    # only the opening counts: the same words later in the text are not a match
    opening = text[: len(starts) + OPENING_SLACK]
    if len(opening) < len(starts):
        # a prediction shorter than `starts` would align inside it at 100
        score = fuzz.ratio(starts, opening)
    else:
        score = fuzz.partial_ratio(starts, opening)
    return score if score >= DIRECTIVE_PARTIAL else None


def _party_score(gold: Any, pred: Any) -> Optional[float]:
    return ratio_score(_item_key(gold, "value"), _item_key(pred, "value"))


def _clean(v: Any) -> Optional[str]:
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def deadline_key(d: dict) -> tuple:
    return tuple(_clean(d.get(k)) for k in ("kind", "start", "end", "recurrence"))


def deadline_score(gold: dict, pred: dict) -> Optional[float]:
    return 100.0 if deadline_key(gold) == deadline_key(pred) else None


# --------------------------------------------------------------------------
# Counts and results
# --------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: int = 0  # scalars only: each wrong value is also one fp and one fn

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.wrong += other.wrong

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else None


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: "Accuracy") -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> Optional[float]:
        return self.correct / self.total if self.total else None


@dataclass
class ErrorItem:
    doc_id: str
    field: str
    kind: str  # missed | spurious | wrong | ungrounded
    gold: Optional[str] = None
    pred: Optional[str] = None
    line: Optional[int] = None  # 1-based line of the source file
    note: str = ""

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "field": self.field,
            "kind": self.kind,
            "gold": self.gold,
            "pred": self.pred,
            "line": self.line,
            "note": self.note,
        }


# --------------------------------------------------------------------------
# The fields
# --------------------------------------------------------------------------

# (field, path of the value inside gold and record, comparison)
SCALAR_FIELDS: list[tuple[str, tuple[str, ...], Scorer]] = [
    ("notice_kind", ("notice_kind",), exact_score),
    ("number.serial", ("number", "serial"), exact_score),
    ("number.symbol", ("number", "symbol"), exact_score),
    ("issue_place", ("issue_place", "value"), exact_score),
    ("issue_date", ("issue_date", "value"), exact_score),
    # issuer.value is a canonical name built from body + locality: a ratio
    # would accept a wrong locality ("UBND huyện Tân Yên" / "... Tân An")
    ("issuer", ("issuer", "value"), exact_score),
    # concluded_by names a body or office as printed: party-like, so ratio
    ("concluded_by", ("concluded_by", "value"), ratio_score),
    ("subject", ("subject", "value"), ratio_score),
    ("meeting.date", ("meeting", "date", "value"), exact_score),
    ("meeting.kind", ("meeting", "kind", "value"), exact_score),
    ("signature.mode", ("signature", "mode"), exact_score),
    ("signature.on_behalf_of", ("signature", "on_behalf_of"), exact_score),
    ("signature.position", ("signature", "position"), exact_score),
    ("signature.signer", ("signature", "signer"), exact_score),
]

# (field, path of the list, key of an item, comparison)
LIST_FIELDS: list[tuple[str, tuple[str, ...], str, Scorer]] = [
    ("target_units", ("target_units",), "value", ratio_score),
    ("meeting.counterparts", ("meeting", "counterparts"), "value", ratio_score),
    ("meeting.attendees", ("meeting", "attendees"), "value", ratio_score),
    ("persons", ("persons",), "name", exact_score),
    ("citations", ("citations",), "number", exact_score),
    # recipients match on value only; purpose/channel/archive are reported
    # separately as the accuracy "recipients.attributes" over matched pairs
    ("recipients", ("recipients",), "value", ratio_score),
]

DIRECTIVE_FIELDS = ["directives", "directives.responsible", "directives.deadlines"]

# Reported for information, not in SPEC §4's list, so not in the headline.
INFO_SCALARS: list[tuple[str, tuple[str, ...], Scorer]] = [
    ("meeting.topic", ("meeting", "topic", "value"), ratio_score),
]
INFO_LISTS: list[tuple[str, tuple[str, ...], str, Scorer]] = [
    ("meeting.chaired_by", ("meeting", "chaired_by"), "value", ratio_score),
]

HEADLINE_FIELDS = (
    [f for f, _, _ in SCALAR_FIELDS] + [f for f, _, _, _ in LIST_FIELDS] + DIRECTIVE_FIELDS
)
INFO_FIELDS = [f for f, _, _ in INFO_SCALARS] + [f for f, _, _, _ in INFO_LISTS]
ACCURACY_FIELDS = ["directives.path", "recipients.attributes", "segments", "grounding"]
FIELD_ORDER = HEADLINE_FIELDS + INFO_FIELDS


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def get_path(obj: Any, path: Iterable[str]) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _optional(gold: dict, path: tuple[str, ...], field_name: str) -> list:
    """``F_optional`` sits beside ``F`` in the same object (gold README §1):
    top level for top-level fields, ``meeting.kind_optional`` for meeting.kind."""
    parts = field_name.split(".")
    container = get_path(gold, parts[:-1]) if len(parts) > 1 else gold
    if not isinstance(container, dict):
        return []
    opts = container.get(parts[-1] + "_optional")
    return opts if isinstance(opts, list) else []


def _item_key(item: Any, key: str) -> Any:
    if isinstance(item, dict):
        return item.get(key)
    return item if isinstance(item, str) else None


def _show(v: Any) -> Optional[str]:
    return None if v is None else str(v)


class _Lines:
    """1-based line numbers of offsets into the source text."""

    def __init__(self, source: Optional[str]):
        self.source = source

    def of_span(self, span: Any) -> Optional[int]:
        if self.source is None or not _valid_span(span, self.source):
            return None
        return self.source.count("\n", 0, span[0]) + 1

    def of_item(self, item: Any) -> Optional[int]:
        """Line of a predicted item: its span, else its own ``lines``."""
        if not isinstance(item, dict):
            return None
        line = self.of_span(item.get("span"))
        if line is None:
            lines = item.get("lines")
            if isinstance(lines, (list, tuple)) and lines and isinstance(lines[0], int):
                line = lines[0]
        if line is None and isinstance(item.get("mentions"), list) and item["mentions"]:
            line = self.of_span(item["mentions"][0])
        return line


def _valid_span(span: Any, source: str) -> bool:
    return (
        isinstance(span, (list, tuple))
        and len(span) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        and 0 <= span[0] <= span[1] <= len(source)
    )


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


def greedy_match(
    golds: list,
    preds: list,
    score: Callable[[Any, Any], Optional[float]],
    tiebreak: Optional[Callable[[Any, Any], float]] = None,
) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching: best-scoring pairs first.

    Ties are broken by ``tiebreak`` (smaller first), then by document order,
    so the result is deterministic. Returns (gold index, pred index, score).
    """
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = score(g, p)
            if s is not None:
                candidates.append((-s, tiebreak(g, p) if tiebreak else 0, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, -neg))
    return sorted(pairs)


@dataclass
class ListMatch:
    pairs: list[tuple[int, int, float]]  # (main gold index, pred index, score)
    missed: list[int]  # main gold items nobody matched
    spurious: list[int]  # predictions matching neither a main nor an optional item
    ignored: list[int]  # predictions absorbed by an optional item

    @property
    def counts(self) -> Counts:
        return Counts(tp=len(self.pairs), fp=len(self.spurious), fn=len(self.missed))


def match_list(
    golds: list,
    optionals: list,
    preds: list,
    score: Callable[[Any, Any], Optional[float]],
    tiebreak: Optional[Callable[[Any, Any], float]] = None,
) -> ListMatch:
    """Main items first; predictions left over may then be absorbed (one-to-one)
    by optional items, which are neither credited nor penalised."""
    pairs = greedy_match(golds, preds, score, tiebreak)
    matched_p = {pi for _, pi, _ in pairs}
    rest = [pi for pi in range(len(preds)) if pi not in matched_p]
    opt_pairs = greedy_match(optionals, [preds[pi] for pi in rest], score, tiebreak)
    ignored = sorted(rest[k] for _, k, _ in opt_pairs)
    matched_g = {gi for gi, _, _ in pairs}
    return ListMatch(
        pairs=pairs,
        missed=[gi for gi in range(len(golds)) if gi not in matched_g],
        spurious=[pi for pi in rest if pi not in ignored],
        ignored=ignored,
    )


def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else []


# --------------------------------------------------------------------------
# Document scoring
# --------------------------------------------------------------------------


def _rows(counts: dict[str, Counts], accuracies: dict[str, Accuracy]) -> list[dict]:
    rows = []
    for name in FIELD_ORDER:
        c = counts.get(name, Counts())
        rows.append(
            {
                "field": name,
                "P": c.precision,
                "R": c.recall,
                "F1": c.f1,
                "accuracy": None,
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "wrong": c.wrong,
                "gold": c.tp + c.fn,  # support
                "pred": c.tp + c.fp,
                "in_headline": name in HEADLINE_FIELDS,
                "info": name in INFO_FIELDS,
            }
        )
    for name in ACCURACY_FIELDS:
        a = accuracies.get(name, Accuracy())
        rows.append(
            {
                "field": name,
                "P": None,
                "R": None,
                "F1": None,
                "accuracy": a.value,
                "tp": a.correct,
                "fp": None,
                "fn": None,
                "wrong": a.total - a.correct,
                "gold": a.total,
                "pred": None,
                "in_headline": False,
                "info": False,
            }
        )
    return rows


def _headline(counts: dict[str, Counts]) -> Optional[float]:
    values = [counts[f].f1 for f in HEADLINE_FIELDS if f in counts and counts[f].f1 is not None]
    return sum(values) / len(values) if values else None


@dataclass
class DocScore:
    doc_id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def headline(self) -> Optional[float]:
        return _headline(self.counts)

    def table(self) -> list[dict]:
        return _rows(self.counts, self.accuracies)


class _DocScorer:
    """Scores one document; each method fills ``self.result``."""

    def __init__(self, gold: dict, pred: dict, source_text: Optional[str]):
        self.gold = gold or {}
        self.pred = pred or {}
        self.source = source_text
        self.lines = _Lines(source_text)
        doc_id = self.gold.get("doc_id") or self.pred.get("doc_id") or "?"
        self.result = DocScore(doc_id=str(doc_id))

    def error(self, field_name: str, kind: str, gold=None, pred=None, line=None, note="") -> None:
        self.result.errors.append(
            ErrorItem(self.result.doc_id, field_name, kind, _show(gold), _show(pred), line, note)
        )

    def scored(self, path: tuple[str, ...]) -> bool:
        """A partially annotated gold file (``annotation.scope: partial``) scores
        only the top-level fields it lists; a field it does not annotate is
        neither missed nor spurious."""
        ann = self.gold.get("annotation") or {}
        if ann.get("scope") != "partial":
            return True
        return path[0] in set(ann.get("fields") or [])

    def run(self) -> DocScore:
        for name, path, score in SCALAR_FIELDS + INFO_SCALARS:
            if self.scored(path):
                self.scalar(name, path, score)
        for name, path, key, score in LIST_FIELDS + INFO_LISTS:
            if self.scored(path):
                self.list_field(name, path, key, score)
        if self.scored(("directives",)):
            self.directives()
        if self.scored(("segments",)):
            self.segments()
        self.grounding()
        return self.result

    # --- scalars ------------------------------------------------------------
    def _pred_scalar_line(self, path: tuple[str, ...]) -> Optional[int]:
        container = get_path(self.pred, path[:-1]) if len(path) > 1 else None
        if isinstance(container, dict):
            part = get_path(container, ("parts", path[-1]))  # signature.parts.signer
            line = self.lines.of_item(part) if isinstance(part, dict) else None
            return line if line is not None else self.lines.of_item(container)
        return self.lines.of_item(self.pred.get(path[0] + "_evidence"))  # notice_kind

    def scalar(self, name: str, path: tuple[str, ...], score: Scorer) -> None:
        g = get_path(self.gold, path)
        p = get_path(self.pred, path)
        g = g if norm(g) else None
        p = p if norm(p) else None
        counts = Counts()
        self.result.counts[name] = counts
        if g is not None and p is not None and score(g, p) is not None:
            counts.tp = 1
            return
        if p is not None and any(score(o, p) is not None for o in _optional(self.gold, path, name)):
            return  # an accepted alternative: left out of the counts
        line = self._pred_scalar_line(path)
        if g is not None and p is not None:
            counts.fp = counts.fn = counts.wrong = 1
            self.error(name, "wrong", g, p, line)
        elif g is not None:
            counts.fn = 1
            self.error(name, "missed", g, None, None)
        elif p is not None:
            counts.fp = 1
            self.error(name, "spurious", None, p, line)

    # --- lists --------------------------------------------------------------
    def list_field(self, name: str, path: tuple[str, ...], key: str, score: Scorer) -> None:
        golds = [x for x in _as_list(get_path(self.gold, path)) if norm(_item_key(x, key))]
        optionals = [x for x in _optional(self.gold, path, name) if norm(_item_key(x, key))]
        # predictions without a key cannot match; citations without a number
        # are not annotated at all (gold README §2), so they are skipped too
        preds = [x for x in _as_list(get_path(self.pred, path)) if norm(_item_key(x, key))]

        def item_score(g, p):
            return score(_item_key(g, key), _item_key(p, key))

        m = match_list(golds, optionals, preds, item_score)
        self.result.counts[name] = m.counts
        for gi in m.missed:
            self.error(name, "missed", _item_key(golds[gi], key), None, None)
        for pi in m.spurious:
            self.error(name, "spurious", None, _item_key(preds[pi], key), self.lines.of_item(preds[pi]))
        if name == "recipients":
            self.recipient_attributes(golds, preds, m)

    def recipient_attributes(self, golds: list, preds: list, m: ListMatch) -> None:
        acc = Accuracy()
        for gi, pi, _ in m.pairs:
            g, p = golds[gi], preds[pi]
            if not (isinstance(g, dict) and isinstance(p, dict)):
                continue
            got = (norm(p.get("purpose")), p.get("channel") or "paper", bool(p.get("archive")))
            want = (norm(g.get("purpose")), g.get("channel") or "paper", bool(g.get("archive")))
            acc.total += 1
            if got == want:
                acc.correct += 1
            else:
                self.error(
                    "recipients.attributes", "wrong",
                    f"{g.get('value')} purpose={want[0] or None} channel={want[1]} archive={want[2]}",
                    f"{p.get('value')} purpose={got[0] or None} channel={got[1]} archive={got[2]}",
                    self.lines.of_item(p),
                )
        self.result.accuracies["recipients.attributes"] = acc

    # --- directives ---------------------------------------------------------
    def directives(self) -> None:
        golds = [d for d in _as_list(self.gold.get("directives")) if isinstance(d, dict)]
        optionals = [d for d in _as_list(self.gold.get("directives_optional")) if isinstance(d, dict)]
        preds = [d for d in _as_list(self.pred.get("directives")) if isinstance(d, dict)]

        def gold_line(d: dict) -> Optional[int]:
            lines = d.get("lines")
            return lines[0] if isinstance(lines, (list, tuple)) and lines else None

        def near(g: dict, p: dict) -> float:
            # equal scores (two items opening alike): prefer the one on the same line
            gl, pl = gold_line(g), self.lines.of_item(p)
            return abs(gl - pl) if gl is not None and pl is not None else 0

        m = match_list(golds, optionals, preds, directive_score, near)
        self.result.counts["directives"] = m.counts
        for gi in m.missed:
            g = golds[gi]
            self.error("directives", "missed", f"{g.get('path')} {g.get('starts')}", None, gold_line(g))
        for pi in m.spurious:
            p = preds[pi]
            self.error("directives", "spurious", None, f"{p.get('path')} {_short(p.get('text'))}",
                       self.lines.of_item(p))

        path_acc = Accuracy()
        responsible = Counts()
        deadlines = Counts()
        for gi, pi, _ in m.pairs:
            g, p = golds[gi], preds[pi]
            line = gold_line(g)
            path_acc.total += 1
            if _clean(g.get("path")) == _clean(p.get("path")):
                path_acc.correct += 1
            else:
                self.error("directives.path", "wrong", g.get("path"), p.get("path"), line,
                           _short(g.get("starts")))

            gold_r = [x for x in _as_list(g.get("responsible")) if norm(_item_key(x, "value"))]
            opt_r = [x for x in _as_list(g.get("responsible_optional")) if norm(_item_key(x, "value"))]
            pred_r = [x for x in _as_list(p.get("responsible")) if norm(_item_key(x, "value"))]
            rm = match_list(gold_r, opt_r, pred_r, _party_score)
            responsible.add(rm.counts)
            for k in rm.missed:
                self.error("directives.responsible", "missed", _item_key(gold_r[k], "value"), None,
                           line, f"directive {g.get('path')}")
            for k in rm.spurious:
                self.error("directives.responsible", "spurious", None, _item_key(pred_r[k], "value"),
                           self.lines.of_item(pred_r[k]) or line, f"directive {g.get('path')}")

            gold_d = [x for x in _as_list(g.get("deadlines")) if isinstance(x, dict)]
            opt_d = [x for x in _as_list(g.get("deadlines_optional")) if isinstance(x, dict)]
            pred_d = [x for x in _as_list(p.get("deadlines")) if isinstance(x, dict)]
            dm = match_list(gold_d, opt_d, pred_d, deadline_score)
            deadlines.add(dm.counts)
            for k in dm.missed:
                self.error("directives.deadlines", "missed", _deadline_str(gold_d[k]), None, line,
                           f"directive {g.get('path')}")
            for k in dm.spurious:
                self.error("directives.deadlines", "spurious", None, _deadline_str(pred_d[k]),
                           self.lines.of_item(pred_d[k]) or line, f"directive {g.get('path')}")

        self.result.accuracies["directives.path"] = path_acc
        self.result.counts["directives.responsible"] = responsible
        self.result.counts["directives.deadlines"] = deadlines

    # --- segments -----------------------------------------------------------
    def segments(self) -> None:
        acc = Accuracy()
        self.result.accuracies["segments"] = acc
        if self.source is None:
            return
        gold_kinds = _line_kinds(self.gold.get("segments"))
        pred_kinds = _line_kinds(self.pred.get("segments"))
        run: Optional[list] = None  # [first, last, gold kind, pred kind] of a wrong run
        for n, text in enumerate(self.source.split("\n"), start=1):
            if not text.strip():
                continue  # blank lines are not scored and do not break a run
            acc.total += 1
            gk, pk = gold_kinds.get(n), pred_kinds.get(n)
            if gk == pk:
                acc.correct += 1
                self._flush_segment_run(run)
                run = None
                continue
            if run and (run[2], run[3]) == (gk, pk):
                run[1] = n
            else:
                self._flush_segment_run(run)
                run = [n, n, gk, pk]
        self._flush_segment_run(run)

    def _flush_segment_run(self, run: Optional[list]) -> None:
        if run:
            self.error("segments", "wrong", run[2], run[3], run[0], f"lines {run[0]}-{run[1]}")

    # --- grounding ----------------------------------------------------------
    def grounding(self) -> None:
        acc = Accuracy()
        self.result.accuracies["grounding"] = acc
        if self.source is None:
            return
        for text, span, where in _spans(self.pred):
            acc.total += 1
            if text is None:  # a person's mention: a span without text
                ok = _valid_span(span, self.source)
            else:
                ok = _valid_span(span, self.source) and self.source[span[0]:span[1]] == text
            if ok:
                acc.correct += 1
            else:
                actual = self.source[span[0]:span[1]] if _valid_span(span, self.source) else None
                self.error("grounding", "ungrounded", _short(actual), _short(text),
                           self.lines.of_span(span), f"{where} span={list(span) if isinstance(span, (list, tuple)) else span}")


def _short(s: Any, n: int = 80) -> Optional[str]:
    if s is None:
        return None
    s = str(s).replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def _deadline_str(d: dict) -> str:
    kind, start, end, rec = deadline_key(d)
    return f"{kind} {start}..{end}" + (f" {rec}" if rec else "") + (f" ({d.get('text')})" if d.get("text") else "")


def _line_kinds(segments: Any) -> dict[int, str]:
    """Line number -> segment kind; the first segment covering a line wins."""
    kinds: dict[int, str] = {}
    for seg in _as_list(segments):
        lines = seg.get("lines") if isinstance(seg, dict) else None
        if not (isinstance(lines, (list, tuple)) and len(lines) == 2):
            continue
        try:
            first, last = int(lines[0]), int(lines[1])
        except (TypeError, ValueError):
            continue
        for n in range(first, last + 1):
            kinds.setdefault(n, seg.get("kind"))
    return kinds


def _spans(obj: Any, where: str = "") -> Iterable[tuple[Optional[str], Any, str]]:
    """Every (text, span, location) in a record: dicts with both ``text`` and
    ``span`` set, and the text-less ``mentions`` of persons."""
    if isinstance(obj, dict):
        if obj.get("text") is not None and obj.get("span") is not None:
            yield obj["text"], obj["span"], where or "."
        for key, value in obj.items():
            if key == "mentions" and isinstance(value, list):
                for k, span in enumerate(value):
                    yield None, span, f"{where}.mentions[{k}]"
            elif isinstance(value, (dict, list)):
                yield from _spans(value, f"{where}.{key}")
    elif isinstance(obj, list):
        for k, value in enumerate(obj):
            yield from _spans(value, f"{where}[{k}]")


def score_document(gold: dict, pred: Optional[dict], source_text: Optional[str] = None) -> DocScore:
    """Score one predicted record against its gold. ``pred=None`` (no record)
    counts every gold item as missed. Without ``source_text`` segments and
    grounding are not scored and predicted items carry no line numbers
    (except directives and segments, which have their own ``lines``)."""
    return _DocScorer(gold, pred or {}, source_text).run()


# --------------------------------------------------------------------------
# Corpus scoring
# --------------------------------------------------------------------------


@dataclass
class CorpusScore:
    docs: list[DocScore] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, Counts]:
        """Micro counts: summed over documents."""
        total: dict[str, Counts] = {}
        for doc in self.docs:
            for name, c in doc.counts.items():
                total.setdefault(name, Counts()).add(c)
        return total

    @property
    def accuracies(self) -> dict[str, Accuracy]:
        total: dict[str, Accuracy] = {}
        for doc in self.docs:
            for name, a in doc.accuracies.items():
                total.setdefault(name, Accuracy()).add(a)
        return total

    @property
    def headline(self) -> Optional[float]:
        return _headline(self.counts)

    def table(self) -> list[dict]:
        return _rows(self.counts, self.accuracies)

    @property
    def errors(self) -> dict[str, list[ErrorItem]]:
        return {doc.doc_id: doc.errors for doc in self.docs}

    def to_dict(self, errors: bool = True) -> dict:
        out = {
            "headline": self.headline,
            "fields": self.table(),
            "documents": [
                {"doc_id": d.doc_id, "headline": d.headline, "warnings": d.warnings,
                 "errors": len(d.errors)}
                for d in self.docs
            ],
            "warnings": self.warnings,
        }
        if errors:
            out["errors"] = {k: [e.to_dict() for e in v] for k, v in self.errors.items()}
        return out


def score_corpus(pairs: Iterable[tuple]) -> CorpusScore:
    """Score ``(gold, pred)`` or ``(gold, pred, source_text)`` tuples.

    A ``pred`` of ``None`` is a document the predictions lack: all of its gold
    items count as missed, with a warning."""
    result = CorpusScore()
    for item in pairs:
        gold, pred = item[0], item[1]
        source_text = item[2] if len(item) > 2 else None
        doc = score_document(gold, pred, source_text)
        if pred is None:
            msg = f"{doc.doc_id}: no prediction; every gold item counts as missed"
            doc.warnings.append(msg)
            result.warnings.append(msg)
        result.docs.append(doc)
    return result
