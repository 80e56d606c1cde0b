"""medcoop in Spanish: choosing the language, the catalog's completeness, the parser's messages
and the help in Spanish, numbers the Colombian way, and machine formats that never change."""

from __future__ import annotations

import os
import re
import string
from pathlib import Path
from typing import Any

import pytest

from medcoop import cli, i18n
from medcoop.cli_i18n import PARSER_MESSAGES, RICH_UTILS_TEXT, parser_message

from . import catalog as messages
from .conftest import ROOT

NOT_LISTINGS = {"export", "validate", "report"}
"""Commands that print no view (every other command is a listing, looped over below)."""
LISTING_ARGS = {
    "country": ["Corea"],
    "partner": ["BID"],
    "programme": ["PAR"],
    "search": ["medellin"],
    "sql": ["SELECT * FROM actions"],
}


def listings() -> list[list[str]]:
    return [[name, *LISTING_ARGS.get(name, [])] for name in cli.COMMANDS if name not in NOT_LISTINGS]


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    i18n.use("en")


# --------------------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_CO.UTF-8"}, "es"),
        ({"LANG": "es_ES"}, "es"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language medcoop does not speak: English, no error
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_CO.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "es_CO.UTF-8"}, "en"),
        ({"LANGUAGE": "es_CO:en", "LC_ALL": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),  # the first language medcoop speaks
        ({"LANGUAGE": "", "LANG": "es_CO.UTF-8"}, "es"),  # empty variables do not count
        ({"MEDCOOP_LANG": "es", "LANG": "en_US.UTF-8"}, "es"),
        ({"MEDCOOP_LANG": "en", "LANGUAGE": "es"}, "en"),
        ({"MEDCOOP_LANG": "ES_co", "LANG": "C"}, "es"),
        ({"MEDCOOP_LANG": "fr", "LANG": "es_CO.UTF-8"}, "en"),  # unknown: English, silently
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


@pytest.mark.parametrize(
    ("args", "lang", "rest"),
    [
        (["summary"], None, ["summary"]),
        (["--lang", "es", "summary"], "es", ["summary"]),
        (["summary", "--lang", "es", "-f", "csv"], "es", ["summary", "-f", "csv"]),
        (["summary", "--lang=ES"], "es", ["summary"]),
        (["--lang", "es", "summary", "--lang", "en"], "en", ["summary"]),  # the last wins
        (["search", "--", "--lang", "es"], None, ["search", "--", "--lang", "es"]),
    ],
)
def test_lang_option_anywhere_before_double_dash(args: list[str], lang: str | None, rest: list[str]) -> None:
    assert i18n.split_lang(args) == (lang, rest)


def test_lang_option_wins_over_the_environment(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEDCOOP_LANG", "es")
    assert "Opciones" in run("summary", "--help").out
    assert "Options" in run("summary", "--help", "--lang", "en").out
    monkeypatch.setenv("MEDCOOP_LANG", "en")
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    assert "Options" in run("summary", "--help").out
    monkeypatch.delenv("MEDCOOP_LANG")
    assert "Opciones" in run("summary", "--help").out


@pytest.mark.parametrize("args", [["--lang", "fr", "summary"], ["summary", "--lang="], ["summary", "--lang"]])
def test_invalid_lang_is_a_usage_error(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("medcoop: error: ") and "'--lang'" in result.err
    assert result.err.count("\n") == 1


def test_lang_in_the_help(run) -> None:  # type: ignore[no-untyped-def]
    assert "--lang" in run("--help").out


# --------------------------------------------------------------------------- the catalog


def _placeholders(text: str) -> list[str]:
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def _strings(message: Any) -> list[tuple[str, str]]:
    """(English, Spanish) pairs of a catalog entry, plural forms paired with their English form."""
    if isinstance(message.id, str):
        return [(message.id, message.string)]
    return [(message.id[min(i, 1)], text) for i, text in enumerate(message.string)]


def test_every_message_has_a_spanish_translation() -> None:
    untranslated = [m.id for m in messages.read_catalog() if m.id and not all(s for _, s in _strings(m))]
    fuzzy = [m.id for m in messages.read_catalog() if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_every_message_of_the_code_and_help_is_in_the_catalog_and_no_other() -> None:
    catalog = messages.read_catalog()
    have = {m.id if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in catalog if m.id}
    wanted = messages.all_messages()
    assert [k for k in wanted if k not in have] == [], "run: python -m tests.catalog --update"
    assert [k for k in have if k not in wanted] == [], "run: python -m tests.catalog --update"


def test_no_translation_loses_or_adds_a_placeholder() -> None:
    wrong = [
        (english, spanish)
        for message in messages.read_catalog()
        if message.id
        for english, spanish in _strings(message)
        if _placeholders(english) != _placeholders(spanish)
    ]
    assert wrong == []


def test_the_compiled_catalog_is_the_source() -> None:
    """The .mo medcoop loads holds exactly the .po's translations (reinstall after editing it)."""
    i18n.use("es")
    assert i18n.language == "es", "no compiled Spanish catalog: install medcoop (pip install -e .)"
    for message in messages.read_catalog():
        if message.id and isinstance(message.id, str):
            assert i18n._(message.id) == message.string, message.id


def test_the_glossary_terms() -> None:
    """A few terms of ../shared/reference/glossary-es.md: "usted", "periodo" (not "período")."""
    spanish = " ".join(s for m in messages.read_catalog() if m.id for _, s in _strings(m))
    assert "período" not in spanish
    assert not re.search(r"\b(tú|puedes|quieres)\b", spanish)


def test_english_loads_no_catalog() -> None:
    i18n.use("en")
    assert i18n._catalog is None
    assert i18n._("Options") == "Options"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("amount", "english", "spanish"),
    [
        (12_500_000, "USD 12.5 million", "USD 12,5 millones"),
        (30_000_000, "USD 30 million", "USD 30 millones"),
        (1_000_000, "USD 1 million", "USD 1 millón"),
        (250_000, "USD 250,000", "USD 250.000"),
        (1_234_567, "USD 1,234,567", "USD 1.234.567"),
    ],
)
def test_amounts_for_people(amount: int, english: str, spanish: str) -> None:
    i18n.use("en")
    assert i18n.usd(amount) == english
    i18n.use("es")
    assert i18n.usd(amount) == spanish


def test_numbers_the_colombian_way_in_every_format_for_people(run) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("table", "markdown", "html"):
        english, spanish = (run("years", "--lang", lang, "-f", fmt).out for lang in ("en", "es"))
        assert "1,500" in english and "USD 12.5 million" in english, fmt
        assert "1.500" in spanish and "USD 12,5 millones" in spanish, fmt
        assert "1,500" not in spanish and "12.5" not in spanish, fmt


def test_numbers_in_the_svg_picture(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "years.svg"
    assert run("years", "--lang", "es", "-f", "csv", "--svg", str(picture)).code == 0
    svg = picture.read_text(encoding="utf-8")
    assert "1.500" in svg and "1,500" not in svg


# --------------------------------------------------------------------------- machine formats


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_machine_formats_are_the_same_in_both_languages(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    for args in listings():
        english = run(*args, "-f", fmt, "--lang", "en")
        spanish = run(*args, "-f", fmt, "--lang", "es")
        assert english.code == 0, (args, english.err)
        assert english.out, args
        assert spanish.out == english.out, args
        cited = [run(*args, "-f", fmt, "--cite", "--lang", lang).out for lang in ("en", "es")]
        assert cited[0] == cited[1], args


# --------------------------------------------------------------------------- the parser and the help


BAD_INVOCATIONS = {
    "No such command {name}.": ["nope"],
    "No such command {name}. Did you mean {suggestions}?": ["summaryy"],
    "No such option: {name}": ["summary", "--nope"],
    "Missing argument {name}.": ["country"],
    "Invalid value for {name}: {message}": ["summary"],  # with MEDCOOP_FORMAT=xx (BAD_ENVIRONMENT)
    "{value} is not one of {choices}.": ["summary"],
    "Option {name} requires an argument.": ["summary", "--year"],
    "Option {name} does not take a value.": ["summary", "--cite=yes"],
    "Got unexpected extra argument(s) ({arguments})": ["summary", "extra"],
}
BAD_ENVIRONMENT = {
    # `-f xx` is medcoop's own message, naming the formats in the run's language (medcoop.words);
    # a bad MEDCOOP_FORMAT is the parser's
    "Invalid value for {name}: {message}": {"MEDCOOP_FORMAT": "xx"},
    "{value} is not one of {choices}.": {"MEDCOOP_FORMAT": "xx"},
}


@pytest.mark.parametrize("template", sorted(BAD_INVOCATIONS))
def test_parser_messages_in_spanish(run, template: str, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Each template is what Typer's parser really says (English), and medcoop says it in Spanish."""
    args = BAD_INVOCATIONS[template]
    for name, value in BAD_ENVIRONMENT.get(template, {}).items():
        monkeypatch.setenv(name, value)
    english = run(*args)
    assert english.code == 2
    pattern = re.escape(template)
    for field in _placeholders(template):
        pattern = pattern.replace(re.escape("{" + field + "}"), ".+")
    assert re.search(pattern, english.err), english.err
    spanish = run("--lang", "es", *args)
    assert spanish.code == 2
    i18n.use("es")
    translated = i18n._(template)
    assert translated != template
    pattern = re.escape(translated)
    for field in _placeholders(template):
        pattern = pattern.replace(re.escape("{" + field + "}"), ".+")
    assert re.search(pattern, spanish.err), spanish.err
    assert spanish.err.count("\n") == 1


def test_every_parser_template_is_tested_or_unreachable() -> None:
    unreachable = {  # medcoop has no required options, number types, multi-value options or group callbacks
        "Missing command.",
        "No such option: {name} (Possible options: {options})",
        "Missing option {name}.",
        "Missing parameter {name}.",
        "Invalid value: {message}",
        "{value} is not a valid {kind}.",
        "Option {name} requires {count} arguments.",
    }
    assert set(PARSER_MESSAGES) == set(BAD_INVOCATIONS) | unreachable


def test_parser_message_leaves_english_and_unknown_text_alone() -> None:
    assert parser_message("No such command 'x'.") == "No such command 'x'."
    i18n.use("es")
    assert parser_message("No such command 'x'.") == "No existe el comando 'x'."
    assert parser_message("something else") == "something else"


def test_help_in_spanish_has_the_translated_panels_and_usage(run) -> None:  # type: ignore[no-untyped-def]
    out = run("--lang", "es", "--help").out
    assert "Uso: medcoop [OPCIONES] COMANDO [ARGS]..." in out
    for title in ("Opciones", "El informe", "Organizaciones", "Registros", "Muestra este mensaje y sale."):
        assert title in out
    assert "Options" not in out and "Commands" not in out and "Usage" not in out
    out = run("country", "--lang", "es", "--help").out
    assert "Argumentos" in out and "NOMBRE" in out and "[obligatorio]" in out and "[predeterminado: table]" in out
    english = run("country", "--help").out
    assert "Arguments" in english and "[required]" in english and "[default: table]" in english


def test_rich_utils_constants_are_typers() -> None:
    """RICH_UTILS_TEXT is what Typer defines (English), so that setting them changes nothing in English."""
    from typer import rich_utils

    i18n.use("en")
    for name, english in RICH_UTILS_TEXT.items():
        assert getattr(rich_utils, name) == english, name


ALLOWED_IN_SPANISH = {
    # proper names, code and the command line's own words
    "ACI", "Medellín", "Medellin", "medcoop", "Corea", "Sur", "Singapur", "BID", "LAB", "Sos", "Paisa",
    "Frictionless", "datapackage", "json", "jsonl", "csv", "tsv", "html", "markdown", "table", "CSV", "TSV",
    "BOM", "CRLF", "SVG", "USD", "ISO", "ids", "str", "path", "es", "en", "ARGS", "MEDCOOP_LANG",
    "MEDCOOP_FORMAT", "MEDCOOP_DATA", "lab", "technical", "financial", "Four", "awards", "including",
    "float", "int", "range", "x",  # Typer's names of types
}  # fmt: skip


def _words(text: str) -> set[str]:
    """Words, not counting options (--year) and the words of their names (no-color)."""
    return {w.rstrip("'-") for w in re.findall(r"(?<![\w'-])[^\W\d_][\w'-]*", text)}


@pytest.mark.parametrize("command", [None, *sorted(cli.COMMANDS)])
def test_spanish_help_has_no_english_left(run, monkeypatch: pytest.MonkeyPatch, command: str | None) -> None:  # type: ignore[no-untyped-def]
    """Words of the English help that are in no Spanish text of the catalog, nor allowed (names,
    formats), must not be in the Spanish help (drawn wide, so that no word is split)."""
    monkeypatch.setenv("COLUMNS", "1000")
    args = ["--help"] if command is None else [command, "--help"]
    english, spanish = run(*args).out, run("--lang", "es", *args).out
    catalog = " ".join(s for m in messages.read_catalog() if m.id for _, s in _strings(m))
    english_only = _words(english) - _words(catalog) - ALLOWED_IN_SPANISH - set(cli.COMMANDS)
    english_only = {w for w in english_only if not w.startswith("-")}
    assert english_only, "the check sees English words"
    assert sorted(english_only & _words(spanish)) == []


# --------------------------------------------------------------------------- views in Spanish


def _views(run, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The view each listing hands to the renderer, in each language: {lang: {command: view}}."""
    seen: dict[str, dict[str, Any]] = {"en": {}, "es": {}}
    real = cli.emit
    where: list[tuple[str, str]] = []

    def capture(view: Any, *args: Any, **kwargs: Any) -> None:
        lang, name = where[-1]
        seen[lang][name] = view
        real(view, *args, **kwargs)

    monkeypatch.setattr(cli.options, "emit", capture)
    for args in listings():
        for lang in ("en", "es"):
            where.append((lang, " ".join(args)))
            assert run("--lang", lang, *args, "-f", "csv").code == 0, args
    return seen


def _untranslated(text: i18n.Localized, same: set[str]) -> list[str]:
    """The messages inside a text of medcoop's that Spanish leaves as they are (in a Joined, its
    parts: the dataset's text among them is not medcoop's)."""
    if isinstance(text, i18n.Joined):
        return [t for part in text.parts if isinstance(part, i18n.Localized) for t in _untranslated(part, same)]
    if isinstance(text, i18n.Msg) and text.translated() == str(text) and text.template not in same:
        return [text.template]
    return []


def _printed(listing: str, key: str) -> bool:
    """Whether a listing's column shows a field the report prints (medcoop.provenance): its words
    stay as printed, even where one equals a word of the catalog ('projects')."""
    from medcoop.columns import LISTING_RECORDS
    from medcoop.provenance import FIELDS, PRINTED

    if listing not in LISTING_RECORDS:
        return False
    collection, renamed = LISTING_RECORDS[listing]
    return FIELDS[collection].get(renamed.get(key, key)) == PRINTED


def test_every_listing_says_its_own_words_in_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """In every listing's view under Spanish: each header is translated, each title differs from
    the English one, each text of medcoop's own in the cells (i18n.Localized) is translated, and
    no plain cell holds one of the catalog's English texts (a word not marked for translation)."""
    catalog = {m.id: m.string for m in messages.read_catalog() if m.id and isinstance(m.id, str)}
    same = {english for english, spanish in catalog.items() if english == spanish}
    views = _views(run, monkeypatch)
    english_views, spanish_views = views["en"], views["es"]
    problems = []
    for name, view in spanish_views.items():
        english = english_views[name]
        tables = [t for t in (view.table, *view.extras) if hasattr(t, "columns")]
        english_tables = [t for t in (english.table, *english.extras) if hasattr(t, "columns")]
        for table, english_table in zip(tables, english_tables, strict=True):
            if table.title is not None and table.title == english_table.title and table.title not in same:
                problems.append((name, "title", table.title))
            shown = table.for_people()
            for column, header in zip(table.columns, (c.header for c in shown.columns), strict=True):
                if header == column.header and column.header != column.key and header not in same:
                    problems.append((name, "header", header))
            for row in table.rows:
                for key, value in row.items():
                    skip = key == "editorial" or (name.startswith("search") and key in ("text", "field"))
                    if skip or _printed(name.split()[0], key):
                        continue  # the report's words (or where a search matched them), as printed; keys
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, i18n.Localized):
                            problems += [(name, "cell", text) for text in _untranslated(item, same)]
                        elif isinstance(item, str) and catalog.get(item, item) != item:
                            problems.append((name, "unmarked cell", item))
    assert problems == [], problems


MSGSPEC_CASES = {
    "Expected `{expected}`, got `{got}`": ("year", "2016"),
    "Object missing required field `{field}`": ("year", None),
    "Expected `{kind}` >= {bound}": ("year", 1800),
    "Invalid enum value {value}": ("kind", "prize"),
    "Expected `{kind}` matching regex {pattern}": ("id", "Bad Id"),
    "Expected `{kind}` of length >= {bound}": ("name", ""),
}


@pytest.mark.parametrize("template", sorted(MSGSPEC_CASES))
def test_dataset_type_errors_in_spanish(run, tmp_path, template: str) -> None:  # type: ignore[no-untyped-def]
    """Each of msgspec's templates is what msgspec says of a bad file, and medcoop says it in Spanish."""
    import json

    from medcoop.dataset import default_path

    data = json.loads(default_path().read_text(encoding="utf-8"))
    field, value = MSGSPEC_CASES[template]
    if value is None:
        del data["awards"][0][field]
    else:
        data["awards"][0][field] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    english, spanish = (run("awards", "--data", str(path), "--lang", lang) for lang in ("en", "es"))
    assert english.code == spanish.code == 1
    i18n.use("es")
    for message, text in ((template, english.err), (i18n._(template), spanish.err)):
        pattern = re.escape(message)
        for name in _placeholders(template):
            pattern = pattern.replace(re.escape("{" + name + "}"), ".+")
        assert re.search(pattern, text), text
    assert i18n._(template) != template


# --------------------------------------------------------------------------- the Spanish tables, pinned

PINNED = Path(__file__).resolve().parent / "fixtures" / "es"


@pytest.mark.parametrize(
    "args", [["summary"], ["country", "Corea"], ["awards"], ["years"]], ids=["summary", "country", "awards", "years"]
)
def test_spanish_table_pinned(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The Spanish table view in a pipe, as checked by eye against the report (900, 1.500 and 1.400
    delegates; USD 12,5 millones from Korea in 2018; four awards in 2016, six in 2017)."""
    expected = (PINNED / f"{'-'.join(args)}.txt").read_text(encoding="utf-8")
    result = run("--lang", "es", *args)
    assert result.code == 0 and result.err == ""
    assert result.out == expected


def test_markdown_headers_in_spanish(run) -> None:  # type: ignore[no-untyped-def]
    """Markdown, for people, is headed in the run's language, as the table view and HTML are."""
    spanish = run("--lang", "es", "awards", "-f", "markdown").out.splitlines()
    english = run("--lang", "en", "awards", "-f", "markdown").out.splitlines()
    assert spanish[0] == "## Premios y menciones" and english[0] == "## Awards and mentions"
    heads = [c.strip() for c in spanish[2].strip("|").split("|")]
    assert heads[:2] == ["Año", "Tipo"] and "Entidad que otorga" in heads and "Galardonado" in heads
    assert [c.strip() for c in english[2].strip("|").split("|")][:2] == ["Year", "Kind"]


def test_a_compiled_catalog_is_replaced_whole(tmp_path: Path) -> None:
    """The tests run in parallel processes that each compile the catalogs as they start, while
    others read them: a catalog is written beside its place and renamed over it, so that a
    reader sees the old file or the new one, never a part. A link to the old file keeps it."""
    from medcoop.catalogs import compile_catalogs

    (written,) = compile_catalogs(ROOT, tmp_path)
    mo = tmp_path / written
    old = tmp_path / "old.mo"
    mo.write_bytes(b"an old catalog")
    os.link(mo, old)
    assert compile_catalogs(ROOT, tmp_path) == [written]
    assert old.read_bytes() == b"an old catalog"  # written in place, it would be the new catalog
    assert mo.read_bytes().startswith(b"\xde\x12\x04\x95")  # a GNU .mo file (little-endian magic)
    assert list(mo.parent.iterdir()) == [mo]  # no temporary file left
