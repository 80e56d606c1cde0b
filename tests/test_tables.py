"""The table view for people: compact default columns, --wide, --columns, the pager, --output,
completion and help. The 80-column tables of the shipped dataset are pinned in
tests/fixtures/tables80 (each checked by eye against the data)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from medcoop import cli, columns, dataset
from medcoop.cells import RESTATED, Terminal, human

from .conftest import TINY, medcoop_process

PINNED = Path(__file__).resolve().parent / "fixtures" / "tables80"
ARGS = {
    "summary": ["summary"],
    "country": ["country", "Korea"],
    "countries": ["countries"],
    "awards": ["awards"],
    "actions": ["actions"],
    "events": ["events"],
    "visitors": ["visitors"],
    "partners": ["partners"],
    "partner": ["partner", "IDB"],
    "years": ["years"],
    "search": ["search", "mobility"],
    "tallies": ["tallies"],
    "programmes": ["programmes"],
    "programme": ["programme", "PAR"],
    "milestones": ["milestones"],
    "topics": ["topics"],
    "sections": ["sections"],
}
FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown", "html"]
BLOCK_RULE = re.compile(r"^\d+/\d+ [─-]", re.MULTILINE)  # how a row shown as a block starts


def test_every_listing_is_covered() -> None:
    assert set(ARGS) == set(cli.LISTINGS) == set(columns.DEFAULT_COLUMNS)


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_default_columns_are_columns_of_their_listing(listing: str) -> None:
    view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
    keys = [c.key for c in view.table.columns]
    missing = [k for k in columns.DEFAULT_COLUMNS[listing] if k not in keys]
    assert not missing, f"medcoop/columns.py: default columns of {listing} not among its columns {keys}: {missing}"
    short = columns.SHORT_HEADERS.get(listing, {})
    assert set(short) <= set(columns.DEFAULT_COLUMNS[listing]), f"short headers of {listing} for hidden columns"


def _own_args(listing: str) -> dict[str, object]:
    args = ARGS[listing][1:]
    if not args:
        return {}
    return {"name" if listing in ("country", "partner", "programme") else "text": args}


@pytest.fixture
def tty80(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """stdout as an 80-column terminal, 1000 lines tall (never paged), without colour."""
    monkeypatch.setattr(cli.output, "terminal", lambda no_color: Terminal(is_tty=True, width=80, height=1000))


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_80_column_table_of_every_listing(run, tty80, listing: str) -> None:  # type: ignore[no-untyped-def]
    out = run(*ARGS[listing]).out
    assert out == (PINNED / f"{listing}.txt").read_text(encoding="utf-8")
    assert max(map(len, out.splitlines())) <= 80
    assert not BLOCK_RULE.search(out), "a table shown as blocks"


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_an_amount_counted_elsewhere_says_so(listing: str) -> None:
    """A row that restates money another record counts has no amount_usd (#10); its amount cell
    must not look like "no amount": it reads RESTATED (after the text it is folded into, in the
    compact country view), the legend says what that means, and -w names that record."""
    view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
    shown = columns.choose(view, listing, table_view=True, wide=False, columns=None, cite=False).table
    money = [c for c in shown.columns if c.kind == "usd"]
    folded = [c for c in shown.columns if any(other.kind == "usd" for other, _template, _quiet in c.folds)]
    restating = [row for row in view.table.rows if row.get("restates") and row.get("amount_usd", 0) is None]
    for row in restating:
        assert [human(c, row) for c in money] == [RESTATED] * len(money)
        assert all(human(c, row).endswith(f" ({RESTATED})") for c in folded)
        if money or folded:
            assert f"{RESTATED}: the same money as another record counts (-w shows which)." in shown.legend
    wide = columns.choose(view, listing, table_view=True, wide=True, columns=None, cite=False).table
    if restating:
        assert [row["restates"] for row in restating] == [row["restates"] for row in wide.rows if row in restating]
        assert "restates" in {c.key for c in wide.columns}
    if listing == "country":
        assert restating and folded  # Korea's 2018 headline figure restates the MOLIT action
        assert [row["restates"] for row in restating] == ["2018-korea-molit-smart-mobility"]


def test_a_short_column_folds_into_the_text_beside_it(run) -> None:  # type: ignore[no-untyped-def]
    """The compact view gives the width to the text: an event's country after its name, as the
    report prints it ("World Cities Summit (Singapore)"), a visitor's corrected name after the name
    as printed, an award's awarding body after its name; -w and -c show them apart, and the
    formats that carry every column never fold."""
    events = run("events").out
    assert "World Cities Summit (Singapore)" in events and "Event (Country)" in events
    visitors = run("visitors").out
    assert "Paula Lehtomamaki (corrected: Paula Lehtomäki †)" in visitors and "Corrected name" not in visitors
    assert "† the editors' words" in visitors  # the mark of a folded cell keeps its legend
    assert "2018 Excellence Award (NovaGob.Lab)" in run("awards").out
    assert "Name (Awarding body)" not in run("awards", "--year", "2016").out  # no awarding body to fold in
    wide = run("visitors", "-w").out
    assert "Corrected name" in wide and "(corrected:" not in wide
    assert "(Singapore)" not in run("events", "-c", "name,country_name").out
    assert "(corrected:" not in run("visitors", "-f", "markdown").out
    assert "Paula Lehtomamaki (corregido: Paula Lehtomäki †)" in run("--lang", "es", "visitors").out
    assert "Evento (País)" in run("--lang", "es", "events").out


def test_a_country_folds_role_and_amount_into_what_names_it(run) -> None:  # type: ignore[no-untyped-def]
    """The compact country view is Period and one text: the role in front of what names the
    country and the amount after it ("USD 12.5 million": the report's 2018 MOLIT figure); a
    row without an amount reads without one; -w and -c show them apart; CSV never folds."""
    compact = run("country", "Korea").out.splitlines()
    assert compact[0] == "South Korea · Corea del Sur · KR / KOR · in the report: South Korea, Korea"
    assert compact[1].split() == ["Period", "Role:", "What"]
    rows = [line.split(None, 1)[1] for line in compact[3:8]]
    assert "cooperation partner: Smart mobility: integrated traffic management center † (USD 12.5 million)" in rows
    assert (
        "headline figure: Highest cooperation amount in ACI Medellín's history, for sustainable mobility † "
        "(counted elsewhere)"
    ) in rows
    assert "visitor's country: Read Jea Su (corrected: Lee Jae-soo), Mayor of Chuncheon, South Korea †" in rows
    assert "cooperante: Movilidad inteligente: centro integrado de gestión del tráfico † (USD 12,5 millones)" in (
        run("--lang", "es", "country", "Korea").out
    )
    wide = run("country", "Korea", "-w").out.splitlines()
    assert [h for h in ("Role", "What", "Amount") if h in wide[1].split()] == ["Role", "What", "Amount"]
    assert "cooperation partner:" not in "\n".join(wide)
    assert run("country", "Korea", "-c", "what").out.splitlines()[3:4] == [
        "Start-up of the technical elaboration of the Comprehensive Master Plan for Mobility of Medellín †"
    ]
    table = list(csv.DictReader(io.StringIO(run("country", "Korea", "-f", "csv").out)))
    assert [r["amount_usd"] for r in table] == ["", "", "", "12500000", ""]
    assert all(":" not in r["role"] and "USD" not in r["what"] for r in table)


def test_a_country_derived_from_a_city_says_so_in_the_compact_view(run) -> None:  # type: ignore[no-untyped-def]
    """'Mayor of Paris, Anne Hidalgo' (2016) does not print France: the editors derive the country
    from the city, and the compact view says so after the role, in both languages; a row whose
    sentence prints the country says nothing more (the `how` column, with -w, says 'printed')."""
    english = run("country", "France").out
    assert "visitor's country (derived from a city): Anne Hidalgo, Mayor of Paris" in english
    assert "visitor's country: Gautier Mignot, Ambassador of France in Colombia" in english
    assert "(printed)" not in english
    spanish = run("--lang", "es", "country", "France").out
    assert "país del visitante (derivado de una ciudad): Anne Hidalgo, Mayor of Paris" in spanish
    assert "país del visitante: Gautier Mignot" in spanish and "(aparece en el informe)" not in spanish
    assert "Colombia" in run("country", "CO").out and "named in the sentence (derived): metric:" in run(
        "country", "CO"
    ).out  # 'other cities of the country': the editors read Colombia into it


def test_the_counts_under_awards_come_with_wide_unless_they_are_all_there_is(run) -> None:  # type: ignore[no-untyped-def]
    """The compact view leaves the counts the report states under awards to -w and says so; a
    year without a named award (2017: "Six international awards for initiatives", none named)
    shows them, being all there is to say."""
    compact = run("awards").out
    assert "Counts stated in the report: -w shows its 2 rows" in compact
    assert "6 international awards for initiatives" not in compact
    assert "6 international awards for initiatives" in run("awards", "-w").out
    alone = run("awards", "--year", "2017").out
    assert "6 international awards for initiatives" in alone and "-w shows" not in alone


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_a_mark_in_the_compact_view_has_its_legend(run, listing: str) -> None:  # type: ignore[no-untyped-def]
    """A cell of the editors' words keeps its mark where it is folded into another, and the mark
    its legend under the table."""
    lines = run(*ARGS[listing]).out.splitlines()
    if any("†" in line for line in lines):
        assert any(line.startswith("† ") for line in lines), listing


def test_blocks_remain_the_fallback(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The same detector finds blocks when even the default columns cannot fit (it can fail)."""
    monkeypatch.setattr(cli.output, "terminal", lambda no_color: Terminal(is_tty=True, width=40, height=1000))
    assert BLOCK_RULE.search(run("awards").out)


def _pty(args: list[str], env: dict[str, str], *, columns: int = 80, rows: int = 200) -> str:
    """Run medcoop with stdout on a pseudo-terminal of that size; what it drew, as text."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER")}
    full.update({"TERM": "dumb", **env})
    command = [sys.executable, "-m", "medcoop", *args]
    proc = subprocess.Popen(command, stdout=secondary, stderr=subprocess.PIPE, env=full)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, err = proc.communicate(timeout=30)
    os.close(primary)
    assert proc.returncode == 0, err
    return b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_80_column_terminal_draws_the_pinned_table(listing: str) -> None:
    out = _pty(ARGS[listing], {"MEDCOOP_PAGER": ""})
    assert out == (PINNED / f"{listing}.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- --wide, --columns


def test_wide_shows_every_column_and_machine_formats_keep_them(run) -> None:  # type: ignore[no-untyped-def]
    wide = run("countries", "-w").out
    assert "Printed as" in wide and "Best practices" in wide
    compact = run("countries").out
    assert "Printed as" not in compact and "Roles" in compact and "South-South partner" in compact
    header = run("countries", "-f", "csv").out.splitlines()[0]
    assert header.startswith("a2,a3,name_en,name_es,printed_as,") and header.endswith(
        ",mentions,mentions_printed,mentions_derived,editorial,roles"  # columns are only added, last
    )


def _columns_of(fmt: str, out: str) -> list[str]:
    if fmt == "json":
        return list(json.loads(out)[0])
    if fmt == "jsonl":
        return list(json.loads(out.splitlines()[0]))
    if fmt in ("csv", "tsv"):
        return next(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    if fmt == "markdown":
        return [c.strip() for c in out.splitlines()[2].strip("|").split("|")]
    if fmt == "html":
        return re.findall(r"<th>(.*?)</th>", out)
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("─"))
    return lines[rule - 1].split()  # the header row stands on the rule


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("listing", sorted(ARGS))
def test_columns_in_every_listing_and_format(run, listing: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    every = list(json.loads(run(*ARGS[listing], "-f", "json").out)[0])
    chosen = [every[-1], every[0]]  # two columns, not in their own order
    result = run(*ARGS[listing], "-f", fmt, "-c", ",".join(chosen))
    assert result.code == 0, result.err
    found = _columns_of(fmt, result.out)
    mark = {k: " †" if k in columns.editorial_columns(listing) else "" for k in chosen}  # for people only
    if fmt in ("table", "html", "markdown"):  # for people: the headers, marked
        view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
        headers = {c.key: c.header for c in view.table.columns}
        chosen = [headers[k] + mark[k] for k in chosen]
        if fmt == "table":
            found = [" ".join(found)]
            chosen = [" ".join(chosen)]
    assert found == chosen


def test_columns_with_cite_and_by_name(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("awards", "-c", "year,name", "--cite", "-f", "json").out)
    assert list(rows[0]) == ["year", "name", "section", "quote", "basis"]
    rows = json.loads(run("awards", "-c", "quote,year", "-f", "json").out)
    assert list(rows[0]) == ["quote", "year"] and rows[0]["quote"]
    rows = json.loads(run("years", "-c", "basis,year", "-f", "json").out)
    assert list(rows[0]) == ["basis", "year"] and rows[0]["basis"].startswith("derived: ")
    rows = json.loads(run("sections", "-c", "section,quote,basis", "-f", "json").out)
    assert rows[0]["section"] == "introduction" and rows[0]["quote"] and rows[0]["basis"]  # its own section, basis


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_cite_never_repeats_a_column_in_the_table_view(listing: str) -> None:
    """--cite adds section, quote and basis to the compact default, once each, even where the
    listing has its own (sections: section and basis)."""
    view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
    cited = columns.choose(view, listing, table_view=True, wide=False, columns=None, cite=True)
    keys = [c.key for c in cited.table.columns]
    assert len(keys) == len(set(keys)) and {"section", "quote", "basis"} <= set(keys)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("listing", sorted(ARGS))
def test_unknown_column_exits_2_with_the_valid_names(run, listing: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    every = list(json.loads(run(*ARGS[listing], "-f", "json").out)[0])
    typo = every[0][:-1] + "x" if len(every[0]) > 3 else every[0] + "xx"
    result = run(*ARGS[listing], "-f", fmt, "-c", f"{every[0]},{typo}")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"medcoop: error: unknown column '{typo}' for {listing}")
    assert result.err.count("\n") == 1
    assert f"(columns: {', '.join(every)}" in result.err


def test_did_you_mean_and_other_bad_lists(run) -> None:  # type: ignore[no-untyped-def]
    err = run("awards", "-c", "yaer").err
    assert err == (
        "medcoop: error: unknown column 'yaer' for awards; did you mean 'year'? (columns: year, kind, name, "
        "name_corrected, awarding_body, recipient, note, editorial, section, quote, basis)\n"
    )
    assert run("awards", "-c", "year,,name").code == 2
    assert "given twice" in run("awards", "-c", "year,year").err
    assert "--wide and --columns" in run("awards", "-w", "-c", "year").err


def test_country_has_no_short_option_now_that_c_means_columns(run) -> None:  # type: ignore[no-untyped-def]
    assert [r["id"] for r in json.loads(run("events", "--country", "Singapore", "-f", "json").out)] == [
        "2016-world-cities-summit",
        "2018-world-cities-summit",
    ]
    assert run("events", "-c", "Singapore").code == 2  # a column list, and no such column


# --------------------------------------------------------------------------- the pager


@pytest.fixture
def fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records what it is given (and the LESS it sees)."""
    record = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        "data = sys.stdin.buffer.read() + b'LESS=' + os.environ.get('LESS', '').encode()\n"
        f"open({str(record)!r}, 'wb').write(data)\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", record


def test_pager_gets_a_table_taller_than_the_terminal(fake_pager: tuple[str, Path]) -> None:
    pager, record = fake_pager
    out = _pty(["countries"], {"PAGER": pager}, rows=10)
    paged = record.read_bytes().decode()
    assert out == "" and paged.startswith("Countries the report names, and why\nEnglish ")  # all of it, paged
    assert "Saint Lucia" in paged and paged.endswith("LESS=FRX")
    assert _pty(["countries"], {"PAGER": "false", "MEDCOOP_PAGER": pager}, rows=10) == ""  # MEDCOOP_PAGER first


def test_no_pager_when_asked_when_it_fits_or_in_a_pipe(fake_pager: tuple[str, Path]) -> None:
    pager, record = fake_pager
    assert "Saint Lucia" in _pty(["countries", "--no-pager"], {"PAGER": pager}, rows=10)
    assert "Saint Lucia" in _pty(["countries"], {"PAGER": pager}, rows=60)  # one screen: no pager
    piped = medcoop_process(["countries"], env={"PAGER": pager})
    assert b"Saint Lucia" in piped.stdout and piped.returncode == 0
    assert not record.exists()


@pytest.mark.parametrize("pager", ["no-such-pager-anywhere", "", "cat"])
def test_missing_or_no_pager_prints_plainly(pager: str) -> None:
    out = _pty(["countries"], {"PAGER": pager}, rows=10)
    assert "Saint Lucia" in out and "\nEnglish " in out


def test_pager_quitting_early_is_a_clean_exit(tmp_path: Path) -> None:
    """q in less: the pager ends before reading everything; medcoop exits 0, silently."""
    data = json.loads(TINY.read_text(encoding="utf-8"))
    template = data["metrics"][0]
    data["metrics"] += [dict(template, id=f"m-{i}", label=f"Figure {i}") for i in range(4000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data), encoding="utf-8")
    out = _pty(["summary", "--data", str(big)], {"PAGER": "head -c 10"}, rows=10)  # asserts exit 0
    assert "Figure 3999" not in out


# --------------------------------------------------------------------------- --output


def test_output_writes_the_piped_form_atomically(tmp_path: Path) -> None:
    target = tmp_path / "awards.txt"
    target.write_text("old", encoding="utf-8")
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "ascii"}
    proc = medcoop_process(["awards", "-o", str(target)], env=env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    piped = medcoop_process(["awards"]).stdout  # a pipe, UTF-8 by default
    assert target.read_bytes() == piped and "1,2,3 Woman’s Emergency Hotline".encode() in piped
    assert [p.name for p in tmp_path.iterdir()] == ["awards.txt"]  # no temporary file left


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_in_every_format_equals_stdout(run, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"out.{fmt}"
    assert run("country", "Korea", "-f", fmt, "-o", str(target)).out == ""
    assert target.read_text(encoding="utf-8") == run("country", "Korea", "-f", fmt).out


def test_output_errors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run("awards", "-o", str(tmp_path / "no" / "such" / "file.txt"))
    assert missing.code == 1 and missing.err.startswith("medcoop: error: ") and missing.out == ""
    folder = run("awards", "-o", str(tmp_path))
    assert folder.code == 2 and "is a folder" in folder.err


# --------------------------------------------------------------------------- completion


def _complete(words: str, shell: str = "bash") -> list[str]:
    if shell == "bash":
        cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        env = {"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    else:
        env = {"_MEDCOOP_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
    proc = medcoop_process([], env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode().splitlines()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("medcoop country corea", ["corea del Sur"]),
        ("medcoop country kr", ["kr"]),
        ("medcoop country peru", ["peru"]),
        ("medcoop country PERÚ", ["PERÚ"]),
        ("medcoop country Corea d", ["del Sur"]),
        ("medcoop country corea DEL s", ["sur"]),
        ("medcoop partner inter-american", ["inter-american Development Bank"]),
        ("medcoop events --country corea", ["corea\\ del\\ Sur"]),
        ("medcoop actions --partner molit", ["molit"]),
        ("medcoop actions --modality fin", ["financial"]),
        ("medcoop awards -c ye", ["year"]),
        ("medcoop awards --columns year,na", ["year,name", "year,name_corrected"]),
        (
            "medcoop country Korea -c period,",
            [
                "period,role",
                "period,what",
                "period,details",
                "period,amount_usd",
                "period,restates",
                "period,how",
                "period,editorial",
                "period,section",
                "period,quote",
                "period,basis",
            ],
        ),
        ("medcoop search lab -c ki", ["kind"]),
    ],
)
def test_bash_completion(words: str, offered: list[str]) -> None:
    """Each offer starts with exactly the word typed (Typer and the shells keep no other)."""
    assert _complete(words) == offered


def test_zsh_completion_keeps_what_was_typed() -> None:
    """zsh keeps only candidates that start with the typed word: they do, in its case."""
    assert _complete("medcoop country corea", "zsh") == ["_arguments '*: :((\"corea del Sur\"))'"]
    assert _complete("medcoop country peru", "zsh") == ["_arguments '*: :((\"peru\"))'"]


# --------------------------------------------------------------------------- help


def test_help_shows_env_hints_and_names(run) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(re.sub("[│╭╮╰╯─]", " ", run("country", "--help").out).split())
    for hint in ("[env: MEDCOOP_FORMAT]", "[env: MEDCOOP_DATA]", "(MEDCOOP_PAGER, PAGER, less -FRX)"):
        assert hint in text
    assert "Usage: medcoop country [OPTIONS] NAME..." in text and "{NAME}" not in text
    assert "For spreadsheets: BOM, CRLF, no formula run." in text
    for option in ("--wide -w", "--columns -c", "--no-pager", "--output -o"):
        assert option in text
    assert "Usage: medcoop search [OPTIONS] TEXT..." in " ".join(run("search", "--help").out.split())


@pytest.mark.parametrize(("shell", "marker"), [("zsh", "#compdef medcoop"), ("bash", "complete -o default -F")])
def test_show_completion_for_a_named_shell(run, shell: str, marker: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        run("--show-completion", shell)
    assert done.value.code == 0
    out = run().out  # what the exit left unread
    assert marker in out


def test_show_completion_refuses_an_unknown_shell(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--show-completion", "tcsh")
    assert result.code == 2 and "not a shell medcoop completes" in result.err


# --------------------------------------------------------------------------- the editors' words


ALSO_SHOWN = {("awards", "note"): "year_note"}
"""Columns that show a second field too (an award's note holds its year_note)."""


def _field_values(listing: str, key: str) -> set[str]:
    """The values of the record fields a listing's column shows (columns.LISTING_RECORDS)."""
    collection, renamed = columns.LISTING_RECORDS[listing]
    fields = [renamed.get(key, key), *([ALSO_SHOWN[listing, key]] if (listing, key) in ALSO_SHOWN else [])]
    values: set[str] = set()
    for record in dataset.load()[collection]:  # type: ignore[literal-required]
        for value in (record.get(field) for field in fields):
            values.update(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return values


@pytest.mark.parametrize("listing", sorted(columns.LISTING_RECORDS))
def test_editorial_columns_show_the_editors_fields(listing: str) -> None:
    """Each column marked as the editors' words shows a field medcoop.provenance declares
    editorial (each cell holds one of its values), and no other column does."""
    from medcoop.provenance import EDITORIAL, FIELDS

    view = cli.LISTINGS[listing](dataset.load())
    marked = columns.editorial_columns(listing)
    collection, renamed = columns.LISTING_RECORDS[listing]
    for c in view.table.columns:
        field = renamed.get(c.key, c.key)
        assert (c.key in marked) == (FIELDS[collection].get(field) == EDITORIAL), (listing, c.key)
        if c.key in marked:
            values = _field_values(listing, c.key)
            cells = [row[c.key] for row in view.table.rows if row.get(c.key)]
            assert cells and all(any(v in str(cell) for v in values) for cell in cells), (listing, c.key)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("listing", sorted(ARGS))
def test_editorial_columns_are_marked_for_people_only(run, listing: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run(*ARGS[listing], "-f", "json").out)
    keys = list(rows[0])
    cells = any(row.get("editorial") for row in rows)  # a mixed column's cells of the editors' words, marked
    every = [  # derived counts
        k
        for k in keys
        if rows and all(k in row.get("editorial", []) and isinstance(row[k], (int, type(None))) for row in rows)
    ]
    editorial = [k for k in keys if k in columns.editorial_columns(listing) or k in every]
    out = run(*ARGS[listing], "-f", fmt, "--wide").out
    found = _columns_of(fmt, out)
    if fmt in ("csv", "tsv", "json", "jsonl"):
        assert found == keys and "\u2020" not in "".join(found)
        return
    marked = [h for h in found if h.endswith(" \u2020")] if fmt != "table" else re.findall(r"\u2020", " ".join(found))
    assert len(marked) == len(editorial), (listing, found, editorial)
    if fmt in ("markdown", "html"):
        view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
        headers = {c.key: c.header for c in view.table.columns}
        assert marked == [f"{headers[k]} \u2020" for k in editorial]
    legend = "\u2020 the editors' words, not the report's: --cite shows the sentence."
    if fmt == "html":
        import html

        out = html.unescape(out)
    derived = "\u2020 counted by medcoop from the dataset's records (derived), or the editors' words: not the report's."
    assert (legend in out or derived in out) == (bool(editorial) or cells)
    assert (derived in out) == bool(every)  # counts medcoop derives (years) say so


def test_a_cell_cut_on_a_terminal_keeps_the_tables_legend_and_the_aside() -> None:
    """A cell over CELL_SHOWN characters is cut on a terminal, saying so; the table's legend
    (what † or a short header means) and the view's aside stay: only the cell is shortened."""
    from medcoop import tableview
    from medcoop.view import Column, Table, View

    long = "word " * 1_000
    table = Table(
        columns=(Column("name", "Name"), Column("text", "Text")),
        rows=[{"name": "one", "text": long}],
        title="Long",
        legend=("† the legend of this table",),
    )
    aside = "an aside for stderr"
    view = View(table=table, aside=aside)
    shortened = tableview._shortened(view)
    assert shortened.aside == aside and shortened.table.legend == table.legend
    out = tableview.table_view(view, Terminal(is_tty=True, width=80, height=1000))
    assert "† the legend of this table" in out
    left = len(long) - tableview.CELL_SHOWN
    assert f"[{left:,} more characters: --format csv or json shows all]" in " ".join(out.split())
