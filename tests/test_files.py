"""medcoop.files: every file is written whole or not at all."""

import errno
import os
from pathlib import Path

import pytest

from medcoop.errors import UsageError
from medcoop.files import WriteError, atomic_write, atomic_write_text


def test_writes_the_bytes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = atomic_write(tmp_path / "out.csv", b"a,b\n1,2\n")
    assert target.read_bytes() == b"a,b\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_text_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "t.txt", "Medellín · Corea\n")
    assert (tmp_path / "t.txt").read_bytes() == "Medellín · Corea\n".encode()


def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "m.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "m.txt").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.json"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=r"keep\.json: cannot write \(No space left on device\)"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.json"]


def test_interrupt_mid_write_removes_the_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "x.svg", b"<svg/>")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_write_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match=r"nope/x\.csv: cannot write \(No such file or directory\)"):
        atomic_write(tmp_path / "nope" / "x.csv", b"")


@pytest.mark.parametrize("bad", ["", "-"])
def test_empty_path_and_dash_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match="not a file name"):
        atomic_write(bad, b"x")


def test_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        atomic_write(tmp_path, b"x")


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    """-o >(wc -l), -o /dev/stdout, a named pipe: the reader gets every byte, the pipe stays a pipe."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    data = b"x" * 200_000  # more than a pipe holds at once
    atomic_write(fifo, data)
    reader.join(timeout=10)
    assert got == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_full_device_is_a_write_error_and_stays_a_device() -> None:
    import stat

    with pytest.raises(WriteError, match=r"/dev/full: cannot write \(No space left on device\)"):
        atomic_write("/dev/full", b"data")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "keep.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "link.txt"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_bytes(b"old")
    target.chmod(0o600)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600


FILE_OPTIONS = [
    ["summary", "-o", "{name}.csv"],
    ["summary", "-f", "xlsx", "-o", "{name}.xlsx"],
    ["awards", "--svg", "{name}.svg"],
    ["map", "--svg", "{name}.svg"],
    ["report", "-o", "{name}.html"],
    ["export", "{name}"],
    ["export", "--sqlite", "{name}.db"],
    ["export", "--xlsx", "{name}.xlsx"],
]
"""Every option that names a file to write, with a name in place of {name}."""


@pytest.mark.parametrize("args", FILE_OPTIONS, ids=" ".join)
def test_a_name_the_system_refuses_is_a_write_error(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    """A file name longer than the file system takes (255 bytes on Linux): one line with the
    system's reason, exit 1 (could not write), no internal error."""
    monkeypatch.chdir(tmp_path)
    name = "x" * 300
    result = run(*(a.format(name=name) for a in args))
    assert result.code == 1, result.err
    reason = f": cannot write ({os.strerror(errno.ENAMETOOLONG)})"
    # export --sqlite writes two files together: it says that neither was written
    assert result.err.count("\n") == 1 and result.err.endswith((f"{reason}\n", f"{reason}; nothing was written\n"))
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- descriptors


def test_paths_that_name_a_descriptor_are_told_from_files(tmp_path: Path) -> None:
    from medcoop.files import descriptor

    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    assert descriptor("/dev/stdout") == (1, True)
    assert descriptor("/dev/stderr") == (2, True)
    assert descriptor("/dev/fd/7") == (7, True)
    assert descriptor("/proc/self/fd/5") == (5, True)
    assert descriptor(f"/proc/{os.getpid()}/fd/5") == (5, True)
    assert descriptor(link) == (1, True)
    assert descriptor(tmp_path / "plain.csv") is None
    assert descriptor("/dev/null") is None


@pytest.mark.parametrize("how", ["/proc/self/fd/{fd}", "/dev/fd/{fd}", "link"])
def test_a_descriptor_is_written_where_it_points_never_renamed_over(tmp_path: Path, how: str) -> None:
    """-o /dev/stdout >> log.txt: the output goes after what the log held, the log stays the
    same file (the descriptor is written to, its file is not replaced)."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"HEADER\n")
    inode = log.stat().st_ino
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        path = how.format(fd=fd)
        if how == "link":
            (tmp_path / "out").symlink_to(f"/proc/self/fd/{fd}")
            path = str(tmp_path / "out")
        atomic_write(path, b"data\n")
        os.write(fd, b"FOOTER\n")
    finally:
        os.close(fd)
    assert log.read_bytes() == b"HEADER\ndata\nFOOTER\n"
    assert log.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"] + (["out"] if how == "link" else [])


def test_a_descriptor_that_is_not_open_is_a_write_error(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "x", os.O_WRONLY | os.O_CREAT)
    os.close(fd)  # fd is now free
    with pytest.raises(WriteError, match=rf"/dev/fd/{fd}: cannot write \(Bad file descriptor\)"):
        atomic_write(f"/dev/fd/{fd}", b"data")


def test_the_same_file_twice_is_refused_before_writing(tmp_path: Path) -> None:
    from medcoop.files import write_files

    (tmp_path / "link.svg").symlink_to(tmp_path / "x.svg")
    for second in ("x.svg", "link.svg"):
        with pytest.raises(UsageError, match="the same file"):
            write_files([(tmp_path / "x.svg", b"a"), (tmp_path / second, b"b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.svg"]


def test_several_files_replace_nothing_when_one_cannot_be_made(tmp_path: Path) -> None:
    """A full disk on the second file: the first is not replaced either (the files are all
    made beside their targets before any is renamed into place)."""
    from medcoop.files import write_files

    (tmp_path / "db").write_bytes(b"old db")
    (tmp_path / "meta.json").write_bytes(b"old meta")
    with pytest.raises(WriteError, match=r"nope/x: cannot write"):
        write_files([(tmp_path / "db", b"new db"), (tmp_path / "nope" / "x", b"")])
    assert (tmp_path / "db").read_bytes() == b"old db"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "meta.json"]


@pytest.mark.parametrize("length", [242, 250, 255])
def test_a_legal_long_name_is_written(tmp_path: Path, length: int) -> None:
    """The temporary file's name must not be longer than the system allows when the target's is."""
    from medcoop.files import write_folder

    name = "x" * length
    atomic_write(tmp_path / name, b"data")
    assert (tmp_path / name).read_bytes() == b"data"
    write_folder(tmp_path / "y" / name, {"a.csv": b"a"})
    assert (tmp_path / "y" / name / "a.csv").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name, "y"]


def test_a_deleted_working_folder_is_a_write_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(WriteError, match=r"out\.csv: cannot write \(No such file or directory: the current folder"):
        atomic_write("out.csv", b"x")


# --------------------------------------------------------------------------- signals and temporaries


def _interrupting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """module.name does its work, then Ctrl-C arrives (as it may, just after)."""
    import signal

    real = getattr(module, name)

    def then_interrupted(*args: object, **kwargs: object) -> object:
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return made

    monkeypatch.setattr(module, name, then_interrupted)


@pytest.mark.parametrize("what", ["file", "new folder", "folder"])
def test_ctrl_c_as_a_temporary_is_made_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    import tempfile

    from medcoop.files import write_folder

    _interrupting(monkeypatch, tempfile, "mkstemp" if what == "file" else "mkdtemp")
    (tmp_path / "pkg").mkdir()
    with pytest.raises(KeyboardInterrupt):
        if what == "file":
            atomic_write(tmp_path / "x.csv", b"x")
        else:
            write_folder(tmp_path / ("new" if what == "new folder" else "pkg"), {"a.csv": b"a"}, force=True)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["pkg"]


def _package(folder: Path, text: str) -> dict[str, bytes]:
    files = {f"{n}.csv": f"{text} {n}".encode() for n in "abcdef"}
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_force_into_a_folder_puts_every_old_file_back_when_one_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An immutable file, EIO: the folder holds the old set, whole, and the message says so."""
    from medcoop.files import write_folder

    pkg = tmp_path / "pkg"
    old = _package(pkg, "old")
    new = {name: f"new {name}".encode() for name in old}
    real = os.replace
    calls = []

    def fails_at_the_fourth(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 4:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        real(src, dst)

    monkeypatch.setattr(os, "replace", fails_at_the_fourth)
    with pytest.raises(WriteError) as caught:
        write_folder(pkg, new, force=True)
    assert {p.name: p.read_bytes() for p in pkg.iterdir()} == old
    assert "nothing was replaced" in str(caught.value) and str(pkg) in str(caught.value)


def test_force_into_a_folder_names_what_could_not_be_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medcoop.files import write_folder

    pkg = tmp_path / "pkg"
    old = _package(pkg, "old")
    real = os.replace
    calls = []

    def fails_from_the_fourth(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) >= 4:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(os, "replace", fails_from_the_fourth)
    put_back = r"could not put back a\.csv, b\.csv: the old files are in .*pkg/\.medcoop-old-"
    with pytest.raises(WriteError, match=put_back):
        write_folder(pkg, {name: b"new" for name in old}, force=True)


def test_ctrl_c_while_the_files_move_in_leaves_the_whole_new_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interrupt waits until the set is in: never some new and some old files."""
    import signal

    from medcoop.files import write_folder

    pkg = tmp_path / "pkg"
    old = _package(pkg, "old")
    new = {name: f"new {name}".encode() for name in old}
    real = os.replace
    calls = []

    def interrupted_at_the_third(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        real(src, dst)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", interrupted_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        write_folder(pkg, new, force=True)
    assert {p.name: p.read_bytes() for p in pkg.iterdir()} == new


@pytest.mark.parametrize("what", ["folder", "new folder", "files"])
def test_ctrl_c_during_the_cleanup_still_cleans_up_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    """The cleanup of temporaries (after a failure, an interrupt, or a finished write) runs whole
    even when Ctrl-C comes in the middle of it; the interrupt comes after."""
    import shutil
    import signal

    from medcoop.files import write_files, write_folder

    pkg = tmp_path / "pkg"
    old = _package(pkg, "old")
    new = {name: f"new {name}".encode() for name in old}
    real_rmtree, real_unlink = shutil.rmtree, os.unlink

    def rmtree_interrupted(path: str | Path, *args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # as it starts: the handler would run at its first step
        real_rmtree(path, *args, **kwargs)  # type: ignore[arg-type]

    def unlink_interrupted(path: str | Path, *args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.raises(KeyboardInterrupt):
        if what == "files":  # three files, the third cannot be made: the other two temporaries are removed
            monkeypatch.setattr(os, "unlink", unlink_interrupted)
            write_files([(tmp_path / "a.csv", b"a"), (tmp_path / "b.csv", b"b"), (tmp_path / "no" / "c.csv", b"c")])
        else:
            monkeypatch.setattr(shutil, "rmtree", rmtree_interrupted)
            target = pkg if what == "folder" else tmp_path / "new"
            if what == "new folder":
                monkeypatch.setattr(os, "rename", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "EIO")))
            write_folder(target, new, force=True)
    monkeypatch.undo()
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if ".tmp" in p.name)
    assert left == []
    if what == "folder":
        assert {p.name: p.read_bytes() for p in pkg.iterdir()} == new
