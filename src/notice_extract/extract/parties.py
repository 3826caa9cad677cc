"""Parties: who must act, who is addressed (SPEC §2 Party, gold/README.md §3).

Three entry points, all reading ``doc.text`` (the normalised working text) and
grounding through ``doc.ground``:

* ``split_parties(doc, start, end)`` — a span known to name one or more
  parties (a meeting attendee list, a recipient-like phrase) → Party objects.
* ``find_responsible(doc, start, end)`` — the own subject(s) of a directive
  item (label already stripped), with ``role`` ``lead`` / ``support``.
* ``find_addressees(doc, start, end)`` — the parties a requirements lead-in or
  a closing line addresses (``đề nghị A, B cần ...``, ``thông báo để A biết``).

How it works. The text is cut into word tokens and parsed with a small noun
phrase grammar driven by the lexicons of ``rules/parties.yaml``::

    conjunct := [person marker] person-name [- title phrase]          → person
              | [determiner] title [name] [complement] modifiers      → position
              | [determiner] unit head [name] modifiers               → unit
              | [determiner] generic (, generic)* modifiers           → group
              | collective noun complement modifiers                  → group
              | locality-word ProperName modifiers                    → unit
    modifiers := owner body | locality tail | relation + object
               | cited-document clause (dropped) | adjective ("khác")
    list := conjunct ((, | và | ;) conjunct)*

A subject ends where the grammar stops and the predicate begins: a verb,
modal or adverb of the ``subject_enders`` lexicon, or any other lower-case
word once a complete noun phrase has been read. Verbs count only in lower
case, so capitalised names that contain one ("Ban Xây dựng Đảng") survive;
in ALL-CAPS text the comparison is case-insensitive instead.

Beyond the conjunct grammar: known body names (``rules/bodies.yaml``:
ministries, government agencies, central bodies, provincial departments) end
a party where the name ends; a distributive head gives each listed item its
head (``các Bộ: Tài chính, Tư pháp`` → ``Bộ Tài chính``, ``Bộ Tư pháp``); a
closing ``liên quan`` or Party committee is shared like a locality; leaders
stand for their bodies in attendee lists (``split_parties(represent=True)``).
Case cannot tell a capitalised verb from a name word ("Sở Xây dựng Tập trung
..."), so there pyvi's POS tagger is asked about the few syllables at hand
(memoised); it is never run over a clause or a document.

Grounding. ``text``/``span`` of a party is the source text of its own words:
when the value is a contiguous piece of the text (``Phòng Tài nguyên và Môi
trường``), exactly that piece. When the value is composed — a shared trailing
locality or complement copied to an earlier conjunct (``Đảng uỷ, UBND xã Lan
Giới`` → ``Đảng ủy xã Lan Giới``), or a cited-document clause cut out of the
middle — ``span`` covers only the conjunct's own printed words (``Đảng uỷ``)
and ``value`` holds the composed name. A person's ``text`` is the printed name.
``value`` is taken from the working text (so ``uỷ`` reads ``ủy``), with
whitespace collapsed; abbreviations stay as printed.

Everything here is a single left-to-right scan over a handful of tokens per
phrase; the only regex is the tokenizer (linear).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from ..models import Party, PersonRef
from ..pos import first_tag, first_word, tag_words
from ..resources import load_rules
from ..segment import is_page_furniture
from ..textmap import OPEN_LINE_WORDS, Doc, clean_value, lower, normalise_tone, prose_line_at, space_cut, unaccent

# ---------------------------------------------------------------------------
# Tokens and lexicons
# ---------------------------------------------------------------------------

# A word keeps inner "/", "&", "-", "." between word characters ("Đ/c",
# "NN&PTNT", "TC-KH", "898-QĐ/HU", "30/9/2019"); anything else is one char.
# (a department's acronym may hold commas before its "&": "Bộ VH,TT&DL")
_TOKEN = re.compile(r"[A-ZĐ]{1,4}(?:,[A-ZĐ]{1,4})+&[A-ZĐ]{1,4}(?!\w)|\w+(?:[/&.\-]\w+)*|\S")
_PUNCT_STOP = {".", ";", ":", "!", "?", "…"}
_BULLETS = {"-", "+", "*", "•", "–", "—", "“", '"', "‘", "'"}
_DASHES = {"-", "–", "—"}
_ITEM_OPENERS = {",", ";", ":", "-", "–", "—", "+", "*", "•", "▪", "➢"}  # what a list item follows
_DASH_LOW = {"–": "-", "—": "-"}


class Tok:
    __slots__ = ("text", "low", "start", "end", "is_word", "nl")

    def __init__(self, text: str, low: str, start: int, end: int, nl: bool = False) -> None:
        self.text = text
        self.low = _DASH_LOW.get(low, low)  # "Lao động – Thương binh" = "Lao động - Thương binh"
        self.start = start  # working-text offsets
        self.end = end
        self.is_word = text[0].isalnum()
        self.nl = nl  # a line break before it

    def __repr__(self) -> str:
        return f"Tok(text={self.text!r}, low={self.low!r}, start={self.start}, end={self.end})"


_ACRONYM = re.compile(r"[A-ZĐ]{2,}(?:[&\-,][A-ZĐ]{2,})*")  # THPT, GD&ĐT, GDNN-GDTX, VH,TT&DL
_WS_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")  # _TOKEN with the gap before it


def _tokenize(doc: Doc, start: int, end: int) -> list[Tok]:
    toks = _tokenize_text(doc, start, end)
    if "\n\n" in doc.text[start:end]:
        toks = _drop_furniture(doc, start, end, toks)
    return toks


def _drop_furniture(doc: Doc, start: int, end: int, toks: list[Tok]) -> list[Tok]:
    """Tokens outside page furniture: a run of page-number or running-header
    lines between blank lines, where a page break cut a sentence ("Bộ Nông
    nghiệp và Môi trường⏎⏎CÔNG BÁO/Số 272/Ngày 14-05-2026⏎80⏎⏎thẩm định ..."),
    is no word of the sentence."""
    lines = doc.text[start:end].split("\n")
    cut: list[tuple[int, int]] = []
    pos, i = start, 0
    offsets = []
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].strip() and is_page_furniture(lines[j].strip()):
            j += 1
        if j > i and i > 0 and not lines[i - 1].strip() and (j == len(lines) or not lines[j].strip()):
            cut.append((offsets[i], offsets[j - 1] + len(lines[j - 1])))
        i = max(j, i + 1)
    if not cut:
        return toks
    return [t for t in toks if not any(a <= t.start < b for a, b in cut)]


@lru_cache(maxsize=1)
def _abbreviated() -> dict[str, tuple[str, ...]]:
    return {k.lower(): tuple(v.split()) for k, v in (load_rules("parties").get("abbreviated_words") or {}).items()}


def _spelled_out(w: str, low: str, at: int, nl: bool) -> list[Tok] | None:
    """``đ/c`` as the tokens ``đồng`` ``chí``: one token a letter, each
    standing for its word (rules/parties.yaml ``abbreviated_words``)."""
    words = _abbreviated().get(low)
    if words is None:
        return None
    letters = [m for m in re.finditer(r"\w+", w)]
    if len(letters) != len(words):
        return None
    return [Tok(m.group(0), word, at + m.start(), at + m.end(), nl and k == 0) for k, (m, word) in enumerate(zip(letters, words))]


def _tokenize_text(doc: Doc, start: int, end: int) -> list[Tok]:
    seg = doc.text[start:end]
    low = lower(seg)
    if len(low) != len(seg) or "\u03a3" in seg:
        return _tokenize_slow(doc, start, end)  # lower() not char by char (İ, final sigma)
    out: list[Tok] = []
    app = out.append
    # Token strings repeat (a notice has a few thousand distinct words): one
    # string object per distinct word keeps a megabyte-long range's tokens
    # small. findall reads at most _CHUNK characters at a time, cut at a
    # space or newline, which no token crosses.
    same = {}.setdefault
    pages = doc.page_breaks
    a = 0
    n = len(seg)
    carry = ""  # the gap before a cut, which belongs to the next token's gap
    while a < n:
        cut = n if n - a <= _CHUNK else space_cut(seg, a, a + _CHUNK)
        for ws, w in _WS_TOKEN.findall(seg, a, cut):
            a += len(ws)
            b = a + len(w)
            if carry:
                ws, carry = carry + ws, ""
            nl = "\n" in ws and not (pages and _over_page_break(doc, pages, ws, start + a))
            # PDF text layers glue syllables ("Ban Thường vụĐảng ủy"): a lower-case
            # letter followed by a capital never happens inside one word
            if b - a == 3 and w[1] in "/." and (spelled := _spelled_out(w, low[a:b], start + a, nl)):
                out.extend(spelled)
            elif w.islower():
                w = same(w, w)
                app(Tok(w, w, start + a, start + b, nl))  # the most common case
            elif w.isupper() or w.istitle() or not w.isalpha():
                app(Tok(same(w, w), same(low[a:b], low[a:b]), start + a, start + b, nl))  # no glued capital
            else:
                cuts = [0] + [k for k in range(1, len(w)) if w[k - 1].islower() and w[k].isupper()] + [len(w)]
                for x, y in zip(cuts, cuts[1:]):
                    app(Tok(w[x:y], w[x:y].lower(), start + a + x, start + a + y))
            a = b
        carry += seg[a:cut]
        a = cut
    return out


_CHUNK = 1 << 16


def _over_page_break(doc: Doc, pages: frozenset[int], ws: str, at: int) -> bool:
    """Does the gap ``ws`` before the token at ``at`` hold a page's number
    (emptied: ``Doc.page_breaks``) inside a sentence? Then the token goes on
    the line before it; after a sentence's end it starts a line as ever."""
    if ws.count("\n") < 2 or doc.text[at - len(ws) - 1 : at - len(ws)] in ".;:!?":
        return False
    line = doc.line_of(at)
    return any(line - k in pages for k in range(1, ws.count("\n") + 1))


def _tokenize_slow(doc: Doc, start: int, end: int) -> list[Tok]:
    out: list[Tok] = []
    prev = start
    for m in _TOKEN.finditer(doc.text[start:end]):
        w, a = m.group(0), start + m.start()
        nl, prev = "\n" in doc.text[prev:a], a + len(w)
        if len(w) == 3 and w[1] in "/." and (spelled := _spelled_out(w, w.lower(), a, nl)):
            out.extend(spelled)
            continue
        if w.islower() or w.isupper() or w.istitle() or not w.isalpha():
            out.append(Tok(w, w.lower(), a, a + len(w), nl))
            continue
        cuts = [0] + [k for k in range(1, len(w)) if w[k - 1].islower() and w[k].isupper()] + [len(w)]
        for x, y in zip(cuts, cuts[1:]):
            out.append(Tok(w[x:y], w[x:y].lower(), a + x, a + y))
    return out


def _norm_entry(s: str) -> tuple[str, ...]:
    s = normalise_tone(unicodedata.normalize("NFC", s))
    return tuple(_DASH_LOW.get(w, w) for w in (m.group(0).lower() for m in _TOKEN.finditer(s)))


@lru_cache(maxsize=1)
def _acronyms() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(the words, the acronym) of the abbreviations SPEC §4 lists
    (rules/scoring.yaml): ``UBND`` for ``Ủy ban nhân dân``, ``MTTQ``,
    ``BCĐ``, ``NN&PTNT`` ... (not ``Đ/c``: the tokenizer spells it out)."""
    out = []
    for abbr, words in load_rules("scoring")["abbreviations"].items():
        key, full = _norm_entry(abbr), _norm_entry(words)
        if len(key) == 1 and "/" not in abbr and len(full) > 1:
            out.append((full, key[0]))
    return tuple(sorted(out, key=lambda x: len(x[0]), reverse=True))


def _spellings(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    """An entry as written, with its words as their acronym and its acronyms
    as their words: a lexicon that knows ``Ủy ban Trung ương Mặt trận Tổ quốc
    Việt Nam`` knows ``Ủy ban Trung ương MTTQ Việt Nam``, and ``UBND`` knows
    ``Ủy ban nhân dân``."""
    short, long_ = list(key), []
    for w in key:
        long_.extend(next((full for full, a in _acronyms() if a == w), (w,)))
    for full, a in _acronyms():
        n, i, out = len(full), 0, []
        while i < len(short):
            if tuple(short[i : i + n]) == full:
                out.append(a)
                i += n
            else:
                out.append(short[i])
                i += 1
        short = out
    return {key, tuple(short), tuple(long_)}


class Lexicon:
    """Token-sequence lookup, longest entry first; an entry is known in each
    spelling of the abbreviations SPEC §4 lists (``_spellings``)."""

    def __init__(self, entries) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for e in entries or []:
            for key in _spellings(_norm_entry(str(e))):
                if key and key not in self.by_first.get(key[0], ()):
                    self.by_first.setdefault(key[0], []).append(key)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def match(self, toks: list[Tok], i: int, lim: Optional[int] = None) -> int:
        """Length in tokens of the longest entry starting at ``toks[i]``, or 0."""
        lim = len(toks) if lim is None else lim
        if i >= lim:
            return 0
        keys = self.by_first.get(toks[i].low)
        if keys is None:
            return 0
        for key in keys:
            n = len(key)
            if n == 1:
                return 1  # sorted longest first: nothing shorter to try
            if i + n <= lim:
                k = 1
                while k < n and toks[i + k].low == key[k]:
                    k += 1
                if k == n:
                    return n
        return 0

    def words(self) -> set[tuple[str, ...]]:
        return {k for v in self.by_first.values() for k in v}


@dataclass
class Lex:
    assigned_by: Lexicon
    task_terms: Lexicon
    office_qualifier: Lexicon
    intro: Lexicon
    intro_mid: Lexicon
    topic_intros: Lexicon
    handover_ends: Lexicon
    triggers: Lexicon
    markers: Lexicon
    support: Lexicon
    directing: Lexicon
    directing_not_after: Lexicon
    directing_bodies: Lexicon
    not_directed: Lexicon
    directed_means: Lexicon
    obligation: Lexicon
    role_label_lead: Lexicon
    role_label_support: Lexicon
    co_lead: Lexicon
    provincial_heads: Lexicon
    national: Lexicon
    name_stops: Lexicon
    levelless: Lexicon
    level_named: Lexicon
    national_ends: Lexicon
    dets: Lexicon
    fixed_heads: Lexicon
    before_locality_heads: Lexicon
    optional_name_heads: Lexicon
    named_heads: Lexicon
    acronym_named_heads: Lexicon
    head_exclusions: Lexicon
    owners: Lexicon
    localising: set[tuple[str, ...]]
    localities: Lexicon
    false_friends: Lexicon
    compound_ends: Lexicon
    lower_named: Lexicon
    comma_terms: Lexicon
    loc_links: Lexicon
    titles: Lexicon
    titles_need_body: set[tuple[str, ...]]
    titles_with_body: set[tuple[str, ...]]
    collective_titles: set[tuple[str, ...]]
    collectives: Lexicon
    generics: Lexicon
    det_generics: Lexicon
    modifiers: Lexicon
    closing_modifiers: Lexicon
    name_joins: Lexicon
    nationality: Lexicon
    rel_owner: Lexicon
    rel_scope: Lexicon
    category_scope: Lexicon
    scope_topics: Lexicon
    rel_qualifier: Lexicon
    founded_by: Lexicon
    founded_verbs: Lexicon
    cite_links: Lexicon
    cite_types: Lexicon
    enders: Lexicon
    adverbials: Lexicon
    gazetteer: dict[str, list[str]]  # the names by their first word, case-folded, in file order
    gazetteer_lex: Lexicon
    gazetteer_min: float
    approval: Lexicon
    approval_adv: Lexicon
    approval_links: Lexicon
    composition_units: Lexicon
    actor_nouns: Lexicon
    level_mods: Lexicon
    distinct: Lexicon
    loc_links_dropped: Lexicon
    representatives: Lexicon
    shared_owners: Lexicon
    shared_mods: Lexicon
    unit_shared_mods: Lexicon
    role_fields: Lexicon
    plural_categories: Lexicon
    directing_after_subject: Lexicon
    name_continuations: Lexicon
    name_fields: Lexicon
    predicate_openers: Lexicon
    capital_predicates: Lexicon
    owner_organs: Lexicon
    ministry_organs: Lexicon
    ministries: Lexicon
    organs_before_owner: Lexicon
    owning_parents: Lexicon
    led_by: Lexicon
    led_by_ends: Lexicon
    agent_lead: Lexicon
    agent_support: Lexicon
    agent_descriptors: Lexicon
    notice_duty: Lexicon
    time_limits: Lexicon
    time_units: Lexicon
    benefits: Lexicon
    authored_documents: Lexicon
    submission_levels: Lexicon
    condition_acts: Lexicon
    level_pairs: list[tuple[Lexicon, Lexicon]]
    subordinators: Lexicon
    category_modifiers: Lexicon
    legal_persons: Lexicon
    duty_modals: Lexicon
    responsibility_heads: Lexicon
    restricted_link: Lexicon
    restricted_modals: Lexicon
    restricted_max: int
    ref_links: Lexicon
    ref_parts: Lexicon
    ref_this: Lexicon


_BODY_SECTIONS = ("ministries", "government_agencies", "central_bodies", "provincial_departments", "district_offices")


def _known_bodies() -> list[str]:
    """Every name of ``rules/bodies.yaml``; a missing or misspelt section is an error."""
    r = load_rules("bodies")
    unknown = set(r) - set(_BODY_SECTIONS)
    if unknown or not all(isinstance(r.get(k), list) for k in _BODY_SECTIONS):
        raise ValueError(f"rules/bodies.yaml: sections must be lists named {', '.join(_BODY_SECTIONS)}"
                         + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else ""))
    return [str(x) for k in _BODY_SECTIONS for x in r[k]]


def _national_bodies(spec: dict) -> list[str]:
    """The names of ``spec["sections"]`` of rules/bodies.yaml, less ``spec["except"]``."""
    r = load_rules("bodies")
    unknown = set(spec["sections"]) - set(_BODY_SECTIONS)
    if unknown:
        raise ValueError(f"rules/parties.yaml national_bodies: no section {', '.join(sorted(unknown))} in rules/bodies.yaml")
    drop = set(spec.get("except") or [])
    return [str(x) for k in spec["sections"] for x in r[k] if x not in drop]


@lru_cache(maxsize=1)
def _lex() -> Lex:
    r = load_rules("parties")
    bodies = _known_bodies()
    return Lex(
        assigned_by=Lexicon(r["relations"]["assigned_by"]),
        task_terms=Lexicon(r["relations"]["task_terms"]),
        office_qualifier=Lexicon(r["relations"]["office_qualifier"]),
        intro=Lexicon(r["intro_verbs"]),
        intro_mid=Lexicon(r["intro_verbs_mid_clause"]),
        topic_intros=Lexicon(r["topic_intros"]),
        handover_ends=Lexicon(r["handover_ends"]),
        triggers=Lexicon(r["addressee_triggers"]),
        markers=Lexicon(r["person_markers"]),
        support=Lexicon(r["support_markers"]),
        directing=Lexicon(r["directing_verbs"]),
        directing_not_after=Lexicon(r["directing_not_after"]),
        directing_bodies=Lexicon(r["directing_bodies_only"]["verbs"]),
        not_directed=Lexicon(r["directing_bodies_only"]["not_objects"]),
        directed_means=Lexicon(r["directed_means"]),
        obligation=Lexicon(r["obligation_predicates"]),
        role_label_lead=Lexicon(r["role_labels"]["lead"]),
        role_label_support=Lexicon(r["role_labels"]["support"]),
        co_lead=Lexicon(r["co_lead_markers"]),
        provincial_heads=Lexicon(r["provincial_heads"]),
        national=Lexicon(_national_bodies(r["national_bodies"])),
        national_ends=Lexicon(r["national_bodies"]["name_ends"]),
        name_stops=Lexicon(r["name_stops"]),
        levelless=Lexicon(r["levelless_actors"]),
        level_named=Lexicon(r["level_named_bodies"]),
        dets=Lexicon(r["determiners"]),
        fixed_heads=Lexicon(r["unit_heads"]["fixed"]),
        before_locality_heads=Lexicon(r["unit_heads"]["before_locality"]),
        optional_name_heads=Lexicon(r["unit_heads"]["optional_name"]),
        named_heads=Lexicon(r["unit_heads"]["named"]),
        acronym_named_heads=Lexicon(r["acronym_named_heads"]),
        head_exclusions=Lexicon(r["head_exclusions"]),
        owners=Lexicon(r["owner_bodies"]),
        localising={_norm_entry(s) for s in r["localising_owners"]},
        localities=Lexicon(r["localities"]),
        false_friends=Lexicon(r["locality_false_friends"]),
        compound_ends=Lexicon(r["locality_compound_ends"]),
        lower_named=Lexicon(r["lower_named_heads"]),
        comma_terms=Lexicon(r["comma_terms"]),
        loc_links=Lexicon(r["locality_links"]),
        titles=Lexicon(r["titles"]),
        titles_need_body={_norm_entry(s) for s in r["titles_need_body"]},
        titles_with_body={_norm_entry(s) for s in r["titles_with_body"]},
        collective_titles={_norm_entry(s) for s in r["collective_titles"]},
        collectives=Lexicon(r["collective_nouns"]),
        generics=Lexicon(r["generic_nouns"]),
        det_generics=Lexicon(r["determined_generic_nouns"]),
        modifiers=Lexicon(r["modifiers"]),
        closing_modifiers=Lexicon(r["closing_modifiers"]),
        name_joins=Lexicon(r["name_joins"]),
        nationality=Lexicon(r["nationality_modifiers"]),
        rel_owner=Lexicon(r["relations"]["owner"]),
        rel_scope=Lexicon(r["relations"]["scope"]),
        category_scope=Lexicon(r["relations"]["category_scope"]),
        scope_topics=Lexicon(r["relations"]["scope_topics"]),
        rel_qualifier=Lexicon(r["relations"]["qualifier"]),
        founded_by=Lexicon(r["relations"]["founded_by"]["links"]),
        founded_verbs=Lexicon(r["relations"]["founded_by"]["verbs"]),
        cite_links=Lexicon(r["citation_links"]),
        cite_types=Lexicon(r["citation_doc_types"]),
        enders=Lexicon(r["subject_enders"]),
        adverbials=Lexicon(r["adverbial_starters"]),
        gazetteer=_by_first_word(normalise_tone(unicodedata.normalize("NFC", g)) for g in bodies),
        gazetteer_lex=Lexicon(bodies),
        gazetteer_min=float(r.get("gazetteer_min_ratio", 90)),
        approval=Lexicon(r.get("approval_verbs")),
        approval_adv=Lexicon(r.get("approval_adverbs")),
        approval_links=Lexicon(r.get("approval_links")),
        composition_units=Lexicon(r.get("composition_units")),
        actor_nouns=Lexicon(r.get("actor_nouns")),
        level_mods=Lexicon(r.get("level_modifiers")),
        distinct=Lexicon(r.get("distinct_bodies")),
        loc_links_dropped=Lexicon(r.get("locality_links_dropped_when_shared", ["của"])),
        representatives=Lexicon(r["representatives"]),
        shared_owners=Lexicon(r["shared_owner"]["owners"]),
        shared_mods=Lexicon(r["shared_modifiers"]),
        unit_shared_mods=Lexicon(r["shared_by_units"]),
        role_fields=Lexicon(r["fields_before_role"]),
        plural_categories=Lexicon(r["plural_categories"]),
        directing_after_subject=Lexicon(r["directing_after_subject"]),
        name_continuations=Lexicon(r["name_continuations"]),
        name_fields=Lexicon(r["name_fields"]),
        predicate_openers=Lexicon(r["predicate_openers"]),
        capital_predicates=Lexicon(r["capital_predicates"]),
        owner_organs=Lexicon(r["shared_owner"]["organs"]),
        ministry_organs=Lexicon(r["ministry_organs"]["heads"]),
        ministries=Lexicon(r["ministry_organs"]["ministries"]),
        organs_before_owner=Lexicon(r["organs_before_owner"]["organs"]),
        owning_parents=Lexicon(r["organs_before_owner"]["parents"]),
        led_by=Lexicon(r["led_by"]["links"]),
        led_by_ends=Lexicon(r["led_by"]["ends"]),
        agent_lead=Lexicon(r["agent_roles"]["lead"]),
        agent_support=Lexicon(r["agent_roles"]["support"]),
        agent_descriptors=Lexicon(r["agent_roles"]["descriptors"]),
        notice_duty=Lexicon(r["notice_duty"]),
        time_limits=Lexicon(r["time_limits"]["phrases"]),
        time_units=Lexicon(r["time_limits"]["units"]),
        benefits=Lexicon(r["benefits"]),
        authored_documents=Lexicon(r["authored_documents"]),
        submission_levels=Lexicon(r["submission_levels"]),
        condition_acts=Lexicon(r["condition_acts"]),
        level_pairs=[(Lexicon([a]), Lexicon(bs)) for a, bs in r["level_pairs"].items()],
        subordinators=Lexicon(r["subordinators"]),
        category_modifiers=Lexicon(r["category_modifiers"]),
        legal_persons=Lexicon(r["legal_persons"]["heads"]),
        duty_modals=Lexicon(r["legal_persons"]["modals"]),
        responsibility_heads=Lexicon(r["responsibility_heads"]),
        restricted_link=Lexicon(r["restricted_subjects"]["link"]),
        restricted_modals=Lexicon(r["restricted_subjects"]["modals"]),
        restricted_max=int(r["restricted_subjects"]["max_words"]),
        ref_links=Lexicon(r["text_references"]["links"]),
        ref_parts=Lexicon(r["text_references"]["parts"]),
        ref_this=Lexicon(r["text_references"]["this_document"]),
    )


def _tagged_verb(words: str) -> bool:
    """Is the first word a verb? Asked only for a capitalised word the lexicon
    knows as a predicate word, where case cannot tell a name from a verb ("Sở
    Xây dựng Tập trung ...", "Kho bạc Nhà nước tỉnh: Thẩm định ...")."""
    return first_tag(words) == "V"


def _tagged_noun(words: str) -> bool:
    """Is the first word a noun (or a plural determiner)? Asked only for the
    few words before an obligation predicate."""
    return first_tag(words) in ("N", "Nc", "Np", "Ny", "L")


# ---------------------------------------------------------------------------
# The noun-phrase grammar
# ---------------------------------------------------------------------------


@dataclass
class Conj:
    """One conjunct of a party list, as token indices (end exclusive)."""

    start: int  # first token of the value (after markers)
    end: int = 0
    core_type: str = "unit"  # person | title | unit | group | collective | locality
    det: bool = False
    n_generics: int = 0
    title: Optional[tuple[int, int]] = None  # title words (person's title or position)
    name: Optional[tuple[int, int]] = None  # person name
    complement: Optional[int] = None  # first token of a title's complement
    loc_tail: Optional[tuple[int, int]] = None  # shared-locality candidate
    loc_plural: bool = False
    rel_tail: Optional[tuple[int, int]] = None  # "phụ trách xã", "thuộc Huyện ủy"
    scope_tail: Optional[tuple[int, int]] = None
    has_loc: bool = False
    has_mods: bool = False
    drop: list[tuple[int, int]] = field(default_factory=list)  # cited-document clauses
    named_head: bool = False
    role: Optional[str] = None  # printed after it in brackets: "Sở X (chủ trì)"


# One-word level words without their marks ("huyen", "xa"): read as levels only
# right after an owner body and before a capitalised place name (OCR).
_LEVELS_UNMARKED = frozenset({"xa", "huyen", "tinh", "phuong", "quan"})

# A name written in lower case that a predicate opener follows may be this long
# ("Quản lý chất lượng nông lâm sản và thủy sản"); others, ``maxlen``.
_ROLE_NAME_MAX = 12


_HEADING_REST = 6  # tokens: the last line of a wrapped heading, not a line of prose
# words that open a phrase and never end a scope ("... địa phương trong | tổ chức ...")
_OPEN_WORDS = frozenset({"trong", "của", "và", "để", "với", "cho", "tại", "về", "từ", "đến", "theo", "các", "những"})
_SCOPE_MAX = 16  # tokens of a scope after its link ("trong hệ thống hành chính nhà nước từ trung ương đến địa phương")


class Parser:
    def __init__(self, toks: list[Tok], caps: bool) -> None:
        self.t = toks
        self.n = len(toks)
        self.caps = caps
        self.L = _lex()
        self._heading_breaks: Optional[frozenset[int]] = None

    def heading_breaks(self) -> frozenset[int]:
        """Tokens that open a line after a topic heading of its own ("1. Về Đề
        án sắp xếp các thôn⏎Ban Thường vụ thống nhất ...; giao X ..."): the
        heading names a topic, so a clause starts on the next line."""
        if self._heading_breaks is None:
            out, line_start, topic = set(), 0, False
            for k in range(1, self.n):
                if not self.t[k].nl:
                    continue
                # the heading's line, or the short rest of one that wrapped
                # ("1. Về Đề án sắp xếp các thôn, khu phố trên địa bàn⏎huyện⏎Ban Thường vụ ...")
                topic = (self.t[line_start].low == "về" and k - line_start >= 2
                         or topic and k - line_start <= _HEADING_REST and (
                             self.lowerish(line_start) or line_start and self.t[line_start - 1].low in OPEN_LINE_WORDS))
                # (not after a word that leaves the line open: "... Nghị định số 179/2025/NĐ-CP của⏎Chính phủ")
                if topic and self.t[k - 1].is_word and self.capish(k) and self.t[k - 1].low not in OPEN_LINE_WORDS:
                    out.add(k)
                    topic = False
                line_start = k
            self._heading_breaks = frozenset(out)
        return self._heading_breaks

    # -- token predicates ---------------------------------------------------
    def word(self, i: int) -> bool:
        return i < self.n and self.t[i].is_word

    def lowerish(self, i: int) -> bool:
        """A lower-case word (any word in ALL-CAPS text)."""
        return self.word(i) and (self.caps or self.t[i].text[0].islower())

    def capish(self, i: int) -> bool:
        return self.word(i) and (self.t[i].text[0].isupper() or self.t[i].text[0].isdigit())

    def is_(self, i: int, *words: str) -> bool:
        return 0 <= i < self.n and self.t[i].low in words  # (never the last token for i = -1)

    def ender(self, i: int, lim: int) -> int:
        if not self.lowerish(i):
            return 0
        n = self.L.enders.match(self.t, i, lim)
        if not n and self.t[i].low == "cấp" and _ends_with(self, self.L.level_mods, i) and not (
                self.L.localities.match(self.t, i + 1, lim)):
            n = 1  # a second "cấp" after a level issues: "Chủ tịch UBND cấp tỉnh cấp tài khoản"
        return n

    def tagged_verb(self, i: int, lim: int) -> bool:
        """Does the tagger read the word at ``i`` (with up to three words of
        context before ``lim``) as a verb?"""
        return _tagged_verb(" ".join(t.text for t in self.t[i : min(lim, i + 4)] if t.is_word))

    def cap_verb(self, i: int, lim: int) -> int:
        """A capitalised predicate word (lexicon + tagger agree), or 0."""
        if self.caps or not self.capish(i):
            return 0
        n = self.L.enders.match(self.t, i, lim)
        if n and self.tagged_verb(i, lim):
            return n
        return 0

    def name_token(self, i: int) -> bool:
        """A syllable of a personal name: Titlecase (any upper word in caps text)."""
        if not self.word(i) or not self.t[i].text.isalpha():
            return False
        s = self.t[i].text
        return s[0].isupper() and (self.caps or s[1:].islower() or len(s) == 1)

    # -- lexicon entry points -----------------------------------------------
    def locality_at(self, i: int, lim: int) -> int:
        """A locality word ("xã", "thị trấn"), not "xã hội" / "Huyện ủy"."""
        if not self.lowerish(i) or self.L.false_friends.match(self.t, i, lim):
            return 0
        if any(i >= n - 1 and self.L.compound_ends.match(self.t, i - n + 1, lim) == n for n in (2, 3)):
            return 0  # "nông thôn"
        n = self.L.localities.match(self.t, i, lim)
        if not n and self.capish(i + 1) and unaccent(self.t[i].low) in _LEVELS_UNMARKED and self._right_after(
                self.owner_at, i, lim, 4):
            return 1  # a level word whose marks OCR lost, after its owner: "UBND huyên Sơn Tịnh"
        return n

    def _right_after(self, reads, i: int, lim: int, back: int) -> bool:
        """Does a phrase that ``reads`` (``owner_at``, ``title_at``) finds end
        right before ``i``, starting at most ``back`` tokens earlier?"""
        return any(reads(j, lim) == i - j for j in range(max(0, i - back), i))

    def _holder_after(self, i: int, k: int, lim: int) -> bool:
        """Does a personal name of three syllables or more, and nothing
        capitalised after it, follow the body [i, k) that an office names
        ("Thứ trưởng Bộ Tài chính Võ Thành Hưng")?"""
        m = self.person_name_len(k, lim) if self.capish(k) else 0
        return m >= 3 and not self.capish(k + m) and self._right_after(self.title_at, i, lim, 5)

    def owner_at(self, i: int, lim: int) -> int:
        n = self.L.owners.match(self.t, i, lim)
        if n and (self.capish(i) or self.caps):
            return n
        return 0

    def unit_head_at(self, i: int, lim: int) -> tuple[int, bool]:
        """(length, is_named): a fixed head, or a named head followed by a name."""
        if self.L.head_exclusions.match(self.t, i, lim):
            return 0, False  # "Tổ chức", "Ban hành", "Hội nghị"
        # a known body ends where its name ends when the name is complete
        # there ("Sở Công Thương chấp thuận ...", "Bộ Công an, Bộ Quốc phòng"),
        # even when a word inside it could start another party ("Công an")
        g = self.L.gazetteer_lex.match(self.t, i, lim) if self.word(i) else 0
        if g and not self.capish(i) and not (g >= 3 and any(self.capish(x) for x in range(i + 1, i + g))):
            g = 0  # a known name of three words or more keeps a capital inside ("kho bạc Nhà nước")
        if g and self.is_(i + g, ",") and self.capish(i) and (f := self._field_enumeration(i + g, lim)):
            return f - i, True  # a known name merged with more fields: "Phòng Kinh tế, Hạ tầng và Đô thị"
        if g and self.lowerish(i + g) and self.L.lower_named.match(self.t, i, lim) == g:
            # a steering committee's task is its name: "Ban Chỉ đạo phòng, chống thiên tai tỉnh"
            k = self.lower_name(i + g, lim, maxlen=8)
            if k > i + g:
                return k - i, True
        if g and (i + g >= lim or not self.word(i + g) and not self.t[i + g].text in _DASHES
                  or self.lowerish(i + g) and not self.is_(i + g, "và")
                  or self.cap_verb(i + g, lim)
                  # a table cell's name, its task on the next line: "Bộ Ngoại giao⏎Đồng chủ trì ..."
                  or self.t[i + g].nl and self.L.enders.match(self.t, i + g, lim)
                  # a heading's body, its text on the next line with a capital:
                  # "Bộ Tài chính⏎Cân đối nguồn ngân sách ..." (not a place name
                  # that goes on with the body: "Sở Y tế⏎Thành phố Hà Nội")
                  or self.t[i + g].nl and self.capish(i + g) and not self.caps
                  and not self.L.localities.match(self.t, i + g, lim)
                  # "Thông tấn xã Việt Nam và các cơ quan ...": "và" starts the next party
                  or self.is_(i + g, "và") and not (self.capish(i + g + 1) and not self.starts_party(i + g + 1, lim))
                  # the holder's name after an office's body: "Thứ trưởng Bộ Tài chính Võ Thành Hưng"
                  or self._holder_after(i, i + g, lim)):
            return g, True
        n = self.L.before_locality_heads.match(self.t, i, lim) if self.capish(i) else 0
        if n and self.is_(i + n, "cơ") and self.is_(i + n + 1, "sở") and i + n + 2 < lim and self.t[i + n + 2].text.isdigit():
            n += 3  # the numbered local office of the 2025 reform: "Thuế cơ sở 3 tỉnh Quảng Ngãi"
        if n and self.L.localities.match(self.t, i + n, lim) and not self._right_after(
                lambda j, lim_: self.L.named_heads.match(self.t, j, lim_), i, lim, 2):
            return n, True  # "Thuế tỉnh Lâm Đồng" (not "Cục Thuế tỉnh": the named head's name)
        n = self.L.fixed_heads.match(self.t, i, lim)
        # lower case only where the head ends in an abbreviation ("thường trực HĐND")
        if n and (self.capish(i) or self.t[i].low in ("ủy", "đảng") or n > 1 and self.t[i + n - 1].text.isupper()):
            k = self.fixed_name(i + n, lim)
            if k > i + n and self.lowerish(k):
                # a capitalised name goes on in lower case ("Văn phòng Điều phối nông thôn mới tỉnh")
                k = max(k, self.name_part(i + n, lim))
            return k - i, False
        if not self.capish(i):
            # a department's head in lower case named by its acronym: "phòng LĐ-TB&XH cấp huyện"
            n = self.L.acronym_named_heads.match(self.t, i, lim)
            if n and i + n < lim and _ACRONYM.fullmatch(self.t[i + n].text) and not self.t[i + n].nl:
                return n + 1, True
            return 0, False
        n = self.L.optional_name_heads.match(self.t, i, lim)
        if n:
            j = i + n
            while self.lowerish(j) and (m := self.L.name_continuations.match(self.t, j, lim)):
                j += m  # "Ban Quản lý dự án đầu tư xây dựng ..."
            if j > i + n and self.lowerish(j):  # "Ban Quản lý dự án phát triển đô thị chủ trì"
                j = max(j, self.lower_name(j, lim, maxlen=8))
            if j == i + n and self.lowerish(j):
                # "Ban Quản lý các chợ huyện": lower-case words that end where a party ends
                d = 1 if self.is_(j, "các") else 0
                k = self.lower_name(j + d, lim, maxlen=8)
                j = k if k > j + d else j
            if j > i + n and self.is_(j, "số") and self.word(j + 1) and self.t[j + 1].text.isdigit():
                j += 2  # "... số 1"
            if j > i + n:  # (a name of its own: no body of each district of a list)
                # (a capitalised predicate after the lower-case name is no word of it:
                # "Ban Quản lý dự án phát triển đô thị Tập trung ...")
                k = self.name_part(j, lim) if self.capish(j) and not self._capitalised_predicate(i, j, lim) else j
                return self._joined_name(k, lim) - i, True
            j = i + n + (1 if self.is_(i + n, "các") and self.capish(i + n + 1) else 0)
            k = self.name_part(j, lim)
            return (self._joined_name(k, lim) if k > j else i + n) - i, False
        n = self.L.named_heads.match(self.t, i, lim)
        if n:
            m = self.person_name_len(i + n, lim)
            if m >= 3 and not self.capish(i + n + m) and self._right_after(self.title_at, i, lim, 5):
                # "Phó Giám đốc Sở Lê Thị Hoa": after an office, the holder's name,
                # not the body's ("Trường Đại học Phạm Văn Đồng" is named after a person)
                return n, False
            # a known body ends where its gazetteer name ends when a lower-case
            # word follows ("Sở Công Thương chấp thuận ...")
            k = self.name_part(i + n, lim)
            if k > i + n:
                return k - i, True
            k = self.lower_name(i + n, lim)
            if k > i + n:
                return k - i, True
            if self.L.level_mods.match(self.t, i + n, lim) and self.lowerish(i + n):
                return n, True  # "Đoàn cấp xã", "Hội cấp trên": the level names the body
        return 0, False

    def _joined_name(self, k: int, lim: int) -> int:
        """End of an authority's name at ``k``, or past a second area it joins
        ("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi")."""
        m = self.L.name_joins.match(self.t, k, lim)
        return max(k, self.name_part(k + m, lim)) if m and self.capish(k + m) else k

    def fixed_name(self, i: int, lim: int, maxlen: int = 3) -> int:
        """End of capitalised words the lexicon does not know after a complete
        head: they continue its name ("Ủy ban MTTQ Việt Nam", "Đảng ủy Khối
        Doanh nghiệp"). Never a locality word, an owner, an office or the start
        of another party; not in ALL-CAPS text, where every word is capitalised."""
        if self.caps:
            return i
        k, words = i, 0
        while k < lim and self.word(k) and self.t[k].text.isalpha():
            if not self.t[k].text[0].isupper():
                break
            # words, not syllables, are counted: a name printed in title case
            # capitalises every syllable of its words ("Bộ Tư lệnh Thủ Đô Hà Nội")
            if k > i and self._one_word(k - 1):
                k += 1
                continue
            if words >= maxlen:
                break
            if (
                self.L.localities.match(self.t, k, lim)
                or self.owner_at(k, lim)
                or self.title_at(k, lim)
                or self.starts_party(k, lim)
                or self.L.head_exclusions.match(self.t, k, lim)
                or self._capitalised_predicate(i, k, lim)  # "Tỉnh đoàn Tập trung chỉ đạo ..."
            ):
                break
            k += 1
            words += 1
        return k

    def _opener_in_name(self, k: int, lim: int) -> int:
        """Length of a predicate opener at ``k`` that a dash and a capitalised
        field follow, which go on a name ("Khoa Hồi sức tích cực - Chống độc"), or 0."""
        n = self.L.predicate_openers.match(self.t, k, lim)
        return n if n and k + n + 1 < lim and self.t[k + n].low == "-" and self.capish(k + n + 1) else 0

    def title_at(self, i: int, lim: int) -> int:
        n = self.L.titles.match(self.t, i, lim)
        if not n:
            return 0
        # lower-case "trưởng", "ủy viên" etc. in running text are not offices,
        # except the collective ones ("thủ trưởng các cơ quan")
        if self.capish(i) or self.caps or self.t[i].low in ("thủ", "người", "ủy"):
            return n
        j = i + n
        if self.is_(j, ",", "và") and self.is_(j + 1, "phó"):
            j += 2  # "trưởng, phó các khoa, phòng": the heads and their deputies
        if self.is_(j, "các", "những"):
            return j - i  # "..., trưởng các phòng, đơn vị thuộc Sở", "điều dưỡng trưởng các khoa": the heads of a category
        return 0

    def starts_party(self, i: int, lim: int) -> bool:
        return bool(
            self.L.dets.match(self.t, i, lim)
            or self.L.markers.match(self.t, i, lim)
            or self.title_at(i, lim)
            or self.unit_head_at(i, lim)[0]
            or self.owner_at(i, lim)
        )

    # -- pieces ---------------------------------------------------------------
    def name_part(self, i: int, lim: int) -> int:
        """End of the proper name after a named head or a title ("Tài chính –
        Kế hoạch", "Nông nghiệp và PTNT"); ``i`` when there is none."""
        term = self.L.comma_terms.match(self.t, i, lim)  # "Cục Phòng, chống ...": not "Phòng" a party
        if i >= lim or not self.capish(i) or not term and self.starts_party(i, lim):
            return i
        if self.is_(i, "ủy", "đảng") and self.owner_at(i, lim):
            return i
        k, count, run_start = i + (term or 1), 1, None
        while k < lim and count < 10:
            t = self.t[k]
            if self.capish(k) and _ends_with(self, self.L.nationality, k) and self.person_name_len(k, lim):
                break  # the holder's name after the body: "Tổng Giám đốc Tập đoàn Điện lực Việt Nam Nguyễn Văn Tài"
            # a term written with a comma is one field of the name, in any case
            # ("Cục Quản lý đê điều và Phòng, chống thiên tai", "Trung tâm Bồi
            # thường, hỗ trợ và tái định cư", "... cứu nạn, cứu hộ")
            n = self.L.comma_terms.match(self.t, k + (t.low == "và"), lim)
            if n and (t.low == "và" or t.is_word):
                k, count, run_start = k + (t.low == "và") + n, count + 1, None
                continue
            if self.lowerish(k) and (n := self._opener_in_name(k, lim)):
                k, count, run_start = k + n, count + 1, None  # "Khoa Hồi sức tích cực - Chống độc"
                continue
            ends = self._predicate_at(k, lim)
            if ends:
                # "Phòng Quản lý xây dựng chủ trì"; never after the country or a
                # place's name of two capitalised words, where names end ("Tập đoàn
                # Điện lực Việt Nam nghiên cứu bố trí ...", "Trạm Y tế Cát Hanh kiểm tra.")
                if self.L.name_fields.match(self.t, k, lim) and not _ends_with(self, self.L.nationality, k) and not (
                        k - 2 > i and self.capish(k - 1) and self.capish(k - 2) and not self.caps):
                    end = self.lower_name(k, lim, maxlen=8)
                    if end > k:
                        return end
                n = self.L.role_fields.match(self.t, k, lim)
                if n and self.L.predicate_openers.match(self.t, k + n, lim):
                    return k + n  # "Phòng Kế hoạch tổng hợp chủ trì"
                break
            if (t.text in _DASHES or t.low in ("và", "&")) and k + 1 < lim:
                if self.capish(k + 1) and not self.starts_party(k + 1, lim):
                    k += 2
                    count += 1
                    run_start = None
                    continue
                if t.low == "và" and self.lowerish(k + 1):  # "Quan trắc tài nguyên và môi trường"
                    end = self.lower_name(k if run_start is None else run_start, lim, maxlen=8)
                    if end > k:
                        return end
                break
            if t.text == "," and (m := self._field_enumeration(k, lim)):
                k, count, run_start = m, count + 1, None
                continue
            if not t.is_word:
                break
            if (
                self.owner_at(k, lim)
                or self.locality_at(k, lim)
                or ends
                or self.lowerish(k) and self.L.predicate_openers.match(self.t, k, lim)  # ("... Việt Nam định kỳ")
                or self.lowerish(k) and self.L.name_stops.match(self.t, k, lim)  # ("Chi cục Thủy lợi để mua ...")
                or self.L.loc_links.match(self.t, k, lim)
                or self.L.rel_owner.match(self.t, k, lim)
                or self.L.rel_scope.match(self.t, k, lim)
                or self.L.modifiers.match(self.t, k, lim)
                or self.L.cite_links.match(self.t, k, lim)
            ):
                break  # (checked first: "Trung tâm Phát triển quỹ đất tỉnh" ends at "tỉnh")
            if self.lowerish(k) and not self.caps and self._proper_name_before(i, k):
                break  # "Trường Đại học Phạm Văn Đồng trình ...", "Báo ... Truyền hình Lâm Đồng để ..."
            if (self.lowerish(k) and not self.caps and k > i and _ACRONYM.fullmatch(self.t[k - 1].text)
                    and not self.L.name_continuations.match(self.t, k, lim) and self.tagged_verb(k, lim)):
                break  # an acronym completes the name before a verb: "Sở LĐ-TB&XH giới thiệu ..."
            if (k > i and self.t[k].nl and _ACRONYM.fullmatch(self.t[k - 1].text)
                    and self.L.enders.match(self.t, k, lim)):
                break  # and before a table cell's task on the next line: "Bộ GD&ĐT⏎Chỉ đạo ..."
            if self.lowerish(k) and not self.caps:
                if run_start is None and self._word_of_previous(k, lim):
                    k += 1  # the second syllable of a capitalised word ("Kiểm định", "Vệ sinh")
                    count += 1
                    continue
                run_start = k if run_start is None else run_start
                if k - run_start >= 3:
                    # names have at most three lower-case syllables in a row
                    # ("Phát triển nông thôn"); a longer run is the predicate,
                    # unless it ends where a party ends ("Cục Quản lý xuất nhập
                    # cảnh, Bộ Công an"), as a lower-case name does
                    end = self.lower_name(run_start, lim, maxlen=8)
                    return end if end > run_start else run_start
            else:
                run_start = None
            if self.capish(k) and self.starts_party(k, lim) and not self._head_inside_word(k):
                break
            if self.capish(k) and self._capitalised_predicate(i, k, lim):
                break  # "Chi cục Kiểm lâm Khẩn trương ..."
            k += 1
            count += 1
        return k

    def _proper_name_before(self, i: int, k: int) -> bool:
        """Do the words of a name that starts at ``i`` end at ``k`` with a proper
        name: the country, a place the administrative geography knows or a
        personal name, all its syllables capitalised? A body's name ends there
        ("Trường Đại học Phạm Văn Đồng", "Báo và Phát thanh, Truyền hình Lâm
        Đồng", "Cục Đường bộ Việt Nam"): its own words are capitalised on their
        first syllable only ("Kiểm định chất lượng"), so lower-case words after
        a proper name are the sentence's, not the name's."""
        a = k
        while a > i and self.capish(a - 1) and self.t[a - 1].text.isalpha() and not self.t[a - 1].nl:
            a -= 1
        if k - a < 2:
            return False
        if _ends_with(self, self.L.nationality, k):
            return True
        from .. import geography

        return any(self._person_name(m, k) or geography.candidates(" ".join(x.text for x in self.t[m:k]))
                   for m in range(a, k - 1))  # (a proper name of two words or more that ends at k)

    def _field_enumeration(self, k: int, lim: int) -> int:
        """End of the fields a name enumerates after the comma at ``k`` ("Trung
        tâm Văn hóa, Thể thao và Truyền thanh huyện", "Phòng Văn hóa, Khoa học
        và Thông tin"), or 0: capitalised words that start no party, closed by
        "và" and one more, then the name's end (a locality, a lower-case word, a
        separator); never departments listed under one head, each a known name's
        tail ("Sở Tài chính, Xây dựng và Công Thương")."""
        j, fields = k, []
        for _ in range(4):
            if not (self.is_(j, ",", "và") and self.capish(j + 1) and self.t[j + 1].text.isalpha()
                    and not self.starts_party(j + 1, lim) and not self.title_at(j + 1, lim)):
                return 0
            closing = self.is_(j, "và")
            j += 1
            a = j
            j += 1
            # (a "VÀ" in capitals joins the fields, as "và" does)
            while j < lim and not self.is_(j, "và") and (
                    self.capish(j) and self.t[j].text.isalpha() and (not self.starts_party(j, lim) or self._head_inside_word(j))
                    or self.lowerish(j) and self._word_of_previous(j, lim)):
                j += 1
            fields.append(tuple(t.low for t in self.t[a:j]))
            if closing:
                if all(f in _known_name_tails() for f in fields):
                    return 0  # departments listed under one head: "Sở Tài chính, Xây dựng và Công Thương"
                ends = (j >= lim or not self.word(j) and not self.is_(j, "-") or self.locality_tail(j, lim) is not None
                        or self.lowerish(j) or self.is_(j, "và") and self.starts_party(j + 1, lim))
                return j if ends else 0
        return 0

    def _word_of_previous(self, k: int, lim: int) -> bool:
        """Is the lower-case syllable at ``k`` the end of a word that the
        capitalised syllable before it starts ("Kiểm định", "Quan trắc")? A
        name is capitalised on its first syllable only, so that syllable does
        not start a run of lower-case words. Asked of pyvi."""
        if not (self.capish(k - 1) and self.t[k - 1].text.isalpha() and self.t[k].text.isalpha()):
            return False
        return self._one_word(k - 1)

    def _predicate_at(self, k: int, lim: int) -> int:
        """``ender``, except where the predicate word is one syllable of a noun
        with its neighbour ("Dịch vụ việc làm", "Cảnh sát giao thông")."""
        n = self.ender(k, lim)
        if n and (self._compound_with_previous(k, lim) or self._compound_with_next(k, lim)):
            return 0
        return n

    def _inside_word(self, k: int, lim: int) -> bool:
        """Does pyvi read the syllables at ``k - 1`` and ``k`` as one word
        ("đào tạo")? A name never ends between them."""
        if k < 1 or not (self.word(k - 1) and self.word(k)):
            return False
        return self._one_word(k - 1)

    def _head_inside_word(self, k: int) -> bool:
        """Is the head word at ``k`` the second syllable of a word that the
        capitalised syllable before it starts? A name printed in title case
        ("Công ty Dịch Vụ ...", "Sở Nội Vụ") holds heads that start no party."""
        return k > 0 and self.capish(k - 1) and self.t[k - 1].text.isalpha() and self.t[k].text.isalpha() and self._one_word(k - 1)

    def _one_word(self, k: int) -> bool:
        """Does pyvi read the syllables at ``k`` and ``k + 1`` as one word? Asked
        of the pair alone: a word's syllables do not depend on what follows,
        and the pair is what recurs from one document to the next (memoised)."""
        word, _ = first_word(self.t[k].text + " " + self.t[k + 1].text)
        return "_" in word

    def _compound_with_next(self, k: int, lim: int) -> bool:
        """Is the one-syllable predicate word at ``k`` the first syllable of a
        noun ("giao thông", traffic; "dự án", project)? Asked of pyvi only
        inside a name."""
        if self.caps or self.ender(k, lim) != 1 or not self.lowerish(k + 1):
            return False
        return _starts_noun(self.t, k, lim)

    def _compound_with_previous(self, k: int, lim: int) -> bool:
        """Is the one-syllable predicate word at ``k`` the second syllable of a
        word that starts at ``k - 1`` ("Dịch vụ việc làm": "việc làm",
        employment; "Trung tâm đào tạo nghề": "đào tạo", training)? Asked of
        pyvi only for a lower-case pair inside a name."""
        if not (self.word(k - 1) and self.lowerish(k)) or self.caps or self.ender(k, lim) != 1:
            return False  # (a predicate of two syllables is read whole: "vật chủ động" is not "vật chủ")
        return self._inside_word(k, lim)

    def _field_word(self, k: int, lim: int) -> int:
        """Length of a predicate at ``k`` that can name a body's field ("Phòng
        Quản lý xây dựng"), or 0; followed by a document it is the predicate
        ("... xây dựng kế hoạch")."""
        n = self.L.name_fields.match(self.t, k, lim)
        return 0 if n and self.L.authored_documents.match(self.t, k + n, lim) else n

    def lower_name(self, i: int, lim: int, maxlen: int = 6) -> int:
        """End of a name written in lower case after a named head ("Trung tâm
        công nghệ thông tin", "Hội nạn nhân chất độc da cam/dioxin"); ``i``
        when there is none. Read only when the words end where a party ends
        (a separator before another party, a bracket, the end): a head
        followed by its predicate ("Ban chỉ đạo ...", "Tổ kiểm tra ...") is
        never a name."""
        if self.caps:
            return i
        L, k = self.L, i
        # past a field predicate the words end only at a predicate opener, before
        # another party or where the field has no object ("... xây dựng khẩn trương")
        strict, after_field = False, -1
        inner = 0  # tokens inside comma terms beyond their first word, not counted as length
        while k < lim and k - i - inner < max(maxlen, _ROLE_NAME_MAX) and self.lowerish(k) and self.t[k].text.replace("/", "").isalpha():
            if n := L.comma_terms.match(self.t, k, lim):
                k, inner = k + n, inner + n - 1  # "Ban Chỉ đạo phòng, chống thiên tai": one term
                continue
            if (n := L.role_fields.match(self.t, k, lim)) and L.predicate_openers.match(self.t, k + n, lim):
                k += n  # "Hội đồng thẩm định chủ trì": a field the role predicate after it shows
                break
            if self.ender(k, lim) and (n := self._field_word(k, lim)) and not L.predicate_openers.match(self.t, k, lim):
                if strict and k == after_field:
                    break  # a second field predicate in a row is the sentence's: "... Giám định xây dựng kiểm tra việc ..."
                k, strict = k + n, True
                after_field = k
                continue
            if (self.is_(k, "và") and k > i and self.lowerish(k + 1)
                    and (not self.ender(k + 1, lim) or L.comma_terms.match(self.t, k + 1, lim))
                    and not self.starts_party(k + 1, lim) and not self.locality_at(k + 1, lim)):
                k += 1
                continue
            if (self._predicate_at(k, lim) or L.support.match(self.t, k, lim) or L.directing.match(self.t, k, lim)
                    or k > i and L.predicate_openers.match(self.t, k, lim)  # ("... đô thị định kỳ báo cáo")
                    or self.locality_at(k, lim) or L.modifiers.match(self.t, k, lim)
                    or L.loc_links.match(self.t, k, lim) or L.rel_owner.match(self.t, k, lim)
                    or L.rel_scope.match(self.t, k, lim) or L.cite_links.match(self.t, k, lim)
                    or L.dets.match(self.t, k, lim) or self.is_(k, "và", "của", "với", "hoặc", "có", "được", "là")
                    or L.name_stops.match(self.t, k, lim)):
                break
            k += 1
        if k == i:
            return i
        if L.name_stops.match(self.t, k, lim) and not strict:
            return k  # the nouns up to the predicate's phrase: "... tài nguyên và môi trường trong việc kiểm tra"
        if L.predicate_openers.match(self.t, k, lim) and self.lowerish(k):
            return k
        if k < lim and self.capish(k) and self._capitalised_predicate(i, k, lim):
            return k  # "... và thủy sản Tập trung chỉ đạo"
        if k - i - inner <= maxlen and self._localised_body(k, lim) is not None:
            return k  # its owner follows: "Đội Cảnh sát phòng cháy chữa cháy Công an huyện"
        if k - i - inner > maxlen:
            return self._tagged_noun_run(i, k)
        if (not strict and self.ender(k, lim) and not self._field_word(k, lim)
                and not self.is_(k, "được", "bị", "là", "có") and not self._inside_word(k, lim)):
            # a predicate verb that names no field ends the name ("... hoàn thiện hồ sơ");
            # a passive or a copula makes it a thing, not an actor ("Phòng họp trực tuyến được ...")
            return k
        if strict:
            if (k >= lim or self.t[k].text in (":", ".", "…", ")")
                    or k == after_field and (self.ender(k, lim) or L.name_stops.match(self.t, k, lim))
                    or self.is_(k, "(") and self._role_mark(k, lim) or self.locality_tail(k, lim) is not None):
                return k  # a field predicate with no object of its own ("... xây dựng khẩn trương")
            sep = self.t[k].text in (",", ";") or self.is_(k, "và")
            return k if sep and self.starts_party(k + 1, lim) else i
        if (k >= lim or self.t[k].text in (",", ";", ")", "(", ".", "…")
                or self.is_(k, "và") and self.starts_party(k + 1, lim)
                or self.locality_tail(k, lim) is not None):
            # (a locality tail follows: "Ban Chỉ đạo phòng, chống thiên tai tỉnh",
            # "... cấp nước, thoát nước và môi trường Thành phố")
            return k
        return self._tagged_noun_run(i, k)

    def _tagged_noun_run(self, i: int, k: int) -> int:
        """Where the words from ``i`` end in a verb no lexicon knows ("Tổng công
        ty Truyền tải điện quốc gia đẩy nhanh ...", "... hệ thống điện quốc gia
        tính toán ..."): the end of the nouns before that verb, as pyvi tags
        the run; ``i`` when the run does not open with nouns up to a verb."""
        words = [t.text for t in self.t[i:k]]
        if not words or not all(w.replace("/", "").isalpha() for w in words):
            return i
        j = i
        tagged = tag_words(" ".join(words))
        for n, (word, tag) in enumerate(tagged):
            if tag.startswith("V") and n + 2 < len(tagged) and tagged[n + 1][0] == "và" and tagged[n + 2][1] == "N":
                tag = "N"  # joined to a noun by "và", a noun pyvi tagged a verb: "nông_lâm_sản và thủy_sản"
            if word == "và" and 0 < n < len(tagged) - 1 and tagged[n + 1][1] == "N":
                tag = "N"  # (the conjunction inside the noun phrase)
            if tag.startswith("V"):
                return j  # (i itself when the run opens with the verb: no name)
            if tag == "E" and j > i:
                return j  # nouns up to a preposition that opens the predicate's phrase: "... thủy sản để mua thẻ"
            if tag not in ("N", "Np", "Nc"):
                return i
            j += word.count("_") + 1
        return i

    def _place_name_end(self, level_at: int, a: int, b: int) -> int:
        """End of the place name [a, b) after a level word at ``level_at``: a
        province or district name the administrative geography does not know,
        beginning with a family name, is the office holder's name that follows
        ("Phó Chủ tịch UBND tỉnh Trần Văn Bình"), and the level stays bare; a
        known name followed by one is cut there."""
        if b <= a or self.caps:
            return b
        from .. import geography
        from .persons import is_surname

        level = " ".join(x.low for x in self.t[level_at:a])
        if level not in geography.PROVINCE_LEVELS + geography.DISTRICT_LEVELS:
            return b
        words = [x.text for x in self.t[a:b]]
        known = next((a + m for m in range(len(words), 0, -1)
                      if geography.candidates(" ".join(words[:m]), level)), None)
        if known == b:
            return b
        start = known if known is not None else a
        if start < b and is_surname(self.t[start].text) and b - start >= 2:
            return start
        return b

    def proper_name(self, i: int, lim: int, maxlen: int = 4) -> int:
        """End of a place name after a locality word ("Lan Giới", "4"), or two
        joined by a dash, as the wards and communes of the 2025 reform are
        named ("phường Xuân Hương - Đà Lạt")."""
        k, dashes = i, 0
        while k < lim and k - i - dashes < maxlen:
            if (k > i and not dashes and not self.caps and self.t[k].text in _DASHES and self.capish(k + 1)
                    and self.t[k + 1].text.isalnum() and not self.t[k + 1].nl and not self.starts_party(k + 1, lim)
                    and not self._capitalised_predicate(i, k + 1, lim)):
                k, dashes = k + 1, 1
                continue
            if self.caps:
                if not self.word(k) or self.ender(k, lim) or self.starts_party(k, lim):
                    break
            elif not (self.capish(k) and self.t[k].text.isalnum()):
                break
            elif self.owner_at(k, lim) or self.title_at(k, lim):
                break
            elif self._capitalised_predicate(i, k, lim):
                break  # "... tỉnh Khẩn trương hoàn thành": the predicate, written with a capital
            k += 1
        return k - 1 if dashes and self.t[k - 1].text in _DASHES else k

    def _capitalised_predicate(self, name_start: int, k: int, lim: int) -> bool:
        """Does a capitalised predicate of two syllables or more ("Tập trung",
        "Chủ trì", "Khẩn trương") start at ``k``, after a place or body name
        that starts at ``name_start``? A place so named ("huyện Thống Nhất") is
        known to the geography."""
        n = self.L.capital_predicates.match(self.t, k, lim)
        if n < 2:
            return False
        if self.ender(k + 1, lim):
            return False  # "Trường Đại học Phạm Văn Đồng chủ trì": the predicate starts after the name
        from .. import geography

        return not geography.candidates(" ".join(x.text for x in self.t[name_start : k + n]))

    def locality_tail(self, i: int, lim: int) -> Optional[tuple[int, bool]]:
        """[của|ở|tại] [các] locality [Name] (, locality)* → (end, plural)."""
        k = i
        link = self.L.loc_links.match(self.t, k, lim) if self.lowerish(k) else 0
        k += link
        d = self.L.dets.match(self.t, k, lim) if self.lowerish(k) else 0
        k += d
        n = self.locality_at(k, lim) or (self.L.plural_categories.match(self.t, k, lim) if d else 0)
        caps_level = False
        if not n and self.capish(k) and not self.L.false_friends.match(self.t, k, lim):
            # "trên địa bàn Thành phố", "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            # "Ủy ban nhân dân các Huyện, Thị xã, Thành phố"
            n = self.L.localities.match(self.t, k, lim)
            caps_level = n > 0
        if not n:
            return None
        k += n
        k = self._place_name_end(k - n, k, self.proper_name(k, lim))
        # "các xã, thị trấn", "tỉnh, thành phố trực thuộc Trung ương": an
        # enumeration of levels (a level followed by its own name is another party)
        joined = False
        if d or k == i + link + n:
            # ("quận - huyện", "phường - xã": levels joined by a dash)
            while (self.is_(k, ",") or k < lim and self.t[k].text in _DASHES) and (
                    m := self.locality_at(k + 1, lim) or caps_level and self.capish(k + 1)
                    and self.L.localities.match(self.t, k + 1, lim)
                    or d and self.lowerish(k + 1) and self.L.plural_categories.match(self.t, k + 1, lim)):
                k2 = k + 1 + m
                if self.capish(k2) and not self.caps and not self._capitalised_predicate(k + 1, k2, lim):
                    break  # a level with its own name ("..., xã Phổ Phong"), not a predicate ("... Chủ động")
                k, joined = k2, True
        return k, bool(d) or joined

    def _person_name(self, a: int, b: int, cued: bool = False) -> bool:
        """Are tokens [a, b) exactly a personal name (the persons extractor's
        test; ``cued``: after "ông", "bà", "đồng chí")?"""
        from .persons import name_at

        words = [x.text for x in self.t[a:b]]
        if not all(w.isalpha() for w in words) or len(words) < 2:
            return False
        s = " ".join(words)
        h = name_at(s, 0, cued=cued)
        return h is not None and h.end == len(s)

    def person_name_len(self, i: int, lim: int) -> int:
        """Length of the longest personal name (2-5 syllables) at ``i``, or 0."""
        m = self.name_len(i, lim)
        while m >= 2 and not self._person_name(i, i + m):
            m -= 1
        return m if m >= 2 else 0

    def name_len(self, i: int, lim: int) -> int:
        """A personal name of 2-5 syllables."""
        k = i
        while k < lim and k - i < 5 and self.name_token(k):
            if self.title_at(k, lim) or self.unit_head_at(k, lim)[0] or self.owner_at(k, lim):
                break
            k += 1
        return k - i if k - i >= 2 else 0

    # -- conjunct -------------------------------------------------------------
    def conj(self, i: int, lim: int, nested: bool = False) -> Optional[Conj]:
        L, t = self.L, self.t
        k = i
        marker = 0 if nested else L.markers.match(t, k, lim)
        k += marker
        c = Conj(start=k)
        if marker:
            n = self.name_len(k, lim)
            if not n:
                # "ông Đoàn Duy Đức": after "ông"/"bà" a full personal name wins
                # over a unit head that is also a surname ("Đoàn", "Hội")
                run = 0
                while k + run < lim and run < 5 and self.name_token(k + run):
                    run += 1
                while run >= 2 and not self._person_name(k, k + run, cued=True):
                    run -= 1
                n = run if run >= 2 else 0
            if n:
                c.core_type, c.name = "person", (k, k + n)
                k += n
                c.end = k
                j = k + 1 if (self.is_(k, ",", "(") or (k < lim and t[k].text in _DASHES)) else k
                title = self.conj(j, lim, nested=True) if self.title_at(j, lim) else None
                if title is not None:
                    c.title = (j, title.end)
                    c.end = title.end
                    if self.is_(c.end, ")") and self.is_(k, "("):
                        c.end += 1
                return c
        if not marker and not nested and self.capish(k) and not self.caps:
            # "Nguyễn Văn Ba - Giám đốc Sở Tài chính" with no "đồng chí": a full
            # personal name followed by its office is the person
            m = self.person_name_len(k, lim)
            j = k + m
            if m and (self.is_(j, ",", "(") or j < lim and t[j].text in _DASHES) and self.title_at(j + 1, lim):
                title = self.conj(j + 1, lim, nested=True)
                if title is not None:
                    c.core_type, c.name, c.title = "person", (k, j), (j + 1, title.end)
                    c.end = title.end + (1 if self.is_(title.end, ")") and self.is_(j, "(") else 0)
                    return c
        d = L.dets.match(t, k, lim)
        if d and not self.lowerish(k) and not self.capish(k):
            d = 0
        c.det = bool(d)
        k += d
        core_end = self._core(c, k, lim, nested)
        if core_end is None:
            return None
        c.end = self._mods(c, core_end, lim)
        if c.core_type == "group" and c.det and self.is_(c.end, "và"):
            c.end = self._closing_category(c, c.end, lim)
        if c.core_type == "group" and c.det and self.is_(c.end, ","):
            c.end = self._paired_level(c.end, lim)
        return c

    def _paired_level(self, k: int, lim: int) -> int:
        """"Các cơ quan trung ương, địa phương": a level after a comma that
        pairs the collective's own last level (``level_pairs``) qualifies the
        same collective; ``k`` (the comma) when none does."""
        for level, partners in self.L.level_pairs:
            if _ends_with(self, level, k) and (m := partners.match(self.t, k + 1, lim)):
                e = k + 1 + m
                if e >= lim or not self.word(e) or self.ender(e, lim):
                    return e
        return k

    def _closing_category(self, c: Conj, k: int, lim: int) -> int:
        """End of a collective under one determiner whose last member is a
        short category noun after "và" at ``k`` ("Các bộ, cơ quan trung ương
        và địa phương", "các cơ quan, đơn vị và tổ chức liên quan"); ``k``
        when none follows. A category of several words ("và cơ quan nhà
        nước") or an enumeration of its own ("và cơ quan, đơn vị liên quan")
        is another party, as after "và" in a list (``_sep_conj``)."""
        L, j = self.L, k + 1
        n = L.generics.match(self.t, j, lim) if self.lowerish(j) else 0
        if not n or n >= 3 or L.distinct.match(self.t, j, lim) == n:
            return k
        q = j + n
        if self.is_(q, ",") and self.lowerish(q + 1) and L.generics.match(self.t, q + 1, lim):
            return k
        if self.capish(q) and not self.caps:
            return k  # "và xã Lan Giới": a named place
        c.n_generics += 1
        return self._mods(c, q, lim)

    def _office_with_body_after(self, e: int) -> bool:
        """Does an office with a body follow ``e`` after a comma or "và"? (read
        to the end: a list bounded at the comma still shares the next body; the
        body's first words only, so that a chain of bare offices costs no
        nested reading)"""
        if not self.is_(e, ",", "và"):
            return False
        j = e + 1 + self.L.dets.match(self.t, e + 1, self.n)  # "Chủ tịch, các Phó Chủ tịch ..."
        n = self.title_at(j, self.n)
        return bool(n) and self._body_at(j + n, self.n)

    def _body_at(self, e: int, lim: int) -> bool:
        """Does an office's body start at ``e`` ("các sở", "Huyện ủy", "Sở Y tế")?"""
        return bool(self.L.dets.match(self.t, e, lim) or self.owner_at(e, lim) or self.unit_head_at(e, lim)[0])

    def _core(self, c: Conj, k: int, lim: int, nested: bool) -> Optional[int]:
        L, t = self.L, self.t
        # a determiner prefers the generic reading ("các Ban", "các Tổ công
        # tác") unless a longer office starts there ("các Bộ trưởng")
        if c.det and not self.title_at(k, lim) > L.generics.match(t, k, lim):
            # ... but "các Phòng Lao động - Thương binh và Xã hội": a named unit
            named = self.unit_head_at(k, lim)[0] if self.capish(k) and not self.caps else 0
            g = None if named > L.generics.match(t, k, lim) else self._generics(c, k, lim)
            if g is not None:
                return g
        n = self.title_at(k, lim)
        if n:
            e = self.name_part(k + n, lim)
            if n > 1 and (u := self.unit_head_at(k + n - 1, lim)[0]) and k + n - 1 + u > e:
                # "Trưởng Ban Quản lý dự án đầu tư xây dựng huyện": the office's
                # last word heads a longer body name than the title reads
                n -= 1
                e = k + n
            c.core_type = "title"
            c.title = (k, k + n)
            # the office's body: "Bí thư Huyện ủy", "Thủ trưởng các sở, ngành",
            # "Chủ tịch Ủy ban nhân dân các phường"
            # ... or a category of bodies: "Thủ trưởng cơ quan ngang bộ"
            if self._body_at(e, lim) or e == k + n and self.L.generics.match(t, e, lim):
                sub = self.conj(e, lim, nested=True)
                if sub is not None and (owner := self._owner_after_organ(sub, sub.end, lim)) is not None:
                    sub.end, sub.has_loc = owner.end, True  # "Giám đốc Trung tâm Y tế Sở Y tế"
                if sub is not None:
                    c.complement = e
                    c.has_loc = c.has_loc or sub.has_loc or sub.loc_tail is not None
                    c.loc_tail = sub.loc_tail
                    c.loc_plural = sub.loc_plural or sub.det
                    c.rel_tail = sub.rel_tail
                    c.scope_tail = sub.scope_tail
                    c.drop.extend(sub.drop)
                    # "Phó Chủ tịch UBND tỉnh Trần Văn Bình": the holder is named
                    # after the office's body; the party is the person
                    m = self.person_name_len(sub.end, lim)
                    if m and self.capish(sub.end) and not self.caps:
                        c.core_type, c.name, c.title = "person", (sub.end, sub.end + m), (k, sub.end)
                        c.complement = None
                        return sub.end + m
                    return sub.end
            if e > k + n and self._person_name(k + n, e):
                # "Phó Thủ tướng Thường trực Chính phủ Phạm Gia Túc": the holder
                # is named, so the party is the person with the office as title
                c.core_type, c.name, c.title = "person", (k + n, e), (k, k + n)
                return e
            if e == k + n and tuple(x.low for x in t[k : k + n]) in L.titles_need_body:
                lt = self.locality_tail(e, lim)  # "Trưởng thôn", "Trưởng ... xã"
                if lt:
                    return lt[0]
                # the body is said otherwise: by the scope it answers for ("Phó
                # Giám đốc phụ trách lĩnh vực ..."), or by the office after it,
                # whose body a bare office shares (README §3: "Giám đốc, Phó
                # Giám đốc các Sở: A, B", "Trưởng và Phó Trưởng phòng Y")
                # ("Thủ trưởng, người đứng đầu các bộ": one collective, two words for it)
                if self.lowerish(e) and L.rel_scope.match(t, e, lim) or self._office_with_body_after(e) and (
                        tuple(x.low for x in t[k : k + n]) not in L.collective_titles):
                    return e
                return None
            return e
        n, named = self.unit_head_at(k, lim)
        if n:
            c.core_type, c.named_head = "unit", named
            return k + n
        n = L.collectives.match(t, k, lim)
        if n:
            sub = self.conj(k + n, lim, nested=True)
            if sub is not None and L.enders.match(t, sub.start, sub.end) == sub.end - sub.start:
                return None  # "Lãnh đạo tổ chức tốt đại hội": two verbs ("lead the organising of ..."), no body
            if sub is None:
                lt = self.locality_tail(k + n, lim)  # "Lãnh đạo xã"
                if lt is not None:
                    c.core_type, c.has_loc = "collective", True
                    return lt[0]
                # "Đội ngũ lãnh đạo chủ chốt": collective + collective + adjective
                m = L.collectives.match(t, k + n, lim)
                if m and L.modifiers.match(t, k + n + m, lim):
                    c.core_type = "collective"
                    return self._mods(c, k + n + m, lim)
                return None
            c.core_type = "collective"
            c.has_loc = sub.has_loc or sub.loc_tail is not None
            c.loc_tail, c.rel_tail, c.scope_tail = sub.loc_tail, sub.rel_tail, sub.scope_tail
            c.drop.extend(sub.drop)
            return sub.end
        n = self.locality_at(k, lim) or (L.localities.match(t, k, lim) if self.capish(k) else 0)
        if n and not L.false_friends.match(t, k, lim):
            e = self.proper_name(k + n, lim)
            if e > k + n:  # "xã Liên Chung"
                c.core_type, c.has_loc = "locality", True
                return e
            if c.det and (lt := self.locality_tail(k, lim)) is not None:
                # "Các tỉnh, thành phố trực thuộc Trung ương": the levels
                # under a determiner are a collective of their own
                c.core_type, c.n_generics = "group", 1
                return lt[0]
        if not c.det:
            return self._generics(c, k, lim)
        return None

    def _generics(self, c: Conj, k: int, lim: int) -> Optional[int]:
        """generic (, generic)*: one collective (README §3)."""
        L = self.L
        n = L.generics.match(self.t, k, lim) or (L.det_generics.match(self.t, k, lim) if c.det else 0)
        if not n or not (self.word(k)):
            return None
        # a capitalised generic without determiner is a sentence-initial word
        # ("Tổ chức lấy ý kiến"), unless an enumeration follows
        c.core_type, c.n_generics = "group", 1
        if L.distinct.match(self.t, k, lim) == n:
            return k + n  # "chính quyền, mặt trận": distinct bodies, not one collective
        k += n
        # under a determiner the categories may be capitalised ("các Tập đoàn,
        # Tổng công ty, doanh nghiệp nhà nước"), unless a name follows one
        while self.is_(k, ",") and L.generics.match(self.t, k + 1, lim) and (self.lowerish(k + 1) or (
                c.det and self.capish(k + 1) and not self.caps and not self.unit_head_at(k + 1, lim)[0])):
            m = L.generics.match(self.t, k + 1, lim)
            if L.distinct.match(self.t, k + 1, lim) == m:
                break
            q = k + 1 + m
            # merge only a bare category noun: "đoàn thể xã Lan Giới" yes,
            # "xã Liên Chung" (a named place) and "thành viên Ban ..." no
            if self.capish(q) and not self.caps and not self.locality_tail(q, lim) and not L.nationality.match(self.t, q, lim):
                break
            if self.locality_at(k + 1, lim) and self.capish(q):
                break
            k = q
            c.n_generics += 1
        if c.det:
            k = self._acronym_kinds(k, lim)
        return k

    def _acronym_kinds(self, k: int, lim: int) -> int:
        """Past the kinds a category is narrowed to, written as acronyms ("các
        trường THCS, THPT", "các phòng GD&ĐT"), unless a name follows them
        ("các trường THPT Lê Lợi, ..." names schools)."""
        j = k
        while j < lim and _ACRONYM.fullmatch(self.t[j].text):
            j += 1
            if self.is_(j, ",") and j + 1 < lim and _ACRONYM.fullmatch(self.t[j + 1].text):
                j += 1
        if j > k and not (j < lim and self.capish(j) and not self.caps):
            return j
        return k

    def _mods(self, c: Conj, k: int, lim: int) -> int:
        L, t = self.L, self.t
        while k < lim:
            if (t[k].low == "được" and c.n_generics == 0 and not c.det and c.core_type in ("unit", "title")
                    and L.assigned_by.match(t, k + 1, lim)):
                # "Sở Tài chính được giao chủ trì ...": after a named body or
                # office the passive is its predicate; it qualifies only a
                # category ("Tổ chức được giao thực hiện việc bồi thường")
                return k
            if self.is_(k, ",") and self.lowerish(k + 1) and L.rel_owner.match(t, k + 1, lim):
                # "các cơ quan tham mưu, giúp việc Đảng ủy": a second relation
                # after a comma still qualifies the same party
                m = L.rel_owner.match(t, k + 1, lim)
                if self.conj(k + 1 + m, lim, nested=True) is not None:
                    k += 1
                    continue
            n = self.owner_at(k, lim)
            if n:
                if t[k].low in {e[0] for e in L.localising} and tuple(x.low for x in t[k : k + n]) in L.localising:
                    c.has_loc = True
                if L.level_named.match(t, k, lim) == n and k + n < lim and not t[k + n].nl and not (
                        self.cap_verb(k + n, lim) or L.enders.match(t, k + n, lim)):
                    # the owner's place: "Ban Tổ chức Huyện ủy Phù Cát", "Ban
                    # Thường vụ Tỉnh ủy Quảng Nam" (as "Huyện ủy Phù Cát" alone;
                    # on its line, never a verb: "Ban Tuyên giáo Tỉnh ủy⏎Đồng chủ trì")
                    n = max(n, self.unit_head_at(k, lim)[0])
                k += n
                c.has_mods = True
                continue
            lt = self.locality_tail(k, lim)
            if lt is not None:
                c.loc_tail, c.loc_plural = (k, lt[0]), lt[1]
                c.has_loc = True
                c.has_mods = True
                k = lt[0]
                continue
            e = self._assigned_by(k, lim) if c.core_type in ("group", "unit") and t[k].low == "được" else None
            if e is not None:
                c.scope_tail = (k, e)  # "cơ quan được Chủ tịch UBND cấp tỉnh giao giải quyết thủ tục hành chính"
                c.has_mods = True
                k = e
                continue
            n = L.rel_qualifier.match(t, k, lim) if self.lowerish(k) and (
                c.core_type in ("group", "unit") or c.core_type == "title" and L.office_qualifier.match(t, k, lim)) else 0
            if n and (e := self._qualifier_end(k + n, lim, bare=t[k].low in ("được", "nơi"))) is not None:
                c.scope_tail = (k, e)
                c.has_mods = True
                k = e
                continue
            n = L.modifiers.match(t, k, lim) if self.lowerish(k) else 0
            if not n and c.n_generics and not c.named_head and self.capish(k):
                n = L.nationality.match(t, k, lim)  # "doanh nhân Việt Nam"
            if n and L.rel_owner.match(t, k, lim) == n and self.capish(k + n) and self.conj(k + n, lim, nested=True):
                n = 0  # "trực thuộc Huyện ủy", "trực thuộc Sở": the relation to its owner (below)
            if n and (c.named_head or c.core_type == "unit" and self.capish(c.start) and not c.det
                      and not c.n_generics) and L.category_modifiers.match(t, k, lim) == n:
                n = 0  # "Cục X, Bộ Công an có thẩm quyền xem xét": a named body has, not is, the competence
            if n:
                level = t[k].low == "cấp"
                k += n
                c.has_mods = True
                # "UBND cấp xã, phường, thị trấn": the level is an enumeration
                while level and self.is_(k, ",") and (m := L.localities.match(t, k + 1, lim)) and (
                        k + 1 + m >= lim or not self.word(k + 1 + m) or self.lowerish(k + 1 + m)):
                    k += 1 + m
                continue
            # ("thuộc hệ thống giáo dục ...": a scope, read below, not an owner)
            n = L.rel_owner.match(t, k, lim) if self.lowerish(k) and not L.rel_scope.match(t, k, lim) else 0
            if n:
                sub = self.conj(k + n, lim, nested=True)
                if sub is None and (m := self.owner_at(k + n, lim)):
                    k += n + m  # "các cơ quan của Đảng": an owner that is no party by itself
                    c.has_mods = True
                    continue
                m = self._bare_head(k + n, lim) if sub is None else 0
                if m:
                    k += n + m  # "các đơn vị thuộc Sở": a bare head, the body the text speaks for
                    c.has_mods = True
                    continue
                if sub is None:
                    if t[k].low == "trực" or L.rel_owner.match(t, k, lim) and self.is_(k + n, ","):
                        k += n  # bare "trực thuộc"
                        c.has_mods = True
                        continue
                    break
                e = sub.end
                c.drop.extend(sub.drop)
                # "thuộc Huyện ủy, UBND": coordinated owners belong to the relation
                while self.is_(e, ",") and self.owner_at(e + 1, lim):
                    e2 = e + 1 + self.owner_at(e + 1, lim)
                    lt2 = self.locality_tail(e2, lim)
                    e2 = lt2[0] if lt2 else e2
                    if e2 >= lim or self.ender(e2, lim) or self.is_(e2, ",", ".", ";", ":", ")"):
                        e = e2
                    else:
                        break
                c.rel_tail = (k, e)
                c.has_loc = c.has_mods = True
                k = e
                continue
            n = L.rel_scope.match(t, k, lim) if self.lowerish(k) else 0
            if not n and self.lowerish(k) and c.n_generics and not c.named_head and c.core_type in ("group", "unit"):
                n = L.category_scope.match(t, k, lim)
                if n and L.scope_topics.match(t, k + n, lim):
                    n = 0
            if n:
                e = k + n
                lt = self.locality_tail(e, lim)
                if lt is not None and lt[1]:
                    e = lt[0]  # "phụ trách các xã, thị trấn": the levels it answers for, whole
                while e < lim and (self.word(e) or t[e].text in _DASHES and self.lowerish(e + 1)) and e - k < _SCOPE_MAX:
                    if not self.word(e):
                        e += 1  # a field written with a dash: "phụ trách khối văn hóa - xã hội"
                        continue
                    m = self.ender(e, lim)
                    if m and not (L.name_fields.match(t, e, lim) and self.ender(e + m, lim)):
                        break  # ("phụ trách lĩnh vực xây dựng chỉ đạo": a field, then the predicate)
                    e += m or 1
                while e > k + n and t[e - 1].low in _OPEN_WORDS:
                    e -= 1  # ("... đến địa phương | trong tổ chức thực hiện": the next phrase's preposition)
                if e == k + n:
                    break
                c.scope_tail = (k, e)
                c.has_mods = True
                k = e
                continue
            n = L.ref_links.match(t, k, lim) if self.lowerish(k) else 0
            if n and (e := self._reference_end(k + n, lim)) > k + n:
                c.has_mods = True  # "nêu tại Điều 7 Quy định này": kept, as "nêu trên"
                k = e
                continue
            n = L.cite_links.match(t, k, lim) if self.lowerish(k) else 0
            if n and L.cite_types.match(t, k + n, lim):
                e = k + n
                # a cited document runs to the predicate: "theo Quyết định số
                # 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ Huyện ủy"
                while e < lim and not self.ender(e, lim) and not self.is_(e, ";", ".", ":") and e - k < 30:
                    e += 1
                c.drop.append((k, e))
                k = e
                continue
            n = L.founded_by.match(t, k, lim)
            if n and self.lowerish(k) and (sub := self.conj(k + n, lim, nested=True)) and (
                    m := L.founded_verbs.match(t, sub.end, lim)):
                c.has_mods = True  # "... công ty do Thủ tướng Chính phủ quyết định thành lập"
                k = sub.end + m
                continue
            n = L.led_by.match(t, k, lim) if self.lowerish(k) else 0
            if n and (L.markers.match(t, k + n, lim) or self.title_at(k + n, lim) or self.person_name_len(k + n, lim)):
                e = k + n
                while e < lim and e - k < 30 and not self.is_(e, ";", ".", ":") and not L.led_by_ends.match(t, e, lim):
                    e += 1
                if e < lim and (m := L.led_by_ends.match(t, e, lim)):
                    c.drop.append((k, e + m))  # "... do đồng chí Y làm Trưởng đoàn"
                    k = e + m
                    continue
            break
        return k

    def _reference_end(self, j: int, lim: int) -> int:
        """End of a reference to a part of the text starting at ``j`` ("Điều 7
        Quy định này", "khoản 1 Điều 2"): words of ``text_references.parts``
        and numbers, then the text's own name if it follows; ``j`` when it
        starts with no part."""
        if not self.L.ref_parts.match(self.t, j, lim):
            return j
        e = j
        while e < lim and e - j < 12:
            n = self.L.ref_parts.match(self.t, e, lim)
            if n:
                e += n
            elif self.word(e) and (self.t[e].text[0].isdigit() or len(self.t[e].text) == 1 or self.t[e].text.isupper()):
                e += 1  # "1", "a", a Roman numeral
            else:
                break
        return e + self.L.ref_this.match(self.t, e, lim)

    def _bare_head(self, k: int, lim: int) -> int:
        """Length of a capitalised head noun with no name after it ("Sở",
        "Bộ", "UBND"), the body the text speaks for; 0 if there is none."""
        m = self.L.named_heads.match(self.t, k, lim) or self.L.fixed_heads.match(self.t, k, lim)
        return m if m and self.capish(k) and not self.capish(k + m) else 0

    def _assigned_by(self, k: int, lim: int) -> Optional[int]:
        """End of a passive qualifier with its agent at ``k`` ("được"): "được
        <party> giao <task>" names a body by what another one gave it to do
        ("cơ quan được Chủ tịch Ủy ban nhân dân cấp tỉnh giao giải quyết thủ
        tục hành chính trong lĩnh vực X"). The task opens with its own verb and
        runs to the next predicate word, or to a comma before one; ``None``
        when the words are no such qualifier."""
        agent = self.conj(k + 1, lim, nested=True)
        if agent is None:
            return None
        v = agent.end
        n = self.L.assigned_by.match(self.t, v, lim) if self.lowerish(v) else 0
        if not n:
            return None
        e = v + n + 1  # the task's own verb
        while e < lim and e - v < 20:
            if m := self.L.task_terms.match(self.t, e, lim):
                e += m  # "... giao tiếp nhận hồ sơ giải quyết thủ tục hành chính": one term
                continue
            if not self.word(e):
                # (a comma closing so long a subject goes with it: "..., thực hiện kiểm tra")
                return e + 1 if self.is_(e, ",") and self._predicate_at(e + 1, lim) else None
            if self.lowerish(e) and self._predicate_at(e, lim):
                return e
            e += 1
        return None

    def _qualifier_end(self, j: int, lim: int, bare: bool = False) -> Optional[int]:
        """End of a relative qualifier's object starting at ``j`` (see
        ``relations.qualifier``): the predicate opener that follows it, else
        the first predicate after at least one word; ``None`` when neither
        closes it. A passive or place qualifier (``bare``) needs no object:
        "Cơ quan được lấy ý kiến có trách nhiệm"; an active one does ("các
        đơn vị tham gia tích cực": "tham gia" is the predicate)."""
        L, e = self.L, j
        while e < lim and e - j < 20:
            if n := L.comma_terms.match(self.t, e, lim):
                e += n  # "làm nhiệm vụ bồi thường, hỗ trợ và tái định cư": one term
                continue
            if not self.word(e):
                break
            if self.lowerish(e) and (L.predicate_openers.match(self.t, e, lim) or L.obligation.match(self.t, e, lim)):
                return e if e > j or bare else None
            e += 1
        # (a passive or place qualifier's object may open with its own verb:
        # "nơi tiếp nhận hồ sơ", "được giao quản lý")
        e = j + 1 if bare and self._predicate_at(j, lim) else j
        while e < lim and e - j < 12:
            if n := L.comma_terms.match(self.t, e, lim):
                e += n
                continue
            if not self.word(e) or self._predicate_at(e, lim):
                break
            e += 1
        return e if e < lim and self.word(e) and e > j else None

    # -- lists ---------------------------------------------------------------
    def conj_list(self, i: int, lim: int, bounded: bool) -> tuple[list[Conj], int]:
        first = self.conj(i, lim)
        if first is None:
            return [], i
        out = [first]
        k = first.end
        while k < lim:
            if self.is_(k, "(") and (mark := self._role_mark(k, lim)) is not None:
                out[-1].role, k = mark  # "Giao Sở X (chủ trì) và Sở Y (phối hợp) ..."
                if any(c.role for c in out[:-1]):
                    # "Sở A (chủ trì), Sở B, Sở C (phối hợp)": the mark closes the parties since the last one
                    for c in reversed(out[:-1]):
                        if c.role is not None:
                            break
                        c.role = out[-1].role
                continue
            if (owner := self._owner_after_organ(out[-1], k, lim)) is not None:
                out[-1].end = k = owner.end  # "Phòng Cảnh sát giao thông Công an tỉnh"
                out[-1].has_loc = True
                continue
            if self.t[k].text in _DASHES and (parent := self._parent_after_dash(out[-1], k, lim)) is not None:
                out[-1].end = k = parent.end  # "Cục Chính sách - Tổng cục Chính trị": one body
                continue
            if bounded:
                # words the grammar does not know stay with the current party
                # until a separator that starts a new one
                if not (self._sep(k) and self._sep_conj(k, lim)):
                    k2 = self._mods(out[-1], k + 1, lim) if self.word(k) or self.t[k].text in _DASHES else k + 1
                    out[-1].end = k = max(k2, k + 1)
                    continue
            if self._sep(k):
                nxt = self._sep_conj(k, lim)
                if nxt is not None:
                    prev = out[-1]
                    if prev.core_type == "person" and prev.title and nxt.core_type == "title" and not nxt.det:
                        # "Vũ Thị X - Bí thư Đảng ủy, Chủ tịch HĐND xã": both offices are hers
                        prev.title = (prev.title[0], nxt.end)
                        prev.end = k = nxt.end
                        continue
                    if self._organ_of_ministry(prev, nxt, k):
                        prev.end = k = nxt.end  # "Cục Quản lý xuất nhập cảnh, Bộ Công an"
                        continue
                    out.append(nxt)
                    k = nxt.end
                    continue
            break
        return out, k

    def _role_mark(self, k: int, lim: int) -> Optional[tuple[str, int]]:
        """(role, end) of a bracketed role after a party at ``k``: "(chủ trì)",
        "(phối hợp)", "(cơ quan chủ trì)"; None if the bracket holds none."""
        for role, lex in (("lead", self.L.role_label_lead), ("support", self.L.role_label_support)):
            n = lex.match(self.t, k + 1, lim)
            if n and self.is_(k + 1 + n, ")"):
                return role, k + 2 + n
        return None

    def _owner_after_organ(self, prev: Conj, k: int, lim: int) -> Optional[Conj]:
        """The body an organ belongs to, written right after it on the same
        line: one with its locality ("Văn phòng Công an tỉnh") or a named
        parent ("Thanh tra Sở Y tế"); None if there is none."""
        if (prev.core_type != "unit" or prev.det or prev.has_loc
                or not self.L.organs_before_owner.match(self.t, prev.start, prev.end)):
            return None
        body = self._localised_body(k, lim)
        if body is None and k < lim and self.capish(k) and not self.t[k].nl and not self.caps:
            nxt = self.conj(k, lim)
            if (nxt is not None and nxt.core_type == "unit" and not nxt.det and nxt.named_head
                    and nxt.end - nxt.start > 1 and self.L.owning_parents.match(self.t, k, nxt.end)):
                body = nxt
        return body

    def _localised_body(self, k: int, lim: int) -> Optional[Conj]:
        """A capitalised body with its locality at ``k``, on the line of the
        words before it ("Công an tỉnh", "UBND huyện Sơn Tịnh"), else None."""
        if k >= lim or not self.capish(k) or self.t[k].nl:
            return None
        nxt = self.conj(k, lim)
        if nxt is None or nxt.core_type != "unit" or nxt.det:
            return None
        # (a known body may hold its locality in its name: "Công an tỉnh")
        if nxt.has_loc or nxt.loc_tail is not None or any(
                self.L.localities.match(self.t, x, nxt.end) for x in range(nxt.start + 1, nxt.end)):
            return nxt
        return None

    def _organ_of_ministry(self, prev: Conj, nxt: Conj, sep: int) -> bool:
        L = self.L
        return (
            self.is_(sep, ",") and prev.core_type == "unit" and nxt.core_type == "unit"
            and not prev.det and not nxt.det
            # an organ that names its locality is the province's, of no ministry: "Cục Thuế tỉnh, Bộ X"
            and not prev.has_loc and prev.loc_tail is None
            and bool(L.ministry_organs.match(self.t, prev.start, prev.end))
            and bool(L.ministries.match(self.t, nxt.start, nxt.end)) and nxt.end - nxt.start > 1
        )

    def _parent_after_dash(self, prev: Conj, k: int, lim: int) -> Optional[Conj]:
        """The body an organ belongs to, after a dash at ``k``: "Cục Chính
        sách - Tổng cục Chính trị", "Vụ Pháp chế - Bộ Tư pháp"; None if the
        dash does not join an organ (Cục, Vụ, Viện ...) to an organ or a ministry."""
        L = self.L
        if prev.core_type != "unit" or prev.det or not L.ministry_organs.match(self.t, prev.start, prev.end):
            return None
        nxt = self.conj(k + 1, lim)
        if (nxt is None or nxt.core_type != "unit" or nxt.det or nxt.end - nxt.start < 2
                or not (L.ministry_organs.match(self.t, nxt.start, nxt.end) or L.ministries.match(self.t, nxt.start, nxt.end))):
            return None
        return nxt

    def _sep(self, k: int) -> bool:
        return self.is_(k, ",", "và", ";", "&")

    def _sep_conj(self, k: int, lim: int) -> Optional[Conj]:
        j = k + 1
        if self.is_(k, ",") and self.is_(j, "và"):
            j += 1
        c = self.conj(j, lim)
        if c is None:
            return None
        # a lone capitalised category noun after "và" is part of a name we
        # could not read, not a new party
        if (c.core_type == "group" and c.n_generics == 1 and not c.det and not c.has_mods
                and self.L.actor_nouns.match(self.t, j, lim) != c.end - j):
            # (a lower-case category of several words is a party of its own:
            # "các bộ, ngành và cơ quan nhà nước"; so is an actor noun, named
            # by its function: "cấp có thẩm quyền, Cơ quan điều tra, Tòa án")
            if self.capish(j) or self.caps or self.is_(k, "và", "&") and (c.end - j < 3 or self.capish(j)):
                return None
        return c


# ---------------------------------------------------------------------------
# From conjuncts to Party objects
# ---------------------------------------------------------------------------


def _is_caps(doc: Doc, start: int, end: int) -> bool:
    letters = list(filter(str.isalpha, doc.text[start : min(end, start + 300)]))
    if len(letters) < 6:
        return False
    return sum(map(str.isupper, letters)) / len(letters) > 0.85


def _words(doc: Doc, toks: list[Tok], a: int, b: int, drop=()) -> str:
    """Working text of tokens [a, b) minus the dropped ranges, spaces collapsed."""
    pieces, k = [], a
    for d0, d1 in sorted(drop):
        if d1 <= a or d0 >= b:
            continue
        if d0 > k:
            pieces.append(doc.text[toks[k].start : toks[d0 - 1].end])
        k = max(k, d1)
    if k < b:
        pieces.append(doc.text[toks[k].start : toks[b - 1].end])
    if any("\n\n" in x for x in pieces):
        pieces = [_without_furniture(doc, toks, a, b, x) for x in pieces]
    return clean_value(" ".join(pieces))


def _without_furniture(doc: Doc, toks: list[Tok], a: int, b: int, piece: str) -> str:
    """``piece`` without the page furniture ``_tokenize`` dropped from it: a
    gap between two of its tokens that is not blank held dropped lines."""
    out = piece
    for i in range(a, b - 1):
        gap = doc.text[toks[i].end : toks[i + 1].start]
        if gap and not gap.isspace():
            out = out.replace(gap, " ", 1)
    return out


def _trim_end(p: Parser, a: int, b: int) -> int:
    # trailing separators, dashes or a conjunction never belong to a party
    # ("làm việc với Sở Y tế và", a phrase cut before the next act)
    while b > a and (not p.t[b - 1].is_word and p.t[b - 1].text not in (")",)
                     or b - 1 > a and p.t[b - 1].low in ("và", "hoặc")):
        b -= 1
    return b


_LEVEL_WORDS = frozenset({"tinh", "thanh", "huyen", "quan", "thi", "xa", "phuong", "tran"})


def _other_level(cand: str, known: str) -> bool:
    """Do two names differ in a level word ("Thành ủy" / "Tỉnh ủy", "quận" /
    "huyện")? That is another body, never a spelling variant."""
    a, b = unaccent(cand).casefold().split(), unaccent(known).casefold().split()
    return any(x != y and (x in _LEVEL_WORDS or y in _LEVEL_WORDS) for x, y in zip(a, b))


def _by_first_word(names) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for g in names:
        if g.split():
            out.setdefault(g.split()[0].casefold(), []).append(g)
    return out


@lru_cache(maxsize=4096)
def _canonical(value: str) -> str:  # (a pure function of the value and the rules)
    """Replace the head of a unit name by its gazetteer spelling when it is a
    spelling variant (case, "&" for "và", dash style). Abbreviated words
    (PTNT, TN&MT) are kept as written (SPEC)."""
    L = _lex()
    words = value.split()
    if any(len(w) >= 2 and w.isupper() and any(ch.isalpha() for ch in w) for w in words):
        return value
    best, best_n, best_score = None, 0, 0.0
    # a spelling variant, never another head ("Ngân hàng" is no "Phòng"): only
    # the names with the same first word are candidates
    for g in L.gazetteer.get(words[0].casefold() if words else "", ()):
        n = len(g.split())
        for m in (n - 1, n, n + 1):
            if m < 2 or m > len(words):
                continue
            cand = " ".join(words[:m])
            if "," in cand.rstrip(",;") and "," not in g:
                continue  # fields the name enumerates are no variant of a dashed pair (", Thể thao và ...")
            score = fuzz.ratio(cand.casefold(), g.casefold())
            if score < L.gazetteer_min and unaccent(cand).casefold() == unaccent(g).casefold():
                score = L.gazetteer_min  # only marks differ, as OCR loses them: "Sở Nôi vụ"
            if score >= L.gazetteer_min and _other_level(cand, g):
                continue  # "Văn phòng Thành ủy" is no spelling of "Văn phòng Tỉnh ủy" (a lower score never wins)
            if score > best_score or (score == best_score and m > best_n):
                best, best_n, best_score = g, m, score
    if best is None or best_score < L.gazetteer_min:
        return value
    # a comma closing the matched words stays ("Tổng cục Thuế, Bộ Tài chính")
    tail = words[best_n - 1][len(words[best_n - 1].rstrip(",;")):]
    return " ".join([best + tail] + words[best_n:])


def _build(doc: Doc, p: Parser, conjs: list[Conj], role, method: str, conf: float) -> list[Party]:
    L = p.L
    # a party never ends in a determiner: "Ủy ban nhân dân các" is a name cut
    # by a page or a table cell, its plural noun lost
    conjs = [c for c in conjs if not (c.end > c.start + 1 and L.dets.match(p.t, c.end - 1, c.end))]
    if not conjs:
        return []
    extra: dict[int, str] = {}  # conjunct index -> composed suffix
    last = conjs[-1]

    # 1. a bare office before an office with a body gets that body:
    #    "Bí thư, Phó Bí thư các chi, đảng bộ ..." / "Chủ tịch, các Phó Chủ tịch UBND huyện"
    #    (also inside a list: "Chủ tịch, Tổng giám đốc các Tập đoàn, ..., cơ quan, tổ chức")
    for j in range(len(conjs) - 1, 0, -1):
        cj = conjs[j]
        if cj.core_type != "title" or cj.complement is None or j - 1 in extra:
            continue
        tail = _words(doc, p.t, cj.complement, _trim_end(p, cj.complement, cj.end), cj.drop)
        for idx in range(j - 1, -1, -1):
            c = conjs[idx]
            if (c.core_type != "title" or c.complement is not None or c.has_mods or _names_its_body(p, c)
                    or _trim_end(p, c.start, c.end) != c.title[1]):
                break  # (not an office with words of its own: "Chánh Văn phòng Bộ")
            extra[idx] = tail
    # 2. an office's scope is shared: "Ủy viên BTV Huyện ủy, Huyện ủy viên phụ trách xã"
    if last.core_type == "title" and last.scope_tail is not None:
        tail = _words(doc, p.t, *last.scope_tail)
        for idx in range(len(conjs) - 2, -1, -1):
            c = conjs[idx]
            if c.core_type != "title" or c.scope_tail is not None or idx in extra:
                break
            extra[idx] = tail
    # 3. a trailing locality is shared by the conjuncts before it that have none:
    #    "Đảng uỷ, UBND và các ngành, đoàn thể xã Lan Giới"
    if last.loc_tail is not None and last.loc_tail[0] > last.start:
        a, b = last.loc_tail
        a += L.loc_links_dropped.match(p.t, a, b)  # "của huyện" is copied as "huyện"
        tail = _words(doc, p.t, a, b)
        # levels without a name do not reach a body of another level: "Sở X
        # và UBND các quận, huyện" (the plural is the districts'), "Sở Tài
        # chính, Kho bạc Nhà nước tỉnh" (a department is the province's anyway)
        bare = not any(p.capish(x) for x in range(a, b))
        level = a + L.dets.match(p.t, a, b)
        provincial_tail = p.is_(level, "tỉnh") or p.is_(level, "thành") and p.is_(level + 1, "phố")
        for idx in range(len(conjs) - 2, -1, -1):
            c = conjs[idx]
            if idx in extra or _names_its_body(p, c) or _takes_no_locality(p, c):
                continue
            if (c.core_type in ("person", "locality") or c.has_loc or any(
                    p.locality_at(x, c.end) or L.level_named.match(p.t, x, c.end) for x in range(c.start + 1, c.end))
                    or L.level_named.match(p.t, c.start, c.end) == c.end - c.start):
                break  # (a known name holding its own: "Công an tỉnh, Phòng X huyện"; "Văn phòng Huyện ủy";
                # a body that names its level, "Huyện đoàn, Hội Nông dân huyện")
            if _ends_with(p, L.closing_modifiers, _trim_end(p, c.start, c.end)):
                break  # "các sở, ngành liên quan và UBND thành phố X": a collective already closed
            if last.loc_plural and (c.det or c.loc_plural or c.complement is not None):
                break  # "Thủ trưởng các sở, ngành và Chủ tịch UBND các phường"
            known = p.capish(c.start) and L.gazetteer_lex.match(p.t, c.start, c.end) == c.end - c.start
            if known and bare and (last.loc_plural or L.provincial_heads.match(p.t, c.start, c.end)):
                continue
            # a body with a name of its own is no body of each district: "Chi cục
            # Kiểm lâm, Sở Tư pháp, UBND các huyện"; nor is a level-named one ("Tỉnh đoàn")
            if bare and last.loc_plural and (c.named_head or any(
                    L.false_friends.match(p.t, x, c.end) for x in range(c.start, c.end))):
                continue
            # a department is the province's: "Sở Tư pháp, Công an xã Tịnh Phong";
            # the locality does not reach past it either ("Phòng X, Sở Tài chính
            # và UBND huyện Y": Phòng X is not said to be the district's)
            if L.provincial_heads.match(p.t, c.start, c.end) and not provincial_tail:
                break
            extra[idx] = tail
    # 3b. inside a longer list, a locality closing an "A và B xã X" pair is
    #    shared by A: "MTTQVN và các tổ chức chính trị - xã hội xã, Ban ..."
    for j in range(len(conjs) - 2, 0, -1):
        cj, prev = conjs[j], conjs[j - 1]
        if cj.loc_tail is None or cj.loc_tail[0] <= cj.start or cj.loc_plural:
            continue
        if not p.is_(cj.start - 1, "và") or j - 1 in extra:
            continue
        if prev.core_type in ("person", "locality") or prev.has_loc or _takes_no_locality(p, prev):
            continue
        a, b = cj.loc_tail
        a += L.loc_links_dropped.match(p.t, a, b)
        extra[j - 1] = _words(doc, p.t, a, b)

    # 4. a Party committee closing a conjunct is shared by its organs before it
    for j in range(len(conjs) - 1, 0, -1):
        cj = conjs[j]
        b_j = _trim_end(p, cj.start, cj.end)
        k = next((k for k in range(cj.start + 1, b_j)
                  if L.shared_owners.match(p.t, k, b_j) and k + L.shared_owners.match(p.t, k, b_j) == b_j), None)
        if k is None:
            continue
        tail = _words(doc, p.t, k, b_j)
        for idx in range(j - 1, -1, -1):
            c = conjs[idx]
            if idx in extra or c.has_loc or c.det or c.core_type != "unit" or not L.owner_organs.match(p.t, c.start, c.end):
                break
            if any(L.owners.match(p.t, x, c.end) for x in range(c.start + 1, c.end)) or p.t[c.end - 1].low == "đảng":
                break  # it names its owner already ("Ban Xây dựng Đảng")
            extra[idx] = tail

    # 5. a closing "liên quan" is shared by the collectives before it ("cùng cấp"
    #    by the units too)
    b_last = _trim_end(p, last.start, last.end)
    mod = next((k for k in range(max(last.start + 1, b_last - 3), b_last)
                if L.shared_mods.match(p.t, k, b_last) and k + L.shared_mods.match(p.t, k, b_last) == b_last), None)
    kinds = ("group", "unit") if mod is not None and L.unit_shared_mods.match(p.t, mod, b_last) else ("group",)
    if mod is not None and last.core_type in kinds:
        for idx in range(len(conjs) - 2, -1, -1):
            c = conjs[idx]
            if idx in extra or c.core_type not in kinds or c.has_mods or c.has_loc:
                break
            extra[idx] = _words(doc, p.t, mod, b_last)

    # 6. a bare place after "HEAD level A" takes the head: "UBND xã A, xã B" ->
    #    "UBND xã B", "Chủ tịch UBND xã A, xã B" -> "Chủ tịch UBND xã B"
    prefix: dict[int, tuple[str, str]] = {}  # conjunct index -> (head words, kind)
    for j in range(1, len(conjs)):
        cj, prev = conjs[j], conjs[j - 1]
        if cj.core_type != "locality":
            continue
        if j - 1 in prefix and p.t[prev.start].low == p.t[cj.start].low:
            prefix[j] = prefix[j - 1]  # "..., xã B, xã C"
            continue
        if prev.loc_tail is None or prev.core_type not in ("unit", "title") or prev.det or prev.loc_plural:
            continue
        a = prev.loc_tail[0] + L.loc_links_dropped.match(p.t, prev.loc_tail[0], prev.loc_tail[1])
        if a > prev.start and a < p.n and p.t[a].low == p.t[cj.start].low:  # the same level word
            prefix[j] = (_words(doc, p.t, prev.start, a, prev.drop), "position" if prev.core_type == "title" else "unit")

    out: list[Party] = []
    for idx, c in enumerate(conjs):
        c_role = c.role or role
        if c.core_type == "person":
            a, b = c.name
            name = _words(doc, p.t, a, b)
            title = _words(doc, p.t, *c.title) if c.title else None
            txt, span = doc.ground(p.t[a].start, p.t[b - 1].end)
            out.append(
                Party(text=txt, span=span, value=name, kind="person", role=c_role,
                      person=PersonRef(name=name, title=title or None),
                      confidence=conf, method=method)
            )
            continue
        b = _trim_end(p, c.start, c.end)
        if b <= c.start:
            continue
        pieces = _office_over_categories(p, c, b) if idx not in extra else None
        if pieces:
            # "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ": the office
            # of each category ("Thủ trưởng cơ quan thuộc Chính phủ")
            title = _words(doc, p.t, *c.title)
            for n, (a, z) in enumerate(pieces):
                txt, span = doc.ground(p.t[c.start if n == 0 else a].start, p.t[z - 1].end)
                out.append(Party(text=txt, span=span, value=title + " " + _words(doc, p.t, a, z), kind="position",
                                 role=c_role, confidence=round(conf * (1.0 if n == 0 else 0.9), 3), method=method))
            continue
        own = _words(doc, p.t, c.start, b, c.drop)
        if not own:
            continue
        value = own + (" " + extra[idx] if idx in extra else "")
        if idx in prefix:
            value = prefix[idx][0] + " " + value
        if c.core_type == "unit" and not c.det:
            value = _canonical(value)
        # kind (README §3)
        if c.core_type == "title":
            tw = tuple(x.low for x in p.t[c.title[0] : c.title[1]])
            kind = "group" if tw in L.collective_titles and (c.loc_plural or c.complement is not None and p.L.dets.match(p.t, c.complement)) else "position"
        elif c.core_type in ("collective",) or c.det or c.n_generics > 1:
            kind = "group"
        elif c.core_type == "unit" and c.loc_plural:
            kind = "group"
        else:
            kind = "unit"
        if idx in prefix:
            kind = prefix[idx][1]
        # own words for grounding: without a dropped clause at the end
        gb = b
        for d0, d1 in c.drop:
            if d1 >= gb and d0 < gb:
                gb = _trim_end(p, c.start, d0)
        txt, span = doc.ground(p.t[c.start].start, p.t[gb - 1].end)
        composed = idx in extra or idx in prefix or value != txt
        out.append(
            Party(text=txt, span=span, value=value, kind=kind, role=c_role,
                  confidence=round(conf * (0.9 if composed else 1.0), 3), method=method)
        )
    return out


def _takes_no_locality(p: Parser, c: Conj) -> bool:
    """A body of the centre alone (``national_bodies``), an actor of no level
    (``levelless_actors``) or the writer's own body: no locality is shared to it."""
    L, b = p.L, _trim_end(p, c.start, c.end)
    if p.capish(c.start) and L.national.match(p.t, c.start, b) == b - c.start:
        return True
    if L.levelless.match(p.t, c.start, b) == b - c.start:
        return True
    if c.core_type == "title" and c.complement is not None and c.complement < b and (
            L.national.match(p.t, c.complement, b) == b - c.complement):
        return True  # an office of one: "Bộ trưởng Bộ Quốc phòng, Bí thư Đảng ủy xã X"
    if b - 1 > c.start and p.capish(b - 1) and not p.caps and L.named_heads.match(p.t, b - 1, b) == 1:
        return True  # the writer's own body by its head noun alone: "Văn phòng Sở", "Giám đốc Sở", "Lãnh đạo Bộ"
    return _ends_with(p, L.national_ends, b, c.start + 1)  # ("... Trung ương", not the whole name)


def _names_its_body(p: Parser, c: Conj) -> bool:
    """An office alone whose word names its body ("Bộ trưởng", ``titles_with_body``)."""
    return (c.core_type == "title" and c.complement is None and c.title is not None and c.title[1] == c.end
            and tuple(x.low for x in p.t[c.title[0] : c.title[1]]) in p.L.titles_with_body)


def _office_over_categories(p: Parser, c: Conj, b: int) -> Optional[list[tuple[int, int]]]:
    """Token ranges of the categories an office without determiner is held
    over, when there are several ("Thủ trưởng cơ quan ngang bộ, cơ quan thuộc
    Chính phủ"), else None. With a determiner the categories are one
    collective ("Thủ trưởng các sở, ban, ngành")."""
    if c.core_type != "title" or c.complement is None or c.title is None or c.drop:
        return None
    if c.complement != c.title[1] or p.L.dets.match(p.t, c.complement, b):
        return None
    cuts = [k for k in range(c.complement, b) if p.is_(k, ",", "và")]
    if not cuts:
        return None
    bounds = [c.complement] + [k + 1 for k in cuts]
    ends = cuts + [b]
    pieces = list(zip(bounds, ends))
    if any(z <= a or not p.lowerish(a) or not p.L.generics.match(p.t, a, z) for a, z in pieces):
        return None
    return pieces


def _dedupe(parties: list[Party]) -> list[Party]:
    """One party per value; a party read again as a piece of a longer one of
    the same role ("phường, thị trấn" inside "Ủy ban nhân dân xã, phường, thị
    trấn") is that one."""
    seen, out = set(), []
    keys = [normalise_tone(q.value).casefold() for q in parties]
    for q, key in zip(parties, keys):
        if key in seen:
            continue
        if len(parties) > 1 and q.span and any(
            r is not q and r.role == q.role and r.span and r.span[0] <= q.span[0] and q.span[1] <= r.span[1]
            and (r.span[1] - r.span[0]) > (q.span[1] - q.span[0]) and key in k2
            for r, k2 in zip(parties, keys)
        ):
            continue
        seen.add(key)
        out.append(q)
    return out


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


_REPRESENTATIVES = {"lãnh", "đạo", "đại", "diện"}


def _distributive(doc: Doc, p: Parser, i: int, lim: int, role, method: str, conf: float
                  ) -> Optional[tuple[list[Party], int]]:
    """A plural head with a colon list: ``các Bộ: Tài chính, Tư pháp`` →
    ``Bộ Tài chính``, ``Bộ Tư pháp``; ``UBND các xã: A, B`` → ``UBND xã A`` ...;
    ``Giám đốc các Sở: A, B`` → ``Giám đốc Sở A`` ...; an item that is a full
    name by itself (``lãnh đạo các sở, ngành: Sở Tài chính, ...``) stays as it is.
    A leader word before the head (``lãnh đạo``, ``đại diện``) stands for the
    body. Returns the parties (span = the item's own words) and the end token."""
    t = p.t
    while i < lim and t[i].text in _BULLETS:
        i += 1
    colon = next((k for k in range(i, min(lim, i + 12)) if p.is_(k, ":", "gồm")), None)
    names_at = None if colon is not None else _names_after_plural_level(p, i, lim)
    if names_at is not None:
        colon = names_at  # "UBND các xã Phổ Phong, Phổ Thạnh": the names follow the level word
    if colon is None or colon == i:
        return None
    # "các cơ sở đào tạo gồm: A, B", "các cơ quan sau (đây): A, B": an
    # enumeration of bodies each named in full; the plural head is no party
    listing = p.is_(colon, "gồm") or p.is_(colon, ":") and colon - 1 > i and p.is_(colon - 1, "sau", "đây")
    if p.is_(colon, "gồm") and p.is_(colon + 1, ":"):
        colon += 1
    det = next((k for k in range(i, colon) if p.is_(k, "các", "những")), None)
    if det is None and colon - 1 > i and p.title_at(i, colon) == colon - 1 - i \
            and p.L.named_heads.match(p.t, colon - 1, colon) == 1:
        det = colon - 2  # "Giám đốc Sở: A, B": an office over a head noun, no determiner
    if det is None or det + 1 >= colon or not p.word(det + 1):
        return None
    if any(p.is_(k, ";") for k in range(i, colon)):
        # a list before the head: "Sở A, Sở B; UBND các huyện: C, D", "các đồng chí Phó Thủ
        # tướng Chính phủ; lãnh đạo các Bộ: A, B" (the caller moves on)
        return None
    # (not a "và" or comma inside the first body's own name: "Sở Nông nghiệp và
    # Môi trường các tỉnh: A, B")
    named_to = i + p.unit_head_at(i, det)[0]
    seps = [k for k in range(named_to, det) if p.is_(k, ",", "và")]
    if seps:
        # named bodies before the head: "Văn phòng UBND tỉnh và các sở: Tài
        # chính, Xây dựng", "Công an tỉnh, các sở: ..." (the bodies, then the head's)
        before, e = p.conj_list(i, seps[-1], bounded=True)
        bare = before and all(c.core_type == "title" and c.complement is None and c.name is None for c in before)
        if not before or e != seps[-1] or not bare and any(c.core_type != "unit" for c in before):
            return None
        rest = _distributive(doc, p, seps[-1] + 1, lim, role, method, conf)
        if rest is None:
            return None
        if bare:
            # bare offices before an office over the head share its bodies (README §3):
            # "Chủ tịch, Phó Chủ tịch UBND các huyện: A, B" → "Chủ tịch UBND huyện A", ...
            head = p.conj(seps[-1] + 1, lim)
            if head is None or head.title is None:
                return None
            k = head.title[1] - head.title[0]  # the words of the office over the head
            shared = [q for q in rest[0] if len(q.value.split()) > k]
            return [b.model_copy(update={"value": b.value + " " + " ".join(q.value.split()[k:])})
                    for b in _build(doc, p, before, role, method, conf) for q in shared] + rest[0], rest[1]
        return _build(doc, p, before, role, method, conf) + rest[0], rest[1]
    # "(lãnh đạo) các Vụ:": a named head alone, its leaders dropped (never a verb before it)
    marked = bool(p.L.markers.match(t, det + 1, colon))  # "các đồng chí ...: A, B"
    named = det == i and p.capish(det + 1) and p.L.named_heads.match(t, det + 1, colon) == colon - det - 1
    if p.conj(i, colon) is None and not _opens_with_leader(p, i) and not named and not marked and (
            not listing or p.L.intro.match(t, i, colon)):
        return None  # (an enumeration may follow a head the grammar cannot read, never the verb before it)
    # the singular head: the words before the determiner (leaders dropped) and
    # the first category noun after it ("lãnh đạo các sở, ngành" → "Sở")
    pre = [x.text for x in t[i : det + (0 if p.is_(det, "các", "những") else 1)] if x.low not in _REPRESENTATIVES]
    noun_end = det + 1
    while noun_end < colon and p.word(noun_end) and not p.is_(noun_end, "và", "gồm") and not (
            listing and p.is_(noun_end, "sau")):
        noun_end += 1
    noun = [x.text for x in t[det + 1 : noun_end]]
    k = noun_end
    while k < colon:  # a predicate before the colon: what follows is its object, no members
        if m := p.L.modifiers.match(t, k, colon):  # ("các sở, ngành có liên quan:")
            k += m
            continue
        if p.lowerish(k) and p._predicate_at(k, colon):
            return None  # "Các sở, ngành tuyên truyền, trọng tâm là: Luật Đất đai, ..."
        k += 1
    out: list[Party] = []
    head_toks = tuple(x.low for x in t[det + 1 : noun_end])
    prefixes = _known_prefixes()
    k = colon if names_at is not None else colon + 1
    sep = None  # the separator before the current item
    places = bool(p.L.localities.match(t, det + 1, noun_end))
    while k < lim:
        item_noun, item_start = noun, k
        if (places and sep is not None and not p.capish(k) and (lv := p.L.localities.match(t, k, lim))
                and p.capish(k + lv) and p.word(k + lv) and not p.starts_party(k + lv, lim)):
            # "UBND các huyện A, B và thị xã C": the last item under a level of its own
            item_noun, k = [x.text for x in t[k : k + lv]], k + lv
        if not p.capish(k):
            if sep is not None:
                k = sep  # the list ended at that separator ("... Hiệp Thạnh và đơn vị tư vấn")
            break
        # an item is capitalised words; a lower-case word, "và", a dash or a
        # comma continue it only inside a known name ("Kế hoạch và Đầu tư",
        # "Văn hóa, Thể thao và Du lịch" after "Sở")
        head_len = p.unit_head_at(k, lim)[0]
        base = () if head_len or p.title_at(k, lim) else head_toks
        # a unit head the grammar reads whole ("Trường Đại học Đà Lạt") is one
        # item even where it holds lower-case words
        e = k + 1
        if head_len or p.title_at(k, lim):
            # the grammar's own reading of a lower-case name or an office ("gồm: ...",
            # "các đơn vị: Vụ Đầu tư, ...": an item with a head of its own)
            whole = p.conj(k, lim)
            e = max(k + head_len, whole.end if whole and whole.end > k else k + 1)
        while e < lim:
            if p.capish(e) and p.word(e):
                e += 1
                continue
            if t[e].text in _DASHES and p.capish(e + 1) and p.word(e + 1):
                # "các phường Xuân Hương - Đà Lạt, Lâm Viên - Đà Lạt": one ward each;
                # "các Sở: ..., Quy hoạch - Kiến trúc": one department
                e += 1
                continue
            if (p.lowerish(e) and not places and (listing or not head_len) and not p.ender(e, lim)
                    and p._word_of_previous(e, lim)):
                # the second syllable of a capitalised word ("Quy hoạch"; "Trường Đại học
                # X - Đại học Quốc gia Hà Nội" in an enumeration of full names; under a
                # shared head an item with a head of its own, "Công ty ...", is read no further)
                e += 1
                continue
            if p.lowerish(e) and not places and (listing or not head_len):
                # a name's lower-case words up to the item's separator ("các Vụ: ..., Tổ chức
                # cán bộ;", "các Cục: Hàng không Việt Nam, ..."), never a predicate
                j = e
                # (a predicate word that is one syllable of a noun with the word
                # before it is no predicate: "Hàng không", not "không")
                while (j < lim and j - e < 4 and p.lowerish(j) and p.t[j].text.isalpha() and not p._predicate_at(j, lim)
                       and not p.L.predicate_openers.match(t, j, lim) and not p.is_(j, "và")):
                    j += 1
                if j > e and (j >= lim or p.is_(j, ",", ";", ".", ":") or p.capish(j) and p.word(j)
                              # the list's last item, its predicate after it: "gồm: ..., Phòng
                              # Cảnh sát giao thông Công an tỉnh thực hiện"
                              or p.lowerish(j) and (p._predicate_at(j, lim) or p.L.predicate_openers.match(t, j, lim))):
                    e = j
                    continue
            if not (p.word(e) or t[e].text in _DASHES or p.is_(e, ",")):
                break
            j = e + 1
            while j < lim and not (p.capish(j) or p.is_(j, ",", ";", ":", ".")):
                j += 1
            # (the capital word after the run must go on with the known name too: in
            # "các Sở: Tài chính, Xây dựng và UBND huyện X" the "và" starts another party)
            known = base + tuple(x.low for x in t[k:j]) in prefixes and (
                j >= lim or not p.capish(j) or base + tuple(x.low for x in t[k : j + 1]) in prefixes)
            if known or (
                    p.lowerish(e) and not p.is_(e, "và") and base + tuple(x.low for x in t[k : e + 1]) in prefixes):
                e += 1
                continue
            break
        own = _words(doc, t, k, e)
        person = e - k >= 2 and p._person_name(k, e, cued=True)
        if marked and not person:
            return None  # "các đồng chí: A - Phó Chủ tịch ...; B - ...": names with offices, the grammar's
        if person and (marked or p.title_at(det + 1, colon)):
            # "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: A, B": persons, each
            # with the office as title ("các đồng chí: A, B": none); each with
            # an office of its own after it is the grammar's ("A, Phó Chủ tịch ...; B, ...")
            if e < lim and (p.is_(e, ",") or t[e].text in _DASHES) and p.title_at(e + 1, lim):
                return None
            a = det + 1 + p.L.markers.match(t, det + 1, colon)
            title = _words(doc, t, a, colon) if a < colon else None
            txt, span = doc.ground(t[k].start, t[e - 1].end)
            out.append(Party(text=txt, span=span, value=own, kind="person", role=role,
                             person=PersonRef(name=own, title=title), confidence=round(conf * 0.9, 3), method=method))
            k = e
            if p.is_(k, ",", ";", "và"):
                sep = k
                k += 1 + (1 if p.is_(k, ",") and p.is_(k + 1, "và") else 0)
                continue
            break
        full, _ = p.unit_head_at(k, e)
        if full and head_toks + tuple(x.low for x in t[k:e]) in _known_names():
            full = 0  # "các Bộ: Công an" is "Bộ Công an", not a police unit
        if full or p.title_at(k, e):
            value = own  # already a full name
        elif listing and not p.L.named_heads.match(t, det + 1, noun_end):
            return None  # "các cơ sở gồm: X": a member not named in full, under no body's head noun
        else:
            # the head noun names a body: capitalised as in its full name ("Sở Tài chính")
            # ("UBND xã A" keeps its locality word in lower case)
            cap = noun and not places
            noun_c = [item_noun[0][:1].upper() + item_noun[0][1:]] + item_noun[1:] if cap else item_noun
            head = " ".join(pre + noun_c)
            value = f"{head} {own}"
        txt, span = doc.ground(t[item_start].start, t[e - 1].end)
        kind = "position" if pre and p.title_at(i, colon) else "unit"
        out.append(Party(text=txt, span=span, value=_canonical(value) if kind == "unit" else value,
                         kind=kind, role=role, confidence=round(conf * 0.9, 3), method=method))
        k = e
        if p.is_(k, ",") or p.is_(k, "và") or p.is_(k, ";") and p.capish(k + 1) and not (
                p.unit_head_at(k + 1, lim)[0] or p.title_at(k + 1, lim) or p.L.representatives.match(t, k + 1, lim)
                or _ACRONYM.fullmatch(t[k + 1].text)):  # ("; (tập thể lãnh đạo) QISC": a body by its acronym)
            sep = k
            k += 1 + (1 if p.is_(k, ",") and p.is_(k + 1, "và") else 0)
            continue
        break
    if len(out) < 2:
        return None
    return out, k


def _names_after_plural_level(p: Parser, i: int, lim: int) -> Optional[int]:
    """Where the place names start in "<head> các <level> A, B (và C)" written
    without a colon ("UBND các xã Phổ Phong, Phổ Thạnh", "Ủy ban nhân dân các
    tỉnh Hưng Yên, Hòa Bình"): after a plural determiner and one level word,
    a capitalised name, then a separator and another capitalised name. None
    when the words are no such list ("các tỉnh Tây Nguyên": one region)."""
    det = next((k for k in range(i, min(lim, i + 6)) if p.is_(k, "các", "những")), None)
    if det is None or any(not p.word(k) or p.is_(k, "và", "hoặc") for k in range(i, det)):
        return None  # (one head before the level: "Sở X và UBND các quận ..." is two parties)
    m = p.L.localities.match(p.t, det + 1, lim)
    a = det + 1 + m
    if not m or not (a < lim and p.capish(a) and p.word(a)) or p.starts_party(a, lim):
        return None
    e = p.proper_name(a, lim)  # (a 2025 ward's name may join two: "Xuân Hương - Đà Lạt")
    if e == a:
        return None
    from .. import geography

    level = " ".join(x.text for x in p.t[det + 1 : a])
    if geography.level_word(level) in geography.PROVINCE_LEVELS and not geography.candidates(
            " ".join(x.text for x in p.t[a:e]), level):
        return None  # a province name must be one: "các tỉnh Tây Nguyên, Nam Trung Bộ" are regions
    k = e + (2 if p.is_(e, ",") and p.is_(e + 1, "và") else 1)
    if not (p.is_(e, ",", "và") and k < lim and p.capish(k) and p.word(k) and not p.starts_party(k, lim)):
        return None
    return a


def _distributive_in_list(doc: Doc, p: Parser, i: int, colon: int, method: str
                          ) -> Optional[tuple[list[Party], int]]:
    """A distributive head at the start of the clause or after a list of other
    parties: "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: A, B; ...", also after
    the verb that introduces them ("Giao các Bộ: Công an, Quốc phòng chủ trì")."""
    n = _intro_len(p, i, colon)
    dist = _distributive(doc, p, i, p.n, "lead", method, 0.85) or (
        _distributive(doc, p, i + n, p.n, "lead", method, 0.85) if n else None)
    if dist is not None:
        return dist
    for c in [k for k in range(colon - 1, i, -1) if p.is_(k, ",")][:4]:
        dist = _distributive(doc, p, c + 1, p.n, "lead", method, 0.85)
        if dist is None:
            continue
        conjs, e = p.conj_list(i, c, bounded=False)
        if conjs and e == c:
            return _build(doc, p, conjs, "lead", method, 0.8) + dist[0], dist[1]
        return None
    return None


def _opens_with_intro(p: Parser, i: int, lim: int) -> bool:
    """Does the clause open with an assignment verb ("Giao", "Đề nghị")?"""
    return bool(p.L.intro.match(p.t, i, lim))


def _intro_len(p: Parser, i: int, lim: Optional[int] = None) -> int:
    """Length of the verb that introduces the parties at ``i`` ("Giao", "Đề
    nghị", "Đối với"); 0 when there is none, or when a person marker starts
    there ("đồng chí ...")."""
    return p.L.intro.match(p.t, i, lim) if p.L.markers.match(p.t, i, lim) == 0 else 0


def _opens_with_leader(p: Parser, i: int) -> bool:
    """Does a leader word ("lãnh đạo", "đại diện") open the phrase?"""
    return p.is_(i, "lãnh", "đại")


@lru_cache(maxsize=1)
def _known_names() -> frozenset[tuple[str, ...]]:
    """Every known body name, as lower-case tokens."""
    return frozenset(_lex().gazetteer_lex.words())


@lru_cache(maxsize=1)
def _known_name_tails() -> frozenset[tuple[str, ...]]:
    """Every known body name without its head word ("xây dựng" of "Sở Xây dựng")."""
    return frozenset(k[1:] for k in _known_names() if len(k) > 1)


@lru_cache(maxsize=1)
def _known_prefixes() -> frozenset[tuple[str, ...]]:
    """Every token prefix of a known body name, without its head word
    ("kế hoạch", "kế hoạch và đầu tư" from "Sở Kế hoạch và Đầu tư"), also with
    the head: distributive items are read against them."""
    out = set()
    for key in _lex().gazetteer_lex.words():
        for n in range(1, len(key) + 1):
            out.add(key[:n])
    return frozenset(out)


def _without_leaders(toks: list[Tok]) -> list[Tok]:
    """Drop a leader word that opens a list item before the body it leads
    ("lãnh đạo Sở X", "đại diện UBND các xã", "các đồng chí trong Ban Thường vụ")."""
    L = _lex()
    out: list[Tok] = []
    j = 0
    while j < len(toks):
        r = L.representatives.match(toks, j)
        opens_item = not out or out[-1].text in _ITEM_OPENERS or out[-1].low == "và"
        nxt = toks[j + r] if r and j + r < len(toks) else None
        if r and opens_item and nxt is not None and nxt.text == ":":
            j += r + 1  # "đại diện lãnh đạo: A, B"
            continue
        if r and opens_item and nxt is not None and (nxt.text[:1].isupper() or nxt.low in ("các", "những")
                                                     or _named_place_at(toks, j + r)):
            j += r  # (a place by its level and name too: "lãnh đạo huyện Cam Lâm")
            continue
        out.append(toks[j])
        j += 1
    return out


def _named_place_at(toks: list[Tok], j: int) -> bool:
    """A level word with a capitalised name after it at ``j`` ("huyện Cam Lâm")."""
    n = _lex().localities.match(toks, j)
    return bool(n) and j + n < len(toks) and toks[j + n].text[:1].isupper() and toks[j + n].is_word


@lru_cache(maxsize=1)
def _title_words() -> frozenset:
    return frozenset(_lex().titles.words())


def is_bare_title(value: str) -> bool:
    """Is ``value`` an office's title alone, with no body ("Bí thư", "Phó Chủ
    tịch"): it names no one in particular."""
    return _norm_entry(value) in _title_words()


def inside_comma_term(doc: Doc, pos: int) -> bool:
    """Is the comma at working offset ``pos`` inside a term written with one
    ("phòng, chống", "cấp nước, thoát nước"), which separates no parties?"""
    toks = _tokenize_text(doc, max(0, pos - 60), min(len(doc.text), pos + 60))
    ci = next((k for k, t in enumerate(toks) if t.start == pos), None)
    terms = _lex().comma_terms
    return ci is not None and any(k + terms.match(toks, k) > ci for k in range(max(0, ci - 6), ci))


def _item_number(toks: list[Tok], k: int) -> bool:
    """Is ``toks[k]`` a list item's number ("1" of "1." or "1)") that opens a line?"""
    t = toks[k]
    return (t.nl and len(t.text) <= 2 and t.text.isdigit() and k + 1 < len(toks)
            and toks[k + 1].text in (".", ")"))


def split_parties(doc: Doc, start: int, end: int, *, role=None, method: str = "rule:party",
                  represent: bool = False) -> list[Party]:
    """Parse ``doc.text[start:end]``, a phrase naming one or more parties.

    ``represent``: a leader stands for the body led (``lãnh đạo Sở X`` →
    ``Sở X``), as in attendee lists (gold/README "Meeting")."""
    toks = _tokenize(doc, start, end)
    # parentheses are never part of a party's value (README §3)
    kept, depth = [], 0
    for t in toks:
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(t)
    # a list's item numbers at its lines' starts ("Tham dự họp có:⏎1. Sở Tài
    # chính;⏎2. ...") are no words of its parties
    numbers = {k for k in range(len(kept)) if _item_number(kept, k)}
    toks = [t for k, t in enumerate(kept) if k not in numbers and k - 1 not in numbers]
    if represent:
        toks = _without_leaders(toks)
    p = Parser(toks, _is_caps(doc, start, end))
    i = 0
    while i < p.n and p.t[i].text in _BULLETS:
        i += 1
    i += _intro_len(p, i)
    out: list[Party] = []
    while i < p.n:
        dist = _distributive(doc, p, i, p.n, role, method, 0.85)
        if dist is not None:
            out.extend(dist[0])
            i = dist[1]
            continue
        # ";" closes a group: what is shared inside one is not shared across
        semi = next((j for j in range(i, p.n) if p.is_(j, ";")), p.n)
        # ... and a distributive head after a comma starts one of its own:
        # "đồng chí Phó Chủ tịch UBND tỉnh, lãnh đạo các Sở: A, B, C"
        colon = next((j for j in range(i, semi) if p.is_(j, ":")), None)
        comma = max((j for j in range(i, colon) if p.is_(j, ",")), default=None) if colon else None
        if comma is not None and _distributive(doc, p, comma + 1, p.n, role, method, 0.85) is not None:
            semi = comma
        # ... and so does a plural level with its names after "và" or a comma:
        # "UBND thành phố Thủ Đức và UBND các quận 7, 8, Bình Thạnh"
        semi = next((j for j in range(i + 1, semi) if p.is_(j, "và", ",")
                     and _names_after_plural_level(p, j + 1, semi) is not None), semi)
        conjs, k = p.conj_list(i, semi, bounded=True)
        if conjs:
            out.extend(_build(doc, p, conjs, role, method, 0.85))
            i = k
        else:
            i += 1  # an unreadable word: skip it
    return _dedupe(out)


def _clause_starts(p: Parser) -> list[tuple[int, bool]]:
    """Token indices where a clause may start; flag = after ";" or ":"."""
    starts = [(0, False)]
    breaks = p.heading_breaks()
    for k, t in enumerate(p.t[:-1]):
        if k + 1 in breaks:
            starts.append((k + 1, False))
        elif t.text in (".", "!", "?", "…") and (p.capish(k + 1) or p.caps
                                                 or p.t[k + 1].nl and p.t[k + 1].text in _BULLETS):
            starts.append((k + 1, False))  # (or a bulleted line: "...⏎- Đơn vị chủ trì: Bộ Công an.")
        elif t.text == ";" or t.text == ":" and not _time_limit_colon(p, k):
            starts.append((k + 1, True))
        elif t.low == "thì" and k > 0:
            starts.append((k + 1, True))  # "Trường hợp ... thì X có trách nhiệm ..."
    return starts


def _condition_before_then(p: Parser, i: int, lim: int) -> bool:
    """A clause that opens with a condition ("Trường hợp ...", "Nếu ...") and
    goes on to "thì": its subject only sets the case; the party is the one
    after "thì"."""
    while i < lim and p.t[i].text in _BULLETS:
        i += 1
    opens = p.is_(i, "nếu") or p.is_(i, "trường") and p.is_(i + 1, "hợp")
    return opens and any(p.is_(k, "thì") for k in range(i + 2, lim))


def _time_limit_colon(p: Parser, k: int) -> bool:
    """Is the ":" at ``k`` a time limit's own ("Trong thời hạn: 08 ngày làm
    việc ..., cơ quan X thẩm định"), inside its clause?"""
    return p.is_(k, ":") and any(p.L.time_limits.match(p.t, j, k) == k - j for j in range(max(0, k - 4), k))


def _clause_end(p: Parser, i: int) -> int:
    k = i
    breaks = p.heading_breaks()
    while k < p.n and (p.t[k].text not in _PUNCT_STOP or _time_limit_colon(p, k)) and not (k > i and k in breaks):
        k += 1
    if k < p.n and k in breaks:
        return k
    # "Hội Cựu chiến binh... tăng cường": an ellipsis closing a list, with the
    # sentence going on in lower case, is no sentence end
    while k < p.n and p.t[k].text in (".", "…") and not p.caps:
        j = k
        while j < p.n and p.t[j].text in (".", "…"):
            j += 1
        if not ((j - k >= 3 or p.t[k].text == "…") and p.lowerish(j)):
            break
        k = j
        while k < p.n and p.t[k].text not in _PUNCT_STOP:
            k += 1
    return k


def _predicate_follows(p: Parser, e: int, lim: int, after_intro: bool, strict: bool = False) -> bool:
    """Does a predicate start at token ``e`` (so that what precedes is a subject)?
    ``strict``: only a known verb/modal counts (clauses after ";", ":" or a
    fronted adverbial, where an object list is as likely as a subject)."""
    if e >= lim:
        return False
    while p.is_(e, ".", "…") and e + 1 < lim:
        e += 1  # "Hội Cựu chiến binh... tăng cường": the list's ellipsis
    if p.ender(e, lim) or p.L.support.match(p.t, e, lim) and p.lowerish(e):
        return True
    if p.cap_verb(e, lim):  # "Sở Xây dựng Tập trung ...": a capitalised verb
        return True
    if p.capish(e) and not p.caps and p.L.capital_predicates.match(p.t, e, lim) >= 2:
        return True  # "... Khẩn trương hoàn thành": a capitalised predicate
    if p.t[e].nl and p.word(e) and p.L.enders.match(p.t, e, lim):
        return True  # a table cell: the party, then its task on a new line
    if p.is_(e, "("):
        return True
    if p.is_(e, ",") and (after_intro or not strict) and p.ender(e + 1, lim):
        # "đề nghị địa phương, trình UBND huyện ...", and a subject list
        # closed by a comma before its verb ("Trưởng thôn, Tổ trưởng các tổ
        # dân phố, hướng dẫn ...")
        return True
    if strict:
        # only a verb: the lexicon's, or one the tagger reads as a verb
        return p.lowerish(e) and not p.caps and p.tagged_verb(e, lim)
    # a complete noun phrase followed by any other lower-case word
    return p.lowerish(e) and not p.is_(e, "và", "của", "với", "hoặc")


def _entitled(p: Parser, e: int, lim: int) -> bool:
    """Is the predicate at ``e`` an entitlement ("được hỗ trợ", "... là hộ
    sản xuất ... thì được bồi thường"), which names its subject a
    beneficiary? The main predicate is the one at ``e`` or, after a copula,
    a condition or any qualifier that is not a task ("là", "khi", "bị mất
    việc làm"), the one after the next "thì"."""
    k = e
    if p.is_(e, "là", "khi", "nếu", "mà", "đang") or not p.ender(e, lim):
        k = next((j + 1 for j in range(e, lim) if p.is_(j, "thì")), lim)
    return p.is_(k, "được") and bool(p.L.benefits.match(p.t, k + 1, lim))


def _bare_generic(p: Parser, conjs: list[Conj], after_intro: bool) -> bool:
    """A lone category noun: "Tổ chức lấy ý kiến" is a verb phrase, not a party."""
    if len(conjs) != 1:
        return False
    c = conjs[0]
    if c.core_type != "group" or c.n_generics != 1 or c.det or c.has_mods:
        return False
    if p.L.actor_nouns.match(p.t, c.start, c.end):
        return False  # "Chủ đầu tư tổ chức thực hiện ...": an actor by itself
    if p.L.generics.match(p.t, c.start, c.end) >= 3 and not p.L.enders.match(p.t, c.start, c.end):
        return False  # "Cơ quan chuyên môn thẩm định ...": a compound category is no verb
    if not after_intro:
        return True
    return bool(p.L.enders.match(p.t, c.start, c.end))  # "tổ chức", "lãnh đạo"


def _approves(p: Parser, e: int, lim: int) -> bool:
    """Does an approval verb (after a few adverbs) start at token ``e``?"""
    return _approval_end(p, e, lim) is not None


def _approval_end(p: Parser, e: int, lim: int) -> Optional[int]:
    """The token after an approval verb (and its adverbs) starting at ``e``, or None."""
    k = e
    for _ in range(3):
        m = p.L.approval_adv.match(p.t, k, lim) if p.lowerish(k) else 0
        if not m:
            break
        k += m
    n = p.L.approval.match(p.t, k, lim) if p.lowerish(k) else 0
    return k + n if n else None


def _is_composition(p: Parser) -> bool:
    """An item that ends ``X: 02 đồng chí`` gives the composition of a body
    being set up: a member slot, not an actor."""
    k = p.n
    while k > 0 and not p.t[k - 1].is_word:
        k -= 1
    for j in range(max(0, k - 4), k):
        if p.is_(j, ":") and p.word(j + 1) and p.t[j + 1].text.isdigit():
            m = p.L.composition_units.match(p.t, j + 2, k)
            if m and j + 2 + m == k:
                return True
    return False


def _subject(doc: Doc, p: Parser, i: int, lim: int, *, after_intro: bool, mid: bool,
             method: str, conf: float, depth: int = 0) -> list[Party]:
    L, t = p.L, p.t
    while i < lim and t[i].text in _BULLETS:
        i += 1
    if i >= lim or depth > 2:
        return []
    intro_lex = L.intro_mid if mid else L.intro
    n = intro_lex.match(t, i, lim) if not after_intro else 0
    if n and L.topic_intros.match(t, i, lim) == n:
        colon = lim if p.is_(lim, ":") else p.n
        if colon < p.n and _topic_is_actor(p, i + n, colon) and _task_opens(p, colon + 1):
            # "Đối với Sở X: Chủ trì ...": a topic that names its party, the
            # task after the colon (as with the topic left out: "Sở X: Chủ trì")
            return _heading_subject(doc, p, i, lim, method, conf)
        # "Đối với X, cần ..." → X; "Đối với X, giao Y ..." → Y. X may hold
        # a colon ("Đối với các Cụm công nghiệp: A và B, giao ..."): the topic
        # runs to the end of the sentence
        while lim < p.n and p.t[lim].text == ":":
            lim = _clause_end(p, lim + 1)
        _, c = p.conj_list(i + n, lim, bounded=False)
        if not p.is_(c, ","):  # X is not a plain list: it runs to the first comma
            c = i + n  # (outside a term written with one: "Đối với Trung tâm Bồi thường, hỗ trợ và ...")
            while c < lim and not p.is_(c, ","):
                c += L.comma_terms.match(t, c, lim) or 1
        # ... or to "thì" before it ("Đối với các trường hợp này thì cấp có thẩm quyền, ... có trách nhiệm")
        c = next((k for k in range(i + n, c) if p.is_(k, "thì")), c)
        if c >= lim:
            return []
        inner = _subject(doc, p, c + 1, lim, after_intro=False, mid=True,
                         method=method, conf=conf, depth=depth + 1)
        if inner:
            return inner
        # the topic may hold commas of its own ("Đối với chi phí năm 2023, 2024,
        # yêu cầu X ..."): an assignment verb after a later comma names the actor
        for k2 in [k for k in range(c + 1, lim) if p.is_(k, ",")][:8]:
            if L.intro_mid.match(t, k2 + 1, lim):
                return _subject(doc, p, k2 + 1, lim, after_intro=False, mid=True,
                                method=method, conf=conf, depth=depth + 1)
        if p.ender(c + 1, lim):
            # (the topic ends at its colon: "Đối với các đơn vị chưa xây dựng
            # cơ sở dữ liệu: Khẩn trương rà soát, đề xuất ...")
            conjs, _ = p.conj_list(i + n, min(c, colon), bounded=True)
            if conjs:
                # (with the partners its task names: "Về phía Bộ X, chủ trì,
                # phối hợp với các bộ, ngành ...")
                return _build(doc, p, conjs, "lead", method, conf * 0.9) + _support(
                    doc, p, c + 1, lim, method, conf * 0.8)
        # ... or a subject after a later comma, the topic's own clauses before
        # it ("Đối với những nhiệm vụ đã rõ, đã có văn bản chỉ đạo, không cần
        # xây dựng thêm đề án, các bộ, cơ quan, địa phương tổ chức triển khai")
        # (not with a "thì" to come: the clause after it has its own subject)
        later = [] if any(p.is_(k, "thì") for k in range(c, lim)) else [k for k in range(c + 1, lim) if p.is_(k, ",")]
        for k2 in later[:8]:
            if p.starts_party(k2 + 1, lim) and (got := _subject(doc, p, k2 + 1, lim, after_intro=False, mid=True,
                                                               method=method, conf=conf * 0.9, depth=depth + 1)):
                return got
        return []
    if n:
        i += n
        after_intro = True
    elif not after_intro and p.word(i) and L.approval.match(t, i, lim):
        # "Thống nhất cho chủ trương Đoàn cấp xã xây dựng ...", "Đồng ý để
        # UBND xã tổ chức ...": the approval goes to the actor that follows
        j, linked = i + L.approval.match(t, i, lim), False
        while j < lim and p.lowerish(j) and L.approval_links.match(t, j, lim):
            j += L.approval_links.match(t, j, lim)
            linked = True
        if not linked:
            return []
        conjs, e = p.conj_list(j, lim, bounded=False)
        if not conjs or _bare_generic(p, conjs, True) or not _predicate_follows(p, e, lim, True, strict=True):
            return []
        return _build(doc, p, conjs, "lead", method, conf * 0.9) + _support(doc, p, e, lim, method, conf * 0.8)
    elif not after_intro and (L.adverbials.match(t, i, lim) and p.word(i) or mid and _time_series_item(p, i, lim)):
        # a fronted adverbial: the subject follows one of its commas; stop at
        # the first comma after which a party or an assignment verb starts
        # (a party with no predicate after it is part of the adverbial: "Trên
        # cơ sở đề xuất của các bộ, cơ quan ngang bộ, ..., Bộ Tài chính tổng hợp")
        n_adv = L.adverbials.match(t, i, lim)
        # (not after a subordinator with a comma to come: "Sau khi UBND Thành
        # phố phê duyệt ..., Sở Tài chính lập ...": that party acts in the
        # subordinate clause, the subject follows the comma)
        subordinate = L.subordinators.match(t, i, lim) and any(p.is_(k, ",") for k in range(i + n_adv, lim))
        if not subordinate and p.capish(i + n_adv) and p.starts_party(i + n_adv, lim):
            # "Hàng tháng Kho bạc Nhà nước quận - huyện thực hiện ...": a short
            # adverbial of time with no comma before the subject
            got = _subject(doc, p, i + n_adv, lim, after_intro=False, mid=True,
                           method=method, conf=conf * 0.9, depth=depth + 1)
            if got:
                return got
        if (s := _after_time_limit(p, i, lim)) and (p.starts_party(s, lim) or L.generics.match(t, s, lim)):
            # "trong thời hạn 10 ngày làm việc cơ quan có thẩm quyền thành lập ..."
            got = _subject(doc, p, s, lim, after_intro=False, mid=True,
                           method=method, conf=conf * 0.9, depth=depth + 1)
            if got:
                return got
        owned_from = None  # start of a "của X, Y, ..." list inside the adverbial
        for k in [k for k in range(i, lim) if p.is_(k, ",")][:16]:
            if owned_from is None:
                j = next((j for j in range(k - 1, i, -1) if p.is_(j, "của")), None)
                if j is not None and p.conj_list(j + 1, k, bounded=True)[1] == k:
                    owned_from = j + 1
            if owned_from is not None:
                # the list after "của" goes on while the next item ends at a comma
                _, e2 = p.conj_list(owned_from, lim, bounded=False)
                if p.conj(k + 1, lim) is not None and any(p.is_(x, ",") for x in range(k + 1, e2 + 1)):
                    continue
            if p.lowerish(k + 1) and L.support.match(t, k + 1, lim):
                # "Căn cứ vào chức năng nhiệm vụ, phối hợp với các bộ, ban, ngành
                # liên quan tổ chức ...": no subject; the list is the lead's partners
                return _opening_support(doc, p, k + 1, lim, method, conf * 0.9)
            if p.lowerish(k + 1) and (L.obligation.match(t, k + 1, lim)
                                     or p.is_(k + 1, "cần", "phải") and not p.is_(k + 2, "thiết")):
                # "Căn cứ chức năng, nhiệm vụ ..., có trách nhiệm cập nhật vào
                # Chương trình của các bộ, cơ quan ...", "Để phục vụ ..., cần
                # tiến hành ... trong từng cơ quan, tổ chức": the predicate has
                # come with no subject of its own (it is inherited); what
                # follows is its object
                return []
            before_done = p.conj_list(k + 1, lim, bounded=False)
            if before_done[0] and p.is_(before_done[1], "đã"):
                # "kể từ ngày nhận đủ hồ sơ và cơ quan, tổ chức đã nộp lệ phí, Cục X
                # có trách nhiệm ...": a party of a past event is the adverbial's
                continue
            j = _collective_across(p, i + n_adv, k, lim)
            got = _subject(doc, p, j if j is not None else k + 1, lim, after_intro=False, mid=True,
                           method=method, conf=conf * 0.9, depth=depth + 1)
            if got or L.intro_mid.match(t, k + 1, lim):
                return got
        return []
    strict = mid and not after_intro
    if _names_after_plural_level(p, i, lim) is not None and (dist := _distributive(doc, p, i, lim, "lead", method, conf)):
        # "UBND các xã Phổ Phong, Phổ Thạnh triển khai ...": one party a name
        if _predicate_follows(p, dist[1], lim, after_intro, strict):
            return dist[0] + _support(doc, p, dist[1], lim, method, conf * 0.85)
    conjs, e = p.conj_list(i, lim, bounded=False)
    for n_before, c in enumerate(conjs[1:], 1):
        # a later conjunct that is a plural level with its names: "Sở X và UBND
        # các quận 7, 8, Bình Thạnh tập trung ..." (one party a name)
        if (_names_after_plural_level(p, c.start, lim) is not None
                and (dist := _distributive(doc, p, c.start, lim, "lead", method, conf))
                and _predicate_follows(p, dist[1], lim, after_intro, strict)):
            return (_build(doc, p, conjs[:n_before], "lead", method, conf) + dist[0]
                    + _support(doc, p, dist[1], lim, method, conf * 0.85))
    if not conjs and after_intro and (bare := _bare_named_head(p, i, lim)):
        # "đề nghị Công ty báo cáo ...", "giao Trường tổ chức ..."
        conjs, e = bare
    if conjs and (p.is_(e, ",", "và") or len(conjs) >= 3) and not _predicate_follows(p, e, lim, after_intro, strict):
        # a long list broken by an item the grammar cannot read ("..., các cơ
        # quan của Quốc hội, Hội đồng nhân dân các cấp, ... phối hợp"): read it
        # up to the first verb, unknown words staying with their party
        longer = _list_to_predicate(p, i, lim, after_intro)
        if longer is not None:
            conjs, e = longer
    elif len(conjs) >= 3 and not p.ender(e, lim) and not p.cap_verb(e, lim):
        # "..., các cơ quan tư pháp, Mặt trận ... tăng cường": a word no lexicon
        # knows after a long list is more likely a modifier than the verb
        longer = _list_to_predicate(p, i, lim, after_intro)
        if longer is not None and len(longer[0]) > len(conjs):
            conjs, e = longer
    if (len(conjs) >= 2 and p.is_(conjs[-1].start - 1, ",") and _bare_generic(p, conjs[-1:], True)
            and _ends_in_locality(p, conjs[-1].start - 1)):
        # "các thôn ấp, tổ dân phố, tổ chức phổ biến ...": "tổ chức" closing
        # a list of places is the verb (organise), not organisations, which a
        # list of agencies has ("các cơ quan, đơn vị, tổ chức triển khai")
        conjs, e = conjs[:-1], conjs[-1].start
    elif conjs and (k := _verb_closing_collective(p, conjs[-1], e)) is not None:
        # the same inside one collective: "các xã, thị trấn, tổ chức tuyên truyền"
        conjs, e = conjs[:-1] + [replace(conjs[-1], end=k - 1)], k
    if len(conjs) == 1 and conjs[0].core_type == "group" and (th := _restricted_until(p, e, lim)):
        # "Những tỉnh đã thành lập Ban Quản lý nhưng còn thiếu cán bộ thì cần ...": the restriction is part of it
        conjs, e = [replace(conjs[0], end=th)], th
    if not conjs or _bare_generic(p, conjs, after_intro):
        return []
    if not _predicate_follows(p, e, lim, after_intro, strict):
        # "Thủ tướng Chính phủ yêu cầu Chủ tịch UBND các tỉnh:", "Giao Giám
        # đốc Sở X" closing the item: the tasks follow in the items below
        if not (after_intro and e >= lim and e - i > 1 and (lim >= p.n or p.is_(lim, ":"))):
            return []
    if not after_intro and (a := _approval_end(p, e, lim)) is not None:
        # "Thường trực Đảng ủy cơ bản nhất trí với ...": the requester; but
        # "Ban Thường vụ thống nhất (,) giao Sở X chủ trì": Sở X acts
        a += 1 if p.is_(a, ",") else 0
        if p.lowerish(a) and L.intro_mid.match(t, a, lim):
            return _subject(doc, p, a, lim, after_intro=False, mid=True,
                            method=method, conf=conf, depth=depth + 1)
        return []
    if p.is_(e, "là") and (p.title_at(e + 1, lim) or L.markers.match(t, e + 1, lim)):
        return []  # "Chủ tịch Hội đồng là Bí thư Đoàn": a designation, not a task
    if _entitled(p, e, lim):
        return []
    # "X đề nghị / giao / yêu cầu Y ...": X only asks, Y must act
    if p.lowerish(e) and L.intro_mid.match(t, e, lim):
        return _subject(doc, p, e, lim, after_intro=False, mid=True,
                        method=method, conf=conf, depth=depth + 1)
    k = e + (1 if p.is_(e, "xin") else 0)
    if p.is_(k, "thông") and p.is_(k + 1, "báo"):
        # "Sở X thông báo ...": the sender, not an actor; those it tells to
        # act are ("thông báo để Bộ Y biết, thực hiện", "... để các địa phương
        # triển khai"), not those told only to know
        told = _told(p, k + 2, lim)
        if told is None:
            # "UBND cấp tỉnh thông báo bằng văn bản và nêu rõ lý do": the
            # manner makes notifying a duty of X, not X sending this text
            if L.notice_duty.match(t, k + 2, lim) or any(L.time_limits.match(t, j, i) for j in range(i)):
                return _build(doc, p, conjs, "lead", method, conf * 0.9)
            return []
        conjs, b = told
        if p.is_(b, "biết"):
            b += 1
            while p.is_(b, ",", "và"):
                b += 1
        return _build(doc, p, conjs, "lead", method, conf * 0.9) if p.ender(b, lim) else []
    out = _build(doc, p, conjs, "lead", method, conf)
    # "UBND huyện (trực tiếp giao cho đồng chí X – Phó Chủ tịch) chỉ đạo ..."
    if p.is_(e, "("):
        close = e
        while close < lim and not p.is_(close, ")"):
            close += 1
        # any assigning verb: "(Giao Công an tỉnh ...)", "(Đề nghị Công an tỉnh ...)"
        g = next((k + n for k in range(e + 1, close) if (n := p.L.intro.match(p.t, k, close))
                  and p.L.topic_intros.match(p.t, k, close) != n), None)
        if g is not None:
            inner, e2 = p.conj_list(g, close, bounded=False)
            if not inner or not _predicate_follows(p, e2, close, True):
                inner, _ = p.conj_list(g, close, bounded=True)  # the party runs to ")"
            if inner:
                if close + 1 >= lim:
                    # "...; UBND các huyện, thành phố (Giao Công an tỉnh tham
                    # mưu).": nothing is predicated of the list before the
                    # bracket, the object of the task; the bracket names who acts
                    out = []
                out.extend(_build(doc, p, inner, "lead", method, conf * 0.9))
        e = close + 1
    out.extend(_support(doc, p, e, lim, method, conf * 0.85))
    return out


def _restricted_until(p: Parser, e: int, lim: int) -> int:
    """The end of a restrictive clause after a category at ``e``: the token
    of "thì" when a lower-case clause runs to it with no punctuation and a
    duty follows it (``restricted_subjects``); 0 otherwise."""
    L = p.L
    if not (p.lowerish(e) and not L.restricted_link.match(p.t, e, lim)):
        return 0
    for k in range(e + 1, min(lim, e + L.restricted_max)):
        if not p.word(k):
            return 0
        if p.lowerish(k) and (n := L.restricted_link.match(p.t, k, lim)):
            return k if L.restricted_modals.match(p.t, k + n, lim) else 0
    return 0


def _after_time_limit(p: Parser, i: int, lim: int) -> int:
    """Where the words after a time limit at ``i`` start ("trong thời hạn 10
    ngày làm việc | ..."); 0 when no limit with a count and a unit is there."""
    n = p.L.time_limits.match(p.t, i, lim)
    k = i + n + (1 if n and p.is_(i + n, ":") else 0)
    if not n or not (k < lim and p.t[k].text.isdigit()):
        return 0
    u = p.L.time_units.match(p.t, k + 1, lim)
    return k + 1 + u if u else 0


def _time_series_item(p: Parser, i: int, lim: int) -> bool:
    """A clause after ";" that goes on a time limit's list of counts
    ("Trong thời hạn 08 ngày đối với A; 06 ngày làm việc đối với B kể từ
    ..., cơ quan X thẩm định"): an adverbial, its subject after a comma."""
    if not (p.t[i].text.isdigit() and p.L.time_units.match(p.t, i + 1, lim)):
        return False
    return any(p.L.time_limits.match(p.t, j, i) for j in range(max(0, i - 200), i))


def _verb_closing_collective(p: Parser, c: Conj, e: int) -> Optional[int]:
    """Start of a last category noun after a comma inside the collective
    ``c`` that is also a verb, after a place and with a lower-case word after
    it ("các xã, thị trấn, tổ chức tuyên truyền ..."): there the predicate
    starts; else None."""
    if c.core_type != "group" or not c.det or e != c.end or not p.lowerish(e):
        return None
    k = next((x for x in range(c.end - 1, c.start, -1) if p.is_(x, ",")), None)
    if k is None or k + 1 >= c.end:
        return None
    n = c.end - (k + 1)
    L = p.L
    if L.generics.match(p.t, k + 1, c.end) == n and L.enders.match(p.t, k + 1, c.end) == n and _ends_in_locality(p, k):
        return k + 1
    return None


def _ends_with(p: Parser, lex: Lexicon, k: int, lo: int = 0, *, lowered: bool = False) -> bool:
    """Does an entry of ``lex`` (up to three tokens, none before token ``lo``;
    with ``lowered``, starting on a lower-case word) end right before token ``k``?"""
    return any(lex.match(p.t, x, k) == k - x and (not lowered or p.lowerish(x)) for x in range(max(lo, k - 3), k))


def _ends_in_locality(p: Parser, k: int) -> bool:
    """Does a locality word ("xã", "thị trấn", "tổ dân phố") end right before token ``k``?"""
    return _ends_with(p, p.L.localities, k)


def _collective_across(p: Parser, a: int, k: int, lim: int) -> Optional[int]:
    """Start of a collective under a determiner that opens in tokens [a, k)
    and runs on past the comma at ``k``: the comma is inside the subject, not
    the end of a fronted adverbial written without its own ("nếu có vướng
    mắc các cơ quan, đơn vị, địa phương báo cáo ..."); None if there is none.
    Not after a word that makes it an object ("của các bộ, ...")."""
    for j in range(k - 1, a, -1):
        if p.is_(j, ","):
            return None
        if p.lowerish(j) and p.L.dets.match(p.t, j, k) and not p.is_(j - 1, "của", "với", "cho", "và", "hoặc", "do", "từ", "đến", "tới"):
            if p._right_after(lambda x, m: p.owner_at(x, m) or p.unit_head_at(x, m)[0] or p.title_at(x, m), j, lim, 4):
                return None  # "Ủy ban nhân dân các tỉnh, ...": the levels of a body
            c = p.conj(j, lim)
            return j if c is not None and c.core_type == "group" and c.end > k + 1 else None
    return None


def _bare_named_head(p: Parser, i: int, lim: int) -> Optional[tuple[list[Conj], int]]:
    """A named head alone before a verb, after an assignment verb or "phối hợp
    với" ("giao Trường tổ chức ...", "phối hợp với Cục hoàn thiện ..."): the body
    the notice is about (anaphora kept as printed, README §3)."""
    if not p.capish(i) or p.caps:
        return None
    n = p.L.named_heads.match(p.t, i, lim)
    if not n or not p.ender(i + n, lim):
        return None
    return [Conj(start=i, end=i + n, core_type="unit")], i + n


def _support(doc: Doc, p: Parser, e: int, lim: int, method: str, conf: float) -> list[Party]:
    """Parties acting with or under the lead (README §3 ``support``):
    ``X phối hợp với Y``, ``X chủ trì, phối hợp với Y`` (also after a few
    words of the lead's own task), ``X chỉ đạo Y, Z phối hợp ...``."""
    L, t = p.L, p.t
    k = e
    n = L.co_lead.match(t, k, lim)
    if n:
        # "Bộ A đồng chủ trì với Bộ B, phối hợp với C": B leads too, C supports
        conjs, se = p.conj_list(k + n, lim, bounded=False)
        if conjs and not _bare_generic(p, conjs, True):
            k2 = se + (1 if p.is_(se, ",") else 0)
            return _build(doc, p, conjs, "lead", method, conf) + _support(doc, p, k2, lim, method, conf)
    if p.is_(k, "chủ") and p.is_(k + 1, "trì"):
        k += 2 + (1 if p.is_(k + 2, ",") else 0)
    elif p.is_(k, "có", "chịu") and p.is_(k + 1, "trách") and p.is_(k + 2, "nhiệm"):
        k += 3  # "X có trách nhiệm chỉ đạo Y ..."
    n = L.support.match(t, k, lim) if p.lowerish(k) else 0
    m = (_directing(p, k, lim) or L.directing_after_subject.match(t, k, lim)) if p.lowerish(k) and not n else 0
    if m:
        # "X chỉ đạo Y, Z thực hiện ...": Y, Z act under X; a known verb must
        # follow them ("hướng dẫn xã trong công tác ..." gives xã no task)
        conjs, se = _directed_objects(p, k, m, lim)
        # (a heading's ":" stands for the predicate: its items say what they do)
        if conjs and (_predicate_follows(p, se, lim, True, strict=True) or p.is_(se, ":") and se + 1 >= lim):
            return _build(doc, p, conjs, "support", method, conf) + _partners_of_directed(doc, p, se, lim, method, conf)
    if not n:
        # "Giao Sở Công Thương chủ trì hướng dẫn chuyên môn, phối hợp với ...",
        # "..., cùng với ..."; without "với" a named body or a category must
        # follow: "Các Bộ chủ động phối hợp Bộ Ngoại giao báo cáo ..." (not
        # "phối hợp thực hiện")
        for j in range(k, lim):
            m = L.support.match(t, j, lim) if p.is_(j, "với", "có") and p.is_(j + 1, "sự") else 0
            if m and p.starts_party(j + m, lim):
                k, n = j, m  # "..., với sự phối hợp của Sở Y và các đơn vị liên quan"
                break
            m = 2 if p.is_(j, "phối") and p.is_(j + 1, "hợp") else 1 if p.is_(j, "cùng") else 0
            if not m:
                continue
            full = L.support.match(t, j, lim)
            if full > m and p.is_(j + full - 1, "với"):
                m = full - 1  # "phối hợp chặt chẽ với" (a manner before its "với")
            if p.is_(j + m, "với") or p.word(j + m) and (p.capish(j + m) or p.is_(j + m, "các")) \
                    and p.starts_party(j + m, lim):
                k, n = j, m + p.is_(j + m, "với")
                break
    if not n:
        return []
    conjs, se = p.conj_list(k + n, lim, bounded=False)
    if conjs and p.is_(se, ",", "và") and not _predicate_follows(p, se, lim, True):
        # "phối hợp với Ban X, các bộ, cơ quan trung ương và địa phương, các cơ
        # quan thông tấn, báo chí tổ chức ...": read the list up to the verb
        longer = _list_to_predicate(p, k + n, lim, True)
        if longer is not None:
            conjs, se = longer
    if p.is_(lim, ":") and (not conjs or se >= lim) and (dist := _distributed_support(doc, p, k + n, method, conf)):
        return dist  # "phối hợp với UBND các xã: A, B và đơn vị tư vấn, ..."
    if not conjs and (bare := _bare_named_head(p, k + n, lim)):
        conjs, se = bare  # "phối hợp với Cục hoàn thiện ..."
    if not conjs or _bare_generic(p, conjs, True):
        return []
    if not (_predicate_follows(p, se, lim, True) or se >= lim or p.is_(se, ",", ";")):
        return []
    return _build(doc, p, conjs, "support", method, conf)


def _distributed_support(doc: Doc, p: Parser, a: int, method: str, conf: float) -> list[Party]:
    """Supporters named by a distributive head after a support marker, with
    the parties after the list ("phối hợp với UBND các xã: A, B và đơn vị tư
    vấn"); [] when the head at ``a`` is not distributive."""
    dist = _distributive(doc, p, a, p.n, "support", method, conf)
    if dist is None:
        return []
    more, _ = p.conj_list(dist[1] + 1, p.n, bounded=False) if p.is_(dist[1], "và", ",") else ([], 0)
    return dist[0] + (_build(doc, p, more, "support", method, conf) if more else [])


def _list_to_predicate(p: Parser, i: int, lim: int, after_intro: bool) -> Optional[tuple[list[Conj], int]]:
    """A party list read in bounded mode up to the first known verb after it,
    when it holds at least three parties and every separator starts one."""
    # the verb: not a noun after a determiner or "và" ("các tổ chức thành viên")
    v = next((k for k in range(i + 1, min(lim, i + 80)) if p.ender(k, lim) and not p.is_(k - 1, ",")
              and (p.word(k - 1) or p.is_(k - 1, ".", "…"))
              and not p.L.dets.match(p.t, k - 1, k)
              and not (p.is_(k - 1, "và") and p.L.generics.match(p.t, k, lim))), None)
    if v is None:
        return None
    while p.is_(v - 1, ".", "…"):
        v -= 1  # "Thành Đoàn... phát động": the list's ellipsis
    conjs, e = p.conj_list(i, v, bounded=True)
    if len(conjs) < 3 or e != v:
        return None
    return conjs, e


def _heading_subject(doc: Doc, p: Parser, i: int, colon: int, method: str, conf: float) -> list[Party]:
    """``Sở Tài chính, Kho bạc Nhà nước tỉnh: Thẩm định ...``: parties standing
    alone before a colon, with the task after it opening on a verb, lead."""
    while i < colon and p.t[i].text in _BULLETS:
        i += 1
    n = _intro_len(p, i, colon)
    if n and (p.L.topic_intros.match(p.t, i, colon) != n or _topic_is_actor(p, i + n, colon)):
        # "Giao Sở X: Chủ trì ...", "Đối với Sở X: Khẩn trương ..."
        i += n
    if _hands_over(p, i, colon):
        return []  # "UBND tỉnh thống nhất: Giao ...", "Chủ tịch UBND tỉnh yêu cầu:": the requester hands over
    conjs, e = p.conj_list(i, colon, bounded=True)
    if not conjs or e != colon or _bare_generic(p, conjs, False) or not _task_opens(p, colon + 1):
        return []
    # a plural level with its names: "UBND các xã Ea Pốk, Quảng Tiến: ..." (one party a place)
    dist = _distributive(doc, p, i, colon, "lead", method, conf)
    leads = dist[0] if dist is not None and dist[1] == colon else _build(doc, p, conjs, "lead", method, conf)
    # (the task names their partners as a sentence would: "Các Bộ, ngành:
    # Chủ động phối hợp với Bộ Ngoại giao ...", "Bộ A: Đồng chủ trì với Bộ B")
    return leads + _support(
        doc, p, colon + 1, _clause_end(p, colon + 1), method, conf * 0.9)


def _hands_over(p: Parser, i: int, colon: int) -> bool:
    """Do the words before ``colon`` end on a lower-case verb that hands over
    (``handover_ends``, or an assigning verb: "UBND tỉnh thống nhất:", "Chủ
    tịch UBND tỉnh yêu cầu:", "UBND tỉnh giao:"), after words of their own:
    the requester, no party (SPEC §5)? Not a name's own word ("Ban Chỉ đạo
    ... tỉnh:", "... công trình giao thông tỉnh:")."""
    return any(_ends_with(p, lex, colon, i + 1, lowered=True) for lex in (p.L.handover_ends, p.L.intro))


def _requester_before(doc: Doc, p: Parser, i: int, colon: int, method: str) -> bool:
    """"Chủ tịch UBND tỉnh kết luận như sau: Sở Y tế chủ trì ...": the words
    before ``colon`` hand over (``_hands_over``) and the words after it name
    their own lead ("Sở Y tế chủ trì", "Giao Sở X", "Sở X: Thẩm định ..."):
    they are the requester, no party (SPEC §5). Not "X có trách nhiệm sau
    đây: ...", "X ... chỉ đạo: xây dựng kế hoạch ...", whose own tasks
    follow the colon."""
    if not (p.is_(colon, ":") and _hands_over(p, i, colon)):
        return False
    k = colon + 1
    while k < p.n and p.t[k].text in _BULLETS:
        k += 1
    if k >= p.n:
        return False
    # (the words after the colon read on their own, at most _REQUESTED_READ tokens
    # and with no requester of their own looked for: one bounded call per hand-over)
    end = p.t[min(p.n, k + _REQUESTED_READ) - 1].end
    return any(q.role == "lead" for q in find_responsible(doc, p.t[k].start, end, method=method, requesters=False))


_REQUESTED_READ = 120  # tokens: the clause after a hand-over's colon and more


def _topic_is_actor(p: Parser, i: int, colon: int) -> bool:
    """Is the topic at ``i`` of "Đối với X: ..." the party of the task after
    the colon? When it is a named body ("Đối với Sở Y tế: ..."), or when the
    task opens with a word that needs an agent, a role, a modal or an adverb
    of manner ("Đối với các đơn vị chưa xây dựng cơ sở dữ liệu: Khẩn trương
    rà soát ..."). A category before a plain verb is the scope of a policy or
    of a report's contents: "Đối với trường trung cấp nghề: Duy trì các
    trường ...", "Đối với các cơ sở điều dưỡng: Báo cáo về quy mô ..."."""
    return p.capish(i) or bool(p.L.predicate_openers.match(p.t, colon + 1, p.n))


def _task_opens(p: Parser, k: int) -> bool:
    """Does a task open at ``k``, after a heading's colon: a predicate of the
    lexicon, a supporting verb, an obligation ("Có trách nhiệm") or a word the
    tagger reads as a verb?"""
    return p.word(k) and bool(p.L.enders.match(p.t, k, p.n) or p.L.support.match(p.t, k, p.n)
                              or p.L.obligation.match(p.t, k, p.n) or p.tagged_verb(k, p.n))


def _named_alone(doc: Doc, p: Parser, lim: int, method: str, conf: float, first: int = 0) -> list[Party]:
    """An item that is nothing but its parties, a heading over the tasks below
    it or a cell under a role label ("Bộ Khoa học và Công nghệ", "Sở Lao
    động - Thương binh và Xã hội:", "Ban Công tác đặc biệt, Ban Chuyên trách
    các cấp."): they lead. A lone category noun names no one."""
    i = first
    while i < lim and p.t[i].text in _BULLETS:
        i += 1
    if lim < p.n and (p.t[lim].text not in (":", ".") or any(p.t[k].text not in (".", "/") for k in range(lim + 1, p.n))):
        return []
    conjs, e = p.conj_list(i, lim, bounded=False)
    if not conjs or e != lim or _bare_generic(p, conjs, False):
        return []
    return _build(doc, p, conjs, "lead", method, conf)


def _assigned_mid_clause(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """A task named first, then its party: "Nhiệm vụ này giao cho Sở X chủ
    trì ..." (an assigning verb inside the clause), "Việc rà soát do Sở X chủ
    trì thực hiện" (the agent after "do", with the role its predicate names)."""
    L = p.L
    for k in range(i + 1, lim):
        if p.t[k].low not in ("giao", "do", "được", "đã", "đề", "yêu"):
            continue
        bracket = p.is_(k - 1, "(")  # "Xây dựng Quy chế ... (Giao Công an tỉnh chủ trì ...)"
        # (after a comma too: "Thống nhất chủ trương, giao Sở X chủ trì ...")
        if not (p.lowerish(k) or bracket) or not (p.word(k - 1) or bracket or p.is_(k - 1, ",")):
            continue
        # an assigning verb inside the clause: "... giao cho Sở X chủ trì", and a
        # request to a body named with its capital: "Phó Thủ tướng đã đề nghị Bộ X
        # xây dựng ...", "(Đề nghị Công an tỉnh chủ trì ...)", "... yêu cầu quý
        # Bộ chủ trì" (not "đề nghị cơ quan có thẩm quyền xử lý", a step of the
        # task, nor "đáp ứng yêu cầu phòng, chống ...", nor "không yêu cầu ...")
        n = 0 if p.is_(k, "giao", "do", "được") or p.is_(k - 1, "không") else L.intro_mid.match(p.t, k, lim)
        requested = bool(n) and (p.capish(k + n) or p.is_(k + n, "quý") and p.capish(k + n + 1))
        if (p.is_(k, "giao") and L.intro.match(p.t, k, lim) or requested) \
                and not L.directing_not_after.match(p.t, k - 1, lim):
            # (not "trong việc giao cơ quan chủ quản ...": the act of assigning, named)
            got = _subject(doc, p, k, lim, after_intro=False, mid=True, method=method, conf=conf)
            if got:
                return got
        modal_passive = p.is_(k, "được") and p.is_(k - 1, "phải", "cần")
        if p.is_(k, "do") or modal_passive:
            conjs, e = p.conj_list(k + 1, lim, bounded=False)
            if conjs and e < lim and p.lowerish(e):
                n = L.agent_lead.match(p.t, e, lim)
                role = "lead" if n else "support" if L.agent_support.match(p.t, e, lim) and not p.is_(e + 2, "với") else None
                if role is None and _agent_acts(p, k, conjs, e, lim):
                    # "mức bồi thường do Tổ chức X xác định", "kiến nghị phải
                    # được UBND huyện xác minh lại": the agent of any other
                    # verb does the task, unless the verb only describes a
                    # thing ("văn bản do Bộ X ban hành")
                    role = "lead"
                if role and not _bare_generic(p, conjs, False):
                    return _build(doc, p, conjs, role, method, conf)
    return []


def _agent_acts(p: Parser, k: int, conjs: list[Conj], e: int, lim: int) -> bool:
    """Is the party list after the passive marker at ``k``, ending at ``e``,
    the agent of a task verb there? After "do" bodies and offices only (a
    category there is as often a cause: "do doanh nghiệp gặp khó khăn"); after
    "phải được" any party ("phải được cơ quan thuế xác nhận"). Not a verb that
    describes a thing it made or owns, nor a negation or tense word ("do Sở X
    chưa thẩm định" is a cause), and not after a category noun, which the
    phrase then only qualifies ("các cơ sở do Bộ X lựa chọn")."""
    if p.L.agent_descriptors.match(p.t, e, lim):
        return False
    if any(k - n >= 0 and p.L.generics.match(p.t, k - n, k) == n for n in (1, 2, 3)):
        return False
    if not (p.ender(e, lim) or p.lowerish(e) and p.tagged_verb(e, lim)):
        return False
    return p.is_(k, "được") or all(c.core_type in ("unit", "title") for c in conjs)


def _comma_supporters(doc: Doc, p: Parser, found: list[Party], method: str, conf: float) -> list[Party]:
    """"Sở A chủ trì, Sở B phối hợp thực hiện" (or "; Sở B phối hợp"): after
    a lead's "chủ trì", a party of its own clause after a comma or ";" that
    only "phối hợp" (not "phối hợp với" someone, which makes it a lead of its
    own) supports."""
    if not any(q.role == "lead" for q in found) or not any(t.low == "phối" for t in p.t):
        return []
    out: list[Party] = []
    lead_seen = False
    for k in range(p.n):
        low = p.t[k].low
        if low in (".", ":"):
            lead_seen = False
        elif p.lowerish(k) and p.L.agent_lead.match(p.t, k, p.n):
            lead_seen = True  # ("chủ trì", "chịu trách nhiệm chính", "là cơ quan chủ trì")
        elif lead_seen and low in (",", ";") and (p.capish(k + 1) or p.L.dets.match(p.t, k + 1, p.n)):
            conjs, e = p.conj_list(k + 1, p.n, bounded=False)
            if p.is_(e, "là") and p.is_(e + 1, "cơ", "đơn"):
                e += 3  # "Sở B, Sở C là cơ quan phối hợp"
            if (conjs and e < p.n and p.is_(e, "phối") and p.is_(e + 1, "hợp") and not p.is_(e + 2, "với")
                    and not _bare_generic(p, conjs, False)):
                out += _build(doc, p, conjs, "support", method, conf)
    return out


def _obliged(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """The subject of an obligation predicate when the grammar cannot read
    it: the noun phrase up to the predicate from the clause start, from "thì"
    ("Trường hợp hồ sơ chưa hợp lệ thì X có trách nhiệm ..."), or from a
    comma after a fronted adverbial. A start where the grammar reads the
    whole phrase wins; else the leftmost noun phrase of 2 to 14 words with no
    predicate word inside is one party as printed."""
    L, t = p.L, p.t
    m = next((k for k in range(i, lim) if p.lowerish(k) and L.obligation.match(t, k, lim)), None)
    if m is None:
        return []
    while i < m and t[i].text in _BULLETS:
        i += 1
    starts = [i] + [k + 1 for k in range(i, m) if p.is_(k, "thì")]
    if L.adverbials.match(t, i, m):
        starts += [k + 1 for k in range(i, m) if p.is_(k, ",")]
    fallback = None
    for j in sorted(set(starts)):
        words = [x.text for x in t[j:m] if x.is_word]
        if not words or len(words) > 14 or any(p.is_(k, "(", ")", '"', "“", "”") for k in range(j, m)):
            continue
        if L.adverbials.match(t, j, m) or L.intro.match(t, j, m) or L.intro_mid.match(t, j, m):
            continue
        if any(p.ender(k, m) for k in range(j + 1, m)):
            continue  # a predicate of its own before the marker
        conjs, e = p.conj_list(j, m, bounded=False)
        if conjs and e == m and not _bare_generic(p, conjs, False):
            return _build(doc, p, conjs, "lead", method, conf)
        if fallback is None and len(words) >= 2 and (
                L.generics.match(t, j, m) or L.actor_nouns.match(t, j, m) or p.starts_party(j, m)
                or _tagged_noun(" ".join(words[:4]))):
            fallback = j
    if fallback is None:
        return []
    return _build(doc, p, [Conj(start=fallback, end=m, core_type="group")], "lead", method, conf)


_CELL_WIDTH = 22  # characters: a line of a narrow table column


def _narrow_line(doc: Doc, tok: Tok) -> bool:
    a = doc.text.rfind("\n", 0, tok.start) + 1
    b = doc.text.find("\n", tok.start)
    return len(doc.text[a : b if b >= 0 else len(doc.text)].strip()) <= _CELL_WIDTH


def _ends_sentence(p: Parser, k: int) -> bool:
    """Does the line that starts at token ``k`` end the text or a sentence?"""
    e = k + 1
    while e < p.n and not p.t[e].nl:
        e += 1
    return e >= p.n or p.is_(e - 1, ".", "!", "?", ";")


def _row_cells(doc: Doc, p: Parser, method: str, conf: float) -> list[Party]:
    """A task table's row as text extraction without its layout prints it:
    cell after cell, each wrapped to its narrow column, the task cell often
    cut by a page break ("... hỗ trợ các doanh⏎Bộ Khoa học và⏎Công nghệ⏎Bộ
    Tài chính⏎Bộ Ngoại giao⏎..."). A run of short lines that reads as a party
    list is a cell; the first is the lead body's column ("Cơ quan chủ trì"),
    the cells right after it the partners' ("Cơ quan phối hợp"), in the order
    such tables keep, up to a cell that names only the level a product is
    submitted to (the "Cấp trình" column: "Chính phủ", "Cấp có thẩm quyền"),
    no party of the task. Tried only when the clause's prose names no party."""
    t = p.t
    for k in range(p.n):
        if not (k == 0 or t[k].nl) or not p.capish(k) or not _narrow_line(doc, t[k]):
            continue
        if p.is_(k - 1, *OPEN_LINE_WORDS):
            continue  # the line goes on the phrase of the line before: "... tại Thông báo số 211/TB-VPCP của⏎Văn phòng Chính phủ."
        if k and p.word(k - 1) and prose_line_at(doc.text, t[k - 1].start) and _ends_sentence(p, k):
            continue  # the short last line of a wrapped sentence: "... theo đề xuất của Ban cán sự đảng⏎UBND tỉnh."
        cell = _cell(doc, p, k)
        if cell is None:
            continue
        q, conjs, e = cell
        out = _build(doc, q, conjs, "lead", method, conf)
        while e < p.n and p.capish(e) and not _submission_cell(p, e) and (cell := _cell(doc, p, e)) is not None:
            q, conjs, e = cell
            out.extend(_build(doc, q, conjs, "support", method, conf))
        return out
    return []


def _submission_cell(p: Parser, k: int) -> bool:
    """Does a cell at token ``k`` name only a level a product is submitted to
    ("Thủ tướng⏎Chính phủ", "Cấp có⏎thẩm quyền"), wrapped or not?"""
    n = p.L.submission_levels.match(p.t, k, p.n)
    return bool(n) and (k + n >= p.n or p.t[k + n].nl)


_CELL_LINES = 8


def _cell(doc: Doc, p: Parser, k: int) -> Optional[tuple[Parser, list[Conj], int]]:
    """The party list of a narrow cell whose first line starts at token ``k``
    (with the parser of the cell's tokens it indexes), and the token after it.
    A cell ends at a line end where its words read whole as parties and the
    next line starts with a capital (a wrapped name goes on in lower case, or
    after a word that leaves it open: "Bộ Khoa học và⏎Công nghệ"), or the
    narrow lines stop. No passive inside: a product cell ("nhiệm vụ được bổ
    sung") is no party."""
    t, e = p.t, k
    for _ in range(_CELL_LINES):
        if e >= p.n or not _narrow_line(doc, t[e]):
            return None
        e += 1
        while e < p.n and not t[e].nl:
            e += 1
        last = e >= p.n or not _narrow_line(doc, t[e])
        if p.is_(e - 1, *OPEN_LINE_WORDS):
            continue  # a line left open
        if last or p.capish(e):
            # the cell alone: the grammar looks past its limit, and the next
            # cell is no continuation of this one
            q = Parser(t[k:e], p.caps)
            conjs, end = q.conj_list(0, q.n, bounded=True)
            if conjs and end >= q.n and not _bare_generic(q, conjs, False) and not any(
                    q.is_(x, "được", "bị") for x in range(q.n)):
                return q, conjs, e
            if last:
                return None
    return None


def _legal_person(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """A class of persons or organisations named by a relative phrase and
    then put under a duty: "Tổ chức sử dụng đất trưng dụng phải phục hồi lại
    đất", "Người bị thu hồi đất ở phải ...". The phrase holds verbs of its own,
    so the grammar reads its head alone, a bare category; the modal ends it.
    A temporal "khi ..." inside is not part of the party ("Người sử dụng đất
    khi bị thu hồi phải ..."). Up to 15 words, no punctuation."""
    L, t = p.L, p.t
    while i < lim and t[i].text in _BULLETS:
        i += 1
    n = L.legal_persons.match(t, i, lim)
    if not n:
        return []
    for m in range(i + n + 1, min(lim, i + 16)):
        if not p.word(m):
            return []
        if p.lowerish(m) and L.duty_modals.match(t, m, lim):
            if p.is_(m - 1, "và"):
                # "Người lao động đề nghị hỗ trợ ... và chịu trách nhiệm ...":
                # the duty is a second predicate; the party ends at the first
                conjs, e = p.conj_list(i, m, bounded=False)
                if conjs and e < m - 1 and p.lowerish(e):
                    return _build(doc, p, conjs, "lead", method, conf)
                return []
            end = next((k for k in range(i + n, m) if p.is_(k, "khi")), m)
            if sum(1 for x in t[i:end] if x.is_word) < 2 or end < m and _entitled(p, end, lim):
                return []  # (the duty inside "khi ...", then "thì được hỗ trợ": a beneficiary)
            return _build(doc, p, [Conj(start=i, end=end, core_type="group")], "lead", method, conf)
    return []


def _document_author(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """The author of a document whose content a duty prescribes: "Văn bản
    đề nghị miễn, giảm của Ủy ban nhân dân xã, phường, thị trấn phải thể hiện
    rõ ..." → the committee. The owner after "của" (within 12 words of the
    document noun, no stop between) must run up to the modal of duty."""
    L, t = p.L, p.t
    while i < lim and t[i].text in _BULLETS:
        i += 1
    n = L.authored_documents.match(t, i, lim) if p.word(i) else 0
    if not n:
        return []
    for k in range(i + n, min(lim, i + n + 12)):
        if t[k].text in _PUNCT_STOP:
            return []
        if p.is_(k, "của"):
            conjs, e = p.conj_list(k + 1, lim, bounded=False)
            if conjs and e < lim and p.lowerish(e) and L.duty_modals.match(t, e, lim) and not _bare_generic(p, conjs, True):
                return _build(doc, p, conjs, "lead", method, conf)
            return []
    return []


def _subject_of_condition(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """The party of a duty whose clause after "thì" has no subject: the one
    the condition names ("Trường hợp người có công với cách mạng không có hộ
    khẩu ... thì phải có xác nhận ..." → người có công với cách mạng), or
    whose verb is an applicant's act (``condition_acts``: "thì gửi kèm ...")."""
    if not (p.lowerish(i) and (p.L.duty_modals.match(p.t, i, i + 4) or p.L.condition_acts.match(p.t, i, i + 4))):
        return []
    then = i - 1
    start = next((k for k in range(then - 1, -1, -1) if p.t[k].text in _PUNCT_STOP), -1) + 1
    while start < then and p.t[start].text in _BULLETS:
        start += 1
    if p.is_(start, "nếu"):
        start += 1
    elif p.is_(start, "trường") and p.is_(start + 1, "hợp"):
        start += 2
    else:
        return []
    conjs, e = p.conj_list(start, then, bounded=False)
    if not conjs or e >= then or not p.lowerish(e) or _bare_generic(p, conjs, False):
        return []
    return _build(doc, p, conjs, "lead", method, conf)


def _responsibility_heading(doc: Doc, p: Parser, i: int, lim: int, method: str
                            ) -> Optional[tuple[list[Party], int]]:
    """A heading "Trách nhiệm của X" ending at a colon or at its line's end:
    X leads the item; returns its parties and where the item's text starts."""
    while i < lim and p.t[i].text in _BULLETS:
        i += 1
    n = p.L.responsibility_heads.match(p.t, i, lim)
    if not n:
        return None
    conjs, e = p.conj_list(i + n, lim, bounded=False)
    if not conjs or not (e >= lim or p.is_(e, ":") or p.t[e].nl and p.capish(e)):
        return None
    return _build(doc, p, conjs, "lead", method, 0.8), e + (1 if p.is_(e, ":") else 0)


def _role_label(doc: Doc, p: Parser, i: int, colon: int, method: str) -> Optional[tuple[list[Party], int]]:
    """``Cơ quan chủ trì: Bộ Quốc phòng; Bộ Tài chính.``: a role label of an
    assignment table, the parties after its colon (across ``;``) in that role."""
    while i < colon and p.t[i].text in _BULLETS:
        i += 1
    for lex, role in ((p.L.role_label_lead, "lead"), (p.L.role_label_support, "support")):
        if i < colon and lex.match(p.t, i, colon) == colon - i:
            conjs, e = p.conj_list(colon + 1, p.n, bounded=False)
            if conjs and not _bare_generic(p, conjs, True):
                return _build(doc, p, conjs, role, method, 0.8), e
    return None


def _directed_objects(p: Parser, k: int, m: int, lim: int) -> tuple[list[Conj], int]:
    """The list a directing verb of ``m`` tokens at ``k`` puts to work, and its
    end; no list when it is a lone category noun or, after a verb that
    directs bodies only ("hướng dẫn"), staff ("hướng dẫn cán bộ chuyên môn
    của xã rà soát ..."). The three readers of directed parties (after a
    subject, opening an item, anywhere) share it."""
    conjs, se = p.conj_list(k + m, lim, bounded=False)
    if not conjs or _bare_generic(p, conjs, True):
        return [], se
    if len(conjs) == 1 and p.L.directed_means.match(p.t, conjs[0].start, se) == se - conjs[0].start:
        return [], se  # "huy động lực lượng tham gia": the means, not a party
    if p.L.directing_bodies.match(p.t, k, lim):
        first = conjs[0].start + (1 if p.is_(conjs[0].start, "các", "những") else 0)
        if p.L.not_directed.match(p.t, first, lim):
            return [], se
    return conjs, se


def _directing(p: Parser, k: int, lim: int) -> int:
    """Length of a directing verb, with a run of co-ordinated verbs after it
    ("chỉ đạo, tuyên truyền, hướng dẫn, kiểm tra, đôn đốc Y"), or 0."""
    m = p.L.directing.match(p.t, k, lim)
    if not m:
        return 0
    j = k + m
    for _ in range(8):
        if (p.is_(j, ",", "và") and p.lowerish(j + 1)
                and (n := p.L.enders.match(p.t, j + 1, lim) or p.L.directing.match(p.t, j + 1, lim))):
            j += 1 + n
        else:
            break
    if p.is_(j, "cho") and p.starts_party(j + 1, lim):
        j += 1  # "chỉ đạo và hướng dẫn cho UBND cấp xã thực hiện"
    return j - k


def _opening_support(doc: Doc, p: Parser, i: int, lim: int, method: str, conf: float) -> list[Party]:
    """A clause with no subject that opens ``(Chủ trì,) phối hợp với X ...``:
    X acts with the (inherited) lead, so X is support."""
    while i < lim and p.t[i].text in _BULLETS:
        i += 1
    k = i
    if p.is_(k, "là", "làm"):
        k += p.L.predicate_openers.match(p.t, k, lim)  # "là đầu mối chủ trì, phối hợp với ..."
    if p.is_(k, "chủ") and p.is_(k + 1, "trì"):
        k += 2 + (1 if p.is_(k + 2, ",") else 0)
    n = p.L.support.match(p.t, k, lim) if p.word(k) else 0
    if not n and k == i:
        k, n = _after_verb_series(p, k, lim)
    # "Chỉ đạo X thực hiện ..." opening the item or a line of it (not a later clause),
    # after its bullet if it has one ("- Chỉ đạo các thôn, buôn rà soát ...")
    line = i
    while line > 0 and p.t[line - 1].text in _BULLETS:
        line -= 1
    m = 0 if n or k != i or line > 0 and not p.t[line].nl else _directing(p, k, lim)
    if not (n or m):
        return []
    conjs, se = _directed_objects(p, k, m, lim) if m else p.conj_list(k + n, lim, bounded=False)
    if n and p.is_(lim, ":") and (not conjs or se >= lim) and (dist := _distributed_support(doc, p, k + n, method, conf)):
        return dist  # "Chủ trì, phối hợp với các Bộ, ngành liên quan: Tài chính, Nội vụ hướng dẫn ..."
    if not conjs or _bare_generic(p, conjs, True):
        return []
    if not (_predicate_follows(p, se, lim, True, strict=bool(m)) or (n and (se >= lim or p.is_(se, ",", ";")))):
        return []
    partners = _partners_of_directed(doc, p, se, lim, method, conf) if m else []
    return _build(doc, p, conjs, "support", method, conf) + partners


_SERIES_ITEM = 3  # words of one verb in an opening series ("Theo dõi, đôn đốc và ...")


def _after_verb_series(p: Parser, k: int, lim: int) -> tuple[int, int]:
    """A subjectless clause may open with a series of the (inherited) lead's
    own verbs before its support marker: "Theo dõi, đôn đốc và phối hợp chặt
    chẽ với các bộ, cơ quan ...". Returns the marker's position and length,
    or ``(k, 0)`` when the words before it are no such series (a party, or no
    marker after at most three short items)."""
    j = k
    for _ in range(3):
        w = j
        while w < lim and p.word(w) and w - j < _SERIES_ITEM and not p.is_(w, "và"):
            if p.starts_party(w, lim) or (w > j and not p.lowerish(w)):
                return k, 0
            w += 1
        if w == j or not (p.is_(w, ",") or p.is_(w, "và")):
            return k, 0
        j = w + 1 + (1 if p.is_(w, ",") and p.is_(w + 1, "và") else 0)
        n = p.L.support.match(p.t, j, lim) if p.word(j) and p.lowerish(j) else 0
        if n:
            return j, n
    return k, 0


def _partner_before(p: Parser, cs: int, g: int) -> bool:
    """Is [cs, g) "phối hợp với <parties>", so that the verb at ``g`` is the
    lead's, done with them ("Phối hợp với Bộ Nội vụ hướng dẫn các địa phương ...")?"""
    n = p.L.support.match(p.t, cs, g)
    return bool(n) and p.conj_list(cs + n, g, bounded=False)[1] == g


def _directed(doc: Doc, p: Parser, method: str, conf: float) -> list[Party]:
    """Parties a directing verb puts to work anywhere in the text: "Bộ X có
    trách nhiệm ...; chỉ đạo các trung tâm ... triển khai ...", "hướng dẫn,
    chỉ đạo UBND cấp xã để ...". They act under the lead (README §3 support).
    The list must open right after the verb ("ý kiến chỉ đạo của ..." has
    none) and a verb (or "để") must follow it. The verbs must be the lead's:
    they open a clause, follow a comma, a modal or the clause's own subject,
    not another noun ("gắn trách nhiệm cấp ủy lãnh đạo, chỉ đạo ...")."""
    out: list[Party] = []
    L, t = p.L, p.t

    def ends_at(lex: Lexicon, g: int) -> bool:
        return any(g - n >= 0 and p.lowerish(g - n) and lex.match(t, g - n, g) == n for n in (1, 2, 3, 4))

    starts = [i for i, _ in _clause_starts(p)]
    opening = set(starts)  # (a sentence of the item may open with the verb: "... . Chỉ đạo các cơ quan ...")
    for k in range(p.n):
        if not (p.lowerish(k) or k in opening and k > 0) or not L.directing.match(t, k, p.n):
            continue
        if any(k >= n and L.directing_not_after.match(t, k - n, k) == n for n in (1, 2)):
            continue
        g = k  # back over co-ordinated verbs: "hướng dẫn, chỉ đạo", "lãnh đạo, chỉ đạo"
        while p.is_(g - 1, ",", "và") and (ends_at(L.enders, g - 1) or ends_at(L.directing, g - 1)):
            g = next(g - 1 - n for n in (1, 2, 3, 4) if L.enders.match(t, g - 1 - n, g - 1) == n
                     or L.directing.match(t, g - 1 - n, g - 1) == n)
        cs = max(i for i in starts if i <= g)
        while cs < g and t[cs].text in _BULLETS:
            cs += 1
        # a subject of its own ends at the verbs: from the clause start, a
        # comma or an assignment verb ("Bộ yêu cầu các Giám đốc Sở chỉ đạo ...")
        subj_starts = [j for j in range(cs, g) if j == cs or p.is_(j - 1, ",") or ends_at(L.intro_mid, j)]
        if not (g == cs or not p.word(g - 1) or ends_at(L.enders, g)
                or L.predicate_openers.match(t, cs, g) == g - cs  # "Khẩn trương hướng dẫn X ..."
                or L.enders.match(t, cs, g) == g - cs  # "Trực tiếp lãnh đạo, chỉ đạo X ..." (capitalised)
                or _partner_before(p, cs, g)
                or any(p.conj_list(j, g, bounded=False)[1] == g for j in subj_starts)):
            continue
        lim = _clause_end(p, k)
        m = _directing(p, k, lim)
        conjs, se = _directed_objects(p, k, m, lim)
        if not conjs or k in opening and _bare_generic(p, conjs, False):
            continue  # ("; Chỉ đạo xã giao ban ...": a bare noun for the place already named)
        if _predicate_follows(p, se, lim, True, strict=True) or p.is_(se, "để"):
            out.extend(_build(doc, p, conjs, "support", method, conf))
            out.extend(_partners_of_directed(doc, p, se, lim, method, conf))
    return out


def _partners_of_directed(doc: Doc, p: Parser, se: int, lim: int, method: str, conf: float) -> list[Party]:
    """"chỉ đạo Sở X (chủ trì,) phối hợp với Sở Y ...": Y works with the
    directed X, under the lead, so Y is support too."""
    k = se + (2 if p.is_(se, "chủ") and p.is_(se + 1, "trì") else 0)
    k += 1 if k > se and p.is_(k, ",") else 0
    if not (p.lowerish(k) and p.L.support.match(p.t, k, lim)):
        return []
    return _support(doc, p, se, lim, method, conf)


def find_responsible(doc: Doc, start: int, end: int, *, method: str = "rule:responsible",
                     requesters: bool = True) -> list[Party]:
    """Own subject(s) of a directive whose text is ``doc.text[start:end]``.

    Every sentence (and clause after ``;`` or ``:``) is tried; an item that
    opens with a verb has no subject of its own and gives ``[]`` (the caller
    handles inheritance). ``requesters``: look for a requester before a
    colon (``_requester_before``), whose check reads the words after it."""
    toks = _tokenize(doc, start, end)
    if not toks:
        return []
    p = Parser(toks, _is_caps(doc, start, end))
    if _is_composition(p):
        return []
    out: list[Party] = []
    skip_to = 0
    pending: list[Party] = []  # subject lists before ";" waiting for the predicate of a later clause
    for i, mid in _clause_starts(p):
        if i < skip_to:
            continue
        lim = _clause_end(p, i)
        if _condition_before_then(p, i, lim):
            continue  # "Trường hợp X không thực hiện ... thì Y có trách nhiệm": Y's clause, after "thì"
        if requesters and _requester_before(doc, p, i, lim, method):
            continue
        if p.is_(lim, ";"):
            # "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện có trách nhiệm: ..."
            conjs, e = p.conj_list(i, lim, bounded=False)
            if conjs and e < lim and conjs[0].core_type == "title" and not any(p.ender(k, lim) for k in range(i + 1, lim)):
                # "Thủ trưởng các Sở, Ban, Ngành, đoàn thể tỉnh;": an office over
                # categories the grammar does not list is one party up to the ";"
                conjs, e = [Conj(start=i, end=lim, core_type="group")], lim
            if conjs and e == lim and not _bare_generic(p, conjs, False) and not _opens_with_intro(p, i, lim):
                pending += _build(doc, p, conjs, "lead", method, 0.75)
                continue
        heading = _responsibility_heading(doc, p, i, lim, method)
        if heading is not None:
            parties, e = heading
            out.extend(parties)
            if e < lim:  # the item runs on after the heading's line
                # its own sentence may name the lead again, with partners
                # ("Trách nhiệm của Bộ X⏎Trên cơ sở ..., Bộ X chủ trì, phối hợp với Bộ Y ...")
                out.extend(_subject(doc, p, e, lim, after_intro=False, mid=False, method=method, conf=0.75)
                           or _opening_support(doc, p, e, lim, method, 0.75))
            continue
        labelled = _role_label(doc, p, i, lim, method) if p.is_(lim, ":") else None
        if labelled is not None:
            out.extend(labelled[0])
            skip_to = labelled[1]
            continue
        dist = _distributive_in_list(doc, p, i, lim, method) if p.is_(lim, ":") else None
        if dist is not None:
            parties, e = dist
            # (or they head the lines that follow: "Giao các Sở: Tài chính, Xây dựng:⏎- ...")
            if e >= p.n or _predicate_follows(p, e, p.n, False) or p.is_(e, ":") and (e + 1 >= p.n or p.t[e + 1].nl):
                # (their partners: "UBND các phường: A, B có trách nhiệm phối hợp với X ...")
                partners = _support(doc, p, e, _clause_end(p, e), method, 0.7) if e < p.n and not p.is_(e, ":") else []
                out.extend(pending + parties + partners)
                pending = []
                skip_to = e
                continue
            if p.is_(e, ";"):  # "Giám đốc các Sở: A, B; Chủ tịch UBND ... chịu trách nhiệm"
                pending += parties
                skip_to = e + 1
                continue
        if pending:
            got = _subject(doc, p, i, lim, after_intro=False, mid=False, method=method, conf=0.75)
            if not any(q.role == "lead" for q in got):
                # "...; Giám đốc Sở Tài chính chịu trách nhiệm thi hành ..."
                got = _obliged(doc, p, i, lim, method, 0.6) or got
            obliged = any(p.lowerish(k) and p.L.obligation.match(p.t, k, lim) for k in range(i, lim))
            if not got and not obliged:
                # "Bộ Quốc phòng; các Bộ, ngành, cơ quan liên quan.": an item that
                # is nothing but parties, the last list after ";" as the first
                alone = _named_alone(doc, p, lim, method, 0.7, first=i)
                if alone:
                    got, obliged = alone, True
            if any(q.role == "lead" for q in got) or obliged:
                # (the listed subjects take the predicate even when the last
                # clause's own subject is unreadable)
                out.extend(pending)
            pending = []
            out.extend(got)
            continue
        got = _subject(doc, p, i, lim, after_intro=False, mid=mid, method=method,
                       conf=0.85 if i == 0 else 0.75)
        if not got and p.is_(lim, ":"):
            got = _heading_subject(doc, p, i, lim, method, 0.8)
        if not got:
            got = _opening_support(doc, p, i, lim, method, 0.75)
        if not got:
            got = _obliged(doc, p, i, lim, method, 0.6)
        if not got:
            got = _legal_person(doc, p, i, lim, method, 0.6)
        if not got:
            got = _document_author(doc, p, i, lim, method, 0.6)
        if not got and mid and p.is_(i - 1, "thì"):
            got = _subject_of_condition(doc, p, i, lim, method, 0.6)
        if not got:
            got = _assigned_mid_clause(doc, p, i, lim, method, 0.7)
        if not got and i == 0:
            got = _named_alone(doc, p, lim, method, 0.7)
        out.extend(got)
    if not out:
        out = _row_cells(doc, p, method, 0.6)
    out.extend(_directed(doc, p, method, 0.7))
    supporters = _comma_supporters(doc, p, out, method, 0.7)
    # ("Giao Sở A chủ trì; Sở B phối hợp.": the clause after ";" read Sở B as
    # its own lead, which only "phối hợp" makes a supporter)
    demoted = {normalise_tone(q.value).casefold() for q in supporters}
    out = [q for q in out if q.role != "lead" or normalise_tone(q.value).casefold() not in demoted] + supporters
    # a party that is lead somewhere is not also support
    leads = {normalise_tone(q.value).casefold() for q in out if q.role == "lead"}
    out = [q for q in out if q.role == "lead" or normalise_tone(q.value).casefold() not in leads]
    return _dedupe(out)


# A "." inside a word ("30.9", "TP.HCM") is not a token of its own: it has a
# word character on both sides; the other sentence stops never are in a word.
_STOP_CHAR = re.compile(r"(?=[.:!?…])(?:(?<!\w)\.|\.(?!\w)|[:!?…])")


def _trigger_tokens(doc: Doc, start: int, end: int):
    """The tokens of ``doc.text[start:end]`` that ``find_addressees`` reads,
    in pieces: yields (tokens, index of the range's first non-bullet token
    among them, -1 when absent).

    An addressee list is read from a trigger to the next sentence stop
    (``.``, ``:``, ``!``, ``?``, ``…``; not ``;``), which is the only token
    after it that is looked at. So the sentences (each with its stop) where no
    trigger's first word occurs are left out: a token's lower case is a piece
    of the lower-cased range. The result is the full token list minus those
    sentences, which changes no trigger's reading. For the same reason the
    list may be cut after any sentence that ends with a stop other than ``:``
    (a colon's list is read past it); a long range (a closing block that spans
    many glued documents) is given in pieces of about ``_PIECE`` tokens, so
    that its tokens are never all in memory at once."""
    seg = doc.text[start:end]
    low = lower(seg)
    if len(low) != len(seg) or "\u03a3" in seg:  # lower() not char by char: all tokens
        toks = _tokenize(doc, start, end)
        first = 0
        while first < len(toks) and toks[first].text in _BULLETS:
            first += 1
        yield toks, first
        return
    heads = tuple(_lex().triggers.by_first)
    if not any(h in low for h in heads):
        return
    # the first non-bullet token starts at the first character that is neither
    # a space nor a bullet (bullets are one-character tokens outside words)
    fc = next((i for i, ch in enumerate(seg) if not ch.isspace() and ch not in _BULLETS), len(seg))
    toks: list[Tok] = []
    a = 0
    after_colon = False  # the list of a distributive head ("Giao UBND các xã: A, B:") follows its colon
    for m in _STOP_CHAR.finditer(seg):
        b = m.end()
        if after_colon or any(low.find(h, a, b) >= 0 for h in heads):
            toks += _tokenize(doc, start + a, start + b)
            after_colon = seg[b - 1] == ":" and not after_colon
            if len(toks) >= _PIECE and seg[b - 1] != ":":
                yield toks, next((i for i, t in enumerate(toks) if t.start == start + fc), -1)
                toks = []
        a = b
    if a < len(seg) and (after_colon or any(low.find(h, a) >= 0 for h in heads)):
        toks += _tokenize(doc, start + a, end)
    if toks:
        yield toks, next((i for i, t in enumerate(toks) if t.start == start + fc), -1)


_PIECE = 20_000


def find_addressees(doc: Doc, start: int, end: int, *, method: str = "rule:addressee") -> list[Party]:
    """Parties a lead-in (``... đề nghị A, B cần ...:``) or a closing line
    (``thông báo để A, B biết, thực hiện``) addresses. A lead-in naming only
    the requester (``Huyện uỷ yêu cầu:``) gives ``[]``."""
    caps = None
    out: list[Party] = []
    for toks, first in _trigger_tokens(doc, start, end):
        if caps is None:
            caps = _is_caps(doc, start, end)
        out += _addressees_in(doc, Parser(toks, caps), first, method)
    return _dedupe(out)


def _addressees_in(doc: Doc, p: Parser, first: int, method: str) -> list[Party]:
    toks = p.t
    out: list[Party] = []
    k = 0
    while k < p.n:
        n = p.L.triggers.match(toks, k) if p.word(k) else 0
        if not n:
            k += 1
            continue
        if p.word(k + n) and unaccent(toks[k + n].low) == "de" and toks[k + n - 1].low == "báo":
            n += 1  # "thông báo để X biết" with the tone of "để" mistyped ("đề", "dể")
        # an addressee list may run over ";" ("các cơ quan của Trung ương; các
        # sở, ban, ngành và các hộ gia đình ... treo cờ")
        lim = k + n
        while lim < p.n and (p.t[lim].text not in _PUNCT_STOP or p.t[lim].text == ";"):
            lim += 1
        dist = _distributive(doc, p, k + n, p.n, None, method, 0.8) if p.is_(lim, ":") else None
        if dist is not None:  # "Giao UBND các xã: A, B, C:"
            out.extend(dist[0])
            k = dist[1]
            continue
        conjs, e = p.conj_list(k + n, lim, bounded=False)
        # the list may close the phrase: a lead-in "... đề nghị A, B:" or a
        # heading "2. Yêu cầu đối với chủ đầu tư"
        ends = e >= lim and (p.is_(lim, ":") or lim >= p.n and k <= first)
        if conjs and not _bare_generic(p, conjs, True) and (ends or _predicate_follows(p, e, lim, True)):
            out.extend(_build(doc, p, conjs, None, method, 0.8))
            k = e
            continue
        told = _told(p, k + n, lim) if toks[k + n - 1].low == "báo" else None
        if told is not None:
            out.extend(_build(doc, p, told[0], None, method, 0.75))
            k = told[1]
            continue
        k += n
    return out


def _told(p: Parser, i: int, lim: int) -> Optional[tuple[list[Conj], int]]:
    """``thông báo <what is announced> đến/để/cho X (được) biết``, ``thông báo
    này gửi X để biết``: X, the list after the last connective before ``biết``
    (and before ``để biết``) (the announced conclusions may
    name people and bodies themselves: "kết luận của đồng chí A - Phó Chủ tịch
    UBND tỉnh đến các sở, ngành liên quan biết")."""
    b = next((j for j in range(i, lim) if p.is_(j, "biết")), None)
    if b is None:
        # "thông báo kết luận ... để Công ty X, các cơ quan liên quan triển khai thực hiện"
        c = next((j for j in range(i, lim) if p.word(j) and unaccent(p.t[j].low) == "de"), None)
        if c is None:
            return None
        conjs, e = p.conj_list(c + 1, lim, bounded=False)
        if conjs and p.ender(e, lim):
            return conjs, e
        return None
    end = b - 1 if p.is_(b - 1, "được") else b
    for c in range(end - 1, i - 1, -1):
        if p.word(c) and (p.t[c].low in ("đến", "tới", "cho", "gửi") or unaccent(p.t[c].low) == "de"):
            if c == end - 1 and p.t[c].low != "gửi":
                end = c  # "gửi X để biết": X stands before the connective, after "gửi"
                continue
            conjs, e = p.conj_list(c + 1, end, bounded=True)
            if conjs and e >= end:
                return conjs, b
            return None
    return None


# ---------------------------------------------------------------------------
# Hooks for the statistical span recogniser (learn/spans.py)
# ---------------------------------------------------------------------------


def opens_with_predicate(doc: Doc, start: int, end: int) -> bool:
    """Does the item open with a verb or modal of the ``subject_enders`` lexicon
    (``Tập trung ...``, ``Chỉ đạo ...``, ``Cần ...``)? Such an item has no
    subject of its own: when the rules found none, the model is not asked."""
    toks = _tokenize(doc, start, min(end, start + 80))
    i = 0
    while i < len(toks) and toks[i].text in _BULLETS:
        i += 1
    n = _lex().enders.match(toks, i) if i < len(toks) and toks[i].is_word else 0
    if n == 1 and i + 1 < len(toks) and toks[i + 1].is_word and toks[i + 1].text[:1].islower():
        return not _starts_noun(toks, i, len(toks))  # "Dự án ... là ...": a noun, not "dự"
    return n > 0


def _starts_noun(toks: list[Tok], k: int, lim: int) -> bool:
    """Is the one-syllable word at ``k`` the first syllable of a noun pyvi
    reads with the words after it ("giao thông", traffic; "dự án", project)?"""
    word, tag = first_word(" ".join(x.text for x in toks[k : min(lim, k + 4)] if x.is_word))
    return tag in ("N", "Np") and word.count("_") >= 1


def first_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Working-text range of the item's first clause (to the first ``.;:!?``)."""
    toks = _tokenize(doc, start, end)
    for t in toks:
        if t.text in _PUNCT_STOP:
            return start, t.start
    return start, end
