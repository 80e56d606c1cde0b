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
    assert result.err.count("\n") == 1 and result.err.endswith(f": cannot write ({os.strerror(errno.ENAMETOOLONG)})\n")
    assert list(tmp_path.iterdir()) == []
