"""The shipped dataset compiled into the wheel (medcoop/snapshot.py, written by hatch_build.py):
it must hold exactly data/medcoop.json, and an installed medcoop must answer from it."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medcoop import dataset, records, snapshot
from medcoop.query import mentioned

from .conftest import ROOT, installed_package


def _compiled(data: bytes) -> Any:
    namespace: dict[str, Any] = {}
    exec(compile(snapshot.module_source(data), "_shipped.py", "exec"), namespace)
    return namespace["DATASET"]


def _key_orders(value: object, path: str = "$") -> Iterator[tuple[str, list[str]]]:
    if isinstance(value, dict):
        yield path, list(value)
        for key, item in value.items():
            yield from _key_orders(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _key_orders(item, f"{path}[{i}]")


def test_snapshot_holds_exactly_the_shipped_json() -> None:
    data = dataset.default_path().read_bytes()
    compiled = _compiled(data)
    assert compiled == json.loads(data)
    decoded = dataset.decode(data)  # what the JSON path (a checkout, --data) answers from
    assert compiled == decoded
    # same key order too: search reports the first matching field of a record
    assert list(_key_orders(compiled)) == list(_key_orders(decoded))


def _fields(record_type: type) -> list[str]:
    return list(typing.get_type_hints(record_type))


def test_shipped_json_keys_follow_the_record_types() -> None:
    raw = json.loads(dataset.default_path().read_bytes())
    assert list(raw) == _fields(records.Dataset)
    assert list(raw["report"]) == _fields(records.Report)
    hints = typing.get_type_hints(records.Dataset)
    for collection in raw:
        if not isinstance(raw[collection], list):
            continue
        (item_type,) = typing.get_args(hints[collection])
        for record in raw[collection]:
            assert list(record) == _fields(item_type), (collection, record.get("id"))
            assert list(record["source"]) == ["section", "quote"]


def test_snapshot_literal_round_trips_awkward_text() -> None:
    doc = {
        "quotes": 'it\'s "quoted" \\ and \'\'\' and """',
        "controls": "tab\t newline\n CR\r NUL\x00 ESC\x1b bidi\u202e",
        "unicode": "Medellín 🌎 \u2028 \ud800",
        "numbers": [0, -2, 2**63 - 1, 1.5, True, False, None],
        "nested": {"empty": {}, "list": [[], [{}]]},
    }
    assert _compiled(json.dumps(doc).encode()) == doc
    doc["unicode"] = "Medellín 🌎 \u2028"  # a lone surrogate cannot be written as UTF-8
    assert _compiled(json.dumps(doc, ensure_ascii=False).encode("utf-8")) == doc


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"a": 1, "a": 2}', "duplicate key"),
        (b'{"a": NaN}', "NaN is not a JSON number"),
        (b"[1, 2]", "not a JSON object"),
    ],
)
def test_snapshot_refuses_what_the_dataset_checks_refuse(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        snapshot.module_source(data)


def _installed(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Python run outside the checkout, so that it imports the installed medcoop."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False
    )


def test_installed_wheel_answers_from_the_snapshot(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    installed_package(tmp_path, "an editable install reads data/medcoop.json: there is no snapshot in it to check")
    dumped = _installed(tmp_path, "import json; from medcoop._shipped import DATASET; print(json.dumps(DATASET))")
    assert dumped.returncode == 0, dumped.stderr
    assert json.loads(dumped.stdout) == json.loads(dataset.default_path().read_bytes()), "stale install?"

    # the installed command answers as the checkout does, without msgspec or json
    answer = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "medcoop", "country", "Korea", "-f", "csv"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr[-2000:]
    assert answer.stdout == run("country", "Korea", "-f", "csv").out
    imported = {
        line.rsplit("|", 1)[1].strip() for line in answer.stderr.splitlines() if line.startswith("import time:")
    }
    assert "medcoop._shipped" in imported
    assert not {m for m in imported if m in ("msgspec", "json") or m.startswith(("msgspec.", "json."))}

    # the mentions' answers compiled beside it are those the checkout reads from the quotes
    made = _installed(tmp_path, "import json; from medcoop._shipped import MENTIONS; print(json.dumps(MENTIONS))")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == mentioned.decisions(dataset.load())


def test_mentions_answer_from_compiled_decisions_as_from_the_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    """With decisions compiled beside the dataset (as in an installed wheel), every mention, its
    order and how it names its country are what reading the quotes gives; and the decisions are
    what is used (changed, they change the answer), for that dataset only."""
    import types

    ds = dataset.load()
    expected = list(mentioned.mention_rows(ds))
    made = mentioned.decisions(ds)
    assert made["named"] and len(made["how"]) == len(expected)
    keys = [f"{r['country']} {r['record_table']} {r['record_id']}" for r in expected]
    assert [r["how"] for r in expected if r["how"] != "derived from a city"] == [
        made["how"][key] for key, r in zip(keys, expected, strict=True) if r["how"] != "derived from a city"
    ]
    module = types.ModuleType("medcoop._shipped")
    module.DATASET, module.MENTIONS = ds, made  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "medcoop._shipped", module)
    assert list(mentioned.mention_rows(ds)) == expected
    altered = {"how": {k: "derived" for k in made["how"]}, "named": made["named"][1:]}
    module.MENTIONS = altered  # type: ignore[attr-defined]
    rows = list(mentioned.mention_rows(ds))
    assert len(rows) == len(expected) - 1 and "printed" not in {r["how"] for r in rows}
    other = dataset.decode(dataset.default_path().read_bytes())  # the same records, another dataset
    assert list(mentioned.mention_rows(other)) == expected


def test_a_checkout_reads_the_json_file() -> None:
    if Path(dataset.__file__).resolve().parent != ROOT / "medcoop":
        pytest.skip("these tests import an installed medcoop, not the checkout's")
    assert dataset.shipped() is None  # no snapshot is ever written into the source tree
