"""The registry of commands: each command module registers its commands here; build_app() reads it."""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medcoop.view import View


COMMANDS: dict[str, Callable[[], Callable[..., None]]] = {}
"""Command name -> what makes its function for Typer; build_app() calls only those it builds."""


def command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command; build_app() turns the registry into a Typer app."""
    COMMANDS[func.__name__] = lambda: func
    return func


def listing(build: Callable[..., "View"]) -> Callable[..., "View"]:
    """Register a listing command from `build(ds, **its own options) -> View`.

    The command gets the output options (--format, --data, --cite, --no-color, --excel, --svg,
    --wide, --columns, --no-pager, --output), loads the dataset, calls `build` and renders what
    it returns. It is made only when build_app() builds it."""

    def make() -> Callable[..., None]:
        from medcoop.cli.options import listing_command

        return listing_command(build)

    COMMANDS[build.__name__] = make
    LISTINGS[build.__name__] = build
    return build


LISTINGS: dict[str, Callable[..., "View"]] = {}
"""Listing name -> its build function (for completing --columns)."""
