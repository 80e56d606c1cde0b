"""The command line: build the Typer app from the registered commands, run it, map errors to exit codes."""

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Annotated, Any, NoReturn, Optional

import typer

from medcoop import __version__, i18n, words
from medcoop.cli.output import _Stdout, say, write_stdout
from medcoop.cli.registry import COMMANDS
from medcoop.cli_i18n import MedcoopCommand, MedcoopGroup, parser_message
from medcoop.errors import ExitCode, MedcoopError, PipeClosed, UsageError
from medcoop.i18n import _

EXIT_CODES = (
    "Exit codes: 0 success (an empty result too); 1 data or runtime error; "
    "2 usage error (unknown option, bad value, unknown name, bad year); "
    "130 interrupted; 141 the reader closed the pipe early."
)

APP_HELP = (
    "Query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018: every figure, "
    "partner, award and visitor, each with the sentence it comes from.\n\n"
    "Example: medcoop country Korea -f csv"
)


class _Command(MedcoopCommand):
    """A command whose usage line names its arguments as Click does: NAME... for several words,
    [PATH] when optional (Typer writes {NAME})."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def build_app(only: str | None = None, *, listed: bool = False) -> typer.Typer:
    """The Typer app with every command, or with only the one being run: Typer builds
    each command's parameters from its signature at every start, so one is cheaper than all.
    The whole app has the shell-completion options; one command's app does not need them.

    With listed, every command is only listed: its name and help, none of its parameters. That
    is all the app's own help and its errors (an unknown command or option) show of them, and
    building every command's parameters was about half of `medcoop --help`."""
    built = typer.Typer(
        cls=MedcoopGroup,
        name="medcoop",
        help=APP_HELP,
        epilog=EXIT_CODES,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main_options)
    from medcoop.overview import GROUPS, group_of

    grouped = [name for _title, names in GROUPS for name in names if name in COMMANDS]
    for name in (*grouped, *(name for name in COMMANDS if name not in grouped)):
        if only is None or name == only:
            panel = group_of(name)
            built.command(name, cls=_Command, rich_help_panel=_(panel) if panel else None)(
                _listed(COMMANDS[name]()) if listed else COMMANDS[name]()
            )
    return built


def _listed(func: Callable[..., None]) -> Callable[[], None]:
    """A command as the app's help lists it: func's help, no parameters; never run (main builds
    the command itself when its name is in the arguments)."""

    def listed() -> None:
        raise AssertionError(f"{func.__name__} was built only to be listed")  # pragma: no cover

    listed.__doc__ = func.__doc__
    listed.__name__ = func.__name__
    return listed


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        write_stdout(f"medcoop {__version__}\n")
        raise typer.Exit()


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""The shells medcoop completes (Typer's)."""


def _completion_script(ctx: typer.Context, param: Any, value: str | None) -> None:
    """--show-completion [SHELL] and --install-completion [SHELL]: Typer's, with the shell named
    or detected."""
    if value is None or ctx.resilient_parsing:
        return
    from typer import completion
    from typer._completion_classes import completion_init

    if value and value not in SHELLS:
        raise typer.BadParameter(f"{value!r} is not a shell medcoop completes: {', '.join(SHELLS)}")
    completion_init()
    callback = completion.show_callback if param.name == "show_completion" else completion.install_callback
    try:
        callback(ctx, param, value or True)
    except OSError as exc:  # a HOME that is read-only, not a folder (/dev/null), or gone
        from medcoop.errors import WriteError
        from medcoop.files import reason

        raise WriteError(
            _("{path}: cannot install the completion script ({reason})").format(
                path=exc.filename or os.environ.get("HOME", "~"), reason=reason(exc)
            )
        ) from None


def _completion_option(name: str, does: str) -> Any:
    """An option with an optional value (Click's flag_value): alone, the shell is detected.
    Typer 0.28 warns that it will drop flag_value; medcoop pins Typer below 0.29."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return typer.Option(
            name,
            is_flag=False,
            flag_value="",
            metavar="[SHELL]",
            callback=_completion_script,
            expose_value=False,
            is_eager=True,
            help=f"{does} completion for SHELL (bash, zsh, fish, powershell), by default the shell running medcoop.",
            show_default=False,
        )


def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            metavar="es|en",
            help="Language of medcoop's own words, before or after the command (es: español). "
            "[env: MEDCOOP_LANG, else the locale]",
            show_default=False,
        ),
    ] = None,
    install_completion: Annotated[Optional[str], _completion_option("--install-completion", "Install")] = None,
    show_completion: Annotated[Optional[str], _completion_option("--show-completion", "Print the script of")] = None,
) -> None:
    """Query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018."""


# --------------------------------------------------------------------------- entry point


def _app_for(args: list[str]) -> typer.Typer:
    """Only the command named in args (the first word that is no option), else the whole app,
    its commands only listed; completing a command line needs every command whole."""
    if "_MEDCOOP_COMPLETE" in os.environ:
        from typer._completion_classes import completion_init

        _check_completion_request(os.environ)
        completion_init()  # Typer's scripts and output for each shell
        return build_app()
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None and ("--version" in args or "-V" in args):
        return build_app("")  # the version needs no command
    return build_app(name) if name in COMMANDS else build_app(listed=True)


def _check_completion_request(env: Mapping[str, str]) -> None:
    """What a shell's completion script sets is well formed, or a usage error naming the
    variable: `_MEDCOOP_COMPLETE` says complete_SHELL or source_SHELL for one of SHELLS, and
    bash's COMP_CWORD is the index of a word."""
    request = env["_MEDCOOP_COMPLETE"]
    action, _sep, shell = request.partition("_")
    if action not in ("complete", "source") or shell not in SHELLS:
        raise UsageError(
            _("_MEDCOOP_COMPLETE={value!r} is not a completion request: complete_SHELL or source_SHELL, "
              "SHELL one of {shells}").format(value=request, shells=", ".join(SHELLS))
        )
    cword = env.get("COMP_CWORD", "0") if shell == "bash" and action == "complete" else "0"
    if not (cword.isascii() and cword.isdigit()):
        raise UsageError(_("COMP_CWORD={value!r} is not the index of a word (0, 1, 2, …)").format(value=cword))


def main(argv: list[str] | None = None) -> int:
    """Run medcoop; returns the exit code. Errors become one line on stderr. Whatever Click
    or Rich print (help, usage, completions) goes through write_stdout, as a command's output."""
    args = sys.argv[1:] if argv is None else list(argv)
    real = sys.stdout
    sys.stdout = _Stdout(real)
    try:
        return _main(args)
    finally:
        sys.stdout = real


def _main(args: list[str]) -> int:
    try:
        args = i18n.choose(args)  # --lang, anywhere, is taken out before Typer parses
        args = words.format_args(args)  # --format tabla is --format table
        if not args and "_MEDCOOP_COMPLETE" not in os.environ:  # bare medcoop: a short overview, as git
            from medcoop.overview import overview

            write_stdout(overview(len(COMMANDS)))
            return ExitCode.OK
        if args in (["--version"], ["-V"]):  # nothing to parse, so no app to build
            write_stdout(f"medcoop {__version__}\n")
            return ExitCode.OK
        result = _app_for(args)(args=args, prog_name="medcoop", standalone_mode=False)
    except PipeClosed:
        return ExitCode.PIPE_CLOSED
    except MedcoopError as exc:
        say(f"error: {exc}")
        return exc.exit_code
    except typer.TyperException as exc:  # Click's usage errors derive from it
        say(f"error: {_click_message(exc)}")
        return ExitCode.USAGE if exc.exit_code == ExitCode.USAGE else ExitCode.ERROR
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (medcoop.signals)
        from medcoop.signals import exit_code

        return exit_code(exc)
    except typer.Abort as exc:  # Click's word for an interrupt it caught: the signal is its cause
        from medcoop.signals import exit_code

        return exit_code(exc.__cause__ or exc.__context__ or KeyboardInterrupt())
    except Exception as exc:  # an unexpected bug: short message, trace only on request
        if os.environ.get("MEDCOOP_DEBUG") == "1":
            with contextlib.suppress(Exception):
                traceback.print_exc()
        say(_("internal error ({kind}); set MEDCOOP_DEBUG=1 to see the traceback").format(kind=type(exc).__name__))
        return ExitCode.ERROR
    if result == ExitCode.INTERRUPTED:  # Typer turns an interrupt into 130: say which signal it was
        from medcoop.signals import last

        return 128 + last()
    return result if isinstance(result, int) else ExitCode.OK


def _click_message(exc: "typer.TyperException") -> str:
    """Click's message in this run's language, naming the environment variable a bad value came
    from, with a hint."""
    message = parser_message(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if ctx is None:
        return message
    envvar = getattr(param, "envvar", None)
    name = getattr(param, "name", None)
    # Context.get_parameter_source is public; its enum lives in a private module of the Click
    # that Typer vendors (typer._click.core), so the member is compared by its documented name.
    # tests/test_robustness.py (a bad MEDCOOP_FORMAT names the variable) fails if that changes.
    source = ctx.get_parameter_source(name) if name else None
    if isinstance(envvar, str) and getattr(source, "name", None) == "ENVIRONMENT":
        message += _(" (from the environment variable {name}={value})").format(
            name=envvar, value=repr(os.environ.get(envvar, ""))
        )
    return message + _(" (see '{command} --help')").format(command=ctx.command_path)


def _reserve_std_fds() -> None:
    """A standard descriptor that was closed when medcoop started (`>&-`) gets /dev/null, so
    that no file medcoop opens takes its number and receives output meant for it; sys.stdout
    and sys.stderr stay None, so output to a closed stdout still fails (exit 1) and messages
    to a closed stderr are dropped."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_RDWR)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)


def run() -> NoReturn:
    """Console-script entry point.

    Once its output is flushed the process ends at once (os._exit): a one-shot command has
    nothing left to clean up, and the interpreter's teardown (freeing every module and
    object, a dataset file's records included) would add about a tenth to every answer.
    Every file medcoop writes is closed before this point; nothing registers atexit work.
    Ctrl-C at any point ends with 130, SIGTERM with 143, SIGHUP with 129 (see also
    medcoop.__main__, which covers the imports): the signals are turned into one exception
    (medcoop.signals), so that every cleanup runs for each, and held back at the end, so that
    one that arrives as the process ends is not lost (a finished command does not exit 0 after
    a Ctrl-C)."""
    from medcoop import signals

    code: int = ExitCode.INTERRUPTED
    try:
        signals.install()
        _reserve_std_fds()
        code = main()
        if sys.stdout is not None:
            sys.stdout.flush()
    except KeyboardInterrupt as exc:
        code = signals.exit_code(exc)
    except BrokenPipeError:  # the reader has gone
        code = code or ExitCode.PIPE_CLOSED
    except (OSError, ValueError):  # stdout closed or full at the last flush
        code = code or ExitCode.ERROR
    while True:
        try:
            code = signals.settle(code)
            break
        except KeyboardInterrupt as exc:  # its handler ran just before the signals were blocked
            code = signals.exit_code(exc)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(int(code))
