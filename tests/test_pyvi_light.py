"""pyvi loaded without scikit-learn (pyvi_light.py) tags exactly as pyvi loaded the
ordinary way, and leaves sklearn, scipy, numpy and the stand-in names out of the process.

Each side runs in a fresh interpreter: in the test process another test may
already have imported either form of pyvi."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SAMPLES

_LIGHT = r"""
import json, sys
from notice_extract import pyvi_light
tok, pos = pyvi_light.load()
phrases = json.load(sys.stdin)
out = [pos.postagging(tok.tokenize(p)) for p in phrases]
print(json.dumps({
    "tags": [[list(a), list(b)] for a, b in out],
    "scikit_learn": pyvi_light.uses_scikit_learn(),
    "modules": sorted(m for m in ("sklearn", "scipy", "numpy", "sklearn_crfsuite", "sklearn_crfsuite.estimator")
                      if m in sys.modules),
}))
"""

_ORDINARY = r"""
import json, sys
from pyvi import ViPosTagger as pos, ViTokenizer as tok
phrases = json.load(sys.stdin)
out = [pos.postagging(tok.tokenize(p)) for p in phrases]
print(json.dumps({"tags": [[list(a), list(b)] for a, b in out], "sklearn": "sklearn" in sys.modules}))
"""


def _run(code: str, phrases: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(phrases), capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def _phrases() -> list[str]:
    """Every line of the bundled samples, and windows of four words, as is and lowercased."""
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            pieces = [line.strip()] + [" ".join(words[i : i + 4]) for i in range(0, len(words), 3)]
            out += [p for p in pieces if p] + [p.lower() for p in pieces if p]
    return out


def test_light_pyvi_tags_as_pyvi_does_without_scikit_learn():
    phrases = _phrases()
    assert len(phrases) > 500
    light = _run(_LIGHT, phrases)
    ordinary = _run(_ORDINARY, phrases)
    assert ordinary["sklearn"]  # the comparison is with the ordinary load
    assert light["scikit_learn"] is False
    assert light["modules"] == []  # neither sklearn, numpy nor a stand-in name is left behind
    assert light["tags"] == ordinary["tags"]
    assert any("V" in tags for _, tags in light["tags"]) and any("N" in tags for _, tags in light["tags"])


def test_after_scikit_learn_pyvi_loads_the_ordinary_way():
    code = "import sklearn_crfsuite\n" + _LIGHT
    out = _run(code, ["Ủy ban nhân dân tỉnh tập trung chỉ đạo"])
    assert out["scikit_learn"] is True
    assert out["tags"] == [[["Ủy_ban", "nhân_dân", "tỉnh", "tập_trung", "chỉ_đạo"], ["N", "N", "N", "V", "V"]]]


def test_with_numpy_loaded_first_the_light_load_still_works():
    out = _run("import numpy\n" + _LIGHT, ["Sở Xây dựng tập trung chỉ đạo"])
    assert out["scikit_learn"] is False and out["modules"] == ["numpy"]
    assert out["tags"][0][1][-2:] == ["V", "V"]


def test_a_failed_light_load_falls_back_to_the_ordinary_one():
    # as if a later pyvi pickled something the stand-ins cannot read
    code = ("from notice_extract import pyvi_light\n"
            "def broken(self, state): raise ValueError('unreadable')\n"
            "pyvi_light.CRF.__setstate__ = broken\n") + _LIGHT
    out = _run(code, ["Ủy ban nhân dân tỉnh tập trung chỉ đạo"])
    assert out["scikit_learn"] is True  # pyvi loaded the ordinary way
    assert out["tags"] == [[["Ủy_ban", "nhân_dân", "tỉnh", "tập_trung", "chỉ_đạo"], ["N", "N", "N", "V", "V"]]]
    assert "sklearn_crfsuite" in out["modules"]  # the real one, not a stand-in
