"""Names to records: countries, organisations and programmes, one resolver per kind of name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from medcoop import i18n
from medcoop.errors import UsageError
from medcoop.i18n import _

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.names import Matcher
    from medcoop.records import Country, Dataset, Organisation, Programme
from medcoop.query.rows import _join

# --------------------------------------------------------------------------- names


def _corrected_org(ds: Dataset, oid: str) -> bool:
    """Whether an organisation is named by its public-record name, not as the report prints it."""
    return any(o["id"] == oid and o["name_corrected"] for o in ds["organisations"])


def org_names(ds: Dataset) -> dict[str, str]:
    return {o["id"]: o["name_corrected"] or o["name"] for o in ds["organisations"]}


def country_matcher(ds: Dataset) -> Matcher[Country]:
    from medcoop.names import Matcher

    return Matcher(
        "country",
        (
            (
                c,
                country_name(c),
                [c["a2"], c["a3"], c["name_en"], c["name_es"], *c["printed_as"], *c["aliases"], *c["iso_names"]],
            )
            for c in ds["countries"]
        ),
    )


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


class NotMentioned:
    """A real country that the report does not mention."""

    __slots__ = ("a2", "name")

    def __init__(self, name: str, a2: str) -> None:
        self.name: Final = name  # in this run's language (names.world_country)
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
    """The country named by query, and a notice when the name could have meant another.

    The report's countries come first: an exact name or code (English, Spanish, ISO 3166
    names, aliases, the report's spellings), then a unique prefix of one of their names;
    then the rest of the world (a real country the report does not mention). Where a prefix
    of a report country is also another country's exact name or code, a full name wins
    (Dominica), a code does not (ME is Montenegro's code, 'Me' is the start of Mexico), and
    the notice says which rule matched. Otherwise NotACountry for an organisation or a
    union of countries; then the only country of the world with a name that has the query's
    words at word starts ('Macedonia'), said as such; else UnknownName with close names of the
    report's countries, then of the world's."""
    from medcoop.names import AmbiguousName, UnknownName, fold, world_country, world_suggestions

    matcher = country_matcher(ds)
    found = matcher.exact(query)
    if found is not None:
        return found, None
    world = world_country(query)
    try:
        found = matcher.prefix(query)
    except AmbiguousName as exc:
        if world is None:
            raise
        also = _("{query} is also {name} ({code}), which the report does not mention").format(
            query=repr(query), name=world[0], code=world[1]
        )
        exc.args = (f"{exc.args[0]}; {also}",)
        raise
    if found is not None:
        if world is None:
            return found, None
        if len(fold(query)) > 3:
            return NotMentioned(*world), _("{query} is the name of {name}, not the start of {other}").format(
                query=repr(query), name=world[0], other=country_name(found)
            )
        return found, _(
            "{query} taken as the start of {name} ({code}); "
            "it is also the code of {other} ({other_code}), which the report does not mention"
        ).format(query=repr(query), name=country_name(found), code=found["a2"], other=world[0], other_code=world[1])
    if world is not None:
        return NotMentioned(*world), None
    not_a_country = _not_a_country(ds, query)
    if not_a_country is not None:
        raise not_a_country
    world = world_country(query, words=True)
    if world is not None:
        taken = _("{query} taken as {name}, the only country with that name in it")
        return NotMentioned(*world), taken.format(query=repr(query), name=world[0])
    ours = matcher.suggestions(query)
    raise UnknownName("country", query, ours, [n for n in world_suggestions(query) if n not in ours][: 3 - len(ours)])


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
