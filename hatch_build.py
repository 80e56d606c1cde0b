"""Build hook: the wheel carries the shipped dataset compiled in, as medcoop/_shipped.py.

See medcoop/snapshot.py for why. Editable installs get no such module and read
data/medcoop.json, so that an edit to it shows at once.
"""

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedDatasetHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("medcoop_snapshot", root / "medcoop" / "snapshot.py")
        assert spec is not None and spec.loader is not None
        snapshot = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(snapshot)
        self._folder = tempfile.mkdtemp(prefix="medcoop-build-")
        target = Path(self._folder) / "_shipped.py"
        source = snapshot.module_source((root / "data" / "medcoop.json").read_bytes())
        target.write_text(source, encoding="utf-8")
        build_data["force_include"][str(target)] = "medcoop/_shipped.py"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
