"""The report's text shipped for the fact sheet's sources, and the whole sentence of a quote."""

from __future__ import annotations

from medcoop import sentences


def test_shipped_text_is_the_report_as_captured(source_text: str) -> None:
    """medcoop/data/report.txt is the source text up to the web page's comment form."""
    report = source_text.split("Leave a Reply")[0]
    assert sentences.TEXT_FILE.read_text(encoding="utf-8").rstrip() == report.rstrip()


def test_a_phrase_gives_its_whole_sentence() -> None:
    assert sentences.sentence_of("introduction", "Brazil, Argentina, Mexico") == (
        "The United States, Brazil, Argentina, Mexico, and France have sent the largest number of government "
        "and business missions to Medellín during the last three years."
    )


def test_a_quote_over_two_sentences_gives_both_and_a_closing_quote_ends_one() -> None:
    both = sentences.sentence_of("2017", "(PAR in Spanish). It benefited two projects")
    assert both.startswith("U.S.: Alliance for Reconciliation Program (PAR in Spanish). It benefited two projects")
    assert both.endswith("addressed to 120 soccer fan club leaders of the city.")
    mercociudades = sentences.sentence_of("2017", "Medellín and Santa Fe (Argentina) presented the project")
    assert mercociudades.endswith("the socio productive fabric.”")


def test_quotes_match_across_typography_and_sections_apart() -> None:
    # the dataset may write ' for ’; the same words in another section are not found there
    assert sentences.sentence_of("2016", "share Medellin's best practices") == "share Medellin's best practices"
    assert sentences.sentence_of("2016", "to share Medellín's best practices").startswith("Visits and work agendas")
    assert sentences.sentence_of("2018", "Embassy of Canada") == "Embassy of Canada"


def test_a_quote_not_in_the_text_is_its_own_source() -> None:
    assert sentences.sentence_of("introduction", "Mayor of Seoul") == "Mayor of Seoul"
    assert sentences.sentence_of("nowhere", "Brazil") == "Brazil"
    assert sentences.sentence_of("introduction", "   ") == "   "
