"""Pure queries over a loaded dataset: resolve names, filter, build rows. No printing.

One module per concern: periods (the year rule), rows (what every listing shares), resolve
(names to records), mentioned (country mentions), by_country, lists, headline,
organisations and searching (the listings). The listings and the names callers need are
imported here, so that `query.country(ds, "Korea")` reads as before."""

from medcoop.query.by_country import (
    COUNTRIES_COLUMNS,
    COUNTRY_COLUMNS,
    countries,
    country,
)
from medcoop.query.headline import (
    SECTIONS_COLUMNS,
    SUMMARY_COLUMNS,
    TALLIES_COLUMNS,
    TOPICS_COLUMNS,
    YEARS_COLUMNS,
    sections,
    summary,
    tallies,
    topics,
    years_view,
)
from medcoop.query.lists import (
    ACTIONS_COLUMNS,
    AWARDS_COLUMNS,
    EVENTS_COLUMNS,
    MILESTONES_COLUMNS,
    VISITORS_COLUMNS,
    actions,
    awards,
    events,
    milestones,
    visitors,
)
from medcoop.query.mentioned import (
    ROLE_DETAILS,
    ROLE_LABELS,
    Mention,
    mentions,
)
from medcoop.query.organisations import (
    PARTNER_COLUMNS,
    PARTNERS_COLUMNS,
    PROGRAMME_COLUMNS,
    PROGRAMMES_COLUMNS,
    RECORD_LISTS,
    partner,
    partners,
    programme,
    programmes,
)
from medcoop.query.periods import (
    Years,
    parse_years,
    period,
)
from medcoop.query.resolve import (
    NotACountry,
    NotMentioned,
    country_matcher,
    country_name,
    find_country,
    org_names,
    partner_matcher,
    programme_matcher,
    shell_word,
)
from medcoop.query.rows import (
    COLLECTIONS,
    RECORD_KINDS,
    Citation,
)
from medcoop.query.searching import (
    SEARCH_COLUMNS,
    search,
)

__all__ = [
    "ACTIONS_COLUMNS",
    "AWARDS_COLUMNS",
    "COLLECTIONS",
    "COUNTRIES_COLUMNS",
    "COUNTRY_COLUMNS",
    "EVENTS_COLUMNS",
    "MILESTONES_COLUMNS",
    "PARTNERS_COLUMNS",
    "PARTNER_COLUMNS",
    "PROGRAMMES_COLUMNS",
    "PROGRAMME_COLUMNS",
    "RECORD_KINDS",
    "RECORD_LISTS",
    "ROLE_DETAILS",
    "ROLE_LABELS",
    "SEARCH_COLUMNS",
    "SECTIONS_COLUMNS",
    "SUMMARY_COLUMNS",
    "TALLIES_COLUMNS",
    "TOPICS_COLUMNS",
    "VISITORS_COLUMNS",
    "YEARS_COLUMNS",
    "Citation",
    "Mention",
    "NotACountry",
    "NotMentioned",
    "Years",
    "actions",
    "awards",
    "countries",
    "country",
    "country_matcher",
    "country_name",
    "events",
    "find_country",
    "mentions",
    "milestones",
    "org_names",
    "parse_years",
    "partner",
    "partner_matcher",
    "partners",
    "period",
    "programme",
    "programme_matcher",
    "programmes",
    "search",
    "sections",
    "shell_word",
    "summary",
    "tallies",
    "topics",
    "visitors",
    "years_view",
]
