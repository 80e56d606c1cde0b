"""`python -m medcoop` and the `medcoop` command.

Ctrl-C (SIGTERM, SIGHUP) before medcoop.cli.run is ready to catch it (while Typer and the rest
are imported) ends the process at once with 130 (143, 129): nothing has been opened or started yet that needs cleaning
up, and Python would otherwise print a KeyboardInterrupt traceback."""

import _signal  # type: ignore[import-not-found]  # C module: `signal` imports enum first, slow enough to be interrupted
import os


def _interrupted(signum: int, frame: object) -> None:
    os._exit(128 + signum)  # 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP


for _signum in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
    if _signum == _signal.SIGINT or _signal.getsignal(_signum) != _signal.SIG_IGN:
        _signal.signal(_signum, _interrupted)


def run() -> None:
    from medcoop.cli import run as cli_run

    cli_run()  # whose signals.install(), inside its try, replaces the handlers above


if __name__ == "__main__":
    run()
