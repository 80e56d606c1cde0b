"""Years: parse a --year value, and the one rule of what a year filter keeps."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from medcoop.errors import UsageError
from medcoop.i18n import Msg, _

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset


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
