"""The command line, one module per concern.

app (the Typer app, main and run, exit codes) · registry (the commands each module registers) ·
options (the output options every listing shares) · output (stdout, the pager, emit) ·
completers (shell completion) · listings, data, pictures (the commands themselves).

Nothing imports medcoop.cli but __main__.py and the tests."""

from medcoop.cli import data, listings, pictures  # noqa: F401  (each registers its commands)
from medcoop.cli.app import EXIT_CODES, build_app, main, run
from medcoop.cli.output import emit, terminal
from medcoop.cli.registry import COMMANDS, LISTINGS

__all__ = ["COMMANDS", "EXIT_CODES", "LISTINGS", "build_app", "emit", "main", "run", "terminal"]
