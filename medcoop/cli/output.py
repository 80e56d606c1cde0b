"""Output plumbing: what stdout is, writing every byte of it (pipes, full disks, closed readers), the pager, emit()."""

import contextlib
import errno
import io
import os
import select
import shutil
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from medcoop import i18n
from medcoop.errors import PipeClosed, UsageError, WriteError
from medcoop.formats import Format
from medcoop.i18n import _

if TYPE_CHECKING:
    from medcoop.cells import Terminal
    from medcoop.view import View

from medcoop.cli.registry import LISTINGS

# --------------------------------------------------------------------------- output


def terminal(no_color: bool) -> "Terminal":
    """What stdout is: a terminal to fit, or a pipe or file that gets every cell whole.
    Colour: --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then whether it is a terminal."""
    from medcoop.cells import Terminal

    env = os.environ
    is_tty = sys.stdout.isatty()
    if no_color or env.get("NO_COLOR"):
        color = False
    elif env.get("FORCE_COLOR"):
        color = True
    elif env.get("TERM") == "dumb":
        color = False
    else:
        color = is_tty
    size = shutil.get_terminal_size()
    width, height = (size.columns, size.lines) if is_tty else (80, 24)
    return Terminal(is_tty=is_tty, width=width, height=height, color=color, encoding=sys.stdout.encoding or "utf-8")


class _Stdout(io.TextIOBase):
    """What sys.stdout is while a command runs, so that Click's and Rich's output (help, usage,
    completion) goes through write_stdout like a command's own: every byte written or an error."""

    def __init__(self, real: TextIO | None) -> None:
        super().__init__()
        self.real = real

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.real, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return self.real is not None and self.real.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.real is None:
            raise OSError(errno.EBADF, "stdout is closed")
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        _write_out(self.real, text.encode(self.encoding, errors="backslashreplace"))
        return len(text)


def _stdout() -> TextIO | None:
    """The real standard output (not the _Stdout standing in for it while a command runs)."""
    stream = sys.stdout
    return stream.real if isinstance(stream, _Stdout) else stream


def write_all(stream: IO[Any] | None, data: bytes) -> None:
    """Write every byte of data to a stream. A stream over a descriptor (the real stdout and
    stderr) is flushed, then written to through its descriptor, looping over short writes and
    waiting while a non-blocking one is full, buffered (the default) or raw (PYTHONUNBUFFERED=1)
    alike; any other stream (a test's capture) through its binary buffer. Raises OSError
    (ValueError if the stream is closed)."""
    if stream is None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    buffer = getattr(stream, "buffer", stream)
    fd = _descriptor_of(buffer)
    if fd is not None:
        from medcoop.files import write_fd

        _flush(stream)
        if buffer is not stream:
            _flush(buffer)
        write_fd(fd, data)
        return
    stream.flush()
    if buffer is stream and not isinstance(stream, (io.BufferedIOBase, io.RawIOBase)):
        stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8"))
    else:
        buffer.write(data)  # a buffered writer in memory writes everything or raises
    buffer.flush()


def _descriptor_of(buffer: Any) -> int | None:
    """The descriptor under a real file's buffer; None for anything else."""
    if not isinstance(buffer, (io.BufferedWriter, io.BufferedRandom, io.FileIO)):
        return None
    try:
        return int(buffer.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


def _flush(stream: Any) -> None:
    """Flush what a stream holds, waiting while its non-blocking descriptor is full."""
    while True:
        try:
            stream.flush()
            return
        except BlockingIOError:
            select.select([], [stream], [])


def _write_out(stream: IO[Any] | None, data: bytes) -> None:
    try:
        write_all(stream, data)
    except BrokenPipeError:
        # Point stdout at /dev/null so that the interpreter's final flush stays quiet.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
        raise PipeClosed("") from None
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else _("it is closed")
        raise WriteError(_("cannot write the output to stdout ({reason})").format(reason=why)) from None


def write_stdout(text: str, encoding: str = "utf-8") -> None:
    """Write text to stdout, all of it: PipeClosed when the reader has gone (exit 141),
    WriteError naming the reason on any other failure (exit 1)."""
    _write_out(_stdout(), text.encode(encoding, errors="backslashreplace"))


def say(message: str) -> None:
    """One line on stderr, controls escaped, long arguments shortened; dropped when stderr
    cannot take it (closed, full), never an error of its own."""
    from medcoop.cells import brief, visible

    line = f"medcoop: {brief(visible(message, one_line=True))}\n"
    stream = sys.stderr
    with contextlib.suppress(OSError, ValueError):
        write_all(stream, line.encode(getattr(stream, "encoding", None) or "utf-8", errors="backslashreplace"))


def _check_excel(fmt: Format, excel: bool) -> None:
    if excel and fmt not in (Format.csv, Format.tsv):
        raise UsageError(_("--excel goes with --format csv or tsv"))


def _write_workbook(view: "View", sheet: str, output: str | Path | None) -> None:
    """--format xlsx: the rows as a one-sheet Excel workbook (typed cells, never a formula)."""
    if output is None:
        raise UsageError(_("--format xlsx writes an Excel workbook: give the file with -o FILE.xlsx"))
    from medcoop.files import atomic_write
    from medcoop.xlsx import listing as workbook

    atomic_write(output, workbook(view.table, sheet))


def refuse_same_output(svg: str | Path | None, output: str | Path | None) -> None:
    """UsageError (exit 2), before anything is drawn or written, when --svg and -o name one
    file (the same name, or a link to it): the second would replace the first."""
    if svg is None or output is None:
        return
    from medcoop.files import refuse_same

    refuse_same(
        [svg, output],
        _("--svg {first} and -o {second} are the same file: one would replace the other; nothing was written"),
    )


def emit(
    view: "View",
    fmt: Format,
    *,
    listing: str = "",
    cite: bool = False,
    citable: bool = True,
    no_color: bool = False,
    excel: bool = False,
    svg: str | Path | None = None,
    wide: bool = False,
    columns: str | None = None,
    no_pager: bool = False,
    output: str | Path | None = None,
) -> None:
    from medcoop.columns import choose
    from medcoop.render import render

    _check_excel(fmt, excel)
    refuse_same_output(svg, output)
    shown = choose(
        view, listing, table_view=fmt is Format.table, wide=wide, columns=columns, cite=cite, citable=citable
    )
    if view.notice:
        say(i18n.shown(view.notice))
    if view.aside and not (fmt is Format.table and shown.extras):  # the table view lists them apart
        say(i18n.shown(view.aside))
    if svg is not None:
        from medcoop.files import atomic_write_text, check_target
        from medcoop.tableview import svg_picture

        check_target(svg)  # before the drawing: '', '-' and folders are usage errors
        pictured = choose(
            view, listing, table_view=True, wide=wide, columns=columns, cite=cite, citable=citable, bars=True
        )
        atomic_write_text(svg, svg_picture(pictured))
    if fmt is Format.xlsx:
        _write_workbook(shown, listing if listing in LISTINGS else "data", output)
        return
    if output is not None:  # a file gets the piped form, in UTF-8, whatever the locale
        from medcoop.cells import Terminal
        from medcoop.files import atomic_write_text

        atomic_write_text(output, render(shown, fmt, Terminal(), excel=excel))
        return
    term = terminal(no_color)
    text = render(shown, fmt, term, excel=excel)
    show(text, term, term.encoding if fmt is Format.table else "utf-8", no_pager=no_pager)


def show(text: str, term: "Terminal", encoding: str, *, no_pager: bool) -> None:
    """Write text to stdout; on a terminal, text taller than the screen goes through the pager
    (unless --no-pager, or there is no pager to run)."""
    if term.is_tty and not no_pager and text.count("\n") >= term.height:
        from medcoop.pager import page

        if page(text.encode(encoding, errors="backslashreplace")):
            return
    write_stdout(text, encoding)
