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
from typing import TYPE_CHECKING, Any, NoReturn, cast

from medcoop.errors import DatasetError
from medcoop.i18n import N_, _, from_templates, ngettext

if TYPE_CHECKING:
    import re

    from medcoop.provenance import FieldClass
    from medcoop.records import Dataset, Source

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


def decode_and_validate(data: bytes, origin: str = "<data>") -> tuple[Dataset, list[str]]:
    """decode(), and validate() the dataset: of a large file, while its keys are scanned in a
    forked process (the two take about as long, on two cores). A problem of the decoding (of
    the keys among them) raises DatasetError first, as decode() would, before any validation."""
    return _decoded(data, origin, validate)


def _nothing(_ds: Dataset) -> list[str]:
    return []


def _decoded(data: bytes, origin: str, then: Callable[[Dataset], list[str]]) -> tuple[Dataset, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data or data.isspace():  # isspace stops at the first other byte; strip() copied the file
        raise DatasetError(_("{path}: empty file").format(path=origin))
    collecting = gc.isenabled()
    gc.disable()  # msgspec's advice for large decodes: the collector would walk every new dict
    try:
        return _decode(data, origin, then)
    finally:
        if collecting:
            gc.enable()


def _decode(data: bytes, origin: str, then: Callable[[Dataset], list[str]]) -> tuple[Dataset, list[str]]:
    import msgspec

    from medcoop import records

    scan = _ForkedScan(data) if len(data) > PARALLEL_OVER and hasattr(os, "fork") else None
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
        path = default_path()
    dataset, problems = decode_and_validate(read_file(path), str(path))
    gc.freeze()  # it lives as long as the process: later collections need not walk its records
    if problems:
        if len(problems) == 1:
            raise DatasetError(f"{path}: {problems[0]}")
        more = ngettext(
            "{path}: {problem} (and {count} more; run 'medcoop validate')",
            "{path}: {problem} (and {count} more; run 'medcoop validate')",
            len(problems) - 1,
        )
        raise DatasetError(more.format(path=path, problem=problems[0], count=len(problems) - 1))
    translations.attach(dataset, functools.partial(translations.read, path))
    return dataset


# --------------------------------------------------------------------------- validation


def validate(ds: Dataset) -> list[str]:
    """Every problem of a decoded dataset, one line each, led by its JSON path."""
    return list(_problems(ds))


def _unique(items: list[str], path: str, what: str) -> Iterator[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            yield _("{path}: duplicate {what} {item}").format(path=f"{path}[{i}]", what=_(what), item=repr(item))
        seen.add(item)


def _outside(path: str, year: int, lo: int, hi: int) -> str:
    return _("{path}: {year} is outside the report period {start}-{end}").format(path=path, year=year, start=lo, end=hi)


def _problems(ds: Dataset) -> Iterator[str]:  # noqa: C901 - a flat list of checks
    rep = ds["report"]
    lo, hi = rep["period_start"], rep["period_end"]
    if lo > hi:
        yield _("{path}: period_start {start} is after period_end {end}").format(path="$.report", start=lo, end=hi)
    sections = {s["id"] for s in rep["sections"]}
    yield from _unique([s["id"] for s in rep["sections"]], "$.report.sections", N_("section id"))
    for i, s in enumerate(rep["sections"]):
        if s["year"] is not None and not lo <= s["year"] <= hi:
            yield _outside(f"$.report.sections[{i}].year", s["year"], lo, hi)

    countries = {c["a2"] for c in ds["countries"]}
    orgs = {o["id"] for o in ds["organisations"]}
    yield from _unique([c["a2"] for c in ds["countries"]], "$.countries", N_("country code"))
    yield from _unique([c["a3"] for c in ds["countries"]], "$.countries", N_("country code"))
    collections: dict[str, list[str]] = {
        "metrics": [r["id"] for r in ds["metrics"]],
        "topic_lists": [r["id"] for r in ds["topic_lists"]],
        "organisations": [r["id"] for r in ds["organisations"]],
        "actions": [r["id"] for r in ds["actions"]],
        "country_roles": [r["id"] for r in ds["country_roles"]],
        "events": [r["id"] for r in ds["events"]],
        "awards": [r["id"] for r in ds["awards"]],
        "tallies": [r["id"] for r in ds["tallies"]],
        "visitors": [r["id"] for r in ds["visitors"]],
        "programmes": [r["id"] for r in ds["programmes"]],
    }
    for name, ids in collections.items():
        yield from _unique(ids, f"$.{name}", N_("id"))
    any_ref = countries | {i for ids in collections.values() for i in ids}

    def country(code: str | None, path: str) -> Iterator[str]:
        if code is not None and code not in countries:
            yield _("{path}: unknown country code {code}").format(path=path, code=repr(code))

    def org(ref: str | None, path: str) -> Iterator[str]:
        if ref is not None and ref not in orgs:
            yield _("{path}: unknown organisation {ref}").format(path=path, ref=repr(ref))

    def year(value: int, path: str) -> Iterator[str]:
        if not lo <= value <= hi:
            yield _outside(path, value, lo, hi)

    def period(start: int, end: int, path: str) -> Iterator[str]:
        yield from year(start, f"{path}.period_start")
        yield from year(end, f"{path}.period_end")
        if start > end:
            yield _("{path}: period_start {start} is after period_end {end}").format(path=path, start=start, end=end)

    def source(src: Source, path: str) -> Iterator[str]:
        if src["section"] not in sections:
            yield _("{path}: unknown section {section}").format(
                path=f"{path}.source.section", section=repr(src["section"])
            )
        if not src["quote"].strip():
            yield _("{path}: empty").format(path=f"{path}.source.quote")

    for i, c in enumerate(ds["countries"]):
        yield from source(c["source"], f"$.countries[{i}]")
    for i, o in enumerate(ds["organisations"]):
        p = f"$.organisations[{i}]"
        yield from country(o["country"], f"{p}.country")
        yield from source(o["source"], p)
    for i, m in enumerate(ds["metrics"]):
        p = f"$.metrics[{i}]"
        yield from period(m["period_start"], m["period_end"], p)
        yield from country(m["country"], f"{p}.country")
        yield from source(m["source"], p)
    for i, topics in enumerate(ds["topic_lists"]):
        p = f"$.topic_lists[{i}]"
        yield from period(topics["period_start"], topics["period_end"], p)
        yield from source(topics["source"], p)
    for i, a in enumerate(ds["actions"]):
        p = f"$.actions[{i}]"
        yield from year(a["year"], f"{p}.year")
        for j, code in enumerate(a["countries"]):
            yield from country(code, f"{p}.countries[{j}]")
        for j, ref in enumerate(a["partners"]):
            yield from org(ref, f"{p}.partners[{j}]")
        for j, ref in enumerate(a["beneficiaries"]):
            yield from org(ref, f"{p}.beneficiaries[{j}]")
        yield from source(a["source"], p)
    for i, r in enumerate(ds["country_roles"]):
        p = f"$.country_roles[{i}]"
        yield from country(r["country"], f"{p}.country")
        yield from period(r["period_start"], r["period_end"], p)
        yield from source(r["source"], p)
    for i, e in enumerate(ds["events"]):
        p = f"$.events[{i}]"
        yield from year(e["year"], f"{p}.year")
        yield from country(e["country"], f"{p}.country")
        yield from org(e["organiser"], f"{p}.organiser")
        yield from source(e["source"], p)
    for i, w in enumerate(ds["awards"]):
        p = f"$.awards[{i}]"
        yield from year(w["year"], f"{p}.year")
        yield from org(w["awarding_body"], f"{p}.awarding_body")
        yield from org(w["recipient_org"], f"{p}.recipient_org")
        yield from source(w["source"], p)
    for i, t in enumerate(ds["tallies"]):
        p = f"$.tallies[{i}]"
        yield from period(t["period_start"], t["period_end"], p)
        if len(t["named"]) > t["count"]:
            yield _("{path}: {named} items named, above the count {count}").format(
                path=f"{p}.named", named=len(t["named"]), count=t["count"]
            )
        if t["complete"] and len(t["named"]) != t["count"]:
            yield _("{path}: marked complete with {named} of {count} items named").format(
                path=f"{p}.complete", named=len(t["named"]), count=t["count"]
            )
        if len(t["named_refs"]) > len(t["named"]):
            yield _("{path}: more references ({refs}) than named items ({named})").format(
                path=f"{p}.named_refs", refs=len(t["named_refs"]), named=len(t["named"])
            )
        for j, ref in enumerate(t["named_refs"]):
            if ref not in any_ref:
                yield _("{path}: unknown reference {ref}").format(path=f"{p}.named_refs[{j}]", ref=repr(ref))
        yield from source(t["source"], p)
    for i, v in enumerate(ds["visitors"]):
        p = f"$.visitors[{i}]"
        yield from year(v["year"], f"{p}.year")
        yield from country(v["country"], f"{p}.country")
        yield from org(v["organisation"], f"{p}.organisation")
        yield from source(v["source"], p)
    actions = set(collections["actions"])
    awards = set(collections["awards"])
    for i, g in enumerate(ds["programmes"]):
        p = f"$.programmes[{i}]"
        if g["since"] is not None and g["since"] > hi:
            yield _("{path}: {year} is after the report period {start}-{end}").format(
                path=f"{p}.since", year=g["since"], start=lo, end=hi
            )
        for ref in (r for r in g["actions"] if r not in actions):
            yield _("{path}: unknown action {ref}").format(path=f"{p}.actions", ref=repr(ref))
        for ref in (r for r in g["awards"] if r not in awards):
            yield _("{path}: unknown award {ref}").format(path=f"{p}.awards", ref=repr(ref))
        yield from source(g["source"], p)
    for i, ms in enumerate(ds["milestones"]):
        p = f"$.milestones[{i}]"
        yield from year(ms["year"], f"{p}.year")
        yield from org(ms["organisation"], f"{p}.organisation")
        yield from source(ms["source"], p)
    yield from _list_items(ds)
    yield from _bases(ds)
    yield from _numbers(ds)
    yield from _years(ds)
    yield from _money_once(ds)


LIST_SEPARATOR = "; "
"""How CSV and TSV join a list cell: no list item may hold it."""


def _list_items(ds: Dataset) -> Iterator[str]:
    """A list holds items (names, codes, topics), never a note: no item holds the separator
    CSV joins them with, none is a sentence (several words and a full stop), none is over 120
    characters."""
    for name, records in ds.items():
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            for key, value in record.items():
                if not isinstance(value, list):
                    continue
                for j, item in enumerate(value):
                    sentence = item.endswith(".") and len(item.split()) > 2
                    if LIST_SEPARATOR in item or sentence or len(item) > 120:
                        yield _("{path}: free text in a list ({item}); notes go in a note field").format(
                            path=f"$.{name}[{i}].{key}[{j}]", item=repr(item[:40])
                        )


def _bases(ds: Dataset) -> Iterator[str]:
    """Every text value is what its field declares (``medcoop.provenance``): a printed value
    stands in its record's quote (or passage), a passage holds its quote, a spelling stands in
    some quote, and a field printed only sometimes has a basis for each value, which says
    `printed` only when the quote prints it. Compared as ``provenance.normalise`` does.

    Only the fields of those four kinds are read (ids, references and the editors' words have
    nothing to check here), and a value's JSON path is written only for a problem."""
    from medcoop.provenance import FIELDS, normalise

    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    every_quote = ["\n".join(normalise(r["source"]["quote"]) for name in FIELDS for r in tables[name])]
    country_names = {
        c["a2"]: [normalise(n) for n in (c["name_en"], *c["printed_as"], *c["aliases"])] for c in ds["countries"]
    }
    for name, fields in FIELDS.items():
        yield from _table_bases(name, tables[name], fields, every_quote, country_names)


def _table_bases(
    name: str,
    records: list[dict[str, Any]],
    fields: dict[str, FieldClass],
    every_quote: list[str],
    country_names: dict[str, list[str]],
) -> Iterator[str]:
    """_bases of the records of one collection."""
    from medcoop.provenance import IN_REPORT, PASSAGE, PER_VALUE, PRINTED, normalise

    passages = [f for f, kind in fields.items() if kind == PASSAGE]
    checked = [(f, kind) for f, kind in fields.items() if kind in (PRINTED, IN_REPORT, PASSAGE, PER_VALUE)]
    for i, record in enumerate(records if checked else ()):
        quote = normalise(record["source"]["quote"])
        texts = [quote, *(normalise(str(record[f])) for f in passages if record[f])] if passages else [quote]
        for field, kind in checked:
            items = _strings(record[field])
            if kind == PRINTED:
                for item in items:
                    if not _printed(normalise(item), texts):
                        yield _("{path}: {item} is not in the record's quote; print it as the report does").format(
                            path=f"$.{name}[{i}].{field}", item=repr(item)
                        )
            elif kind == IN_REPORT:
                for item in items:
                    if not _printed(normalise(item), every_quote):
                        yield _("{path}: {item} is in no quote of the dataset").format(
                            path=f"$.{name}[{i}].{field}", item=repr(item)
                        )
            elif kind == PASSAGE:
                if items and not _holds(normalise(items[0]), quote):
                    yield _("{path}: does not hold the record's quote").format(path=f"$.{name}[{i}].{field}")
            else:  # PER_VALUE
                one = items[0] if items else None
                names = country_names.get(one or "", []) if field == "country" else [normalise(one or "")]
                yield from _basis(f"$.{name}[{i}].{field}", one, record[f"{field}_basis"], texts, names)


def _strings(value: object) -> tuple[str, ...] | list[str]:
    """The text items of a field's value: itself if it is text, its texts if it is a list."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return ()


def _printed(value: str, texts: list[str]) -> bool:
    """Whether one of the texts holds the (normalised) value as whole words ('US' is not in
    'business'): no word character (as regular expressions' \\w: a letter, a digit or '_') just
    before it when it begins with one, nor just after it when it ends with one. Found with
    str.find, not a regular expression per value: a dataset's load checks a few hundred values."""
    starts_a_word, ends_a_word = value[:1].isalnum(), value[-1:].isalnum()
    for text in texts:
        at = text.find(value)
        while at != -1:
            end = at + len(value)
            if (not starts_a_word or at == 0 or not _word_character(text[at - 1])) and (
                not ends_a_word or end == len(text) or not _word_character(text[end])
            ):
                return True
            at = text.find(value, at + 1)  # the next one may overlap this one
    return False


def _word_character(char: str) -> bool:
    """What regular expressions' \\w matches: str.isalnum() (letters and digits of any script) or '_'."""
    return char.isalnum() or char == "_"


def _holds(passage: str, quote: str) -> bool:
    """A passage holds its quote, or the quote after its leading 'Heading: '."""
    return quote in passage or quote.partition(": ")[2] in passage


def _basis(path: str, value: str | None, basis: object, texts: list[str], names: list[str]) -> Iterator[str]:
    """A value printed only sometimes: its basis is given, and `printed` only when the texts
    print one of its names (the value itself; for a country code, the country's names)."""
    where = f"{path}_basis"
    if value is None:
        if basis is not None:
            yield _("{path}: a basis for no value").format(path=where)
        return
    printed = any(_printed(n, texts) for n in names)
    if basis is None or (basis == "printed" and not printed):
        if printed:
            message = _(
                "{path}: the quote prints {value}; give its basis (printed, public record, editorial or derived)"
            )
        else:
            message = _(
                "{path}: the quote does not print {value}; "
                "give its basis (printed, public record, editorial or derived)"
            )
        yield message.format(path=where, value=value)


def _numbers(ds: Dataset) -> Iterator[str]:
    """Every amount and count is printed in its record's quote (``provenance.NUMBERS``, in the
    forms ``provenance.numbers_in`` reads): an amount in U.S. dollars with its currency, after
    the record's qualifier if it has one ("more than 900"). A record that restates another's
    amount is checked against that record (``_money_once``)."""
    from medcoop.provenance import NUMBERS, PRINTED, normalise, prints_number

    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    for name, fields in NUMBERS.items():
        printed = [f for f, kind in fields.items() if kind == PRINTED]
        for i, record in enumerate(tables[name]):
            if record.get("restates") or all(record[f] is None for f in printed):
                continue  # (the quote is normalised only for a number to look for)
            quote = normalise(record["source"]["quote"])
            qualifier = normalise(record["qualifier"]) if record.get("qualifier") else None
            for field in printed:
                value = record[field]
                if value is None:
                    continue
                usd = field == "amount_usd" or record.get("unit") == "USD"
                if not prints_number(quote, value, usd=usd, qualifier=qualifier):
                    shown = f"{record['qualifier']} {value}" if qualifier else str(value)
                    message = (
                        _("{path}: USD {value} is not in the record's quote; an amount must be printed there, "
                          "with its currency (USD 12.5 million, 12.5 million U.S. dollars)")
                        if usd
                        else _("{path}: {value} is not in the record's quote; a count must be printed there "
                               "(1,500, eight, more than 900)")
                    )  # fmt: skip
                    yield message.format(path=f"$.{name}[{i}].{field}", value=shown)


def _years(ds: Dataset) -> Iterator[str]:
    """Every year stands where its record's year_basis says (``provenance.YEAR_FIELDS``):
    printed in the quote (stated), the year of the record's section (section), or the report's
    period, with no year of its own (report period, not stated)."""
    from medcoop.provenance import FIELDS, YEAR_FIELDS, normalise, prints_year

    rep = ds["report"]
    section_years = {s["id"]: s["year"] for s in rep["sections"]}
    tables = cast("dict[str, list[dict[str, Any]]]", ds)
    span = {"period_start": rep["period_start"], "period_end": rep["period_end"]}
    for name in FIELDS:
        for i, record in enumerate(tables[name]):
            basis = record.get("year_basis")
            if basis not in ("stated", "section", "report period", "not stated"):
                continue  # (public record, or none: nothing to check)
            years = [(f, record[f]) for f in YEAR_FIELDS if record.get(f) is not None]
            p = f"$.{name}[{i}]" if years else ""
            if basis == "stated":
                quote = normalise(record["source"]["quote"])
                for field, year in years:
                    if not prints_year(quote, year):
                        message = _("{path}: {year} is not printed in the record's quote (its year_basis is stated)")
                        yield message.format(path=f"{p}.{field}", year=year)
            elif basis == "section":
                section = record["source"]["section"]
                expected = section_years.get(section)
                for field, year in years:
                    if year != expected:
                        yield _(
                            "{path}: {year} is not the year of its section {section} ({expected}), "
                            "and its year_basis is section"
                        ).format(path=f"{p}.{field}", year=year, section=repr(section), expected=expected or "-")
            else:  # report period, not stated
                for field, year in years:
                    if span.get(field) != year:
                        yield _(
                            "{path}: {year} with year_basis {basis}: the record spans the report period {start}-{end}"
                        ).format(
                            path=f"{p}.{field}", year=year, basis=basis, start=span["period_start"],
                            end=span["period_end"],
                        )  # fmt: skip


def _money_once(ds: Dataset) -> Iterator[str]:
    """No amount counted twice: an amount in USD stated by two records of the same country
    and overlapping years must be linked, the one restating the other (metrics.restates);
    a restatement names an action with that very amount."""
    amounts = {a["id"]: a["amount_usd"] for a in ds["actions"]}
    for i, m in enumerate(ds["metrics"]):
        ref = m["restates"]
        if ref is None:
            continue
        if ref not in amounts:
            yield _("{path}: unknown action {ref}").format(path=f"$.metrics[{i}].restates", ref=repr(ref))
        elif m["unit"] != "USD" or amounts[ref] != m["value"]:
            yield _("{path}: {ref} states {amount} USD, not {value} {unit}").format(
                path=f"$.metrics[{i}].restates", ref=repr(ref), amount=amounts[ref], value=m["value"], unit=m["unit"]
            )
    restated = {m["restates"] for m in ds["metrics"] if m["restates"]}
    for i, m in enumerate(ds["metrics"]):
        if m["unit"] != "USD" or m["restates"] is not None or m["country"] is None:
            continue
        for a in ds["actions"]:
            same = a["amount_usd"] == m["value"] and m["country"] in a["countries"]
            if same and m["period_start"] <= a["year"] <= m["period_end"] and a["id"] not in restated:
                yield _("{path}: {value} USD is also stated by action {ref}; set restates").format(
                    path=f"$.metrics[{i}]", value=m["value"], ref=repr(a["id"])
                )
