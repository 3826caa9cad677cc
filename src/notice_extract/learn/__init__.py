"""Statistical extractors trained on the annotated notices in ``training/``.

* ``data``      -- gold + text pairs and the per-line segment labels derived from them;
* ``segmenter`` -- a CRF over the sequence of non-blank lines that refines the rule
  segmenter where the rules are unsure (``refine_layout``);
* ``train``     -- ``python -m notice_extract.learn.train`` / ``notice-extract train``:
  rebuild every model in ``models/`` and, with ``--cv``, cross-validate.

Nothing here is imported by the pipeline except ``segmenter.refine_layout``,
which needs only ``pycrfsuite`` and the shipped model file.
"""
