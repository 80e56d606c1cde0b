"""Readers of the query views (and one dataset edit) shared by the tests of the listings,
the years and the countries."""

from __future__ import annotations

import copy
from typing import cast

from medcoop import query
from medcoop.records import Dataset, Record


def _counts(view: object) -> dict[str, tuple[object, ...]]:
    keys = [c.key for c in query.COUNTRIES_COLUMNS[5:14]]  # the roles and mentions
    return {r["a2"]: tuple(r[k] for k in keys) for r in view.table.rows}  # type: ignore[attr-defined]


def _found(view: object) -> list[tuple[object, ...]]:
    return [(r["kind"], r["id"], r["period"], r["field"], r["text"]) for r in view.table.rows]  # type: ignore[attr-defined]


def _record(**fields: object) -> Record:
    return cast("Record", fields)


def _with_quote(ds: Dataset, quote: str) -> Dataset:
    """The dataset with the 503-delegations figure quoting other words (a record that refers to no country)."""
    edited = copy.deepcopy(ds)
    metric = next(m for m in edited["metrics"] if m["id"] == "delegations-2016-2018")
    metric["source"]["quote"] = quote
    return edited


def _named(ds: Dataset, a2: str) -> list[tuple[object, ...]]:
    rows = query.country(ds, a2).table.rows
    return [(r["period"], r["what"], r["details"]) for r in rows if r["role"] == "named in the sentence"]
