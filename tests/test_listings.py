"""actions, events, visitors, partners, partner, years, search and the HTML format."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from medcoop import dataset, query

from .conftest import TINY

D = ("--data", str(TINY))
LISTINGS = {
    "actions": (["actions"], ["a-2017-korea"]),
    "events": (["events"], ["e-2016"]),
    "visitors": (["visitors"], ["v-2017"]),
    "partners": (["partners"], ["molit", "idb"]),
    "search": (["search", "korea"], ["money", "KR", "a-2017-korea", "e-2016"]),
}


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_listing_ids_in_machine_formats(run, command: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    args, ids = LISTINGS[command]
    out = run(*args, *D, "-f", fmt).out
    if fmt == "json":
        rows = json.loads(out)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert [r["id"] for r in rows] == ids


def test_actions_filters(run) -> None:  # type: ignore[no-untyped-def]
    def ids(*args: str) -> list[str]:
        return [r["id"] for r in json.loads(run("actions", *args, "-f", "json").out)]

    assert ids("--year", "2017") == [
        "2017-bloomberg-bancuadra",
        "2017-marina-orth-education",
        "2017-us-alliance-for-reconciliation",
        "2017-sweden-motor-route",
        "2017-mercociudades-santa-fe",
    ]
    assert ids("--country", "Corea del Sur") == ["2016-korea-mobility-master-plan", "2018-korea-molit-smart-mobility"]
    assert ids("--partner", "molit") == ["2018-korea-molit-smart-mobility"]
    assert ids("--partner", "Bloomberg Philanthropy") == ["2017-bloomberg-bancuadra"]
    assert ids("--modality", "financial") == [
        "2017-bloomberg-bancuadra",
        "2017-marina-orth-education",
        "2017-sweden-motor-route",
    ]
    assert ids("--modality", "south-south") == ["2017-mercociudades-santa-fe"]
    assert ids("--country", "Japan") == []
    assert run("actions", "--partner", "Nobody at all").code == 2


def test_visitors_show_printed_and_corrected_names(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("visitors", "--country", "fin", "-f", "json").out)
    assert [(r["name"], r["name_corrected"]) for r in rows] == [("Paula Lehtomamaki", "Paula Lehtomäki")]


def test_partner_by_acronym_spanish_name_and_accents(run) -> None:  # type: ignore[no-untyped-def]
    same = run("partner", "IDB", "-f", "csv").out
    assert run("partner", "Banco Interamericano de Desarrollo", "-f", "csv").out == same
    assert run("partner", "inter-american", "-f", "csv").out == same
    assert "III Ibero-American Forum of Mayors" in same
    miss = run("partner", "UNESKO")
    assert miss.code == 2 and "did you mean 'UNESCO'" in miss.err


def test_years_from_the_records(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("years", "-f", "json").out)
    assert [(r["year"], r["delegates"], r["journalists"], r["awards_stated"], r["actions"]) for r in rows] == [
        (2016, 900, 250, 4, 3),
        (2017, 1500, 241, 6, 5),
        (2018, 1400, 256, None, 2),
    ]
    assert rows[2]["usd_stated_in_actions"] == 12_500_000 and rows[0]["delegates_qualifier"] == "more than"


@pytest.mark.parametrize("text", ["medellin lab", "MEDELLÍN LAB", "Medellín LAB"])
def test_search_ignores_case_and_accents(run, text: str) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("search", text, "-f", "json").out)
    row = {
        "kind": "programme",
        "id": "medellin-lab",
        "period": "2017-2018",
        "field": "name",
        "text": "Medellín LAB",
        "editorial": [],  # the report's words
        "title": "Medellín LAB",  # "The creation of the Medellín LAB as a strategy ..." (2017)
    }
    assert row in rows


def test_every_record_is_reachable_through_search() -> None:
    ds = dataset.load()
    for kind, rid, *_, record in query.rows._records(ds):
        text = next(v for k, v in record.items() if k != "id" and isinstance(v, str))
        found = query.search(ds, text).table.rows
        assert any(r["id"] == rid for r in found), (kind, rid, text)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_a_complete_escaped_table(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["awards"][0]["recipient"] = "<script>alert(1)</script> & [bold]x[/]"
    data["awards"][0]["source"]["quote"] = "<script>alert(1)</script> & [bold]x[/] won the 2016 Prize"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = run("awards", "--data", str(path), "-f", "html").out
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    parser = _Cells()
    parser.feed(out)
    assert "script" not in parser.tags and parser.tags.count("td") == 7
    assert "<script>alert(1)</script> & [bold]x[/]" in "".join(parser.text)


def test_search_highlights_the_match_in_a_coloured_table(monkeypatch: pytest.MonkeyPatch, run) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("search", "medellin lab").out
    assert "\x1b[1;7mMedellín LAB\x1b[0m" in out
    plain = run("search", "medellin lab", "--no-color").out
    assert "\x1b" not in plain and "Medellín LAB" in plain


def test_svg_picture_of_the_table_view(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "years.svg"
    result = run("years", "-f", "csv", "--svg", str(picture))
    assert result.code == 0 and result.out.startswith("year,delegates")
    svg = picture.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Delegates&#160;per&#160;year" in svg and "█" in svg  # the bars are in the picture
    missing = run("years", "--svg", str(tmp_path / "no" / "such" / "dir.svg"))
    assert missing.code == 1 and missing.err.endswith("dir.svg: cannot write (No such file or directory)\n")


def _complete(words: str) -> list[str]:
    from .conftest import medcoop_process

    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    proc = medcoop_process([], env={"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode().split()


def test_completion_of_commands_options_countries_and_partners() -> None:
    assert {"country", "countries"} <= set(_complete("medcoop cou"))
    assert "--format" in _complete("medcoop summary --fo")
    assert {"Colombia", "Corea", "Costa"} <= set(_complete("medcoop country Co"))
    assert "UNESCO" in _complete("medcoop partner UN")


def test_every_record_is_in_some_listing(run) -> None:  # type: ignore[no-untyped-def]
    """Each record of the shipped dataset appears (by id or code) in a listing command's JSON."""
    ds = dataset.load()

    def keys(*args: str, key: str = "id") -> set[str]:
        return {str(r[key]) for r in json.loads(run(*args, "-f", "json").out)}

    listed = {
        "metrics": keys("summary", key="metric"),
        "topic_lists": keys("topics"),
        "countries": keys("countries", key="a2"),
        "organisations": keys("partners"),
        "actions": keys("actions"),
        "events": keys("events"),
        "visitors": keys("visitors"),
        "tallies": keys("tallies"),
        "programmes": keys("programmes"),
    }
    for name, found in listed.items():
        assert found == {r["a2" if name == "countries" else "id"] for r in ds[name]}, name
    awards = json.loads(run("awards", "-f", "json").out)
    assert [(w["year"], w["name"]) for w in awards] == [(w["year"], w["name"]) for w in ds["awards"]]
    roles = {(r["country"], r["role"]) for r in ds["country_roles"]}
    for code, role in roles:
        rows = json.loads(run("country", code, "-f", "json").out)
        assert query.ROLE_LABELS[role] in {r["role"] for r in rows}, (code, role)
    assert keys("sections", key="section") == {s["id"] for s in ds["report"]["sections"]}


def test_tallies_keep_counts_and_named_items(run) -> None:  # type: ignore[no-untyped-def]
    rows = {r["id"]: r for r in json.loads(run("tallies", "-f", "json").out)}
    assert (rows["2016-international-awards"]["count"], rows["2016-international-awards"]["named_count"]) == (4, 1)
    assert rows["2017-par-projects"]["complete"] == "yes"
    assert rows["2016-2018-south-south-projects"]["named"][:3] == ["Granada", "Chile", "Peru"]


def test_years_are_not_formatted_as_counts(run) -> None:  # type: ignore[no-untyped-def]
    programmes = run("programmes").out
    assert "2004" in programmes and "2,004" not in programmes
    awards = run("awards").out
    assert "2,01" not in awards and "2016" in awards
    assert "1,500" in run("years").out  # counts keep their separators
