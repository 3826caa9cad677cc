"""The statistical models applied at run time: load, tag, combine.

* ``config``    -- which models the pipeline applies and how (``RuntimeConfig``,
  read from ``models/shipped.json``; ``config.use(...)`` overrides it in a block);
* ``segmenter`` -- the CRF line features and ``refine_layout`` (relabel the rule
  segmenter's unsure lines where the model is confident);
* ``spans``     -- the span recogniser (``recognise``) and its combination with
  the rule party grammar (``combine_responsible``).

This package imports the rules it combines with (``segment``, ``extract.parties``)
but never the pipeline, and nothing in ``learn/`` (training and cross-validation
import from here, not the other way round).
"""
