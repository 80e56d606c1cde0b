"""The Python API: medcoop.load() answers as the commands do, as rows or DataFrames."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

import medcoop

from .conftest import TINY

# method -> (its arguments, the command line that answers the same)
CALLS: dict[str, tuple[tuple[object, ...], dict[str, object], list[str]]] = {
    "summary": ((), {"year": 2017}, ["summary", "--year", "2017"]),
    "country": (("Corea del Sur",), {}, ["country", "Corea del Sur"]),
    "countries": ((), {}, ["countries"]),
    "map": ((), {"role": "visitor", "year": 2016}, ["map", "--role", "visitor", "--year", "2016"]),
    "awards": ((), {"year": "2016-2017"}, ["awards", "--year", "2016-2017"]),
    "actions": ((), {"year": 2018, "country": "Korea"}, ["actions", "-y", "2018", "--country", "Korea"]),
    "events": ((), {"country": "Singapore"}, ["events", "--country", "Singapore"]),
    "visitors": ((2018,), {}, ["visitors", "--year", "2018"]),
    "partners": ((), {}, ["partners"]),
    "milestones": ((), {}, ["milestones"]),
    "programme": (("PAR",), {}, ["programme", "PAR"]),
    "partner": (("IDB",), {}, ["partner", "IDB"]),
    "years": ((), {}, ["years"]),
    "search": (("medellin lab",), {}, ["search", "medellin lab"]),
    "tallies": ((), {}, ["tallies"]),
    "programmes": ((), {}, ["programmes"]),
    "topics": ((), {}, ["topics"]),
    "sections": ((), {}, ["sections"]),
}


@pytest.fixture(scope="module")
def report() -> medcoop.Report:
    return medcoop.load()


def _listings() -> list[str]:
    from medcoop import cli

    return sorted(name for name in cli.COMMANDS if name not in ("export", "validate", "sql", "report"))


def test_every_listing_has_a_method() -> None:
    assert sorted(CALLS) == _listings()


@pytest.mark.parametrize("cite", [False, True])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_methods_return_the_rows_of_json(report: medcoop.Report, run, name: str, cite: bool) -> None:  # type: ignore[no-untyped-def]
    args, kwargs, command = CALLS[name]
    rows = getattr(report, name)(*args, **kwargs, cite=cite)
    result = run(*command, "-f", "json", *(["--cite"] if cite else []))
    assert result.code == 0
    assert rows == json.loads(result.out) and rows, name


def test_sql_and_tables_answer_as_the_command(report: medcoop.Report, run) -> None:  # type: ignore[no-untyped-def]
    query = "SELECT c.name_en, count(*) AS roles FROM country_roles r JOIN countries c ON c.a2 = r.country GROUP BY 1"
    assert report.sql(query) == json.loads(run("sql", query, "-f", "json").out)
    names = [row["table"] for row in json.loads(run("sql", "--tables", "-f", "json").out)]
    schemas = [json.loads(run("sql", "--schema", name, "-f", "json").out) for name in names]
    assert report.tables() == [
        {"table": name, **row} for name, rows in zip(names, schemas, strict=True) for row in rows
    ]
    tallies = report.table("tallies")
    assert {type(t["complete"]) for t in tallies} == {bool} and {type(t["count"]) for t in tallies} == {int}
    with pytest.raises(medcoop.UsageError, match="unknown table 'tally'; the tables are sections, "):
        report.table("tally")


def test_frames_have_nullable_dtypes(report: medcoop.Report) -> None:
    pd = pytest.importorskip("pandas")
    actions = report.actions(as_frame=True)
    assert isinstance(actions, pd.DataFrame)
    assert str(actions["amount_usd"].dtype) == "Int64" and str(actions["year"].dtype) == "Int64"
    assert actions["amount_usd"].isna().sum() == 9  # one amount stated: USD 12.5 million (2018, Korea)
    assert int(actions["amount_usd"].dropna().iloc[0]) == 12_500_000
    assert actions["summary"].dtype == pd.StringDtype()
    assert list(actions.columns) == list(report.actions()[0])
    tallies = report.table("tallies", as_frame=True)
    assert str(tallies["complete"].dtype) == "boolean" and str(tallies["count"].dtype) == "Int64"
    counted = report.sql(
        "SELECT year, count(*) AS n, avg(amount_usd) AS mean FROM actions GROUP BY year", as_frame=True
    )
    assert [str(t) for t in counted.dtypes] == ["Int64", "Int64", "Float64"]
    assert counted["mean"].isna().tolist() == [True, True, False]


def test_errors_are_the_clis_as_exceptions(report: medcoop.Report, run) -> None:  # type: ignore[no-untyped-def]
    for call, command in (
        (lambda: report.country("Koreaa"), ["country", "Koreaa"]),
        (lambda: report.actions(year=2019), ["actions", "--year", "2019"]),
        (lambda: report.actions(modality="bogus"), ["actions", "--modality", "bogus"]),
        (lambda: report.sql("SELECT * FROM nowhere"), ["sql", "SELECT * FROM nowhere"]),
        (lambda: report.sql("DELETE FROM actions"), ["sql", "DELETE FROM actions"]),
    ):
        with pytest.raises(medcoop.MedcoopError) as caught:
            call()
        result = run(*command)
        assert result.code == caught.value.exit_code == 2
        assert result.err == f"medcoop: error: {caught.value}\n"
    with pytest.raises(medcoop.UnknownName) as unknown:
        report.partner("Nobody at all")
    assert str(unknown.value).startswith("unknown partner 'Nobody at all'")
    with pytest.raises(medcoop.DatasetError, match="no such file"):
        medcoop.load("/nonexistent/medcoop.json")


def test_a_notice_is_a_warning(report: medcoop.Report) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert report.country("Japan") == []
    assert [str(w.message) for w in caught] == ["Japan (JP) is not mentioned in the report"]
    assert caught[0].category is medcoop.Notice


def test_load_takes_a_dataset_file() -> None:
    tiny = medcoop.load(TINY)
    assert [a["id"] for a in tiny.actions()] == ["a-2017-korea"]
    assert medcoop.load(str(TINY)).sql("SELECT count(*) AS n FROM awards") == [{"n": 1}]


def test_import_medcoop_is_light() -> None:
    code = (
        "import sys, medcoop; before = set(sys.modules); medcoop.load().actions(); after = set(sys.modules); "
        "import json; print(json.dumps([sorted(before), sorted(after)]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=60)
    before, after = map(set, json.loads(proc.stdout))
    heavy = ("typer", "rich", "tabulate", "msgspec", "click", "pandas", "sqlite3", "xlsxwriter")
    assert "medcoop" in before
    assert not {m for m in before if m.split(".")[0] in heavy}
    assert not {m for m in after if m.split(".")[0] in ("typer", "rich", "tabulate", "click", "pandas")}


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.country(None),
        lambda r: r.country(5),
        lambda r: r.actions(country=5),
        lambda r: r.actions(partner=["IDB"]),
        lambda r: r.events(country=b"KR"),
        lambda r: r.visitors(country=1.5),
        lambda r: r.partner(None),
        lambda r: r.programme(7),
        lambda r: r.search(None),
        lambda r: r.sql(None),
    ],
)
def test_arguments_of_the_wrong_type_are_medcoops_own_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(medcoop.UsageError, match=r"must be text \(a str\), not "):
        call(medcoop.load())


def test_as_frame_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ModuleNotFoundError
    with pytest.raises(medcoop.UsageError, match=r"as_frame=True needs pandas: pip install pandas"):
        medcoop.load().actions(as_frame=True)


def test_repr_says_what_the_report_holds(report: medcoop.Report) -> None:
    text = repr(report)
    assert "Special Report on Cooperation 2016, 2017, 2018" in text and "2016-2018" in text
    for kind, rows in (("actions", report.actions()), ("awards", report.awards()), ("visitors", report.visitors())):
        assert f"{len(rows)} {kind}" in text


def test_dir_shows_the_api_not_the_modules_it_imports() -> None:
    names = dir(medcoop)
    assert {"load", "Report", "MedcoopError", "UnknownName", "__version__"} <= set(names)
    assert not {"os", "sys", "Any", "TYPE_CHECKING", "annotations"} & set(names)


def test_every_table_as_frames_in_one_call(report: medcoop.Report) -> None:
    pytest.importorskip("pandas")
    frames = report.frames()
    assert list(frames) == list(dict.fromkeys(row["table"] for row in report.tables()))
    for name, frame in frames.items():
        assert frame.equals(report.table(name, as_frame=True)), name
