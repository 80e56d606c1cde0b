"""The fixed words options take, in both languages, defined once.

An option that takes one of a few words (``actions --modality``, ``map --role``, ``--format``)
takes it in English or Spanish, with or without accents, in any case, whatever the run's
language: ``--modality financiera`` is ``--modality financial``, ``map --role sur-sur`` is
``--role south-south``. Error messages and shell completion give the words of the run's
language. Each list says every word once: its value (the English word medcoop works with), the
English forms and the Spanish forms it answers to, the first of each being the one shown.

Plain data and a few functions over it: nothing heavy (completion imports it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import Final

from medcoop import i18n


class Word:
    """One word of a list: the value medcoop uses, and the forms it answers to in each language
    (the first of each is the one shown)."""

    __slots__ = ("english", "spanish", "value")

    def __init__(self, value: str, *, en: tuple[str, ...] = (), es: tuple[str, ...]) -> None:
        self.value: Final = value
        self.english: Final = en or (value,)
        self.spanish: Final = es

    def forms(self) -> tuple[str, ...]:
        return (*self.english, *self.spanish)

    def shown(self) -> str:
        """The word in this run's language."""
        return self.spanish[0] if i18n.language == "es" else self.english[0]


MODALITIES: Final = (
    Word("technical", es=("técnica", "técnico")),
    Word("financial", es=("financiera", "financiero")),
    Word("technical and financial", es=("técnica y financiera", "técnico y financiero")),
    Word("technical exchange", es=("intercambio técnico",)),
    Word("consultancy", es=("consultoría", "asesoría")),
    Word("South-South", en=("South-South", "south south"), es=("Sur-Sur", "sur sur")),
)
"""Modalities of cooperation actions (the dataset's `modality`, as the catalog translates them)."""

MENTIONS: Final = Word("mentions", es=("menciones",))
"""``map --role``'s default: every mention of a country."""

MAP_ROLES: Final = (
    Word("cooperation-partner", es=("cooperante", "socio-de-cooperación")),
    Word("mission-sender", es=("misiones", "envío-de-misiones")),
    Word("best-practice", es=("buenas-prácticas", "buena-práctica")),
    Word("south-south", es=("sur-sur",)),
    Word("event", es=("evento", "eventos")),
    Word("visitor", es=("visitante", "visitantes")),
)
"""``map --role``: what the map colours (besides all mentions, its default)."""

FORMATS: Final = (
    Word("table", es=("tabla",)),
    Word("csv", es=("csv",)),
    Word("tsv", es=("tsv",)),
    Word("json", es=("json",)),
    Word("jsonl", es=("jsonl",)),
    Word("markdown", en=("markdown", "md"), es=("markdown", "md")),
    Word("html", es=("html",)),
    Word("xlsx", es=("xlsx",)),
)
"""``--format``: the formats' names are the same in both languages but the table view's; ``md`` is
Markdown (the formats' aliases are listed here only)."""

LANGUAGES: Final = (
    Word("es", en=("es", "spanish"), es=("es", "español")),
    Word("en", en=("en", "english"), es=("en", "inglés")),
)
"""``--lang``: a language code, or the language's name in either language."""


def format_args(args: list[str], environ: MutableMapping[str, str] | None = None) -> list[str]:
    """args with a --format/-f value in Spanish ('tabla') given as its English name, before Typer
    checks it against the formats; MEDCOOP_FORMAT in environ likewise. Nothing after '--'."""
    import os

    env: MutableMapping[str, str] = os.environ if environ is None else environ
    value = env.get("MEDCOOP_FORMAT")
    if value:
        env["MEDCOOP_FORMAT"] = resolve(FORMATS, value) or value
    out: list[str] = []
    items = iter(args)
    for arg in items:
        if arg == "--":
            out.append(arg)
            out.extend(items)
            break
        if arg in ("--format", "-f"):
            out.append(arg)
            following = next(items, None)
            if following is not None:
                out.append(_format(following))
        elif arg.startswith("--format="):
            out.append("--format=" + _format(arg[9:]))
        else:
            out.append(arg)
    return out


def _format(value: str) -> str:
    """A --format value's English name; a UsageError naming the formats in the run's language."""
    from medcoop.errors import UsageError
    from medcoop.i18n import _

    english = resolve(FORMATS, value)
    if english is None and not value.startswith("-"):  # an option after -f: Typer says it lacks its value
        import difflib

        close = difflib.get_close_matches(value.lower(), list(choices(FORMATS)), n=1, cutoff=0.75)
        near = _("; did you mean {names}?").format(names=repr(close[0])) if close else ""
        raise UsageError(
            _("unknown format {format}: choose one of {choices}").format(
                format=repr(value), choices=", ".join(choices(FORMATS))
            )
            + near
        )
    return english or value


def _fold(text: str) -> str:
    from medcoop.names import fold

    return " ".join(fold(text).replace("_", " ").split())


def resolve(words: Iterable[Word], text: str) -> str | None:
    """The value of the word text says (any form, any case, accents or not; '-' and ' ' alike),
    or None when it is none of them."""
    wanted = _fold(text)
    for word in words:
        if any(_fold(form) == wanted for form in word.forms()):
            return word.value
    return None


def shown(words: Iterable[Word], value: str) -> str:
    """A value as the run's language says it (itself when the list lacks it)."""
    return next((w.shown() for w in words if w.value == value), value)


def choices(words: Iterable[Word]) -> list[str]:
    """The words of the run's language, for messages and help."""
    return [w.shown() for w in words]


def completions(words: Iterable[Word], incomplete: str) -> list[str]:
    """The words of the run's language that start with what was typed (case and accents aside)."""
    from medcoop.completion import matching

    return matching(choices(words), incomplete, one_word=True)


def all_forms(words: Iterable[Word]) -> Iterator[str]:
    for word in words:
        yield from word.forms()


# --------------------------------------------------------------------------- search in both languages

SEARCH: Final = {
    "paz": ("peace", "peacebuilding"),
    "construcción de paz": ("peacebuilding",),
    "movilidad": ("mobility",),
    "alcalde": ("mayor", "mayors"),
    "alcaldesa": ("mayor",),
    "alcaldes": ("mayors",),
    "alcaldía": ("mayor's office",),
    "vicealcalde": ("vice mayor",),
    "premio": ("award", "awards", "awarded", "prize"),
    "premios": ("awards", "award", "prize"),
    "mención": ("mention",),
    "reconocimiento": ("recognized", "recognition"),
    "cooperación": ("cooperation",),
    "cooperación sur-sur": ("south-south cooperation",),
    "sur-sur": ("south-south",),
    "delegación": ("delegation",),
    "delegaciones": ("delegations",),
    "delegados": ("delegates",),
    "periodistas": ("journalists",),
    "buenas prácticas": ("best practices",),
    "buena práctica": ("best practice",),
    "educación": ("education",),
    "inversión": ("investment",),
    "seguridad": ("security",),
    "gobierno": ("government",),
    "transformación": ("transformation",),
    "medio ambiente": ("environment",),
    "salud": ("health",),
    "energía": ("energy",),
    "planeación": ("planning",),
    "urbanismo": ("urbanism", "urban planning"),
    "inclusión social": ("social inclusion",),
    "desarrollo económico": ("economic development",),
    "desarrollo": ("development",),
    "jóvenes": ("young people",),
    "mujer": ("woman", "women"),
    "mujeres": ("women",),
    "víctimas": ("victims",),
    "conflicto armado": ("armed conflict",),
    "reconciliación": ("reconciliation",),
    "emprendimiento": ("entrepreneurial",),
    "empleo": ("employment",),
    "embajada": ("embassy",),
    "embajador": ("ambassador",),
    "ministro": ("minister",),
    "viceministro": ("vice minister", "deputy minister"),
    "ministerio": ("ministry",),
    "secretaría": ("secretariat",),
    "fundación": ("foundation",),
    "banco": ("bank",),
    "cumbre": ("summit",),
    "foro": ("forum",),
    "congreso": ("congress",),
    "conferencia": ("conference",),
    "red": ("network",),
    "aprendizaje": ("learning",),
    "ciudad": ("city",),
    "ciudades": ("cities",),
    "país": ("country",),
    "países": ("countries",),
    "tráfico": ("traffic",),
    "saneamiento": ("sanitation",),
    "río": ("river",),
    "consultoría": ("consultancy",),
    "intercambio técnico": ("technical exchange",),
    "financiera": ("financial",),
    "técnica": ("technical",),
    "visita": ("visit",),
    "visitantes": ("visitors", "visit"),
    "misiones": ("missions",),
    "aportes": ("contributions",),
    "encuentros": ("meetings",),
    "proyecto": ("project",),
    "proyectos": ("projects",),
    "programa": ("program", "programme"),
    "estrategia": ("strategy",),
    "crimen organizado": ("organized crime",),
    "créditos ilegales": ("illegal credits",),
    "renovación urbana": ("urban renewal",),
}
"""Spanish words a search looks for in English too (``search paz`` finds 'peace' and
'peacebuilding'): the report's text is English, and the editors' words are in both languages.
Keys as Colombian usage writes them; a search matches them ignoring case and accents."""


def search_alternatives(text: str) -> tuple[str, ...]:
    """The English words a Spanish search also looks for ('paz' -> 'peace', 'peacebuilding')."""
    wanted = _fold(text)
    return next((english for spanish, english in SEARCH.items() if _fold(spanish) == wanted), ())
