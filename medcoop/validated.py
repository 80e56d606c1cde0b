"""Dataset files known valid by their content, so that a large file given with --data is
checked once rather than at every command, as Python compiles a module once rather than at
every import.

A file of at least REMEMBER_FROM bytes that passes every check (its keys, then
medcoop.validation) is remembered by the SHA-256 of its bytes, salted with medcoop's version
and the name, size and time of each of its modules: an empty file named by that digest in the
cache folder (MEDCOOP_CACHE_DIR, an absolute path; else $XDG_CACHE_HOME/medcoop or
~/.cache/medcoop; an empty MEDCOOP_CACHE_DIR: none). A later load of the same bytes by the same
medcoop decodes them (msgspec's type checks still run) and skips the rest; any other byte,
version or module is another digest, checked in full. The files' contents are never kept, and
nothing here can make a load fail: a folder that cannot be made or written, or that is a link,
another user's or one that others may write into (or is in one such), is a cache that
remembers nothing. `medcoop validate` always checks in full.
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
    """The folder of the entries, or None when there is none (MEDCOOP_CACHE_DIR empty or not an
    absolute path, after ~ is expanded; no home)."""
    chosen = os.environ.get("MEDCOOP_CACHE_DIR")
    if chosen is not None:
        chosen = os.path.expanduser(chosen)
        return Path(chosen) / ENTRIES if os.path.isabs(chosen) else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative path is invalid, and ignored
        return Path(xdg) / "medcoop" / ENTRIES
    try:
        return Path.home() / ".cache" / "medcoop" / ENTRIES
    except (RuntimeError, KeyError):  # no HOME and no entry in the password database
        return None


def _salt(package: Path) -> bytes:
    """What a digest depends on besides the file: medcoop's version, and the name, size and
    modification time of each of its modules (an edit to any of them, in a checkout, is
    another medcoop). A module's own entry is read (a link is not followed: an editor's lock
    file may point nowhere), and a module gone while the folder is read is left out."""
    from medcoop import __version__

    parts = [__version__]
    for top, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                module = os.path.join(top, name)
                try:
                    status = os.lstat(module)
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(module, package)}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8")


def entry(data: bytes, package: Path | None = None) -> Path | None:
    """The entry that would say these bytes are valid, or None for a small file or no cache."""
    if len(data) < REMEMBER_FROM:
        return None
    where = folder()
    if where is None:
        return None
    try:
        salt = _salt(package or Path(__file__).resolve().parent)
    except OSError:
        return None
    digest = hashlib.sha256(salt)
    digest.update(b"\0")
    digest.update(data)
    return where / digest.hexdigest()


def known(path: Path) -> bool:
    """Whether an entry exists where only this user could have made it (_trusted)."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return _trusted(path.parent)


def _trusted(entries: Path) -> bool:
    """Whether the folder of the entries and the one that holds it are real folders (no link)
    that this user owns and no one else may write into: an entry, and the folder it is in,
    that another user could have made or swapped say nothing."""
    for level in (entries, entries.parent):
        try:
            status = os.lstat(level)
        except OSError:
            return False
        mine = status.st_uid == os.getuid() if hasattr(os, "getuid") else True
        if not stat.S_ISDIR(status.st_mode) or not mine or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def remember(path: Path) -> None:
    """Make the entry (an empty file); any failure (a read-only or full disk, a file where a
    folder should be, a folder of another user's) leaves the cache as it was. The folders it
    makes are this user's alone (0700, whatever the umask), as the XDG spec asks."""
    try:
        missing = [level for level in (path.parent, *path.parent.parents) if not os.path.lexists(level)]
        for level in reversed(missing):
            os.mkdir(level, 0o700)
        if not _trusted(path.parent):
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(path, flags, 0o600))
    except OSError:
        return
