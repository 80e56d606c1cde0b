"""Every organisation the report names is found by `partner NAME`, through the rows of the
records that link it and of those that only name it; and an action's organisations are shown
by side: Medellín's own bodies are never a foreign country's partners."""

from __future__ import annotations

import json

import pytest

from medcoop import dataset

DS = dataset.load()
ORGS = {o["id"]: o for o in DS["organisations"]}


def _json(run, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.mark.parametrize("oid", sorted(ORGS))
def test_every_organisation_has_the_rows_of_the_sentences_that_name_it(run, oid: str) -> None:  # type: ignore[no-untyped-def]
    org = ORGS[oid]
    rows = _json(run, "partner", org["name_corrected"] or org["name"])
    assert rows, oid
    counts = {p["id"]: p for p in _json(run, "partners")}[oid]
    named = [r for r in rows if r["record"] == "named_in_sentence"]
    assert counts["named_in_sentence"] == len(named)


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("ACI", "ACI Medellín"),
        ("ACI Medellín", "ACI Medellín"),
        ("Secretariat of Economic Development", "Secretariat of Economic Development"),
    ],
)
def test_a_partner_only_named_in_a_sentence_is_found_there(run, source_text: str, name: str, printed: str) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, "partner", name)
    assert rows
    for row in rows:
        assert row["record"] == "named_in_sentence"
        details = str(row["details"])
        assert printed in details.replace("’", "'") or printed in details
        assert _flat(details) in _flat(source_text)  # the report's words, as printed


def test_aci_is_named_in_two_sentences_of_the_introduction(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    # "the highest cooperation amount in ACI Medellín’s history" (2018) and "134 delegations ... visited
    # ACI Medellín" (2016-2018: no one year)
    assert source_text.count("ACI Medellín") == 2
    rows = _json(run, "partner", "ACI")
    assert [r["year"] for r in rows] == [2018, None]
    assert _json(run, "partner", "ACI", "--year", "2017") == []


def test_medellins_own_bodies_are_never_a_foreign_countrys_partners(run) -> None:  # type: ignore[no-untyped-def]
    home = {o["name_corrected"] or o["name"] for o in ORGS.values() if o["country"] == "CO"}
    seen = 0
    for c in DS["countries"]:
        for row in _json(run, "country", c["a2"]):
            for part in str(row["details"] or "").split("; "):
                if part.startswith("partners: "):
                    seen += 1
                    named = set(part.removeprefix("partners: ").split(", "))
                    assert not named & home or c["a2"] == "CO", (c["a2"], part)
    assert seen == 4  # the actions of Canada, Argentina (Mercociudades, Santa Fe), Spain and Korea (MOLIT)


def test_the_house_of_memory_museum_is_medellins_side_of_the_spanish_exchange(run) -> None:  # type: ignore[no-untyped-def]
    (row,) = [r for r in _json(run, "country", "Spain") if "House of Memory" in str(r["what"])]
    assert "partners: Madrid City Council; Medellín's side: House of Memory Museum" in str(row["details"])


@pytest.mark.parametrize("args", [["partner", "PAR"], ["actions", "--partner", "PAR"]])
def test_a_programme_named_as_a_partner_points_to_it_through_every_door(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err == "medcoop: error: 'PAR' is a programme, not a partner: see 'medcoop programme PAR'\n"


def test_a_sentence_naming_an_organisation_is_found_by_each_of_its_names() -> None:
    """The records that name an organisation only in their sentence are found by scanning each
    text once for the first words of every name (organisations._named_org_mentions): the same as
    trying every name's pattern on every text, for sentences made to name every organisation by
    each of its names, in the middle of other words."""
    import copy

    from medcoop.names import fold, word_pattern
    from medcoop.query import organisations

    ds = copy.deepcopy(dataset.load())
    names = [(o["id"], n) for o in ds["organisations"] for n in sorted({*organisations._org_names(o)})]
    records = [r for key in ("awards", "events", "milestones", "visitors") for r in ds[key]]  # type: ignore[literal-required]
    for i, record in enumerate(records):
        chosen = [names[(i * 3 + k) % len(names)][1] for k in range(3)]
        record["source"] = {**record["source"], "quote": f"As said by {chosen[0]}, and with {chosen[1]}; {chosen[2]}."}
    found = {(oid, record_quote) for oid, _y, _k, _w, _n, record_quote in (
        (m[0], m[1], m[2], m[3], m[4], m[5]["quote"]) for m in organisations._named_org_mentions(ds)
    )}
    for record in records:
        quote = record["source"]["quote"]
        linked = {ref for name in organisations._REF_FIELDS for ref in organisations._refs(record.get(name))}
        for o in ds["organisations"]:
            patterns = [p for p in map(word_pattern, {*organisations._org_names(o)}) if p is not None]
            if o["id"] in linked or not any(p.search(fold(quote)) for p in patterns):
                continue
            if any((o["id"], quote) == pair for pair in found):
                continue
            # not found: only a sentence some record that links the organisation also has may be passed over
            assert any(quote == r["source"]["quote"] for r in records if o["id"] in {
                ref for name in organisations._REF_FIELDS for ref in organisations._refs(r.get(name))
            }), (o["id"], quote)
