"""What bare `medcoop` says: a short overview that fits a 24-line terminal, as `git` gives with no
arguments (what medcoop is, the commands to start with, where the rest is); and the groups the
full help (`medcoop --help`) sorts the commands into. Plain text, no UI library."""

from __future__ import annotations

from typing import Final

from medcoop.i18n import N_, _

STARTERS: Final = (
    ("summary", N_("the report's headline figures")),
    ("country Korea", N_("everything the report says about one country")),
    ("actions", N_("the cooperation actions: who, what, how much")),
    ("search mobility", N_("every record that mentions a word")),
    ("map", N_("the report's countries on a world map")),
)
"""The commands to start with, and what each answers."""

GROUPS: Final = (
    (N_("The report"), ("summary", "years", "sections", "topics", "tallies")),
    (N_("Countries"), ("country", "countries")),
    (N_("Organisations"), ("partners", "partner", "programmes", "programme")),
    (N_("Records"), ("actions", "awards", "milestones", "events", "visitors", "search")),
    (N_("Pictures"), ("map", "report")),
    (N_("Data"), ("sql", "export", "validate")),
)
"""The panels of `medcoop --help`, each with its commands in the order shown."""


def group_of(command: str) -> str | None:
    """The panel (English, for the catalog) a command is shown under in `medcoop --help`."""
    return next((title for title, names in GROUPS if command in names), None)


def overview(commands: int) -> str:
    """Bare `medcoop`: what it is, the commands to start with, where the rest is."""
    width = max(len(name) for name, _text in STARTERS) + len("medcoop ")
    starters = "".join(f"  {'medcoop ' + name:<{width}}  {_(text)}\n" for name, text in STARTERS)
    return (
        _("medcoop: ACI Medellín's Special Report on Cooperation 2016, 2017, 2018.")
        + "\n"
        + _("Every figure, partner, award and visitor, with the sentence it comes from.")
        + "\n\n"
        + _("Start with:")
        + "\n"
        + starters
        + "\n"
        + _("Listings take -f csv|json|markdown|..., --wide, -c COLUMNS and --cite.")
        + "\n"
        + _("medcoop --help lists all {count} commands; medcoop COMMAND --help explains one.").format(count=commands)
        + "\n"
        + _("En español: medcoop --lang es ...")
        + "\n"
    )
