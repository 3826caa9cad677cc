"""notice_extract: grounded JSON records from Vietnamese administrative notices.

    from notice_extract import extract_file, extract_text
    record = extract_file("samples/002_765b2f3007ea3c3e.txt")
    print(record.number.serial, record.issue_date.value)
"""

__version__ = "0.1.0"

__all__ = ["Record", "ErrorRecord", "extract_text", "extract_file", "extract_bytes", "__version__"]


def __getattr__(name: str):
    # Lazy: importing a submodule (models, textmap) must not load every extractor.
    if name in ("extract_text", "extract_file", "extract_bytes"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Record", "ErrorRecord"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'notice_extract' has no attribute {name!r}")
