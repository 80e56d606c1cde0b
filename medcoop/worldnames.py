"""The names of the world's countries: free text to ISO 3166-1 alpha-2 codes, by fixed rules.

A name is looked up in medcoop/data/country_names.json (scripts/build_country_names.py: ISO 3166,
world-countries, CLDR, a few curated names) and in the names a caller adds (the report's own
spellings). Nothing here knows the report: it answers which countries a name can mean, and the
caller (medcoop.countries) asks the report about the code. The rules, in order, each tried on the
forms of the name (as typed; its word order turned at a comma or a bracket, "Korea, South" ->
"South Korea"; its abbreviations written out, "Rep." -> "Republic"), are documented in
docs/country-names.md:

1. a name, exactly (folded: case, accents, punctuation and a leading article ignored);
2. a demonym, exactly ("Mexican"); one an independent country shares with territories of its own
   is the independent country's ("American");
3. the same words in any order, leaving out "the", "of", "and", "de", "del", ... ("Korea
   (the Republic of)", "Congo, Democratic Republic of");
4. the same, leaving out the kind of state too ("Republic of Mexico", "Kingdom of Sweden");
5. each part of a name in brackets or around a slash ("Burma (Myanmar)", "Myanmar/Burma"), when
   the parts that are names all name one country.

A rule that finds two countries is an ambiguity, never a choice. Then, for a name no rule finds,
`by_words` (the only country with a name that has the query's words at word starts: "Rica") and
`by_stem` (a demonym that is no listed one: "Argentinian", "Burmese", "Koreans").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from medcoop.names import SUGGESTION_CUTOFF, fold, similarity, word_pattern

NAMES_FILE = Path(__file__).resolve().parent / "data" / "country_names.json"
NAME_GROUPS = ("iso", "world-countries", "cldr", "curated")
"""The groups of names of a country in NAMES_FILE; its demonyms are apart ("demonyms")."""

_LINKS = frozenset({"the", "of", "and", "de", "del", "la", "el", "los", "las", "y", "e", "da", "do", "das", "dos"})
_STATE_WORDS = frozenset(
    {
        "republic", "republica", "kingdom", "reino", "state", "estado", "commonwealth", "mancomunidad",
        "principality", "principado", "federal", "federative", "federativa", "plurinational", "plurinacional",
        "territory", "territorial", "territorio", "collectivity", "sar",
    }
)  # fmt: skip
"""Words of a country's kind of state or territory, left out by rule 4 ("Republic of Mexico" is
Mexico, "Territory of Heard Island and McDonald Islands" is Heard Island and McDonald Islands)."""

ABBREVIATIONS: Mapping[str, tuple[str, ...]] = {
    "s": ("south", "sur"),
    "n": ("north", "norte"),
    "rep": ("republic", "republica"),
    "dem": ("democratic", "democratica"),
    "st": ("saint",),
    "saint": ("sint",),
    "sts": ("states",),
    "sta": ("santa",),
    "fed": ("federal", "federative", "federativa", "federated"),
    "is": ("islands", "island", "islas"),
    "isl": ("islands", "island", "islas"),
}
"""Abbreviated words (folded, so without their full stop) and the words they stand for; and
'Saint', which is 'Sint' in Dutch names ('Bonaire, Saint Eustatius and Saba')."""

STEM_SUFFIXES = ("ian", "an", "ese", "ish", "n", "i")
"""Endings of demonyms and plurals that by_stem takes off ("Argentinian" -> "Argentin")."""
MIN_STEM = 4
"""The shortest stem by_stem looks for: shorter ones start too many names."""

_MAX_FORMS = 16


class Index:
    """Folded names, demonyms and word bags -> the codes of the countries they name."""

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = {}
        self.people: dict[str, set[str]] = {}
        self.bags: dict[tuple[str, ...], set[str]] = {}
        self.loose: dict[tuple[str, ...], set[str]] = {}
        self.independent: set[str] = set()

    def add(self, code: str, names: Iterable[str], demonyms: Iterable[str] = ()) -> None:
        """A country's names and demonyms, as printed (folded here)."""
        for name in names:
            self.add_name(fold(name), [code])
        for name in demonyms:
            self.people.setdefault(fold(name), set()).add(code)

    def add_name(self, key: str, codes: Iterable[str]) -> None:
        """A folded name and the codes of the countries it names."""
        if not key:
            return
        self.names.setdefault(key, set()).update(codes)
        bag = _bag(key)
        if bag:
            self.bags.setdefault(bag, set()).update(codes)
            loose = _loose(bag)
            if loose:
                self.loose.setdefault(loose, set()).update(codes)


def _bag(key: str) -> tuple[str, ...]:
    """The words of a folded name in any order, each as often as it stands, its linking words
    left out ('korea korea' is not 'korea')."""
    return tuple(sorted(w for w in key.split() if w not in _LINKS))


def _loose(bag: tuple[str, ...]) -> tuple[str, ...]:
    """A bag without the words of a kind of state or territory."""
    return tuple(w for w in bag if w not in _STATE_WORDS)


class World:
    """The world's countries: their display names and the Index of their names."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self.index = Index()
        self.display: dict[str, tuple[str, str]] = {}
        countries = data["countries"]
        index = data["index"]
        assert isinstance(countries, dict) and isinstance(index, dict)
        for code, entry in countries.items():
            self.display[code] = (str(entry["en"]), str(entry["es"]))
            if entry.get("independent"):
                self.index.independent.add(code)
        for key, codes in index["names"].items():
            self.index.add_name(key, codes.split())
        self.index.people = {key: set(codes.split()) for key, codes in index["people"].items()}


def compiled_index(countries: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, str]]:
    """The index NAMES_FILE holds, computed from its names (scripts/build_country_names.py writes
    it; a test checks the two agree): folded name, folded demonym -> the codes of the countries it
    names, separated by spaces."""
    found: dict[str, dict[str, list[str]]] = {"names": {}, "people": {}}

    def add(part: str, key: str, code: str) -> None:
        codes = found[part].setdefault(key, [])
        if key and code not in codes:
            codes.append(code)

    for code, entry in countries.items():
        for name in (n for group in NAME_GROUPS for n in _strings(entry.get(group))):
            add("names", fold(name), code)
        for name in _strings(entry.get("demonyms")):
            add("people", fold(name), code)
    return {part: {k: " ".join(v) for k, v in sorted(keys.items()) if k} for part, keys in found.items()}


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _load_world() -> World:
    import json  # only when a name is not one of the report's plain names

    return World(json.loads(NAMES_FILE.read_text(encoding="utf-8")))


world = lru_cache(maxsize=1)(_load_world)
"""The world's countries, read once, on the first name that is not one of the report's own."""


# --------------------------------------------------------------------------- forms of a name


def _orders(query: str) -> list[str]:
    """The name as typed, and its word order turned at a comma ("Korea, South" -> "South Korea")
    or around a bracket ("Korea (the Republic of)" -> "the Republic of Korea")."""
    found = [query]
    head, comma, tail = query.partition(",")
    if comma and tail.strip():
        found.append(f"{tail} {head}")
    bracket = re.fullmatch(r"\s*([^()]*?)\s*\(([^()]*)\)\s*", query)
    if bracket and bracket.group(1) and bracket.group(2):
        found.append(f"{bracket.group(2)} {bracket.group(1)}")
    return found


def parts(query: str) -> list[str]:
    """The parts of a name in brackets or around a slash: 'Burma (Myanmar)' -> Burma, Myanmar."""
    pieces = [p.strip() for p in re.split(r"[()/]", query)]
    return [p for p in pieces if fold(p)] if len(pieces) > 1 else []


def forms(query: str) -> list[str]:
    """The folded forms of a name the rules try, the name as typed first."""
    found: dict[str, None] = {}
    for order in _orders(query):
        words = fold(order).split()
        choices = [(w, *ABBREVIATIONS.get(w, ())) for w in words]
        for combo in itertools.islice(itertools.product(*choices), _MAX_FORMS):
            text = fold(" ".join(combo))  # a leading article of the turned order goes too
            if text:
                found[text] = None
    return list(found)


# --------------------------------------------------------------------------- the rules


def _people(index: Index, key: str) -> set[str]:
    """The codes a demonym names; one that an independent country shares with territories is the
    independent country's."""
    codes = set(index.people.get(key, ()))
    independent = codes & index.independent
    return independent if len(independent) == 1 else codes


def _whole(indexes: Sequence[Index], query: str) -> set[str]:
    keys = forms(query)
    rules = (
        lambda ix, key: ix.names.get(key, set()),
        _people,
        lambda ix, key: ix.bags.get(_bag(key), set()),
        lambda ix, key: ix.loose.get(_loose(_bag(key)), set()),
    )
    for rule in rules:
        codes = {code for key in keys for ix in indexes for code in rule(ix, key)}
        if codes:
            return codes
    return set()


def codes(indexes: Sequence[Index], query: str) -> set[str]:
    """The codes of the countries the name means by rules 1-5 (module docstring): one code,
    several (an ambiguous name) or none."""
    found = _whole(indexes, query)
    if found:
        return found
    by_part = [_whole(indexes, part) for part in parts(query)]
    named = [p for p in by_part if p]
    return set().union(*named) if named else set()


def by_words(indexes: Sequence[Index], query: str) -> str | None:
    """The code of the only country with a name that has every word of the query, each of three
    letters or more, at word starts, in order ('Rica', 'Lucía', 'Macedonia'); else None."""
    pattern = word_pattern(query)
    if pattern is None or any(len(word) < 3 for word in fold(query).split()):
        return None
    found = {code for ix in indexes for name, cs in ix.names.items() if pattern.search(name) for code in cs}
    return found.pop() if len(found) == 1 else None


def by_stem(indexes: Sequence[Index], query: str) -> str | None:
    """The code of the one country a demonym no list holds names, its ending taken off: a name or
    demonym that is the stem ('Korean' -> 'Korea', 'Ecuadorian' -> 'Ecuador'), else, for an
    ending of two letters or more, the names that start with the stem ('Argentinian' ->
    'Argentin' -> 'Argentina'; not 'Swedn', a typo); else None."""
    key = fold(query)
    last = len(key.split()[-1]) if key else 0
    stems = {s: key[: -len(s)] for s in STEM_SUFFIXES if key.endswith(s) and last - len(s) >= MIN_STEM}
    exact = {c for stem in stems.values() for ix in indexes for c in (ix.names.get(stem, set()) | _people(ix, stem))}
    if not exact:
        starts = [stem for suffix, stem in stems.items() if len(suffix) >= 2]
        exact = {c for ix in indexes for name, cs in ix.names.items() if name.startswith(tuple(starts)) for c in cs}
    return exact.pop() if len(exact) == 1 else None


def close_codes(indexes: Sequence[Index], query: str) -> list[str]:
    """The codes of the countries with a name close to the query (a typo), closest first; names,
    not demonyms ('Atlantis' is not 'Ålandish')."""
    import difflib

    key = fold(query)
    names: dict[str, set[str]] = {}
    for ix in indexes:
        for name, cs in ix.names.items():
            names.setdefault(name, set()).update(cs)
    close = difflib.get_close_matches(key, list(names), n=max(len(names), 1), cutoff=SUGGESTION_CUTOFF)
    # the name first, the query second, as get_close_matches compares them (names.Matcher.suggestions)
    kept = (name for name in close if similarity(name, key) >= SUGGESTION_CUTOFF)
    return list(dict.fromkeys(code for name in kept for code in sorted(names[name])))


def all_names(code: str) -> Iterator[str]:
    """Every name and demonym of a country in NAMES_FILE (for tests and documentation)."""
    import json

    entry = json.loads(NAMES_FILE.read_text(encoding="utf-8"))["countries"][code]
    for group in (*NAME_GROUPS, "demonyms"):
        yield from _strings(entry.get(group))
