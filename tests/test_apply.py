"""The models' run-time side (``notice_extract.apply``) stands apart from training:
the pipeline never imports ``learn/``, ``learn/`` never imports the pipeline, and
which models run is one configuration (``models/shipped.json``)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from notice_extract.apply import config

SRC = Path(__file__).resolve().parents[1] / "src" / "notice_extract"


def _imports(path: Path) -> set[str]:
    """Modules a file imports (relative imports resolved against the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(pkg[: len(pkg) - node.level + 1]) if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


@pytest.mark.parametrize("path", sorted((SRC / "learn").glob("*.py")) + sorted((SRC / "apply").glob("*.py")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_learn_and_apply_never_import_the_pipeline(path):
    assert not any(m == "notice_extract.pipeline" or m.startswith("notice_extract.pipeline.") for m in _imports(path))


@pytest.mark.parametrize("path", sorted((SRC / "apply").glob("*.py")) + sorted((SRC / "extract").glob("*.py"))
                         + [SRC / "pipeline.py"], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_run_time_code_never_imports_training(path):
    assert not any(m.startswith("notice_extract.learn") for m in _imports(path))


def test_the_pipeline_loads_no_training_module():
    code = "import sys, notice_extract.pipeline; print([m for m in sys.modules if m.startswith('notice_extract.learn')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_shipped_config_is_valid_and_read_from_the_models_folder():
    cfg = config.load()
    assert cfg.spans in config.SPAN_MODES and isinstance(cfg.segmenter, bool)
    assert config.current() == cfg


def test_use_overrides_only_inside_the_block():
    before = config.current()
    with config.use(spans="refine", segmenter=True) as cfg:
        assert config.current() is cfg and cfg.spans == "refine" and cfg.segmenter
    assert config.current() == before


def test_bad_config_is_refused(tmp_path):
    p = tmp_path / "shipped.json"
    p.write_text(json.dumps({"segmenter": False, "spans": "always"}), encoding="utf-8")
    with pytest.raises(config.ConfigError, match="spans must be one of"):
        config.load(p)
    p.write_text(json.dumps({"segmenter": "yes"}), encoding="utf-8")
    with pytest.raises(config.ConfigError):
        config.load(p)
    p.write_text(json.dumps({"spans": "off", "extra": 1}), encoding="utf-8")
    with pytest.raises(config.ConfigError, match="unknown keys"):
        config.load(p)
    assert config.load(tmp_path / "missing.json") == config.RuntimeConfig()


def test_shipped_defaults_run_without_the_train_extra():
    """With both models off, neither spaCy nor python-crfsuite is needed (the ``train`` extra)."""
    code = (
        "import sys; sys.modules['spacy'] = None; sys.modules['pycrfsuite'] = None\n"
        "from notice_extract.apply import config\n"
        "from notice_extract.pipeline import extract_text\n"
        "assert config.current().spans == 'off' and not config.current().segmenter, config.current()\n"
        "r = extract_text('THÔNG BÁO\\nKết luận\\n1. Giao UBND xã rà soát, báo cáo trước ngày 20/4/2026.\\n')\n"
        "print(len(r.directives))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
