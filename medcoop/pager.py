"""A pager for output taller than the terminal, as git and gh page theirs.

The pager is MEDCOOP_PAGER, then PAGER, else ``less -FRX`` (quit when the text fits one screen,
keep colours, leave the text on the screen); an empty value or ``cat`` means no pager. Imported
only when a terminal gets more lines than it shows, so other runs never load subprocess.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from types import FrameType

DEFAULT = ("less", "-FRX")


def command() -> list[str] | None:
    """The pager to run, as words, or None for no pager. A dumb terminal gets less only when
    it is asked for."""
    for name in ("MEDCOOP_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            return None
        return None if words in ([], ["cat"]) else words
    return None if os.environ.get("TERM") == "dumb" else list(DEFAULT)


def _ignore(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C while the pager runs is the pager's (less stops a search; it quits with q)."""


def page(data: bytes) -> bool:
    """Show data through the pager; False when there is no pager to run (missing, or none
    wanted), so that the caller prints it. The pager writes to the terminal itself."""
    words = command()
    if words is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git does, for PAGER=less
    env.setdefault("LV", "-c")
    # A handler (not SIG_IGN, which the pager would inherit): Ctrl-C goes to the pager, and
    # medcoop waits for it to end instead of dying under it.
    previous = signal.signal(signal.SIGINT, _ignore)
    try:
        try:
            proc = subprocess.Popen(words, stdin=subprocess.PIPE, env=env)
        except OSError:  # no such pager, or not runnable
            return False
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # q before the end: the reader is done, as it wished
            try:
                proc.stdin.write(data)
            finally:
                proc.stdin.close()
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
