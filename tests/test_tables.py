"""Flat tables: row counts equal the records' counts, values survive a DuckDB round trip,
and the README's three queries answer what the records say."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="the distributed extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="duckdb (test extra) is not installed")

from notice_extract.batch import discover, run  # noqa: E402
from notice_extract.tables import TABLES, schemas, write_tables  # noqa: E402

from conftest import REPO  # noqa: E402

CLI = [sys.executable, "-m", "notice_extract"]


@pytest.fixture(scope="module")
def records_file(shared_corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "dev.jsonl"
    path.write_text("".join(r.line + "\n" for r in run(discover([str(shared_corpus)]), workers=2)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(records_file) -> list[dict]:
    return [json.loads(line) for line in records_file.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def tables_dir(records_file, tmp_path_factory) -> Path:
    to = tmp_path_factory.mktemp("tables")
    write_tables([str(records_file)], str(to), "parquet", part_records=25)  # several parts per table
    return to


def _sql(to: Path, table: str, fmt: str = "parquet") -> str:
    return f"read_{fmt}('{to}/{table}/*.{fmt}')"


def _counts(records: list[dict]) -> dict[str, int]:
    ds = [d for r in records for d in r.get("directives", [])]
    return {
        "documents": len(records),
        "directives": len(ds),
        "parties": sum(len(d["responsible"]) for d in ds),
        "deadlines": sum(len(d["deadlines"]) for d in ds),
        "recipients": sum(len(r.get("recipients", [])) for r in records),
    }


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_row_counts_equal_the_counts_in_the_records(records_file, records, tmp_path, fmt):
    counts = write_tables([str(records_file)], str(tmp_path), fmt)
    want = _counts(records)
    assert counts == want
    assert want["directives"] > 100 and want["parties"] > 100 and want["deadlines"] > 20
    con = duckdb.connect()
    for table in TABLES:
        assert con.execute(f"SELECT count(*) FROM {_sql(tmp_path, table, fmt)}").fetchone()[0] == want[table], table


def test_values_survive_a_duckdb_round_trip(tables_dir, records):
    con = duckdb.connect()
    ds = [(r["doc_id"], d) for r in records for d in r.get("directives", [])]

    got = con.execute(
        f"SELECT doc_id, path, parent, kind, text, span_start, span_end FROM {_sql(tables_dir, 'directives')}"
    ).fetchall()
    want = [(i, d["path"], d["parent"], d["kind"], d["text"], d["span"][0], d["span"][1]) for i, d in ds]
    assert sorted(got) == sorted(want)

    got = con.execute(f"SELECT doc_id, path, value, kind, role, inherited FROM {_sql(tables_dir, 'parties')}").fetchall()
    want = [(i, d["path"], p["value"], p["kind"], p["role"], p["inherited"]) for i, d in ds for p in d["responsible"]]
    assert sorted(got, key=repr) == sorted(want, key=repr)

    got = con.execute(
        f"SELECT doc_id, path, kind, strftime(start, '%Y-%m-%d'), strftime(\"end\", '%Y-%m-%d'), recurrence "
        f"FROM {_sql(tables_dir, 'deadlines')}"
    ).fetchall()
    want = [(i, d["path"], x["kind"], x["start"], x["end"], x["recurrence"]) for i, d in ds for x in d["deadlines"]]
    assert sorted(got, key=repr) == sorted(want, key=repr)

    got = con.execute(f"SELECT doc_id, value, purpose, channel, archive FROM {_sql(tables_dir, 'recipients')}").fetchall()
    want = [(r["doc_id"], x["value"], x["purpose"], x["channel"], x["archive"]) for r in records for x in r.get("recipients", [])]
    assert sorted(got, key=repr) == sorted(want, key=repr)

    got = con.execute(
        f"SELECT doc_id, source_path, sha256, notice_kind, strftime(issue_date, '%Y-%m-%d'), issuer, warnings "
        f"FROM {_sql(tables_dir, 'documents')}"
    ).fetchall()
    want = [
        (
            r["doc_id"], r["source"]["path"], r["source"]["sha256"], r.get("notice_kind"),
            (r.get("issue_date") or {}).get("value"), (r.get("issuer") or {}).get("value"), len(r["warnings"]),
        )
        for r in records
    ]
    assert sorted(got, key=repr) == sorted(want, key=repr)


def _readme_queries(to: Path) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- tables-queries -->\s*```sql\n(.*?)```", text, re.S).group(1)
    return [q.strip().replace("'tables/", f"'{to}/") for q in block.split(";") if q.strip()]


def test_the_readme_queries_answer_what_the_records_say(tables_dir, records):
    due, assigned, unassigned = _readme_queries(tables_dir)
    con = duckdb.connect()
    ds = [(r, d) for r in records for d in r.get("directives", [])]

    got = [(row[0], row[1], row[2], row[3].isoformat()) for row in con.execute(due).fetchall()]
    lo, hi = "2026-04-20", "2026-05-20"
    want = sorted(
        ((x["end"], r["doc_id"], d["path"], x["kind"]) for r, d in ds for x in d["deadlines"] if x["end"] and lo <= x["end"] < hi)
    )
    assert got == [(i, p, k, e) for e, i, p, k in want] and got

    got = con.execute(assigned).fetchall()
    want = sorted(
        (r["doc_id"], d["path"], p["role"], p["inherited"]) for r, d in ds for p in d["responsible"] if p["value"] == "Sở Tài chính"
    )
    assert [row[:4] for row in got] == want and got

    got = con.execute(unassigned).fetchall()
    counts: dict[str, int] = {}
    for r, d in ds:
        if d["kind"] == "directive" and r.get("notice_kind") and not d["responsible"]:
            counts[r["doc_id"]] = counts.get(r["doc_id"], 0) + 1
    assert {row[0]: row[2] for row in got} == counts and counts


def test_every_column_is_documented():
    doc = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    for table, schema in schemas().items():
        section = re.search(rf"## {table} —(.*?)(?=\n## |\Z)", doc, re.S)
        assert section, f"docs/tables.md has no section for {table}"
        for name in schema.names:
            assert f"`{name}`" in section.group(1), f"{table}.{name} is not in docs/tables.md"


def test_error_records_are_documents_only(tmp_path):
    recs = tmp_path / "r.jsonl"
    subprocess.run([*CLI, "extract", str(REPO / "samples"), str(tmp_path / "missing.txt"), "-o", str(recs), "-q"], cwd=REPO)
    proc = subprocess.run([*CLI, "tables", str(recs), "--to", str(tmp_path / "t")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect()
    err = con.execute(f"SELECT doc_id, error, directives FROM {_sql(tmp_path / 't', 'documents')} WHERE error IS NOT NULL").fetchall()
    assert err == [("missing", "no such file or folder: " + str(tmp_path / "missing.txt"), 0)]
    again = subprocess.run([*CLI, "tables", str(recs), "--to", str(tmp_path / "t")], capture_output=True, text=True)
    assert again.returncode == 2 and "--force" in again.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    proc = subprocess.run([*CLI, "tables", str(bad), "--to", str(tmp_path / "u")], capture_output=True, text=True)
    assert proc.returncode == 2 and "not a JSON record" in proc.stderr


def test_extract_tables_option_of_the_local_engine(tmp_path):
    out = tmp_path / "r.jsonl"
    proc = subprocess.run(
        [*CLI, "extract", "samples", "-o", str(out), "--tables", str(tmp_path / "t"), "--tables-format", "csv"],
        capture_output=True, text=True, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    con = duckdb.connect()
    for table, n in _counts(records).items():
        assert con.execute(f"SELECT count(*) FROM {_sql(tmp_path / 't', table, 'csv')}").fetchone()[0] == n
    dates = con.execute(f"SELECT issue_date FROM {_sql(tmp_path / 't', 'documents', 'csv')} WHERE issue_date IS NOT NULL").fetchall()
    assert dates and all(isinstance(d[0], dt.date) for d in dates)  # ISO dates read back as dates
