"""medcoop.names pinned rule by rule: folding, spans, word patterns, the error messages and the
Matcher (exact names, unique prefixes, near misses and their order, the lazy index).

Expected values are worked out by hand from the rules in the docstrings (and, for real countries,
from ISO 3166-1), not copied from the program. See tests/mutation/names.md for the mutation score."""

from __future__ import annotations

import locale
from collections.abc import Iterator

import pytest

from medcoop import i18n, names, worldnames
from medcoop.errors import UsageError
from medcoop.names import (
    AmbiguousName,
    Matcher,
    UnknownName,
    fold,
    folded_span,
    non_country,
    non_country_name,
    word_pattern,
)


def world_country(query: str) -> tuple[str, str] | None:
    """The world's answer for a name: (name in this run's language, alpha-2), through the one
    resolver over a report that mentions no country; None for an error."""
    from medcoop import query as q
    from medcoop.dataset import load

    try:
        found, _notice = q.find_country({**load(), "countries": []}, query)
    except UsageError:
        return None
    assert isinstance(found, q.NotMentioned)
    return found.name, found.a2


def world_suggestions(query: str) -> list[str]:
    """The names the one resolver suggests for a typo, over a report that mentions no country."""
    from medcoop import query as q
    from medcoop.dataset import load

    try:
        q.find_country({**load(), "countries": []}, query)
    except UnknownName as exc:
        return exc.suggestions
    raise AssertionError(f"{query!r} is known")


@pytest.fixture(autouse=True)
def _afresh() -> Iterator[None]:
    """Each test folds its names and builds the world's countries itself, not through the caches
    of earlier tests (a cached answer would hide a change of the rules); and leaves no cache
    behind (a world built without the Spanish catalog would be another test's world)."""
    fold.cache_clear()
    worldnames.world.cache_clear()
    yield
    fold.cache_clear()
    worldnames.world.cache_clear()


@pytest.fixture
def spanish() -> Iterator[None]:
    """Spanish for one test (the messages below are the catalog's, medcoop.po)."""
    i18n.use("es")
    if i18n.language != "es":
        pytest.fail("the Spanish catalog is not compiled (pip install -e . builds it)")
    yield
    i18n.use("en")


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("EE.UU.", "eeuu"),  # dots go without leaving a gap
        ("Perú", "peru"),  # accents go
        ("MEDELLÍN", "medellin"),
        ("Medellín-LAB  (Colombia)", "medellin lab colombia"),  # punctuation splits, runs of gaps are one
        ("  Bogotá, D.C. ", "bogota dc"),  # no gap at either end
        ("a_b", "a b"),  # '_' is a word character, shown as a gap
        ("The Hague", "hague"),  # one leading article goes
        ("El Salvador", "salvador"),
        ("La Paz", "paz"),
        ("Los Angeles", "angeles"),
        ("Las Vegas", "vegas"),
        ("el la x", "la x"),  # only the first
        ("Theatre", "theatre"),  # an article is a whole word
        ("Lasso", "lasso"),
        ("Agency of the Union", "agency of the union"),  # only at the start
        ("Côte d’Ivoire", "cote d ivoire"),  # a typographic apostrophe (not ASCII) is a gap too
        ("«Medellín»", "medellin"),
        ("Straße", "strasse"),  # case folding, not just lower-casing
        ("STRASSE", "strasse"),
        ("Ørsted", "ørsted"),  # a letter with no accent to strip stays
        ("ﬁne", "fine"),  # compatibility decomposition
        ("2018", "2018"),
        ("", ""),
        ("...", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_ascii_and_unicode_paths_agree() -> None:
    """The ASCII fast path splits words exactly as the general path does, inside a text and at
    its start ('_' is a word character: a leading '_' leaves a leading gap)."""
    for ch in map(chr, range(128)):
        for text in (f"ab{ch}cd", f"{ch}ab"):
            assert fold(text + " ø") == fold(text) + " ø", repr(text)
    assert fold("_ø") == " ø"


# --------------------------------------------------------------------------- folded_span


@pytest.mark.parametrize(
    ("text", "query", "span"),
    [
        ("Medellín LAB", "medellin lab", (0, 12)),
        ("Medellín LAB", "MEDELLÍN", (0, 8)),
        ("la Alcaldía de Medellín", "medellin", (15, 23)),
        ("Medellín   LAB", "medellin lab", (0, 14)),  # any gap in the text between the words
        ("Medellín-LAB", "medellin lab", (0, 12)),  # punctuation is a gap
        ("ver EE.UU. y", "eeuu", (4, 9)),  # the dot inside the match is in the span; the last letter ends it
        ("Straße 5", "strasse", (0, 6)),  # one character folding to two maps back to itself
        ("The Hague", "the hague", (4, 9)),  # the query's article goes, so the match starts at 'Hague'
        ("Medellín", "bogota", None),
        ("Medellín", "", None),
        ("Medellín", "...", None),
        ("", "medellin", None),
    ],
)
def test_folded_span(text: str, query: str, span: tuple[int, int] | None) -> None:
    assert folded_span(text, query) == span
    if span is not None:
        assert fold(text[span[0] : span[1]]) == fold(query)


# --------------------------------------------------------------------------- word_pattern


def _matches(query: str, text: str) -> bool:
    pattern = word_pattern(query)
    assert pattern is not None
    return pattern.search(fold(text)) is not None


@pytest.mark.parametrize(
    ("query", "text", "hit"),
    [
        ("coop", "Agencia de Cooperación", True),  # at the start of a word
        ("operacion", "Agencia de Cooperación", False),  # not inside one
        ("agencia cooperacion", "Agencia Presidencial de Cooperación", True),  # words in order, gaps between
        ("cooperacion agencia", "Agencia Presidencial de Cooperación", False),  # not out of order
        ("par", "Paris", True),  # lower case: a prefix
        ("PAR", "Paris", False),  # capitals: an acronym, a whole word
        ("PAR", "el PAR de Medellín", True),
        ("PAR", "programa PAR", True),  # a whole word at the end of the text
        ("U.S.", "U.S. Embassy", True),  # dots are no letters: still an acronym
        ("U.S.", "USAID", False),
        ("UN", "United Nations", False),  # two capitals make an acronym
        ("UN", "the UN agency", True),
        ("A", "Agencia", True),  # one capital is no acronym
        ("BiD", "Bidding", True),  # nor is mixed case
        ("Medellín-LAB", "Medellín LAB 2017", True),  # one query word folding to two words
        ("Medellín-LAB", "Medellín 2017", False),
        ("Perú", "en el Perú", True),
    ],
)
def test_word_pattern(query: str, text: str, hit: bool) -> None:
    assert _matches(query, text) is hit


@pytest.mark.parametrize("query", ["", "   ", "...", "- ."])
def test_word_pattern_of_no_word_is_none(query: str) -> None:
    assert word_pattern(query) is None


def test_word_pattern_text() -> None:
    pattern = word_pattern("PAR medellín")
    assert pattern is not None
    assert pattern.pattern == r"(?<!\S)par(?!\S).*?(?<!\S)medellin"


# --------------------------------------------------------------------------- non_country


@pytest.mark.parametrize(
    ("query", "what"),
    [
        ("European Union", "the European Union, a union of countries"),
        ("the European Union", "the European Union, a union of countries"),
        ("EU", "the European Union, a union of countries"),
        ("Unión Europea", "the European Union, a union of countries"),
        ("la Unión Europea", "the European Union, a union of countries"),
        ("U.E.", "the European Union, a union of countries"),
        ("United Nations", "the United Nations, an organisation of countries"),
        ("UN", "the United Nations, an organisation of countries"),
        ("Naciones Unidas", "the United Nations, an organisation of countries"),
        ("Latin America", "a region"),
        ("Latin America and the Caribbean", "a region"),
        ("América Latina", "a region"),
        ("the Caribbean", "a region"),
    ],
)
def test_non_country(query: str, what: str) -> None:
    assert non_country(query) == what


@pytest.mark.parametrize("query", ["Colombia", "Europe", "Union", "", "Caribbean Sea"])
def test_countries_and_others_are_not_non_countries(query: str) -> None:
    assert non_country(query) is None


# --------------------------------------------------------------------------- errors


def test_unknown_name_message() -> None:
    bare = UnknownName("country", "Xyzzy", [])
    assert str(bare) == "unknown country 'Xyzzy'"
    assert bare.suggestions == []
    assert isinstance(bare, UsageError)
    one = UnknownName("country", "Grenda", ["Grenada"])
    assert str(one) == "unknown country 'Grenda'; did you mean 'Grenada'?"
    two = UnknownName("organisation", "ACI", ("ACI Medellín", "ACI Asia"))
    assert str(two) == "unknown organisation 'ACI'; did you mean 'ACI Medellín' or 'ACI Asia'?"
    assert two.suggestions == ["ACI Medellín", "ACI Asia"]
    three = UnknownName("country", "x", ["A", "B", "C"])
    assert str(three) == "unknown country 'x'; did you mean 'A', 'B' or 'C'?"


def test_ambiguous_name_message() -> None:
    error = AmbiguousName("country", "co", ("Colombia", "Costa Rica"))
    assert str(error) == "country 'co' is ambiguous: it could be 'Colombia' or 'Costa Rica'"
    assert error.candidates == ["Colombia", "Costa Rica"]
    assert isinstance(error, UsageError)
    one = AmbiguousName("event", "x", ["Only"])
    assert str(one) == "event 'x' is ambiguous: it could be 'Only'"


# --------------------------------------------------------------------------- Matcher

COUNTRIES: list[tuple[str, str, list[str]]] = [
    ("co", "Colombia", ["CO", "COL"]),
    ("cr", "Costa Rica", ["CR", "CRI"]),
    ("ne", "Niger", ["NE", "NER"]),
    ("ng", "Nigeria", ["NG", "NGA"]),
    ("es", "Spain", ["ES", "ESP", "España"]),
    ("gd", "Grenada", ["GD", "GRD", "Granada"]),
]


def _matcher(items: list[tuple[str, str, list[str]]] = COUNTRIES) -> Matcher[str]:
    return Matcher("country", items)


@pytest.mark.parametrize(
    ("query", "item"),
    [("Colombia", "co"), ("COL", "co"), ("españa", "es"), ("ESPANA", "es"), ("the Niger", "ne"), ("Granada", "gd")],
)
def test_exact(query: str, item: str) -> None:
    assert _matcher().exact(query) == item
    assert _matcher().resolve(query) == item


@pytest.mark.parametrize("query", ["Colomb", "Atlantis", "", "Spai"])
def test_exact_misses(query: str) -> None:
    assert _matcher().exact(query) is None


def test_exact_beats_a_prefix_of_another_name() -> None:
    """'Niger' is a name of Niger and the start of 'Nigeria': exact wins."""
    assert _matcher().resolve("Niger") == "ne"
    assert _matcher().resolve("nigeria") == "ng"


def test_first_item_keeps_a_shared_name() -> None:
    matcher = Matcher("organisation", [("a", "First", ["shared"]), ("b", "Second", ["Shared"])])
    assert matcher.exact("SHARED") == "a"
    assert matcher.exact("second") == "b"


def _counting(items: list[tuple[str, str, list[str]]], seen: list[str]) -> Iterator[tuple[str, str, list[str]]]:
    for item in items:
        seen.append(item[0])
        yield item


def test_exact_indexes_only_up_to_the_item_found() -> None:
    seen: list[str] = []
    matcher = Matcher("country", _counting(COUNTRIES, seen))
    assert matcher.exact("Costa Rica") == "cr"
    assert seen == ["co", "cr"]
    assert matcher.exact("CO") == "co"  # already indexed: nothing more is read
    assert seen == ["co", "cr"]
    assert matcher.exact("Niger") == "ne"  # goes on where it stopped
    assert seen == ["co", "cr", "ne"]
    assert matcher.exact("Atlantis") is None  # a miss reads everything
    assert seen == [code for code, _, _ in COUNTRIES]
    assert matcher.exact("Grenada") == "gd"  # and is still right afterwards
    assert matcher.exact("costa rica") == "cr"


def test_exact_by_an_alias_stops_there_too() -> None:
    seen: list[str] = []
    matcher = Matcher("country", _counting(COUNTRIES, seen))
    assert matcher.exact("CRI") == "cr"
    assert seen == ["co", "cr"]


def test_prefix() -> None:
    matcher = _matcher()
    assert matcher.prefix("Colom") == "co"
    assert matcher.prefix("esp") == "es"  # of an alias ('ESP', 'España')
    assert matcher.prefix("Gran") == "gd"
    assert matcher.prefix("Atl") is None
    assert matcher.prefix("") is None
    assert matcher.prefix("...") is None


def test_prefix_needs_every_item_indexed() -> None:
    seen: list[str] = []
    matcher = Matcher("country", _counting(COUNTRIES, seen))
    assert matcher.exact("Colombia") == "co"
    assert matcher.prefix("Gren") == "gd"
    assert seen == [code for code, _, _ in COUNTRIES]


def test_one_item_answering_twice_is_no_ambiguity() -> None:
    """'es' starts 'ES', 'ESP' and 'España', all Spain's."""
    assert _matcher().prefix("es") == "es"


def test_ambiguous_prefix_lists_display_names_in_item_order() -> None:
    with pytest.raises(AmbiguousName) as caught:
        _matcher().resolve("C")
    assert caught.value.candidates == ["Colombia", "Costa Rica"]
    assert str(caught.value) == "country 'C' is ambiguous: it could be 'Colombia' or 'Costa Rica'"
    reversed_order = Matcher("country", list(reversed(COUNTRIES)))
    with pytest.raises(AmbiguousName) as caught:
        reversed_order.prefix("nig")
    assert caught.value.candidates == ["Nigeria", "Niger"]


def test_resolve_falls_back_to_a_unique_prefix() -> None:
    assert _matcher().resolve("cost") == "cr"


def test_resolve_unknown_carries_suggestions() -> None:
    with pytest.raises(UnknownName) as caught:
        _matcher().resolve("Grenda")
    assert caught.value.suggestions == ["Grenada"]
    assert str(caught.value) == "unknown country 'Grenda'; did you mean 'Grenada'?"
    with pytest.raises(UnknownName) as caught:
        _matcher().resolve("Atlantis")
    assert caught.value.suggestions == []
    assert str(caught.value) == "unknown country 'Atlantis'"


def test_suggestion_cutoff() -> None:
    """'UNESKO' is 10/12 = 0.83 from 'unesco': suggested. 'UNSKO' is 8/11 = 0.73: too far."""
    matcher = Matcher("organisation", [("unesco", "UNESCO", [])])
    assert matcher.suggestions("UNESKO") == ["UNESCO"]
    assert matcher.suggestions("UNSKO") == []
    # 'abcdefgh' against 'abcdefxy': 2*6/16 = 0.75 exactly, which is close enough
    assert Matcher("x", [("a", "abcdefgh", [])]).suggestions("abcdefxy") == ["abcdefgh"]


def test_suggestions_closest_first() -> None:
    """difflib's ratio against 'colombia' (2 * matching letters / both lengths): 'colombiaa'
    16/17 = 0.94, 'columbia' 14/16 = 0.875, 'kolumbia' 12/16 = 0.75 (and each shares at least
    0.75 of the longer name: 8/9, 7/8, 6/8); listed best first, whatever the order of the items."""
    matcher = Matcher("place", [("a", "Kolumbia", []), ("b", "Colombiaa", []), ("c", "Columbia", [])])
    assert matcher.suggestions("Colombia") == ["Colombiaa", "Columbia", "Kolumbia"]
    assert matcher.suggestions("Colombia", limit=2) == ["Colombiaa", "Columbia"]
    assert matcher.suggestions("Colombia", limit=1) == ["Colombiaa"]


def test_suggestions_show_each_item_once_and_look_past_its_other_names() -> None:
    """Against 'espanyo' (shares of the longer name): 'espanyol' 7/8 and 'espanya' 6/7 (Spain),
    'espanola' 6/8 = 0.75; 'espana' 5/7 = 0.71 is too far. Spain counts once, and Espanola
    still gets its place within a limit of two."""
    matcher = Matcher("country", [("es", "Spain", ["Espana", "Espanya", "Espanyol"]), ("ep", "Espanola", [])])
    assert matcher.suggestions("Espanyo") == ["Spain", "Espanola"]
    assert matcher.suggestions("Espanyo", limit=2) == ["Spain", "Espanola"]
    assert matcher.suggestions("Espanyo", limit=1) == ["Spain"]


def test_suggestions_default_limit_is_three() -> None:
    matcher = Matcher("x", [(str(i), f"abcdef{i}", []) for i in range(6)])
    assert len(matcher.suggestions("abcdef")) == 3


# --------------------------------------------------------------------------- the world's countries


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Colombia", ("Colombia", "CO")),
        ("CO", ("Colombia", "CO")),
        ("deu", ("Germany", "DE")),  # alpha-3
        ("Alemania", ("Germany", "DE")),  # the Spanish name
        ("España", ("Spain", "ES")),
        ("Estados Unidos", ("United States", "US")),
        ("Republic of Colombia", ("Colombia", "CO")),  # the official name
        ("Bolivia", ("Bolivia, Plurinational State of", "BO")),  # the common name
        ("Côte d’Ivoire", ("Côte d'Ivoire", "CI")),
    ],
)
def test_world_country(query: str, country: tuple[str, str]) -> None:
    assert world_country(query) == country


@pytest.mark.parametrize("query", ["Atlantis", "European Union"])
def test_no_world_country(query: str) -> None:
    assert world_country(query) is None


def test_a_query_the_search_finds_is_highlighted() -> None:
    """'_y' folds to ' y' ('_' is a word character shown as a gap): the search finds the word
    'y' in 'x_y', so the highlight finds it too, at index 2."""
    assert _matches("_y", "x_y")
    assert folded_span("x_y", "_y") == (2, 3)
    assert folded_span("a_ b", "a_ b") == (0, 4)


def test_suggestions_fill_the_limit_when_one_item_has_many_close_names() -> None:
    """Against 'espanyo', each of Spain's six names 'espanyo1' ... 'espanyo6' shares 7/8 and
    'espanola' 6/8 = 0.75: two items are close, so a limit of two shows both."""
    matcher = Matcher("country", [("es", "Spain", [f"espanyo{i}" for i in range(1, 7)]), ("ep", "Espanola", [])])
    assert matcher.suggestions("Espanyo", limit=2) == ["Spain", "Espanola"]
    assert matcher.suggestions("Espanyo", limit=1) == ["Spain"]


def test_no_names_no_suggestions() -> None:
    assert Matcher("country", []).suggestions("Spain") == []
    with pytest.raises(UnknownName) as caught:
        Matcher("country", []).resolve("Spain")
    assert str(caught.value) == "unknown country 'Spain'"


@pytest.mark.parametrize(
    ("what", "unknown", "ambiguous"),
    [
        ("country", "unknown country 'x'", "country 'x' is ambiguous: it could be 'A' or 'B'"),
        ("partner", "unknown partner 'x'", "partner 'x' is ambiguous: it could be 'A' or 'B'"),
        ("programme", "unknown programme 'x'", "programme 'x' is ambiguous: it could be 'A' or 'B'"),
        ("event", "unknown event 'x'", "event 'x' is ambiguous: it could be 'A' or 'B'"),
    ],
)
def test_messages_by_what_is_named(what: str, unknown: str, ambiguous: str) -> None:
    assert str(UnknownName(what, "x", [])) == unknown
    assert str(AmbiguousName(what, "x", ["A", "B"])) == ambiguous


@pytest.mark.parametrize(
    ("what", "unknown", "ambiguous"),
    [
        ("country", "país desconocido 'x'", "el país 'x' es ambiguo: puede ser 'A' o 'B'"),
        ("partner", "organización desconocida 'x'", "la organización 'x' es ambigua: puede ser 'A' o 'B'"),
        ("programme", "programa desconocido 'x'", "el programa 'x' es ambiguo: puede ser 'A' o 'B'"),
        ("evento", "evento desconocido 'x'", "evento 'x' es ambiguo: puede ser 'A' o 'B'"),
    ],
)
def test_messages_in_spanish(spanish: None, what: str, unknown: str, ambiguous: str) -> None:
    assert str(UnknownName(what, "x", [])) == unknown
    assert str(UnknownName(what, "x", ["A", "B", "C"])) == f"{unknown}; ¿quiso decir 'A', 'B' o 'C'?"
    assert str(AmbiguousName(what, "x", ["A", "B"])) == ambiguous


def test_non_countries_in_spanish(spanish: None) -> None:
    assert non_country("European Union") == "la Unión Europea, una unión de países"
    assert non_country("Naciones Unidas") == "las Naciones Unidas, una organización de países"
    assert non_country("Caribbean") == "una región"
    assert non_country("Colombia") is None


def test_world_country_in_spanish(spanish: None) -> None:
    """pycountry's Spanish ISO 3166 names: Germany is Alemania, Spain España."""
    assert world_country("Germany") == ("Alemania", "DE")
    assert world_country("ESP") == ("España", "ES")
    assert world_country("Atlantis") is None


# --------------------------------------------------------------------------- common names, similarity


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Russia", ("Russian Federation", "RU")),
        ("Rusia", ("Russian Federation", "RU")),
        ("Holland", ("Netherlands", "NL")),  # curated
        ("Turkey", ("Türkiye", "TR")),  # curated
        ("Corea del Norte", ("Korea, Democratic People's Republic of", "KP")),
    ],
)
def test_world_countries_answer_to_their_common_names(query: str, country: tuple[str, str]) -> None:
    assert world_country(query) == country


def test_similarity_of_an_empty_name_is_none() -> None:
    assert names.similarity("", "abc") == 0.0
    assert names.similarity("abc", "") == 0.0
    assert names.similarity("", "") == 0.0
    assert names.similarity("abc", "abc") == 1.0


# --------------------------------------------------------------------------- more of the folding


def test_a_character_that_decomposes_into_several_maps_back_to_itself() -> None:
    """'ﬁ' (one character) folds to 'fi': a match that starts with it starts at it, and the
    rest of the text keeps its place."""
    assert folded_span("ﬁne print", "fine") == (0, 3)
    assert folded_span("a ﬁne print", "print") == (6, 11)
    assert folded_span("Perú y Bogotá", "bogota") == (7, 13)


def test_similarity_is_the_share_of_the_longer() -> None:
    assert names.similarity("a", "a") == 1.0
    assert names.similarity("ab", "a") == 0.5
    assert names.similarity("a", "ab") == 0.5
    assert names.similarity("abcd", "xyz") == 0.0


# --------------------------------------------------------------------------- the suggestions' rule


def test_a_typo_is_suggested_whichever_way_difflib_reads_it() -> None:
    """'Morcoco' (two letters of 'Morocco' swapped) has 6 of its 7 letters in common with 'morocco',
    in order ('moroco'): 0.86, close enough. difflib's matching blocks find only 5 of them when the
    query is read first, so the rule must read the name first, as get_close_matches does."""
    assert Matcher("country", [("ma", "Morocco", [])]).suggestions("Morcoco") == ["Morocco"]
    assert world_suggestions("Morcoco") == ["Morocco"]


def test_world_suggestions() -> None:
    """Real countries near a typo, by their ISO 3166 names: 'Nigera' is 6/7 of 'nigeria' and 5/6 of
    'niger' (both over 0.75); Nigeria is the closer (difflib's ratio 12/13 against 10/11)."""
    assert world_suggestions("Moroco") == ["Morocco"]
    assert world_suggestions("Nigera") == ["Nigeria", "Niger"]
    assert world_suggestions("Xyzzy") == []


def test_world_suggestions_in_spanish(spanish: None) -> None:
    """In Spanish the same countries by pycountry's Spanish ISO 3166 names."""
    assert world_suggestions("Germny") == ["Alemania"]
    assert world_suggestions("Moroco") == ["Marruecos"]


# --------------------------------------------------------------------------- words of a name


WORLDISH: list[tuple[str, str, list[str]]] = [
    ("co", "Colombia", ["CO"]),
    ("mk", "North Macedonia", ["MK", "Macedonia del Norte"]),
    ("kp", "Korea, Democratic People's Republic of", ["Corea del Norte"]),
    ("kr", "Korea, Republic of", ["Corea del Sur"]),
]


@pytest.mark.parametrize(
    ("query", "item"),
    [
        ("Macedonia", "mk"),  # a word of one name
        ("mace", "mk"),  # at the start of a word
        ("edonia", None),  # not inside one
        ("Korea", None),  # two items
        ("corea norte", "kp"),  # each word, in order
        ("norte corea", None),
        ("Korea Republic", None),  # both Koreas' names have these words, in order
        ("del sur", "kr"),
        ("", None),
        ("...", None),
    ],
)
def test_words(query: str, item: str | None) -> None:
    assert Matcher("country", WORLDISH).words(query) == item


def test_words_reads_every_item() -> None:
    seen: list[str] = []
    matcher = Matcher("country", _counting(WORLDISH, seen))
    assert matcher.words("Colombia") == "co"  # the first item, but another could have the word too
    assert seen == [code for code, _, _ in WORLDISH]


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Herzegovina", ("Bosnia and Herzegovina", "BA")),  # only Bosnia and Herzegovina has that word
        ("Zim", ("Zimbabwe", "ZW")),  # a word of three letters is enough
        ("Niger", ("Niger", "NE")),  # an exact name first: 'niger' also starts 'Nigeria'
        ("Zi", None),  # a word of two letters is too short
        ("North Zi", None),  # every word must have three letters
    ],
)
def test_world_country_by_words(query: str, country: tuple[str, str] | None) -> None:
    assert world_country(query) == country


def test_world_country_by_words_in_spanish(spanish: None) -> None:
    assert world_country("Herzegovina") == ("Bosnia y Herzegovina", "BA")


# --------------------------------------------------------------------------- names from outside the report


def test_unknown_name_with_names_from_outside_the_report() -> None:
    only = UnknownName("country", "Japon", [], ["Japan"])
    assert str(only) == "unknown country 'Japon'; did you mean 'Japan' (not in the report)?"
    assert only.suggestions == ["Japan"]
    both = UnknownName("country", "Nigera", ["Nigeria"], ["Niger", "Algeria"])
    assert str(both) == (
        "unknown country 'Nigera'; did you mean 'Nigeria', 'Niger' (not in the report)"
        " or 'Algeria' (not in the report)?"
    )
    assert both.suggestions == ["Nigeria", "Niger", "Algeria"]


def test_unknown_name_with_names_from_outside_the_report_in_spanish(spanish: None) -> None:
    error = UnknownName("country", "Japon", [], ["Japón"])
    assert str(error) == "país desconocido 'Japon'; ¿quiso decir 'Japón' (no está en el informe)?"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Unión Europea", "European Union"),
        ("EU", "European Union"),
        ("UN", "United Nations"),
        ("Naciones Unidas", "United Nations"),
        ("América Latina", "Latin America"),
        ("Latin America and the Caribbean", "Latin America and the Caribbean"),
        ("el Caribe", None),  # not one of the names known
        ("Colombia", None),
    ],
)
def test_non_country_name(query: str, name: str | None) -> None:
    assert non_country_name(query) == name


def test_non_country_name_is_english_in_spanish(spanish: None) -> None:
    """The report's language is English: the name to look it up by stays English."""
    assert non_country_name("Naciones Unidas") == "United Nations"


def test_the_names_file_is_read_as_utf8_in_the_c_locale() -> None:
    """LANG=C: the file is UTF-8 whatever the locale says ('Türkiye' is not ASCII)."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        found = worldnames.world()
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert found.display["TR"] == ("Türkiye", "Turquía")
