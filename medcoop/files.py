"""Every file medcoop writes goes through here: written whole or not at all.

A file is written to a temporary file in the folder it goes to, flushed to disk, and renamed
over the target (``os.replace``, atomic on one file system), so a full disk, an I/O error or
Ctrl-C never leaves a truncated file where the user asked for one. Failures are raised as
``WriteError`` (exit 1) naming the file and the reason; a path that cannot be a file at all
(empty, ``-``, a folder) is a ``UsageError`` (exit 2).

One rule for what is not a file to replace: a path that names an open descriptor
(``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``, or a link to one) is
written to through that descriptor, where it points now (a file ``>>`` appends to keeps
growing at its end), and a device or a FIFO (``/dev/null``, a shell's ``>(process)``) is
written to as a stream: nothing is renamed over either, nothing is created beside them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, Union

from medcoop.errors import PipeClosed, UsageError, WriteError
from medcoop.i18n import _
from medcoop.signals import held

__all__ = [
    "Content", "WriteError", "atomic_write", "atomic_write_text", "check_target", "descriptor", "is_stream",
    "reason", "refuse_same", "write_fd", "write_files", "write_folder",
]  # fmt: skip

_PROC_FD = re.compile(r"/proc/(\d+)(?:/task/\d+)?/fd")
_TMP_SUFFIX = ".tmp"
_RANDOM = 8  # the characters tempfile adds between prefix and suffix


def reason(exc: OSError) -> str:
    """The operating system's words for an error: 'No space left on device'."""
    return exc.strerror or str(exc)


def _cannot(path: Path | str, exc: OSError) -> WriteError:
    return WriteError(_("{path}: cannot write ({reason})").format(path=path, reason=reason(exc)))


def check_target(path: Path | str) -> Path:
    """The path as a file to write, or UsageError when it cannot be one (WriteError when the
    folder it is relative to no longer exists)."""
    text = os.fspath(path)
    if text in ("", "-"):
        raise UsageError(_("{text} is not a file name: give the path of a file to write").format(text=repr(text)))
    target = Path(text)
    _check_folder(target)
    if os.path.isdir(target):  # False for a name the system refuses (too long): the write says why
        raise UsageError(_("{path}: is a folder, not a file").format(path=target))
    return target


def _check_folder(target: Path) -> None:
    """WriteError when target is relative to a current folder that no longer exists."""
    if target.is_absolute():
        return
    try:
        os.getcwd()
    except OSError as exc:
        raise WriteError(
            _("{path}: cannot write ({reason}: the current folder was deleted)").format(path=target, reason=reason(exc))
        ) from None


def descriptor(path: Path | str) -> tuple[int, bool] | None:
    """(N, mine) when path names open descriptor N (/dev/stdout, /dev/fd/N, /proc/self/fd/N,
    /proc/PID/fd/N, or a symbolic link to one of them), mine when it is this process's; else None.
    Each link is read in turn, as the system follows them, so the descriptor is found before
    the file it points to."""
    current = os.path.abspath(os.fspath(path))
    for _step in range(40):  # the system's own limit on links in a row
        head, name = os.path.split(current)
        try:
            head = os.path.realpath(head)
        except OSError:
            return None
        match = _PROC_FD.fullmatch(head)
        if match and name.isdigit():
            return int(name), int(match[1]) == os.getpid()
        full = os.path.join(head, name)
        try:
            link = os.readlink(full)
        except OSError:  # not a link (or nothing there): no descriptor on the way
            return None
        current = os.path.normpath(os.path.join(head, link))
    return None


def is_stream(path: Path | str) -> bool:
    """Whether writing to path writes to a descriptor, a device or a FIFO (nothing to replace,
    nothing to put beside it) rather than to a file."""
    if descriptor(path) is not None:
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def refuse_same(paths: Iterable[Path | str | None], what: str = "") -> None:
    """UsageError (exit 2) when two of the files to write are one file (the same name, or a
    link to it): the second would replace the first. Checked before anything is written.
    Streams count too: /dev/stdout given twice would mix two outputs."""
    seen: dict[tuple[int, int] | str, Path | str] = {}
    for path in paths:
        if path is None:
            continue
        key: tuple[int, int] | str
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            try:
                key = os.path.realpath(path)
            except OSError:
                continue
        if key in seen and not _both_null(path, seen[key]):
            raise UsageError(
                what.format(first=seen[key], second=path)
                if what
                else _("{path}: two of the files to write are the same file; nothing was written").format(path=path)
            )
        seen[key] = path


def _both_null(a: Path | str, b: Path | str) -> bool:
    """/dev/null twice loses nothing."""
    return os.path.realpath(a) == os.devnull == os.path.realpath(b)


class _Staged(NamedTuple):
    target: Path  # as the user named it
    real: Path  # what is replaced (a link followed)
    tmp: str  # the complete temporary file beside it


def atomic_write(path: Path | str, data: Content) -> Path:
    """Write data to path all at once: temporary file in the same folder, fsync, rename.

    The temporary file is removed on any failure; an existing file at path is replaced only
    once the new content is complete on disk, and keeps its permissions. A symbolic link is
    followed (the file it points to is replaced, the link stays). A descriptor, a device or
    a FIFO (/dev/stdout, /dev/null, a shell's >(process)) has nothing to replace: it is
    written to as a stream, every byte or an error."""
    return write_files([(path, data)])[0]


def atomic_write_text(path: Path | str, text: str) -> Path:
    """atomic_write of text as UTF-8 (whatever the locale's encoding)."""
    return atomic_write(path, text.encode("utf-8"))


Content = Union[bytes, Iterable[bytes]]
"""What a file is written from: its bytes, or its pieces in order (a query's rows as they come)."""


def _pieces(data: Content) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def write_files(items: Sequence[tuple[Path | str, Content]]) -> list[Path]:
    """Write several files as one: every file is made complete beside its target first (a
    full disk stops everything before any target is touched), then the streams are written,
    then the files are renamed into place, one after the other, with Ctrl-C and SIGTERM held
    back. Returns the paths as given. Content given in pieces is written as it comes; an error
    while it comes (a query past its time limit) leaves the target as it was."""
    targets = [check_target(path) for path, _data in items]
    refuse_same(targets)
    staged: list[_Staged] = []
    try:
        streams: list[tuple[Path, Content]] = []
        for target, (_path, data) in zip(targets, items, strict=True):
            if is_stream(target):
                streams.append((target, data))
            else:
                try:
                    _stage(target, data, staged)
                except WriteError as exc:
                    if len(items) == 1:
                        raise
                    raise WriteError(_("{message}; nothing was written").format(message=exc)) from None
        for target, data in streams:
            _write_stream(target, data)
        with held():
            done: list[Path] = []
            for item in staged:
                try:
                    os.replace(item.tmp, item.real)
                except OSError as exc:
                    raise _replace_failed(item.target, exc, done) from None
                done.append(item.target)
            staged.clear()
    finally:
        with held():  # a signal now would stop the cleanup halfway, leaving temporaries behind
            for item in staged:
                with contextlib.suppress(OSError):
                    os.unlink(item.tmp)
    return targets


def _replace_failed(target: Path, exc: OSError, done: list[Path]) -> WriteError:
    error = _cannot(target, exc)
    if done:
        error = WriteError(
            _("{message}; already written: {paths}").format(message=error, paths=", ".join(map(str, done)))
        )
    return error


def _stage(target: Path, data: Content, staged: list[_Staged]) -> None:
    """A complete temporary copy of data beside target (the file a link points to), with the
    mode the target has, or a new file would get; recorded in staged (for the caller's cleanup)
    as it is made."""
    try:
        existing: os.stat_result | None = os.stat(target)  # through a link, to what it points to
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _cannot(target, exc) from None
    real = Path(os.path.realpath(target)) if os.path.islink(target) else target
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode()
    folder = real.parent if str(real.parent) else Path(".")
    fd = -1
    try:
        import tempfile  # here, not at the top: writing to stdout needs none of it

        with held():  # made and recorded at once: no signal between the two
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=_prefix(folder, real.name), suffix=_TMP_SUFFIX)
            staged.append(_Staged(target, real, tmp))
        with open(fd, "wb", closefd=True) as out:
            fd = -1  # out closes it
            for piece in _pieces(data):
                out.write(piece)  # a buffered file writes every byte or raises
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        raise _cannot(target, exc) from None
    finally:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)


def _prefix(folder: Path, name: str) -> str:
    """'.NAME.', or '.medcoop-' when a temporary named after NAME would be longer than the
    file system allows (a legal name of 242 to 255 bytes)."""
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    prefix = f".{name}."
    if len(os.fsencode(prefix)) + _RANDOM + len(_TMP_SUFFIX) > limit:
        return ".medcoop-"
    return prefix


def _write_stream(target: Path, data: Content) -> None:
    """Every byte of data to a descriptor, a device or a FIFO (no temporary file: there is
    nothing to replace). A descriptor of this process is written to itself, so the output
    lands where that descriptor is now (after what came before it, appended where it appends)."""
    named = descriptor(target)
    try:
        if named is not None and named[1]:
            try:
                for piece in _pieces(data):
                    write_fd(named[0], piece)
            except BrokenPipeError:
                if named[0] != 1:
                    raise
                with contextlib.suppress(OSError):  # as for stdout itself: quiet, exit 141
                    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                raise PipeClosed("") from None
            return
        flags = os.O_WRONLY | (os.O_APPEND if named is not None else 0)
        fd = os.open(target, flags)
        try:
            for piece in _pieces(data):
                write_fd(fd, piece)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _cannot(target, exc) from None


def write_fd(fd: int, data: bytes) -> None:
    """All of data to descriptor fd, waiting while it is full when it does not block (a
    non-blocking pipe or terminal takes part of it, or nothing, at a time)."""
    import select

    if fd in (1, 2):  # what was printed before comes first
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            select.select([], [fd], [])


def _default_mode() -> int:
    """The mode a new file gets from open() under the current umask (mkstemp makes 0600)."""
    return 0o666 & ~_umask()


def write_folder(directory: Path | str, files: dict[str, bytes], *, force: bool = False) -> Path:
    """Write a set of files into a folder all at once, or leave the folder as it was.

    A new folder is built as a temporary folder beside it and renamed into place. Into an
    existing folder (empty, or any with force) the files are built in a temporary folder inside
    it, on the same file system; then, with Ctrl-C and SIGTERM held back, each old file is moved
    aside and the new one moved in. If any move fails, every file is put back as it was (the
    new files that came in are removed), and the message names the whole situation. A symbolic
    link, a folder or anything else in the way of one of the files is an error before anything
    is replaced, so nothing is ever written through a link out of the folder."""
    text = os.fspath(directory)
    if text in ("", "-"):
        raise UsageError(
            _("{text} is not a folder name: give the path of a folder to write into").format(text=repr(text))
        )
    target = Path(text)
    _check_folder(target)
    if not os.path.lexists(target):
        return _new_folder(target, files)
    if not target.is_dir():
        raise UsageError(_("{path}: exists and is not a folder").format(path=target))
    if not force and any(target.iterdir()):
        raise UsageError(_("{path}: folder is not empty (use --force to write into it)").format(path=target))
    for name in files:
        _check_replaceable(target / name)
    tmp: Path | None = None
    aside: Path | None = None
    keep_aside = False
    try:
        with held():  # made and recorded for the cleanup below at once
            tmp = _temporary_folder(target, target, ".medcoop-")
        _fill(tmp, target, files)
        with held():
            aside = _temporary_folder(target, target, ".medcoop-old-")
            _swap(target, tmp, aside, list(files))
    except _KeptAside:
        keep_aside = True
        raise
    finally:
        with held():  # a signal now would stop the cleanup halfway, leaving a temporary folder behind
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            if aside is not None and not keep_aside:
                shutil.rmtree(aside, ignore_errors=True)
    return target


class _KeptAside(WriteError):
    """A swap failed and some old files could not be put back: they stay in the folder aside."""


def _swap(target: Path, new: Path, aside: Path, names: list[str]) -> None:
    """Move each old file of target aside and each new one in; on any failure put every file
    back and raise a WriteError saying so."""
    moved: list[tuple[str, bool]] = []  # (name, had an old file)
    for name in names:
        try:
            had_old = os.path.lexists(target / name)
            if had_old:
                os.replace(target / name, aside / name)
            moved.append((name, had_old))
            os.replace(new / name, target / name)
        except OSError as exc:
            lost = _restore(target, aside, moved)
            if lost:
                raise _KeptAside(
                    _(
                        "{path}: cannot write ({reason}); could not put back {names}: the old files are in {aside}"
                    ).format(path=target / name, reason=reason(exc), names=", ".join(lost), aside=aside)
                ) from None
            raise WriteError(
                _("{path}: cannot write ({reason}); nothing was replaced, {folder} is as it was").format(
                    path=target / name, reason=reason(exc), folder=target
                )
            ) from None


def _restore(target: Path, aside: Path, moved: list[tuple[str, bool]]) -> list[str]:
    """Undo _swap's moves, newest first; the names that could not be put back."""
    lost: list[str] = []
    for name, had_old in reversed(moved):
        try:
            if had_old:
                os.replace(aside / name, target / name)  # over the new file, if it came in
            elif os.path.lexists(target / name) and not os.path.lexists(aside / name):
                os.unlink(target / name)
        except OSError:
            lost.append(name)
    return lost[::-1]


def _new_folder(target: Path, files: dict[str, bytes]) -> Path:
    parent = target.parent
    try:
        if not parent.is_dir():
            parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            _("{path}: cannot create the folder ({reason})").format(path=parent, reason=reason(exc))
        ) from None
    tmp: Path | None = None
    try:
        with held():  # made and recorded for the cleanup below at once
            tmp = _temporary_folder(parent, target, _prefix(parent, target.name))
        _fill(tmp, target, files)
        os.chmod(tmp, 0o777 & ~_umask())
        with held():
            try:
                os.rename(tmp, target)
            except OSError as exc:
                raise _cannot(target, exc) from None
            tmp = None
    finally:
        if tmp is not None:
            with held():  # a signal now would stop the cleanup halfway, leaving a temporary folder behind
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def _temporary_folder(where: Path, target: Path, prefix: str) -> Path:
    """A new temporary folder (the caller holds the signals back until it has recorded it)."""
    try:
        import tempfile

        return Path(tempfile.mkdtemp(dir=where, prefix=prefix, suffix=_TMP_SUFFIX))
    except OSError as exc:
        raise _cannot(target, exc) from None


def _check_replaceable(path: Path) -> None:
    """Refuse to replace anything but a regular file (a link, a folder, a FIFO)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot(path, exc) from None
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
            raise _cannot(target / name, exc) from None
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
