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


MACHINE_FORMATS = frozenset({Format.csv, Format.tsv, Format.json, Format.jsonl})
