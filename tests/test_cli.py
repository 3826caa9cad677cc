"""The batch CLI on real files and folders: one output per input, nothing lost."""

import json
import shutil

from typer.testing import CliRunner

from conftest import SAMPLES
from notice_extract.cli import app

runner = CliRunner()


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_folder_to_jsonl_in_input_order(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    recs = _records(out)
    assert [r["doc_id"] for r in recs] == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    assert all(r["schema_version"] == "1.0" and "error" not in r for r in recs)


def test_bad_inputs_become_error_records_and_exit_code_says_so(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(next(SAMPLES.glob("002_*.txt")), folder / "a_good.txt")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "sub" / "c_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    out = tmp_path / "out.jsonl"
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(folder), str(missing), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 1
    recs = {r["doc_id"]: r for r in _records(out)}
    assert set(recs) == {"a_good", "b_empty", "c_binary", "nope"}
    assert "error" not in recs["a_good"]
    assert "empty" in recs["b_empty"]["error"]
    assert "binary" in recs["c_binary"]["error"]
    assert "no such file" in recs["nope"]["error"]
    assert "1 ok" in result.output or "with warnings" in result.output


def test_out_dir_writes_one_pretty_json_per_document(tmp_path):
    result = runner.invoke(app, ["extract", str(SAMPLES), "--out-dir", str(tmp_path / "o"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "o").glob("*.json"))
    assert len(files) == len(list(SAMPLES.glob("*.txt")))
    assert files[0].read_text(encoding="utf-8").startswith("{\n  ")


def test_stdin(tmp_path):
    text = next(SAMPLES.glob("000_*.txt")).read_bytes()
    result = runner.invoke(app, ["extract", "-"], input=text)
    assert result.exit_code == 0
    rec = json.loads(result.stdout.splitlines()[0])
    assert rec["doc_id"] == "stdin" and rec["source"]["path"] is None


def test_schema_command():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "directives" in schema["$defs"]["Record"]["properties"]
    assert "error" in schema["$defs"]["ErrorRecord"]["required"]
    assert schema["$schema"].startswith("https://json-schema.org/") and schema["$id"]


def test_resume_keeps_done_records_and_redoes_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(folder), "-o", str(out), "--workers", "1"]).exit_code == 0
    first = out.read_text(encoding="utf-8").splitlines()
    # simulate a run killed in the middle of writing the last line
    out.write_text("\n".join(first[:2]) + "\n" + first[2][:40], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out), "--resume", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "2 of 3 documents already done" in result.output
    again = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["doc_id"] for x in again] == [json.loads(x)["doc_id"] for x in first]
    assert again[:2] == first[:2]
    assert not (tmp_path / "out.jsonl.tmp").exists()


def test_train_writes_to_the_checkout_never_into_an_installed_package(tmp_path, monkeypatch):
    import typer

    from notice_extract.learn import train as train_mod

    assert train_mod._default_out() == SAMPLES.parent / "models"  # this checkout
    site = tmp_path / "site-packages" / "notice_extract" / "learn"
    site.mkdir(parents=True)
    (tmp_path / "site-packages" / "notice_extract" / "models").mkdir()
    monkeypatch.setattr(train_mod, "__file__", str(site / "train.py"))
    try:
        train_mod._default_out()
    except typer.Exit as exc:
        assert exc.exit_code == 2
    else:
        raise AssertionError("an installed package must not be the default output")
