"""Every file medcoop writes goes through here: written whole or not at all.

A file is written to a temporary file in the folder it goes to, flushed to disk, and renamed
over the target (``os.replace``, atomic on one file system), so a full disk, an I/O error or
Ctrl-C never leaves a truncated file where the user asked for one. Failures are raised as
``WriteError`` (exit 1) naming the file and the reason; a path that cannot be a file at all
(empty, ``-``, a folder) is a ``UsageError`` (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from medcoop.errors import MedcoopError, UsageError


class WriteError(MedcoopError):
    """A file could not be written (disk full, permission, I/O): exit 1."""


def reason(exc: OSError) -> str:
    """The operating system's words for an error: 'No space left on device'."""
    return exc.strerror or str(exc)


def check_target(path: Path | str) -> Path:
    """The path as a file to write, or UsageError when it cannot be one."""
    text = os.fspath(path)
    if text in ("", "-"):
        raise UsageError(f"{text!r} is not a file name: give the path of a file to write")
    target = Path(text)
    if target.is_dir():
        raise UsageError(f"{target}: is a folder, not a file")
    return target


def atomic_write(path: Path | str, data: bytes) -> Path:
    """Write data to path all at once: temporary file in the same folder, fsync, rename.

    The temporary file is removed on any failure; an existing file at path is replaced only
    once the new content is complete on disk."""
    target = check_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(f"{target}: cannot write ({reason(exc)})") from None
    try:
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)  # a buffered file writes every byte or raises
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, _default_mode())
            os.replace(tmp, target)
        except OSError as exc:
            raise WriteError(f"{target}: cannot write ({reason(exc)})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def atomic_write_text(path: Path | str, text: str) -> Path:
    """atomic_write of text as UTF-8 (whatever the locale's encoding)."""
    return atomic_write(path, text.encode("utf-8"))


def _default_mode() -> int:
    """The mode a new file gets from open() under the current umask (mkstemp makes 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
