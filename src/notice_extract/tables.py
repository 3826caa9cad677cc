"""Flat tables of the records, for SQL: documents, directives, parties, deadlines, recipients.

Each table is a folder of parts, ``DIR/<table>/part-NNNNNN.parquet`` (or
``.csv``), so that a cluster writes one part per partition and a reader takes
the folder whole (DuckDB: ``read_parquet('DIR/directives/*.parquet')``). The
columns and their types are ``SCHEMAS`` below; docs/tables.md describes each.
Directives, parties and deadlines join on ``(doc_id, path)``, every table on
``doc_id``. Error records have a row in ``documents`` (with ``error``) and none
elsewhere.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
from pathlib import PurePosixPath
from typing import Iterable, Iterator

from .storage import commit, join, url_to_fs

TABLES = ("documents", "directives", "parties", "deadlines", "recipients")
FORMATS = ("parquet", "csv")
PART_RECORDS = 50_000  # records per part written by `notice-extract tables`


def _schemas() -> dict:
    import pyarrow as pa

    s, i32, i64, f64, b, d = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
    grounded = [("text", s), ("span_start", i64), ("span_end", i64), ("confidence", f64), ("method", s)]
    return {
        "documents": pa.schema(
            [
                ("doc_id", s), ("source_path", s), ("sha256", s), ("encoding", s), ("chars", i64), ("bytes", i64),
                ("notice_kind", s), ("number", s), ("number_serial", s), ("number_symbol", s),
                ("issue_place", s), ("issue_date", d), ("issuer", s), ("issuer_body", s),
                ("issuer_locality", s), ("issuer_province", s), ("concluded_by", s), ("subject", s),
                ("meeting_date", d), ("meeting_kind", s), ("signer", s), ("signer_position", s),
                ("directives", i32), ("target_units", i32), ("recipients", i32), ("warnings", i32), ("error", s),
            ]
        ),
        "directives": pa.schema(
            [
                ("doc_id", s), ("path", s), ("parent", s), ("label", s), ("level", i32), ("kind", s),
                ("line_first", i32), ("line_last", i32), ("responsible", i32), ("deadlines", i32),
            ]
            + grounded
        ),
        "parties": pa.schema(
            [
                ("doc_id", s), ("path", s), ("ordinal", i32), ("value", s), ("kind", s), ("role", s),
                ("inherited", b), ("inherited_from", s), ("person_name", s), ("person_title", s),
                ("admin_level", s), ("admin_name", s), ("admin_district", s), ("admin_province", s),
            ]
            + grounded
        ),
        "deadlines": pa.schema(
            [
                ("doc_id", s), ("path", s), ("ordinal", i32), ("kind", s), ("start", d), ("end", d),
                ("recurrence", s), ("inherited", b),
            ]
            + grounded
        ),
        "recipients": pa.schema(
            [("doc_id", s), ("ordinal", i32), ("value", s), ("purpose", s), ("channel", s), ("archive", b)]
            + grounded
        ),
    }


_SCHEMAS: dict | None = None


def schemas() -> dict:
    global _SCHEMAS
    if _SCHEMAS is None:
        _SCHEMAS = _schemas()
    return _SCHEMAS


# --------------------------------------------------------------------------
# rows of one record
# --------------------------------------------------------------------------


def _date(value) -> _dt.date | None:
    """An ISO date value of the record; anything else (partial, malformed) is null."""
    if not isinstance(value, str):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _v(obj: dict | None, key: str = "value"):
    return obj.get(key) if isinstance(obj, dict) else None


def _grounded(obj: dict) -> dict:
    span = obj.get("span") or (None, None)
    return {
        "text": obj.get("text"),
        "span_start": span[0],
        "span_end": span[1],
        "confidence": obj.get("confidence"),
        "method": obj.get("method"),
    }


def rows_of(rec: dict) -> dict[str, list[dict]]:
    """The rows one record (a parsed output line) gives each table."""
    src = rec.get("source") or {}
    directives = rec.get("directives") or []
    number = rec.get("number") or {}
    issuer = rec.get("issuer") or {}
    meeting = rec.get("meeting") or {}
    signature = rec.get("signature") or {}
    doc_id = rec.get("doc_id")
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    out["documents"].append(
        {
            "doc_id": doc_id,
            "source_path": src.get("path"),
            "sha256": src.get("sha256"),
            "encoding": src.get("encoding"),
            "chars": src.get("chars"),
            "bytes": src.get("bytes"),
            "notice_kind": rec.get("notice_kind"),
            "number": number.get("text"),
            "number_serial": number.get("serial"),
            "number_symbol": number.get("symbol"),
            "issue_place": _v(rec.get("issue_place")),
            "issue_date": _date(_v(rec.get("issue_date"))),
            "issuer": issuer.get("value"),
            "issuer_body": issuer.get("body"),
            "issuer_locality": issuer.get("locality"),
            "issuer_province": issuer.get("province"),
            "concluded_by": _v(rec.get("concluded_by")),
            "subject": _v(rec.get("subject")),
            "meeting_date": _date(_v(meeting.get("date"))),
            "meeting_kind": _v(meeting.get("kind")),
            "signer": signature.get("signer"),
            "signer_position": signature.get("position"),
            "directives": len(directives),
            "target_units": len(rec.get("target_units") or []),
            "recipients": len(rec.get("recipients") or []),
            "warnings": len(rec.get("warnings") or []),
            "error": rec.get("error"),
        }
    )
    for d in directives:
        path = d.get("path")
        lines = d.get("lines") or (None, None)
        out["directives"].append(
            {
                "doc_id": doc_id,
                "path": path,
                "parent": d.get("parent"),
                "label": d.get("label"),
                "level": d.get("level"),
                "kind": d.get("kind"),
                "line_first": lines[0],
                "line_last": lines[1],
                "responsible": len(d.get("responsible") or []),
                "deadlines": len(d.get("deadlines") or []),
                **_grounded(d),
            }
        )
        for n, p in enumerate(d.get("responsible") or []):
            person = p.get("person") or {}
            unit = p.get("admin_unit") or {}
            out["parties"].append(
                {
                    "doc_id": doc_id,
                    "path": path,
                    "ordinal": n,
                    "value": p.get("value"),
                    "kind": p.get("kind"),
                    "role": p.get("role"),
                    "inherited": p.get("inherited"),
                    "inherited_from": p.get("inherited_from"),
                    "person_name": person.get("name"),
                    "person_title": person.get("title"),
                    "admin_level": unit.get("level"),
                    "admin_name": unit.get("name"),
                    "admin_district": unit.get("district"),
                    "admin_province": unit.get("province"),
                    **_grounded(p),
                }
            )
        for n, x in enumerate(d.get("deadlines") or []):
            out["deadlines"].append(
                {
                    "doc_id": doc_id,
                    "path": path,
                    "ordinal": n,
                    "kind": x.get("kind"),
                    "start": _date(x.get("start")),
                    "end": _date(x.get("end")),
                    "recurrence": x.get("recurrence"),
                    "inherited": x.get("inherited"),
                    **_grounded(x),
                }
            )
    for n, r in enumerate(rec.get("recipients") or []):
        out["recipients"].append(
            {
                "doc_id": doc_id,
                "ordinal": n,
                "value": r.get("value"),
                "purpose": r.get("purpose"),
                "channel": r.get("channel"),
                "archive": r.get("archive"),
                **_grounded(r),
            }
        )
    return out


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def _encode(rows: list[dict], table: str, fmt: str) -> bytes:
    import pyarrow as pa

    arrow = pa.Table.from_pylist(rows, schema=schemas()[table])
    buf = io.BytesIO()
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(arrow, buf, compression="zstd")
    else:
        import pyarrow.csv as pacsv

        pacsv.write_csv(arrow, buf)
    return buf.getvalue()


def write_part(lines: Iterable[str], to: str, name: str, fmt: str = "parquet") -> dict[str, int]:
    """One part of every table from record lines, each committed in one step; row counts."""
    if fmt not in FORMATS:
        raise ValueError(f"table format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for line in lines:
        for table, got in rows_of(json.loads(line)).items():
            rows[table].extend(got)
    for table in TABLES:
        commit(to, f"{table}/{name}.{fmt}", _encode(rows[table], table, fmt))
    return {t: len(r) for t, r in rows.items()}


def remove_stale(to: str, keep: set[str], fmt: str) -> None:
    """Remove table parts not named in ``keep`` (left by an earlier run cut differently)."""
    fs, root = url_to_fs(to)
    for table in TABLES:
        try:
            names = fs.ls(join(root, table), detail=False)
        except FileNotFoundError:
            continue
        for f in names:
            base = PurePosixPath(f).name
            if base.startswith("part-") and (base.rsplit(".", 1)[0] not in keep or not base.endswith("." + fmt)):
                fs.rm_file(f)
    try:
        fs.rm(join(root, "_tmp"), recursive=True)
    except FileNotFoundError:
        pass


def has_tables(to: str) -> bool:
    fs, root = url_to_fs(to)
    for table in TABLES:
        try:
            if any(PurePosixPath(f).name.startswith("part-") for f in fs.ls(join(root, table), detail=False)):
                return True
        except FileNotFoundError:
            continue
    return False


def record_lines(sources: Iterable[str]) -> Iterator[str]:
    """Record lines of JSONL files (paths or URLs) and of --engine dask outputs (folders with a manifest)."""
    from .distributed import MANIFEST, iter_lines

    for src in sources:
        fs, p = url_to_fs(src)
        if fs.isdir(p):
            if not fs.exists(join(p, MANIFEST)):
                raise FileNotFoundError(f"{src} is a folder without {MANIFEST}: not a complete --engine dask output")
            yield from iter_lines(src)
            continue
        with fs.open(p, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                if not line.startswith("{"):
                    raise ValueError(f"{src}:{n} is not a JSON record")
                yield line


def write_tables(sources: Iterable[str], to: str, fmt: str = "parquet", part_records: int = PART_RECORDS) -> dict[str, int]:
    """Every table from the records in ``sources``, in parts of ``part_records`` records; row counts."""
    totals = {t: 0 for t in TABLES}
    names: set[str] = set()
    batch: list[str] = []

    def flush() -> None:
        name = f"part-{len(names):06d}"
        for t, n in write_part(batch, to, name, fmt).items():
            totals[t] += n
        names.add(name)
        batch.clear()

    for line in record_lines(sources):
        batch.append(line)
        if len(batch) >= part_records:
            flush()
    if batch or not names:
        flush()
    remove_stale(to, names, fmt)
    return totals
