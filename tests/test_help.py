"""The help of a listing says what the listing holds: checked against the records it shows."""

from __future__ import annotations

import pytest

from medcoop import dataset
from medcoop.describe import TABLES


def _help(run, name: str) -> str:  # type: ignore[no-untyped-def]
    result = run(name, "--help")
    assert result.code == 0
    return " ".join(result.out.replace("│", " ").split())


PARTICIPATION = {"invited": "invited to", "participation": "took part in", "announcement": "announced"}
"""How the city was at an event (the first word of an event's participation) -> what the help says of it."""


def test_events_help_covers_every_kind_of_participation(run) -> None:  # type: ignore[no-untyped-def]
    """The 2017 Cork conference is where the city's joining a network was announced: no invitation."""
    texts = (_help(run, "events"), TABLES["events"])
    for event in dataset.load()["events"]:
        said = PARTICIPATION[event["participation"].split()[0]]  # a new kind of participation: say it in the help
        for text in texts:
            assert said in text, (event["id"], text)


@pytest.mark.parametrize("table", ["awards", "milestones"])
def test_awards_and_milestones_help_name_the_kinds_they_hold(run, table: str) -> None:  # type: ignore[no-untyped-def]
    """awards holds awards and mentions; the recognitions that are no award are milestones'."""
    kinds = {r["kind"] for r in dataset.load()[table]}  # type: ignore[literal-required]
    text = _help(run, table).split("Example:")[0].lower()
    for kind in kinds:
        assert kind in text, (table, kind)
    assert ("recognition" in text) == (table == "milestones")
    assert ("recognition" in TABLES[table].lower()) == (table == "milestones")
