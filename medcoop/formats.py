"""The output formats: a dependency-free module, so that the CLI can declare its options
without importing the renderer."""

from enum import Enum


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


TEXT_FORMATS = tuple(f for f in Format if f is not Format.xlsx)
"""The formats written as text to stdout; xlsx is a workbook, written to a file (-o)."""


MACHINE_FORMATS = frozenset({Format.csv, Format.tsv, Format.json, Format.jsonl})


ALIASES = {"md": Format.markdown}
"""Other names a format answers to (`-f md`), the one place they are listed."""


def canonical(text: str) -> str:
    """The name of the format `text` names, an alias written out ('md', 'MD' -> 'markdown');
    any other text as it is (the option's choices judge it)."""
    alias = ALIASES.get(text.strip().lower())
    return text if alias is None else alias.value
