"""Start-up and scale benchmark for medcoop (not collected by pytest).

    python tests/benchmarks/bench.py [--runs N] [--json] [--scale 10,100,1000] [--only NAME ...]

Times whole processes: the median wall time of N runs after a warm-up, and the child's
peak RSS, for two import-only floors and medcoop's commands; prints each against its budget.

The targets run in turn, round after round, and a command's ratio to a floor is the median
over the rounds of its time divided by the floor's time in the same round: on a shared
machine, whose speed drifts by tens of per cent from one second to the next, that pairing
keeps the drift out of the ratio better than dividing one median by another.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
FLOORS = {
    "python -c pass": [PY, "-c", "pass"],
    "import typer": [PY, "-c", "import typer"],
    "import typer + rich console/table": [PY, "-c", "import typer, rich.console, rich.table"],
}
# The console script beside this interpreter, as people run it; `python -m medcoop` otherwise.
_SCRIPT = Path(PY).with_name("medcoop")
MEDCOOP = [str(_SCRIPT)] if _SCRIPT.is_file() else [PY, "-m", "medcoop"]
COMMANDS = {
    "summary (table, piped)": ["summary"],
    "summary -f csv": ["summary", "-f", "csv"],
    "country Korea": ["country", "Korea"],
    "country Korea -f csv": ["country", "Korea", "-f", "csv"],
    "awards -f markdown": ["awards", "-f", "markdown"],
    "search mobility": ["search", "mobility"],
    "sql count -f csv": ["sql", "select count(*) from actions", "-f", "csv"],
    "--help": ["--help"],
    "--version": ["--version"],
    "map (piped, characters)": ["map"],
    "map --svg -f csv": ["map", "--svg", "{out}/map.svg", "-f", "csv"],
    # piped, `map --svg FILE` writes the SVG and draws the terminal map too
    "map --svg (terminal map and SVG)": ["map", "--svg", "{out}/map.svg"],
    "report": ["report", "-o", "{out}/sheet.html"],
    "--lang en summary -f csv": ["--lang", "en", "summary", "-f", "csv"],
    "--lang es summary -f csv": ["--lang", "es", "summary", "-f", "csv"],
    "--lang es summary (table, piped)": ["--lang", "es", "summary"],
}
# Commands run with these variables too; the colour map is what a terminal gets (Rich's half blocks).
COMMAND_ENV = {"map (colour, piped with FORCE_COLOR)": ["map"]}
# name -> (floor, ratio)
BUDGETS = {
    "summary (table, piped)": ("import typer + rich console/table", 1.25),
    "summary -f csv": ("import typer", 1.15),
    "country Korea -f csv": ("import typer", 1.15),
    "--version": ("import typer", 1.10),
    "sql count -f csv": ("import typer", 1.3),
    "--help": ("import typer + rich console/table", 1.25),
    "export --sqlite": ("import typer", 2.0),
    "export --xlsx": ("import typer", 2.0),
    "api: load().actions()": ("import typer", 1.0),
    "map (piped, characters)": ("import typer + rich console/table", 1.3),
    "map (colour, piped with FORCE_COLOR)": ("import typer + rich console/table", 1.3),
    "map --svg -f csv": ("import typer + rich console/table", 1.3),
    "map --svg (terminal map and SVG)": ("import typer + rich console/table", 1.3),
    "report": ("import typer + rich console/table", 2.0),
    # choosing and loading the Spanish catalog costs at most 5 % of a command
    "--lang es summary -f csv": ("--lang en summary -f csv", 1.05),
    "--lang es summary (table, piped)": ("import typer + rich console/table", 1.25),
}
# Targets that are not a plain medcoop command line; each writes into a fresh temporary folder.
_OUT = tempfile.mkdtemp(prefix="medcoop-bench-")
EXTRA = {
    "export --sqlite": [*MEDCOOP, "export", "--force", "--sqlite", os.path.join(_OUT, "m.db")],
    "export --xlsx": [*MEDCOOP, "export", "--force", "--xlsx", os.path.join(_OUT, "m.xlsx")],
    "api: load().actions()": [PY, "-c", "import medcoop; medcoop.load().actions()"],
}
RSS_BUDGET_MIB = 40.0
SCALED = {
    "country Korea": ["country", "Korea", "-f", "csv"],
    "actions --year 2017": ["actions", "--year", "2017", "-f", "csv"],
    "search mobility": ["search", "mobility", "-f", "csv"],
}
"""The commands timed with --scale, on the synthetic datasets."""


def run_once(argv: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one child process, read with wait4."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def measure(argv: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median seconds, peak RSS MiB) over runs after one warm-up."""
    run_once(argv, env)
    samples = [run_once(argv, env) for _ in range(runs)]
    return statistics.median(t for t, _ in samples), max(r for _, r in samples)


def interleaved(targets: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """(wall seconds, peak RSS MiB) per round for each target, the targets run in turn each
    round so that a passing load on the machine weighs on all of them alike."""
    for argv in targets.values():  # warm-up
        run_once(argv, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, argv in targets.items():
            samples[name].append(run_once(argv, env))
    return samples


def paired_ratio(command: list[tuple[float, float]], floor: list[tuple[float, float]]) -> float:
    """Median over rounds of the command's time over the floor's time in the same round."""
    return statistics.median(c / f for (c, _), (f, _) in zip(command, floor, strict=True))


def scaled_dataset(factor: int, folder: Path) -> Path:
    """The shipped dataset with every record list repeated `factor` times under fresh ids."""
    from medcoop.dataset import default_path

    data = json.loads(default_path().read_text(encoding="utf-8"))
    for key in ("metrics", "topic_lists", "actions", "country_roles", "events", "awards", "visitors", "programmes"):
        base = data[key]
        data[key] = [dict(r, id=f"{r['id']}-x{i}") if i else r for i in range(factor) for r in base]
    # organisations keep their ids (references point at them); tallies refer to base ids
    path = folder / f"scaled-{factor}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--scale", default="", help="comma-separated factors, e.g. 10,100,1000")
    parser.add_argument(
        "--only", action="append", default=[], help="a target to run (its name as printed), with the floors; repeatable"
    )
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k not in ("MEDCOOP_FORMAT", "MEDCOOP_DATA", "FORCE_COLOR")}
    # a cache folder of the benchmark's own (never the user's), empty at the start
    env["MEDCOOP_CACHE_DIR"] = os.path.join(_OUT, "cache")
    # map --svg and report write into _OUT, as the EXTRA targets do
    commands = {name: MEDCOOP + [a.replace("{out}", _OUT) for a in argv] for name, argv in COMMANDS.items()}
    # `env` sets FORCE_COLOR for that child only (one small exec more than the others pay)
    commands.update({name: ["env", "FORCE_COLOR=1", *MEDCOOP, *argv] for name, argv in COMMAND_ENV.items()})
    commands.update(EXTRA)
    if args.only:
        unknown = set(args.only) - set(commands)
        if unknown:
            parser.error(f"no such target: {', '.join(sorted(unknown))} (targets: {', '.join(commands)})")
        commands = {name: argv for name, argv in commands.items() if name in args.only}
    targets = {**FLOORS, **commands}
    samples = interleaved(targets, args.runs, env)
    results: dict[str, dict[str, float | str | bool | None]] = {}
    for name, got in samples.items():
        results[name] = {
            "seconds": statistics.median(t for t, _ in got),
            "fastest": min(t for t, _ in got),
            "rss_mib": max(r for _, r in got),
        }
    for name in commands:
        row = results[name]
        for floor in ("import typer", "import typer + rich console/table"):
            row[f"x {floor}"] = paired_ratio(samples[name], samples[floor])
        rss_ok = float(row["rss_mib"] or 0) <= RSS_BUDGET_MIB
        if name in BUDGETS:
            floor, ratio = BUDGETS[name]
            row.setdefault(f"x {floor}", paired_ratio(samples[name], samples[floor]))
            row["budget"] = f"<= {ratio}x {floor} ({float(row[f'x {floor}'] or 0):.3f})"
            row["met"] = float(row[f"x {floor}"] or 0) <= ratio and rss_ok
        else:
            row["met"] = rss_ok

    if args.scale:
        _scaled(results, args.scale, args.runs, env)

    return report(results, as_json=args.json)


Results = dict[str, dict[str, float | str | bool | None]]


def _scaled(results: Results, scale: str, runs: int, env: dict[str, str]) -> None:
    """The commands of the scale budget on synthetic datasets `scale` (factors: '10,100,1000')
    times the shipped size, into results."""
    # start-up and the shipped dataset
    startup = (
        float(results.get("summary -f csv", {}).get("seconds") or 0)
        or (measure([*MEDCOOP, "summary", "-f", "csv"], runs, env)[0])
    )
    last: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for factor in (int(f) for f in scale.split(",") if f):
            data = scaled_dataset(factor, Path(folder))
            for label, argv, checked in [(name, args, first) for name, args in SCALED.items() for first in (0, 1)]:
                # the file's checks remembered (medcoop.validated: every run after its first),
                # then as at its first run (no cache: checked in full)
                name = f"x{factor} {label}" + (" (first run)" if checked else "")
                run_env = {**env, "MEDCOOP_CACHE_DIR": ""} if checked else env
                try:
                    wall, rss = measure([*MEDCOOP, *argv, "--data", str(data)], max(3, runs // 3), run_env)
                except SystemExit as exc:
                    results[name] = {"error": str(exc)}
                    continue
                met = factor < 1000 or (wall <= 1.5 and rss <= 300)
                notes = ["<= 1.5 s, 300 MiB"] if factor == 1000 else []
                if checked:
                    results[name] = {"seconds": wall, "rss_mib": rss, "met": rss <= 300, "budget": "300 MiB"}
                    continue
                previous = last.get(label)
                if previous is not None and previous[1] - startup >= 0.05:  # enough signal above start-up
                    # no worse than linear: time beyond start-up grows at most with the data
                    grown = (wall - startup) / (previous[1] - startup)
                    notes.append(f"growth {grown:.1f}x for {factor / previous[0]:.0f}x data")
                    met = met and grown <= 1.5 * factor / previous[0]
                results[name] = {"seconds": wall, "rss_mib": rss, "met": met, "budget": "; ".join(notes)}
                last[label] = (factor, wall)


def _ms(seconds: object) -> str:
    return "" if not isinstance(seconds, float) else f"{1000 * seconds:.1f}"


def report(results: dict[str, dict[str, float | str | bool | None]], *, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "results": results}, indent=2))
        return 0
    print(f"{'what':<40} {'median ms':>10} {'min ms':>7} {'peak MiB':>9} {'x typer':>8} {'x t+rich':>9}  budget")
    for name, row in results.items():
        if "error" in row:
            print(f"{name:<40} {row['error']}")
            continue
        ratio_t = row.get("x import typer")
        ratio_r = row.get("x import typer + rich console/table")
        budget = row.get("budget", "")
        met = row.get("met")
        mark = "" if met is None else ("ok" if met else "OVER")
        print(
            f"{name:<40} {1000 * float(row['seconds'] or 0):>10.1f} {_ms(row.get('fastest')):>7} "
            f"{float(row['rss_mib'] or 0):>9.1f} "
            f"{'' if ratio_t is None else f'{ratio_t:.2f}':>8} {'' if ratio_r is None else f'{ratio_r:.2f}':>9}  "
            f"{budget} {mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
