"""Locate and load the data the package ships: ``rules/`` and ``models/``.

In a wheel they sit inside the package (``notice_extract/rules``); in a source
checkout or an editable install they are the repository's top-level folders.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"notice_extract: data folder {name!r} not found next to the package")


def rules_dir() -> Path:
    return _find("rules")


def models_dir() -> Path:
    return _find("models")


# libyaml's safe loader where PyYAML was built with it: the same documents,
# read some ten times faster (the rules are read at every start-up)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_rules(name: str) -> Any:
    """Load ``rules/<name>.yaml`` (or ``.json``) once per process."""
    base = rules_dir()
    for ext in (".yaml", ".yml", ".json"):
        path = base / f"{name}{ext}"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                return json.load(fh) if ext == ".json" else yaml.load(fh, Loader=_SAFE_LOADER)
    raise FileNotFoundError(f"notice_extract: rules file {name!r} not found in {base}")
