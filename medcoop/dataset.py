"""Loading and validation of the medcoop dataset.

The dataset is one JSON file (``data/medcoop.json``) of plain records (``medcoop.records``).
A file given with --data is read safely, decoded and type-checked once (msgspec), checked
for duplicate and unknown keys, and validated. The shipped dataset, checked by the tests,
is compiled into the package when the wheel is built (``medcoop.snapshot``), so a query on
it loads a compiled module and needs neither msgspec nor json. Nothing here prints or knows
about the CLI.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import operator
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from medcoop.errors import DatasetError
from medcoop.i18n import N_, _, from_templates, ngettext

if TYPE_CHECKING:
    import re

    from medcoop.records import Dataset

MAX_BYTES = 256 * 1024 * 1024
"""Dataset files larger than this are refused before they are read."""

DATA_FILE = "medcoop.json"

# --------------------------------------------------------------------------- loading


def default_path() -> Path:
    """The dataset shipped with medcoop: inside the wheel, or ``data/`` of a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / DATA_FILE
    if packaged.is_file():
        return packaged
    return here.parent / "data" / DATA_FILE


def read_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DatasetError(_("{path}: no such file").format(path=path)) from None
    except PermissionError:
        raise DatasetError(_("{path}: permission denied").format(path=path)) from None
    except OSError as exc:
        raise DatasetError(_("{path}: cannot open ({reason})").format(path=path, reason=exc.strerror)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DatasetError(_("{path}: is a directory, not a dataset file").format(path=path))
        if not stat.S_ISREG(st.st_mode):
            raise DatasetError(_("{path}: not a regular file").format(path=path))
        if st.st_size > MAX_BYTES:
            raise DatasetError(
                _("{path}: too large ({size} bytes; the limit is {limit})").format(
                    path=path, size=st.st_size, limit=MAX_BYTES
                )
            )
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DatasetError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror)) from None
    if len(data) > MAX_BYTES:
        raise DatasetError(_("{path}: too large (the limit is {limit} bytes)").format(path=path, limit=MAX_BYTES))
    return data


_first = operator.itemgetter(0)


class _KeyCheck:
    """object_pairs_hook for the stdlib scan that follows msgspec's typed decode: msgspec takes
    the last of duplicate keys and drops keys it does not know, so this pass rejects both. It
    keeps no objects (msgspec builds the records).

    An object whose keys come in an order already checked passes at once: that order has no
    duplicate and is a known set. A dataset's records are written with a few orders of keys, the
    same for every record of a kind (16 in the shipped dataset), so that most objects cost a tuple
    and a look-up instead of a set, its hash and a comparison."""

    def __init__(self, key_sets: frozenset[frozenset[str]]) -> None:
        self.key_sets = key_sets
        self.passed: set[tuple[str, ...]] = set()

    def __call__(self, pairs: list[tuple[str, object]]) -> None:
        order = tuple(map(_first, pairs))
        if order in self.passed:
            return
        keys = frozenset(order)
        if len(keys) != len(pairs):
            seen: set[str] = set()
            for key, _value in pairs:
                if key in seen:
                    raise DatasetError(_("duplicate key {key} in a JSON object").format(key=repr(key)))
                seen.add(key)
        if keys not in self.key_sets:
            # msgspec has checked that every object has its record's keys: the rest are extra
            known = max((s for s in self.key_sets if s <= keys), key=len, default=frozenset())
            extra = ", ".join(f"`{k}`" for k in sorted(keys - known))
            where = next((f"{k} {v!r}" for k, v in pairs if k in ("id", "a2")), None)
            if where is None:
                raise DatasetError(_("unknown field {fields}").format(fields=extra))
            raise DatasetError(_("unknown field {fields} in the object with {key}").format(fields=extra, key=where))
        self.passed.add(order)


def _reject_constant(name: str) -> object:
    raise DatasetError(_("{name} is not a JSON number").format(name=name))


MSGSPEC_MESSAGES = (
    N_("Expected `{expected}`, got `{got}`"),
    N_("Object missing required field `{field}`"),
    N_("Object contains unknown field `{field}`"),
    N_("Expected `{kind}` >= {bound}"),
    N_("Expected `{kind}` <= {bound}"),
    N_("Expected `{kind}` of length >= {bound}"),
    N_("Expected `{kind}` matching regex {pattern}"),
    N_("Invalid enum value {value}"),
)
"""msgspec's messages for a file that does not fit the records' types, as it writes them."""


def _json_path(message: str) -> str:
    """msgspec says 'Expected `int`, got `str` - at `$.a[0]`'; lead with the path, and say the
    rest in this run's language."""
    text, sep, where = message.rpartition(" - at ")
    if sep:
        return f"{where.strip('`')}: {from_templates(text, MSGSPEC_MESSAGES)}"
    return f"$: {from_templates(message, MSGSPEC_MESSAGES)}"


PARALLEL_OVER = 8 * 1024 * 1024
"""A dataset file larger than this is scanned for duplicate and unknown keys in a forked
process while this one decodes it: the two passes over the file run at once on two cores."""


def decode(data: bytes, origin: str = "<data>") -> Dataset:
    """Decode and type-check dataset bytes; raises DatasetError with one line."""
    return _decoded(data, origin, _nothing)[0]


def decode_and_validate(
    data: bytes, origin: str = "<data>", *, lasting: bool = False, known_valid: bool = False
) -> tuple[Dataset, list[str]]:
    """decode(), and validate() the dataset: of a large file, while its keys are scanned in a
    forked process (the two take about as long, on two cores). A problem of the decoding (of
    the keys among them) raises DatasetError first, as decode() would, before any validation.

    lasting: the dataset lives as long as the process: its objects are frozen out of the
    collector's sight (gc.freeze) before collecting resumes, not walked by the first collection
    after it (all of them young: collecting pauses while they are made; 0.08 s at 1000 x the
    shipped size).

    known_valid: these very bytes passed every check before (medcoop.validated): only decoded
    and type-checked, their keys not scanned and nothing validated."""
    return _decoded(data, origin, validate, lasting=lasting, known_valid=known_valid)


def _nothing(_ds: Dataset) -> list[str]:
    return []


def _decoded(
    data: bytes, origin: str, then: Callable[[Dataset], list[str]], *, lasting: bool = False, known_valid: bool = False
) -> tuple[Dataset, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data or data.isspace():  # isspace stops at the first other byte; strip() copied the file
        raise DatasetError(_("{path}: empty file").format(path=origin))
    collecting = gc.isenabled()
    gc.disable()  # msgspec's advice for large decodes: the collector would walk every new dict
    try:
        decoded = _decode(data, origin, then, known_valid=known_valid)
        if lasting:
            gc.freeze()
        return decoded
    finally:
        if collecting:
            gc.enable()


def _decode(
    data: bytes, origin: str, then: Callable[[Dataset], list[str]], *, known_valid: bool = False
) -> tuple[Dataset, list[str]]:
    import msgspec

    from medcoop import records

    parallel = len(data) > PARALLEL_OVER and hasattr(os, "fork") and not known_valid
    scan = _ForkedScan(data) if parallel else None
    try:
        if scan is not None:
            scan.start()
        try:
            dataset = msgspec.json.decode(data, type=records.Dataset)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            _require_utf8(data, origin)  # the clearer message when the bytes are the problem
            if isinstance(exc, msgspec.ValidationError):
                raise DatasetError(f"{origin}: {_json_path(str(exc))}") from None
            raise DatasetError(_("{path}: not valid JSON ({reason})").format(path=origin, reason=exc)) from None
        except RecursionError:
            raise DatasetError(f"{origin}: {_(TOO_DEEP)}") from None
        # decoded, so valid JSON (valid UTF-8 but for unknown fields' values); now what msgspec does not see
        if known_valid:
            return dataset, []
        if scan is None or not scan.started:
            problem = _scan(data)
            if problem is not None:
                raise DatasetError(f"{origin}: {problem}")
            return dataset, then(dataset)
        try:
            found = then(dataset)  # here, while the child scans the keys
        except Exception:
            problem = scan.result()  # the keys' problem, as without validation, comes first
            if problem is not None:
                raise DatasetError(f"{origin}: {problem}") from None
            raise
        problem = scan.result()
    finally:
        if scan is not None:
            scan.stop()
    if problem is not None:
        raise DatasetError(f"{origin}: {problem}")
    return dataset, found


TOO_DEEP = N_("too deeply nested (arrays and objects within each other beyond what medcoop reads)")


def _require_utf8(data: bytes, origin: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{origin}: {_not_utf8(exc)}") from None


def _not_utf8(exc: UnicodeDecodeError) -> str:
    return _("not UTF-8 (invalid byte at offset {offset})").format(offset=exc.start)


_SUSPECTS = (b"\\", b"\x7f", b"\xc2", b"\xef", b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")
"""The bytes that begin every way a refused character can be written in JSON: an escape, DEL,
and the first bytes of the UTF-8 of C1 controls and of non-characters. A file without any of
them (the shipped dataset) is known clean after a few quick scans."""
_RAW_REFUSED = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"
)
"""DEL, a C1 control (U+0080..U+009F), or a non-character (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF), in UTF-8."""
_ESCAPED_REFUSED = re.compile(
    rb"\\(?:[bfr]|u(?:00(?:0[0-8b-fB-F]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|[fF][dD][dDeE][0-9a-fA-F]|[fF]{3}[eEfF]"
    rb"|[dD][89abAB][37bBfF][fF]\\u[dD][fF][fF][eEfF]))"
)
"""The same (and the C0 controls but tab and newline) as a JSON escape: \\b, \\u001b, \\uffff."""
REFUSED_TEXT = N_(
    "{char} at offset {offset}: a dataset's text may not hold control characters (but newline and tab) "
    "or Unicode non-characters"
)


def _refused_character(data: bytes) -> str | None:
    """The first character a dataset's text may not hold, as a message; None if none.

    Control characters would reach a terminal as commands (a CSV cell setting the window's
    title or clearing the screen); non-characters make an SVG picture or an HTML page
    malformed. Both are refused when the file is read, so no output ever carries them."""
    if not any(suspect in data for suspect in _SUSPECTS):
        return None
    import json

    found: list[tuple[int, int]] = []  # (offset, code point)
    raw = _RAW_REFUSED.search(data)
    if raw is not None:
        found.append((raw.start(), ord(raw.group().decode("utf-8"))))
    for match in _ESCAPED_REFUSED.finditer(data):
        start = match.start()
        before = start
        while before > 0 and data[before - 1] == 0x5C:  # the backslashes just before it
            before -= 1
        if (start - before) % 2:  # the backslash is itself escaped (\\\\u001b is text)
            continue
        found.append((start, ord(json.loads(b'"' + match.group() + b'"'))))
        break
    if not found:
        return None
    offset, code = min(found)
    return _(REFUSED_TEXT).format(char=f"U+{code:04X}", offset=offset)


def _scan(data: bytes) -> str | None:
    """The first duplicate or unknown key of a decoded document, or character its text may not
    hold, as a message; None if none."""
    import json

    from medcoop import records

    refused = _refused_character(data)
    if refused is not None:
        return refused
    try:
        # msgspec skips an unknown field's value unread: its bytes may not be UTF-8, and its
        # integers longer than Python's digit limit for int (only keys matter here: they stay text).
        json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_KeyCheck(records.KEY_SETS),
            parse_int=str,
            parse_constant=_reject_constant,
        )
    except UnicodeDecodeError as exc:
        return _not_utf8(exc)
    except DatasetError as exc:
        return str(exc)
    except RecursionError:  # the scan runs a few calls deeper than msgspec's decode
        return _(TOO_DEEP)
    return None


class _ForkedScan:
    """_scan() in a forked child, which reports through a pipe while this process decodes.

    Ctrl-C: SIGINT is blocked from before the fork until the child's id is recorded, so that
    stop() (in the caller's finally) always knows what to end; the child dies of SIGINT at once
    (its default action) and never runs this process's code; stop() kills and reaps it with
    SIGINT blocked, closes the pipe once, and lets the interrupt through afterwards."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pid = 0
        self._read = -1
        self._reaped = True

    @property
    def started(self) -> bool:
        return self._pid > 0

    def start(self) -> None:
        """Start the scan in a child; when no process can be spared (pipe or fork failing)
        started stays False and the caller scans after decoding, as without fork."""
        with _sigint_blocked():
            try:
                self._read, write = os.pipe()
            except OSError:
                return
            try:
                pid = os.fork()
            except OSError:
                os.close(write)
                return
            if pid == 0:
                self._child(write)
            self._pid, self._reaped = pid, False
            os.close(write)

    def _child(self, write: int) -> NoReturn:
        """The child: scan, report, and end without any of the parent's cleanup."""
        import signal

        status = 2
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            os.close(self._read)
            problem = _scan(self._data)
            if problem is not None:
                data = problem.encode("utf-8", "backslashreplace")
                while data:
                    data = data[os.write(write, data) :]
            status = 0 if problem is None else 1
        finally:
            os._exit(status)

    def result(self) -> str | None:
        chunks = []
        while chunk := os.read(self._read, 65536):
            chunks.append(chunk)
        with _sigint_blocked():
            _pid, status = os.waitpid(self._pid, 0)
            self._reaped = True
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            return None
        import signal

        if code == -signal.SIGINT:  # Ctrl-C reached the child first
            raise KeyboardInterrupt
        message = b"".join(chunks).decode("utf-8", "replace")
        return message if code == 1 and message else _("the key scan ended with status {code}").format(code=code)

    def stop(self) -> None:
        """End and reap the child if result() has not (this process is failing early), and
        close the pipe."""
        import signal

        with _sigint_blocked():
            if self._pid > 0 and not self._reaped:  # never signal process 0, this process's group
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self._pid, 0)
                self._reaped = True
            if self._read >= 0:
                fd, self._read = self._read, -1
                os.close(fd)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back (delivered when the block ends) where an interrupt would leave a
    child process or a descriptor behind."""
    import signal

    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def shipped() -> Dataset | None:
    """The shipped dataset as compiled into the installed package, or None in a checkout or
    an editable install, which read the JSON file (so that an edit to it shows at once)."""
    try:
        __import__("medcoop._shipped")  # an import statement's path, which -X importtime reports
    except ModuleNotFoundError as exc:
        if exc.name != "medcoop._shipped":
            raise
        return None
    return cast("Dataset", sys.modules["medcoop._shipped"].DATASET)


def load(path: Path | None = None) -> Dataset:
    """The dataset at path, read, decoded and validated; by default the shipped one."""
    from medcoop import translations

    if path is None:
        compiled = shipped()
        if compiled is not None:
            translations.attach(compiled, translations.shipped)
            return compiled
        return _shipped_file(default_path())
    return _load_file(path)


_FROM_FILE: dict[tuple[str, int, int], Dataset] = {}


def _shipped_file(path: Path) -> Dataset:
    """The shipped dataset read from data/medcoop.json (a checkout, an editable install): read
    and validated once per process while the file stays as it is (its size and time), and shared
    by every load, as the compiled one of an installed medcoop is; an edit shows at the next load."""
    try:
        status = os.stat(path)
    except OSError:
        return _load_file(path)  # read_file names the problem
    key = (str(path), status.st_mtime_ns, status.st_size)
    if key not in _FROM_FILE:
        loaded = _load_file(path)
        _FROM_FILE.clear()
        _FROM_FILE[key] = loaded
    return _FROM_FILE[key]


def _load_file(path: Path) -> Dataset:
    from medcoop import translations, validated

    data = read_file(path)
    entry = validated.entry(data)  # a large file's checks are remembered by its content
    known = entry is not None and validated.known(entry)
    # it lives as long as the process: later collections need not walk its records
    dataset, problems = decode_and_validate(data, str(path), lasting=True, known_valid=known)
    if entry is not None and not known and not problems:
        validated.remember(entry)
    if problems:
        if len(problems) == 1:
            raise DatasetError(f"{path}: {problems[0]}")
        more = ngettext(
            "{path}: {problem} (and {count} more; run 'medcoop validate')",
            "{path}: {problem} (and {count} more; run 'medcoop validate')",
            len(problems) - 1,
        )
        raise DatasetError(more.format(path=path, problem=problems[0], count=len(problems) - 1))
    translations.attach(dataset, functools.partial(translations.checked, dataset, path))
    return dataset


# --------------------------------------------------------------------------- validation


def validate(ds: Dataset) -> list[str]:
    """Every problem of a decoded dataset, one line each, led by its JSON path (medcoop.validation)."""
    from medcoop.validation import problems

    return problems(ds)
