"""The dataset held against the source text (../shared/seed), never against itself.

Skips where ../shared is absent (a user's fresh clone).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from medcoop import dataset

END_OF_REPORT = "Leave a Reply"


def norm(text: str) -> str:
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def report(source_text: str) -> str:
    assert END_OF_REPORT in source_text
    return source_text.split(END_OF_REPORT)[0]


@pytest.fixture
def blocks(report: str) -> dict[str, str]:
    """introduction, then the three 'Remarked cooperation actions' blocks: 2016, 2017, 2018."""
    parts = report.split("Remarked cooperation actions")
    assert len(parts) == 4
    return dict(zip(["introduction", "2016", "2017", "2018"], parts, strict=True))


def sources(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, str]]]:
    if isinstance(node, dict):
        if set(node) == {"section", "quote"}:
            yield path, node
        for key, value in node.items():
            yield from sources(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from sources(value, f"{path}[{i}]")


def raw() -> dict[str, Any]:
    return json.loads(dataset.default_path().read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_every_record_has_provenance() -> None:
    data = raw()
    for name, records in data.items():
        if isinstance(records, list):
            for record in records:
                assert set(record["source"]) == {"section", "quote"}, (name, record)


def test_every_quote_is_verbatim_in_its_section(blocks: dict[str, str]) -> None:
    found = list(sources(raw()))
    assert len(found) > 100
    for path, src in found:
        assert norm(src["quote"]) in norm(blocks[src["section"]]), (path, src)
        assert len(src["quote"]) <= 400, f"{path}: a citation, not a paragraph"


def test_nothing_comes_from_the_comment_form(source_text: str) -> None:
    form = norm(END_OF_REPORT + source_text.split(END_OF_REPORT)[1])
    text = json.dumps(raw(), ensure_ascii=False)
    for phrase in ("Leave a Reply", "email address", "HTML tags", "blockquote"):
        assert phrase in form and phrase not in text


def test_every_number_in_the_report_is_transcribed(report: str) -> None:
    """Each figure printed in the report appears in the dataset outside the quotes."""
    data = raw()
    for _, src in sources(data):
        src["quote"] = ""
    text = json.dumps(data, ensure_ascii=False)
    values = {str(v) for v in re.findall(r'(?<=": )\d+', text)}
    numbers = set(re.findall(r"\d+(?:[.,]\d+)*", report))
    assert {"503", "57", "134", "1,500", "12.5", "2004"} <= numbers
    for number in sorted(numbers):
        plain = number.replace(",", "")
        as_value = plain if "." not in plain else str(int(float(plain) * 1_000_000))
        assert as_value in values or number in text, number


def test_delegates_and_journalists_per_year(blocks: dict[str, str]) -> None:
    ds = dataset.load()
    for year in ("2016", "2017", "2018"):
        match = re.search(r"(more than )?([\d,]+) delegates and ([\d,]+) journalists", blocks[year])
        assert match, year
        by_measure = {m["measure"]: m for m in ds["metrics"] if m["period_start"] == m["period_end"] == int(year)}
        assert by_measure["delegates"]["value"] == int(match.group(2).replace(",", ""))
        assert by_measure["journalists"]["value"] == int(match.group(3).replace(",", ""))
        assert (by_measure["delegates"]["qualifier"] == "more than") == bool(match.group(1))


def _action_headings(block: str) -> list[str]:
    """'Heading:' at the start of each action paragraph, before the bullets; plus the
    'Sweden:' action printed inside the U.S. paragraph."""
    head = block.split("\u2022")[0]
    headings = []
    for paragraph in head.split("\n"):
        match = re.match(r"\s*([^:\n]{2,60}):\s+\S", paragraph)
        if match:
            headings.append(match.group(1).strip())
        headings += re.findall(r"\. (Sweden): ", paragraph)
    return headings


def test_actions_per_year_match_the_source(blocks: dict[str, str]) -> None:
    ds = dataset.load()
    for year in ("2016", "2017", "2018"):
        expected = _action_headings(blocks[year])
        got = [a["heading_as_printed"] for a in ds["actions"] if a["year"] == int(year)]
        assert got == expected, year
    assert sum(1 for _ in ds["actions"]) == 10


def test_amounts_are_the_ones_printed(report: str) -> None:
    ds = dataset.load()
    assert re.search(r"30 million U\.S\. dollars", report)
    assert re.search(r"12\.5 million U\.S\. dollars", report) and "USD 12.5 million" in report
    stated = {a["id"]: a["amount_usd"] for a in ds["actions"] if a["amount_usd"] is not None}
    assert stated == {"2018-korea-molit-smart-mobility": 12_500_000}
    usd = {m["id"]: m["value"] for m in ds["metrics"] if m["unit"] == "USD"}
    assert usd == {"cooperation-received-2016-2018": 30_000_000, "record-cooperation-amount-2018": 12_500_000}


def test_names_are_printed_as_in_the_source(report: str) -> None:
    ds = dataset.load()
    text = norm(report)
    for o in ds["organisations"]:
        assert norm(o["name"]) in text, o["name"]
    for v in ds["visitors"]:
        assert norm(v["name"]) in text and norm(v["title"]) in text, v["name"]
    for c in ds["countries"]:
        for printed in c["printed_as"]:
            assert printed in text, printed
    for e in ds["events"]:
        assert norm(e["name"]) in text, e["name"]


def test_spelling_corrections_are_kept_beside_the_printed_form() -> None:
    ds = dataset.load()
    corrected = {v["name"]: v["name_corrected"] for v in ds["visitors"] if v["name_corrected"]}
    assert corrected == {
        "Paula Lehtomamaki": "Paula Lehtomäki",
        "Read Jea Su": "Lee Jae-soo",
        "Oscar Stentsön": "Oscar Stenström",
    }
    assert all(v["correction_basis"] for v in ds["visitors"] if v["name_corrected"] or v["title_corrected"])
    bloomberg = next(o for o in ds["organisations"] if o["id"] == "bloomberg-philanthropies")
    assert (bloomberg["name"], bloomberg["name_corrected"]) == ("Bloomberg Philanthropy", "Bloomberg Philanthropies")
    grenada = next(c for c in ds["countries"] if c["a2"] == "GD")
    assert grenada["printed_as"] == ["Granada"] and grenada["note"]


def test_south_south_list_and_top_senders(report: str) -> None:
    ds = dataset.load()
    listed = re.search(r"countries such as: (.*?)\.", report)
    assert listed
    names = [n.strip() for n in re.split(r",| and ", listed.group(1)) if n.strip()]
    roles = [r["printed_as"] for r in ds["country_roles"] if r["role"] == "south_south_partner"]
    assert roles == names and len(names) == 15
    tally = next(t for t in ds["tallies"] if t["id"] == "2016-2018-south-south-projects")
    assert (tally["count"], tally["named"], tally["complete"]) == (17, names, False)
    senders = re.search(r"(The United States, .*?) have sent the largest number", report)
    assert senders
    printed = [n.strip() for n in re.split(r",| and ", senders.group(1)) if n.strip()]
    assert [r["printed_as"] for r in ds["country_roles"] if r["role"] == "top_mission_sender"] == printed


def test_counts_with_few_items_named_stay_counts(report: str) -> None:
    ds = dataset.load()
    assert "Four international awards for the city, including the 2016 Lee Kuan Yew Award" in report
    assert "Six international awards for initiatives" in report
    by_id = {t["id"]: t for t in ds["tallies"]}
    assert (by_id["2016-international-awards"]["count"], len(by_id["2016-international-awards"]["named"])) == (4, 1)
    assert (by_id["2017-international-awards"]["count"], by_id["2017-international-awards"]["named_what"]) == (
        6,
        "recipients",
    )
    # no placeholder award records were made up to reach the counts
    assert [w["year"] for w in ds["awards"]].count(2016) == 1
    assert [w for w in ds["awards"] if w["year"] == 2017] == []
    assert [(m["year"], m["kind"]) for m in ds["milestones"] if m["year"] == 2017] == [(2017, "membership")]


def test_section_years_are_inferred_with_a_basis(report: str) -> None:
    ds = dataset.load()
    assert not re.search(r"^\s*201[678]\s*$", report, re.MULTILINE), "the source has no year headings"
    for section in ds["report"]["sections"][1:]:
        assert section["year_basis"] == "inferred" and section["basis"]
    assert "2016 Lee Kuan Yew Award" in (ds["report"]["sections"][1]["basis"] or "").replace("'", "")


# --------------------------------------------------------------------------- where each value comes from


def loose(text: str) -> str:
    """norm(), case folded, without the spaces inside brackets and before punctuation that the
    captured page has ('TIF ( Tax', 'Guyana , Argentina'): medcoop.provenance's comparison,
    written again here so that the test does not take the program's word for it."""
    return re.sub(r"(?<=[(\[]) | (?=[)\],;:.])", "", norm(text)).casefold()


def _texts(value: object) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def test_every_value_not_in_the_source_is_declared_or_has_a_basis(report: str) -> None:
    """The general rule: a text value that the record's quote does not hold, nor the report,
    is in a field declared as no claim of the report (an identifier, the editors' words, a
    public record, an ISO name), or carries a basis other than 'printed'."""
    from medcoop.provenance import FIELDS, IDENTIFIER, PER_VALUE

    data, text = raw(), loose(report)
    unexplained = []
    for name, records in data.items():
        if not isinstance(records, list):
            continue
        for record in records:
            quote = loose(record["source"]["quote"])
            for field, value in record.items():
                if field == "source":
                    continue
                kind = FIELDS[name].get(field)
                if kind is None:  # a number, a flag: no text to declare
                    assert not _texts(value), f"{name}.{field} holds text and is not in medcoop.provenance.FIELDS"
                    continue
                for item in _texts(value):
                    if loose(item) in quote or loose(item) in text or kind not in ("printed", "passage", "in report"):
                        continue
                    unexplained.append(f"{name}.{field}: {item!r}")
                if kind == PER_VALUE and value is not None:
                    basis = record.get(f"{field}_basis")
                    if basis is None:
                        unexplained.append(f"{name}.{field}: {value!r} has no basis")
                    elif basis == "printed" and field != "country" and loose(value) not in quote:
                        unexplained.append(f"{name}.{field}: {value!r} is said printed, not in {quote!r}")
                assert kind != IDENTIFIER or not isinstance(value, str) or len(value) < 60, f"{name}.{field}: text"
    assert unexplained == []


def test_printed_values_stand_in_their_quote_and_section(blocks: dict[str, str], report: str) -> None:
    """Each value of a field declared printed is in its record's quote (or its passage, an
    action's details) and in that section of the source text; a passage is in its section;
    a spelling is in the report."""
    from medcoop.provenance import FIELDS, IN_REPORT, PASSAGE, PRINTED

    data, checked, problems = raw(), 0, []
    for name, fields in FIELDS.items():
        passages = [f for f, kind in fields.items() if kind == PASSAGE]
        for record in data[name]:
            section = loose(blocks[record["source"]["section"]])
            own = [loose(record["source"]["quote"]), *(loose(record[f]) for f in passages)]
            for field, kind in fields.items():
                for item in _texts(record[field]):
                    where = f"{name}.{field}: {item!r}"
                    if kind == PRINTED:
                        if not any(loose(item) in t for t in own):
                            problems.append(f"{where} is not in its quote")
                        if loose(item) not in section:
                            problems.append(f"{where} is not in section {record['source']['section']}")
                    elif kind == PASSAGE and loose(item) not in section:
                        problems.append(f"{where} is not in its section")
                    elif kind == IN_REPORT and loose(item) not in loose(report):
                        problems.append(f"{where} is not in the report")
                    checked += kind in (PRINTED, PASSAGE, IN_REPORT)
    assert problems == []
    assert checked > 200


def test_visitors_countries_printed_are_named_in_the_quote() -> None:
    data = raw()
    names = {c["a2"]: [c["name_en"], *c["printed_as"]] for c in data["countries"]}
    for v in data["visitors"]:
        if v["country_basis"] == "printed":
            assert any(n in v["source"]["quote"] for n in names[v["country"]]), v["id"]


# --------------------------------------------------------------------------- programmes and their actions


def _names_programme(text: str, programme: dict[str, Any]) -> bool:
    names = [n for n in (programme["name"], programme["acronym"], *programme["aliases"]) if n]
    return any(re.search(rf"(?<!\w){re.escape(loose(n))}(?!\w)", loose(text)) for n in names)


def test_every_action_and_award_whose_words_name_a_programme_is_linked_to_it(report: str) -> None:
    """A programme's actions and awards are exactly those whose sentence (an action's quote and
    passage; an award's quote and recipient, as the source prints them) names it by its name,
    acronym or alias: no exception."""
    data, text = raw(), loose(report)
    linked = 0
    for g in data["programmes"]:
        for collection, fields, links in (
            ("actions", ("details",), g["actions"]),
            ("awards", ("name", "recipient"), g["awards"]),
        ):
            for record in data[collection]:
                words = [record["source"]["quote"], *(record[f] for f in fields)]
                assert all(loose(w) in text for w in words), record["id"]
                named = any(_names_programme(w, g) for w in words)
                assert named == (record["id"] in links), (g["id"], record["id"], named)
                linked += named
    assert linked == 6  # four programmes' actions, two programmes' awards


def test_bancuadras_action_is_bloombergs(report: str) -> None:
    # "Bloomberg Philanthropy: This technical and financial cooperation action aimed to develop the Bancuadra
    # project of the Bank of Opportunities"
    assert "Bloomberg Philanthropy: This technical and financial cooperation action aimed to develop the Bancuadra" in (
        norm(report)
    )
    data = raw()
    bancuadra = next(g for g in data["programmes"] if g["id"] == "bancuadra")
    (action,) = (a for a in data["actions"] if a["id"] in bancuadra["actions"])
    assert action["heading_as_printed"] == "Bloomberg Philanthropy"
    assert action["partners"] == ["bloomberg-philanthropies"]
