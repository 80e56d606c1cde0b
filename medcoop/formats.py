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
