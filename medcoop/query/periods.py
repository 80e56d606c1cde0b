"""Years: parse a --year value, and THE year rule, defined once: what a view of some years
shows, counts, and shows apart.

Every door that takes a year (the listings, the map, ``years``, the fact sheet, the API, and
through the ``year`` column of the tables, SQL and the workbook) asks this module:

- a view of some years (``--year 2017``, ``--year 2016-2017``) keeps a record only when the
  record is **dated** inside those years: its year, or the whole of its stated period;
- a record whose period is wider than the years asked (``2016-2018``: "Between 2016 and
  2018", "during the last three years") or not stated at all (the 17 South-South projects)
  is not counted in them: the view shows it apart, saying so ("2016-2018, not by year");
- so the counts of the years one by one never add up to more than the whole.

A programme that began in a year (``since``) is dated by its start ("since 2004"); one whose
start the report does not state is dated by the block that names it ("2017, start not
stated"). A country or an organisation has no period of its own: it is dated by the block of
the sentence the dataset cites for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from medcoop.errors import UsageError
from medcoop.i18n import Msg, _

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source


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


def _within(years: Years | None, start: int, end: int | None = None, basis: str | None = None) -> bool:
    """Whether a view of `years` shows and counts a fact of start..end (its year basis): keeps()."""
    return keeps(years, Span(start, start if end is None else end, basis))


def period(start: int, end: int, year_basis: str | None = None) -> str:
    """'2017', '2016-2018', or, for a sentence that states no period, 'not stated (report
    covers 2016-2018)': the record spans the report's years only because the report does."""
    return Span(start, end, year_basis).label()


class Span:
    """When a record's fact happened, as the report tells it: its first and last year, how the
    years are known (a record's ``year_basis``), and, for a programme, the year it began."""

    __slots__ = ("basis", "end", "since", "start")

    def __init__(self, start: int, end: int, basis: str | None = None, *, since: int | None = None) -> None:
        self.start: Final = start
        self.end: Final = end
        self.basis: Final = basis
        self.since: Final = since  # a programme's start: the fact dated (start and end are that year)

    @property
    def dated(self) -> bool:
        """Whether the report gives the fact a period of its own (printed, its block, public records)."""
        return self.basis != "not stated"

    @property
    def by_year(self) -> int | None:
        """The one year the fact is dated in, or None (a wider period, or none stated)."""
        return self.start if self.dated and self.start == self.end else None

    def label(self) -> str:
        """'2017', '2016-2018', 'since 2004', 'not stated (report covers 2016-2018)'."""
        if self.since is not None:
            return Msg("since {year}", year=str(self.since))
        span = str(self.start) if self.start == self.end else f"{self.start}-{self.end}"
        if self.basis == "not stated":
            return Msg("not stated (report covers {span})", span=span)
        if self.basis == "start not stated":
            return Msg("{year} (start not stated)", year=span)
        return span


def span(start: int, end: int, year_basis: str | None = None) -> Span:
    return Span(start, end, year_basis)


def record_span(record: Mapping[str, Any]) -> Span:
    """A dated record's Span: its one ``year``, or its ``period_start``-``period_end``, with its
    ``year_basis`` (every record of the report is dated one way or the other)."""
    if "year" in record:
        return Span(record["year"], record["year"], record["year_basis"])
    return Span(record["period_start"], record["period_end"], record["year_basis"])


def programme_span(ds: Dataset, since: int | None, year_basis: str, source: Source) -> Span:
    """A programme is dated by its start; one whose start is not stated, by the block that names it."""
    if since is not None:
        return Span(since, since, year_basis, since=since)
    year = section_year(ds, source["section"])
    if year is None:
        return Span(ds["report"]["period_start"], ds["report"]["period_end"], "not stated")
    return Span(year, year, "start not stated")


def entity_span(ds: Dataset, source: Source) -> Span:
    """A country or an organisation: dated by the block of the sentence cited for it (the
    introduction covers the report's period)."""
    year = section_year(ds, source["section"])
    if year is None:
        return Span(ds["report"]["period_start"], ds["report"]["period_end"], "report period")
    return Span(year, year, "section")


def section_year(ds: Dataset, section: str) -> int | None:
    return next((s["year"] for s in ds["report"]["sections"] if s["id"] == section), None)


def keeps(years: Years | None, when: Span) -> bool:
    """THE rule: whether a view of `years` (None: all) shows and counts a fact of `when`."""
    if years is None:
        return True
    return when.dated and years[0] <= when.start and when.end <= years[1]


def apart(years: Years | None, when: Span) -> bool:
    """Whether a view of `years` shows the fact apart, as not by year: it is not dated in them,
    but its period overlaps them, or it has none (it may belong to any year of the report)."""
    if years is None or keeps(years, when):
        return False
    return not when.dated or (when.start <= years[1] and when.end >= years[0])


def apart_label(when: Span) -> str:
    """'2016-2018, not by year': how a view of some years names a fact it shows apart."""
    return Msg("{period}, not by year", period=when.label())


def apart_notice(count: int, years: Years) -> str:
    """The line on stderr of a format that shows no table apart: the records left out, and why."""
    shown = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
    return Msg(
        "{count} records of a wider or unstated period are not counted in {years} (not by year): "
        "the table view lists them apart, and without --year they are rows",
        count=count,
        years=shown,
    )
