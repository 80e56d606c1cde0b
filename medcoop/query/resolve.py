"""Names to records: countries, organisations and programmes, one resolver per kind of name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from medcoop import i18n
from medcoop.errors import UsageError
from medcoop.i18n import _

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.names import Matcher
    from medcoop.records import Country, Dataset, Organisation, Programme
    from medcoop.worldnames import Index
from medcoop.query.rows import _join

# --------------------------------------------------------------------------- names


def _corrected_org(ds: Dataset, oid: str) -> bool:
    """Whether an organisation is named by its public-record name, not as the report prints it."""
    return any(o["id"] == oid and o["name_corrected"] for o in ds["organisations"])


def org_names(ds: Dataset) -> dict[str, str]:
    return {o["id"]: o["name_corrected"] or o["name"] for o in ds["organisations"]}


HOME: Final = "CO"
"""The report's home country, Medellín's (Colombia)."""


def sides(ds: Dataset, ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Organisations an action names, by side: (the partners, of the other side; Medellín's side,
    the organisations of the home country: its secretariats, museum, Mayor's Office). The
    House of Memory Museum in 'Spain: Technical Exchange with the House of Memory Museum and
    Madrid City Council' is Medellín's side, not one of Spain's partners."""
    home = {o["id"] for o in ds["organisations"] if o["country"] == HOME}
    wanted = list(ids)
    return [i for i in wanted if i not in home], [i for i in wanted if i in home]


def country_matcher(ds: Dataset) -> Matcher[Country]:
    from medcoop.names import Matcher

    return Matcher("country", ((c, country_name(c), _names_of(c)) for c in ds["countries"]))


def completion_names(ds: Dataset) -> list[str]:
    """The names shell completion offers for a country: each report country's English and
    Spanish names and codes (every one of them finds its country here, without a notice)."""
    return [n for c in ds["countries"] for n in (c["name_en"], c["name_es"], c["a2"], c["a3"])]


def _names_of(c: Country) -> list[str]:
    """The names of a report country in the dataset: codes, English, Spanish, the report's
    spellings, aliases, ISO 3166 names."""
    return [c["a2"], c["a3"], c["name_en"], c["name_es"], *c["printed_as"], *c["aliases"], *c["iso_names"]]


def country_name(c: Country) -> str:
    """A country's name as people read it in this run's language (the dataset has both)."""
    return c["name_es"] if i18n.language == "es" else c["name_en"]


def partner_matcher(ds: Dataset) -> Matcher[Organisation]:
    from medcoop.names import Matcher

    names = (
        (
            o,
            o["name_corrected"] or o["name"],
            [o["name"], *(x for x in (o["acronym"], o["name_es"]) if x), *o["aliases"]],
        )
        for o in ds["organisations"]
    )
    return Matcher("partner", names)


def find_partner(ds: Dataset, name: str) -> Organisation:
    """The organisation a name means: the one resolver of organisation names (`partner NAME`,
    `--partner`, the API). An exact name, acronym or alias; a programme's name is a usage error
    pointing to `medcoop programme`; then a unique prefix, else UnknownName with close names."""
    matcher = partner_matcher(ds)
    org = matcher.exact(name)
    if org is None and programme_matcher(ds).exact(name) is not None:
        raise UsageError(
            _("{query} is a programme, not a partner: see 'medcoop programme {text}'").format(
                query=repr(name), text=shell_word(name)
            )
        )
    return org or matcher.resolve(name)


class NotMentioned:
    """A real country that the report does not mention."""

    __slots__ = ("a2", "name")

    def __init__(self, name: str, a2: str) -> None:
        self.name: Final = name  # in this run's language (resolve._name_of)
        self.a2: Final = a2

    @property
    def notice(self) -> str:
        return _("{name} ({code}) is not mentioned in the report").format(name=self.name, code=self.a2)


class NotACountry(UsageError):
    """A name that is no country (an organisation, the European Union), and where the
    report's words on it are (a command that finds them), if anywhere."""

    def __init__(self, query: str, what: str, pointer: str) -> None:
        super().__init__(_("{query} is {what}, not a country: {pointer}").format(
            query=repr(query), what=what, pointer=pointer
        ))  # fmt: skip


def shell_word(text: str) -> str:
    """text as one word of a command line to copy: in double quotes if it has spaces or quotes."""
    if text and all(ch.isalnum() or ch in "-_.," for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _not_a_country(ds: Dataset, query: str) -> NotACountry | None:
    """NotACountry for an organisation of the report (pointing to `medcoop partner`) or a
    well-known name that is no country (pointing to `medcoop search` with the name the report
    would print, when that finds something); None for any other name."""
    from medcoop.names import non_country, non_country_name

    if partner_matcher(ds).exact(query) is not None:
        pointer = _("see 'medcoop partner {text}'").format(text=shell_word(query))
        return NotACountry(query, _("an organisation"), pointer)
    what, name = non_country(query), non_country_name(query)
    if what is None or name is None:
        return None
    from medcoop.query.searching import search  # search resolves names too

    if search(ds, name).table.rows:
        return NotACountry(query, what, _("see 'medcoop search {text}'").format(text=shell_word(name)))
    return NotACountry(query, what, _("the report does not name it"))


def find_country(ds: Dataset, query: str) -> tuple[Country | NotMentioned, str | None]:
    """The country named by query, and a notice when the name could have meant another: the one
    resolver of country names (docs/country-names.md). A name is resolved to an ISO 3166-1 code,
    from the report's names and the world's alike; then the report is asked about the code: one of
    its countries, or a real country it does not mention (NotMentioned).

    In order: an exact name or code of a report country (its names in the dataset: English,
    Spanish, ISO 3166, aliases, the report's spellings; no file read); the names of every country,
    the report's and the world's, by the rules of medcoop.worldnames (exact name or code, demonym,
    word order, kind of state, parts), a name of two countries being an AmbiguousName naming both
    (a name or code wins over the start of another's name: 'ME' is Montenegro, not the start of
    Mexico, and the notice says so); a unique prefix of a report country's name ('Sou'); NotACountry
    for an organisation or a union of countries; the only country with a name that has the query's
    words at word starts ('Rica'), or a demonym of one ('Argentinian'), said as such; else
    UnknownName with the close names of the report's countries, then of the world's."""
    from medcoop import worldnames
    from medcoop.names import AmbiguousName, UnknownName

    matcher = country_matcher(ds)
    found = matcher.exact(query)
    if found is not None:
        return found, None
    report = {c["a2"]: c for c in ds["countries"]}
    indexes = (_report_index(ds), worldnames.world().index)
    named = worldnames.codes(indexes, query)
    if len(named) > 1:
        raise AmbiguousName("country", query, sorted(_name_of(ds, code) for code in named))
    code = named.pop() if named else None
    if code is not None:  # a name or code of a country, the report's or not, before any prefix
        return _by_code(ds, code), _not_the_start(ds, matcher, query, code)
    found = matcher.prefix(query)
    if found is not None:
        return found, None
    not_a_country = _not_a_country(ds, query)
    if not_a_country is not None:
        raise not_a_country
    code = worldnames.by_words(indexes, query)
    if code is not None:
        taken = _("{query} taken as {name}, the only country with that name in it")
        return _by_code(ds, code), taken.format(query=repr(query), name=_name_of(ds, code))
    code = worldnames.by_stem(indexes, query)
    if code is not None:
        taken = _("{query} read as a demonym of {name}")
        return _by_code(ds, code), taken.format(query=repr(query), name=_name_of(ds, code))
    close = worldnames.close_codes(indexes, query)
    ours = [_name_of(ds, c) for c in close if c in report]
    theirs = [_name_of(ds, c) for c in close if c not in report]
    raise UnknownName("country", query, ours[:3], theirs[: max(0, 3 - len(ours))])


def _not_the_start(ds: Dataset, matcher: Matcher[Country], query: str, code: str) -> str | None:
    """The notice for a name or code of one country that starts a name of another of the
    report's ('ME' is Montenegro, not the start of Mexico); None when it starts no other's."""
    from medcoop.names import AmbiguousName

    try:
        other = matcher.prefix(query)
    except AmbiguousName:
        return None  # the start of several names: no one of them was meant
    if other is None or other["a2"] == code:
        return None
    return _("{query} is {name} ({code}), not the start of {other}").format(
        query=repr(query), name=_name_of(ds, code), code=code, other=country_name(other)
    )


def _report_index(ds: Dataset) -> Index:
    """The report's countries' names in the dataset (its spellings, aliases, ISO names), indexed as
    the world's are: they count as much as the world's names, and more (the report's 'Korea')."""
    from medcoop.worldnames import Index

    index = Index()
    for c in ds["countries"]:
        index.add(c["a2"], _names_of(c))
    return index


def _by_code(ds: Dataset, code: str) -> Country | NotMentioned:
    """The report's country of that code, or the real country it does not mention."""
    for c in ds["countries"]:
        if c["a2"] == code:
            return c
    return NotMentioned(_name_of(ds, code), code)


def _name_of(ds: Dataset, code: str) -> str:
    """A country's name in this run's language: the report's name for its own countries, the ISO
    3166 short name for the others."""
    for c in ds["countries"]:
        if c["a2"] == code:
            return country_name(c)
    from medcoop.worldnames import world

    english, spanish = world().display[code]
    return spanish if i18n.language == "es" else english


# --------------------------------------------------------------------------- listings


def _country_filter(ds: Dataset, name: str | None) -> tuple[str | None, str | None]:
    """(alpha-2 to keep, notice) for a --country option."""
    if name is None:
        return None, None
    found, notice = find_country(ds, name)
    if isinstance(found, NotMentioned):
        return "", _join(x for x in (notice, found.notice) if x)
    return found["a2"], notice


def _modality_filter(ds: Dataset, modality: str) -> frozenset[str]:
    """The dataset's modalities --modality matches: any part of a modality, in English or Spanish
    (medcoop.words.MODALITIES), ignoring case and accents ('financial', 'financiera' and 'Financiera'
    match 'financial' and 'technical and financial'); a modality that matches none of the dataset's
    is a usage error listing them in the run's language."""
    from medcoop import words
    from medcoop.names import fold

    known = sorted({a["modality"] for a in ds["actions"] if a["modality"]})
    wanted = fold(modality).replace("-", " ")
    english = words.resolve(words.MODALITIES, modality)
    if english is not None:
        wanted = fold(english).replace("-", " ")

    def forms(m: str) -> list[str]:
        word = next((w for w in words.MODALITIES if w.value == m), None)
        return [fold(f).replace("-", " ") for f in (word.forms() if word else (m,))]

    found = frozenset(m for m in known if any(wanted in form for form in forms(m)))
    if not found:
        raise UsageError(
            _("unknown modality {modality}: the modalities are {known}").format(
                modality=repr(modality), known=", ".join(words.shown(words.MODALITIES, m) for m in known)
            )
        )
    return found


def programme_matcher(ds: Dataset) -> Matcher[Programme]:
    from medcoop.names import Matcher

    names = ((g, g["name"], [*(x for x in (g["acronym"],) if x), *g["aliases"]]) for g in ds["programmes"])
    return Matcher("programme", names)
