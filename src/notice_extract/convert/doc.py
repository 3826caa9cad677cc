""".doc (Word 97-2003) to text through a maintained converter.

``antiword`` (Debian package ``antiword``) first: small, fast, and what the
dev corpus's .doc files went through (tables as ``|cell|cell|`` rows). Else
LibreOffice headless (``soffice``), when installed. Else a per-file error
naming what to install.

Many ".doc" files in office folders are not Word files at all: web systems
export HTML or RTF under a .doc name. Those get an error that says what the
file really is, rather than a converter's cryptic complaint.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache

from . import ConvertError, Converted, MissingTool

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body|<meta)", re.I)
INSTALL = (
    "reading .doc needs antiword or LibreOffice: install one (Debian/Ubuntu: "
    "apt-get install antiword), or save the file as .docx"
)


def sniff_not_word(data: bytes) -> str | None:
    """What a .doc really is when it is not a Word 97 file, or None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if head.startswith(b"{\\rtf"):
        return "RTF"
    if _HTML.match(head) or head[:200].lower().startswith(b"mime-version:"):
        return "HTML"
    if head.startswith(b"PK\x03\x04"):
        return "a zip package (a .docx renamed .doc?)"
    return None


def convert_doc(data: bytes) -> Converted:
    really = sniff_not_word(data)
    if really:
        raise ConvertError(
            f"this .doc is really {really}, not a Word document: open it in Word or LibreOffice "
            "and save it as .docx (or .txt)"
        )
    if not data.startswith(_OLE):
        raise ConvertError("not a Word 97-2003 document (no OLE2 signature): damaged or another format renamed .doc")
    with tempfile.TemporaryDirectory(prefix="notice-doc-") as tmp:
        path = os.path.join(tmp, "input.doc")
        with open(path, "wb") as fh:
            fh.write(data)
        if shutil.which("antiword"):
            return _antiword(path)
        office = _soffice()
        if office:
            return _libreoffice(office, path, tmp)
    raise MissingTool(INSTALL)


def _antiword(path: str) -> Converted:
    # -m UTF-8.txt: Unicode out; -w 0: one line per paragraph (no wrapping at 80 columns)
    proc = subprocess.run(
        ["antiword", "-m", "UTF-8.txt", "-w", "0", path], capture_output=True, timeout=None, check=False
    )
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConvertError(f"antiword could not read this .doc: {why[-1] if why else f'exit {proc.returncode}'}")
    text = proc.stdout.decode("utf-8", "replace")
    return Converted(text=_table_rows(text), converter=f"antiword {_antiword_version()}")


def _table_rows(text: str) -> str:
    """antiword pads table cells to their column width ("|UBND TỈNH   |   |CỘNG HÒA   |"); the
    corpus's .doc texts and the .docx converter write ``| a | b |``: cells trimmed, one space around."""
    lines = []
    for line in text.split("\n"):
        s = line.strip()
        if len(s) > 1 and s.startswith("|") and s.endswith("|"):
            line = "| " + " | ".join(cell.strip() for cell in s[1:-1].split("|")) + " |"
        lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=None)
def _antiword_version() -> str:
    proc = subprocess.run(["antiword"], capture_output=True, check=False)
    m = re.search(rb"Version:\s*(\S+)", proc.stdout + proc.stderr)
    return m.group(1).decode() if m else "?"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice(office: str, path: str, tmp: str) -> Converted:
    profile = os.path.join(tmp, "profile")  # a private profile: parallel workers do not share a lock
    proc = subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", tmp, path],
        capture_output=True, check=False,
    )
    out = os.path.join(tmp, "input.txt")
    if proc.returncode != 0 or not os.path.exists(out):
        why = proc.stderr.decode("utf-8", "replace").strip()
        raise ConvertError(f"LibreOffice could not convert this .doc: {why or f'exit {proc.returncode}'}")
    with open(out, encoding="utf-8-sig", errors="replace") as fh:
        text = fh.read()
    return Converted(text=text, converter=f"libreoffice {_office_version(office)}")


@lru_cache(maxsize=None)
def _office_version(office: str) -> str:
    try:
        proc = subprocess.run([office, "--version"], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    m = re.search(rb"(\d+\.\d+[\d.]*)", proc.stdout)
    return m.group(1).decode() if m else "?"
