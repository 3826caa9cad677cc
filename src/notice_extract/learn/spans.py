"""A statistical span recogniser for parties and persons (issue: statistical extractors).

Three parts: derivation of training spans from gold, a small spaCy NER model
(train / cross-validate), and the runtime ``recognise`` plus the combination
with the rule grammar used by ``extract/directives.py``.

Derivation (``derive``)
-----------------------
Gold files hold values only, so character spans are found by aligning each gold
value to the text of the place it was annotated from:

* ``directives[*].responsible`` (non-inherited parties only) → the directive's
  own text: gold ``lines`` of the item, label stripped (``labels.match_label``);
* ``meeting.chaired_by`` / ``counterparts`` / ``attendees`` → the opening
  segment (gold ``segments``), then the header;
* ``target_units`` → header, opening, closing, then the requirements lead-in
  (the requirements lines before the first directive);
* ``persons`` (by ``name``) → every exact occurrence in any of those regions
  (label ``PERSON``).

Both sides are normalised as the scorer does (``notice_extract.scoring.norm``:
NFC, tone placement, case folding, abbreviation expansion) *token by token*:
the text is cut into word tokens (the tokenizer of ``extract/parties.py``), each
token is normalised and split into words, each word remembering the character
range of the printed token it came from (so ``UBND`` gives four words
``ủy ban nhân dân`` that all map to the printed ``UBND``). A value is aligned,
in this order, by

1. ``exact``: its normalised words occur contiguously → the printed tokens
   from the first to the last matched word (first occurrence in the region);
2. ``composed``: a value built from a conjunct plus a shared trailing locality
   or complement (``Đảng uỷ, UBND xã Lan Giới`` → ``UBND xã Lan Giới``): the
   longest proper prefix of its words that occurs contiguously and is followed,
   within 30 words, by the remaining words → the span covers only the prefix,
   the conjunct's own printed words (``UBND``), as the rule grammar grounds it;
3. ``fuzzy``: a window of n−1..n+1 words whose normalised text has
   ``fuzz.ratio >= 85`` with the value (typos, dropped parentheses).

What does not align is counted and listed in the stats (``unaligned``), never
guessed. Labels come from the gold ``kind``: ``unit``→``UNIT``,
``group``→``GROUP``, ``position``→``POSITION``, ``person``→``PERSON``.

Training examples are the regions themselves (one per directive, one per line
range of header / opening / closing / lead-in), with the aligned spans as
entities and every other token ``O`` — except the tokens of aligned
``*_optional`` parties, which are left *missing* (``-``) so the model is neither
taught to find nor to skip what a reader could fairly read either way. In
directive regions only the item's own responsible parties are entities: the
model learns "the subject that must act", not any mention of a body.

Model
-----
``spacy.blank("vi")`` with the syllable tokenizer (``use_pyvi = false``: no
word segmentation, ~0 cost), and a ``ner`` pipe over a small ``HashEmbedCNN``
(width 64, depth 2, embed 1000–2000 rows: NORM, PREFIX, SUFFIX, SHAPE). Docs are
built from the parties tokenizer (``\\w+`` words keeping inner ``/&.-``, every
other character one token), so punctuation never glues to a syllable and
entity boundaries are always token boundaries. Training is deterministic:
fixed seed (``spacy.util.fix_random_seed``), fixed example order shuffled by a
seeded ``random.Random``, fixed number of epochs. No vectors, no downloads.

Runtime and combination
-----------------------
``recognise`` and ``combine_responsible`` (the modes ``refine``, ``fallback``,
``refine+fallback``, ``model``, ``off``) live in ``apply/spans.py``, which the
pipeline uses; the mode in force is ``apply.config`` (``models/shipped.json``).
Which one ships is decided from the grouped CV table (``decide``; ``models/README.md``).

Cross-validation runs the pipeline: its extraction function is handed in by the
caller (``cross_validate(..., extract=pipeline.extract_text)``, done by
``notice-extract train``); nothing in ``learn/`` imports the pipeline.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from rapidfuzz import fuzz

from ..scoring import PARTY_RATIO, match_list, norm, ratio_score
from ..textmap import Doc, build_doc, clean_value
from .data import Pair, load_pairs

from ..apply.spans import (  # the run-time side
    KIND_TO_LABEL,
    LABELS,
    MODEL_NAME,
    REFINE_METHOD,
    _default_dir,
    _make_doc,
    override,
    recognise,
    tokens,
)



# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def _full(pairs) -> list:
    """Fully annotated pairs only: ``annotation.scope: partial`` files carry no parties."""
    return [p for p in pairs if not p.partial]


def load_full_pairs() -> list:
    """Every fully annotated gold file present now (``learn/data.py``)."""
    return _full(load_pairs(need=None, quiet=True))


# ---------------------------------------------------------------------------
# Alignment
# ---------------------------------------------------------------------------


def _norm_words(text: str, toks: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    out = []
    for s, e in toks:
        n = norm(text[s:e])
        for w in n.split():
            w = w.strip(",.;:()[]{}\"'“”-–—")
            if w:
                out.append((w, s, e))
    return out


def _value_words(value: str) -> list[str]:
    return [w for w, _, _ in _norm_words(value, tokens(value, 0, len(value)))]


@dataclass
class Aligned:
    start: int
    end: int
    how: str  # exact | composed | fuzzy


def align(text: str, region: tuple[int, int], value: str, *, all_exact: bool = False) -> list[Aligned]:
    """Align a gold value inside ``text[region]`` (see module doc)."""
    vw = _value_words(value)
    if not vw:
        return []
    words = _norm_words(text, tokens(text, *region))
    ws = [w for w, _, _ in words]
    n = len(vw)
    hits = [i for i in range(len(ws) - n + 1) if ws[i : i + n] == vw]
    if hits:
        out = []
        for i in hits if all_exact else hits[:1]:
            a, b = words[i][1], words[i + n - 1][2]
            if not any(o.start < b and a < o.end for o in out):
                out.append(Aligned(a, b, "exact"))
        return out
    # composed: own words + a shared tail printed later
    for k in range(n - 1, 0, -1):
        head, tail = vw[:k], vw[k:]
        for i in range(len(ws) - k + 1):
            if ws[i : i + k] != head:
                continue
            j0 = i + k
            for j in range(j0, min(len(ws) - len(tail) + 1, j0 + 30)):
                if ws[j : j + len(tail)] == tail:
                    return [Aligned(words[i][1], words[i + k - 1][2], "composed")]
    # fuzzy
    target = " ".join(vw)
    best, best_score = None, float(PARTY_RATIO) - 1e-9
    for m in (n - 1, n, n + 1):
        if m < 1:
            continue
        for i in range(len(ws) - m + 1):
            sc = fuzz.ratio(" ".join(ws[i : i + m]), target)
            if sc > best_score:
                best, best_score = (words[i][1], words[i + m - 1][2]), sc
    return [Aligned(best[0], best[1], "fuzzy")] if best else []


@dataclass
class Example:
    doc_id: str
    kind: str  # directive | header | opening | closing | leadin
    start: int  # working-text region
    end: int
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    missing: list[tuple[int, int]] = field(default_factory=list)  # optional parties: no supervision


@dataclass
class Derived:
    doc: Doc
    examples: list[Example]
    aligned: dict  # how -> count
    unaligned: list[tuple[str, str, str]]  # (doc_id, field, value)
    total: int = 0
    by_field: dict = field(default_factory=dict)  # field -> [aligned, unaligned]


def _seg_regions(doc: Doc, gold: dict, kind: str) -> list[tuple[int, int]]:
    out = []
    for s in gold.get("segments") or []:
        if s.get("kind") == kind and s.get("lines"):
            a, b = s["lines"]
            out.append(_lines_region(doc, a, b))
    return out


def _lines_region(doc: Doc, first: int, last: int) -> tuple[int, int]:
    first = max(1, min(first, len(doc.lines)))
    last = max(first, min(last, len(doc.lines)))
    return doc.line_starts[first - 1], doc.line_starts[last - 1] + len(doc.lines[last - 1])


def _item_region(doc: Doc, d: dict, starts: list[int] = ()) -> Optional[tuple[int, int]]:
    """The item's own text: its gold ``lines``, label stripped, cut before the
    first line where another directive (a child) starts."""
    from ..labels import match_label

    lines = d.get("lines")
    if not lines:
        return None
    last = min([n - 1 for n in starts if lines[0] < n <= lines[-1]] + [lines[-1]])
    a, b = _lines_region(doc, lines[0], last)
    first = doc.lines[lines[0] - 1]
    lab = match_label(first)
    a += lab.end if lab else len(first) - len(first.lstrip())
    return (a, b) if b > a else None


def _add(ex: Example, a: int, b: int, label: str) -> None:
    if any(s < b and a < e for s, e, _ in ex.ents):
        return  # first come, first kept: spaCy needs non-overlapping entities
    ex.ents.append((a, b, label))


def derive(pair: Pair) -> Derived:
    """Training examples and alignment stats of one fully annotated notice."""
    doc = build_doc(pair.text)
    text, g = doc.text, pair.gold
    stats: dict[str, int] = {"exact": 0, "composed": 0, "fuzzy": 0}
    unaligned: list[tuple[str, str, str]] = []
    total = 0
    examples: list[Example] = []

    by_field: dict[str, list[int]] = {}

    def note(field_name: str, value: str, got: list[Aligned]) -> None:
        nonlocal total
        total += 1
        by_field.setdefault(field_name, [0, 0])[0 if got else 1] += 1
        if got:
            stats[got[0].how] += 1
        else:
            unaligned.append((pair.doc_id, field_name, value))

    person_names = [p.get("name") for p in g.get("persons") or [] if p.get("name")]

    # directives
    dir_lines: list[int] = []
    dstarts = [d["lines"][0] for d in g.get("directives") or [] if d.get("lines")]
    for d in g.get("directives") or []:
        reg = _item_region(doc, d, dstarts)
        if reg is None:
            continue
        dir_lines.append(d["lines"][0])
        ex = Example(pair.doc_id, "directive", *reg)
        for p in d.get("responsible") or []:
            if p.get("inherited") or not p.get("value"):
                continue
            got = align(text, reg, p["value"])
            note("directives.responsible", p["value"], got)
            if got:
                _add(ex, got[0].start, got[0].end, KIND_TO_LABEL.get(p.get("kind"), "UNIT"))
        for p in d.get("responsible_optional") or []:
            if p.get("inherited") or not p.get("value"):
                continue
            for al in align(text, reg, p["value"]):
                if not any(s < al.end and al.start < e for s, e, _ in ex.ents):
                    ex.missing.append((al.start, al.end))
        for name in person_names:
            for al in align(text, reg, name, all_exact=True):
                if al.how == "exact":
                    _add(ex, al.start, al.end, "PERSON")
        examples.append(ex)

    # header / opening / closing / lead-in
    regions: dict[str, list[tuple[int, int]]] = {
        k: _seg_regions(doc, g, k) for k in ("header", "opening", "closing")
    }
    req = _seg_regions(doc, g, "requirements")
    if req and dir_lines:
        first_dir = min(dir_lines)
        a = req[0][0]
        b = doc.line_starts[first_dir - 1] - 1
        regions["leadin"] = [(a, b)] if b > a else []
    else:
        regions["leadin"] = []
    exs = {k: [Example(pair.doc_id, k, a, b) for a, b in v] for k, v in regions.items()}

    def place(field_name: str, p: dict, order: list[str], optional: bool = False) -> None:
        value = p.get("value")
        if not value:
            return
        for k in order:
            for ex in exs[k]:
                got = align(text, (ex.start, ex.end), value, all_exact=True)
                if got:
                    if not optional:
                        note(field_name, value, got)
                        for al in got:
                            _add(ex, al.start, al.end, KIND_TO_LABEL.get(p.get("kind"), "UNIT"))
                    else:
                        for al in got:
                            if not any(s < al.end and al.start < e for s, e, _ in ex.ents):
                                ex.missing.append((al.start, al.end))
                    return
        if not optional:
            note(field_name, value, [])

    m = g.get("meeting") or {}
    for role in ("chaired_by", "counterparts", "attendees"):
        for p in m.get(role) or []:
            place(f"meeting.{role}", p, ["opening", "header"])
    for p in g.get("target_units") or []:
        place("target_units", p, ["header", "opening", "closing", "leadin"])
    for role in ("chaired_by", "counterparts", "attendees"):
        for p in m.get(role + "_optional") or []:
            place(f"meeting.{role}", p, ["opening", "header"], optional=True)
    for p in g.get("target_units_optional") or []:
        place("target_units", p, ["header", "opening", "closing", "leadin"], optional=True)
    # persons: every exact mention in the examples; counted once per person
    all_ex = examples + [e for v in exs.values() for e in v]
    for name in person_names:
        found = False
        for ex in all_ex:
            for al in align(text, (ex.start, ex.end), name, all_exact=True):
                if al.how == "exact":
                    found = True
                    if ex.kind != "directive":
                        _add(ex, al.start, al.end, "PERSON")
        if not found and align(text, (0, len(text)), name):
            note("persons (signature only, not trained on)", name, [Aligned(0, 0, "exact")])
            continue
        note("persons", name, [Aligned(0, 0, "exact")] if found else [])
    examples.extend(e for v in exs.values() for e in v)
    for ex in examples:
        ex.ents.sort()
        ex.missing = [(a, b) for a, b in ex.missing if not any(s < b and a < e for s, e, _ in ex.ents)]
    return Derived(doc, examples, stats, unaligned, total, by_field)


def alignment_stats(pairs: Iterable[Pair]) -> dict:
    agg = {"exact": 0, "composed": 0, "fuzzy": 0, "unaligned": 0, "total": 0, "by_field": {}, "unaligned_items": []}
    for p in pairs:
        d = derive(p)
        for k, v in d.aligned.items():
            agg[k] += v
        agg["unaligned"] += len(d.unaligned)
        agg["total"] += d.total
        agg["unaligned_items"].extend(d.unaligned)
        for f, (a, u) in d.by_field.items():
            x = agg["by_field"].setdefault(f, {"aligned": 0, "unaligned": 0})
            x["aligned"] += a
            x["unaligned"] += u
    agg["aligned"] = agg["exact"] + agg["composed"] + agg["fuzzy"]
    return agg


# ---------------------------------------------------------------------------
# spaCy model
# ---------------------------------------------------------------------------


def _blank():
    import spacy

    # syllable tokenisation: no pyvi word segmentation (it costs ~30 ms/doc)
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


NER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": 64,
        "depth": 2,
        "embed_size": 2000,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    },
}


def _example(nlp, text: str, ex: Example):
    from spacy.training import Example as SExample
    from spacy.training import offsets_to_biluo_tags

    sdoc, toks = _make_doc(nlp, text, ex.start, ex.end)
    if not toks:
        return None
    # absolute char offsets -> token indices -> offsets in the spaCy doc
    def tok_range(a: int, b: int) -> Optional[tuple[int, int]]:
        i = next((k for k, (s, e) in enumerate(toks) if s >= a), None)
        j = next((k for k in range(len(toks) - 1, -1, -1) if toks[k][1] <= b), None)
        if i is None or j is None or j < i:
            return None
        return i, j + 1

    ents = []
    for a, b, label in ex.ents:
        r = tok_range(a, b)
        if r:
            ents.append((sdoc[r[0]].idx, sdoc[r[1] - 1].idx + len(sdoc[r[1] - 1]), label))
    tags = offsets_to_biluo_tags(sdoc, ents, missing="O")
    for a, b in ex.missing:
        r = tok_range(a, b)
        if r:
            for k in range(*r):
                if tags[k] == "O":
                    tags[k] = "-"
    pred = _make_doc(nlp, text, ex.start, ex.end)[0]
    return SExample.from_dict(pred, {"entities": tags})


def build_examples(nlp, derived: list[Derived]):
    out = []
    for d in derived:
        for ex in d.examples:
            e = _example(nlp, d.doc.text, ex)
            if e is not None:
                out.append(e)
    return out


EPOCHS = 40  # 12 left the model underfit (training-span F1 < 0.1); see models/README.md


def _fit(derived: list[Derived], seed: int, epochs: int = EPOCHS, on_epoch=None):
    """Train the NER pipe; ``on_epoch(n, nlp)`` is called after each epoch
    (snapshots for tuning the number of epochs: a run of n epochs is the
    prefix of a longer run with the same seed)."""
    import spacy
    from spacy.util import minibatch

    spacy.util.fix_random_seed(seed)
    nlp = _blank()
    ner = nlp.add_pipe("ner", config={"model": NER_MODEL})
    for lab in LABELS:
        ner.add_label(lab)
    examples = build_examples(nlp, derived)
    optimizer = nlp.initialize(lambda: examples, sgd=None)
    rng = random.Random(seed)
    order = list(range(len(examples)))
    losses_hist = []
    for _ in range(epochs):
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch([examples[i] for i in order], size=16):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        losses_hist.append(round(float(losses.get("ner", 0.0)), 3))
        if on_epoch is not None:
            on_epoch(len(losses_hist), nlp)
    return nlp, {"examples": len(examples), "epochs": epochs, "loss": losses_hist}


def train_model(pairs: list[Pair] | None = None, out_dir: Path | str | None = None, seed: int = 0,
                *, label_precision: dict | None = None, cv: dict | None = None,
                clauses: list[dict] | None = None, epochs: int = EPOCHS) -> dict:
    """Train on every fully annotated pair and save to ``out_dir``
    (default ``models/spans``). Returns training stats."""
    if pairs is None:
        pairs = load_full_pairs()
    pairs = _full(pairs)
    t0 = time.perf_counter()
    derived = [derive(p) for p in pairs]
    if clauses:  # clause gold (``learn/clausecv.py``): one example per clause
        from .clausecv import derive_clause

        derived += [derive_clause(c) for c in clauses]
    nlp, stats = _fit(derived, seed, epochs=epochs)
    stats.update(docs=len(pairs), doc_ids=[p.doc_id for p in pairs], seed=seed, clauses=len(clauses or []),
                 seconds=round(time.perf_counter() - t0, 1))
    ents = [label for d in derived for ex in d.examples for _, _, label in ex.ents]
    stats["entities"] = {lab: ents.count(lab) for lab in LABELS}
    al = alignment_stats(pairs)
    stats["alignment"] = {k: al[k] for k in ("total", "aligned", "exact", "composed", "fuzzy", "unaligned")}
    if True:
        # ``learn/train.py`` passes the models folder: the model goes to its ``spans/``
        out = Path(out_dir) if out_dir else _default_dir()
        if out.name != MODEL_NAME:
            out = out / MODEL_NAME
        if label_precision is None:  # ``learn/train.py --cv`` wrote the CV next to the models
            cvp = out.parent / f"cv_{MODEL_NAME}.json"
            if cvp.exists():
                saved = json.loads(cvp.read_text(encoding="utf-8"))
                label_precision = saved.get("label_precision")
                cv = cv or {"detail": saved.get("detail"), "docs": saved.get("docs")}
        out.mkdir(parents=True, exist_ok=True)
        nlp.meta["name"] = "notice_extract_spans"
        nlp.meta["version"] = "0.1.0"
        nlp.meta["notice_extract"] = {
            "labels": list(LABELS),
            "label_precision": label_precision or {},
            "train": {k: v for k, v in stats.items() if k not in ("loss", "seconds")},  # byte-identical retrains
            "cv": cv or {},
        }
        nlp.to_disk(out)
        stats["out_dir"] = str(out)
        stats["size_bytes"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return stats


# ---------------------------------------------------------------------------
# Cross-validation
# ---------------------------------------------------------------------------


def _meeting_pool(m: Any) -> list:
    if not isinstance(m, dict):
        return []
    return [p for r in ("chaired_by", "counterparts", "attendees") for p in (m.get(r) or [])]


def _meeting_optional(m: Any) -> list:
    if not isinstance(m, dict):
        return []
    return [p for r in ("chaired_by", "counterparts", "attendees") for p in (m.get(r + "_optional") or [])]


def _counts(golds, opts, preds) -> tuple[int, int, int]:
    def sc(g, p):
        return ratio_score(g.get("value"), p.get("value"))

    golds = [x for x in golds if norm(x.get("value"))]
    opts = [x for x in opts if norm(x.get("value"))]
    preds = [x for x in preds if norm(x.get("value"))]
    c = match_list(golds, opts, preds, sc).counts
    return c.tp, c.fp, c.fn


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return {"P": p, "R": r, "F1": f, "tp": tp, "fp": fp, "fn": fn}


# systems compared in CV: name -> combination mode of the pipeline
SYSTEMS = {"rules": "off", "model": "model", "fallback": "fallback", "refine": "refine",
           "refine+fallback": "refine+fallback"}


def evaluate_doc(pair: Pair, nlp, label_precision: dict | None = None, *, extract) -> dict:
    """Counts for one held-out document under every system of ``SYSTEMS``.

    ``directives.responsible``: the pipeline's records in each mode. Meeting
    parties (chaired_by + counterparts + attendees pooled, roles ignored): the
    records in each mode (no mode lets the model touch the meeting), plus
    ``meeting/model`` = model spans over the predicted opening and
    ``meeting/union`` = rules plus the model spans that overlap no rule party
    (what a model-for-meetings combination would give). ``extract(text, doc_id)``
    is the pipeline's ``extract_text``."""
    from ..scoring import score_document
    from . import cvscore

    out: dict = {}
    recs = {}
    gm = pair.gold.get("meeting")
    golds, opts = _meeting_pool(gm), _meeting_optional(gm)
    for name, mode in SYSTEMS.items():
        with override(nlp, mode, label_precision):
            rec = json.loads(extract(pair.text, pair.doc_id).model_dump_json())
        recs[name] = rec
        c = score_document(pair.gold, rec, pair.text).counts.get("directives.responsible")
        out[("directives.responsible", name)] = (c.tp, c.fp, c.fn) if c else (0, 0, 0)
        for f, counts in cvscore.record_counts(pair.gold, pair.text, rec).items():
            if f != "directives.responsible":
                out[(f, name)] = counts
        if mode != "model":
            out[("meeting", name)] = _counts(golds, opts, _meeting_pool(rec.get("meeting")))
    # how often refinement fired, and how often the lengthened value is a gold value
    refined = [q for d in recs["refine"].get("directives") or [] for q in d.get("responsible") or []
               if q.get("method") == REFINE_METHOD and not q.get("inherited")]
    gold_vals = {norm(q.get("value")) for d in pair.gold.get("directives") or []
                 for k in ("responsible", "responsible_optional") for q in d.get(k) or []}
    right = sum(norm(q["value"]) in gold_vals for q in refined)
    out[("refinements", "refine")] = (right, len(refined) - right, 0)  # P = share of lengthened values in gold
    rule_parties = _meeting_pool(recs["rules"].get("meeting"))
    doc = build_doc(pair.text)
    opening = [s for s in recs["rules"].get("segments") or [] if s.get("kind") == "opening"]
    model_parties = []
    if opening:
        ranges = []
        for s in opening:
            a, b = s["lines"]
            ranges.append(_lines_region(doc, a, b))
        with override(nlp, None, label_precision):
            found = recognise(doc, ranges)
        for spans in found:
            for a, b, lab, sc in spans:
                txt, span = doc.ground(a, b)
                model_parties.append({"value": clean_value(doc.text[a:b]), "span": list(span), "label": lab})
    rule_spans = [tuple(p["span"]) for p in rule_parties if p.get("span")]
    union = list(rule_parties) + [
        p for p in model_parties if not any(s < p["span"][1] and p["span"][0] < e for s, e in rule_spans)
    ]
    out[("meeting", "model")] = _counts(golds, opts, model_parties)
    out[("meeting", "union")] = _counts(golds, opts, union)
    return out


EPOCH_GRID = (12, 20, 30, 40)


def _span_counts(nlp, derived: list[Derived]) -> tuple[int, int, int]:
    """Exact-span (start, end, label) matches of the model on examples:
    correct, predicted, gold (optional parties' tokens excluded)."""
    c = n = g = 0
    for d in derived:
        for ex in d.examples:
            sdoc, toks = _make_doc(nlp, d.doc.text, ex.start, ex.end)
            if not toks:
                continue
            pred = set()
            for ent in nlp(sdoc).ents:
                a, b = toks[ent.start][0], toks[ent.end - 1][1]
                if not any(s < b and a < e for s, e in ex.missing):
                    pred.add((a, b, ent.label_))
            gold = set(ex.ents)
            c, n, g = c + len(pred & gold), n + len(pred), g + len(gold)
    return c, n, g


def tune_epochs(train: list[Pair], seed: int, grid: tuple = EPOCH_GRID, *, extract) -> tuple[int, dict]:
    """Choose the number of epochs on the training documents only: every
    fourth of them (by position) is held out, one run of ``max(grid)`` epochs
    on the others is scored after each epoch of ``grid`` by the ``refine``
    pipeline's responsible F1 on the held-out part, ties broken by the model's
    exact-span F1 there, then by fewer epochs."""
    from ..scoring import score_document

    inner_test = [p for i, p in enumerate(train) if i % 4 == 0]
    inner_train = [derive(p) for i, p in enumerate(train) if i % 4 != 0]
    test_derived = [derive(p) for p in inner_test]
    scores: dict = {}

    def on_epoch(n, nlp):
        if n not in grid:
            return
        tp = fp = fn = 0
        with override(nlp, "refine"):
            for p in inner_test:
                rec = json.loads(extract(p.text, p.doc_id).model_dump_json())
                c = score_document(p.gold, rec, p.text).counts.get("directives.responsible")
                if c:
                    tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
        c, npred, g = _span_counts(nlp, test_derived)
        f_resp = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        f_span = 2 * c / (npred + g) if npred + g else 0.0
        scores[n] = (round(f_resp, 4), round(f_span, 4))

    _fit(inner_train, seed, epochs=max(grid), on_epoch=on_epoch)
    best = max(grid, key=lambda n: (scores[n][0], scores[n][1], -n))
    return best, {str(n): list(v) for n, v in scores.items()}


def _fold(args) -> list[tuple]:
    """One leave-one-family-out fold: train on the other families' notices, score
    each held-out notice."""
    pairs, held_idx, seed, epochs, extract, *more = args
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    held_set = set(held_idx)
    rest = [p for i, p in enumerate(pairs) if i not in held_set]
    extra: list[Derived] = []
    if more and more[0]:  # clause gold, except the clauses of the held-out family's own issuers
        from .clausecv import derive_clause, family_of_group

        clauses, fams = more[0], more[1]
        held_fams = {fams.get(pairs[i].doc_id) for i in held_idx}
        extra = [derive_clause(c) for c in clauses if family_of_group(c["group"]) not in held_fams]
    tuning = None
    if epochs == "tune":  # nested: the number of epochs is chosen without the held-out family
        epochs, grid_scores = tune_epochs(rest, seed, extract=extract)
        tuning = {"epochs": epochs, "inner": grid_scores}
    nlp, _ = _fit([derive(p) for p in rest] + extra, seed, epochs=epochs)
    out = []
    for k in held_idx:
        res, labs = fold_scores(pairs[k], nlp, extract)
        out.append((pairs[k].doc_id, res, labs, tuning))
    return out


def fold_scores(held: Pair, nlp, extract) -> tuple[dict, dict]:
    """``evaluate_doc`` of a held-out pair, plus the model's per-label span
    precision on its examples (correct, predicted)."""
    d = derive(held)
    lab_counts = {lab: [0, 0] for lab in LABELS}  # correct, predicted
    for ex in d.examples:
        sdoc, toks = _make_doc(nlp, d.doc.text, ex.start, ex.end)
        if not toks:
            continue
        pred = nlp(sdoc)
        gold = {(a, b, lab) for a, b, lab in ex.ents}
        for ent in pred.ents:
            a, b = toks[ent.start][0], toks[ent.end - 1][1]
            if any(s < b and a < e for s, e in ex.missing):
                continue
            lab_counts[ent.label_][1] += 1
            if (a, b, ent.label_) in gold:
                lab_counts[ent.label_][0] += 1
    return evaluate_doc(held, nlp, extract=extract), lab_counts


def cross_validate(pairs: list[Pair] | None = None, seed: int = 0, *, extract, families: dict[str, str] | None = None,
                   workers: int | None = None, epochs: int | str = EPOCHS, clauses: list[dict] | None = None) -> dict:
    """Leave one issuer family out (``learn/families.py``; without ``families``,
    one document per fold) over the fully annotated notices: per field family
    (``directives.responsible``, ``meeting`` parties pooled, and the pipeline's
    ``segments`` / ``directives``) the scores of every system in ``SYSTEMS``;
    plus the model's per-label span precision and the precision of
    refinements. ``extract`` is the pipeline's ``extract_text``.
    ``epochs="tune"``: each fold chooses its number of epochs on its own
    training documents (``tune_epochs``; ~6x slower). ``clauses``: clause
    gold added to every fold's training (``learn/clausecv.py``), but for the
    clauses of the held-out family's own issuers."""
    from .families import folds as family_folds

    if pairs is None:
        pairs = load_full_pairs()
    pairs = sorted(_full(pairs), key=lambda p: p.doc_id)
    ids = [p.doc_id for p in pairs]
    fams = families or {d: d for d in ids}
    groups = family_folds(ids, fams)
    args = [(pairs, idx, seed, epochs, extract, clauses, fams) for _, idx in groups]
    workers = workers or min(len(args), os.cpu_count() or 1)
    if workers > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_fold, args, chunksize=1)
    else:
        results = [_fold(a) for a in args]
    out = aggregate(pairs, [r for fold in results for r in fold], seed, epochs)
    out["grouping"] = "issuer family (leave one family out)" if families else "document"
    out["clauses"] = len(clauses or [])
    out["folds"] = {f: [ids[i] for i in idx] for f, idx in groups}
    return out


def aggregate(pairs: list[Pair], results: list[tuple], seed: int, epochs) -> dict:
    """The CV report from per-fold ``(doc_id, counts, label_counts[, tuning])``."""
    table: dict = {}
    per_doc: dict = {}
    lab_tot = {lab: [0, 0] for lab in LABELS}
    tuning = {}
    for doc_id, res, labs, *tun in results:
        per_doc[doc_id] = {f"{f}/{m}": v for (f, m), v in res.items()}
        if tun and tun[0]:
            tuning[doc_id] = tun[0]
        for key, (tp, fp, fn) in res.items():
            t = table.setdefault(key, [0, 0, 0])
            t[0] += tp
            t[1] += fp
            t[2] += fn
        for lab, (c, n) in labs.items():
            lab_tot[lab][0] += c
            lab_tot[lab][1] += n
    order = {f: i for i, f in enumerate(("segments", "directives", "directives.responsible", "meeting", "refinements"))}
    sysorder = {m: i for i, m in enumerate(list(SYSTEMS) + ["union"])}
    keys = sorted(table, key=lambda k: (order.get(k[0], 9), sysorder.get(k[1], 9)))
    detail = {f"{f}/{m}": _prf(*table[(f, m)]) for f, m in keys}
    from . import cvscore

    pipeline = {f: {m: (round(cvscore.value(f, *table[(f, m)]), 4) if (f, m) in table
                        and cvscore.value(f, *table[(f, m)]) is not None else None) for m in SYSTEMS}
                for f in cvscore.FIELDS}
    rows = [{"field": "pipeline: segments (line accuracy)", **pipeline["segments"]},
            {"field": "pipeline: directives F1", **pipeline["directives"]}]
    for fam in ("directives.responsible", "meeting"):
        for meas in ("P", "R", "F1"):
            rows.append({"field": f"{fam} {meas}",
                         **{m: detail.get(f"{fam}/{m}", {}).get(meas) for m in SYSTEMS}})
    label_precision = {lab: round(c / n, 3) if n else None for lab, (c, n) in lab_tot.items()}
    rp = detail.get("refinements/refine", {})  # smoothed: (right + 1) / (made + 2)
    label_precision["REFINE"] = round((rp.get("tp", 0) + 1) / (rp.get("tp", 0) + rp.get("fp", 0) + 2), 3)
    return {
        "docs": [p.doc_id for p in pairs],
        "seed": seed,
        "epochs": epochs,
        "tuning": tuning,
        "table": rows,
        "pipeline": pipeline,
        "detail": detail,
        "decision": decide(detail, pipeline),
        "label_precision": label_precision,
        "label_counts": {lab: {"correct": c, "predicted": n} for lab, (c, n) in lab_tot.items()},
        "per_doc": per_doc,
    }


def decide(detail: dict, pipeline: dict | None = None) -> dict:
    """Which mode CV supports on quality: the first of ``refine``,
    ``refine+fallback``, ``fallback`` that is at least as good as the rules on
    segments, directives and responsible parties, better on one of them
    (``cvscore.beats_rules``), and not worse on meeting parties; else ``off``.
    What ships also needs the speed floor: ``models/shipped.json``."""
    from . import cvscore

    def f1(key):
        v = detail.get(key, {}).get("F1")
        return -1.0 if v is None else v

    fields = pipeline if pipeline is not None else {  # an older report: responsible only
        "directives.responsible": {m: detail.get(f"directives.responsible/{m}", {}).get("F1") for m in SYSTEMS}}
    base_m = f1("meeting/rules")
    for mode in ("refine", "refine+fallback", "fallback"):
        m = f1(f"meeting/{mode}")
        ok, why = cvscore.beats_rules({f: fields.get(f, {}) for f in cvscore.FIELDS}, mode)
        if ok and m >= base_m - 1e-9:
            return {"mode": mode, "reason": f"quality verdict {mode}: {why}; meeting {m:.3f} >= {base_m:.3f}"}
    r = fields.get("directives.responsible", {})
    return {"mode": "off", "reason": "no combination beats the rules: responsible F1 "
            + ", ".join(f"{k} {v:.4f}" for k, v in r.items() if v is not None) + f"; meeting rules {base_m:.3f}"}


def clause_cv(pairs: list[Pair], families: dict[str, str], seed: int, out: Path, doc_cv: dict | None) -> dict | None:
    """The grouped CV on clause gold (``learn/clausecv.py``), run by ``train --cv``."""
    from .clausecv import after_spans_cv

    return after_spans_cv(pairs, families, seed, out, doc_cv)


def format_table(cv: dict) -> str:
    """The detail table (for ``segments`` P is the line accuracy: tp = right lines, fp = wrong ones)."""
    lines = ["| family | system | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|---|"]
    f = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
    for key, r in cv["detail"].items():
        fam, sysname = key.split("/")
        lines.append(f"| {fam} | {sysname} | {f(r['P'])} | {f(r['R'])} | {f(r['F1'])} | {r['tp']} | {r['fp']} | {r['fn']} |")
    return "\n".join(lines)


def _main(argv: list[str]) -> None:
    what = argv[1] if len(argv) > 1 else "align"
    ps = load_full_pairs()
    print(f"{len(ps)} fully annotated: {[p.doc_id for p in ps]}")
    if what == "align":
        st = alignment_stats(ps)
        print(json.dumps({k: v for k, v in st.items() if k != "unaligned_items"}, ensure_ascii=False))
        for it in st["unaligned_items"]:
            print("  unaligned:", it)
    elif what == "train":
        print(json.dumps(train_model(ps), ensure_ascii=False, indent=1))


if __name__ == "__main__":  # python -m notice_extract.learn.spans [align|train]; CV: notice-extract train --cv
    import sys

    # run the imported module, not __main__: the pipeline hook reads that module's state
    from notice_extract.learn import spans as _spans

    _spans._main(sys.argv)
