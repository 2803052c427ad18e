"""The benchmark behind `make bench`.

    .venv/bin/python bench/run.py [--scale 10] [--seed 1] [--only sqlite|postgresql] [--quick]
                                  [--soak-only | --imports-only]

Runs one leg per database, each in its own process with its own DATABASE_URL: SQLite in a fresh file
under bench/work/, PostgreSQL in a throwaway cluster from bin/with-postgres. Each leg migrates,
generates the synthetic data set, builds the representation store and measures (bench/leg.py), then
measures imports and a sync on databases of its own (bench/imports.py), writing
bench/work/<database>.json; then this renders bench/results.md and bench/chart.png from both. Exits
non-zero if a leg failed or a check did (queries that grow with the page size on either path, a store or
naive body that differs from the serializer path's, errors in the soak, an imports section that could
not run); the imports' targets are marked ✓ or ✗, not checked.

With --soak-only, each leg generates the data set and runs only the soak (bench/soak.py), writing
bench/work/soak-<database>.json, and this renders bench/work/soak.md; results.md is left alone.
With --imports-only, each leg runs only the imports section, writing bench/work/imports-<database>.json,
and this renders bench/work/imports.md.

    .venv/bin/python bench/run.py leg --out FILE      one leg, against DATABASE_URL (used by the above)
    .venv/bin/python bench/run.py render              render again from bench/work/*.json
    .venv/bin/python bench/run.py render --soak-only  render bench/work/soak.md again
    .venv/bin/python bench/run.py render --imports-only  render bench/work/imports.md again
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
LEGS = ("sqlite", "postgresql")


def log(line):
    print(line, flush=True)


def leg_command(args, out):
    command = [
        sys.executable,
        str(BENCH / "run.py"),
        "leg",
        "--out",
        str(out),
        "--scale",
        str(args.scale),
        "--seed",
        str(args.seed),
    ]
    if args.quick:
        command.append("--quick")
    if only := section_only(args):
        command.append(f"--{only}-only")
    return command


def section_only(args):
    """The one section the legs run, "soak" or "imports"; None for all of them."""
    return "soak" if args.soak_only else "imports" if args.imports_only else None


def leg_json(name, only):
    return WORK / (f"{only}-{name}.json" if only else f"{name}.json")


def leg_environment(**extra):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DEBUG")}
    env.update(extra)
    return env


def run_sqlite_leg(args):
    database = WORK / "bench.sqlite3"
    for stale in WORK.glob("bench.sqlite3*"):
        stale.unlink()
    out = leg_json("sqlite", section_only(args))
    env = leg_environment(DATABASE_URL=f"sqlite:///{database}")
    return subprocess.run(leg_command(args, out), cwd=ROOT, env=env).returncode == 0 and out.exists()


def postgres_available():
    result = subprocess.run([str(ROOT / "bin/with-postgres"), "--check"], capture_output=True, text=True)
    return result.returncode == 0


def run_postgresql_leg(args):
    if not postgres_available():
        log("#" * 80)
        log("###  POSTGRESQL LEG SKIPPED: no PostgreSQL server binaries (see bin/with-postgres)  ###")
        log("#" * 80)
        return False
    out = leg_json("postgresql", section_only(args))
    command = [str(ROOT / "bin/with-postgres"), *leg_command(args, out)]
    return subprocess.run(command, cwd=ROOT, env=leg_environment()).returncode == 0 and out.exists()


def run_legs(args):
    """Runs the legs one after the other (never side by side: they would share 2 cores)."""
    WORK.mkdir(exist_ok=True)
    for name in LEGS:
        leg_json(name, section_only(args)).unlink(missing_ok=True)
    runners = {"sqlite": run_sqlite_leg, "postgresql": run_postgresql_leg}
    ok = True
    for name in [args.only] if args.only else LEGS:
        log(f"\n===== {name} leg =====")
        if not runners[name](args):
            log(f"FAIL: the {name} leg did not complete")
            ok = False
    return ok


def load_legs(only=None):
    paths = [leg_json(name, only) for name in LEGS]
    return [json.loads(path.read_text()) for path in paths if path.exists()]


def render(run_seconds, quick=False):
    """Writes results.md and chart.png (into bench/work/ for a --quick run); returns the legs' failures."""
    import report

    legs = load_legs()
    if not legs:
        log("FAIL: no leg results to render")
        return ["no leg results"]
    target = WORK if quick else BENCH
    chart = target / "chart.png"
    try:
        report.render_chart(legs, chart)
    except ImportError as error:
        log(f"FAIL: no chart ({error}); install the bench extra: pip install -e '.[bench]'")
    markdown = report.render_markdown(legs, report.machine(legs), run_seconds, chart.exists())
    (target / "results.md").write_text(markdown)
    log(f"\nwrote {(target / 'results.md').relative_to(ROOT)} and {chart.relative_to(ROOT)}")
    for text, met in report.criteria(legs, chart.exists()):
        log(f"{'MET    ' if met else 'NOT MET'} {text}")
    failures = [f"{leg['database']['name']}: {failure}" for leg in legs for failure in leg["failures"]]
    if report.tree_changed(legs):
        log(f"WARNING: {report.tree_line(legs)}")
    for failure in failures:
        log(f"FAIL {failure}")
    return failures


def render_section(only):
    """Writes bench/work/<only>.md from the legs that ran only that section; returns their failures."""
    import imports_report
    import report

    legs = load_legs(only)
    if not legs:
        log(f"FAIL: no {only} results to render")
        return [f"no {only} results"]
    info = report.machine(legs)
    title, section = {"soak": ("Soak", report.soak_section), "imports": ("Imports", imports_report.section)}[only]
    header = [f"# {title}", "", f"- date: {info['date']}", f"- code: {report.tree_line(legs)}", ""]
    target = WORK / f"{only}.md"
    target.write_text("\n".join([*header, *section(legs, info)]))
    log(f"\nwrote {target.relative_to(ROOT)}")
    failures = [f"{leg['database']['name']}: {failure}" for leg in legs for failure in leg["failures"]]
    for failure in failures:
        log(f"FAIL {failure}")
    return failures


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["all", "leg", "render"], default="all")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=LEGS, help="run one database leg only")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: tiny repetition budgets, 2 s of HTTP load, output in bench/work/",
    )
    sections = parser.add_mutually_exclusive_group()
    sections.add_argument(
        "--soak-only",
        action="store_true",
        help="generate the data set and run only the soak in each leg, output in bench/work/soak.md",
    )
    sections.add_argument(
        "--imports-only",
        action="store_true",
        help="run only the imports section (imports and a sync of scale 1) in each leg, output in "
        "bench/work/imports.md",
    )
    parser.add_argument("--out", type=Path, help="(leg) where to write the leg's JSON")
    return parser.parse_args()


def quicken():
    import http_load
    import imports
    import measure
    import soak

    measure.OURS_BUDGET, measure.OURS_MIN, measure.OURS_MAX = 0.1, 1, 2
    measure.NAIVE_BUDGET, measure.NAIVE_MIN, measure.NAIVE_MAX = 0.1, 1, 1
    measure.FLOOR_MIN = 2
    http_load.DURATION, http_load.WARMUP = 2, 1
    soak.DURATION, soak.WARMUP, soak.IMPORTS_FROM, soak.IMPORTS_UNTIL = 6, 1, 2, 4
    imports.REPEATS = 1


def main():
    args = parse_args()
    if args.command == "leg":
        import leg

        leg.setup_django()
        if args.quick:
            quicken()
        leg.run_leg(args.scale, args.seed, args.out, only=section_only(args))
        return 0
    only = section_only(args)
    if args.command == "render":
        if only:
            return 1 if render_section(only) else 0
        return 1 if render(sum(leg["seconds"] for leg in load_legs()), args.quick) else 0
    started = time.perf_counter()
    legs_ok = run_legs(args)
    failures = render_section(only) if only else render(time.perf_counter() - started, args.quick)
    log(f"\nbench finished in {(time.perf_counter() - started) / 60:.1f} min")
    return 0 if legs_ok and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
