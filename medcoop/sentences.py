"""The report's text (medcoop/data/report.txt, the captured web page without its comment form)
and the whole sentence each quote of the dataset comes from.

A record quotes the words it rests on, often a phrase ("Brazil, Argentina, Mexico"); people who
read a source want the sentence. sentence_of() finds the quote in its section (the introduction,
then the three blocks headed "Remarked cooperation actions": 2016, 2017, 2018) and returns the
sentences it spans, as printed. A quote not in the text (a --data file of another report) is
its own source. Only the fact sheet reads this module, when it is written."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

TEXT_FILE: Final = Path(__file__).resolve().parent / "data" / "report.txt"
BLOCK: Final = "Remarked cooperation actions"
SECTIONS: Final = ("introduction", "2016", "2017", "2018")
# a sentence ends at . ! ? (or a closing quote after one) before a space and a capital, a quote or a bullet
_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"¿¡])")
# same-length folding, so that positions in the folded text are positions in the text
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


@functools.cache
def paragraphs() -> dict[str, list[list[str]]]:
    """Section id -> its paragraphs, each a list of sentences as printed (spaces made single)."""
    try:
        raw = TEXT_FILE.read_text(encoding="utf-8")
    except OSError:
        return {}
    parts = raw.split(BLOCK)
    if len(parts) != len(SECTIONS):
        return {}
    found: dict[str, list[list[str]]] = {}
    for section, part in zip(SECTIONS, parts, strict=True):
        paras = []
        for line in part.splitlines():
            line = re.sub(r"\s+", " ", line.replace("•", " ")).strip(" :")
            if line:
                paras.append([s.strip() for s in _END.split(line) if s.strip()])
        found[section] = paras
    return found


def sentence_of(section: str, quote: str) -> str:
    """The whole sentence(s) of `section` that hold `quote`; the quote itself when the text
    does not hold it."""
    wanted = _words(quote)
    if not wanted:
        return quote
    for sentences in paragraphs().get(section, []):
        joined = " ".join(sentences)
        at = fold(joined).find(wanted)
        if at < 0:
            continue
        start, spans = 0, []
        for sentence in sentences:
            end = start + len(sentence)
            if start < at + len(wanted) and at < end:
                spans.append(sentence)
            start = end + 1
        return " ".join(spans)
    return quote
