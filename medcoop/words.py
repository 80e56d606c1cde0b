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

from collections.abc import Iterable, Iterator
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
    Word("markdown", es=("markdown",)),
    Word("html", es=("html",)),
    Word("xlsx", es=("xlsx",)),
)
"""``--format``: the formats' names are the same in both languages but the table view's."""

LANGUAGES: Final = (
    Word("es", en=("es", "spanish"), es=("es", "español")),
    Word("en", en=("en", "english"), es=("en", "inglés")),
)
"""``--lang``: a language code, or the language's name in either language."""


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
