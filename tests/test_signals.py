"""Ctrl-C, SIGTERM and SIGHUP: one way to stop (130, 143, 129), cleanups run, no signal lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import TINY, process_env, wait_into_the_query

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _default_signals() -> None:
    """The child starts with every stopping signal at its default (a runner may ignore SIGHUP,
    and medcoop keeps a signal ignored as it found it, as under nohup)."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_stopping_signal_during_a_command_ends_it_cleanly(
    tmp_path: Path, unbuffered: bool, signum: int, code: int
) -> None:
    """Mid-query: 128 + the signal's number, nothing on stderr, no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "medcoop", "sql", FOREVER, "--timeout", "60", "--data", str(TINY)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env({"HOME": str(tmp_path)}),
        cwd=tmp_path,
        preexec_fn=_default_signals,
    )
    try:
        wait_into_the_query(proc)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, out, err) == (code, b"", b"")


def test_sigterm_while_a_package_is_written_leaves_no_temporary(tmp_path: Path, unbuffered: bool) -> None:
    """SIGTERM at many moments of `export --force DIR` (spread over the time an undisturbed run
    takes, most of them past start-up): the folder holds a whole set of files (the old or the new),
    never a temporary folder or file of medcoop's."""
    pkg = tmp_path / "pkg"
    env = process_env({"HOME": str(tmp_path)})
    args = [sys.executable, "-m", "medcoop", "export", str(pkg), "--force", "--data", str(TINY)]
    started = time.monotonic()
    subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, timeout=60, check=True)
    duration = time.monotonic() - started  # the moments below spread over a whole run, however loaded the machine
    names = sorted(p.name for p in pkg.iterdir())
    for delay in (duration * share for share in (0.35, 0.45, 0.55, 0.62, 0.7, 0.77, 0.84, 0.9, 0.96)):
        proc = subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            time.sleep(delay)
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=30)
        finally:
            proc.kill()
            proc.wait()
        assert proc.returncode in (0, 143), (delay, err)
        assert b"Traceback" not in err
        assert sorted(p.name for p in pkg.iterdir()) == names, delay
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"], delay


def test_a_signal_pending_at_the_end_sets_the_exit_code(tmp_path: Path) -> None:
    """A Ctrl-C that arrives as the command finishes (too late for its handler to run) is not
    lost: the run ends with 130, not 0. (In a child process: the test blocks and sends signals.)"""
    code = """if True:
        import signal, threading
        from medcoop import signals
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        print(signals.settle(0), signals.settle(141))
        signal.sigtimedwait({signal.SIGINT}, 0)
        print(signals.settle(0))
    """
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False, env=process_env(), cwd=tmp_path
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"130 141\n0\n", b"")


@pytest.mark.parametrize("raising_call", [1, 2, 3, 4, 5, 6])
def test_held_puts_every_handler_back_even_when_a_handler_raises_in_between(
    monkeypatch: pytest.MonkeyPatch, raising_call: int
) -> None:
    """A signal's handler may run, and raise, between any two steps of held() (the kernel hands
    a signal to any thread): here the nth change of a handler (three as the block starts, three
    as it ends) is followed by a KeyboardInterrupt. The interrupt comes through, and every
    handler and the signal mask are as they were, never left to held()'s own (in a test worker,
    later Ctrl-Cs would be noted and dropped)."""
    from medcoop.signals import STOPPING, held

    handlers = {s: signal.getsignal(s) for s in STOPPING}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    real = signal.signal
    calls: list[int] = []

    def then_interrupted(signum: int, handler: object) -> object:
        previous = real(signum, handler)  # type: ignore[arg-type]
        calls.append(signum)
        if len(calls) == raising_call:
            raise KeyboardInterrupt  # as Ctrl-C's handler would, just after
        return previous

    monkeypatch.setattr(signal, "signal", then_interrupted)
    with pytest.raises(KeyboardInterrupt), held():
        pass
    monkeypatch.undo()
    assert {s: signal.getsignal(s) for s in STOPPING} == handlers
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == mask
