"""The dataset's own vocabulary: the words medcoop's transcription uses to classify records
(kinds, modalities, units, how a year is known), as opposed to the report's text.

They are values in the rows (CSV and JSON carry them as they are, in English); term() marks
them for translation where people read them (the table view, Markdown, HTML, SVG). A value not
listed here (a new kind in an edited dataset) is shown as it is.
"""

from __future__ import annotations

from medcoop.i18n import N_, Msg

TERMS = frozenset(
    {
        # how a year is known (records.YearBasis, Section.year_basis)
        N_("stated"),
        N_("section"),
        N_("report period"),
        N_("public record"),
        N_("not stated"),
        N_("inferred"),
        N_("not applicable"),
        # how a visitor's country or an organisation's kind is known
        N_("printed"),
        N_("derived"),
        N_("editorial"),
        # award kinds (records.Award.kind)
        N_("award"),
        N_("mention"),
        N_("membership"),
        N_("appointment"),
        # modalities of cooperation actions
        N_("technical"),
        N_("financial"),
        N_("technical and financial"),
        N_("technical exchange"),
        N_("consultancy"),
        N_("South-South"),
        # kinds of organisations and programmes
        N_("Medellín city body"),
        N_("UN agency"),
        N_("city"),
        N_("city cooperation and investment agency"),
        N_("city government"),
        N_("city network"),
        N_("embassy"),
        N_("foundation"),
        N_("government"),
        N_("government ministry"),
        N_("multilateral bank"),
        N_("public innovation laboratory"),
        N_("utility"),
        N_("programme"),
        N_("program"),
        N_("project"),
        N_("plan"),
        N_("strategy"),
        N_("initiative"),
        # units and qualifiers of the headline figures, subjects of the counts
        N_("USD"),
        N_("best practices"),
        N_("contributions"),
        N_("countries"),
        N_("delegates"),
        N_("delegations"),
        N_("journalists"),
        N_("meetings"),
        N_("projects"),
        N_("South-South projects"),
        N_("awards"),
        N_("recipients"),
        N_("more than"),
    }
)


def term(value: str | None) -> str | None:
    """A value of the dataset's vocabulary, to be translated where people read it; any other
    value as it is."""
    return Msg(value) if value in TERMS else value
