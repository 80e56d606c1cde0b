"""Pure queries over a loaded dataset: resolve names, filter, build rows. No printing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final

from medcoop import i18n
from medcoop.errors import UsageError
from medcoop.i18n import N_, Joined, Msg, _, ngettext
from medcoop.terms import term
from medcoop.view import Bars, Cell, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.names import Matcher
    from medcoop.records import Country, Dataset, Organisation, Programme, Record, Source

Years = tuple[int, int]

_YEARS = r"^\s*(\d{4})\s*(?:[-\u2013:]\s*(\d{4})\s*)?$"  # compiled on first use (by re)


def parse_years(text: str | None, ds: Dataset) -> Years | None:
    """'2017' -> (2017, 2017); '2016-2017' -> (2016, 2017); inside the report period."""
    if text is None:
        return None
    lo, hi = ds["report"]["period_start"], ds["report"]["period_end"]
    match = re.match(_YEARS, text)
    if not match:
        raise UsageError(
            _("bad year {text}: give a year such as {start} or a range such as {start}-{end}").format(
                text=repr(text), start=lo, end=hi
            )
        )
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if start > end:
        raise UsageError(
            _("bad year range {text}: {start} is after {end}").format(text=repr(text), start=start, end=end)
        )
    if start < lo or end > hi:
        raise UsageError(
            _("year {text} is outside the report period {start}-{end}").format(text=repr(text), start=lo, end=hi)
        )
    return start, end


def _within(years: Years | None, start: int, end: int | None = None) -> bool:
    end = start if end is None else end
    return years is None or (start <= years[1] and end >= years[0])


def period(start: int, end: int, year_basis: str | None = None) -> str:
    """'2017', '2016-2018', or, for a sentence that states no period, 'not stated (report
    covers 2016-2018)': the record spans the report's years only because the report does."""
    span = str(start) if start == end else f"{start}-{end}"
    return Msg("not stated (report covers {span})", span=span) if year_basis == "not stated" else span


Citation = tuple[str, str, "str | None"]


def _cite(source: Source) -> Citation:
    return (source["section"], source["quote"], None)


def _table(columns: tuple[Column, ...], found: Iterable[tuple[Row, Source]], **kw: object) -> Table:
    pairs = list(found)
    return Table(
        columns=columns,
        rows=[row for row, _src in pairs],
        citations=tuple(_cite(src) for _row, src in pairs),
        **kw,  # type: ignore[arg-type]
    )


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def _names(ids: Iterable[str], names: dict[str, str]) -> list[str]:
    return [names[i] for i in ids]


def _corrected(printed: str, corrected: str | None) -> str:
    return printed if not corrected else Msg("{printed} (corrected: {corrected})", printed=printed, corrected=corrected)


# --------------------------------------------------------------------------- names


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


# --------------------------------------------------------------------------- country mentions

ROLE_LABELS = {
    "figure": Msg("headline figure"),
    "top_mission_sender": Msg("top mission sender"),
    "best_practice_partner": Msg("best-practice partner"),
    "south_south_partner": Msg("South-South partner"),
    "cooperation_partner": Msg("cooperation partner"),
    "event_host": Msg("event's country (as printed with it)"),
    "visitor": Msg("visitor's country"),
    "named": Msg("named in the sentence"),
}
ROLE_DETAILS = {
    "top_mission_sender": Msg(
        "Among the five countries that sent the largest number of government and business "
        "missions to Medellín during the last three years"
    ),
    "best_practice_partner": Msg(
        "One of six countries with which eight best practices were coordinated (the topics "
        "belong to the eight practices as a group: see 'medcoop topics')"
    ),
    "south_south_partner": Msg("Named among the countries of 17 South-South projects with knowledge transferred"),
}


class Mention:
    """A sentence of the report that names a country, in a role. amount_usd is money this
    row counts; a row that restates money another record counts names it in `restates`."""

    __slots__ = (
        "amount_usd", "country", "details", "editorial", "end", "restates", "role", "source", "start", "what",
        "year_basis",
    )  # fmt: skip

    def __init__(
        self,
        country: str,
        start: int,
        end: int,
        role: str,
        what: str,
        details: str,
        amount_usd: int | None,
        source: Source,
        *,
        year_basis: str | None = None,
        restates: str | None = None,
        editorial: tuple[str, ...] = (),
    ) -> None:
        self.country: Final = country
        self.start: Final = start
        self.end: Final = end
        self.role: Final = role
        self.what: Final = what
        self.details: Final = details
        self.amount_usd: Final = amount_usd
        self.source: Final = source
        self.year_basis: Final = year_basis
        self.restates: Final = restates
        self.editorial: Final = editorial  # which of what and details hold the editors' words


def mentions(ds: Dataset) -> Iterator[Mention]:
    """Every sentence of the report that names a country: the records that refer to it,
    then any other record whose quote prints one of its names (the first city in Colombia
    to join a network, the Ambassador of France in Colombia)."""
    quotes: dict[str, set[str]] = {}  # country -> the quotes of the records that refer to it
    for m in _linked_mentions(ds):
        quotes.setdefault(m.country, set()).add(m.source["quote"])
        yield m
    yield from _named_mentions(ds, quotes)


def _linked_mentions(ds: Dataset) -> Iterator[Mention]:
    orgs = org_names(ds)
    for m in ds["metrics"]:
        if m["country"]:
            usd = m["value"] if m["unit"] == "USD" else None
            what = (
                m["label"]
                if usd is not None
                else Msg("{label}: {value} {unit}", label=m["label"], value=m["value"], unit=term(m["unit"]))
            )
            yield Mention(
                m["country"],
                m["period_start"],
                m["period_end"],
                "figure",
                what,
                m["note"] or "",
                None if m["restates"] else usd,
                m["source"],
                year_basis=m["year_basis"],
                restates=m["restates"],
                editorial=_editors(("what", "metrics", m, "label"), ("details", "metrics", m, "note")),
            )
    for r in ds["country_roles"]:
        yield Mention(
            r["country"],
            r["period_start"],
            r["period_end"],
            r["role"],
            ROLE_DETAILS[r["role"]],
            Msg("Printed as {printed}", printed=repr(r["printed_as"])),
            None,
            r["source"],
            year_basis=r["year_basis"],
            editorial=("what",),  # medcoop's account of the sentence; the details quote it
        )
    for a in ds["actions"]:
        details: str = Joined(
            (
                Msg("modality: {modality}", modality=term(a["modality"])) if a["modality"] else None,
                Msg("partners: {names}", names=", ".join(orgs[p] for p in a["partners"])) if a["partners"] else None,
                a["details"],
            )
        )
        marks = _editors(("what", "actions", a, "summary"), *(("details", "actions", a, f) for f in _ACTION_DETAILS))
        for code in a["countries"]:
            yield Mention(
                code,
                a["year"],
                a["year"],
                "cooperation_partner",
                a["summary"],
                details,
                a["amount_usd"],
                a["source"],
                editorial=marks,
            )
    for e in ds["events"]:
        if e["country"]:
            details = _join(x for x in (e["participation"], e["city"] or "", e["note"] or "") if x)
            marks = _editors(("what", "events", e, "name"), *(("details", "events", e, f) for f in _EVENT_DETAILS))
            yield Mention(
                e["country"], e["year"], e["year"], "event_host", e["name"], details, None, e["source"],
                editorial=marks,
            )  # fmt: skip
    for v in ds["visitors"]:
        if v["country"]:
            what = Joined((_corrected(v["name"], v["name_corrected"]), v["title"]), ", ")
            details = Joined(
                (
                    Msg("title: {title}", title=v["title_corrected"]) if v["title_corrected"] else None,
                    v["correction_basis"],
                    Msg("country derived from the city printed ({city})", city=v["city"] or "")
                    if v["country_basis"] == "derived"
                    else None,
                )
            )
            marks = _editors(*(("details", "visitors", v, f) for f in _VISITOR_DETAILS))
            if v["country_basis"] == "derived":  # medcoop's words on how the country is known
                marks = ("details",)
            yield Mention(
                v["country"], v["year"], v["year"], "visitor", what, details, None, v["source"], editorial=marks,
            )  # fmt: skip


def _named_mentions(ds: Dataset, quotes: dict[str, set[str]]) -> Iterator[Mention]:
    """Records whose quote prints a country's name (as the report prints it) without
    quoting words of a record that refers to that country in a field (its own quote among them).

    A quote is compared with other quotes only when it names the country, and then only with
    the distinct quotes of the records that refer to that country: records repeated with the
    same sentence cost one comparison more each, not one per record already seen."""
    from medcoop.names import fold, word_pieces, word_regex

    # one pattern per country, of any of its names; and, to find the countries worth searching
    # for, one pattern of the first word of every name: a quote is scanned once for those
    patterns: dict[str, re.Pattern[str]] = {}
    by_first: dict[str, list[str]] = {}  # first piece of a name -> the countries it may begin
    for c in ds["countries"]:
        # names, not abbreviations: 'U.S. dollars' is a currency
        names = [n for n in dict.fromkeys([*c["printed_as"], c["name_en"]]) if len(fold(n)) > 3 and word_pieces(n)]
        if names:
            patterns[c["a2"]] = re.compile("|".join(f"(?:{word_regex(n)})" for n in names))
            for n in names:
                by_first.setdefault(word_pieces(n)[0][0], []).append(c["a2"])
    # the longest first piece found at a word start stands for every shorter one it begins with
    covers = {p: {code for q, codes in by_first.items() if p.startswith(q) for code in codes} for p in by_first}
    firsts = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(by_first, key=len, reverse=True))) + ")")
    for kind, _rid, start, end, basis, record in _records(ds):
        if kind in ("country", "country role", "organisation", "tally", "topics"):
            continue  # a country's own record; lists of names that country roles carry
        quote = fold(record["source"]["quote"])
        candidates = {code for m in firsts.finditer(quote) for code in covers[m.group()]}
        for code, pattern in patterns.items():
            if code in candidates and pattern.search(quote) and not _quoted_already(
                record["source"]["quote"], quotes.get(code, set())
            ):
                field, title = _title(record)
                what = Msg("{kind}: {title}", kind=RECORD_KINDS[kind], title=title)
                yield Mention(
                    code, start, end, "named", what, record["source"]["quote"], None, record["source"],
                    year_basis=basis, editorial=_editors(("what", COLLECTIONS[kind], record, field)),
                )  # fmt: skip


def _quoted_already(quote: str, quotes: set[str]) -> bool:
    """Whether one of `quotes` (those of the records that refer to a country) has the same
    words as `quote` (one quote inside the other)."""
    return quote in quotes or any(q in quote or quote in q for q in quotes)


def _title(record: Record) -> tuple[str, str]:
    """(field, value) of the text that names a record."""
    for key in ("label", "name", "summary", "title", "subject"):
        value = record.get(key)
        if isinstance(value, str):
            return key, value
    return "", ""


_ACTION_DETAILS = ("modality", "details")
_EVENT_DETAILS = ("participation", "city", "note")
_VISITOR_DETAILS = ("title_corrected", "correction_basis")
"""The fields an action's, an event's or a visitor's details in the country view are made of."""


def _editors(*cells: tuple[str, str, Mapping[str, object], str]) -> tuple[str, ...]:
    """The columns of a row that hold the editors' words: of (column, collection, record, field)
    each, the columns some value of whose fields medcoop.provenance declares the editors'."""
    from medcoop.provenance import editors_value

    return tuple(dict.fromkeys(column for column, name, record, field in cells if editors_value(name, field, record)))


_ROLE_ORDER = list(ROLE_LABELS)

COUNTRY_COLUMNS = (
    Column("period", "Period"),
    Column("role", "Role"),
    Column("what", "What"),
    Column("details", "Details"),
    Column("amount_usd", "Amount", "usd"),
    Column("restates", "Restates"),
    Column("editorial", "Editorial"),
)


def country(ds: Dataset, query: str, years: Years | None = None) -> View:
    found, notice = find_country(ds, query)
    if isinstance(found, NotMentioned):
        return View(
            table=Table(columns=COUNTRY_COLUMNS, rows=[]),
            notice=_join(x for x in (notice, found.notice) if x),
        )
    hits = sorted(
        (m for m in mentions(ds) if m.country == found["a2"] and _within(years, m.start, m.end)),
        key=lambda m: (m.start, m.end, _ROLE_ORDER.index(m.role)),
    )
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "period": period(m.start, m.end, m.year_basis),
                "role": ROLE_LABELS[m.role],
                "what": m.what,
                "details": m.details,
                "amount_usd": m.amount_usd,
                "restates": m.restates,
                "editorial": list(m.editorial),
            },
            m.source,
        )
        for m in hits
    )
    printed = ", ".join(found["printed_as"])
    names = (found["name_es"], found["name_en"]) if i18n.language == "es" else (found["name_en"], found["name_es"])
    preface = [
        f"{names[0]} · {names[1]} · {found['a2']} / {found['a3']}",
        _("Printed in the report as: {printed}").format(printed=printed),
    ]
    if found["note"]:
        preface.append(found["note"])
    table = _table(COUNTRY_COLUMNS, rows, empty_note=_("No mentions in these years."))
    return View(table=table, preface=tuple(preface), notice=notice)


COUNTRIES_COLUMNS = (
    Column("a2", "A2"),
    Column("a3", "A3"),
    Column("name_en", "English"),
    Column("name_es", "Spanish"),
    Column("printed_as", "Printed as"),
    Column("cooperation_actions", "Actions", "int"),
    Column("top_mission_sender", "Top sender", "int"),
    Column("best_practice_partner", "Best practices", "int"),
    Column("south_south_partner", "South-South", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("headline_figures", "Figures", "int"),
    Column("named_in_sentence", "Named elsewhere", "int"),
    Column("mentions", "Mentions", "int"),
)
_COUNT_KEYS = {
    "cooperation_partner": "cooperation_actions",
    "top_mission_sender": "top_mission_sender",
    "best_practice_partner": "best_practice_partner",
    "south_south_partner": "south_south_partner",
    "event_host": "events",
    "visitor": "visitors",
    "figure": "headline_figures",
    "named": "named_in_sentence",
}


def countries(ds: Dataset, years: Years | None = None) -> View:
    counts: dict[str, dict[str, int]] = {c["a2"]: dict.fromkeys(_COUNT_KEYS.values(), 0) for c in ds["countries"]}
    for m in mentions(ds):
        if _within(years, m.start, m.end):
            counts[m.country][_COUNT_KEYS[m.role]] += 1
    rows: list[tuple[Row, Source]] = []
    for c in ds["countries"]:
        n: dict[str, Cell] = dict(counts[c["a2"]])
        total = sum(counts[c["a2"]].values())
        rows.append(
            (
                {
                    "a2": c["a2"],
                    "a3": c["a3"],
                    "name_en": c["name_en"],
                    "name_es": c["name_es"],
                    "printed_as": list(c["printed_as"]),
                    **n,
                    "mentions": total,
                },
                c["source"],
            )
        )
    rows.sort(key=lambda pair: (-sum(counts[str(pair[0]["a2"])].values()), str(pair[0]["name_en"])))
    return View(table=_table(COUNTRIES_COLUMNS, rows))


# --------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = (
    Column("metric", "Metric"),
    Column("what", "What"),
    Column("value", "Value", "value"),
    Column("unit", "Unit"),
    Column("qualifier", "Qualifier"),
    Column("period", "Period"),
    Column("restates", "Restates"),
    Column("note", "Note"),
)


def _per_year(ds: Dataset, measure: str) -> list[tuple[int, int, str | None]]:
    return sorted(
        (m["period_start"], m["value"], m["qualifier"])
        for m in ds["metrics"]
        if m["measure"] == measure and m["period_start"] == m["period_end"]
    )


def summary(ds: Dataset, years: Years | None = None) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "metric": m["id"],
                "what": m["label"],
                "value": m["value"],
                "unit": term(m["unit"]),
                "qualifier": term(m["qualifier"]),
                "period": period(m["period_start"], m["period_end"], m["year_basis"]),
                "restates": m["restates"],
                "note": m["note"],
            },
            m["source"],
        )
        for m in ds["metrics"]
        if _within(years, m["period_start"], m["period_end"])
    )
    rep = ds["report"]
    preface = (f"{rep['title_es']} — {rep['title_en']} ({rep['publisher']})",)
    year_list = [y for y in range(rep["period_start"], rep["period_end"] + 1) if _within(years, y)]
    by_year = Table(
        columns=(Column("measure", "Per year"), *(Column(str(y), str(y)) for y in year_list)),
        rows=[
            {
                "measure": term(measure),
                **{str(y): _qualified(v, q) for y, v, q in _per_year(ds, measure) if y in year_list},
            }
            for measure in ("delegates", "journalists")
        ],
        title=_("The years side by side"),
    )
    extras: tuple[Table | Bars, ...] = (by_year, *_bars_per_year(ds, year_list))
    return View(table=_table(SUMMARY_COLUMNS, rows, title=_("Headline figures")), preface=preface, extras=extras)


def _bars_per_year(ds: Dataset, year_list: list[int]) -> tuple[Bars, ...]:
    """Bar charts of delegates and journalists in the given years."""
    titles = {"delegates": _("Delegates per year"), "journalists": _("Journalists per year")}
    return tuple(
        Bars(titles[measure], tuple((str(y), v) for y, v, _q in _per_year(ds, measure) if y in year_list))
        for measure in ("delegates", "journalists")
    )


def _qualified(value: int, qualifier: str | None) -> str:
    """A value for people (table view only): 'more than 900', 'más de 900'."""
    return f"{_(qualifier)} {i18n.number(value)}" if qualifier else i18n.number(value)


# --------------------------------------------------------------------------- awards

AWARDS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_corrected", "Public-record name"),
    Column("awarding_body", "Awarding body"),
    Column("recipient", "Recipient"),
    Column("note", "Note"),
)


def awards(ds: Dataset, years: Years | None = None) -> View:
    orgs = org_names(ds)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "year": w["year"],
                "kind": term(w["kind"]),
                "name": w["name"],
                "name_corrected": w["name_corrected"],
                "awarding_body": orgs[w["awarding_body"]] if w["awarding_body"] else None,
                "recipient": w["recipient"],
                "note": _join(x for x in (w["note"], w["year_note"]) if x) or None,
            },
            w["source"],
        )
        for w in sorted(ds["awards"], key=lambda w: w["year"])
        if _within(years, w["year"])
    )
    tallies = Table(
        columns=(Column("period", "Period"), Column("stated", "What the report counts")),
        rows=[
            {
                "period": period(t["period_start"], t["period_end"]),
                "stated": _tally_text(t["count"], t["counted"], t["named_what"], t["named"]),
            }
            for t in ds["tallies"]
            if t["subject"] == "awards" and _within(years, t["period_start"], t["period_end"])
        ],
        title=_("Counts stated in the report"),
    )
    return View(table=_table(AWARDS_COLUMNS, rows, title=_("Awards and mentions")), extras=(tallies,))


MILESTONES_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_basis", "Name is"),
    Column("organisation", "Organisation"),
    Column("note", "Note"),
)


def milestones(ds: Dataset, years: Years | None = None) -> View:
    """Recognitions that are no awards: a network membership, an appointment."""
    orgs = org_names(ds)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": m["id"],
                "year": m["year"],
                "kind": term(m["kind"]),
                "name": m["name"],
                "name_basis": term(m["name_basis"]),
                "organisation": orgs[m["organisation"]] if m["organisation"] else None,
                "note": m["note"],
            },
            m["source"],
        )
        for m in sorted(ds["milestones"], key=lambda m: m["year"])
        if _within(years, m["year"])
    )
    return View(table=_table(MILESTONES_COLUMNS, rows, title=_("Memberships and appointments")))


def _tally_text(count: int, counted: str, named_what: str, named: list[str]) -> str:
    """A count as the table view says it: '4 international awards for the city, 1 named: ...'."""
    names = ", ".join(named)
    if named_what == "awards":
        return ngettext(
            "{count} {counted}, {named} named: {names}", "{count} {counted}, {named} named: {names}", len(named)
        ).format(count=count, counted=counted, named=len(named), names=names)
    return _("{count} {counted}, none named; {named_what} named: {names}").format(
        count=count, counted=counted, named_what=_(named_what), names=names
    )


# --------------------------------------------------------------------------- listings


def _country_filter(ds: Dataset, name: str | None) -> tuple[str | None, str | None]:
    """(alpha-2 to keep, notice) for a --country option."""
    if name is None:
        return None, None
    found, notice = find_country(ds, name)
    if isinstance(found, NotMentioned):
        return "", _join(x for x in (notice, found.notice) if x)
    return found["a2"], notice


ACTIONS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("heading", "Heading as printed"),
    Column("partners", "Partners"),
    Column("countries", "Countries"),
    Column("modality", "Modality"),
    Column("summary", "Summary"),
    Column("amount_usd", "Amount", "usd"),
    Column("beneficiaries", "Benefits"),
    Column("programmes", "Programmes"),
    Column("details", "Details"),
    Column("note", "Note"),
)


def actions(
    ds: Dataset,
    years: Years | None = None,
    *,
    country: str | None = None,
    partner: str | None = None,
    modality: str | None = None,
) -> View:
    from medcoop.names import fold

    orgs = org_names(ds)
    programmes_of: dict[str, list[str]] = {}
    for g in ds["programmes"]:
        for aid in g["actions"]:
            programmes_of.setdefault(aid, []).append(g["name"])
    code, notice = _country_filter(ds, country)
    org = partner_matcher(ds).resolve(partner)["id"] if partner is not None else None
    wanted = _modality_filter(ds, modality) if modality is not None else None
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": a["id"],
                "year": a["year"],
                "heading": a["heading_as_printed"],
                "partners": _names(a["partners"], orgs),
                "countries": list(a["countries"]),
                "modality": term(a["modality"]),
                "summary": a["summary"],
                "amount_usd": a["amount_usd"],
                "beneficiaries": _names(a["beneficiaries"], orgs),
                "programmes": programmes_of.get(a["id"], []),
                "details": a["details"],
                "note": a["note"],
            },
            a["source"],
        )
        for a in ds["actions"]
        if _within(years, a["year"])
        and (code is None or code in a["countries"])
        and (org is None or org in a["partners"] or org in a["beneficiaries"])
        and (wanted is None or (a["modality"] is not None and wanted in fold(a["modality"])))
    )
    return View(table=_table(ACTIONS_COLUMNS, rows, title=_("Cooperation actions")), notice=notice)


def _modality_filter(ds: Dataset, modality: str) -> str:
    """The folded text --modality matches (any part of a modality, ignoring case and accents);
    a modality that matches none of the dataset's is a usage error listing them."""
    from medcoop.names import fold

    known = sorted({a["modality"] for a in ds["actions"] if a["modality"]})
    wanted = fold(modality)
    if not any(wanted in fold(m) for m in known):
        raise UsageError(
            _("unknown modality {modality}: the modalities are {known}").format(
                modality=repr(modality), known=", ".join(known)
            )
        )
    return wanted


EVENTS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Event"),
    Column("organiser", "Organiser"),
    Column("city", "City"),
    Column("country", "Country"),
    Column("participation", "Participation"),
    Column("note", "Note"),
)


def events(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    orgs = org_names(ds)
    code, notice = _country_filter(ds, country)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": e["id"],
                "year": e["year"],
                "name": e["name"],
                "organiser": orgs[e["organiser"]] if e["organiser"] else None,
                "city": e["city"],
                "country": e["country"],
                "participation": e["participation"],
                "note": e["note"],
            },
            e["source"],
        )
        for e in ds["events"]
        if _within(years, e["year"]) and (code is None or e["country"] == code)
    )
    return View(table=_table(EVENTS_COLUMNS, rows, title=_("International events")), notice=notice)


VISITORS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("title", "Title as printed"),
    Column("title_corrected", "Corrected title"),
    Column("organisation", "Organisation"),
    Column("country", "Country"),
    Column("country_basis", "Country is"),
    Column("city", "City"),
    Column("correction_basis", "Basis of correction"),
    Column("note", "Note"),
)


def visitors(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    orgs = org_names(ds)
    code, notice = _country_filter(ds, country)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": v["id"],
                "year": v["year"],
                "name": v["name"],
                "name_corrected": v["name_corrected"],
                "title": v["title"],
                "title_corrected": v["title_corrected"],
                "organisation": orgs[v["organisation"]] if v["organisation"] else None,
                "country": v["country"],
                "country_basis": term(v["country_basis"]),
                "city": v["city"],
                "correction_basis": v["correction_basis"],
                "note": v["note"],
            },
            v["source"],
        )
        for v in ds["visitors"]
        if _within(years, v["year"]) and (code is None or v["country"] == code)
    )
    return View(table=_table(VISITORS_COLUMNS, rows, title=_("Visiting personalities")), notice=notice)


PARTNERS_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("acronym", "Acronym"),
    Column("kind", "Kind"),
    Column("kind_basis", "Kind is"),
    Column("country", "Country"),
    Column("actions", "Actions", "int"),
    Column("awards", "Awards", "int"),
    Column("milestones", "Milestones", "int"),
    Column("tally_items", "Named in a count", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
)
_PARTNER_COUNTS = ("actions", "awards", "milestones", "tally_items", "events", "visitors")


def _org_mentions(ds: Dataset) -> Iterator[tuple[str, int, str, str, str, Source]]:  # noqa: C901 - flat
    """(organisation id, year, role, what, details, source) for every link to an organisation."""
    for a in ds["actions"]:
        for p in a["partners"]:
            yield p, a["year"], "actions", a["summary"], a["details"], a["source"]
        for b in a["beneficiaries"]:
            benefits = Msg("benefits from: {summary}", summary=a["summary"])
            yield b, a["year"], "actions", benefits, a["heading_as_printed"], a["source"]
    for w in ds["awards"]:
        for ref, role in (
            (w["awarding_body"], Msg("awarding body: {name}", name=w["name"])),
            (w["recipient_org"], Msg("recipient: {name}", name=w["name"])),
        ):
            if ref:
                yield ref, w["year"], "awards", role, w["recipient"], w["source"]
    for m in ds["milestones"]:
        if m["organisation"]:
            what: str = Msg("{kind}: {name}", kind=term(m["kind"]), name=m["name"])
            yield m["organisation"], m["year"], "milestones", what, m["note"] or "", m["source"]
    yield from _tally_org_mentions(ds)
    for e in ds["events"]:
        if e["organiser"]:
            what = Msg("organiser: {name}", name=e["name"])
            yield e["organiser"], e["year"], "events", what, e["participation"], e["source"]
    for v in ds["visitors"]:
        if v["organisation"]:
            what = Joined((_corrected(v["name"], v["name_corrected"]), v["title"]), ", ")
            yield v["organisation"], v["year"], "visitors", what, "", v["source"]


def _tally_org_mentions(ds: Dataset) -> Iterator[tuple[str, int, str, str, str, Source]]:
    """Organisations named as items of a count the report states ('six awards for initiatives
    from the Mobility Secretariat, ...'): labelled as tally items, not as awards."""
    orgs = {o["id"] for o in ds["organisations"]}
    for t in ds["tallies"]:
        for ref in t["named_refs"]:
            if ref in orgs:
                what = Msg(
                    "named among {count} {counted} (a count: the items are not listed one by one)",
                    count=t["count"],
                    counted=t["counted"],
                )
                yield ref, t["period_start"], "tally_items", what, t["source"]["quote"], t["source"]


def partners(ds: Dataset, years: Years | None = None) -> View:
    counts = {o["id"]: dict.fromkeys(_PARTNER_COUNTS, 0) for o in ds["organisations"]}
    for org, year, kind, *_rest in _org_mentions(ds):
        if _within(years, year):
            counts[org][kind] += 1
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": o["id"],
                "name": o["name"],
                "name_corrected": o["name_corrected"],
                "acronym": o["acronym"],
                "kind": term(o["kind"]),
                "kind_basis": term(o["kind_basis"]),
                "country": o["country"],
                **counts[o["id"]],
            },
            o["source"],
        )
        for o in ds["organisations"]
    )
    return View(table=_table(PARTNERS_COLUMNS, rows, title=_("Organisations")))


RECORD_LISTS = {
    key: Msg(key)
    for key in (
        N_("actions"), N_("awards"), N_("milestones"), N_("tally_items"), N_("events"), N_("visitors"),
        N_("summary"), N_("topics"), N_("countries"), N_("partners"), N_("tallies"), N_("programmes"),
    )
}  # fmt: skip
"""The listings a partner's or programme's row comes from (the record column)."""

PARTNER_COLUMNS = (
    Column("year", "Year", "year"),
    Column("record", "Record"),
    Column("what", "What"),
    Column("details", "Details"),
)


def partner(ds: Dataset, name: str, years: Years | None = None) -> View:
    matcher = partner_matcher(ds)
    org = matcher.exact(name)
    if org is None and programme_matcher(ds).exact(name) is not None:
        raise UsageError(
            _("{query} is a programme, not a partner: see 'medcoop programme {text}'").format(
                query=repr(name), text=shell_word(name)
            )
        )
    org = org or matcher.resolve(name)
    rows: Iterable[tuple[Row, Source]] = (
        ({"year": year, "record": RECORD_LISTS[kind], "what": what, "details": details or None}, src)
        for oid, year, kind, what, details, src in sorted(_org_mentions(ds), key=lambda m: m[1])
        if oid == org["id"] and _within(years, year)
    )
    preface = [_corrected(org["name"], org["name_corrected"])]
    preface.append(" · ".join(x for x in (org["acronym"], i18n.shown(term(org["kind"]) or ""), org["country"]) if x))
    if org["correction_basis"]:
        preface.append(org["correction_basis"])
    return View(table=_table(PARTNER_COLUMNS, rows), preface=tuple(preface))


YEARS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("delegates", "Delegates", "int"),
    Column("delegates_qualifier", "Qualifier"),
    Column("journalists", "Journalists", "int"),
    Column("awards_stated", "Awards stated", "int"),
    Column("awards_named", "Awards named", "int"),
    Column("milestones", "Milestones", "int"),
    Column("actions", "Actions", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("usd_stated_in_actions", "USD stated in actions", "usd"),
)


def years_view(ds: Dataset, years: Years | None = None) -> View:
    """One row per year. Every count is the number of rows the listing shows for that year
    (`awards --year Y`, `actions --year Y`, ...), so the two never disagree; the USD is the
    sum of the amount_usd the actions listing shows for the year."""
    rep = ds["report"]
    delegates = {y: (v, q) for y, v, q in _per_year(ds, "delegates")}
    journalists = {y: v for y, v, _q in _per_year(ds, "journalists")}
    year_list = [y for y in range(rep["period_start"], rep["period_end"] + 1) if _within(years, y)]
    rows: list[tuple[Row, Citation]] = []
    for year in year_list:
        only = (year, year)
        stated = [
            t["count"]
            for t in ds["tallies"]
            if t["subject"] == "awards" and t["period_start"] == t["period_end"] == year
        ]
        listed_actions = actions(ds, only).table.rows
        amounts = [a for a in (r["amount_usd"] for r in listed_actions) if isinstance(a, int)]
        row: Row = {
            "year": year,
            "delegates": delegates.get(year, (None, None))[0],
            "delegates_qualifier": term(delegates.get(year, (None, None))[1]),
            "journalists": journalists.get(year),
            "awards_stated": sum(stated) if stated else None,
            "awards_named": len(awards(ds, only).table.rows),
            "milestones": len(milestones(ds, only).table.rows),
            "actions": len(listed_actions),
            "events": len(events(ds, only).table.rows),
            "visitors": len(visitors(ds, only).table.rows),
            "usd_stated_in_actions": sum(amounts) if amounts else None,
        }
        basis = Msg(
            "derived: counts of the records of {year} in the listings (awards, milestones, actions, events, "
            "visitors --year {year}); delegates, journalists and awards stated from section {year}",
            year=str(year),
        )
        rows.append((row, (str(year), "", basis)))
    charts = _bars_per_year(ds, year_list)
    note = _("Counts per year are derived from the dataset's records; USD is the sum of the amounts actions state.")
    table = Table(
        columns=YEARS_COLUMNS,
        rows=[row for row, _cite in rows],
        citations=tuple(cite for _row, cite in rows),
        title=_("The report year by year"),
    )
    return View(table=table, preface=(note,), extras=charts)


RECORD_KINDS = {
    kind: Msg(kind)
    for kind in (
        N_("metric"), N_("topics"), N_("country"), N_("organisation"), N_("action"), N_("country role"),
        N_("event"), N_("award"), N_("milestone"), N_("tally"), N_("visitor"), N_("programme"),
    )
}  # fmt: skip
"""The kinds of record, as search and the country view name them (translated where people read them)."""

COLLECTIONS = {
    "metric": "metrics", "topics": "topic_lists", "country": "countries", "organisation": "organisations",
    "action": "actions", "country role": "country_roles", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip
"""Kind of record -> its collection in the dataset (medcoop.provenance declares its fields)."""

SEARCH_COLUMNS = (
    Column("kind", "Kind"),
    Column("id", "Id"),
    Column("period", "Period"),
    Column("field", "Field"),
    Column("text", "Matching text"),
    Column("editorial", "Editorial"),
)


def _records(ds: Dataset) -> Iterator[tuple[str, str, int, int, str | None, Record]]:  # noqa: C901 - flat
    """(kind, id, first year, last year, year basis, record) of every record; a record
    with no year of its own (a country, an organisation) spans the report's period."""
    lo, hi = ds["report"]["period_start"], ds["report"]["period_end"]
    for m in ds["metrics"]:
        yield "metric", m["id"], m["period_start"], m["period_end"], m["year_basis"], m
    for t in ds["topic_lists"]:
        yield "topics", t["id"], t["period_start"], t["period_end"], t["year_basis"], t
    for c in ds["countries"]:
        yield "country", c["a2"], lo, hi, None, c
    for o in ds["organisations"]:
        yield "organisation", o["id"], lo, hi, None, o
    for a in ds["actions"]:
        yield "action", a["id"], a["year"], a["year"], a["year_basis"], a
    for r in ds["country_roles"]:
        yield "country role", r["id"], r["period_start"], r["period_end"], r["year_basis"], r
    for e in ds["events"]:
        yield "event", e["id"], e["year"], e["year"], e["year_basis"], e
    for w in ds["awards"]:
        yield "award", w["id"], w["year"], w["year"], w["year_basis"], w
    for ms in ds["milestones"]:
        yield "milestone", ms["id"], ms["year"], ms["year"], ms["year_basis"], ms
    for t2 in ds["tallies"]:
        yield "tally", t2["id"], t2["period_start"], t2["period_end"], t2["year_basis"], t2
    for v in ds["visitors"]:
        yield "visitor", v["id"], v["year"], v["year"], v["year_basis"], v
    for g in ds["programmes"]:
        first = lo if g["since"] is None else max(g["since"], lo)
        yield "programme", g["id"], first, hi, g["year_basis"], g


_REF_FIELDS = (
    "partners", "beneficiaries", "organiser", "awarding_body", "recipient_org", "organisation", "named_refs",
    "restates", "actions", "awards",
)  # fmt: skip
"""Fields of a record that refer to other records by id."""


def _first_match(record: Record, matches: Callable[[str], bool], skip: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(field path, text) of the first string of a record, in field order, that matches;
    ids and references are left out (they are for machines), and the fields in `skip`. Lists
    hold strings; the one object inside a record is its source."""
    for name, item in record.items():
        if name == "id" or name in _REF_FIELDS or name in skip:
            continue
        if type(item) is str:
            if matches(item):
                return name, item
        elif type(item) is list:
            for element in item:
                if type(element) is str and matches(element):
                    return name, element
        elif type(item) is dict:
            for key, text in item.items():
                if type(text) is str and matches(text):
                    return f"{name}.{key}", text
    return None


def _named_refs(ds: Dataset, text: str) -> dict[str, str]:
    """{id: name} of the organisations and programmes that text names exactly (a name,
    acronym or alias: 'BID' is the IDB), and of the records a programme links, so that
    the records referring to them are found."""
    found: dict[str, str] = {}
    org = partner_matcher(ds).exact(text)
    if org is not None:
        found[org["id"]] = org["name_corrected"] or org["name"]
    programme = programme_matcher(ds).exact(text)
    if programme is not None:
        found[programme["id"]] = programme["name"]
        for ref in (*programme["actions"], *programme["awards"]):
            found[ref] = programme["name"]
    return found


def _refers(record: Record, rid: str, refs: dict[str, str]) -> tuple[str, str] | None:
    if rid in refs:
        return "id", refs[rid]
    for name in _REF_FIELDS:
        value = record.get(name)
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, str) and ref in refs:
                return name, refs[ref]
    return None


def search(ds: Dataset, text: str, years: Years | None = None) -> View:
    """Every record with a text at whose word starts the words of `text` stand, in order,
    ignoring case and accents (a word in capitals, an acronym, matches whole words only);
    and every record that refers to an organisation or programme `text` names exactly.
    --year keeps the records whose year or period overlaps it, as every listing does."""
    from medcoop.names import fold, word_pattern
    from medcoop.provenance import editors_value

    pattern = word_pattern(text)
    if pattern is None:
        raise UsageError(_("give some text to search for"))
    refs = _named_refs(ds, text)

    def matches(value: str) -> bool:
        return pattern.search(fold(value)) is not None

    rows: list[tuple[Row, Source]] = []
    for kind, rid, start, end, basis, record in _records(ds):
        if not _within(years, start, end):
            continue
        found = _first_match(record, matches) or _refers(record, rid, refs)
        if found is not None:
            field, value = found
            row: Row = {
                "kind": RECORD_KINDS[kind],
                "id": rid,
                "period": period(start, end, basis),
                "field": field,
                "text": value,
                "editorial": ["text"] if editors_value(COLLECTIONS[kind], field, record) else [],
            }
            rows.append((row, record["source"]))
    title = _("Records matching {text}").format(text=repr(text))
    return View(table=_table(SEARCH_COLUMNS, rows, title=title, highlight=text))


# --------------------------------------------------------------------------- the rest of the records

SECTIONS_COLUMNS = (
    Column("section", "Section"),
    Column("heading_as_printed", "Heading as printed"),
    Column("year", "Year", "year"),
    Column("year_basis", "Year is"),
    Column("basis", "Basis"),
)


def sections(ds: Dataset) -> View:
    """The report itself: its title, publisher, period, and how each section's year is known."""
    rep = ds["report"]
    rows: list[Row] = [
        {
            "section": s["id"],
            "heading_as_printed": s["heading_as_printed"],
            "year": s["year"],
            "year_basis": term(s["year_basis"]),
            "basis": s["basis"],
        }
        for s in rep["sections"]
    ]
    preface = (
        f"{rep['title_es']} — {rep['title_en']}",
        _("Publisher: {publisher} · period {period} · language {language}").format(
            publisher=rep["publisher"], period=period(rep["period_start"], rep["period_end"]), language=rep["language"]
        ),
        rep["source_text"],
    )
    # the quote is the section's printed heading; the introduction has none but the report's title
    citations = tuple(
        (s["id"], s["heading_as_printed"] or (rep["title_en"] if s["id"] == "introduction" else ""), None)
        for s in rep["sections"]
    )
    table = Table(columns=SECTIONS_COLUMNS, rows=rows, citations=citations, title=_("Sections"))
    return View(table=table, preface=tuple(line for line in preface if line))


TALLIES_COLUMNS = (
    Column("id", "Id"),
    Column("period", "Period"),
    Column("subject", "Subject"),
    Column("count", "Count", "int"),
    Column("counted", "What is counted"),
    Column("named_what", "Items named are"),
    Column("named_count", "Named", "int"),
    Column("named", "Named items"),
    Column("complete", "Complete list"),
    Column("note", "Note"),
)


def tallies(ds: Dataset, years: Years | None = None) -> View:
    """Counts the report states, with the items it names ('Four awards, including …')."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "period": period(t["period_start"], t["period_end"], t["year_basis"]),
                "subject": t["subject"],
                "count": t["count"],
                "counted": t["counted"],
                "named_what": term(t["named_what"]),
                "named_count": len(t["named"]),
                "named": list(t["named"]),
                "complete": Msg("yes") if t["complete"] else Msg("no"),
                "note": t["note"],
            },
            t["source"],
        )
        for t in ds["tallies"]
        if _within(years, t["period_start"], t["period_end"])
    )
    return View(table=_table(TALLIES_COLUMNS, rows, title=_("Counts stated in the report")))


PROGRAMMES_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name"),
    Column("acronym", "Acronym"),
    Column("kind", "Kind"),
    Column("since", "Since", "year"),
    Column("year_basis", "Year is"),
    Column("actions", "Actions"),
    Column("awards", "Awards"),
    Column("description", "Description"),
    Column("note", "Note"),
)


def programme_matcher(ds: Dataset) -> Matcher[Programme]:
    from medcoop.names import Matcher

    names = ((g, g["name"], [*(x for x in (g["acronym"],) if x), *g["aliases"]]) for g in ds["programmes"])
    return Matcher("programme", names)


def programmes(ds: Dataset) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": g["id"],
                "name": g["name"],
                "acronym": g["acronym"],
                "kind": term(g["kind"]),
                "since": g["since"],
                "year_basis": term(g["year_basis"]),
                "actions": list(g["actions"]),
                "awards": list(g["awards"]),
                "description": g["description"],
                "note": g["note"],
            },
            g["source"],
        )
        for g in ds["programmes"]
    )
    return View(table=_table(PROGRAMMES_COLUMNS, rows, title=_("Programmes and initiatives")))


PROGRAMME_COLUMNS = (
    Column("period", "Period"),
    Column("record", "Record"),
    Column("what", "What"),
    Column("details", "Details"),
)

_KIND_LISTS = {
    "metric": "summary", "topics": "topics", "country": "countries", "organisation": "partners",
    "action": "actions", "country role": "countries", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip
"""The listing that shows each kind of record."""


_NOTES = ("note", "correction_basis", "kind_basis", "basis")
"""The editors' notes on a record, which may name what the record does not (a programme
printed in the paragraph before)."""


def programme(ds: Dataset, name: str, years: Years | None = None) -> View:
    """Everything about one programme: every record that names it (by name, acronym or alias,
    as `search` matches, the editors' notes aside: its own record, figures, tallies ...) or
    refers to it (its actions and awards), in the order of their periods."""
    from medcoop.names import fold, word_pattern

    g = programme_matcher(ds).resolve(name)
    patterns = [p for p in map(word_pattern, filter(None, (g["name"], g["acronym"], *g["aliases"]))) if p is not None]
    linked = {g["id"], *g["actions"], *g["awards"]}

    def names_it(value: str) -> bool:
        folded = fold(value)
        return any(p.search(folded) for p in patterns)

    found = [
        (start, end, basis, kind, record)
        for kind, rid, start, end, basis, record in _records(ds)
        if _within(years, start, end) and (rid in linked or _first_match(record, names_it, _NOTES) is not None)
    ]
    rows: list[tuple[Row, Source]] = []
    for start, end, basis, kind, record in sorted(found, key=lambda x: (x[0], x[1])):
        what, details = _what_and_details(kind, record)
        row: Row = {
            "period": period(start, end, basis),
            "record": RECORD_LISTS[_KIND_LISTS[kind]],
            "what": what,
            "details": details,
        }
        rows.append((row, record["source"]))
    preface = (
        " · ".join(x for x in (g["name"], g["acronym"], i18n.shown(term(g["kind"]) or "")) if x),
        g["description"],
        *((g["note"],) if g["note"] else ()),
    )
    return View(table=_table(PROGRAMME_COLUMNS, rows), preface=preface)


def _what_and_details(kind: str, record: Record) -> tuple[str, str | None]:
    """What a record is and its details, as a programme's row shows them."""
    fields: Mapping[str, object] = record

    def text(key: str) -> str | None:
        value = fields.get(key)
        return value if isinstance(value, str) else None

    if kind == "action":
        return text("summary") or "", text("details")
    if kind == "award":
        return text("name") or "", text("recipient")
    if kind == "metric":
        unit = term(text("unit") or "")
        return Msg("{label}: {value} {unit}", label=text("label") or "", value=fields["value"], unit=unit), text("note")
    return _title(record)[1], text("description") or text("note")


TOPICS_COLUMNS = (
    Column("id", "Id"),
    Column("context", "Context"),
    Column("period", "Period"),
    Column("position", "#", "int"),
    Column("topic", "Topic"),
)


def topics(ds: Dataset) -> View:
    """The topic lists of the report, one row per topic in the order printed."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "context": t["context"],
                "period": period(t["period_start"], t["period_end"]),
                "position": i,
                "topic": topic,
            },
            t["source"],
        )
        for t in ds["topic_lists"]
        for i, topic in enumerate(t["topics"], start=1)
    )
    return View(table=_table(TOPICS_COLUMNS, rows, title=_("Topics")))
