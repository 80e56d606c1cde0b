"""What a row says a record is, where a view names a record ("metric: ...", "awards: ...", in the
country, partner and programme views): in the run's language, the editors' words in Spanish where
they have it; a count with its number and what it counts; a mention as a mention, not an award.

Expected texts are read from the source text (../shared/seed) or written by hand from it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from medcoop import i18n, query, translations
from medcoop.i18n import shown
from medcoop.provenance import normalise
from medcoop.query.rows import COLLECTIONS, _title
from medcoop.records import Dataset

LANGS = ("en", "es")


def _report_words(ds: Dataset) -> list[str]:
    """Every quote and passage of the report the dataset holds, longest first."""
    texts: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if set(node) == {"section", "quote"}:
                texts.add(node["quote"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ds)
    texts.update(a["details"] for a in ds["actions"])
    return sorted(texts, key=len, reverse=True)


def _editors_words(ds: Dataset) -> Iterator[tuple[str, str, str, str, str]]:
    """(collection, id, field, English, Spanish) of every field of the editors' words whose
    Spanish differs from its English."""
    table = translations.table_for(ds)
    for collection, record, field, english in translations.required(ds):
        spanish = table.get(collection, {}).get(translations.key(record), {}).get(field)
        if spanish and spanish != english:
            yield collection, translations.key(record), field, english, spanish


# --------------------------------------------------------------------------- the rule, kind by kind


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(COLLECTIONS))
def test_what_names_a_record_of_every_kind_is_in_the_runs_language(ds: Dataset, kind: str, lang: str) -> None:
    i18n.use(lang)
    records = ds[COLLECTIONS[kind]]  # type: ignore[literal-required]
    assert records, kind
    for record in records:
        field, title = _title(kind, record)
        people = shown(title)
        assert field in record and people, (kind, record)
        spanish = translations.spanish(record, field)
        english = record[field]
        if spanish and spanish != english:  # the editors' words: Spanish under Spanish, English under English
            assert (spanish in people) == (lang == "es") and (english in people) == (lang == "en"), people


def test_the_rule_sees_the_editors_words_of_several_kinds(ds: Dataset) -> None:
    """The loop above has something to check: titles with a Spanish translation, of several kinds."""
    translated = {
        kind
        for kind, collection in COLLECTIONS.items()
        for record in ds[collection]  # type: ignore[literal-required]
        if translations.spanish(record, _title(kind, record)[0])
    }
    assert {"metric", "action", "topics", "milestone"} <= translated


# --------------------------------------------------------------------------- every door that names a record


def _doors(ds: Dataset) -> Iterator[tuple[str, Any]]:
    for c in ds["countries"]:
        yield f"country {c['a2']}", query.country(ds, c["a2"])
    for o in ds["organisations"]:
        yield f"partner {o['name']}", query.partner(ds, o["name"])
    for g in ds["programmes"]:
        yield f"programme {g['id']}", query.programme(ds, g["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_no_view_of_a_country_partner_or_programme_leaves_the_editors_words_in_the_other_language(
    ds: Dataset, lang: str
) -> None:
    """`--lang es country CO` said "cifra: International cooperation received by the city", `--lang es
    partner "ACI Medellín"` two figures' English labels, `partner "Secretariat of Economic Development"`
    an action's English summary: every cell of these views, the report's quotes and passages set aside,
    holds the editors' words in the run's language only."""
    i18n.use(lang)
    report = _report_words(ds)
    words = list(_editors_words(ds))
    problems = []
    for door, view in _doors(ds):
        for row in view.table.rows:
            for column, cell in row.items():
                if not isinstance(cell, str):
                    continue
                text = shown(cell)
                for quote in report:
                    text = text.replace(quote, "")
                for collection, rid, field, english, spanish in words:
                    if (english if lang == "es" else spanish) in text:
                        problems.append((door, column, f"{collection}[{rid}].{field}", shown(cell)))
    assert problems == []


def test_a_colombian_sentence_names_its_figure_in_spanish(run) -> None:  # type: ignore[no-untyped-def]
    # "Hence, during the last three years, 30 million U.S. dollars have arrived in the city ... other cities
    # of the country": the figure, named in Colombia's view, by its Spanish label (data/medcoop.es.json)
    out = run("--lang", "es", "country", "CO", "-f", "markdown").out
    assert "cifra: Cooperación internacional recibida por la ciudad" in out
    assert "International cooperation received by the city" not in out


# --------------------------------------------------------------------------- counts and mentions


def _programme(ds: Dataset, name: str, record: str) -> list[str]:
    return [shown(r["what"]) for r in query.programme(ds, name).table.rows if r["record"] == record]


@pytest.mark.parametrize("lang", LANGS)
def test_a_programmes_count_says_its_number_and_what_it_counts(ds: Dataset, source_text: str, lang: str) -> None:
    # "awarded EPM for its Medellín River Sanitation Program as one of the 5 best practices in Latin America
    # and the Caribbean": the count and what it counts, as printed (the report's words stay English)
    assert "one of the 5 best practices in Latin America and the Caribbean" in source_text
    i18n.use(lang)
    assert _programme(ds, "Medellín River Sanitation Program", "tallies") == [
        "5 best practices in Latin America and the Caribbean"
    ]


@pytest.mark.parametrize(
    ("lang", "mention", "body"), [("en", "mention", "awarding body"), ("es", "mención", "entidad que otorga")]
)
def test_a_programmes_mention_is_not_shown_as_an_award(
    ds: Dataset, source_text: str, lang: str, mention: str, body: str
) -> None:
    # "In 2018, the Semilleros Infantiles de Participación Ciudadana program received a mention in the UNESCO
    # Educating Cities Award": listed with the awards and mentions, said to be a mention
    assert "program received a mention in the UNESCO Educating Cities Award" in source_text
    i18n.use(lang)
    assert _programme(ds, "Semilleros", "awards") == [f"UNESCO Educating Cities Award ({mention})"]
    unesco = [shown(r["what"]) for r in query.partner(ds, "UNESCO").table.rows if r["record"] == "awards"]
    assert unesco == [f"{body}: UNESCO Educating Cities Award ({mention})"]  # and UNESCO's view, the same


def test_every_count_and_every_award_that_is_not_one_says_so(ds: Dataset) -> None:
    """In every language, a count's row starts with its number; an award's says its kind unless it is an award."""
    for lang in LANGS:
        i18n.use(lang)
        for t in ds["tallies"]:
            assert shown(_title("tally", t)[1]) == f"{i18n.number(t['count'])} {t['counted']}"
            assert normalise(t["counted"]) in normalise(t["source"]["quote"])  # what it counts, as printed
        for w in ds["awards"]:
            title = shown(_title("award", w)[1])
            kind = shown(i18n.Msg(w["kind"]))
            assert title == (w["name"] if w["kind"] == "award" else f"{w['name']} ({kind})")


# --------------------------------------------------------------------------- one word for one thing


def test_a_figures_unit_is_the_word_its_spanish_label_uses(ds: Dataset) -> None:
    """`--lang es programme sos-paisa` said "Aportes ...: 40 contribuciones" and "Encuentros ...: 19
    reuniones": the unit of every headline figure, and every unit a label names, is the same word in
    the Spanish label as in the value ("aportes", "encuentros", as medcoop.words searches them)."""
    i18n.use("es")
    units = {m["unit"] for m in ds["metrics"]} - {"USD"}
    checked = 0
    for m in ds["metrics"]:
        spanish = (translations.spanish(m, "label") or "").casefold()
        for unit in units:
            if unit.casefold() in m["label"].casefold():
                assert i18n._(unit).casefold() in spanish, (m["id"], unit, i18n._(unit), spanish)
                checked += 1
    assert checked >= len(ds["metrics"]) - 2  # all but the two amounts in USD name their unit


def test_sos_paisas_figures_in_spanish(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    # "In the last three years, it has coordinated 40 contributions and 19 meetings in 12 countries"
    assert "40 contributions and 19 meetings in 12 countries" in source_text
    out = run("--lang", "es", "programme", "Sos Paisa", "-f", "markdown").out
    for figure in ("Sos Paisa: 40 aportes", "Sos Paisa: 19 encuentros", "Sos Paisa: 12 países"):
        assert figure in out
    assert "contribuciones" not in out and "reuniones" not in out
