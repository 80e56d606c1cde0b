"""Name matching: fold case and accents, resolve exact names, unique prefixes and near misses."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Generic, TypeVar

from medcoop.errors import UsageError
from medcoop.i18n import N_, _

T = TypeVar("T")

_ARTICLES = ("the ", "el ", "la ", "los ", "las ")
_ASCII_NOT_WORD = {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")}


def _fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: 'EE.UU.' -> 'eeuu', 'Perú' -> 'peru'.
    Words are runs of letters, digits and '_' (as regex \\w); a leading article goes."""
    plain = _unaccented(text).replace(".", "")
    if plain.isascii():
        words = plain.translate(_ASCII_NOT_WORD).split()
    else:
        words = "".join(ch if ch.isalnum() or ch == "_" else " " for ch in plain).split()
    spaced = " ".join(words).replace("_", " ")
    for article in _ARTICLES:
        if spaced.startswith(article):
            return spaced[len(article) :]
    return spaced


fold = lru_cache(maxsize=4096)(_fold)
"""_fold, cached: the same names are folded again and again (wrapped here rather than decorated,
so that mutation testing reaches the function)."""


def _unaccented(text: str) -> str:
    """Case-folded, accents (combining marks after NFKD) removed."""
    if text.isascii():
        return text.casefold()
    import unicodedata  # only for text that is not ASCII

    decomposed = unicodedata.normalize("NFKD", text)
    # only the characters that are not ASCII can be combining marks: looked at alone
    return _NOT_ASCII.sub(_uncombined, decomposed).casefold()


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _uncombined(match: re.Match[str]) -> str:
    """A run of characters that are not ASCII, without its combining marks (accents)."""
    import unicodedata

    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def ascii_letters(text: str) -> str:
    """The ASCII characters of text after folding case and accents, points dropped: every ASCII
    word fold(text) holds (the words of fold are runs of word characters of those, the article
    only taken off its start) is a part of it, so a word not in it is in no fold of text. For
    ruling texts out quickly: no Python code per character, as fold's accents take."""
    if text.isascii():
        return text.lower().replace(".", "")  # casefold and lower are one for ASCII; lower is quicker
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text).casefold()  # accents apart from letters, then dropped
    return decomposed.encode("ascii", "ignore").decode("ascii").replace(".", "")


def _fold_char(ch: str) -> str:
    """One character folded as fold() folds it, for mapping a match back to the text."""
    if ch == ".":
        return ""
    return "".join(c if c.isalnum() else " " for c in _unaccented(ch))


def folded_span(text: str, query: str) -> tuple[int, int] | None:
    """Where query occurs in text, comparing folded forms: ('Medellín LAB', 'medellin lab') -> (0, 12)."""
    words = fold(query).split()
    if not words:
        return None
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            chars.append(c)
            origin.append(index)
    found = re.search(r"\s+".join(map(re.escape, words)), "".join(chars))
    if found is None:
        return None
    return origin[found.start()], origin[found.end() - 1] + 1


SUGGESTION_CUTOFF = 0.75
"""How close a name must be to be suggested: the share of the longer of the two (query and
name, folded) that they have in common, in order (difflib's matching blocks). 'UNESKO' is 0.83
from 'UNESCO' and 'Rusia' 0.83 from 'Russia'; 'Rusia' is 0.6 from 'USA' (two letters of five
that 'USA' lacks) and 'Corea del Norte' 0.73 from 'Corea del Sur' (another country)."""


def similarity(a: str, b: str) -> float:
    """The share of the longer of a and b that they have in common, in order (see SUGGESTION_CUTOFF)."""
    common = sum(block.size for block in difflib.SequenceMatcher(None, a, b).get_matching_blocks())
    return common / max(len(a), len(b), 1)


_EU = N_("the European Union, a union of countries")
_UN = N_("the United Nations, an organisation of countries")
_REGION = N_("a region")
_NOT_COUNTRIES = {
    "european union": (_EU, "European Union"),
    "eu": (_EU, "European Union"),
    "union europea": (_EU, "European Union"),
    "ue": (_EU, "European Union"),
    "united nations": (_UN, "United Nations"),
    "un": (_UN, "United Nations"),
    "naciones unidas": (_UN, "United Nations"),
    "latin america": (_REGION, "Latin America"),
    "latin america and the caribbean": (_REGION, "Latin America and the Caribbean"),
    "america latina": (_REGION, "Latin America"),
    "caribbean": (_REGION, "Caribbean"),
}
"""Folded name -> (what it is, its name in the report's language, English)."""


def non_country(query: str) -> str | None:
    """What a well-known name that is no country is ('the European Union, a union of
    countries'), in this run's language, or None."""
    found = _NOT_COUNTRIES.get(fold(query))
    return None if found is None else _(found[0])


def non_country_name(query: str) -> str | None:
    """The English name (the report's language) of a well-known name that is no country:
    'Unión Europea' -> 'European Union'; None for any other name."""
    found = _NOT_COUNTRIES.get(fold(query))
    return None if found is None else found[1]


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def word_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern over folded text: each word of the query at the start of a word, in
    order; a word in capitals (an acronym: PAR, BID, U.S.) must be a whole word. None for
    a query with no word."""
    regex = word_regex(query)
    return None if regex is None else re.compile(regex)


def word_regex(query: str) -> str | None:
    """word_pattern's regular expression, uncompiled (to join several into one)."""
    parts = [r"(?<!\S)" + re.escape(piece) + (r"(?!\S)" if acronym else "") for piece, acronym in word_pieces(query)]
    return ".*?".join(parts) or None


def word_pieces(query: str) -> list[tuple[str, bool]]:
    """The folded pieces word_pattern looks for, in order, each with whether it must be a whole
    word (a piece of an acronym). Text without the first piece cannot match."""
    return [(piece, _is_acronym(word)) for word in query.split() for piece in fold(word).split()]


class UnknownName(UsageError):
    """No record matches a name; carries the closest names, if any. `elsewhere` are names
    suggested from outside the report (real countries it does not mention), said as such."""

    def __init__(self, what: str, query: str, suggestions: Sequence[str], elsewhere: Sequence[str] = ()) -> None:
        message = _(_UNKNOWN.get(what, _UNKNOWN[""])).format(what=what, query=repr(query))
        shown = [repr(n) for n in suggestions]
        shown += [_("{name} (not in the report)").format(name=repr(n)) for n in elsewhere]
        if shown:
            message += _("; did you mean {names}?").format(names=_or_list(shown, quoted=True))
        super().__init__(message)
        self.suggestions = [*suggestions, *elsewhere]


class AmbiguousName(UsageError):
    def __init__(self, what: str, query: str, candidates: Sequence[str]) -> None:
        template = _(_AMBIGUOUS.get(what, _AMBIGUOUS[""]))
        super().__init__(template.format(what=what, query=repr(query), names=_or_list(candidates)))
        self.candidates = list(candidates)


_UNKNOWN = {
    "country": N_("unknown country {query}"),
    "partner": N_("unknown partner {query}"),
    "programme": N_("unknown programme {query}"),
    "": N_("unknown {what} {query}"),
}
_AMBIGUOUS = {
    "country": N_("country {query} is ambiguous: it could be {names}"),
    "partner": N_("partner {query} is ambiguous: it could be {names}"),
    "programme": N_("programme {query} is ambiguous: it could be {names}"),
    "": N_("{what} {query} is ambiguous: it could be {names}"),
}
"""The messages of a name not found and of a name that fits several, by what is named."""


def _or_list(names: Sequence[str], quoted: bool = False) -> str:
    """'a', 'b' or 'c'; `quoted` when the names are already quoted."""
    shown = list(names) if quoted else [repr(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    return _("{names} or {last}").format(names=", ".join(shown[:-1]), last=shown[-1])


class Matcher(Generic[T]):
    """Resolves free text to one item among named items.

    Each item has a display name and the names it answers to (codes, translations,
    aliases, spellings as printed); comparison is on folded text.
    """

    def __init__(self, what: str, items: Iterable[tuple[T, str, Iterable[str]]]) -> None:
        self.what = what
        self._pending = iter(items)  # indexed on demand: an exact name stops at its item
        self._display: list[tuple[T, str]] = []
        self._names: dict[str, int] = {}

    def _index(self, until: str | None = None) -> None:
        """Fold the names of items not yet indexed, in order, until one answers to `until`
        (a folded name), or all of them. The first item to answer to a name keeps it."""
        if until is not None and until in self._names:
            return
        for item, display, names in self._pending:
            index = len(self._display)
            self._display.append((item, display))
            for name in (display, *names):
                self._names.setdefault(fold(name), index)
            if until is not None and until in self._names:
                return

    def exact(self, query: str) -> T | None:
        key = fold(query)
        self._index(until=key)
        index = self._names.get(key)
        return None if index is None else self._display[index][0]

    def prefix(self, query: str) -> T | None:
        """The one item some name of which starts with the query; AmbiguousName if several."""
        key = fold(query)
        if not key:
            return None
        self._index()
        hits = sorted({i for name, i in self._names.items() if name.startswith(key)})
        if len(hits) > 1:
            raise AmbiguousName(self.what, query, [self._display[i][1] for i in hits])
        return self._display[hits[0]][0] if hits else None

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Names close to the query, closest first: a near miss of one name (a typo), not
        any name that shares a few letters ('European Union' is not 'United Kingdom')."""
        self._index()
        key = fold(query)
        names = list(self._names)  # all close names: an item may answer to several of them
        close = difflib.get_close_matches(key, names, n=max(len(names), 1), cutoff=SUGGESTION_CUTOFF)
        shown: list[str] = []
        # the name first, the query second, as get_close_matches compares them: difflib's matching
        # blocks depend on the order (query first, 'morcoco' has 5 letters of 'morocco' in common;
        # name first, 6), and in this order its ratio, 2*common/(both lengths), is at least the
        # similarity, so its cutoff drops no name kept here
        for name in (n for n in close if similarity(n, key) >= SUGGESTION_CUTOFF):
            display = self._display[self._names[name]][1]
            if display not in shown:
                shown.append(display)
        return shown[:limit]

    def words(self, query: str) -> T | None:
        """The one item some name of which has every word of the query at the start of a
        word, in order ('Macedonia' in 'North Macedonia'); None if none or several."""
        pattern = word_pattern(query)
        if pattern is None:
            return None
        self._index()
        hits = {i for name, i in self._names.items() if pattern.search(name)}
        return self._display[hits.pop()][0] if len(hits) == 1 else None

    def resolve(self, query: str) -> T:
        """Exact name, then unique prefix; otherwise UnknownName with suggestions."""
        found = self.exact(query)
        if found is None:
            found = self.prefix(query)
        if found is None:
            raise UnknownName(self.what, query, self.suggestions(query))
        return found
