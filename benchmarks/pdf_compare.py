"""Which PDF library reads notices best: pypdf or pdfplumber (and pdftotext as the reference).

    python benchmarks/pdf_compare.py [--corpus ../shared/corpus/dev] [--gold ../shared/gold/dev] [--docs N]
                                     [--renderer reportlab|libreoffice]

Each dev text is written to a text-layer PDF (reportlab: each column piece at
its place; or LibreOffice from a .docx built from the text), every method
turns the PDF back into text, the pipeline extracts a record from it, and the
record is scored against the gold (values, not spans: gold spans index the
original text). Prints the headline and a few fields per method, with the
original .txt as the ceiling, and seconds per page. Numbers are measurements,
never test assertions.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from render_fixtures import text_to_docx, text_to_pdf  # noqa: E402

from notice_extract.pipeline import extract_text  # noqa: E402
from notice_extract.scoring import score_corpus  # noqa: E402

FIELDS = ("number.serial", "issue_date", "issuer", "signature.signer", "directives", "recipients")


def pypdf_layout(data: bytes) -> str:
    import pypdf

    r = pypdf.PdfReader(io.BytesIO(data))
    return "".join(p.extract_text(extraction_mode="layout") + "\n\f" for p in r.pages)


def pypdf_plain(data: bytes) -> str:
    import pypdf

    r = pypdf.PdfReader(io.BytesIO(data))
    return "".join(p.extract_text() + "\n\f" for p in r.pages)


def plumber(**kw):
    def run(data: bytes) -> str:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(p.extract_text(**kw) + "\n\f" for p in pdf.pages)

    return run


def shipped(data: bytes) -> str:
    from notice_extract.convert import ConvertOptions
    from notice_extract.convert.pdf import convert_pdf

    return convert_pdf(data, ConvertOptions(ocr="never")).text


def pdftotext(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True).stdout.decode()


METHODS = {
    "pypdf plain": pypdf_plain,
    "pypdf layout": pypdf_layout,
    "pdfplumber plain": plumber(),
    "pdfplumber layout (default density)": plumber(layout=True),
    "pypdf layout, tidied (shipped: convert.pdf)": shipped,
}


def libreoffice_pdf(text: str, tmp: Path, n: int) -> bytes | None:
    office = shutil.which("soffice")
    if not office:
        return None
    src = tmp / f"d{n}.docx"
    src.write_bytes(text_to_docx(text))
    subprocess.run([office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(src)], capture_output=True, check=False, timeout=120)
    out = tmp / f"d{n}.pdf"
    return out.read_bytes() if out.exists() else None


def _value(row: dict):
    return row.get("F1") if row.get("F1") is not None else row.get("accuracy")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--gold", type=Path, default=REPO / "training" / "gold")
    ap.add_argument("--docs", type=int, default=0, help="first N documents (0: all with gold)")
    ap.add_argument("--renderer", choices=("reportlab", "libreoffice"), default="reportlab")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args()
    if shutil.which("pdftotext"):
        METHODS["pdftotext -layout (reference)"] = pdftotext

    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.gold.glob("*.json"))}
    docs = [d for d in sorted(golds) if (args.corpus / f"{d}.txt").exists()]
    if args.docs:
        docs = docs[: args.docs]
    pairs: dict[str, list] = {"original .txt": []}
    seconds: dict[str, float] = {m: 0.0 for m in METHODS}
    pages = 0
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n, doc in enumerate(docs):
            text = (args.corpus / f"{doc}.txt").read_text(encoding="utf-8")
            pdf = text_to_pdf(text) if args.renderer == "reportlab" else libreoffice_pdf(text, tmp, n)
            if pdf is None:
                print(f"{doc}: could not render", file=sys.stderr)
                continue
            import pypdf

            pages += len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
            gold = golds[doc]
            pairs["original .txt"].append((gold, extract_text(text, doc).model_dump()))
            for name, method in METHODS.items():
                t0 = time.perf_counter()
                out = method(pdf)
                seconds[name] += time.perf_counter() - t0
                pairs.setdefault(name, []).append((gold, extract_text(out, doc).model_dump()))
    rows = {}
    print(f"{len(docs)} documents, {pages} pages, renderer {args.renderer}\n")
    print(f"| method | headline | {' | '.join(FIELDS)} | s/page |")
    print("|---|---|" + "---|" * (len(FIELDS) + 1))
    for name, ps in pairs.items():
        score = score_corpus(ps)
        table = {row["field"]: row for row in score.table()}
        f1 = [_value(table.get(f, {})) for f in FIELDS]
        per_page = seconds.get(name, 0.0) / pages if pages and name in seconds else None
        rows[name] = {"headline": score.headline, **dict(zip(FIELDS, f1)), "s_per_page": per_page}
        cells = " | ".join("-" if v is None else f"{v:.3f}" for v in f1)
        sp = "-" if per_page is None else f"{per_page:.3f}"
        print(f"| {name} | {score.headline:.3f} | {cells} | {sp} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
