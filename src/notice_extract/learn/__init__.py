"""Statistical extractors trained on the annotated notices in ``training/``.

* ``data``      -- gold + text pairs and the per-line segment labels derived from them;
* ``segmenter`` -- training and CV of the CRF over the sequence of non-blank lines
  (applied by ``apply.segmenter.refine_layout``);
* ``spans``     -- training and CV of the span recogniser (applied by ``apply.spans``);
* ``train``     -- ``notice-extract train``:
  rebuild every model in ``models/`` and, with ``--cv``, cross-validate.

Nothing here is imported by the pipeline, and nothing here imports it: the
models' run-time side (load, tag, combine) is ``notice_extract.apply``, and
cross-validation gets the pipeline's extraction function from the caller
(``notice-extract train`` in ``cli.py``).
"""
