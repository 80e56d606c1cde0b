"""medcoop: query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018.

The Python API: ``medcoop.load()`` returns the report, whose methods mirror the commands
(``actions(year=2017)``, ``country("Korea")``, ``sql("SELECT ...")``, ...). Importing medcoop
loads nothing else: the dataset and the queries come with ``load()``.
"""

import os  # the handlers below come before any import that takes time (typing imports re; even __future__ is a module)
import sys

if sys.argv[:1] == ["-m"] or os.path.basename(sys.argv[0] if sys.argv else "") == "medcoop":
    # Run as the program (`python -m medcoop`, the `medcoop` command), not imported: Ctrl-C
    # before the CLI can catch it ends at once with 130, not a traceback (medcoop.__main__).
    # SIGTERM and SIGHUP alike (143, 129); a signal ignored when medcoop started (nohup) stays so.
    import _signal  # type: ignore[import-not-found]  # C module: `signal` imports enum first

    for _signum in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
        if _signum == _signal.SIGINT or _signal.getsignal(_signum) != _signal.SIG_IGN:
            _signal.signal(_signum, lambda signum, frame: os._exit(128 + signum))

from typing import TYPE_CHECKING, Any

from medcoop.errors import DatasetError, MedcoopError, UsageError

__version__ = "0.1.0"

if TYPE_CHECKING:
    from medcoop.api import Notice, Report
    from medcoop.names import AmbiguousName, UnknownName

__all__ = [
    "AmbiguousName", "DatasetError", "MedcoopError", "Notice", "Report", "UnknownName", "UsageError", "load",
]  # fmt: skip

_LAZY = {
    "AmbiguousName": "medcoop.names",
    "UnknownName": "medcoop.names",
    "Notice": "medcoop.api",
    "Report": "medcoop.api",
}


def load(path: str | os.PathLike[str] | None = None) -> "Report":
    """The report: the shipped dataset, or a dataset file of the same schema (validated first).

    Raises DatasetError when the file cannot be read or is not a valid dataset."""
    from medcoop.api import load as load_report

    return load_report(path)


def __dir__() -> list[str]:
    """The API, not the modules this one happens to import."""
    return sorted([*__all__, "__version__"])


def __getattr__(name: str) -> Any:
    """The exception and class names, imported on first use."""
    if name in _LAZY:
        module = __import__(_LAZY[name], fromlist=[name])
        return getattr(module, name)
    raise AttributeError(f"module 'medcoop' has no attribute {name!r}")
