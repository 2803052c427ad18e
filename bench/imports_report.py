"""The imports section of bench/results.md (and of bench/work/imports.md after `run.py --imports-only`),
with the targets beside the figures: marked ✓ or ✗, never failures of the run."""

INTO_EMPTY_TARGET_S = 2.0
UNCHANGED_TARGET_S = 0.5
SYNC_TARGET_S = 300
SLOWEST = 5


def mark(met):
    return "✓" if met else "✗"


def seconds_text(seconds):
    return f"{seconds:,.2f} s" if seconds < 10 else f"{seconds:,.1f} s"


def targets(imports):
    """(what, figure, target, met) of each target of one leg's imports."""
    launches, sync = imports["launches"], imports["sync"]
    into_empty, unchanged = launches["into_empty"]["seconds"], launches["unchanged"]["seconds"]
    return [
        (
            f"{launches['into_empty']['records']} launches into an empty database",
            into_empty,
            INTO_EMPTY_TARGET_S,
            into_empty <= INTO_EMPTY_TARGET_S,
        ),
        ("the same page again, unchanged", unchanged, UNCHANGED_TARGET_S, unchanged <= UNCHANGED_TARGET_S),
        ("a full sync into an empty database", sync["seconds"], SYNC_TARGET_S, sync["seconds"] <= SYNC_TARGET_S),
    ]


def target_lines(imports):
    """The targets as the console shows them."""
    return [
        f"{mark(met)} {what}: {seconds_text(figure)} (target ≤ {seconds_text(target)})"
        for what, figure, target, met in targets(imports)
    ]


def marked(seconds, target):
    return f"{seconds_text(seconds)} {mark(seconds <= target)}"


def statements(figures):
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in figures["statements"].items())
    return f"{figures['queries']:,} ({kinds})"


def samples(figures):
    return ", ".join(f"{seconds:.2f}" for seconds in figures["samples"])


def figures_table(legs):
    """One column per database: the launch pages, the sync, and the targets."""
    columns = [leg["imports"] for leg in legs]

    def row(label, cell, target=""):
        return f"| {label} | " + " | ".join(cell(imports) for imports in columns) + f" | {target} |"

    def launches(key):
        return lambda imports: imports["launches"][key]

    def sync(imports):
        return imports["sync"]

    def timed(label, key, target):
        """The rows of an import timed several times: its median against `target`, each time, its queries."""
        return [
            row(
                f"{label}: seconds (median)",
                lambda imports: marked(launches(key)(imports)["seconds"], target),
                f"≤ {seconds_text(target)}",
            ),
            row("… each time, s", lambda imports: samples(launches(key)(imports))),
            row("… queries", lambda imports: statements(launches(key)(imports))),
        ]

    return [
        "| figure | " + " | ".join(leg["database"]["name"] for leg in legs) + " | target |",
        "| --- | " + " | ".join("--:" for _ in legs) + " | --- |",
        *timed("100 launches into an empty database", "into_empty", INTO_EMPTY_TARGET_S),
        row(
            "… before it, the store's shapes (once per process), s",
            lambda imports: f"{launches('into_empty')(imports)['shapes_seconds']:.2f}",
        ),
        *timed("the same page again, unchanged", "unchanged", UNCHANGED_TARGET_S),
        row(
            "10 launches into an empty database: seconds",
            lambda imports: seconds_text(launches("ten_into_empty")(imports)["seconds"]),
        ),
        row("… queries", lambda imports: statements(launches("ten_into_empty")(imports))),
        row(
            "queries per page, 10 → 100 launches into an empty database",
            lambda imports: (
                f"{launches('ten_into_empty')(imports)['queries']:,} → {launches('into_empty')(imports)['queries']:,}"
            ),
        ),
        row(
            f"full sync of scale {columns[0]['upstream']['scale']} into an empty database: seconds",
            lambda imports: marked(sync(imports)["seconds"], SYNC_TARGET_S),
            f"≤ {SYNC_TARGET_S / 60:.0f} minutes",
        ),
        row("… pages", lambda imports: f"{sync(imports)['pages']:,}"),
        row("… pages per second", lambda imports: f"{sync(imports)['pages'] / sync(imports)['seconds']:.2f}"),
        row("… records listed by the upstream", lambda imports: f"{sync(imports)['records']:,}"),
        row("… rows created, nested objects included", lambda imports: f"{sync(imports)['rows_created']:,}"),
        row(
            "… calls; waits for the rate limit",
            lambda imports: f"{sync(imports)['calls']:,}; {len(sync(imports)['waits'])}",
        ),
    ]


def slowest_table(imports):
    """The endpoints whose pages the sync took longest over, by the median of their full pages."""
    endpoints = sorted(imports["sync"]["endpoints"], key=lambda endpoint: -endpoint["seconds_per_page"])
    lines = [
        "| endpoint | records | pages | seconds per page (median) | seconds in all | of which the upstream served |",
        "| --- | --: | --: | --: | --: | --: |",
    ]
    for endpoint in endpoints[:SLOWEST]:
        served = endpoint["served_seconds"] / endpoint["seconds"] if endpoint["seconds"] else 0
        lines.append(
            f"| `{endpoint['path']}` | {endpoint['records']:,} | {len(endpoint['pages'])} | "
            f"{endpoint['seconds_per_page']:.2f} | {endpoint['seconds']:,.1f} | {served:.0%} |"
        )
    return lines


def section(legs, info):
    """The section's lines, for the legs that measured imports."""
    legs = [leg for leg in legs if leg.get("imports")]
    if not legs:
        return []
    first = legs[0]["imports"]
    upstream = first["upstream"]
    out = [
        "## Imports",
        "",
        f"The upstream is this server on generated data (`generate_data --scale {upstream['scale']} --seed "
        f"{upstream['seed']}`: {upstream['generated']}), in a database of its own beside the leg's, served by "
        "gunicorn (`lldapi/gunicorn.py`, 2 workers, the representation store on) on loopback with no rate limit "
        f"(`sync_ll2` read its `/2.3.0/api-throttle/` as `{first['sync']['throttle']}`). Each import is "
        "`Importer().import_file` of a page saved from it (`/2.3.0/launches/?mode=detailed&limit=100`, and "
        "`limit=10`), in a fresh process (`bench/import_probe.py`) on an empty migrated database, timed from "
        "after Django's set-up, the representation store on; its queries are every statement it sent, counted "
        "by `connection.execute_wrapper` under their first word (an `executemany` once; on PostgreSQL the "
        "stored representations go in by `COPY`, which is not an execute and is not counted). The page of 100 is "
        "imported a second time in the same process, nothing changed. Then `manage.py sync_ll2 --base-url` the "
        "upstream copies it whole into another empty database: its wall time, start-up included; a page's "
        "seconds run from the line the sync printed before it to its own (fetch and import), and the upstream's "
        "share comes from its access log.",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores shared by the upstream server, the importing process "
        f"and, on PostgreSQL, its server; {info['memory']} memory.",
        "",
        *figures_table(legs),
        "",
    ]
    for leg in legs:
        imports = leg["imports"]
        out += [
            f"**{leg['database']['name']}**: the {SLOWEST} slowest of the {len(imports['sync']['endpoints'])} "
            "endpoints synced, by seconds per page (100 records, but each endpoint's last page and a small "
            "endpoint's only one):",
            "",
            *slowest_table(imports),
            "",
        ]
    return out
