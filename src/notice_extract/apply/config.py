"""Which statistical models the pipeline applies, in one place.

The shipped defaults are data: ``models/shipped.json`` (next to the model files),
written by hand from the grouped cross-validation and the speed floor
(``models/README.md``)::

    {"segmenter": false, "spans": "off", "why": {...}}

* ``segmenter`` -- true: ``apply.segmenter.refine_layout`` relabels unsure rule
  lines with the CRF (``models/segmenter.crfsuite``); false: rule segments only.
* ``spans`` -- the span model's combination mode with the party grammar, one of
  ``MODES`` (``apply/spans.py``); ``off`` = rules only.
* ``calibration`` -- true (default): every value's confidence is looked up in
  ``models/calibration.json`` (``apply/calibration.py``); false: the rules' own
  constants (training reads those).

For experiments, ``use(spans="refine")`` (a context manager) or ``configure(...)``
changes the configuration of this process; nothing reads the environment.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

SHIPPED_FILE = "shipped.json"
SPAN_MODES = ("off", "fallback", "refine", "refine+fallback", "model")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class RuntimeConfig:
    segmenter: bool = False
    spans: str = "off"
    calibration: bool = True
    why: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.segmenter, bool):
            raise ConfigError(f"segmenter must be true or false, not {self.segmenter!r}")
        if not isinstance(self.calibration, bool):
            raise ConfigError(f"calibration must be true or false, not {self.calibration!r}")
        if self.spans not in SPAN_MODES:
            raise ConfigError(f"spans must be one of {', '.join(SPAN_MODES)}, not {self.spans!r}")


def load(path: Path | str | None = None) -> RuntimeConfig:
    """The configuration in ``path`` (default: the shipped ``models/shipped.json``);
    the rules-only defaults when there is no models folder or no file."""
    if path is None:
        from ..resources import models_dir

        try:
            path = models_dir() / SHIPPED_FILE
        except FileNotFoundError:
            return RuntimeConfig()
    path = Path(path)
    if not path.exists():
        return RuntimeConfig()
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"segmenter", "spans", "calibration", "why"}
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}")
    return RuntimeConfig(segmenter=data.get("segmenter", False), spans=data.get("spans", "off"),
                         calibration=data.get("calibration", True),
                         why=data.get("why") or {})


_CURRENT: list[RuntimeConfig] = []


def current() -> RuntimeConfig:
    """The configuration in force (the shipped one, loaded once per process)."""
    if not _CURRENT:
        _CURRENT.append(load())
    return _CURRENT[-1]


def configure(**changes) -> RuntimeConfig:
    """Change the configuration of this process for good (e.g. a benchmark of another mode)."""
    cfg = replace(current(), **changes)
    _CURRENT[-1] = cfg
    return cfg


@contextmanager
def use(**changes) -> Iterator[RuntimeConfig]:
    """Another configuration inside the block (cross-validation, tests, experiments)."""
    cfg = replace(current(), **changes)
    _CURRENT.append(cfg)
    try:
        yield cfg
    finally:
        _CURRENT.pop()
