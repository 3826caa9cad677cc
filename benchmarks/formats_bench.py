"""Throughput by format: docs/s for .txt, .docx and text-layer .pdf, pages/s for OCR, in one run.

    python benchmarks/formats_bench.py [--corpus ../shared/corpus/dev] [--docs 68] [--ocr-docs 4]
                                       [--workers 1 2]

Writes each dev text as .txt, .docx (python-docx) and text-layer .pdf
(reportlab), and the first ``--ocr-docs`` of them as image-only PDFs (200
dpi), into a temporary folder; runs the batch over each set (extraction
included) and prints documents/s, pages/s and seconds per page, and the
conversion alone in this process: wall seconds per document, and CPU
seconds (this process plus its children, i.e. tesseract) per document, which a
busy machine disturbs less than wall time. Numbers are measurements, never
test assertions.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from render_fixtures import pdf_to_image_pdf, text_to_docx, text_to_pdf  # noqa: E402

from notice_extract.batch import Input, run  # noqa: E402
from notice_extract.convert import ConvertOptions, convert  # noqa: E402


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--docs", type=int, default=68)
    ap.add_argument("--ocr-docs", type=int, default=4)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    texts = sorted(args.corpus.glob("*.txt"))[: args.docs]
    tmp = Path(tempfile.mkdtemp(prefix="formats-bench-"))
    sets: dict[str, list[Path]] = {"txt": [], "docx": [], "pdf": [], "ocr": []}
    pages: dict[str, int] = {k: 0 for k in sets}
    import pypdf

    for n, src in enumerate(texts):
        text = src.read_text(encoding="utf-8")
        for kind, data in (("txt", text.encode()), ("docx", text_to_docx(text)), ("pdf", text_to_pdf(text))):
            path = tmp / kind / f"{src.stem}.{kind}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            sets[kind].append(path)
            if kind == "pdf":
                pages["pdf"] += len(pypdf.PdfReader(io.BytesIO(data)).pages)
                if n < args.ocr_docs:
                    scan = pdf_to_image_pdf(data, dpi=200)
                    p = tmp / "ocr" / f"{src.stem}.pdf"
                    p.parent.mkdir(exist_ok=True)
                    p.write_bytes(scan)
                    sets["ocr"].append(p)
                    pages["ocr"] += len(pypdf.PdfReader(io.BytesIO(scan)).pages)
    results = {}
    print(f"{len(texts)} documents ({pages['pdf']} PDF pages); OCR set: {len(sets['ocr'])} documents, "
          f"{pages['ocr']} pages\n")
    print("| set | workers | docs | pages | seconds | docs/s | pages/s | s/page | conversion s/doc | "
          "conversion CPU s/doc |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind, files in sets.items():
        if not files:
            continue
        # conversion alone, in this process: what the format costs before extraction
        t0, c0 = time.perf_counter(), _cpu()
        for f in files:
            convert(f.read_bytes(), str(f), ConvertOptions())
        conv = (time.perf_counter() - t0) / len(files)
        conv_cpu = (_cpu() - c0) / len(files)
        for w in args.workers:
            inputs = [Input(path=str(f), doc_id=f.stem) for f in files]
            t0 = time.perf_counter()
            errors = sum(1 for r in run(inputs, workers=w, options=ConvertOptions()) if r.error)
            s = time.perf_counter() - t0
            pg = pages[kind] or None
            results[f"{kind}/{w}"] = {"docs": len(files), "pages": pg, "seconds": s, "errors": errors,
                                      "conversion_s_per_doc": conv, "conversion_cpu_s_per_doc": conv_cpu}
            print(f"| {kind} | {w} | {len(files)} | {pg or '-'} | {s:.1f} | {len(files) / s:.2f} | "
                  f"{(pg / s if pg else 0):.2f} | {(s / pg if pg else 0):.2f} | {conv:.3f} | {conv_cpu:.3f} |"
                  + (f" ({errors} errors)" if errors else ""))
    shutil.rmtree(tmp, ignore_errors=True)
    print("\n" + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
