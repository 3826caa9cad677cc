"""pyvi's part-of-speech tagger, loaded once per process and asked about a few
syllables at a time (never a clause or a document).

pyvi's models are pickled ``sklearn_crfsuite.CRF`` objects. sklearn_crfsuite
imports scikit-learn only to take ``BaseEstimator`` as a base class and falls
back to a plain class when scikit-learn is absent; importing scikit-learn
(and with it scipy) costs about 0.8 s and 80 MB per process, more than the
tagger itself. So the tagger is loaded with scikit-learn hidden, unless this
process has already imported it (training does). Tags are identical either
way: the CRF models are python-crfsuite's.
"""

from __future__ import annotations

import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _tagger():
    hide = "sklearn" not in sys.modules and "sklearn_crfsuite" not in sys.modules
    if hide:
        sys.modules["sklearn"] = None  # "import sklearn" raises ImportError while this stands
    try:
        from pyvi import ViPosTagger, ViTokenizer
    finally:
        if hide:
            del sys.modules["sklearn"]
    return ViTokenizer, ViPosTagger


def load() -> None:
    """Load the tagger now (a batch parent does, so that forked workers share it)."""
    _tagger()


@lru_cache(maxsize=4096)
def first_word(words: str) -> tuple[str, str]:
    """pyvi's first word of ``words`` (lower-cased; syllables joined by "_")
    and its POS tag; ("", "") if none."""
    tokenizer, tagger = _tagger()
    tokens, tags = tagger.postagging(tokenizer.tokenize(words.lower()))
    return (tokens[0], str(tags[0])) if len(tags) else ("", "")


def first_tag(words: str) -> str:
    """pyvi's POS tag of the first word of ``words`` (lower-cased), "" if none."""
    return first_word(words)[1]
