"""actions, events, visitors, partners, partner, years, search and the HTML format; and the rules
of every listing's rows (summary, awards, milestones, partners, search, sections, tallies,
programmes, topics) pinned one by one, with expected values read from the source text
(../shared/seed) and data/medcoop.json (tests/mutation/query.md)."""

from __future__ import annotations

import copy
import csv
import io
import json
from html.parser import HTMLParser

import pytest

from medcoop import dataset, query
from medcoop.errors import UsageError
from medcoop.records import Dataset
from medcoop.view import Bars, Table, View

from .conftest import TINY
from .views import _counts, _found, _record

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
        "period": "since 2017",  # created in 2017 (its block)
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
    assert "script" not in parser.tags and parser.tags.count("td") == 8  # the 7 columns and editorial
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


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"_MEDCOOP_COMPLETE": "complete_bogus"}, "_MEDCOOP_COMPLETE='complete_bogus' is not a completion request"),
        ({"_MEDCOOP_COMPLETE": "bash"}, "_MEDCOOP_COMPLETE='bash' is not a completion request"),
        ({"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": "medcoop co", "COMP_CWORD": "x"}, "COMP_CWORD='x'"),
        ({"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": "medcoop co", "COMP_CWORD": ""}, "COMP_CWORD=''"),
        ({"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": "medcoop co", "COMP_CWORD": "-1"}, "COMP_CWORD='-1'"),
    ],
)
def test_a_broken_completion_request_is_a_usage_error(env: dict[str, str], says: str) -> None:
    """What a completion script sets, when a shell or a hand sets it wrong: one line naming the
    variable, exit 2, nothing on stdout (not Click's bare "Shell bogus not supported." or an
    internal error)."""
    from .conftest import medcoop_process

    proc = medcoop_process([], env=env)
    err = proc.stderr.decode()
    assert (proc.returncode, proc.stdout) == (2, b""), err
    assert err.startswith(f"medcoop: error: {says}") and err.count("\n") == 1, err


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


# --------------------------------------------------------------------------- summary, awards, milestones


def test_summary_keeps_the_figures_of_the_years_with_their_bar_charts(ds: Dataset) -> None:
    view = query.summary(ds, (2017, 2018))
    assert view.preface == (
        "Medellín nodo de conocimiento para el mundo — Special Report on Cooperation 2016, 2017, 2018 (ACI Medellín)",
    )
    ids = [r["metric"] for r in view.table.rows]
    assert "delegates-2016" not in ids and "journalists-2016" not in ids and "delegates-2017" in ids
    assert len(ids) == 5  # 2017's and 2018's delegates and journalists, the 2018 amount; 2016-2018 is apart
    assert view.table.title == "Headline figures"
    row = next(r for r in view.table.rows if r["metric"] == "record-cooperation-amount-2018")
    # "12.5 million U.S. dollars for sustainable mobility granted by South Korea" (2018)
    assert (row["value"], row["unit"], row["period"], row["restates"]) == (
        12_500_000, "USD", "2018", "2018-korea-molit-smart-mobility",
    )  # fmt: skip
    apart, delegates, journalists = view.extras  # the 2016-2018 figures apart, not by year
    assert isinstance(apart, Table) and {r["record"] for r in apart.rows} >= {"delegations-2016-2018"}
    assert isinstance(delegates, Bars) and isinstance(journalists, Bars)
    assert (delegates.title, delegates.items) == ("Delegates per year", (("2017", 1500), ("2018", 1400)))
    assert (journalists.title, journalists.items) == ("Journalists per year", (("2017", 241), ("2018", 256)))


def test_summary_qualifies_a_value_as_printed(ds: Dataset) -> None:
    """The compact table view folds the qualifier into the value (the years side by side are
    `medcoop years`)."""
    from medcoop.cells import human
    from medcoop.columns import choose

    view = choose(query.summary(ds), "summary", table_view=True, wide=False, columns=None, cite=False)
    value = next(c for c in view.table.columns if c.key == "value")
    shown = {r["metric"]: human(value, r) for r in view.table.rows}
    # "more than 900 delegates and 250 journalists" (2016)
    assert (shown["delegates-2016"], shown["journalists-2016"]) == ("more than 900", "250")
    assert "qualifier" not in [c.key for c in view.table.columns]


def test_awards_in_year_order_with_the_counts_stated(ds: Dataset) -> None:
    view = query.awards(ds)
    rows = view.table.rows
    assert view.table.title == "Awards and mentions"
    assert [(r["year"], r["kind"], r["name"]) for r in rows] == [
        (2016, "award", "2016 Lee Kuan Yew Award"),
        (2018, "mention", "UNESCO Educating Cities Award"),
        (2018, "award", "One of the 5 best practices in Latin America and the Caribbean"),
        (2018, "award", "2018 Excellence Award"),
    ]
    # "The Inter-American Development Bank, IDB, awarded EPM": the body by its name, not its id
    assert [r["awarding_body"] for r in rows] == [None, "UNESCO", "Inter-American Development Bank", "NovaGob.Lab"]
    assert rows[1]["note"] is None  # no note, no year note: missing, not ""
    assert rows[2]["note"] == (
        "The report does not print the year; received on 19 March 2018 at the World Water Forum, Brasília."
    )
    (stated,) = view.extras
    assert isinstance(stated, Table) and stated.title == "Counts stated in the report"
    assert [(c.key, c.header) for c in stated.columns] == [("period", "Period"), ("stated", "What the report counts")]
    assert stated.rows == [
        # "Four international awards for the city, including the 2016 Lee Kuan Yew Award"
        {"period": "2016", "stated": "4 international awards for the city, 1 named: the 2016 Lee Kuan Yew Award"},
        # "Six international awards for initiatives from the Mobility Secretariat, the Comptroller General ..."
        {
            "period": "2017",
            "stated": "6 international awards for initiatives, none named; recipients named: the Mobility "
            "Secretariat, the Comptroller General of Medellín, the House of Memory Museum, the Secretariat of "
            "Environment",
        },
    ]


def test_awards_of_a_year(ds: Dataset) -> None:
    view = query.awards(ds, (2017, 2017))
    assert view.table.rows == []
    stated = view.extras[0]
    assert isinstance(stated, Table) and [r["period"] for r in stated.rows] == ["2017"]
    assert [r["year"] for r in query.awards(ds, (2016, 2016)).table.rows] == [2016]


def test_milestones_name_the_organisation(ds: Dataset) -> None:
    view = query.milestones(ds)
    assert view.table.title == "Memberships and appointments"
    assert [(r["id"], r["year"], r["kind"], r["organisation"]) for r in view.table.rows] == [
        ("2017-unesco-learning-cities-network", 2017, "membership", "UNESCO"),
        ("2018-world-cities-summit-2019-host", 2018, "appointment", None),
    ]
    assert [r["id"] for r in query.milestones(ds, (2018, 2018)).table.rows] == ["2018-world-cities-summit-2019-host"]


# --------------------------------------------------------------------------- partners and partner


def _partner_counts(view: object) -> dict[str, tuple[object, ...]]:
    keys = ("actions", "awards", "milestones", "tally_items", "events", "visitors")
    return {r["id"]: tuple(r[k] for k in keys) for r in view.table.rows}  # type: ignore[attr-defined]


def test_partners_count_each_kind_of_link(ds: Dataset) -> None:
    counts = _partner_counts(query.partners(ds))
    # "IDB's III Ibero-American Forum of Mayors" (event) and "The Inter-American Development Bank, IDB, awarded EPM"
    assert counts["idb"] == (0, 1, 0, 0, 1, 0)
    assert counts["epm"] == (0, 1, 0, 0, 0, 0)  # the recipient of that award
    assert counts["unesco"] == (0, 1, 1, 0, 0, 0)  # the Educating Cities mention; the Learning Cities Network
    # "Technical Exchange with the House of Memory Museum" (2018); "Six international awards for initiatives from
    # ... the House of Memory Museum" (2017): a count's item, not an award
    assert counts["house-of-memory-museum"] == (1, 0, 0, 1, 0, 0)
    assert counts["world-bank"] == (1, 0, 0, 0, 0, 1)  # "World Bank: Provided consultancy"; Mahmoud Mohieldin
    assert counts["secretariat-of-youth"] == (1, 0, 0, 0, 0, 0)  # benefits from Canada's action
    assert counts["aci-medellin"] == (0, 0, 0, 0, 0, 0)
    assert query.partners(ds).table.title == "Organisations"


def test_partners_count_within_years(ds: Dataset) -> None:
    counts = _partner_counts(query.partners(ds, (2017, 2017)))
    assert counts["house-of-memory-museum"] == (0, 0, 0, 1, 0, 0)
    assert counts["idb"] == (0, 0, 0, 0, 0, 0)
    assert counts["unesco"] == (0, 0, 1, 0, 0, 0)


def test_partner_preface_shows_the_correction_and_its_basis(ds: Dataset) -> None:
    view = query.partner(ds, "Bloomberg Philanthropy")
    assert view.preface == (
        "Bloomberg Philanthropy (corrected: Bloomberg Philanthropies)",
        "foundation",
        # a public record, said so; the prize's date, which the report does not give, is not the dataset's
        "Public record: The organisation's name is Bloomberg Philanthropies (bloomberg.org).",
    )
    assert query.partner(ds, "IDB").preface == ("Inter-American Development Bank", "IDB · multilateral bank")
    assert query.partner(ds, "EPM").preface == ("EPM", "utility · CO")


def test_partner_lists_its_links_in_year_order(ds: Dataset) -> None:
    rows = query.partner(ds, "Mobility Secretariat").table.rows
    assert rows == [
        {
            "year": 2017,
            "record": "tally_items",
            "what": "named among 6 international awards for initiatives (a count: the items are not listed one by one)",
            "details": "Six international awards for initiatives from the Mobility Secretariat, the Comptroller "
            "General of Medellín, the House of Memory Museum, and the Secretariat of Environment",
            "editorial": ["what"],  # medcoop's account of the link
        },
        {
            "year": 2018,
            "record": "actions",
            "what": "benefits from: Smart mobility: integrated traffic management center",
            "details": "South Korea",  # the action's heading as printed
            "editorial": ["what"],
        },
    ]
    assert [r["year"] for r in query.partner(ds, "Mobility Secretariat", (2018, 2018)).table.rows] == [2018]


def test_partner_links_of_awards_events_milestones_and_visitors(ds: Dataset) -> None:
    idb = query.partner(ds, "IDB").table.rows
    assert [(r["record"], r["what"], r["details"]) for r in idb] == [
        ("awards", "awarding body: One of the 5 best practices in Latin America and the Caribbean", "EPM"),
        ("events", "organiser: III Ibero-American Forum of Mayors", "participation"),
    ]
    epm = query.partner(ds, "EPM").table.rows
    assert [r["what"] for r in epm] == ["recipient: One of the 5 best practices in Latin America and the Caribbean"]
    unesco = query.partner(ds, "UNESCO").table.rows
    assert unesco[0]["what"] == "membership: UNESCO’s Learning Cities Network"
    sweden = query.partner(ds, "Chancellery of Sweden").table.rows
    assert sweden == [
        {
            "year": 2018,
            "record": "visitors",
            "what": "Oscar Stentsön (corrected: Oscar Stenström), Deputy Minister of Trade Affairs of the European "
            "Union, Chancellery of Sweden",
            "details": None,  # nothing more to say: missing, not ""
            "editorial": ["what"],
        }
    ]
    canada = query.partner(ds, "Embassy of Canada").table.rows
    assert [(r["year"], r["record"], r["what"]) for r in canada] == [
        (2016, "actions", "Inclusive economic growth and support to the consolidation of peace")
    ]


# --------------------------------------------------------------------------- search


def test_search_reports_the_first_matching_field_of_each_record(ds: Dataset) -> None:
    view = query.search(ds, "Cork")
    # "the III International Conference on Learning Cities held in Cork, Ireland" (2017)
    assert _found(view) == [
        ("country", "IE", "2017", "source.quote", "held in Cork, Ireland"),  # dated by its sentence's block
        ("event", "2017-learning-cities-conference", "2017", "city", "Cork"),
        (
            "milestone",
            "2017-unesco-learning-cities-network",
            "2017",
            "note",
            "The first city in Colombia to join; announced at the III International Conference on Learning Cities, "
            "Cork, Ireland. The network seeks to support and accelerate the practice of lifelong learning.",
        ),
    ]
    assert (view.table.title, view.table.highlight) == ("Records matching 'Cork'", "Cork")
    assert [c[0] for c in view.table.citations] == ["2017", "2017", "2017"]


def test_search_within_years(ds: Dataset) -> None:
    assert [row[1] for row in _found(query.search(ds, "Cork", (2018, 2018)))] == []  # Ireland is named in 2017
    assert [row[1] for row in _found(query.search(ds, "Cork", (2017, 2017)))] == [
        "IE", "2017-learning-cities-conference", "2017-unesco-learning-cities-network",
    ]  # fmt: skip


def test_search_finds_records_that_refer_to_an_organisation_by_another_name(ds: Dataset) -> None:
    # "Medellín’s Secretariat of Mobility" (2018) and "the Mobility Secretariat" (2017), asked for in Spanish
    assert _found(query.search(ds, "Secretaría de Movilidad")) == [
        ("organisation", "secretariat-of-mobility", "2018", "aliases", "Secretaría de Movilidad"),
        ("action", "2018-korea-molit-smart-mobility", "2018", "beneficiaries", "Secretariat of Mobility"),
        ("tally", "2017-international-awards", "2017", "named_refs", "Secretariat of Mobility"),
    ]
    # "The Inter-American Development Bank, IDB, awarded EPM": found through the recipient's other name
    assert _found(query.search(ds, "Empresas Públicas de Medellín"))[1] == (
        "award", "2018-idb-river-sanitation-best-practice", "2018", "recipient_org", "EPM",
    )  # fmt: skip


def test_named_refs_of_an_organisation_and_of_a_programme(ds: Dataset) -> None:
    assert query.searching._named_refs(ds, "Empresas Públicas de Medellín") == {"epm": "EPM"}
    assert query.searching._named_refs(ds, "IDB") == {"idb": "Inter-American Development Bank"}
    assert query.searching._named_refs(ds, "Bloomberg") == {"bloomberg-philanthropies": "Bloomberg Philanthropies"}
    # "Alliance for Reconciliation Program (PAR in Spanish)": the programme and the action it links
    assert query.searching._named_refs(ds, "PAR") == {
        "alliance-for-reconciliation-program": "Alliance for Reconciliation Program",
        "2017-us-alliance-for-reconciliation": "Alliance for Reconciliation Program",
    }
    assert query.searching._named_refs(ds, "Semilleros Infantiles de Participación Ciudadana") == {
        "semilleros-infantiles": "Semilleros Infantiles de Participación Ciudadana",
        "2018-unesco-educating-cities-mention": "Semilleros Infantiles de Participación Ciudadana",
    }
    assert query.searching._named_refs(ds, "Cork") == {}


def test_refers_by_id_or_by_a_reference_field() -> None:
    refs = {"idb": "Inter-American Development Bank"}
    refers = query.searching._refers
    assert refers(_record(organiser="idb"), "e-1", refs) == ("organiser", "Inter-American Development Bank")
    assert refers(_record(partners=["x", "idb"]), "a-1", refs) == ("partners", "Inter-American Development Bank")
    assert refers(_record(name="idb"), "idb", refs) == ("id", "Inter-American Development Bank")
    assert refers(_record(name="idb", partners=["x"], organiser=None), "a-2", refs) is None


def test_first_match_skips_ids_and_references_and_walks_lists_and_the_source() -> None:
    def has_x(text: str) -> bool:
        return "x" in text

    record = _record(id="x", partners=["x"], year=2017, name="a", aliases=["b", "x1"], source={"quote": "x2"})
    assert query.rows._first_match(record, has_x) == ("aliases", "x1")
    record = _record(id="x", organiser="x", name="a", source={"section": "2017", "quote": "x2"})
    assert query.rows._first_match(record, has_x) == ("source.quote", "x2")
    assert query.rows._first_match(_record(name="x0", aliases=["x1"]), has_x) == ("name", "x0")
    assert query.rows._first_match(_record(name="a", count=3, aliases=[None, 4]), has_x) is None


@pytest.mark.parametrize("text", ["", "   ", "?!"])
def test_search_for_no_words_is_a_usage_error(ds: Dataset, text: str) -> None:
    with pytest.raises(UsageError) as caught:
        query.search(ds, text)
    assert str(caught.value) == "give some text to search for"


# --------------------------------------------------------------------------- sections, tallies, programmes, topics


def test_sections_preface_and_citations(ds: Dataset) -> None:
    view = query.sections(ds)
    title = "Medellín nodo de conocimiento para el mundo — Special Report on Cooperation 2016, 2017, 2018"
    assert view.preface[:2] == (title, "Publisher: ACI Medellín · period 2016-2018 · language en")
    assert view.preface[2].startswith("Text of ACI Medellín's web page")
    assert view.table.title == "Sections"
    assert [r["section"] for r in view.table.rows] == ["introduction", "2016", "2017", "2018"]
    assert [r["year"] for r in view.table.rows] == [None, 2016, 2017, 2018]
    # the introduction prints no heading: its quote is the report's title; each block's heading as printed
    assert view.table.citations == (
        ("introduction", "Special Report on Cooperation 2016, 2017, 2018", None),
        ("2016", "Remarked cooperation actions", None),
        ("2017", "Remarked cooperation actions", None),
        ("2018", "Remarked cooperation actions", None),
    )


def test_tallies_of_a_year(ds: Dataset) -> None:
    view = query.tallies(ds, (2017, 2017))
    assert view.table.title == "Counts stated in the report"
    rows = {r["id"]: r for r in view.table.rows}
    # 2016's and 2018's own counts are out; the period's counts are not by year: apart
    assert list(rows) == ["2017-international-awards", "2017-par-projects"]
    (apart,) = view.extras
    assert isinstance(apart, Table)
    assert [(r["record"], r["period"]) for r in apart.rows] == [
        ("2016-2018-best-practices", "2016-2018, not by year"),
        ("2016-2018-south-south-projects", "not stated (report covers 2016-2018), not by year"),
    ]
    # "eight best practices were coordinated with Mexico, South Korea, France, the United States, the United
    # Kingdom, and Spain"
    practices = next(r for r in query.tallies(ds).table.rows if r["id"] == "2016-2018-best-practices")
    assert (practices["count"], practices["named_count"], practices["complete"]) == (8, 6, "no")
    assert practices["period"] == "2016-2018"
    assert rows["2017-par-projects"]["complete"] == "yes"  # "It benefited two projects ...": both named


def test_programme_preface_and_links(ds: Dataset) -> None:
    view = query.programme(ds, "PAR")
    assert view.preface == (  # the description and the note in one paragraph
        "Alliance for Reconciliation Program · PAR · program",
        "The U.S. cooperation action of 2017; it benefited two projects of the Medellín Mayor's Office. "
        "'PAR in Spanish': the acronym is that of the Spanish name, which the report does not print.",
    )
    # the 2017 action: "Alliance for Reconciliation Program (PAR in Spanish). It benefited two projects of the
    # Medellín Mayor's Office", and its own record, named in the 2017 block, its start not stated
    assert [(r["period"], r["record"]) for r in view.table.rows] == [
        ("2017", "actions"),
        ("2017 (start not stated)", "programmes"),
    ]
    # 2018 keeps only what is dated in it: nothing of PAR's
    assert [r["record"] for r in query.programme(ds, "PAR", (2018, 2018)).table.rows] == []
    view = query.programme(ds, "Medellín River Sanitation Program")
    river = next(g for g in ds["programmes"] if g["name"] == "Medellín River Sanitation Program")
    assert not river["note"] and view.preface[1] == river["description"]  # no note to join
    # "The Inter-American Development Bank, IDB, awarded EPM for its Medellín River Sanitation Program as one of
    # the 5 best practices in Latin America and the Caribbean": EPM's partner record quotes it, then the
    # programme's own record, the 2018 award and the 2018 count of best practices
    assert [(r["period"], r["record"], r["what"]) for r in view.table.rows] == [
        ("2018", "partners", "EPM"),  # named in the 2018 block
        ("2018", "awards", "One of the 5 best practices in Latin America and the Caribbean"),
        ("2018", "tallies", "5 best practices in Latin America and the Caribbean"),  # the count, as printed
        ("2018 (start not stated)", "programmes", "Medellín River Sanitation Program"),
    ]
    assert view.table.rows[1]["details"] == "EPM"


def test_programmes_list_their_links(ds: Dataset) -> None:
    view = query.programmes(ds)
    assert view.table.title == "Programmes and initiatives"
    rows = {r["id"]: r for r in view.table.rows}
    assert rows["sos-paisa"]["since"] == 2004  # "In 2004, another international cooperation strategy was born"
    assert rows["comprehensive-master-plan-for-mobility"]["actions"] == ["2016-korea-mobility-master-plan"]
    assert rows["semilleros-infantiles"]["awards"] == ["2018-unesco-educating-cities-mention"]
    assert rows["alliance-for-reconciliation-program"]["acronym"] == "PAR"


def test_topics_one_row_per_topic_in_printed_order(ds: Dataset) -> None:
    view = query.topics(ds)
    assert view.table.title == "Topics"
    rows = view.table.rows
    assert len(rows) == 7 + 5 + 7
    # "The topics they are interested the most are the following: urban planning, environment and mobility;
    # transformation; investment; peacebuilding, government and security; and economic development."
    interests = [(r["position"], r["topic"]) for r in rows if r["id"] == "delegation-interests"]
    assert interests == [
        (1, "urban planning, environment and mobility"),
        (2, "transformation"),
        (3, "investment"),
        (4, "peacebuilding, government and security"),
        (5, "economic development"),
    ]
    # the cooperation topics' sentence states no period ("mainly with those countries seeking allies ...")
    assert {r["period"] for r in rows if r["id"] != "cooperation-interests"} == {"2016-2018"}
    assert {r["period"] for r in rows if r["id"] == "cooperation-interests"} == {"not stated (report covers 2016-2018)"}


# --------------------------------------------------------------------------- every listing's rows


def _every_view(ds: Dataset) -> dict[str, View]:
    return {
        "summary": query.summary(ds),
        "awards": query.awards(ds),
        "milestones": query.milestones(ds),
        "actions": query.actions(ds),
        "events": query.events(ds),
        "visitors": query.visitors(ds),
        "partners": query.partners(ds),
        "partner": query.partner(ds, "IDB"),
        "years": query.years_view(ds),
        "search": query.search(ds, "Medellín"),
        "sections": query.sections(ds),
        "tallies": query.tallies(ds),
        "programmes": query.programmes(ds),
        "programme": query.programme(ds, "PAR"),
        "topics": query.topics(ds),
        "country": query.country(ds, "South Korea"),
        "countries": query.countries(ds),
    }


def test_every_row_holds_its_columns_in_order_and_has_a_citation(ds: Dataset) -> None:
    for name, view in _every_view(ds).items():
        keys = [c.key for c in view.table.columns]
        assert view.table.rows, name
        assert all(list(row) == keys for row in view.table.rows), name
        assert len(view.table.citations) == len(view.table.rows), name
        for extra in view.extras:
            if isinstance(extra, Table):
                assert all(list(row) == [c.key for c in extra.columns] for row in extra.rows), name


def test_programmes_say_how_their_year_is_known(ds: Dataset) -> None:
    rows = {r["id"]: r for r in query.programmes(ds).table.rows}
    # "In 2004, another international cooperation strategy was born ..., the Sos Paisa program"
    assert rows["sos-paisa"]["year_basis"] == "stated"
    assert rows["bancuadra"]["year_basis"] == "not stated"


def test_a_year_without_a_delegates_figure(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    edited["metrics"] = [m for m in ds["metrics"] if m["id"] != "delegates-2016"]
    row = query.years_view(edited, (2016, 2016)).table.rows[0]
    assert (row["delegates"], row["delegates_qualifier"], row["journalists"]) == (None, None, 250)


def test_a_section_without_a_printed_heading_is_cited_without_a_quote(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(s for s in edited["report"]["sections"] if s["id"] == "2016")["heading_as_printed"] = None
    citations = query.sections(edited).table.citations
    assert citations[0] == ("introduction", "Special Report on Cooperation 2016, 2017, 2018", None)
    assert citations[1] == ("2016", "", None)  # only the introduction is cited by the report's title


def test_partners_add_up_links_of_one_kind_and_show_the_kind(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(e for e in edited["events"] if e["id"] == "2016-world-cities-summit")["organiser"] = "idb"
    rows = {r["id"]: r for r in query.partners(edited).table.rows}
    assert rows["idb"]["events"] == 2  # its own forum of mayors (2018) and, so edited, a summit
    assert rows["idb"]["kind"] == "multilateral bank"
    assert rows["bloomberg-philanthropies"]["name_corrected"] == "Bloomberg Philanthropies"  # printed "Philanthropy"


def test_tallies_say_what_the_named_items_are(ds: Dataset) -> None:
    rows = {r["id"]: r for r in query.tallies(ds).table.rows}
    # "eight best practices were coordinated with Mexico, South Korea, ...": the items named are countries
    assert rows["2016-2018-best-practices"]["named_what"] == "countries"
    assert rows["2016-international-awards"]["named_what"] == "awards"


def test_a_milestone_without_a_note_has_no_details_in_the_partner_view(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(m for m in edited["milestones"] if m["id"] == "2017-unesco-learning-cities-network")["note"] = None
    rows = query.partner(edited, "UNESCO").table.rows
    assert [(r["record"], r["details"]) for r in rows if r["year"] == 2017] == [("milestones", None)]


def test_a_count_of_awards_that_names_several() -> None:
    assert query.rows._tally_text(4, "awards", "awards", ["A", "B"]) == "4 awards, 2 named: A, B"
    assert query.rows._tally_text(4, "awards", "awards", ["A"]) == "4 awards, 1 named: A"
    assert (
        query.rows._tally_text(6, "awards", "recipients", ["X", "Y"]) == "6 awards, none named; recipients named: X, Y"
    )


def test_awards_keep_a_count_dated_in_the_years(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(t for t in edited["tallies"] if t["id"] == "2016-international-awards")["period_end"] = 2017
    for years in ((2016, 2016), (2017, 2017)):  # a count of 2016-2017 is in neither year alone
        stated = query.awards(edited, years).extras[0]
        assert isinstance(stated, Table)
        assert "2016-2017" not in [r["period"] for r in stated.rows], years
    stated = query.awards(edited, (2016, 2017)).extras[0]
    assert isinstance(stated, Table) and stated.rows[0]["period"] == "2016-2017"
    assert query.awards(ds, (2016, 2016)).table.rows[0]["name_corrected"] == "Lee Kuan Yew World City Prize 2016"


def test_countries_count_what_is_dated_in_the_years(ds: Dataset) -> None:
    counts = _counts(query.countries(ds, (2018, 2018)))
    assert counts["FR"] == (0, 0, 0, 0, 0, 1, 0, 0, 1)  # Gautier Mignot (2018); the 2016-2018 roles are apart


def test_events_and_visitors_name_their_organisations(ds: Dataset) -> None:
    events = {r["id"]: r for r in query.events(ds).table.rows}
    # "IDB's III Ibero-American Forum of Mayors (Argentina)"
    assert events["2018-idb-forum-of-mayors"]["organiser"] == "Inter-American Development Bank"
    assert events["2018-world-cities-summit"]["organiser"] is None
    assert events["2017-learning-cities-conference"]["city"] == "Cork"  # "held in Cork, Ireland"
    visitors = {r["id"]: r for r in query.visitors(ds).table.rows}
    # "Senior Vice President of the World Bank, Mahmoud Mohieldin"
    assert visitors["2017-mahmoud-mohieldin"]["organisation"] == "World Bank"
    assert visitors["2016-anne-hidalgo"]["organisation"] is None
    assert visitors["2017-christopher-grayling"]["title_corrected"] == "Secretary of State for Transport (2016–2019)"
