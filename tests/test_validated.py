"""A large dataset file is checked once while its bytes stay the same (medcoop.validated): the
second load of the same bytes skips the key scan and the validation, any other byte is checked
in full, a file that fails is never remembered, and no state of the cache folder can make a
load fail or trust an entry someone else could have made."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from medcoop import dataset, validated, validation
from medcoop.errors import DatasetError

from .conftest import ROOT, medcoop_process

SHIPPED = json.loads((ROOT / "data" / "medcoop.json").read_text(encoding="utf-8"))
LISTS = ("metrics", "topic_lists", "actions", "country_roles", "events", "awards", "visitors", "programmes")


def _large(folder: Path, *, year: int | None = None) -> Path:
    """The shipped dataset with its record lists repeated under fresh ids until the file is
    past REMEMBER_FROM; `year`, when given, as the year of its last action (2030 is invalid)."""
    data = json.loads(json.dumps(SHIPPED))
    repeated = len(json.dumps([SHIPPED[key] for key in LISTS], ensure_ascii=False).encode())
    times = validated.REMEMBER_FROM // repeated + 2
    for key in LISTS:
        data[key] = [dict(r, id=f"{r['id']}-x{i}") if i else r for i in range(times) for r in data[key]]
    if year is not None:
        data["actions"][-1]["year"] = year
    path = folder / f"large-{year}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size >= validated.REMEMBER_FROM
    return path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The checks a load runs, in order: 'keys' for the key scan, 'validation' for the rest."""
    ran: list[str] = []

    def counted(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            ran.append(name)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(validation, "problems", counted("validation", validation.problems))
    monkeypatch.setattr(dataset, "_scan", counted("keys", dataset._scan))
    monkeypatch.setattr(dataset, "_ForkedScan", counted("keys", dataset._ForkedScan))
    return ran


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(folder))
    return folder / validated.ENTRIES


def test_a_large_file_is_checked_once_while_its_bytes_stay(tmp_path: Path, cache: Path, checks: list[str]) -> None:
    path = _large(tmp_path)
    first = dataset.load(path)
    assert checks == ["keys", "validation"]
    entries = list(cache.iterdir())
    assert len(entries) == 1 and entries[0].stat().st_size == 0
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o600 and stat.S_IMODE(cache.stat().st_mode) == 0o700
    again = dataset.load(path)
    assert checks == ["keys", "validation"]  # nothing checked the second time
    assert again == first
    assert list(cache.iterdir()) == entries


def test_another_byte_is_checked_in_full(
    tmp_path: Path, cache: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _large(tmp_path)
    dataset.load(good)
    bad = _large(tmp_path, year=2030)  # one value other: the entry of the good file says nothing of it
    with pytest.raises(DatasetError) as remembered:
        dataset.load(bad)
    assert checks == ["keys", "validation", "keys", "validation"]
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", "")
    with pytest.raises(DatasetError) as without:
        dataset.load(bad)
    assert str(remembered.value) == str(without.value) and "2030" in str(without.value)
    assert len(list(cache.iterdir())) == 1  # the bad file left no entry


def test_a_file_that_fails_is_never_remembered(tmp_path: Path, cache: Path, checks: list[str]) -> None:
    bad = _large(tmp_path, year=2030)
    for _ in range(2):
        with pytest.raises(DatasetError, match="2030"):
            dataset.load(bad)
    assert checks == ["keys", "validation"] * 2
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_file_with_a_bad_key_is_never_remembered(tmp_path: Path, cache: Path) -> None:
    path = _large(tmp_path)
    path.write_bytes(path.read_bytes().replace(b'"schema_version": 1', b'"schema_version": 1, "schema_version": 1', 1))
    for _ in range(2):
        with pytest.raises(DatasetError, match="schema_version"):
            dataset.load(path)
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_small_file_is_checked_at_every_load(tmp_path: Path, cache: Path, checks: list[str]) -> None:
    path = tmp_path / "small.json"
    shutil.copyfile(ROOT / "data" / "medcoop.json", path)
    dataset.load(path)
    dataset.load(path)
    assert checks == ["keys", "validation"] * 2
    assert not cache.exists()


def test_an_empty_cache_dir_remembers_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = _large(tmp_path)
    dataset.load(path)
    dataset.load(path)
    assert checks == ["keys", "validation"] * 2
    assert not (tmp_path / "home").exists()


def test_an_entry_in_a_folder_others_may_write_into_is_not_trusted(
    tmp_path: Path, cache: Path, checks: list[str]
) -> None:
    path = _large(tmp_path)
    dataset.load(path)
    cache.chmod(0o777)
    dataset.load(path)
    assert checks == ["keys", "validation"] * 2
    cache.chmod(0o700)
    dataset.load(path)
    assert checks == ["keys", "validation"] * 2  # trusted again


def test_no_state_of_the_cache_folder_makes_a_load_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    path = _large(tmp_path)
    (tmp_path / "file").write_text("")
    where = {
        "under a file": tmp_path / "file" / "cache",
        "a file where its folder goes": tmp_path / "file",
        "a dangling link": tmp_path / "link",
    }
    (tmp_path / "link").symlink_to(tmp_path / "nowhere" / "at-all")
    for folder in where.values():
        monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(folder))
        assert dataset.load(path)["actions"]
    assert checks == ["keys", "validation"] * len(where)


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MEDCOOP_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/else")
    assert validated.folder() == Path("/somewhere/else/medcoop/valid")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/so/ignored")  # the XDG spec: relative paths are invalid
    assert validated.folder() == tmp_path / ".cache" / "medcoop" / "valid"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert validated.folder() == tmp_path / ".cache" / "medcoop" / "valid"
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(tmp_path / "mine"))
    assert validated.folder() == tmp_path / "mine" / "valid"
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", "~/mine")
    assert validated.folder() == tmp_path / "mine" / "valid"
    for relative in ("mine", " ", "./mine"):  # where the command runs: no cache, rather than a folder there
        monkeypatch.setenv("MEDCOOP_CACHE_DIR", relative)
        assert validated.folder() is None
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", "")
    assert validated.folder() is None


def test_the_digest_changes_with_any_module_of_medcoop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(tmp_path / "cache"))
    package = tmp_path / "package"
    (package / "query" / "__pycache__").mkdir(parents=True)
    (package / "validation.py").write_text("x = 1\n")
    (package / "query" / "rows.py").write_text("y = 1\n")
    data = b" " * validated.REMEMBER_FROM
    before = validated.entry(data, package)
    assert before is not None and validated.entry(data, package) == before
    (package / "query" / "__pycache__" / "rows.cpython-311.pyc").write_bytes(b"compiled")
    (package / "notes.txt").write_text("not a module")
    assert validated.entry(data, package) == before
    seen = {before}
    for change in (
        lambda: (package / "query" / "rows.py").write_text("y = 2\n"),  # same size, another time
        lambda: os.utime(package / "validation.py", ns=(0, 0)),
        lambda: (package / "query" / "new.py").write_text(""),
        lambda: monkeypatch.setattr("medcoop.__version__", "99.0"),
    ):
        change()
        now = validated.entry(data, package)
        assert now is not None and now not in seen
        seen.add(now)
    assert validated.entry(data[:-1], package) is None  # under REMEMBER_FROM


def test_medcoop_validate_never_trusts_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry says these bytes passed; `medcoop validate` checks them anyway, and a command
    reading the file answers exactly as without a cache."""
    cache = tmp_path / "cache"
    good, bad = _large(tmp_path), _large(tmp_path, year=2030)
    env = {"MEDCOOP_CACHE_DIR": str(cache)}
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(cache))
    entry = validated.entry(bad.read_bytes())
    assert entry is not None
    planted = cache / validated.ENTRIES / entry.name
    planted.parent.mkdir(parents=True, mode=0o700)
    planted.touch()
    checked = medcoop_process(["validate", str(bad)], env=env)
    assert checked.returncode == 1 and b"2030" in checked.stdout + checked.stderr
    trusted = medcoop_process(["actions", "--data", str(bad), "-f", "csv"], env=env)
    assert trusted.returncode == 0  # a query takes the entry at its word: it is what validate is not
    plain = medcoop_process(["search", "mobility", "--data", str(good), "-f", "csv"], env={"MEDCOOP_CACHE_DIR": ""})
    assert plain.returncode == 0
    for _ in range(2):
        cached = medcoop_process(["search", "mobility", "--data", str(good), "-f", "csv"], env=env)
        assert (cached.returncode, cached.stdout, cached.stderr) == (0, plain.stdout, plain.stderr)
    assert len(list((cache / validated.ENTRIES).iterdir())) == 2  # the planted one and the good file's


def test_a_link_or_a_shared_folder_on_the_way_is_not_trusted_nor_written_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    """The folder of the entries must be a real folder, this user's, in a folder of this user's
    that no one else may write into: else another user could have made an entry, or swapped
    the folder for a link to one of this user's folders (and had entries written there)."""
    path = _large(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    linked = tmp_path / "linked"
    linked.mkdir(mode=0o700)
    (linked / validated.ENTRIES).symlink_to(elsewhere)  # the entries' folder a link
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # the folder that holds the entries' folder writable by all
    for cache in (linked, shared):
        monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(cache))
        dataset.load(path)
        dataset.load(path)
    assert checks == ["keys", "validation"] * 4
    assert list(elsewhere.iterdir()) == []
    assert not (shared / validated.ENTRIES).exists() or list((shared / validated.ENTRIES).iterdir()) == []


def test_the_folders_it_makes_are_this_users_alone_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("MEDCOOP_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    path = _large(tmp_path)
    old = os.umask(0)
    try:
        dataset.load(path)
    finally:
        os.umask(old)
    made = [home / ".cache", home / ".cache" / "medcoop", home / ".cache" / "medcoop" / validated.ENTRIES]
    assert [stat.S_IMODE(folder.stat().st_mode) for folder in made] == [0o700] * 3
    dataset.load(path)
    assert checks == ["keys", "validation"]  # remembered, and trusted


def test_a_module_that_cannot_be_read_or_is_gone_makes_no_load_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's lock file (a link to nowhere named like a module) or a module removed while
    medcoop's folder is read is no reason to fail; an unreadable package folder is no cache."""
    monkeypatch.setenv("MEDCOOP_CACHE_DIR", str(tmp_path / "cache"))
    package = tmp_path / "package"
    package.mkdir()
    (package / "validation.py").write_text("x = 1\n")
    (package / ".#validation.py").symlink_to(tmp_path / "nowhere")
    data = b" " * validated.REMEMBER_FROM
    assert validated.entry(data, package) is not None
    real_lstat = os.lstat

    def gone(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith("validation.py"):
            raise FileNotFoundError(path)
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", gone)
    assert validated.entry(data, package) is not None
    monkeypatch.setattr(validated, "_salt", lambda package: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert validated.entry(data, package) is None
