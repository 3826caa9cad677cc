"""The model card, ``models/README.md``: the sections ``notice-extract train
--cv`` writes between markers, and the commit whose rules they describe."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Optional


def write_section(readme: Path, start: str, end: str, heading: str, section: str) -> None:
    """Replace the part of ``readme`` from marker ``start`` to marker ``end``
    by ``section`` (which carries both markers); append it under ``heading``
    when the markers are absent."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if start in text and end in text:
        a, b = text.index(start), text.index(end) + len(end)
        text = text[:a] + section + text[b:]
    else:
        text = text.rstrip("\n") + f"\n\n{heading}\n\n" + section + "\n"
    readme.write_text(text, encoding="utf-8")


def head_commit(inside: Path) -> Optional[str]:
    """The short commit of the git checkout ``inside`` belongs to, else None."""
    try:
        r = subprocess.run(["git", "-C", str(inside), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() or None
