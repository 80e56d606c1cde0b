"""medcoop's own words in English (the source language) or Spanish, through one gettext catalog.

The language is chosen once per run (choose()): `--lang es|en` anywhere before `--`, then
MEDCOOP_LANG, then the locale variables LANGUAGE, LC_ALL, LC_MESSAGES and LANG, read as the
standard library's gettext reads them; else English. A language medcoop does not speak falls
back to English without a word; an invalid `--lang` value is a usage error.

English loads nothing: `_()` returns its argument. Spanish loads `locale/es/LC_MESSAGES/medcoop.mo`
(compiled from the `.po` beside it when the package is built) with `gettext.GNUTranslations`.

Rows of a view hold the same values in every language, so that CSV and JSON never change with it;
medcoop's words inside them are `Msg` strings, English as values, translated by `shown()` where
the table view, Markdown, HTML and SVG draw them. Numbers for people use `number()` and `usd()`
(`1,500` and `USD 12.5 million` in English; `1.500` and `USD 12,5 millones` in Spanish).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from medcoop.errors import UsageError

if TYPE_CHECKING:
    from gettext import GNUTranslations

LANGUAGES = ("en", "es")
DOMAIN = "medcoop"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_catalog: GNUTranslations | None = None
language = "en"
"""The language of this run: 'en' or 'es'."""


# --------------------------------------------------------------------------- choosing


def _known(value: str) -> str | None:
    """'es_CO.UTF-8', 'es-CO', 'ES', 'es@euro' -> 'es'; 'en_US' -> 'en'; anything else -> None."""
    code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].strip().lower()
    return code if code in LANGUAGES else None


def from_environment(environ: Mapping[str, str]) -> str:
    """MEDCOOP_LANG, then the first locale variable set (a colon-separated list in LANGUAGE,
    whose first language medcoop speaks wins, 'C' meaning the source language), else English."""
    chosen = environ.get("MEDCOOP_LANG", "").strip()
    if chosen:
        return _known(chosen) or "en"
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            for entry in value.split(":"):
                if entry in ("C", "POSIX") or entry.startswith(("C.", "POSIX.")):
                    return "en"
                known = _known(entry)
                if known:
                    return known
            return "en"
    return "en"


def split_lang(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """The value of the last `--lang X` / `--lang=X` in args (before any `--`), and args without
    them. The value must be one of LANGUAGES (any case): otherwise a usage error."""
    rest: list[str] = []
    value: str | None = None
    items = iter(args)
    for arg in items:
        if arg == "--":
            rest.append(arg)
            rest.extend(items)
            break
        if arg == "--lang":
            value = next(items, None)
            if value is None:
                raise UsageError(_("Option '--lang' requires an argument."))
        elif arg.startswith("--lang="):
            value = arg[len("--lang=") :]
        else:
            rest.append(arg)
            continue
        from medcoop.words import LANGUAGES as NAMES
        from medcoop.words import resolve

        value = resolve(NAMES, value) or value  # 'español', 'Spanish', 'inglés': a language's name in either
        if value.lower() not in LANGUAGES:
            raise UsageError(
                _("Invalid value for '--lang': {value} is not one of {choices}.").format(
                    value=repr(value), choices=", ".join(map(repr, LANGUAGES))
                )
            )
        value = value.lower()
    return value, rest


def choose(args: Sequence[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Set this run's language from args and the environment; returns args without `--lang`.
    The environment's language is set first, so that a bad `--lang` is reported in it."""
    use(from_environment(os.environ if environ is None else environ))
    value, rest = split_lang(args)
    if value is not None:
        use(value)
    return rest


def use(lang: str) -> None:
    """Speak `lang` from now on. Spanish without a compiled catalog (a source checkout that was
    never built) stays English."""
    global _catalog, language
    if lang == "en":
        _catalog, language = None, "en"
        return
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        _catalog, language = _read_catalog(path, path.stat().st_mtime_ns), lang
    except OSError:
        _catalog, language = None, "en"


@lru_cache(maxsize=4)
def _read_catalog(path: Path, _version: int) -> GNUTranslations:
    """The compiled catalog at path, parsed once per process while it stays as it is (a
    program or a test that switches languages many times)."""
    from gettext import GNUTranslations

    with path.open("rb") as file:
        return GNUTranslations(file)


# --------------------------------------------------------------------------- translating


def _(message: str) -> str:
    """`message` in this run's language."""
    return message if _catalog is None else _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _catalog is None:
        return singular if n == 1 else plural
    return _catalog.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalog without translating it (it is translated where shown)."""
    return message


class Localized(str):
    """Text with a form for people in this run's language (translated()); as a value, English."""

    def translated(self) -> str:
        return str(self)


class Msg(Localized):
    """medcoop's words inside a view: the English text as a value (CSV and JSON carry it, in any
    language), the template and arguments kept to translate it where people read it (shown()).
    Integer arguments are numbers for people (1,500 / 1.500); give years as text."""

    template: str
    args: dict[str, object]

    def __new__(cls, template: str, **args: object) -> Msg:
        self = super().__new__(cls, _format(template, args, "en") if args else template)
        self.template = template
        self.args = args
        return self

    def translated(self) -> str:
        if _catalog is None:
            return str(self)
        return _format(_(self.template), self.args, language)


class Named(Localized):
    """A name with its Spanish form (from the dataset, as countries'): English as a value, Spanish
    where people read it under Spanish."""

    spanish: str

    def __new__(cls, english: str, spanish: str | None) -> Named:
        self = super().__new__(cls, english)
        self.spanish = spanish or english
        return self

    def translated(self) -> str:
        return self.spanish if language == "es" else str(self)


class Joined(Localized):
    """Parts joined by a separator, some of them medcoop's words: 'modality: financial; ...'."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Iterable[str | None], separator: str = "; ") -> Joined:
        kept = tuple(p for p in parts if p)
        self = super().__new__(cls, separator.join(kept))
        self.parts = kept
        self.separator = separator
        return self

    def translated(self) -> str:
        return self.separator.join(map(shown, self.parts))


def _format(template: str, args: Mapping[str, object], lang: str) -> str:
    return template.format(**{key: _for_people(value, lang) for key, value in args.items()})


def _for_people(value: object, lang: str) -> object:
    if isinstance(value, Localized):
        return value.translated() if lang != "en" else str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _grouped(value, lang)
    return value


def shown(value: str) -> str:
    """A text as people read it in this run's language: medcoop's words (Localized) translated,
    the dataset's text as it is."""
    if isinstance(value, Localized):
        return value.translated()
    return value


def said(value: str) -> str:
    """A text that is medcoop's own words (a column header, a title) in this run's language."""
    if isinstance(value, Localized):
        return value.translated()
    return _(value)


def from_templates(message: str, templates: tuple[str, ...]) -> str:
    """Another library's English message in this run's language: the first of its templates
    (English format strings, the catalog's message ids) that the message matches, translated,
    each part translated the same way. A message no template matches stays as it is."""
    if _catalog is None:
        return message
    for template, regex in _patterns(templates):
        match = regex.match(message)
        if match:
            parts = {key: from_templates(value, templates) for key, value in match.groupdict().items()}
            return _(template).format(**parts)
    return message


@lru_cache(maxsize=8)
def _patterns(templates: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    def pattern(template: str) -> re.Pattern[str]:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        return re.compile(f"^{regex}$", re.DOTALL)

    return tuple((template, pattern(template)) for template in templates)


# --------------------------------------------------------------------------- numbers for people


def _grouped(value: float, lang: str) -> str:
    text = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    if lang == "es":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def number(value: float) -> str:
    """1,500 and 12.5 in English; 1.500 and 12,5 in Spanish (Colombian usage)."""
    return _grouped(value, language)


def usd(amount: int) -> str:
    """USD 12.5 million / USD 12,5 millones; USD 1 million / USD 1 millón; USD 250,000 / USD 250.000."""
    if amount >= 1_000_000 and amount % 100_000 == 0:
        millions = amount / 1_000_000
        whole = millions == int(millions)
        template = ngettext("USD {amount} million", "USD {amount} million", int(millions) if whole else 2)
        return template.format(amount=number(int(millions) if whole else millions))
    return _("USD {amount}").format(amount=number(amount))
