"""Typer and its vendored Click in medcoop's language.

Typer 0.28 vendors Click without gettext: the parser's messages are English f-strings, and the
help's panel titles are constants of typer.rich_utils, fixed when it is imported. So:

- help: MedcoopGroup translates the help, epilog, metavars and parameter help of the app and of
  its commands once, before parsing (so that the usage line and parser errors name NOMBRE, not
  NAME), and the rich_utils constants each time help is drawn (rich_utils is imported only then);
- the usage line: both classes write it with a translated "Usage: " prefix;
- parser errors: main() prints `parser_message(exc.format_message())`, which recognises Click's
  and Typer's English templates (PARSER_MESSAGES) and formats the translated one.

Every message here is English text, the catalog's message id; in English nothing changes.
"""

from __future__ import annotations

import re
from typing import Any

from typer import _click
from typer.core import TyperCommand, TyperGroup

from medcoop.i18n import N_, _, from_templates

# --------------------------------------------------------------------------- parser messages

PARSER_MESSAGES = (
    N_("No such command {name}. Did you mean {suggestions}?"),
    N_("No such command {name}."),
    N_("Missing command."),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid {kind}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument(s) ({arguments})"),
)
"""The messages of Typer 0.28's parser that medcoop's commands can raise, as its source writes
them (typer/_click/exceptions.py, parser.py, core.py; typer/core.py, _types.py), most specific
first."""


def parser_message(message: str) -> str:
    """A message of the parser in this run's language ('Invalid value for ...: ... is not one
    of ...' with both parts translated), with a "did you mean" when a value not among the
    choices is near one of them (-f xls: 'xlsx')."""
    return from_templates(message, PARSER_MESSAGES).rstrip(".") + _near_choice(message)


def _near_choice(message: str) -> str:
    found = re.search(r"'([^']*)' is not one of ((?:'[^']*'(?:, )?)+)\.?$", message)
    if found is None:
        return "." if message.endswith(".") else ""
    import difflib

    value, choices = found.group(1), re.findall(r"'([^']*)'", found.group(2))
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.75)
    return _("; did you mean {names}?").format(names=repr(close[0])) if close else "."


# --------------------------------------------------------------------------- help

RICH_UTILS_TEXT = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ABORTED_TEXT": N_("Aborted."),
}
"""typer.rich_utils's constants, as Typer 0.28 defines them in English."""

USAGE = N_("Usage: ")
OPTIONS_METAVAR = N_("[OPTIONS]")
COMMAND_METAVAR = N_("COMMAND [ARGS]...")


def _translate_rich_utils() -> None:
    from medcoop.cli.richhelp import rich_utils as lean_rich_utils

    rich_utils: Any = lean_rich_utils()  # the module typer.core's help imports next

    for name, english in RICH_UTILS_TEXT.items():
        setattr(rich_utils, name, _(english))
    usage = _(USAGE)
    highlights = rich_utils.OptionHighlighter.highlights
    pattern = f"(?P<usage>{re.escape(usage)})"
    if pattern not in highlights:
        rich_utils.OptionHighlighter.highlights = [*highlights, pattern]


def _translate(text: Any) -> Any:
    return _(text) if isinstance(text, str) and text else text


def translate_command(command: _click.Command) -> None:
    """The help, epilog and metavars of a command and its parameters, translated in place."""
    command.help = _translate(command.help)
    command.short_help = _translate(command.short_help)
    command.epilog = _translate(command.epilog)
    command.options_metavar = _translate(command.options_metavar)
    for param in command.params:
        param.metavar = _translate(param.metavar)
        if hasattr(param, "help"):  # options, and Typer's arguments
            param.help = _translate(param.help)


class _Translated(_click.Command):
    """What both of medcoop's command classes do: the usage line, the panel titles and the help
    option in this run's language."""

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_(USAGE))

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _translate_rich_utils()
        super().format_help(ctx, formatter)

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option


HELP_OPTION = N_("Show this message and exit.")


class MedcoopCommand(_Translated, TyperCommand):
    """A command whose usage line and help speak this run's language."""


class MedcoopGroup(_Translated, TyperGroup):
    """The app: its commands and theirs translated before anything is parsed."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        for command in (self, *self.commands.values()):
            translate_command(command)
        if self.subcommand_metavar == COMMAND_METAVAR:
            self.subcommand_metavar = _(COMMAND_METAVAR)
        return super().main(*args, **kwargs)
