"""The benchmark's one table, from the figures the other scripts wrote in var/ (bench/run.sh runs them
all, then this): each target of the README with what was measured and whether it is met.

    .venv/bin/python bench/table.py
"""

import json
from pathlib import Path

VAR = Path(__file__).resolve().parent.parent / "var"
MAIN_PAGES_SHARE = 10  # each main page at least 1/10 of the login page's requests/s
MAX_QUERIES = 15


def read(name: str) -> dict | None:
    path = VAR / f"bench-{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def row(what: str, measured: str, met: bool | None) -> str:
    verdict = {True: "met", False: "**not met**", None: "–"}[met]
    return f"| {what} | {measured} | {verdict} |"


def pages() -> list[str]:
    full, tenth = read("full"), read("tenth")
    if not full:
        return [row("pages: ≤ 15 queries, flat as the data grows 10×", "bench/pages.py not run", None)]
    warm_over = [key for key, page in full.items() if page["queries"] > MAX_QUERIES]
    cold_over = [key for key, page in full.items() if page["cold"] > MAX_QUERIES]
    grows = [
        key
        for key, page in full.items()
        if tenth and key in tenth and page["queries"] > tenth[key]["queries"] and page["cold"] > tenth[key]["cold"] + 1
    ]
    slowest = max(full.items(), key=lambda item: item[1]["ms"])
    lines = [
        row(
            f"every page ({len(full)} pages of 3 roles, detail pages included) ≤ {MAX_QUERIES} queries",
            f"warm (between two writes): most {max(page['queries'] for page in full.values())}, over: {len(warm_over)}"
            f"{' – ' + ', '.join(warm_over) if warm_over else ''}",
            not warm_over,
        ),
        row(
            "… the first request after a write (kept figures and pages computed again)",
            f"most {max(page['cold'] for page in full.values())}; over {MAX_QUERIES}: {len(cold_over)}"
            f"{' – ' + ', '.join(cold_over) if cold_over else ''}",
            not cold_over,
        ),
        row(
            "flat as the data grows 10× (national vs one tenth)",
            f"{len(grows)} pages issue more queries on the whole country{' – ' + ', '.join(grows) if grows else ''}",
            not grows if tenth else None,
        ),
        row("slowest page (median, in-process)", f"{slowest[0]}: {slowest[1]['ms']} ms", None),
    ]
    return lines


def load() -> list[str]:
    figures = read("load")
    if not figures:
        return [row("main pages ≥ 1/10 of the login page's requests/s", "bench/load.sh not run", None)]
    login = figures["login page (anonymous)"]["rps"]
    lines = []
    for label, page in figures.items():
        share = login / page["rps"] if page["rps"] else float("inf")
        measured = f"{page['rps']:,.0f} req/s (1/{share:.1f} of login), p50 {page['p50_ms']} ms"
        measured += f", p95 {page['p95_ms']} ms, {page['errors']} errors"
        met = share <= MAIN_PAGES_SHARE and not page["errors"]
        lines.append(row(f"load: {label}", measured, met if not label.startswith(("login", "/healthz/")) else None))
    return lines


def documents() -> list[str]:
    figures = read("documents")
    if not figures:
        return [row("documents: cached ≥ 50× faster than the first render", "bench/documents.py not run", None)]
    lines = []
    for name, document in figures["documents"].items():
        measured = f"first {document['first_ms']:,.0f} ms, cached {document['cached_ms']} ms"
        measured += f" ({document['ratio']:,.0f}×)"
        lines.append(row(f"document: {name}", measured, document["meets_target"]))
    return lines


def imports() -> list[str]:
    figures = read("imports")
    if not figures:
        return [row("import of 10,000 rows ≤ 3× openpyxl, < 200 MB", "bench/imports.py not run", None)]
    return [
        row(
            "import: 10,000-row village list, preview ≤ 3× openpyxl's read",
            f"openpyxl {figures['openpyxl_s']} s, portal read {figures['read_sheet_s']} s, preview"
            f" {figures['preview_s']} s ({figures['preview_ratio']}×)",
            figures["time_met"],
        ),
        row(
            "import: under 200 MB",
            f"tracemalloc peak {figures['preview_peak_mb']} MB, process max RSS {figures['max_rss_mb']} MB",
            figures["memory_met"],
        ),
    ]


def peak() -> list[str]:
    lines = []
    runs = (
        ("peak", "as shipped: every commune of the portal's province"),
        ("peak-widen", "widened: every commune of the country"),
    )
    for name, label in runs:
        figures = read(name)
        if not figures:
            continue
        p95 = ", ".join(f"{kind} {latency['p95']} ms" for kind, latency in figures["latency_ms"].items())
        errors = sum(figures["errors"].values()) if figures["errors"] else 0
        measured = (
            f"{figures['submitted']:,} of {figures['tried']:,} reports in {figures['duration_s']} s"
            f" ({figures['submissions_per_s']}/s, {figures['margin']}× the hour's rate), p95 {p95}, {errors} errors,"
            f" one report per commune: {'yes' if figures['one_per_commune'] else 'no'}"
        )
        lines.append(row(f"deadline peak, {label}", measured, not errors and figures["one_per_commune"]))
    return lines or [row("deadline peak: no error", "bench/peak.py not run", None)]


def instances() -> list[str]:
    figures = read("instances")
    if not figures:
        return [row("two instances behind nginx: session, cache, upload", "bench/instances.sh not run", None)]
    return [row(f"two instances: {name}", check["said"], check["passed"]) for name, check in figures.items()]


if __name__ == "__main__":
    print("| target | measured | |")
    print("|---|---|---|")
    for part in (pages, load, documents, imports, peak, instances):
        for line in part():
            print(line)
