"""pyvi's part-of-speech tagger, loaded once per process and asked about a few
syllables at a time (never a clause or a document).

pyvi's models are pickled ``sklearn_crfsuite.CRF`` objects; importing
scikit-learn, scipy and numpy for them costs about 0.8 s and 90 MB per
process, far more than the tagger itself. ``pyvi_light`` loads them on
python-crfsuite alone, unless this process has already imported
sklearn_crfsuite. Tags are identical either way: the CRF models are
python-crfsuite's.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tagger():
    from .pyvi_light import load

    return load()  # pyvi's ViTokenizer, ViPosTagger


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


@lru_cache(maxsize=4096)
def tag_words(words: str) -> tuple[tuple[str, str], ...]:
    """pyvi's words of ``words`` (lower-cased; syllables joined by "_") with
    their POS tags. For a few syllables only: a name's lower-case tail."""
    tokenizer, tagger = _tagger()
    tokens, tags = tagger.postagging(tokenizer.tokenize(words.lower()))
    return tuple((w, str(t)) for w, t in zip(tokens, tags))
