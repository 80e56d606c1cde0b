"""Which columns a listing shows: the table view's compact default, every column (--wide), or
exactly the columns asked for (--columns a,b,c, in every format).

The defaults are chosen so that each listing is a real table at 80 columns for the shipped
dataset: the key fields, numbers under short headers explained by a legend. They name the
query's column keys; a test fails when one of them is not among its listing's columns.
"""

from __future__ import annotations

from typing import Final

from medcoop import i18n
from medcoop.cells import EDITORIAL_CELLS, EDITORIAL_MARK, RESTATED, human, shows_marked
from medcoop.errors import UsageError
from medcoop.i18n import N_, Joined, Msg, _
from medcoop.view import CITE_COLUMNS, Bars, Column, Row, Table, View

DEFAULT_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "summary": ("what", "qualifier", "value", "period"),
    "country": ("period", "role", "what", "amount_usd"),
    "countries": ("name_en", "name_es", "roles", "mentions"),
    "awards": ("year", "kind", "name", "awarding_body", "recipient"),
    "actions": ("year", "heading", "modality", "amount_usd"),
    "events": ("year", "name", "country_name", "participation"),
    "visitors": ("year", "name", "name_corrected", "title", "country_name"),
    "partners": (
        "name",
        "acronym",
        "country",
        "actions",
        "awards",
        "milestones",
        "tally_items",
        "events",
        "visitors",
    ),
    "partner": ("year", "record", "what", "details"),
    "years": (
        "year",
        "delegates_qualifier",
        "delegates",
        "journalists",
        "awards_stated",
        "awards_named",
        "actions",
        "events",
        "visitors",
        "usd_stated_in_actions",
    ),
    "search": ("kind", "text"),
    "tallies": ("period", "subject", "count", "named_count", "counted"),
    "programmes": ("name", "acronym", "kind", "since"),
    "programme": ("period", "record", "what"),
    "milestones": ("year", "kind", "name", "organisation"),
    "topics": ("id", "period", "position", "topic"),
    "sections": ("section", "heading_as_printed", "year", "year_basis"),
}
"""Listing -> the column keys its table view shows by default, in that order."""

OTHER_DEFAULTS: Final[dict[str, tuple[str, ...]]] = {
    "sql --schema": ("column", "type", "key", "description"),
}
"""The same, for the views of other commands (a table's columns)."""

SHORT_HEADERS: Final[dict[str, dict[str, str]]] = {
    "partners": {
        "actions": N_("Act"),
        "awards": N_("Awd"),
        "milestones": N_("Mls"),
        "tally_items": N_("Cnt"),
        "events": N_("Evt"),
        "visitors": N_("Vis"),
    },
    "years": {
        "delegates": N_("Deleg"),
        "journalists": N_("Jrn"),
        "awards_stated": N_("Awd"),
        "awards_named": N_("Nmd"),
        "actions": N_("Act"),
        "events": N_("Evt"),
        "visitors": N_("Vis"),
    },
    "tallies": {"named_count": N_("Nmd")},
    "milestones": {"organisation": N_("Org")},
}
"""Listing -> column key -> the short header a number (or a short code) gets in the default
table view (its full header is in the legend under the table), so that a header is not much
wider than its values."""


LISTING_RECORDS: Final[dict[str, tuple[str, dict[str, str]]]] = {
    "summary": ("metrics", {"what": "label"}),
    "countries": ("countries", {}),
    "awards": ("awards", {}),
    "actions": ("actions", {"heading": "heading_as_printed"}),
    "events": ("events", {}),
    "visitors": ("visitors", {}),
    "partners": ("organisations", {}),
    "tallies": ("tallies", {}),
    "programmes": ("programmes", {}),
    "milestones": ("milestones", {}),
    "topics": ("topic_lists", {"topic": "topics"}),
}
"""Listing -> the collection of the dataset its rows show, and the columns named unlike the
field they show (summary's `what` is a metric's `label`); any other column shows the field of
its name, if the records have one. medcoop.provenance says which fields are the editors' words."""

EDITORIAL_LEGEND: Final = Msg(
    "{mark} the editors' words, not the report's: --cite shows the sentence.", mark=EDITORIAL_MARK
)
"""The line under a table with columns marked EDITORIAL_MARK."""

DERIVED_LEGEND: Final = Msg(
    "{mark} counted by medcoop from the dataset's records (derived), or the editors' words: not the report's.",
    mark=EDITORIAL_MARK,
)
"""The line under a table whose marked columns include counts medcoop derives (`years`)."""


def editorial_columns(listing: str) -> frozenset[str]:
    """The column keys of a listing whose values are the editors' words."""
    from medcoop.provenance import EDITORIAL, FIELDS

    if listing not in LISTING_RECORDS:
        return frozenset()
    collection, renamed = LISTING_RECORDS[listing]
    fields = FIELDS[collection]
    keys = {*fields, *renamed}
    return frozenset(k for k in keys if fields.get(renamed.get(k, k)) == EDITORIAL)


def _mark_editorial(table: Table, listing: str) -> Table:
    """The table with the headers of its editorial columns marked, and the legend that says
    what the mark means (headers are for people: CSV and JSON keep their keys); the legend
    too when a column that mixes the report's words and the editors' marks cells of the
    editors' words (cells.human marks them)."""
    derived = _marked_in_every_row(table)
    keys = editorial_columns(listing) | derived
    legend = DERIVED_LEGEND if any(c.key in derived for c in table.columns) else EDITORIAL_LEGEND
    if not any(c.key in keys for c in table.columns):
        if any(shows_marked(c, row) for row in table.rows for c in table.columns):
            return table.replace(columns=table.columns, legend=(*table.legend, EDITORIAL_LEGEND))
        return table
    columns = tuple(
        c.retitled(Joined((_localized(c.header), EDITORIAL_MARK), " ")) if c.key in keys else c for c in table.columns
    )
    return table.replace(columns=columns, legend=(*table.legend, legend))


def _localized(header: str) -> str:
    """A header as medcoop's words to translate where people read it (a folded column's is already)."""
    return header if isinstance(header, i18n.Localized) else Msg(header)


def _marked_in_every_row(table: Table) -> frozenset[str]:
    """The columns of numbers every row's editorial cell names (the derived counts of `years`,
    `countries`, `partners`): marked in the header, as a column of the editors' words is, rather
    than cell by cell."""
    if not table.rows:
        return frozenset()
    sets = [set(keys) if isinstance(keys, list) else set() for keys in (row.get(EDITORIAL_CELLS) for row in table.rows)]
    numbers = {c.key for c in table.columns if c.kind in ("int", "usd")}
    return frozenset(set.intersection(*sets) & numbers)


def _suggest(name: str, valid: list[str], listing: str = "") -> str:
    """ "; did you mean ...?" for an unknown column: a near name, or the listing's name of a
    column that medcoop sql and the export call by its field's name (`heading_as_printed` is
    `heading` in medcoop actions)."""
    import difflib

    renamed = {field: shown for shown, field in LISTING_RECORDS.get(listing, ("", {}))[1].items()}
    if renamed.get(name) in valid:
        return _("; did you mean {names}?").format(names=repr(renamed[name]))
    close = difflib.get_close_matches(name.lower(), valid, n=1, cutoff=0.6)
    return _("; did you mean {names}?").format(names=repr(close[0])) if close else ""


def parse_columns(text: str) -> list[str]:
    """The names of --columns a,b,c (spaces around names ignored)."""
    names = [name.strip() for name in text.split(",")]
    if not any(names):
        raise UsageError(_("--columns needs column names, e.g. --columns year,name"))
    if "" in names:
        raise UsageError(_("--columns {text}: an empty column name").format(text=repr(text)))
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise UsageError(_("--columns: {names} given twice").format(names=", ".join(twice)))
    return names


def column_names(table: Table, *, citable: bool = True) -> list[str]:
    """Every column --columns accepts for this table: its own, then the provenance columns
    (when its rows can be cited: a listing's, not a medcoop sql result's)."""
    own = [c.key for c in table.columns]
    return own + ([c.key for c in CITE_COLUMNS if c.key not in own] if citable else [])


def _pick(table: Table, names: list[str], listing: str, *, citable: bool) -> Table:
    by_key = {c.key: c for c in table.columns}
    valid = column_names(table, citable=citable)
    for name in names:
        if name not in by_key:
            raise UsageError(
                _("unknown column {name} for {listing}{suggestion} (columns: {columns})").format(
                    name=repr(name),
                    listing=listing,
                    suggestion=_suggest(name, valid, listing),
                    columns=", ".join(valid),
                )
            )
    return table.replace(columns=tuple(by_key[name] for name in names))


BEFORE: Final = N_("{other} {value}")
BEFORE_COLON: Final = N_("{other}: {value}")
AFTER: Final = N_("{value} ({other})")
CORRECTED: Final = N_("{value} (corrected: {other})")
AND_HEADER: Final = N_("{header} ({other})")
COLON_HEADER: Final = N_("{other}: {header}")

FOLDED: Final[dict[str, dict[str, tuple[tuple[str, str, str | None], ...]]]] = {
    "summary": {"value": (("qualifier", BEFORE, None),)},
    "years": {"delegates": (("delegates_qualifier", BEFORE, None),)},
    "search": {"text": (("title", BEFORE_COLON, None),)},
    "events": {"name": (("country_name", AFTER, AND_HEADER),)},
    "awards": {"name": (("awarding_body", AFTER, AND_HEADER),)},
    "visitors": {"name": (("name_corrected", CORRECTED, None),)},
    "country": {
        "what": (("role", BEFORE_COLON, COLON_HEADER), ("amount_usd", AFTER, None)),
        "role": (("how", AFTER, None),),
    },
    "programme": {"what": (("record", BEFORE_COLON, COLON_HEADER),)},
}
"""Listing -> column -> the columns folded into it, in turn: each with how the cell reads (a
message: the value and the other) and how its header does (None: as it is). The default table
view folds a qualifier into its value ("more than 900"), a search hit's title into its text
("South Korea: Smart mobility ..."), an event's country after its name as the report prints it
("World Cities Summit (Singapore)"), an award's awarding body after its name, a visitor's
corrected name after the name as printed, a country's role in front of what names it and the
amount after ("cooperation partner: Smart mobility ... (USD 12.5 million)"), the kind of record
in front of what a programme's record says; and leaves the
folded columns out. A short column costs a table its own width and gap on every line, where the
text it joins wraps at most a line further. A column folded into one that is itself folded
into a third goes with it (a country's role, with how its sentence names the country)."""

QUIET: Final[dict[str, dict[str, str]]] = {"country": {"how": "printed"}}
"""Listing -> folded column -> its value not worth saying in the compact view: a country named
by its sentence, as most are, says nothing more; one the editors derive from a city says so
("visitor's country (derived from a city): Anne Hidalgo, Mayor of Paris")."""


def _default(table: Table, listing: str, *, cite: bool) -> Table:
    """The compact default of a listing's table view: its key columns, less those empty in
    every row shown, short columns folded into another, short headers and their legend."""
    keys = [*DEFAULT_COLUMNS.get(listing, OTHER_DEFAULTS.get(listing, [c.key for c in table.columns]))]
    by_key = {c.key: c for c in table.columns}
    editorial = editorial_columns(listing)  # marked in the header: never folded, where the mark would be lost
    specs, quiet = FOLDED.get(listing, {}), QUIET.get(listing, {})

    def folds_of(key: str) -> tuple[tuple[Column, str, str | None], ...]:
        return tuple(
            (_shown(by_key[other], None, folds_of(other), quiet), template, header)
            for other, template, header in specs.get(key, ())
            if other in by_key and other not in editorial and _some(by_key[other], table.rows)
        )

    folded = {key: folds_of(key) for key in specs if key in by_key}
    keys = [k for k in keys if k not in {other.key for folds in folded.values() for other, _t, _h in folds}]
    if cite:
        keys += [c.key for c in CITE_COLUMNS]
    short = SHORT_HEADERS.get(listing, {})
    columns = tuple(
        _shown(by_key[k], short.get(k), folded.get(k, ()), quiet) for k in dict.fromkeys(keys) if k in by_key
    )
    if table.rows:
        columns = tuple(c for c in columns if c.key in CITE_KEYS or _some(c, table.rows)) or columns
    legend = ", ".join(f"{_(short[c.key])}: {i18n.said(by_key[c.key].header)}" for c in columns if c.key in short)
    lines = (legend,) if legend else ()
    return table.replace(columns=columns, legend=(*table.legend, *lines, *_restated_legend(table, columns)))


def _some(column: Column, rows: list[Row]) -> bool:
    """Whether a column shows anything in these rows (no rows: it may)."""
    return not rows or any(human(column, row) for row in rows)


def _left_to_wide(extra: Table) -> str:
    """The line that says what a companion table the compact view leaves out holds."""
    count = len(extra.rows)
    template = i18n.ngettext("{title}: -w shows its {count} row", "{title}: -w shows its {count} rows", count)
    return template.format(title=extra.title or "", count=i18n.number(count))


def _in_compact_view(extra: Table | Bars, *, bars: bool, alone: bool) -> bool:
    """Whether the compact table view draws an extra: a bar chart only in pictures; a table
    unless it is left to --wide, which it is not `alone` (under a table without rows)."""
    return bars if isinstance(extra, Bars) else alone or not extra.wide_only


CITE_KEYS: Final = frozenset(c.key for c in CITE_COLUMNS)


def _shown(
    column: Column, short: str | None, folds: tuple[tuple[Column, str, str | None], ...], quiet: dict[str, str]
) -> Column:
    """A column as the default table view shows it: under its short header, if it has one,
    with others folded in (its header saying so, where a fold's template for headers does;
    each not where its value is the quiet one)."""
    if short is None and not folds:
        return column
    header: str = short or column.header
    for other, _template, template in folds:
        if template is not None:
            header = Msg(template, header=header if isinstance(header, Msg) else Msg(header), other=Msg(other.header))
    return Column(
        column.key,
        header,
        column.kind,
        folds=tuple((other, template, quiet.get(other.key)) for other, template, _h in folds),
    )


def _restated_legend(table: Table, shown: tuple[Column, ...]) -> tuple[str, ...]:
    """What an amount cell marked RESTATED means, when the Restates column is not shown: the
    same money as another record counts (which one, -w shows: the compact view shows no ids)."""
    keys = {c.key for c in shown}
    amounts = [c for c in shown if c.kind == "usd"] + [o for c in shown for o, _t, _q in c.folds if o.kind == "usd"]
    if "restates" in keys or not amounts or not any(row.get("restates") for row in table.rows):
        return ()
    return (_("{restated}: the same money as another record counts (-w shows which).").format(restated=_(RESTATED)),)


def choose(
    view: View,
    listing: str,
    *,
    table_view: bool,
    wide: bool,
    columns: str | None,
    cite: bool,
    citable: bool = True,
    bars: bool = False,
) -> View:
    """The view with the columns to show: --columns (every format), --wide or any format but the
    table view (every column), else the listing's compact default. --cite adds the provenance
    columns; asking for `section`, `quote` or `basis` by name cites too (a column the listing
    has of its own is its own). A view that is not `citable` (a medcoop sql result, which
    carries its provenance in its own columns when the query selects it) is never cited here:
    --cite and --columns keep the provenance columns it has. Columns of the editors' words are
    marked for people."""
    if wide and columns is not None:
        raise UsageError(_("--wide and --columns go separately: --wide shows every column"))
    names = parse_columns(columns) if columns is not None else None
    provenance = [c.key for c in CITE_COLUMNS]
    if citable and (cite or (names and set(provenance) & set(names) - {c.key for c in view.table.columns})):
        view = view.cited()
    if names is not None:
        if cite:
            have = {c.key for c in view.table.columns}
            names += [key for key in provenance if key in have and key not in names]
        table = _pick(view.table, names, listing, citable=citable)
    elif wide or not table_view:
        table = view.table
    else:
        table = _default(view.table, listing, cite=cite)
        # the compact view: bar charts with --wide, and in pictures (bars=True); companion tables
        # with --wide, a line under the table saying what they hold
        # (with no row of its own to show, the listing shows them: they are then all it has to say)
        extras = tuple(e for e in view.extras if _in_compact_view(e, bars=bars, alone=not view.table.rows))
        left = [e for e in view.extras if isinstance(e, Table) and e.rows and e not in extras]
        table = table.replace(columns=table.columns, legend=(*table.legend, *map(_left_to_wide, left)))
        view = View(table=view.table, preface=view.preface, extras=extras, notice=view.notice, aside=view.aside)
    return view.with_table(_mark_editorial(table, listing))
