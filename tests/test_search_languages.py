"""search in both languages: a Spanish word finds the records whose English (the report's text,
the editors' words) or Spanish (the editors' translation) text says it; the rows are the same
in both languages; no hit is said in a sentence."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from .conftest import ROOT, SOURCE

DATA = json.loads((ROOT / "data" / "medcoop.json").read_text(encoding="utf-8"))
SPANISH = json.loads((ROOT / "data" / "medcoop.es.json").read_text(encoding="utf-8"))["records"]


def _found(run, *args: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    result = run("search", *args, "-f", "csv")
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


def _ids(run, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["id"] for row in _found(run, *args)}


def test_paz_finds_the_records_about_peace(run) -> None:  # type: ignore[no-untyped-def]
    """The report speaks of peace three times: 'peacebuilding' in two topic lists and 'the
    consolidation of peace' in Canada's action (checked in the source text)."""
    if SOURCE.exists():
        text = SOURCE.read_text(encoding="utf-8")
        assert text.count("peacebuilding") == 2 and "consolidation of peace" in text
    assert _ids(run, "paz") == {"cooperation-interests", "delegation-interests", "2016-canada-inclusive-growth"}
    assert _ids(run, "PAZ") == _ids(run, "paz") == _ids(run, "peace")


@pytest.mark.parametrize(("spanish", "english"), [("movilidad", "mobility"), ("premio", "award")])
def test_a_spanish_word_finds_what_its_english_finds(run, spanish: str, english: str) -> None:  # type: ignore[no-untyped-def]
    assert _ids(run, english) <= _ids(run, spanish)
    assert _ids(run, english)


def test_alcalde_finds_every_mayor_and_no_false_friend(run) -> None:  # type: ignore[no-untyped-def]
    """Every visitor whose printed title says Mayor, not the figure whose Spanish label says
    'Mayor monto' (the largest amount)."""
    mayors = {v["id"] for v in DATA["visitors"] if "Mayor" in v["title"]}
    assert len(mayors) == 4
    found = _ids(run, "alcalde")
    assert mayors <= found
    assert "record-cooperation-amount-2018" not in found
    assert SPANISH["metrics"]["record-cooperation-amount-2018"]["label"].startswith("Mayor monto")


def test_words_only_the_spanish_translation_says(run) -> None:  # type: ignore[no-untyped-def]
    """'gota a gota' is only in the editors' translation of Bancuadra's description: found, and the
    row carries the English text (CSV and JSON do not change with the language)."""
    english = next(p for p in DATA["programmes"] if p["id"] == "bancuadra")["description"]
    assert "gota" not in english and "gota a gota" in SPANISH["programmes"]["bancuadra"]["description"]
    (row,) = _found(run, "gota a gota")
    assert (row["id"], row["field"], row["text"], row["editorial"]) == ("bancuadra", "description", english, "text")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
@pytest.mark.parametrize("word", ["paz", "movilidad", "alcalde", "premio", "gota"])
def test_search_rows_are_the_same_in_both_languages(run, fmt: str, word: str) -> None:  # type: ignore[no-untyped-def]
    english = run("--lang", "en", "search", word, "-f", fmt)
    spanish = run("--lang", "es", "search", word, "-f", fmt)
    assert english.code == spanish.code == 0
    assert english.out == spanish.out
    assert "bancuadra" in english.out if word == "gota" else english.out.count("\n") > 2


def test_the_spanish_view_shows_the_translation(run) -> None:  # type: ignore[no-untyped-def]
    out = run("--lang", "es", "search", "paz").out
    assert "Crecimiento económico inclusivo y apoyo a la consolidación de la paz †" in out
    assert "peacebuilding" in out  # the report's words, as printed


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "No record contains 'xyz'."),
        ("es", "Ningún registro contiene 'xyz'. El texto propio del informe está en inglés"),
    ],
)
def test_no_hit_is_said_in_a_sentence(run, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    result = run("--lang", lang, "search", "xyz")
    assert result.code == 0
    assert expected in " ".join(result.out.split())
    assert "Sin filas" not in result.out and "No rows" not in result.out


def test_markdown_and_html_say_no_hit_too(run) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("markdown", "html"):
        out: Any = run("--lang", "es", "search", "xyz", "-f", fmt).out
        assert "Ningún registro contiene" in " ".join(out.split()), fmt


def _every_word() -> list[str]:
    """Words of the shipped dataset's texts as printed (every other one, and every one with
    accents, points or signs), starts of words, and queries of two words."""
    import re

    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(DATA)
    from medcoop.names import fold

    printed = {fold(w): w for t in texts for w in re.findall(r"[^\s,;:()“”\"]+", t) if fold(w)}  # one per fold
    words = sorted(printed.values())
    odd = [w for w in words if not w.isascii() or "." in w or not w.isalnum()]  # accents, points, signs
    starts = [w[:3] for w in words[::7]]
    return [*words[::2], *odd, *starts, "Medellín LAB", "korea south", "U.S. dollars", "medellin", "PAR"]


def test_a_record_ruled_out_before_its_texts_are_folded_never_matches() -> None:
    """search passes over a record none of whose strings holds the first word of the query (or
    of an alternative) in its ASCII letters, before folding them, and searches the others' folded
    strings at once (rows._may_match): for every word of the dataset, as printed and in starts
    and pairs, the rows are those of matching every string of every record, one by one."""
    from medcoop import dataset, query
    from medcoop.query import searching

    ds = dataset.load()
    words = _every_word()
    assert len(words) > 500
    for word in words:
        fast = query.search(ds, word).table.rows
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(searching, "_may_match", lambda *_args: True)
            assert query.search(ds, word).table.rows == fast, word


def test_every_ascii_word_of_a_folded_text_is_in_its_ascii_letters() -> None:
    import hypothesis
    from hypothesis import strategies as st

    from medcoop.names import ascii_letters, fold

    @hypothesis.given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
    @hypothesis.settings(max_examples=2_000, deadline=None)
    def holds(text: str) -> None:
        letters = ascii_letters(text)
        for word in fold(text).split():
            if word.isascii():
                assert word in letters, (text, word)

    holds()
    assert ascii_letters("Medellín, U.S. ŒUVRE ﬁ") == "medellin, us uvre fi"  # œ has no ASCII letters
