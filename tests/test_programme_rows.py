"""A programme's rows hold every record that names it; a programme asked for as a partner
points to `medcoop programme`."""

from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from typing import Any

import pytest

from medcoop import dataset

PROGRAMMES = dataset.load()["programmes"]
NOTES = ("note", "correction_basis", "kind_basis", "basis")
LISTING_OF_KIND = {
    "metric": "summary", "topics": "topics", "country": "countries", "organisation": "partners",
    "action": "actions", "country role": "countries", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip


def _json(run, *args: str) -> Any:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.parametrize("g", PROGRAMMES, ids=lambda g: g["id"])
def test_a_programme_lists_every_record_that_names_it(run, g: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, "programme", g["name"])
    assert rows, g["name"]
    shown = Counter(r["record"] for r in rows)
    named = Counter(
        LISTING_OF_KIND[hit["kind"]]
        for hit in _json(run, "search", g["name"])
        if hit["field"].split(".")[0] not in NOTES
    )
    linked = Counter(["programmes"] + ["actions"] * len(g["actions"]) + ["awards"] * len(g["awards"]))
    assert shown == named | linked, g["name"]  # every record found by its name, and its links, once each


def test_sos_paisa_and_medellin_lab_have_their_records(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sos = _json(run, "programme", "Sos Paisa")
    figures = [r for r in sos if r["record"] == "summary"]
    assert [r["what"].rsplit(": ", 1)[1] for r in figures] == ["40 contributions", "19 meetings", "12 countries"]
    assert "40 contributions and 19 meetings in 12 countries" in source_text
    lab = _json(run, "programme", "Medellin LAB")
    assert [r["record"] for r in lab] == ["programmes"] and lab[0]["period"] == "since 2017"
    assert "The creation of the Medellín LAB" in source_text


@pytest.mark.parametrize(
    "name", sorted({n for g in PROGRAMMES for n in (g["name"], g["acronym"]) if n}), ids=lambda n: n
)
def test_a_programme_asked_for_as_a_partner_points_to_it(run, name: str) -> None:  # type: ignore[no-untyped-def]
    result = run("partner", name)
    assert result.code == 2 and result.err.count("\n") == 1
    assert f"{name!r} is a programme, not a partner" in result.err
    pointer = re.search(r"see '(medcoop [^']*)'", result.err)
    assert pointer is not None
    assert _json(run, *shlex.split(pointer.group(1))[1:])
