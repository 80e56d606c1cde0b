"""The listing commands: each parses its own options, calls one query, and hands the view to emit()."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from medcoop.cli.completers import (
    _complete_country,
    _complete_country_value,
    _complete_modality,
    _complete_partner,
    _complete_partner_value,
)
from medcoop.cli.options import YearOpt, _one
from medcoop.cli.registry import listing
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import query
    from medcoop.records import Dataset
    from medcoop.view import View
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    query = LazyModule("medcoop.query")


@listing
def summary(ds: "Dataset", year: YearOpt = None) -> "View":
    """The report's headline figures, one row per figure.

    Example: medcoop summary -f csv
    """
    return query.summary(ds, query.parse_years(_one(year, "--year"), ds))


CountryName = Annotated[
    list[str],
    typer.Argument(
        help="English or Spanish name, ISO code, alias or the report's spelling; a unique prefix works. "
        "Quotes are optional: medcoop country Corea del Sur.",
        metavar="NAME",
        autocompletion=_complete_country,
        show_default=False,
    ),
]


@listing
def country(ds: "Dataset", name: CountryName, year: YearOpt = None) -> "View":
    """Everything the report says about one country, one row per mention.

    Example: medcoop country "Corea del Sur" -f csv
    """
    return query.country(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def countries(ds: "Dataset", year: YearOpt = None) -> "View":
    """Every country in the report: codes, English and Spanish names, mentions per role.

    Example: medcoop countries -f json
    """
    return query.countries(ds, query.parse_years(_one(year, "--year"), ds))


@listing
def awards(ds: "Dataset", year: YearOpt = None) -> "View":
    """Awards and mentions the report names, and the award counts it states (memberships and
    appointments: milestones).

    Example: medcoop awards --year 2018
    """
    return query.awards(ds, query.parse_years(_one(year, "--year"), ds))


CountryOpt = Annotated[
    Optional[str],
    typer.Option(
        "--country", help="Only rows about this country (any of its names).", autocompletion=_complete_country_value
    ),
]


PartnerOpt = Annotated[
    Optional[str],
    typer.Option(
        "--partner", "-p", help="Only actions with this organisation.", autocompletion=_complete_partner_value
    ),
]
ModalityOpt = Annotated[
    Optional[str],
    typer.Option(
        "--modality", "-m", help="Only this modality: technical, financial, ...", autocompletion=_complete_modality
    ),
]


@listing
def actions(
    ds: "Dataset",
    year: YearOpt = None,
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    modality: ModalityOpt = None,
) -> "View":
    """Cooperation actions: year, partners, countries, modality, amount, who benefits.

    Example: medcoop actions --year 2017 --modality financial
    """
    years = query.parse_years(_one(year, "--year"), ds)
    return query.actions(ds, years, country=country, partner=partner, modality=modality)


@listing
def events(ds: "Dataset", year: YearOpt = None, country: CountryOpt = None) -> "View":
    """International events the report names: those the city was invited to or took part in,
    and one where its joining a network was announced.

    Example: medcoop events --country Singapore
    """
    return query.events(ds, query.parse_years(_one(year, "--year"), ds), country=country)


@listing
def visitors(ds: "Dataset", year: YearOpt = None, country: CountryOpt = None) -> "View":
    """Visiting personalities: name as printed and corrected, title, organisation, country.

    Example: medcoop visitors --year 2018
    """
    return query.visitors(ds, query.parse_years(_one(year, "--year"), ds), country=country)


@listing
def partners(ds: "Dataset", year: YearOpt = None) -> "View":
    """Every organisation in the report, with counts of its actions, awards, events and visitors.

    Example: medcoop partners -f csv
    """
    return query.partners(ds, query.parse_years(_one(year, "--year"), ds))


PartnerName = Annotated[
    list[str],
    typer.Argument(
        help="Name, acronym or Spanish name of an organisation; a unique prefix works. Quotes are optional.",
        metavar="NAME",
        autocompletion=_complete_partner,
        show_default=False,
    ),
]


@listing
def partner(ds: "Dataset", name: PartnerName, year: YearOpt = None) -> "View":
    """Everything the report says about one organisation.

    Example: medcoop partner IDB
    """
    return query.partner(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def milestones(ds: "Dataset", year: YearOpt = None) -> "View":
    """Recognitions that are no awards: a network membership, an appointment.

    Example: medcoop milestones -f csv
    """
    return query.milestones(ds, query.parse_years(_one(year, "--year"), ds))


ProgrammeName = Annotated[
    list[str],
    typer.Argument(
        help="Name or acronym of a programme (PAR, Sos Paisa); a unique prefix works. Quotes are optional.",
        metavar="NAME",
        show_default=False,
    ),
]


@listing
def programme(ds: "Dataset", name: ProgrammeName, year: YearOpt = None) -> "View":
    """Everything about one programme or project: the actions and awards of the report that name it.

    Example: medcoop programme PAR
    """
    return query.programme(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def years(ds: "Dataset", year: YearOpt = None) -> "View":
    """One row per year: delegates, journalists, awards, actions, events, visitors, USD stated.

    Example: medcoop years -f markdown
    """
    return query.years_view(ds, query.parse_years(_one(year, "--year"), ds))


SearchText = Annotated[
    list[str],
    typer.Argument(
        help="Text to find, ignoring case and accents (several words: that phrase).", show_default=False, metavar="TEXT"
    ),
]


@listing
def search(ds: "Dataset", text: SearchText, year: YearOpt = None) -> "View":
    """Search every record of the report; one row per record found.

    Example: medcoop search "medellin lab"
    """
    return query.search(ds, " ".join(text), query.parse_years(_one(year, "--year"), ds))


@listing
def tallies(ds: "Dataset", year: YearOpt = None) -> "View":
    """Counts the report states and the items it names ("Four awards, including ...").

    Example: medcoop tallies -f csv
    """
    return query.tallies(ds, query.parse_years(_one(year, "--year"), ds))


@listing
def programmes(ds: "Dataset") -> "View":
    """Programmes, projects and plans the report names, with their actions and awards.

    Example: medcoop programmes --cite
    """
    return query.programmes(ds)


@listing
def topics(ds: "Dataset") -> "View":
    """The report's topic lists (delegations' interests, best practices, ...), one topic per row.

    Example: medcoop topics -f json
    """
    return query.topics(ds)


@listing
def sections(ds: "Dataset") -> "View":
    """The report: title, publisher, period, and how each section's year is known.

    Example: medcoop sections
    """
    return query.sections(ds)
