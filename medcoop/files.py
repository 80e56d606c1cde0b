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
import shutil
import stat
import tempfile
from pathlib import Path

from medcoop.errors import UsageError, WriteError
from medcoop.i18n import _

__all__ = ["WriteError", "atomic_write", "atomic_write_text", "check_target", "reason", "write_folder"]


def reason(exc: OSError) -> str:
    """The operating system's words for an error: 'No space left on device'."""
    return exc.strerror or str(exc)


def check_target(path: Path | str) -> Path:
    """The path as a file to write, or UsageError when it cannot be one."""
    text = os.fspath(path)
    if text in ("", "-"):
        raise UsageError(_("{text} is not a file name: give the path of a file to write").format(text=repr(text)))
    target = Path(text)
    if os.path.isdir(target):  # False for a name the system refuses (too long): the write says why
        raise UsageError(_("{path}: is a folder, not a file").format(path=target))
    return target


def atomic_write(path: Path | str, data: bytes) -> Path:
    """Write data to path all at once: temporary file in the same folder, fsync, rename.

    The temporary file is removed on any failure; an existing file at path is replaced only
    once the new content is complete on disk, and keeps its permissions. A symbolic link is
    followed (the file it points to is replaced, the link stays). What is not a regular file
    (a device such as /dev/stdout or /dev/null, a FIFO, a shell's >(process)) has nothing to
    replace: it is written to as a stream, every byte or an error."""
    target = check_target(path)
    try:
        existing: os.stat_result | None = os.stat(target)  # through a link, to what it points to
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_stream(target, data)
        return target
    real = Path(os.path.realpath(target)) if os.path.islink(target) else target
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode()
    folder = real.parent if str(real.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None
    try:
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)  # a buffered file writes every byte or raises
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, real)
        except OSError as exc:
            raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _write_stream(target: Path, data: bytes) -> None:
    """Every byte of data to a device or a FIFO (no temporary file: there is nothing to replace)."""
    try:
        fd = os.open(target, os.O_WRONLY)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as exc:
        raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None


def atomic_write_text(path: Path | str, text: str) -> Path:
    """atomic_write of text as UTF-8 (whatever the locale's encoding)."""
    return atomic_write(path, text.encode("utf-8"))


def _default_mode() -> int:
    """The mode a new file gets from open() under the current umask (mkstemp makes 0600)."""
    return 0o666 & ~_umask()


def write_folder(directory: Path | str, files: dict[str, bytes], *, force: bool = False) -> Path:
    """Write a set of files into a folder all at once, or leave the folder as it was.

    A new folder is built as a temporary folder beside it and renamed into place. Into an
    existing folder (empty, or any with force) the files are built in a temporary folder inside
    it, on the same file system, and each moved over its old version only once the whole set is
    complete; a symbolic link, a folder or anything else in the way of one of them is an error
    before anything is replaced, so nothing is ever written through a link out of the folder."""
    text = os.fspath(directory)
    if text in ("", "-"):
        raise UsageError(
            _("{text} is not a folder name: give the path of a folder to write into").format(text=repr(text))
        )
    target = Path(text)
    if not os.path.lexists(target):
        return _new_folder(target, files)
    if not target.is_dir():
        raise UsageError(_("{path}: exists and is not a folder").format(path=target))
    if not force and any(target.iterdir()):
        raise UsageError(_("{path}: folder is not empty (use --force to write into it)").format(path=target))
    for name in files:
        _check_replaceable(target / name)
    tmp = _temporary_folder(target, target, ".medcoop-")
    try:
        _fill(tmp, target, files)
        for name in files:
            try:
                os.replace(tmp / name, target / name)
            except OSError as exc:
                raise WriteError(
                    _("{path}: cannot write ({reason})").format(path=target / name, reason=reason(exc))
                ) from None
        os.rmdir(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _new_folder(target: Path, files: dict[str, bytes]) -> Path:
    parent = target.parent
    try:
        if not parent.is_dir():
            parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            _("{path}: cannot create the folder ({reason})").format(path=parent, reason=reason(exc))
        ) from None
    tmp = _temporary_folder(parent, target, f".{target.name}.")
    try:
        _fill(tmp, target, files)
        os.chmod(tmp, 0o777 & ~_umask())
        try:
            os.rename(tmp, target)
        except OSError as exc:
            raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _temporary_folder(where: Path, target: Path, prefix: str) -> Path:
    try:
        return Path(tempfile.mkdtemp(dir=where, prefix=prefix, suffix=".tmp"))
    except OSError as exc:
        raise WriteError(_("{path}: cannot write ({reason})").format(path=target, reason=reason(exc))) from None


def _check_replaceable(path: Path) -> None:
    """Refuse to replace anything but a regular file (a link, a folder, a FIFO)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(_("{path}: cannot write ({reason})").format(path=path, reason=reason(exc))) from None
    if stat.S_ISLNK(mode):
        raise WriteError(
            _("{path}: is a symbolic link; medcoop does not write through links, nothing was written").format(path=path)
        )
    if not stat.S_ISREG(mode):
        raise WriteError(_("{path}: is in the way (not a regular file); nothing was written").format(path=path))


def _fill(folder: Path, target: Path, files: dict[str, bytes]) -> None:
    """Write each file into folder, flushed to disk; errors name the file's final path."""
    for name, data in files.items():
        try:
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise WriteError(
                _("{path}: cannot write ({reason})").format(path=target / name, reason=reason(exc))
            ) from None
    with contextlib.suppress(OSError):  # the names too, where the system allows it
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
