"""Modules loaded on first use, so that start-up pays only for what a command touches."""

import sys
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for a module until an attribute is first read, then imports it. (Unlike the
    standard library's LazyLoader it needs no spec, so it costs nothing until used.)"""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            __import__(self._name)  # an import statement's path, which -X importtime reports
            self._module = sys.modules[self._name]
        return getattr(self._module, attr)
