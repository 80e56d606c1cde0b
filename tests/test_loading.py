"""Loading a dataset file: each way a file can be unusable, reading it safely, and the key
scan (in a forked process for a large file) and its answers. Expected messages are written
from the rules they state (tests/mutation/dataset.md)."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from medcoop import dataset, validation
from medcoop.errors import DatasetError

from .conftest import TINY
from .records import Data, full


def _tiny_with(old: str, new: str) -> bytes:
    """The tiny fixture with one edit, which must apply."""
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new).encode()


# --------------------------------------------------------------------------- loading


def _write(tmp_path: Path, data: Data | bytes, name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    return path


def test_load_names_the_first_problem_and_counts_the_rest(tmp_path: Path) -> None:
    one = full()
    one["events"][0]["organiser"] = "nobody"
    path = _write(tmp_path, one)
    with pytest.raises(DatasetError) as err:
        dataset.load(path)
    assert str(err.value) == f"{path}: $.events[0].organiser: unknown organisation 'nobody'"
    one["visitors"][0]["organisation"] = "nobody"
    assert len(dataset.validate(one)) == 2  # type: ignore[arg-type]
    with pytest.raises(DatasetError) as err:
        dataset.load(_write(tmp_path, one))
    assert str(err.value) == (
        f"{path}: $.events[0].organiser: unknown organisation 'nobody' (and 1 more; run 'medcoop validate')"
    )
    one["milestones"][0]["organisation"] = "nobody"
    assert len(dataset.validate(one)) == 3  # type: ignore[arg-type]
    with pytest.raises(DatasetError) as err:
        dataset.load(_write(tmp_path, one))
    assert str(err.value) == (
        f"{path}: $.events[0].organiser: unknown organisation 'nobody' (and 2 more; run 'medcoop validate')"
    )
    assert dataset.load(_write(tmp_path, full()))["programmes"][0]["id"] == "p-1"


def test_load_without_a_path_is_the_shipped_dataset() -> None:
    shipped = dataset.load()
    assert shipped == dataset.decode(dataset.default_path().read_bytes())
    assert shipped["report"]["title_en"].startswith("Special Report on Cooperation")
    assert dataset.default_path().name == "medcoop.json" and dataset.default_path().is_file()


def test_an_installed_package_loads_its_compiled_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    compiled = full()
    module = types.ModuleType("medcoop._shipped")
    module.DATASET = compiled  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "medcoop._shipped", module)
    assert dataset.shipped() is compiled
    assert dataset.load() is compiled
    monkeypatch.delitem(sys.modules, "medcoop._shipped")
    assert dataset.shipped() is None  # a checkout: no compiled module


def test_decode_strips_a_bom_and_refuses_empty_files() -> None:
    assert dataset.decode(b"\xef\xbb\xbf" + TINY.read_bytes())["metrics"][0]["id"] == "money"
    for empty in (b"", b"\xef\xbb\xbf", b" \t\r\n", b"\xef\xbb\xbf\n"):
        with pytest.raises(DatasetError) as err:
            dataset.decode(empty, "e.json")
        assert str(err.value) == "e.json: empty file"
    with pytest.raises(DatasetError) as err:
        dataset.decode(b"{}")
    assert str(err.value) == "<data>: $: Object missing required field `schema_version`"


def test_decode_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    dataset.decode(TINY.read_bytes())
    assert gc.isenabled()
    gc.disable()
    try:
        dataset.decode(TINY.read_bytes())
        assert not gc.isenabled()
        with pytest.raises(DatasetError):
            dataset.decode(b"[")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(DatasetError):
        dataset.decode(b"[")
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"schema_version": "1"}', "x.json: $.schema_version: Expected `int`, got `str`"),
        (b'{"schema_version": 1,', "x.json: not valid JSON (Input data was truncated)"),
        (b'{"a": "\xff"}', "x.json: not UTF-8 (invalid byte at offset 7)"),
        (b"\xff", "x.json: not UTF-8 (invalid byte at offset 0)"),
        (
            _tiny_with('"year_basis": "stated"', '"year_basis": "x - at y"'),
            "x.json: $.metrics[0].year_basis: Invalid enum value 'x - at y'",
        ),
        (  # an unknown field is skipped by the decoder, which still walks its nesting
            _tiny_with('"id": "money",', '"id": "money", "colour": ' + "[" * 100_000 + "]" * 100_000 + ","),
            "x.json: too deeply nested (arrays and objects within each other beyond what medcoop reads)",
        ),
    ],
    ids=["type", "truncated", "latin-1-in-string", "latin-1-first", "path-last", "deep-unknown-field"],
)
def test_decode_errors_are_one_line_naming_the_origin(data: bytes, message: str) -> None:
    with pytest.raises(DatasetError) as err:
        dataset.decode(data, "x.json")
    assert str(err.value) == message


def test_the_key_scan_names_duplicate_and_unknown_keys() -> None:
    cases = {
        _tiny_with('"id": "money",', '"id": "money", "id": "cash",'): "duplicate key 'id' in a JSON object",
        _tiny_with(
            '"label": "Money received",', '"label": "x", "label": "y",'
        ): "duplicate key 'label' in a JSON object",
        _tiny_with(
            '"id": "money",', '"id": "money", "b": 1, "a": 2,'
        ): "unknown field `a`, `b` in the object with id 'money'",
        _tiny_with('"a2": "GD",', '"a2": "GD", "z": 0,'): "unknown field `z` in the object with a2 'GD'",
        _tiny_with('"quote": "Granada"}', '"quote": "Granada", "page": 3}'): "unknown field `page`",
    }
    for data, message in cases.items():
        with pytest.raises(DatasetError) as err:
            dataset.decode(data, "k.json")
        assert str(err.value) == f"k.json: {message}"


# --------------------------------------------------------------------------- reading files


def _open_files() -> dict[int, tuple[int, int]]:
    """This process's open descriptors and what each refers to (the listing's own is closed
    by the time it is looked at, and left out)."""
    files = {}
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            st = os.fstat(int(name))
            files[int(name)] = (st.st_dev, st.st_ino)
    return files


def test_read_file_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def message(path: Path) -> str:
        with pytest.raises(DatasetError) as err:
            dataset.read_file(path)
        return str(err.value)

    assert message(tmp_path / "nope.json") == f"{tmp_path / 'nope.json'}: no such file"
    assert message(tmp_path) == f"{tmp_path}: is a directory, not a dataset file"
    assert message(Path("/dev/null")) == "/dev/null: not a regular file"
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert message(loop) == f"{loop}: cannot open (Too many levels of symbolic links)"
    assert message(Path("/proc/self/mem")) == "/proc/self/mem: cannot read (Input/output error)"
    path = _write(tmp_path, b"x" * 101)
    monkeypatch.setattr(dataset, "MAX_BYTES", 100)
    assert message(path) == f"{path}: too large (101 bytes; the limit is 100)"
    assert dataset.read_file(_write(tmp_path, b"y" * 100)) == b"y" * 100
    # a file whose size is not known before it is read (st_size 0)
    assert message(Path("/proc/self/maps")) == "/proc/self/maps: too large (the limit is 100 bytes)"

    def denied(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    assert message(path) == f"{path}: permission denied"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)

    def blocked(signum: int, frame: object) -> None:
        raise TimeoutError("read_file blocked opening a FIFO")

    signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    try:
        with pytest.raises(DatasetError) as err:
            dataset.read_file(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert str(err.value) == f"{fifo}: not a regular file"


def test_read_file_leaves_no_descriptor_open(tmp_path: Path) -> None:
    before = _open_files()
    for path in (tmp_path, Path("/dev/null"), TINY):
        with contextlib.suppress(DatasetError):
            dataset.read_file(path)
    assert _open_files() == before


# --------------------------------------------------------------------------- the forked key scan


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every decode scans its keys in a forked child; none may be left behind."""
    monkeypatch.setattr(dataset, "PARALLEL_OVER", 0)
    fds = _open_files()
    test_process, real_exit = os.getpid(), os._exit

    def child_exit(status: int) -> None:
        assert os.getpid() != test_process, "the key scan's child code ran in this process"
        real_exit(status)

    monkeypatch.setattr(os, "_exit", child_exit)
    yield
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    assert _open_files() == fds


@pytest.mark.usefixtures("forked")
def test_forked_scan_answers_like_the_sequential_one() -> None:
    assert dataset.decode(TINY.read_bytes())["metrics"][0]["id"] == "money"
    bad = _tiny_with('"id": "money",', '"id": "money", "año": 1, "año": 2,')
    with pytest.raises(DatasetError) as err:
        dataset.decode(bad, "f.json")
    assert str(err.value) == "f.json: duplicate key 'año' in a JSON object"
    with pytest.raises(DatasetError) as err:
        dataset.decode(b'{"schema_version": "1"}', "f.json")  # decoding fails first: the child is ended
    assert str(err.value) == "f.json: $.schema_version: Expected `int`, got `str`"


@pytest.mark.usefixtures("forked")
def test_a_long_message_comes_whole_through_the_pipe() -> None:
    key = "k" * 100_000  # more than a pipe holds: read in several chunks
    with pytest.raises(DatasetError) as err:
        dataset.decode(_tiny_with('"id": "money",', f'"id": "money", "{key}": 1,'), "f.json")
    assert str(err.value) == f"f.json: unknown field `{key}` in the object with id 'money'"


@pytest.mark.usefixtures("forked")
def test_a_scan_that_fails_in_the_child_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> str | None:
        raise RuntimeError("boom")

    monkeypatch.setattr(dataset, "_scan", broken)
    with pytest.raises(DatasetError) as err:
        dataset.decode(TINY.read_bytes(), "f.json")
    assert str(err.value) == "f.json: the key scan ended with status 2"


@pytest.mark.usefixtures("forked")
def test_an_interrupt_in_the_child_interrupts_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(data: bytes) -> str | None:
        os.kill(os.getpid(), signal.SIGINT)
        return None

    monkeypatch.setattr(dataset, "_scan", interrupted)
    with pytest.raises(KeyboardInterrupt):
        dataset.decode(TINY.read_bytes(), "f.json")


@pytest.mark.usefixtures("forked")
def test_without_a_pipe_the_scan_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pipe() -> tuple[int, int]:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_pipe)
    bad = _tiny_with('"id": "money",', '"id": "money", "id": "cash",')
    files = _open_files()  # compared here: pytest's capture restores stdout between phases
    with pytest.raises(DatasetError) as err:
        dataset.decode(bad, "p.json")
    assert str(err.value) == "p.json: duplicate key 'id' in a JSON object"
    assert _open_files() == files  # no descriptor closed that the scan did not open


@pytest.mark.usefixtures("forked")
def test_without_a_fork_the_pipe_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert dataset.decode(TINY.read_bytes())["metrics"][0]["id"] == "money"


def test_sigint_is_let_through_after_the_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset, "PARALLEL_OVER", 0)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    dataset.decode(TINY.read_bytes())
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == before
    assert signal.SIGINT not in before


# --------------------------------------------------------------------------- the key scan's own answers


def test_the_key_scan_answers_too_deep_itself() -> None:
    """The scan runs a few calls deeper than msgspec's decode: a document msgspec has just read
    may be too deep for it, and it says so rather than failing."""
    deep = b"[" * 100_000 + b"]" * 100_000
    assert dataset._scan(deep) == dataset.TOO_DEEP


def test_a_number_the_decoder_skips_is_no_reason_to_stop_the_key_scan() -> None:
    """msgspec skips an unknown field's value unread; the key scan reads numbers as text (it needs
    only the keys), so an integer over Python's digit limit (4300 by default) does not stop it,
    and the file's fault is named: the unknown field."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)
    try:
        data = _tiny_with('"id": "money",', f'"id": "money", "colour": {"1" * 5000},')
        with pytest.raises(DatasetError) as err:
            dataset.decode(data, "x.json")
        assert dataset._scan(b'{"a": ' + b"1" * 5000 + b"}") == "unknown field `a`"  # read to its end
    finally:
        sys.set_int_max_str_digits(limit)
    assert str(err.value) == "x.json: unknown field `colour` in the object with id 'money'"


def test_unknown_fields_are_those_beyond_the_largest_key_set_the_object_holds() -> None:
    """An object holds its record's keys (msgspec checked them); if it also holds all keys of a
    smaller record type, the fields beyond its own are still the unknown ones, whichever key set
    comes first."""
    orders = set()
    for i in range(40):
        small, large = frozenset({f"s{i}"}), frozenset({"id", "name"})
        key_sets = frozenset({small, large})
        orders.add(next(iter(key_sets)) == small)
        with pytest.raises(DatasetError) as err:
            dataset._KeyCheck(key_sets)([("id", "x"), ("name", "n"), (f"s{i}", 1), ("zz", 2)])
        assert str(err.value) == f"unknown field `s{i}`, `zz` in the object with id 'x'"
    assert orders == {True, False}  # both orders were met


@pytest.mark.usefixtures("forked")
def test_the_pipe_is_closed_when_it_is_descriptor_0() -> None:
    """With stdin closed (`medcoop ... <&-`) the pipe's read end is descriptor 0; it is closed
    all the same."""
    saved = os.dup(0)
    os.close(0)
    try:
        assert dataset.decode(TINY.read_bytes())["metrics"][0]["id"] == "money"
        with pytest.raises(OSError):
            os.fstat(0)  # the pipe got descriptor 0 (the lowest free) and was closed
    finally:
        os.dup2(saved, 0)
        os.close(saved)


# --------------------------------------------------------------------------- in the run's language


@pytest.fixture
def spanish() -> Iterator[None]:
    from medcoop import i18n

    i18n.use("es")
    assert i18n.language == "es", "no compiled Spanish catalog: install medcoop (pip install -e .)"
    try:
        yield
    finally:
        i18n.use("en")


@pytest.mark.usefixtures("spanish")
def test_the_decoder_messages_are_said_in_the_run_language() -> None:
    with pytest.raises(DatasetError) as err:
        dataset.decode(b'{"schema_version": "1"}', "x.json")
    assert str(err.value) == "x.json: $.schema_version: se esperaba `int`, se encontró `str`"
    with pytest.raises(DatasetError) as err:
        dataset.decode(b"{}", "x.json")
    assert str(err.value) == "x.json: $: al objeto le falta el campo obligatorio `schema_version`"


@pytest.mark.usefixtures("spanish")
def test_load_counts_the_other_problems_in_the_run_language(tmp_path: Path) -> None:
    two = full()
    two["events"][0]["organiser"] = "nobody"
    two["visitors"][0]["organisation"] = "nobody"
    path = _write(tmp_path, two)
    with pytest.raises(DatasetError) as err:
        dataset.load(path)
    assert str(err.value) == (
        f"{path}: $.events[0].organiser: organización desconocida 'nobody' (y 1 más; ejecute 'medcoop validate')"
    )


@pytest.mark.parametrize(
    ("value", "text", "printed"),
    [
        ("us", "business", False),  # inside a word
        ("us", "the us and", True),
        ("us", "us_a", False),  # '_' is a word character
        ("us", "bus us", True),  # the second occurrence is a word
        ("a a", "xa a a", True),  # the word starts where a first, rejected occurrence still runs
        ("é", "café é", True),  # accented letters are word characters
        ("(tif", "a(tif)", True),  # a value that begins with a sign may follow a letter
        ("tif)", "tif)s", True),  # and one that ends with a sign may be followed by one
        ("u.s.", "the u.s. dollars", True),
    ],
)
def test_a_printed_value_stands_as_whole_words(value: str, text: str, printed: bool) -> None:
    """No word character (letters, digits, '_') just before a value that begins with one, nor just
    after a value that ends with one."""
    assert validation._printed(value, ["other words", text]) is printed


def test_the_shipped_file_is_read_once_while_it_stays_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where medcoop reads data/medcoop.json (a checkout, an editable install), loads share one
    dataset, as those of an installed medcoop share the compiled one; an edit shows at the next load."""
    import json
    import shutil

    from medcoop import dataset

    copy = tmp_path / "medcoop.json"
    shutil.copy(dataset.default_path(), copy)
    monkeypatch.setattr(dataset, "default_path", lambda: copy)
    monkeypatch.setattr(dataset, "shipped", lambda: None)
    first = dataset.load()
    assert dataset.load() is first
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["report"]["publisher"] = "ACI Medellín (edited)"
    copy.write_text(json.dumps(data), encoding="utf-8")
    edited = dataset.load()
    assert edited is not first and edited["report"]["publisher"] == "ACI Medellín (edited)"
    assert dataset.load(copy) is not edited  # a file named explicitly (--data) is read each time
