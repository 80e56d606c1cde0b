"""Shell completion of names and values: the report's countries, partners, modalities and columns."""

import inspect
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from medcoop.cli.registry import LISTINGS
from medcoop.errors import MedcoopError
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import dataset as ds_module
    from medcoop.records import Dataset
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    ds_module = LazyModule("medcoop.dataset")


def _completion_data() -> "Dataset | None":
    """The dataset completion offers names from: MEDCOOP_DATA or the shipped one."""
    data = os.environ.get("MEDCOOP_DATA")
    try:
        return ds_module.load(Path(data) if data else None)
    except MedcoopError:
        return None


def _completer(
    names: Callable[["Dataset"], Iterable[str | None]], *, argument: str | None = None
) -> Callable[..., list[str]]:
    """Shell completion of names from the dataset, matched like the names themselves (case,
    accents, several words). `argument`: the several-word argument whose earlier words count;
    without it, the completed word is one option value."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from medcoop.completion import matching

        ds = _completion_data()
        if ds is None:
            return []
        before = list(ctx.params.get(argument) or ()) if argument else []
        return matching((n for n in names(ds) if n), incomplete, before=before, one_word=argument is None)

    return complete


def _country_names(ds: "Dataset") -> Iterable[str]:
    from medcoop.query.resolve import completion_names  # the one resolver of country names

    return completion_names(ds)


def _partner_names(ds: "Dataset") -> Iterable[str | None]:
    return (n for o in ds["organisations"] for n in (o["name_corrected"] or o["name"], o["acronym"]))


def _modality_words(ds: "Dataset") -> Iterable[str]:
    """The words modalities are made of, in the run's language ('technical and financial':
    technical, financial; 'técnica y financiera': técnica, financiera)."""
    from medcoop import words

    shown = (words.shown(words.MODALITIES, a["modality"]) for a in ds["actions"] if a["modality"])
    return {w for m in shown for w in m.split() if w not in ("and", "or", "y", "o")}


_complete_country = _completer(_country_names, argument="name")
_complete_country_value = _completer(_country_names)
_complete_partner = _completer(_partner_names, argument="name")
_complete_partner_value = _completer(_partner_names)
_complete_modality = _completer(_modality_words)

_SAMPLE_ARGUMENTS: dict[str, Callable[["Dataset"], dict[str, list[str]]]] = {
    "country": lambda ds: {"name": [ds["countries"][0]["a2"]]},
    "partner": lambda ds: {"name": [ds["organisations"][0]["id"]]},
    "search": lambda ds: {"text": ["a"]},
}
"""Arguments that let a listing with a required name build its view, for its column names."""


def _complete_columns(ctx: typer.Context, incomplete: str) -> list[str]:
    """--columns a,b,c: the listing's column names (and section, quote, basis), after those typed."""
    from medcoop.columns import column_names
    from medcoop.completion import column_list

    build = LISTINGS.get(ctx.info_name or "")
    ds = _completion_data()
    if build is None or ds is None:
        return []
    own = [name for name in inspect.signature(build).parameters if name != "ds"]
    given = {name: ctx.params[name] for name in own if ctx.params.get(name)}
    try:
        sample = _SAMPLE_ARGUMENTS[ctx.info_name or ""](ds) if ctx.info_name in _SAMPLE_ARGUMENTS else {}
        view = build(ds, **{**sample, **given})
    except MedcoopError:
        return []
    return column_list(column_names(view.table), incomplete)
