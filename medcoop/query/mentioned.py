"""Country mentions: every record that names a country, linked or named in its sentence, in a role."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from medcoop.i18n import Joined, Msg
from medcoop.terms import term
from medcoop.translations import localised

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source
from medcoop.query.periods import Span
from medcoop.query.resolve import org_names, sides
from medcoop.query.rows import (
    _ACTION_DETAILS,
    _EVENT_DETAILS,
    _VISITOR_DETAILS,
    COLLECTIONS,
    RECORD_KINDS,
    _corrected,
    _editors,
    _join,
    _records,
    _title,
)

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
        "Among the five countries that sent the largest number of government and business missions to Medellín"
    ),
    "best_practice_partner": Msg("One of six countries with which eight best practices were coordinated"),
    "south_south_partner": Msg("Named among the countries of 17 projects whose knowledge Medellín transferred"),
}
"""What a role of the report's lists of countries means, in few words (the period says when);
the details say how the sentence prints the country, and ROLE_NOTES what else it says."""
ROLE_NOTES = {
    "best_practice_partner": Msg("the topics belong to the eight practices as a group: see 'medcoop topics'"),
}


class Mention:
    """A sentence of the report that names a country, in a role. amount_usd is money this
    row counts; a row that restates money another record counts names it in `restates`."""

    __slots__ = (
        "amount_usd", "country", "details", "editorial", "end", "how", "record", "restates", "role", "source",
        "start", "what", "year_basis",
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
        record: tuple[str, str] = ("", ""),
        how: str = "printed",
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
        self.record: Final = record  # (table, id) of the record that names the country
        self.how: Final = how  # HOW: whether its sentence prints the country's name, or the editors derive it

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.year_basis)


HOW = {
    "printed": Msg("printed"),
    "derived from a city": Msg("derived from a city"),
    "derived": Msg("derived"),
}
"""How a record names a country: its sentence prints one of the country's names ("Colombian",
"U.S.", "Burma"); it prints a city of the country (the Mayor of Paris); or the editors read the
country into it ("the country" is Colombia)."""


def mentions(ds: Dataset, country: str | None = None) -> Iterator[Mention]:
    """Every sentence of the report that names a country: the records that refer to it,
    then any other record whose quote prints one of its names (the first city in Colombia
    to join a network, the Ambassador of France in Colombia).

    With a country (its code), only that country's mentions, in the same order: the rows of
    every mention whose country it is, built without building the others' (no Mention made
    for a record that does not refer to it, each quote searched for its names only).

    Which records name a country only in their sentence, and whether each sentence prints the
    country's name, are read from the quotes with regular expressions; for the shipped dataset
    of an installed medcoop those answers were read when the wheel was built (decisions(),
    medcoop/_shipped.py MENTIONS), so that a command does not compile the expressions again."""
    made = _shipped_decisions(ds)
    how = _printed_names(ds) if made is None else _decided_how(made)
    quotes: dict[str, set[str]] = {}  # country -> the quotes of the records that refer to it
    for m in _linked_mentions(ds, how, country):
        quotes.setdefault(m.country, set()).add(m.source["quote"])
        yield m
    if made is None:
        yield from _named_mentions(ds, quotes, how, country)
    else:
        yield from _decided_named_mentions(ds, made, how, country)


Decisions = dict[str, Any]
"""What decisions() reads from the quotes: {"how": {"CODE TABLE ID": how}, "named": [[CODE, TABLE, ID], ...]}."""


def decisions(ds: Dataset) -> Decisions:
    """The answers mentions() reads from the quotes with regular expressions, as plain data (for
    medcoop/snapshot.py to compile into the wheel beside the shipped dataset): how each mention's
    sentence names its country, and which records name a country only in their sentence, in order."""
    how = _printed_names(ds)
    found = list(_linked_mentions(ds, how))
    quotes: dict[str, set[str]] = {}
    for m in found:
        quotes.setdefault(m.country, set()).add(m.source["quote"])
    named = list(_named_mentions(ds, quotes, how))
    return {
        "how": {_key(m.country, *m.record): m.how for m in (*found, *named)},
        "named": [[m.country, *m.record] for m in named],
    }


def _key(code: str, table: str, rid: str) -> str:
    return f"{code} {table} {rid}"


def _shipped_decisions(ds: Dataset) -> Decisions | None:
    """The decisions compiled into an installed medcoop, when ds is the dataset compiled with them."""
    import sys

    module = sys.modules.get("medcoop._shipped")
    if module is None or ds is not getattr(module, "DATASET", None):
        return None
    made = getattr(module, "MENTIONS", None)
    return made if isinstance(made, dict) else None


How = Callable[[str, str, str, str], str]
"""how(country, table, record id, quote): whether the record's quote prints the country's name."""


def _decided_how(made: Decisions) -> How:
    table: dict[str, str] = made["how"]
    return lambda code, kind, rid, _quote: table[_key(code, kind, rid)]


def mention_rows(ds: Dataset) -> Iterator[dict[str, str | int | None]]:
    """The rows of the `mentions` table (medcoop.export): one per country and record that names
    it, with the role as the count column of `countries`, how it names it, and its year when it
    is dated in one (medcoop.periods): every count of a country is a GROUP BY of them."""
    for m in mentions(ds):
        yield {
            "country": m.country,
            "record_table": m.record[0],
            "record_id": m.record[1],
            "role": _COUNT_KEYS[m.role],
            "how": m.how,
            "year": m.span.by_year,
            "period": str(m.span.label()),
            "amount_usd": m.amount_usd,
            "section": m.source["section"],
            "quote": m.source["quote"],
        }


def _printed_names(ds: Dataset) -> How:
    """how(country, table, id, quote): 'printed' when the quote prints one of the country's names
    (a name the report prints, with a capital: 'the country' is the editors' reading), else 'derived'."""
    from medcoop.names import fold, word_regex

    patterns: dict[str, re.Pattern[str] | None] = {}

    def how(code: str, _table: str, _rid: str, quote: str) -> str:
        if code not in patterns:
            c = next(c for c in ds["countries"] if c["a2"] == code)
            names = [n for n in dict.fromkeys([*c["printed_as"], c["name_en"]]) if n != n.lower()]
            regexes = [r for r in map(word_regex, names) if r]
            patterns[code] = re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None
        pattern = patterns[code]
        return "printed" if pattern is not None and pattern.search(fold(quote)) else "derived"

    return how


def _linked_mentions(ds: Dataset, how: How, only: str | None = None) -> Iterator[Mention]:  # noqa: C901 - flat
    """The mentions of the records that refer to a country in a field (of that country only,
    when `only` is a code: a record that does not refer to it is passed over unread)."""
    orgs = org_names(ds)
    for m in ds["metrics"]:
        if m["country"] and (only is None or m["country"] == only):
            usd = m["value"] if m["unit"] == "USD" else None
            label = localised(m, "label") or ""
            what = (
                label
                if usd is not None
                else Msg("{label}: {value} {unit}", label=label, value=m["value"], unit=term(m["unit"]))
            )
            yield Mention(
                m["country"],
                m["period_start"],
                m["period_end"],
                "figure",
                what,
                localised(m, "note") or "",
                None if m["restates"] else usd,
                m["source"],
                year_basis=m["year_basis"],
                restates=m["restates"],
                editorial=_editors(("what", "metrics", m, "label"), ("details", "metrics", m, "note")),
                record=("metrics", m["id"]),
                how=how(m["country"], "metrics", m["id"], m["source"]["quote"]),
            )
    for r in ds["country_roles"]:
        if only is not None and r["country"] != only:
            continue
        yield Mention(
            r["country"],
            r["period_start"],
            r["period_end"],
            r["role"],
            ROLE_DETAILS[r["role"]],
            Joined((Msg("Printed as {printed}", printed=repr(r["printed_as"])), ROLE_NOTES.get(r["role"]))),
            None,
            r["source"],
            year_basis=r["year_basis"],
            editorial=("what",),  # medcoop's account of the sentence; the details quote it
            record=("country_roles", r["id"]),
            how=how(r["country"], "country_roles", r["id"], r["source"]["quote"]),
        )
    for a in ds["actions"]:
        if only is not None and only not in a["countries"]:
            continue
        abroad, home = sides(ds, a["partners"])
        details: str = Joined(
            (
                Msg("modality: {modality}", modality=term(a["modality"])) if a["modality"] else None,
                Msg("partners: {names}", names=", ".join(orgs.get(p, p) for p in abroad)) if abroad else None,
                Msg("Medellín's side: {names}", names=", ".join(orgs.get(p, p) for p in home)) if home else None,
                a["details"],
            )
        )
        marks = _editors(("what", "actions", a, "summary"), *(("details", "actions", a, f) for f in _ACTION_DETAILS))
        for code in a["countries"] if only is None else (only,) * a["countries"].count(only):
            yield Mention(
                code,
                a["year"],
                a["year"],
                "cooperation_partner",
                localised(a, "summary") or "",
                details,
                a["amount_usd"],
                a["source"],
                editorial=marks,
                record=("actions", a["id"]),
                how=how(code, "actions", a["id"], a["source"]["quote"]),
            )
    for e in ds["events"]:
        if e["country"] and (only is None or e["country"] == only):
            details = _join(x for x in (localised(e, "participation"), e["city"], localised(e, "note")) if x)
            marks = _editors(("what", "events", e, "name"), *(("details", "events", e, f) for f in _EVENT_DETAILS))
            named = how(e["country"], "events", e["id"], e["source"]["quote"])
            yield Mention(
                e["country"], e["year"], e["year"], "event_host", e["name"], details, None, e["source"],
                editorial=marks, record=("events", e["id"]), how=named,
            )  # fmt: skip
    for v in ds["visitors"]:
        if v["country"] and (only is None or v["country"] == only):
            what = Joined((_corrected(v["name"], v["name_corrected"]), v["title"]), ", ")
            details = Joined(
                (
                    Msg("title: {title}", title=localised(v, "title_corrected")) if v["title_corrected"] else None,
                    localised(v, "correction_basis"),
                    Msg("country derived from the city printed ({city})", city=v["city"] or "")
                    if v["country_basis"] == "derived"
                    else None,
                )
            )
            marks = _editors(
                ("what", "visitors", v, "name_corrected"), *(("details", "visitors", v, f) for f in _VISITOR_DETAILS)
            )
            if v["country_basis"] == "derived":  # medcoop's words on how the country is known
                marks = (*marks, "details") if "details" not in marks else marks
            derived = v["country_basis"] == "derived"
            named = "derived from a city" if derived else how(v["country"], "visitors", v["id"], v["source"]["quote"])
            yield Mention(
                v["country"], v["year"], v["year"], "visitor", what, details, None, v["source"], editorial=marks,
                record=("visitors", v["id"]), how=named,
            )  # fmt: skip


def _named_mentions(ds: Dataset, quotes: dict[str, set[str]], how: How, only: str | None = None) -> Iterator[Mention]:
    """Records whose quote prints a country's name (as the report prints it) without
    quoting words of a record that refers to that country in a field (its own quote among them).
    With `only` (a code), that country's only: the quotes are searched for its names alone.

    A quote is compared with other quotes only when it names the country, and then only with
    the distinct quotes of the records that refer to that country: records repeated with the
    same sentence cost one comparison more each, not one per record already seen."""
    from medcoop.names import fold, word_pieces, word_regex

    # one pattern per country, of any of its names; and, to find the countries worth searching
    # for, one pattern of the first word of every name: a quote is scanned once for those
    patterns: dict[str, re.Pattern[str]] = {}
    by_first: dict[str, list[str]] = {}  # first piece of a name -> the countries it may begin
    for c in ds["countries"]:
        if only is not None and c["a2"] != only:
            continue
        # names, not abbreviations: 'U.S. dollars' is a currency
        names = [n for n in dict.fromkeys([*c["printed_as"], c["name_en"]]) if len(fold(n)) > 3 and word_pieces(n)]
        if names:
            patterns[c["a2"]] = re.compile("|".join(f"(?:{word_regex(n)})" for n in names))
            for n in names:
                by_first.setdefault(word_pieces(n)[0][0], []).append(c["a2"])
    if not patterns:
        return
    # the longest first piece found at a word start stands for every shorter one it begins with
    covers = {p: {code for q, codes in by_first.items() if p.startswith(q) for code in codes} for p in by_first}
    firsts = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(by_first, key=len, reverse=True))) + ")")
    # one country's: a candidate when the quote holds one of its first pieces, at a word start
    one, pieces = (set(patterns), tuple(by_first)) if len(patterns) == 1 else (None, ())
    for kind, rid, when, record in _records(ds):
        if kind in ("country", "country role", "organisation", "tally", "topics"):
            continue  # a country's own record; lists of names that country roles carry
        quote = fold(record["source"]["quote"])
        if one is None:
            candidates = {code for m in firsts.finditer(quote) for code in covers[m.group()]}
        else:
            candidates = one if any(p in quote for p in pieces) and firsts.search(quote) else set()
        for code, pattern in patterns.items():
            if (
                code in candidates
                and pattern.search(quote)
                and not _quoted_already(record["source"]["quote"], quotes.get(code, set()))
            ):
                yield _named(code, kind, rid, when, record, how)


def _named(code: str, kind: str, rid: str, when: Span, record: Any, how: How) -> Mention:
    """The mention of a country by a record that names it only in its sentence."""
    field, title = _title(kind, record)
    what = Msg("{kind}: {title}", kind=RECORD_KINDS[kind], title=title)
    table = COLLECTIONS[kind]
    return Mention(
        code, when.start, when.end, "named", what, record["source"]["quote"], None, record["source"],
        year_basis=when.basis, editorial=_editors(("what", table, record, field)),
        record=(table, rid), how=how(code, table, rid, record["source"]["quote"]),
    )  # fmt: skip


def _decided_named_mentions(ds: Dataset, made: Decisions, how: How, only: str | None = None) -> Iterator[Mention]:
    """_named_mentions of the records decisions() found, in the same order (record by record,
    country by country in the dataset's order); of one country's only with `only`."""
    named: dict[tuple[str, str], list[str]] = {}
    for code, table, rid in made["named"]:
        if only is None or code == only:
            named.setdefault((table, rid), []).append(code)
    for kind, rid, when, record in _records(ds):
        for code in named.get((COLLECTIONS.get(kind, ""), rid), ()):
            yield _named(code, kind, rid, when, record, how)


def _quoted_already(quote: str, quotes: set[str]) -> bool:
    """Whether one of `quotes` (those of the records that refer to a country) has the same
    words as `quote` (one quote inside the other)."""
    return quote in quotes or any(q in quote or quote in q for q in quotes)


COUNT_KEYS = _COUNT_KEYS = {
    "cooperation_partner": "cooperation_actions",
    "top_mission_sender": "top_mission_sender",
    "best_practice_partner": "best_practice_partner",
    "south_south_partner": "south_south_partner",
    "event_host": "events",
    "visitor": "visitors",
    "figure": "headline_figures",
    "named": "named_in_sentence",
}
"""Role -> the count column of `countries` (and the role of the mentions table)."""
