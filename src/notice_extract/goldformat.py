"""Convert an extracted record into the gold format of ``gold/README.md`` (values only).

Used to pre-fill annotation: the output is a draft that a person corrects line
by line against the text, never a gold file as it stands.
"""

from __future__ import annotations

import json
from typing import Any

_PARTY_KEYS = ("value", "kind", "role", "inherited")


def _party(p: dict) -> dict:
    out = {k: p.get(k) for k in _PARTY_KEYS}
    if p.get("kind") == "person" and p.get("person"):
        out["person"] = {"name": p["person"]["name"], "title": p["person"].get("title")}
    return out


def _value(v: dict | None) -> dict | None:
    return None if v is None else {"value": v.get("value")}


def _starts(text: str) -> str:
    words = " ".join(text.replace("*", "").split()).split(" ")[:8]
    if words:
        words[-1] = words[-1].rstrip(",.;:")
    return " ".join(words)


def record_to_gold(rec: dict, source_path: str | None = None) -> dict[str, Any]:
    meeting = rec.get("meeting")
    return {
        "schema_version": rec.get("schema_version", "1.0"),
        "doc_id": rec["doc_id"],
        "source": {
            "path": source_path or (rec.get("source") or {}).get("path"),
            "sha256": (rec.get("source") or {}).get("sha256"),
            "encoding": (rec.get("source") or {}).get("encoding"),
            "chars": (rec.get("source") or {}).get("chars"),
        },
        "notice_kind": rec.get("notice_kind"),
        "number": None if rec.get("number") is None else {k: rec["number"].get(k) for k in ("serial", "symbol")},
        "issue_place": _value(rec.get("issue_place")),
        "issue_date": _value(rec.get("issue_date")),
        "issuer": None
        if rec.get("issuer") is None
        else {k: rec["issuer"].get(k) for k in ("value", "body", "locality", "province")},
        "concluded_by": _value(rec.get("concluded_by")),
        "subject": _value(rec.get("subject")),
        "meeting": None
        if meeting is None
        else {
            "date": _value(meeting.get("date")),
            "kind": _value(meeting.get("kind")),
            "chaired_by": [_party(p) for p in meeting.get("chaired_by", [])],
            "counterparts": [_party(p) for p in meeting.get("counterparts", [])],
            "attendees": [_party(p) for p in meeting.get("attendees", [])],
            "topic": _value(meeting.get("topic")),
        },
        "target_units": [_party(p) for p in rec.get("target_units", [])],
        "persons": [{"name": p["name"], "titles": p.get("titles", [])} for p in rec.get("persons", [])],
        "citations": [
            {k: c.get(k) for k in ("doc_type", "number", "date", "issuer")} for c in rec.get("citations", [])
        ],
        "segments": [{"kind": s["kind"], "lines": list(s["lines"])} for s in rec.get("segments", [])],
        "directives": [
            {
                "path": d["path"],
                "label": d["label"],
                "level": d["level"],
                "parent": d["parent"],
                "kind": d["kind"],
                "starts": _starts(d.get("text") or ""),
                "lines": list(d["lines"]),
                "responsible": [_party(p) for p in d.get("responsible", [])],
                "deadlines": [
                    {k: x.get(k) for k in ("text", "kind", "start", "end", "recurrence", "inherited")}
                    for x in d.get("deadlines", [])
                ],
            }
            for d in rec.get("directives", [])
        ],
        "recipients": [
            {k: r.get(k) for k in ("value", "purpose", "channel", "archive")} for r in rec.get("recipients", [])
        ],
        "signature": None
        if rec.get("signature") is None
        else {k: rec["signature"].get(k) for k in ("mode", "on_behalf_of", "position", "signer")},
    }


def dumps(gold: dict) -> str:
    return json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
