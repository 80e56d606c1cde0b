"""Ctrl-C, SIGTERM and SIGHUP: one way to stop, and the moments that may not be cut.

While a command runs, each of the three raises ``Stopped`` (a KeyboardInterrupt, so every
``except KeyboardInterrupt`` and ``finally`` that cleans up after an interrupted write runs for
all three); the CLI ends with 128 + the signal's number: 130, 143, 129. ``held()`` keeps them
back (the kernel delivers them when it ends) around the few steps that must not be cut in two:
making a temporary file and recording it for cleanup, and swapping a set of files into place.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

__all__ = ["STOPPING", "Stopped", "exit_code", "held", "install", "last", "settle"]

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""The signals that stop medcoop cleanly (Ctrl-C, kill, a closed terminal)."""


class Stopped(KeyboardInterrupt):
    """A stopping signal arrived; signum says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.signum = signum


def exit_code(exc: BaseException) -> int:
    """128 + the number of the signal that stopped the run: 130 for Ctrl-C (a plain
    KeyboardInterrupt), 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + int(getattr(exc, "signum", signal.SIGINT))


_LAST: list[int] = [signal.SIGINT]


def last() -> int:
    """The stopping signal that arrived last (SIGINT when none of install()'s handlers ran):
    for the places where Python swallowed the exception it raised (SQLite's callbacks)."""
    return _LAST[0]


def _stop(signum: int, frame: FrameType | None) -> None:
    _LAST[0] = signum
    raise Stopped(signum)


def install() -> None:
    """Turn each stopping signal into Stopped (main thread only; a signal ignored when
    medcoop started, as under nohup, stays ignored)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in STOPPING:
        if signum != signal.SIGINT and signal.getsignal(signum) is signal.SIG_IGN:
            continue
        signal.signal(signum, _stop)


def settle(code: int) -> int:
    """At the very end of a run: block the stopping signals for good, and return 128 + one that
    is pending (it arrived too late for its handler to run), else code. A command that
    finished as Ctrl-C came does not end with 0, the Ctrl-C lost; a closed pipe (141) stays."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    pending = signal.sigpending() & set(STOPPING)
    if pending and code != 141:
        return 128 + int(min(pending))
    return code


@contextlib.contextmanager
def held() -> Iterator[None]:
    """The stopping signals held back for the block, delivered as it ends.

    Blocking them (pthread_sigmask) holds them in this thread only: in a process with other
    threads (a program using the API, a test runner's worker) the kernel hands a signal to a
    thread that does not block it, and Python runs the handler in the main thread all the
    same. So in the main thread the handlers are also replaced, for the block, by one that
    notes the signal; the first noted is raised (its own handler called) as the block ends."""
    if threading.current_thread() is not threading.main_thread():
        old = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return
    noted: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        noted.append(signum)

    # Python runs a signal's handler between any two steps of this code (the kernel may hand the
    # signal to another thread, whatever this one blocks): so each handler is recorded before it
    # is replaced, everything is undone in the finally, and the undoing itself survives a handler
    # that raises in the middle of it. A step cut short must never leave `note` in place.
    deferred: dict[int, Any] = {}
    mask: set[int | signal.Signals] | None = None
    try:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        for signum in STOPPING:
            handler = signal.getsignal(signum)
            if handler is not signal.SIG_IGN and handler is not None:
                deferred[signum] = handler
                signal.signal(signum, note)
        yield
    finally:
        raised = _restore(mask, deferred)  # a signal that came while held is noted by now
        if noted:
            _deliver(noted[0], deferred[noted[0]])
        if raised is not None:
            raise raised


def _restore(mask: set[int | signal.Signals] | None, handlers: dict[int, Any]) -> BaseException | None:
    """Put back the signal mask and each handler, every one of them even if a handler that is
    back already runs and raises in between; the first exception raised, to raise after."""
    raised: BaseException | None = None
    steps: list[Callable[[], object]] = []
    if mask is not None:
        steps.append(functools.partial(signal.pthread_sigmask, signal.SIG_SETMASK, mask))
    steps += [functools.partial(signal.signal, signum, handler) for signum, handler in handlers.items()]
    for step in steps:
        while True:
            try:
                step()  # each is idempotent: run again if an exception came just after it
                break
            except BaseException as exc:
                raised = raised or exc
    return raised


def _deliver(signum: int, handler: object) -> None:
    """Run a signal's own handler now: a Python handler is called (Ctrl-C's raises
    KeyboardInterrupt); the default action is left to the kernel, by sending it again."""
    if callable(handler):
        handler(signum, None)
    else:
        os.kill(os.getpid(), signum)
