"""Every printed document of the portal: its first render and its cached download, in one run.

    DATABASE_URL=… DEBUG=1 .venv/bin/python bench/documents.py --out var/bench-documents.json

For each PDF/DOCX download (annual plan, its issued version, plan against actual, implementation
plan, handover BIÊN BẢN, periodic report, evaluation, inspection round, a period's summary, the
leaders' BÁO CÁO tổng hợp, allocation annex …), as a user who may download it, in the Django test
client: the first render (the time of client.get after the rendered documents and cached figures
are removed from the cache: p135portal/documents/cache.py keeps renders under "document:…",
p135portal/freshness.py figures under "fresh:…"; --clear-all clears the whole cache instead) and the
median of several cached downloads, with the ratio. Target: cached at least 50 times faster. A
download that leaves no rendered document in the cache is reported as not cached.

Each first render is the median of three (--first-runs), and every document is requested once
before it is measured, so a first render is that of a warm server. A signed-in request of /healthz/
is shown beside them: the floor under any download. The BÁO CÁO tổng hợp is written in the
background (summary/tasks.py): its first render is the request, the task run here as the worker
would run it, and the download of the written file.

Not part of the tests: run it on the national data (seed_demo --scale national). The downloads are
made by bench users (bench.docs.*) with the roles of the demo's users; the summary files they ask
for are removed at the end.
"""

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

TARGET = 50
RUNS = 7
FIRST_RUNS = 3


@dataclass
class Download:
    label: str
    url: str
    user: str  # key of USERS


USERS = {
    "staff": ("bench.docs.staff", "province_staff", None),
    "leader": ("bench.docs.leader", "leader", None),
    "officer": ("bench.docs.officer", "local_officer", "xa.dongdang"),  # the unit of this demo officer
}
VERSION_URLS = {
    "ke-hoach-nang-cao-nang-luc": "trainings:plan_outline_version",
    "ke-hoach-trien-khai": "monitoring:plan_outline_version",
    "bao-cao-dinh-ky": "monitoring:report_outline_version",
    "bien-ban-ban-giao": "monitoring:handover_outline_version",
    "bao-cao-danh-gia": "monitoring:evaluation_outline_version",
}


def downloads(officer) -> tuple[list[Download], list[str]]:
    """Every document download the data offers, with the row it prints; and what the data lacks."""
    from django.db.models import Count
    from django.urls import reverse

    from budgets.models import Allocation
    from monitoring.models import (
        Evaluation,
        Handover,
        ImplementationPlan,
        InspectionRound,
        PeriodicReport,
        ReportPeriod,
    )
    from p135portal.models import DocumentVersion
    from trainings.models import AnnualPlan

    found, lacking = [], []

    def both(label, name, row, user, formats=("pdf", "docx")):
        if row is None:
            lacking.append(label)
            return
        for extension in formats:
            url = reverse(f"{name}_{extension}", args=[row.pk])
            found.append(Download(f"{label} {extension.upper()}", url, user))

    plan = AnnualPlan.objects.order_by("-year").first()
    both(f"Annual plan {plan.year if plan else ''}".strip(), "trainings:plan", plan, "staff")
    both("Plan against actual", "trainings:plan_actual", plan, "staff")
    both("Implementation plan", "monitoring:plan", ImplementationPlan.objects.order_by("-pk").first(), "staff")
    both("Handover BIÊN BẢN", "monitoring:handover", Handover.objects.order_by("-pk").first(), "staff")
    report = PeriodicReport.objects.filter(unit=officer.unit).order_by("-period__ends_on").first()
    both("Periodic report (officer)", "monitoring:report", report, "officer")
    both("Evaluation", "monitoring:evaluation", Evaluation.objects.order_by("-pk").first(), "staff")
    both(
        "Inspection round report",
        "monitoring:inspection_round",
        InspectionRound.objects.order_by("-pk").first(),
        "staff",
    )
    busiest = ReportPeriod.objects.annotate(sent=Count("reports")).order_by("-sent", "-ends_on")
    period = busiest.first()
    if period is None:
        lacking.append("Summary of a period")
    else:
        url = reverse("monitoring:report_period_summary", args=[period.pk])
        found.append(Download(f"Summary of a period ({period}) PDF", url, "staff"))
    found.append(Download("Leaders' BÁO CÁO tổng hợp PDF", reverse("summary:summary_pdf"), "leader"))
    found.append(Download("Leaders' BÁO CÁO tổng hợp DOCX", reverse("summary:summary_docx"), "leader"))
    allocation = Allocation.objects.annotate(n=Count("shares")).order_by("-n").first()
    both("Allocation annex", "budgets:allocation", allocation, "staff", formats=("pdf",))
    for kind, name in VERSION_URLS.items():
        version = DocumentVersion.objects.filter(kind=kind).order_by("-object_id", "-number").first()
        if version is None:
            lacking.append(f"Issued version of {kind}")
            continue
        url = reverse(name, kwargs={"pk": version.object_id, "number": version.number})
        found.append(Download(f"Issued version: {kind} #{version.object_id} v{version.number} PDF", url, "staff"))
    return found, lacking


# ------------------------------------------------------------------ the render cache


def _cache_table() -> str | None:
    from django.conf import settings

    config = settings.CACHES["default"]
    return config["LOCATION"] if config["BACKEND"].endswith("DatabaseCache") else None


def clear_rendered(everything: bool) -> None:
    """Removes the rendered documents and the cached figures (or, with `everything`, the whole cache)."""
    from django.core.cache import cache
    from django.db import connection

    table = _cache_table()
    if everything or table is None:
        cache.clear()
        return
    with connection.cursor() as cursor:
        for prefix in ("document:", "fresh:"):
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(table)} WHERE cache_key LIKE %s",
                [cache.make_key(prefix) + "%"],
            )


def rendered_count() -> int | None:
    """How many rendered documents the cache holds (None: a cache this script cannot count)."""
    from django.core.cache import cache
    from django.db import connection

    table = _cache_table()
    if table is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {connection.ops.quote_name(table)} WHERE cache_key LIKE %s",
            [cache.make_key("document:") + "%"],
        )
        return cursor.fetchone()[0]


# ------------------------------------------------------------------ one download


def fetch(client, url: str):
    """The document as a person gets it: (response, seconds, how). A summary not yet written is
    written by its task here, as the background worker would, then downloaded."""
    from django.urls import resolve

    started = time.perf_counter()
    response = client.get(url)
    how = "direct"
    if response.status_code == 302 and resolve(response["Location"]).url_name == "file_detail":
        from django_tasks_db.models import DBTaskResult

        from summary.tasks import write_summary

        record = str(resolve(response["Location"]).kwargs["pk"])
        write_summary.call(record)
        response = client.get(response["Location"] + "tai-ve/")
        how = "background task"
        # The queued task was run here: nothing is left for a worker to pick up.
        DBTaskResult.objects.filter(args_kwargs__args=[record]).delete()
    return response, time.perf_counter() - started, how


def timed(client, url: str) -> float:
    started = time.perf_counter()
    client.get(url)
    return time.perf_counter() - started


def measure(download: Download, client, *, runs: int, first_runs: int, clear_all: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    firsts = []
    for _ in range(first_runs):
        clear_rendered(clear_all)
        first, seconds, how = fetch(client, download.url)
        if first.status_code != 200:
            return {"url": download.url, "user": download.user, "error": f"HTTP {first.status_code}"}
        firsts.append(seconds)
    first_seconds = statistics.median(firsts)
    cached_entries = rendered_count()
    times, queries = [], 0
    same = True
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            again = client.get(download.url)
            times.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
        same = same and again.status_code == 200 and again.content == first.content
    cached = statistics.median(times)
    ratio = first_seconds / cached if cached else 0
    return {
        "url": download.url,
        "user": download.user,
        "first_ms": round(first_seconds * 1000, 1),
        "first_ms_all": [round(t * 1000, 1) for t in firsts],
        "first_how": how,
        "cached_ms": round(cached * 1000, 2),
        "cached_ms_all": [round(t * 1000, 2) for t in times],
        "cached_queries": queries,
        "ratio": round(ratio, 1),
        "meets_target": ratio >= TARGET,
        "in_render_cache": None if cached_entries is None else cached_entries > 0,
        "same_bytes": same,
        "kb": round(len(first.content) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="var/bench-documents.json")
    parser.add_argument("--runs", type=int, default=RUNS, help="cached downloads per document (median)")
    parser.add_argument("--first-runs", type=int, default=FIRST_RUNS, help="first renders per document (median)")
    parser.add_argument("--clear-all", action="store_true", help="clear the whole Django cache before a first render")
    parser.add_argument("--only", help="documents whose label contains this text")
    args = parser.parse_args()
    common.setup()
    from django.test import Client
    from django.urls import reverse

    from p135portal.models import User
    from summary.models import SummaryFile

    units = {key: User.objects.get(username=unit).unit_id if unit else None for key, (_n, _r, unit) in USERS.items()}
    users = common.bench_users({name: (role, units[key]) for key, (name, role, _unit) in USERS.items()})
    clients = {}
    for key, (name, _role, _unit) in USERS.items():
        clients[key] = Client(HTTP_HOST="127.0.0.1")
        clients[key].force_login(users[name])
    found, lacking = downloads(users[USERS["officer"][0]])
    if args.only:
        found = [download for download in found if args.only.lower() in download.label.lower()]

    print("Warm-up: every document once (templates, fonts, code paths) …", flush=True)
    for download in found:
        fetch(clients[download.user], download.url)

    baseline = statistics.median(timed(clients["staff"], reverse("healthz")) for _ in range(args.runs))
    print(f"\nBaseline: a signed-in request that renders nothing (/healthz/): {baseline * 1000:.2f} ms")
    print(f"\n{'document':<62} {'user':<8} {'first ms':>9} {'cached ms':>9} {'q':>3} {'ratio':>7}  ≥{TARGET}×")
    results = {}
    try:
        for download in found:
            result = measure(
                download, clients[download.user], runs=args.runs, first_runs=args.first_runs, clear_all=args.clear_all
            )
            results[download.label] = result
            if "error" in result:
                print(f"{download.label:<62} {download.user:<8} {result['error']}", flush=True)
                continue
            notes = []
            if result["in_render_cache"] is False:
                notes.append("NOT CACHED (no rendered document kept)")
            if not result["same_bytes"]:
                notes.append("cached download differs from the first")
            if result["first_how"] != "direct":
                notes.append(f"first: request + {result['first_how']} + file download")
            print(
                f"{download.label:<62} {download.user:<8} {result['first_ms']:>9.1f} {result['cached_ms']:>9.2f}"
                f" {result['cached_queries']:>3} {result['ratio']:>6.1f}×  {'yes' if result['meets_target'] else 'NO'}"
                f"{'  ' + '; '.join(notes) if notes else ''}",
                flush=True,
            )
    finally:
        SummaryFile.objects.filter(requested_by__username__startswith=common.BENCH_PREFIX).delete()
        for client in clients.values():
            client.logout()

    measured = [result for result in results.values() if "error" not in result]
    met = [label for label, result in results.items() if result.get("meets_target")]
    missed = [label for label, result in results.items() if "error" not in result and not result["meets_target"]]
    print(f"\n{len(met)}/{len(measured)} documents meet the target (cached ≥ {TARGET}× faster than the first render).")
    for label in missed:
        result = results[label]
        print(f"  below target: {label}: {result['first_ms']} ms → {result['cached_ms']} ms ({result['ratio']}×)")
    for label, result in results.items():
        if "error" in result:
            print(f"  failed: {label} ({result['url']}): {result['error']}")
    for label in lacking:
        print(f"  not in the data, not measured: {label}")
    common.write_json(
        args.out,
        {
            "target_ratio": TARGET,
            "runs": args.runs,
            "first_runs": args.first_runs,
            "baseline_healthz_ms": round(baseline * 1000, 2),
            "cleared": "whole cache" if args.clear_all else "document: and fresh: entries",
            "documents": results,
            "not_in_data": lacking,
        },
    )


if __name__ == "__main__":
    main()
