"""pyvi's word segmenter and POS tagger, without scikit-learn or numpy in the process.

pyvi ships its two CRF models as pickles of ``sklearn_crfsuite.CRF``, so
importing ``pyvi.ViTokenizer`` imports sklearn, scipy and numpy: about 105 MB
of resident memory in every worker, for two CRFsuite models of 5 MB that only
python-crfsuite runs (``CRF.predict`` is ``Tagger.tag`` on each sequence).

``load()`` imports pyvi's two modules while the two names their pickles refer
to (``sklearn_crfsuite.estimator.CRF``, ``sklearn_crfsuite._fileresource.FileResource``)
resolve to the small classes below, which open the pickled model bytes with
``pycrfsuite.Tagger.open_inmemory``; the numpy floats among the pickled
training settings load as nothing (another 10 MB). pyvi's own code (syllables,
features, joining) then runs unchanged on the same models, so tags are the
same. The stand-in names are removed again right after the import. When
sklearn_crfsuite is already imported, or the light load fails for any reason,
pyvi is imported the ordinary way.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types

_PYVI = ("pyvi.ViTokenizer", "pyvi.ViPosTagger")
_SHIMS = ("sklearn_crfsuite", "sklearn_crfsuite.estimator", "sklearn_crfsuite._fileresource")
# the training settings pickled with the models hold numpy floats (c1, c2): the
# tagger never reads them, so while numpy is not loaded they load as nothing
_NUMPY_SHIMS = ("numpy", "numpy.core", "numpy.core.multiarray")


class FileResource:
    """The pickled model file of a CRF: only its bytes are kept."""

    def __setstate__(self, state: dict) -> None:
        self.data = state.get("__FILE_RESOURCE_DATA__")


class _Unused:
    """A pickled numpy value the tagger does not read (a training setting)."""

    def __init__(self, *args) -> None:
        pass

    def __setstate__(self, state) -> None:
        pass


class CRF:
    """A trained ``sklearn_crfsuite.CRF`` reduced to what pyvi calls: ``predict``."""

    def __setstate__(self, state: dict) -> None:
        import pycrfsuite

        data = state["modelfile"].data
        if not data:
            raise ValueError("pickled CRF without model bytes")
        self._model = data  # the tagger reads these bytes in place
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(data)

    def predict(self, X):
        return [self.tagger.tag(xseq) for xseq in X]


def _stand_ins() -> dict[str, types.ModuleType]:
    pkg, est, res = (types.ModuleType(name) for name in _SHIMS)
    est.CRF = CRF
    res.FileResource = FileResource
    pkg.estimator, pkg._fileresource = est, res
    out = dict(zip(_SHIMS, (pkg, est, res)))
    if "numpy" not in sys.modules:
        np, core, multiarray = (types.ModuleType(name) for name in _NUMPY_SHIMS)
        np.dtype = _Unused
        multiarray.scalar = _Unused
        np.core, core.multiarray = core, multiarray
        out.update(zip(_NUMPY_SHIMS, (np, core, multiarray)))
    return out


_LOADING = threading.Lock()  # the stand-ins are process-wide: one load at a time


def load() -> tuple[types.ModuleType, types.ModuleType]:
    """pyvi's ``ViTokenizer`` and ``ViPosTagger`` modules, loaded once."""
    with _LOADING:
        return _load()


def _load() -> tuple[types.ModuleType, types.ModuleType]:
    if all(name in sys.modules for name in _PYVI) or "sklearn_crfsuite" in sys.modules:
        return _import()
    import pycrfsuite  # noqa: F401  (imported before the stand-ins are in place)

    shims = _stand_ins()
    sys.modules.update(shims)
    try:
        return _import()
    except Exception:
        for name in _PYVI:  # half-loaded with the stand-ins: load again below
            sys.modules.pop(name, None)
    finally:
        for name, module in shims.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return _import()


def _import() -> tuple[types.ModuleType, types.ModuleType]:
    tok, pos = (importlib.import_module(name) for name in _PYVI)
    return tok, pos


def uses_scikit_learn() -> bool:
    """Did pyvi's models load through sklearn_crfsuite (the fallback)?"""
    return not isinstance(sys.modules["pyvi.ViPosTagger"].ViPosTagger.model, CRF)
