"""`python -m medcoop` and the `medcoop` command: Ctrl-C during the imports, before
medcoop.cli.run can catch it, also ends quietly with 130."""

import os


def run() -> None:
    try:
        from medcoop.cli import run as cli_run

        cli_run()
    except KeyboardInterrupt:
        os._exit(130)


if __name__ == "__main__":
    run()
