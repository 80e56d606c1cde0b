"""The data behind the world map: each country of the report, its count, its class and colour.

Built from the rows of `query.countries` (never recounted), so the map, its list and
`map -f csv` hold the same counts as `medcoop countries`. No drawing here: the terminal map
(mapterm), the SVG map (mapsvg) and the fact sheet draw from what this module returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from medcoop import captions, query
from medcoop.errors import UsageError
from medcoop.i18n import _
from medcoop.view import Cell, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time
    from medcoop.records import Dataset

ROLE_COLUMNS: Final = {
    "mentions": "mentions",
    "cooperation-partner": "cooperation_actions",
    "mission-sender": "top_mission_sender",
    "best-practice": "best_practice_partner",
    "south-south": "south_south_partner",
    "event": "events",
    "visitor": "visitors",
}
"""--role -> the `countries` column the map colours."""

COUNT_COLUMNS: Final = tuple(c.key for c in query.COUNTRIES_COLUMNS if c.kind == "int")
"""The counts per role of `countries` (and their total, mentions), carried by every row of the map."""
COUNT_HEADERS: Final = {c.key: c.header for c in query.COUNTRIES_COLUMNS if c.kind == "int"}

HOME: Final = query.resolve.HOME
# ColorBrewer "Blues", 7 classes, its five darkest (sequential, safe for colour-blind readers
# and in print); fewer classes take colours spread over the five.
PALETTE: Final = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594")
SPREAD: Final = {1: (3,), 2: (1, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
HOME_FILL: Final = "#e6550d"  # ColorBrewer "Oranges": a hue apart from the blues
LAND_FILL: Final = "#d9d9d9"  # countries the report does not name
MAX_CLASSES: Final = 5


class Bin:
    """One class of the legend: counts low..high, drawn in fill."""

    __slots__ = ("fill", "high", "index", "low")

    def __init__(self, index: int, low: int, high: int, fill: str) -> None:
        self.index: Final = index  # 0 = lightest
        self.low: Final = low
        self.high: Final = high
        self.fill: Final = fill

    @property
    def label(self) -> str:
        """The class as a key (the map's CSV): '1', '2–3'."""
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    @property
    def legend(self) -> str:
        """The class for people, in this run's language: '1 record', '2–3 records'."""
        return captions.records(self.low, self.high)


class Entry:
    """One country of the report on the map; with no count in the selection it is drawn as
    the countries the report does not name."""

    __slots__ = ("a2", "bin", "counts", "home", "name_en", "name_es", "printed", "value")

    def __init__(self, row: Row, value: int, bin_: Bin | None) -> None:
        self.a2: Final = str(row["a2"])
        self.name_en: Final = str(row["name_en"])
        self.name_es: Final = str(row["name_es"])
        printed = row.get("printed_as")
        self.printed: Final = tuple(printed) if isinstance(printed, list) else ()  # the report's spellings
        self.counts: Final = {c: count(row.get(c)) for c in COUNT_COLUMNS}
        self.value: Final = value
        self.bin: Final = bin_
        self.home: Final = self.a2 == HOME

    @property
    def fill(self) -> str:
        if self.home:
            return HOME_FILL
        return self.bin.fill if self.bin else LAND_FILL

    @property
    def key(self) -> str:
        """The legend entry this country is drawn with."""
        if self.home:
            return captions.msg("MAP_TOOLTIP_HOME")
        return self.bin.label if self.bin else captions.msg("MAP_OTHER")

    @property
    def shown(self) -> bool:
        """Coloured on the map and listed under it: a count in this selection, or home."""
        return self.home or self.bin is not None

    def printed_otherwise(self, name: str) -> tuple[str, ...]:
        """The report's spellings when none of them holds `name` (Granada for Grenada, Burma for
        Myanmar): a name the report never prints says how it prints it."""
        folded = name.casefold()
        return () if any(folded in p.casefold() for p in self.printed) else self.printed


class Choropleth:
    __slots__ = ("apart", "bins", "counted", "entries", "measure", "period", "source", "view")

    def __init__(
        self,
        *,
        measure: str,
        period: str,
        entries: list[Entry],
        bins: list[Bin],
        view: View,
        apart: str | None = None,
        counted: str = "",
        source: tuple[str, str] = ("", ""),
    ) -> None:
        self.measure: Final = measure  # words: "all mentions", "visitors"
        self.period: Final = period  # "2016-2018", "2017"
        self.entries: Final = entries  # by value, most first
        self.bins: Final = bins
        self.view: Final = view  # the rows behind the map, for -f csv|json|...
        self.apart: Final = apart  # what a map of some years leaves out, as not by year (medcoop.periods)
        self.counted: Final = counted  # what a class counts, in words (the legend's heading)
        self.source: Final = source  # (publisher, title) of the report, for the credit line

    @property
    def title(self) -> str:
        if self.apart and not any(e.bin for e in self.entries):  # no fact of these years: no year in the title
            return captions.MAP_TITLE_NONE.format(period=self.period, measure=self.measure)
        return captions.MAP_TITLE.format(period=self.period, measure=self.measure)

    def entry(self, a2: str) -> Entry | None:
        return next((e for e in self.entries if e.a2 == a2), None)


def count(value: Cell) -> int:
    return value if isinstance(value, int) else 0


def role_key(role: str | None) -> str:
    """The --role value a word names, in English or Spanish (medcoop.words.MAP_ROLES, accents and
    case aside: 'sur-sur' is 'south-south'); UsageError naming the choices in the run's language."""
    from medcoop import words

    if role is None:
        return "mentions"
    key = words.resolve((words.MENTIONS, *words.MAP_ROLES), role)
    if key is None:
        choices = ", ".join(words.choices(words.MAP_ROLES))
        raise UsageError(_("unknown role {role}: choose one of {choices}").format(role=repr(role), choices=choices))
    return key


def role_column(role: str | None) -> str:
    """The `countries` column for a --role value; UsageError naming the choices."""
    return ROLE_COLUMNS[role_key(role)]


def classes(values: list[int]) -> list[Bin]:
    """Up to five classes over the positive counts: one per distinct count when there are
    five or fewer, else five groups of about as many distinct counts each."""
    distinct = sorted({v for v in values if v > 0})
    groups = min(len(distinct), MAX_CLASSES)
    if not groups:
        return []
    bounds = [
        distinct[round(k * len(distinct) / groups) : round((k + 1) * len(distinct) / groups)] for k in range(groups)
    ]
    return [Bin(k, g[0], g[-1], PALETTE[SPREAD[groups][k]]) for k, g in enumerate(bounds)]


MAP_COLUMNS: Final = (
    *query.COUNTRIES_COLUMNS,
    Column("value", "Value", "int"),
    Column("map_key", "Map key"),
    Column("fill", "Colour"),
)


def build(ds: Dataset, years: query.Years | None = None, role: str | None = None) -> Choropleth:
    column = role_column(role)
    countries = query.countries(ds, years).table
    rows = countries.rows
    values = [count(r.get(column)) for r in rows]
    bins = classes([v for r, v in zip(rows, values, strict=True) if r["a2"] != HOME])

    def bin_for(value: int) -> Bin | None:
        return next((b for b in bins if b.low <= value <= b.high), None)

    order = sorted(range(len(rows)), key=lambda i: -values[i])  # stable: countries' order next
    entries = [Entry(rows[i], values[i], bin_for(values[i])) for i in order]
    table = Table(
        columns=MAP_COLUMNS,
        rows=[
            {**rows[i], "value": e.value, "map_key": e.key, "fill": e.fill} for i, e in zip(order, entries, strict=True)
        ],
        citations=tuple(countries.citations[i] for i in order),
        title=captions.MAP_LIST_TITLE.format(measure=_measure(role)),
        empty_note=captions.MAP_NO_ROWS,
    )
    lo, hi = years or (ds["report"]["period_start"], ds["report"]["period_end"])
    rep = ds["report"]
    apart = _apart(ds, years, column)
    return Choropleth(
        measure=_measure(role),
        period=query.period(lo, hi),
        entries=entries,
        bins=bins,
        view=View(table=table, aside=apart),
        apart=apart,
        counted=captions.counted(role_key(role)),
        source=(rep["publisher"], rep["title_en"]),
    )


def _apart(ds: Dataset, years: query.Years | None, column: str) -> str | None:
    """The line saying how many mentions of the measure a map of some years leaves out, as not by
    year (a wider or unstated period: medcoop.periods), or None."""
    from medcoop.query import periods
    from medcoop.query.mentioned import COUNT_KEYS

    if years is None:
        return None
    left = [
        m for m in query.mentions(ds) if periods.apart(years, m.span) and column in ("mentions", COUNT_KEYS[m.role])
    ]
    if not left:
        return None
    shown = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
    return captions.msg_format("MAP_APART", count=len(left), countries=len({m.country for m in left}), years=shown)


def _measure(role: str | None) -> str:
    return captions.role_name(role_key(role))
