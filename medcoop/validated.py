"""Dataset files known valid by their content, so that a large file given with --data is
checked once rather than at every command, as Python compiles a module once rather than at
every import.

A file of at least REMEMBER_FROM bytes that passes every check (its keys, then
medcoop.validation) is remembered by the SHA-256 of its bytes, salted with medcoop's version
and the name, size and time of each of its modules: an empty file named by that digest in the
cache folder (MEDCOOP_CACHE_DIR; else $XDG_CACHE_HOME/medcoop or ~/.cache/medcoop; an empty
MEDCOOP_CACHE_DIR: none). A later load of the same bytes by the same medcoop decodes them
(msgspec's type checks still run) and skips the rest; any other byte, version or module is
another digest, checked in full. The files' contents are never kept, and nothing here can make
a load fail: a folder that cannot be made or written, or that others may write into, is a
cache that remembers nothing. `medcoop validate` always checks in full.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

REMEMBER_FROM = 1024 * 1024
"""Files smaller than this are checked at every load: in tens of milliseconds at most."""

ENTRIES = "valid"
"""The subfolder of the cache folder that holds the entries."""


def folder() -> Path | None:
    """The cache folder, or None when there is none (MEDCOOP_CACHE_DIR empty, no home)."""
    chosen = os.environ.get("MEDCOOP_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / ENTRIES if chosen else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "medcoop" / ENTRIES
    try:
        return Path.home() / ".cache" / "medcoop" / ENTRIES
    except (RuntimeError, KeyError):  # no HOME and no entry in the password database
        return None


def _salt(package: Path) -> bytes:
    """What a digest depends on besides the file: medcoop's version, and the name, size and
    modification time of each of its modules (an edit to any of them, in a checkout, is
    another medcoop)."""
    from medcoop import __version__

    parts = [__version__]
    for top, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                module = os.path.join(top, name)
                status = os.stat(module)
                parts.append(f"{os.path.relpath(module, package)}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8")


def entry(data: bytes, package: Path | None = None) -> Path | None:
    """The entry that would say these bytes are valid, or None for a small file or no cache."""
    if len(data) < REMEMBER_FROM:
        return None
    where = folder()
    if where is None:
        return None
    digest = hashlib.sha256(_salt(package or Path(__file__).resolve().parent))
    digest.update(b"\0")
    digest.update(data)
    return where / digest.hexdigest()


def known(path: Path) -> bool:
    """Whether an entry exists in a folder only this user can write into (an entry another
    user could have made says nothing)."""
    try:
        folder_status = os.stat(path.parent)
        os.lstat(path)
    except OSError:
        return False
    return _own(folder_status)


def _own(status: os.stat_result) -> bool:
    mine = status.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return stat.S_ISDIR(status.st_mode) and mine and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def remember(path: Path) -> None:
    """Make the entry (an empty file); any failure (a read-only or full disk, a file where the
    folder should be, a folder of another user's) leaves the cache as it was."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(os.stat(path.parent)):
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(path, flags, 0o600))
    except OSError:
        return
