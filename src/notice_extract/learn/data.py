"""Gold + text pairs for training, and the line labels derived from them.

A *pair* is one annotated notice: ``training/corpus/<id>.txt`` (the text) and
``training/gold/<id>.json`` (its gold record, format in ``shared/gold/README.md``).
``load_pairs()`` reads every gold file present when it runs, so newly annotated
files are picked up without code changes; a gold file without its text is
skipped with a message.

Line labels (``Pair.line_labels``)
----------------------------------
The gold ``segments`` are ``{kind, lines: [first, last]}`` ranges over the
*decoded source text split on "\\n"*, 1-based, exactly as ``scoring.py`` reads
them. The derivation is:

1. decode the file as the pipeline does (``decode.read_file``), split the text
   on ``"\\n"``: line ``n`` is element ``n-1``;
2. a line is *blank* when ``line.strip()`` is empty; blank lines get no label
   (``None``) even when a gold range covers them (ranges may span blanks);
3. every non-blank line covered by a gold range gets that range's kind; when
   two ranges overlap the first one listed wins (as in the scorer);
4. a non-blank line no range covers stays ``None`` and is counted in
   ``Pair.unlabelled`` -- an annotation gap. Sequence models drop such lines
   rather than guess a label for them.

A partial gold file (``"annotation": {"scope": "partial"}``) still has
``segments``; only files whose ``segments`` is missing or empty are skipped for
the segmenter (``Pair.has_segments``).

The model works on ``textmap.Doc`` lines (the normalised working text). The two
line lists have the same length except where the source has lone ``\\r``
(``textmap`` turns it into a line break); ``Pair.doc_line_labels()`` maps each
working line to the source line its first character comes from, so labels stay
right in that case too.
"""

from __future__ import annotations

import bisect
import json
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..decode import read_file
from ..textmap import Doc, build_doc

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO / "training" / "gold"
DEFAULT_CORPUS = REPO / "training" / "corpus"

KINDS = ("header", "opening", "findings", "requirements", "closing", "recipients", "signature")


@dataclass
class Pair:
    doc_id: str
    text: str  # the decoded source text (what spans and gold line numbers index)
    gold: dict
    text_path: Path | None = None
    unlabelled: list[int] = field(default_factory=list)  # non-blank lines no gold range covers

    @property
    def partial(self) -> bool:
        return (self.gold.get("annotation") or {}).get("scope") == "partial"

    @property
    def full(self) -> bool:
        """Fully annotated (not ``scope: partial``); the name ``learn/spans.py`` reads."""
        return not self.partial

    @property
    def source(self) -> str:
        """Alias of ``text`` for ``learn/spans.py``, whose own pairs call it ``source``."""
        return self.text

    @property
    def has_segments(self) -> bool:
        return bool(self.gold.get("segments"))

    @cached_property
    def doc(self) -> Doc:
        return build_doc(self.text)

    @cached_property
    def line_labels(self) -> list[str | None]:
        """Kind of each source line (index n-1 for line n); None for blank or uncovered lines."""
        lines = self.text.split("\n")
        covered: dict[int, str] = {}
        for seg in self.gold.get("segments") or []:
            first, last = seg["lines"]
            for n in range(int(first), int(last) + 1):
                covered.setdefault(n, seg["kind"])
        labels: list[str | None] = []
        self.unlabelled.clear()
        for n, s in enumerate(lines, start=1):
            if not s.strip():
                labels.append(None)
                continue
            kind = covered.get(n)
            if kind is None:
                self.unlabelled.append(n)
            labels.append(kind)
        return labels

    def doc_line_labels(self) -> list[str | None]:
        """Labels aligned with ``self.doc.lines`` (the working text's lines)."""
        doc, labels = self.doc, self.line_labels
        if len(doc.lines) == len(labels):
            return list(labels)
        src_starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                src_starts.append(i + 1)
        out: list[str | None] = []
        for i, line in enumerate(doc.lines):
            if not line.strip():
                out.append(None)
                continue
            off = doc.starts[doc.line_starts[i]] if doc.line_starts[i] < len(doc.starts) else len(self.text)
            out.append(labels[bisect.bisect_right(src_starts, off) - 1])
        return out


def load_pairs(gold_dir: str | Path = DEFAULT_GOLD, corpus_dir: str | Path = DEFAULT_CORPUS,
               *, need: str | None = "segments", quiet: bool = False) -> list[Pair]:
    """Every gold file in ``gold_dir`` with its text from ``corpus_dir``, sorted by id.

    ``need``: keep only files whose gold lists that field (``None`` keeps all).
    A gold file that does not parse is skipped with a message (annotators are
    saving files while training runs)."""
    gold_dir, corpus_dir = Path(gold_dir), Path(corpus_dir)
    pairs: list[Pair] = []
    for gp in sorted(gold_dir.glob("*.json")):
        tp = corpus_dir / f"{gp.stem}.txt"
        if not tp.exists():
            _say(quiet, f"skip {gp.name}: no text {tp}")
            continue
        try:
            gold = json.loads(gp.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            _say(quiet, f"skip {gp.name}: {exc}")
            continue
        if need and not gold.get(need):
            _say(quiet, f"skip {gp.name}: no {need}")
            continue
        _, decoded = read_file(tp)
        pair = Pair(doc_id=gp.stem, text=decoded.text, gold=gold, text_path=tp)
        if pair.has_segments and pair.line_labels and pair.unlabelled:  # a file without segments has no gap
            _say(quiet, f"note {gp.stem}: {len(pair.unlabelled)} non-blank line(s) outside every gold segment: "
                        f"{pair.unlabelled[:8]}")
        pairs.append(pair)
    return pairs


def _say(quiet: bool, msg: str) -> None:
    if not quiet:
        print(msg, file=sys.stderr)
