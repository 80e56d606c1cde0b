"""Cells for people: where the table view goes, and how a value is shown in it.

Shared by the renderer (Markdown, HTML) and the table view (Rich), which both read from
here and never from each other: view -> cells -> render / tableview -> terminal. No UI
library is imported here.
"""

from __future__ import annotations

import re
from typing import Final

from medcoop import i18n
from medcoop.errors import MedcoopError
from medcoop.i18n import N_, _
from medcoop.view import Column, Row


class Terminal:
    """Where the table view goes: a terminal (fit to width) or a pipe/file (never cut)."""

    __slots__ = ("color", "encoding", "height", "is_tty", "width")

    def __init__(
        self, *, is_tty: bool = False, width: int = 80, height: int = 24, color: bool = False, encoding: str = "utf-8"
    ) -> None:
        self.is_tty: Final = is_tty
        self.width: Final = width
        self.height: Final = height
        self.color: Final = color
        self.encoding: Final = encoding


# --------------------------------------------------------------------------- safe text

# Patterns, compiled (and cached by re) on first use: the CSV and JSON paths never need them.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_CONTROL_OR_NEWLINE = _CONTROL[:-1] + "\n\t]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Control, C1 and bidi characters shown as escapes (ESC -> '\\x1b'); tabs and
    newlines kept in tables, escaped too when one_line (messages)."""
    return re.sub(_CONTROL_OR_NEWLINE if one_line else _CONTROL, _escape, text)


MESSAGE_WORD = 120
"""Longer runs of non-space characters in a text medcoop echoes (an argument in an error, a
search text in a title) are shortened ..."""
MESSAGE_LENGTH = 1000
"""... and so are longer texts: an error line stays a line, a title a title."""


def shorten(text: str, limit: int) -> str:
    """text whole if it is at most `limit` characters long, else its start and end around a
    count of what is left out."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 6
    left = _("{count} more characters").format(count=len(text) - head - tail)
    return f"{text[:head]}…[{left}]…{text[-tail:]}"


def brief(text: str) -> str:
    """A text that may echo what the user typed (a message, a title, a preface line), shortened
    as error messages are: each run of more than MESSAGE_WORD non-space characters, then the
    whole past MESSAGE_LENGTH. The report's own texts are never that long (a test checks)."""
    if len(text) <= MESSAGE_WORD:
        return text
    words = re.sub(rf"\S{{{MESSAGE_WORD + 1},}}", lambda m: shorten(m.group(), MESSAGE_WORD), text)
    return shorten(words, MESSAGE_LENGTH)


# --------------------------------------------------------------------------- values for people


usd = i18n.usd


LIST_JOIN = "; "
"""How a list cell is written in CSV, TSV and the views for people."""


RESTATED = N_("counted elsewhere")
"""An amount cell of a row that restates money another record counts (its `restates`)."""


EDITORIAL_MARK = "†"
"""After the header of a column whose values are the editors' words, not the report's (in the
table view, Markdown and HTML; never in CSV or JSON keys)."""


EDITORIAL_CELLS = "editorial"
"""The column of a listing whose columns mix the report's words and the editors' row by row
(country, search): the keys of the row's columns that hold the editors' words. The table view,
Markdown and HTML end those cells in EDITORIAL_MARK."""


def marked(column: Column) -> bool:
    """Whether a column's header carries EDITORIAL_MARK."""
    return column.header.endswith(" " + EDITORIAL_MARK)


def cell_marked(column: Column, row: Row) -> bool:
    """Whether a row's cell holds the editors' words in a column that mixes them with the report's."""
    keys = row.get(EDITORIAL_CELLS)
    return isinstance(keys, list) and column.key in keys


def shows_marked(column: Column, row: Row) -> bool:
    """Whether a cell as shown ends a text of the editors' words in EDITORIAL_MARK: its own, or
    that of a column folded into it."""
    return cell_marked(column, row) or any(
        shows_marked(other, row) for other, _t, quiet in column.folds if _said(other, row, quiet)
    )


def human(column: Column, row: Row) -> str:
    """A cell as people read it; a cell of the editors' words in a mixed column ends in
    EDITORIAL_MARK (before what is folded into it, which carries its own)."""
    text = _plain_human(column, row)
    if text and cell_marked(column, row) and not marked(column):
        text = f"{text} {EDITORIAL_MARK}"
    for fold, template, quiet in column.folds:
        if _said(fold, row, quiet):
            text = _folded(text, human(fold, row), template)
    return text


def _said(fold: Column, row: Row, quiet: str | None) -> bool:
    """Whether a column folded into another says something in this row: not when its value is
    the one not worth saying (`quiet`, a message: in this run's language once the row is)."""
    return quiet is None or str(row.get(fold.key)) not in (quiet, _(quiet))


def _folded(text: str, other: str, template: str) -> str:
    """A cell with another column's cell folded into it, as the template places them; either
    alone when the other is empty, and the value alone when it begins with what would go in
    front of it (a search hit in a record's title says the title already)."""
    if not (text and other):
        return text or other
    if template.startswith("{other}") and text.startswith(other):
        return text
    return _(template).format(value=text, other=other)


def _plain_human(column: Column, row: Row) -> str:
    value = row.get(column.key)
    if value is None:
        return _(RESTATED) if column.kind == "usd" and row.get("restates") else ""
    if isinstance(value, list):
        return LIST_JOIN.join(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if column.kind == "usd" or (column.kind == "value" and row.get("unit") == "USD"):
            return usd(value)
        if column.kind in ("int", "value"):
            return i18n.number(value)
    return str(value)


NUMERIC_KINDS = frozenset({"int", "year", "usd", "value"})
"""Column kinds shown right-aligned, never wrapped."""


class CannotDraw(MedcoopError):
    """A view that a format for people cannot show whole (exit 1); the message says which can."""
