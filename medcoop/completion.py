"""Shell completion of names and column lists, ignoring case and accents.

Typer keeps only the candidates that start with exactly what was typed, and so do zsh, fish
and PowerShell. So each name is offered with the letters typed kept as typed and the rest as
printed ('corea' -> 'corea del Sur', 'peru' -> 'peru'), which every shell accepts and medcoop
matches all the same; after a space, the rest of a several-word name ('Corea d' -> 'del Sur').
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from medcoop.names import fold


def _shell() -> str:
    """The shell asking: 'bash', 'zsh', 'fish', 'powershell' (from Typer's complete_<shell>)."""
    return os.environ.get("_MEDCOOP_COMPLETE", "complete_bash").partition("_")[2] or "bash"


def _same_letters(a: str, b: str) -> bool:
    """Equal once case and accents are ignored, letter for letter."""
    return len(a) == len(b) and all(fold(x) == fold(y) for x, y in zip(a, b, strict=True))


def _offer(rest: str, incomplete: str, shell: str, one_word: bool) -> str:
    """What the shell should put in place of the word being completed."""
    head = rest[: len(incomplete)]
    offered = incomplete + rest[len(incomplete) :] if _same_letters(head, incomplete) else rest
    # bash inserts a candidate verbatim: an option's value keeps its spaces escaped
    return offered.replace(" ", "\\ ") if one_word and shell == "bash" else offered


def matching(names: Iterable[str], incomplete: str, *, before: Iterable[str] = (), one_word: bool = False) -> list[str]:
    """The names that start with the words typed so far (`before`, then `incomplete`), ignoring
    case, accents and punctuation, each as the rest of the name from the word being completed:
    after 'Corea' and 'd', 'Corea del Sur' is offered as 'del Sur'. `one_word`: the name is one
    option value, never several words."""
    typed = [*before]
    key = fold(" ".join([*typed, incomplete]))
    shell = _shell()
    offered: dict[str, None] = {}
    for name in names:
        folded = fold(name)
        if not folded.startswith(key) or (typed and not fold(name).startswith(fold(" ".join(typed)) + " ")):
            continue
        words = name.split(" ")
        rest = " ".join(words[len(typed) :]) if len(words) > len(typed) else ""
        if rest:
            offered[_offer(rest, incomplete, shell, one_word)] = None
    return sorted(offered, key=fold)


def column_list(columns: Iterable[str], incomplete: str) -> list[str]:
    """Completion of --columns a,b,c: the names not yet given that start with the last one typed,
    each after the names already typed ('year,ki' -> 'year,kind')."""
    done, _, last = incomplete.rpartition(",")
    given = set(done.split(",")) if done else set()
    prefix = done + "," if done else ""
    return [prefix + name for name in columns if name not in given and name.startswith(last.lower())]
