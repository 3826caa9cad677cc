"""``pipeline.warm_up`` loads everything the extractors load lazily, so that a
batch's forked workers start with it (no slow first document per worker)."""

import subprocess
import sys

# Loaders that only some inputs or commands need, with why warm_up leaves them.
NOT_WARMED = {
    "notice_extract.convert.doc._antiword_version": "office files only (batch preloads converters when inputs have them)",
    "notice_extract.convert.ocr.tesseract_version": "scanned PDFs only (idem)",
    "notice_extract.scoring._abbreviations": "evaluation, not extraction",
    # the CRF segmenter ships switched off (models/shipped.json)
    "notice_extract.apply.segmenter._combined": "segmenter model, off by default",
    "notice_extract.apply.segmenter._floating": "segmenter model, off by default",
    "notice_extract.apply.segmenter._heading_cues": "segmenter model, off by default",
    "notice_extract.apply.segmenter._shipped": "segmenter model, off by default",
}

# In a fresh interpreter: every argument-less cached loader of the package that
# is still empty after warm_up().
SCRIPT = r"""
import importlib, inspect, pkgutil
import notice_extract
from notice_extract.pipeline import warm_up

warm_up()
for m in pkgutil.walk_packages(notice_extract.__path__, "notice_extract."):
    if m.name.endswith("__main__") or ".learn" in m.name:
        continue  # the CLI entry point; training code
    try:
        mod = importlib.import_module(m.name)
    except ImportError:
        continue  # an optional extra that is not installed
    for name, f in vars(mod).items():
        if hasattr(f, "cache_info") and getattr(f, "__module__", None) == mod.__name__:
            if not inspect.signature(f).parameters and f.cache_info().currsize == 0:
                print(f"{m.name}.{name}")
"""


def test_warm_up_leaves_no_loader_of_the_extractors_empty():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    unloaded = set(out.stdout.split())
    assert unloaded - set(NOT_WARMED) == set(), "loaded only by a real document, after the fork"
    # a loader that warm_up now reaches should leave the list
    assert unloaded == set(NOT_WARMED)


def test_the_warm_up_notice_goes_through_every_extractor():
    from notice_extract.pipeline import extract_text
    from notice_extract.resources import rules_dir

    rec = extract_text((rules_dir() / "warmup.txt").read_text(encoding="utf-8"), "warm-up")
    assert rec.notice_kind is not None and rec.issuer is not None and rec.issue_date is not None
    assert rec.meeting is not None and rec.meeting.chaired_by and rec.meeting.attendees
    assert len(rec.directives) == 3 and all(d.responsible for d in rec.directives)
    assert any(d.deadlines for d in rec.directives) and rec.citations and rec.recipients
    assert rec.signature is not None and not [w for w in rec.warnings if "missing" in w]
