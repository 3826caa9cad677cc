"""pyvi's tagger as the extractors load it: without scikit-learn, same tags."""

import json
import subprocess
import sys

_PROBE = r"""
import json, sys
from notice_extract.pos import first_tag
words = ["tập trung chỉ đạo", "thẩm định hồ sơ", "sở xây dựng", "các bộ ngành", "phối hợp với"]
tags = [first_tag(w) for w in words]
print(json.dumps({"tags": tags, "sklearn": "sklearn" in sys.modules, "scipy": "scipy" in sys.modules}))
"""

_WITH_SKLEARN = r"""
import json, sklearn
from pyvi import ViPosTagger, ViTokenizer
words = ["tập trung chỉ đạo", "thẩm định hồ sơ", "sở xây dựng", "các bộ ngành", "phối hợp với"]
print(json.dumps([str(ViPosTagger.postagging(ViTokenizer.tokenize(w))[1][0]) for w in words]))
"""


def _run(code: str):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_tagger_loads_without_scikit_learn_and_tags_as_pyvi_does():
    ours = _run(_PROBE)
    assert not ours["sklearn"] and not ours["scipy"]  # the 0.8 s, 80 MB import is skipped
    assert ours["tags"] == _run(_WITH_SKLEARN)  # and the tags are pyvi's own
    assert ours["tags"][0] == "V" and ours["tags"][2] == "N"


def test_scikit_learn_stays_importable_after_the_tagger_loaded():
    code = (
        "from notice_extract.pos import first_tag; first_tag('giao'); "
        "import sklearn.base, json; print(json.dumps(sklearn.base.__name__))"
    )
    assert _run(code) == "sklearn.base"
