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


# --------------------------------------------------------------------------- help that fits a screen

import re  # noqa: E402

from medcoop import cli  # noqa: E402
from medcoop.overview import GROUPS  # noqa: E402

from .test_tables import _pty  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _screen(args: list[str], lang: str, columns: int = 80) -> str:
    return ANSI.sub("", _pty(args, {"MEDCOOP_PAGER": "", "MEDCOOP_LANG": lang}, columns=columns, rows=24))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_bare_medcoop_is_a_short_overview(lang: str) -> None:
    out = _screen([], lang)
    lines = out.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 80
    for start in ("summary", "country Korea", "actions", "search mobility", "map"):
        assert f"  medcoop {start} " in out
    assert "medcoop --help" in out and "Usage" not in out


def test_help_groups_the_commands(run) -> None:  # type: ignore[no-untyped-def]
    out = run("--help").out
    assert {name for _title, names in GROUPS for name in names} == set(cli.COMMANDS)
    places = [out.index(f"─ {title} ─") for title, _names in GROUPS]
    assert places == sorted(places)  # the panels in order
    for (title, names), start, end in zip(GROUPS, places, [*places[1:], len(out)], strict=True):
        for name in names:
            assert re.search(rf"│ {name} ", out[start:end]), (title, name)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_a_commands_help_fits_80_columns_whole(run, monkeypatch: pytest.MonkeyPatch, name: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """About 45 lines at 80 columns; no word broken (every word is one of the help drawn 400
    columns wide, where nothing wraps); the example on one line; the options' names and metavars
    not half the width."""
    out = _screen([name, "--help"], lang)
    monkeypatch.setenv("COLUMNS", "400")
    wide = ANSI.sub("", run("--lang", lang, name, "--help").out)
    lines = out.splitlines()
    assert len(lines) <= 45, f"medcoop {name} --help: {len(lines)} lines"
    words = set(re.findall(r"[\w.'’-]+", wide))
    broken = [w for w in re.findall(r"[\w.'’-]+", out) if w not in words]
    assert not broken, broken
    example = next(line.strip(" │") for line in wide.splitlines() if "medcoop " + name in line and ":" in line)
    assert any(example in line for line in lines), example
    help_row = next(re.match(r"│ --help\s+-h\s+(\S)", line) for line in lines if line.startswith("│ --help"))
    assert help_row is not None and help_row.start(1) - len("│ ") <= 78 // 2  # options: at most half the box
