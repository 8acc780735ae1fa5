"""Every page each role can open: the pages without an id found by walking the URL patterns, and the
detail pages (one per kind) found by following the links those pages show the role. For each, the SQL
queries of the first request after the cache is emptied (cold: every kept figure and page computed
again), then the queries and median time of five more (warm: as people meet it between two writes),
in the Django test client.

    DATABASE_URL=…/p135nat   DEBUG=1 REDIS_URL=… .venv/bin/python bench/pages.py --out var/bench-full.json
    DATABASE_URL=…/p135nat10 DEBUG=1 REDIS_URL=… .venv/bin/python bench/pages.py --out var/bench-tenth.json
    .venv/bin/python bench/pages.py --table var/bench-full.json var/bench-tenth.json

Not part of the tests: run it on the national data (seed_demo --scale national / national-tenth). With
REDIS_URL set, as a national deployment runs, cache reads and writes are not SQL queries.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "p135portal.settings")

USERS = ["bandantoc", "lanhdao", "xa.dongdang"]
RUNS = 5
LINK = re.compile(r'href="(/[^"#?]*\d[^"#?]*)"')
NOT_PAGES = (".pdf", ".docx", ".xlsx", "/pdf/", "/docx/", "/excel/", "/tai-ve/", "/tep/", "/xoa/")


def measure(out: str) -> None:
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    from p135portal.models import User
    from tests.test_every_url import registered_urls

    def one(client, url: str) -> dict | None:
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            return None  # not this role's page, a POST-only action, or a file
        times, queries = [], 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            queries = len(captured.captured_queries)
        links = LINK.findall(response.text)
        return {"cold": len(cold.captured_queries), "queries": queries, "ms": round(statistics.median(times), 1)}, links

    results = {}
    for username in USERS:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        found: dict[str, str] = {}  # a detail page of each kind (URL name) the role is shown a link to
        for url, _view in registered_urls():
            if any(part.isdigit() for part in url.split("/")) or url.startswith("/quan-tri/") or "?" in url:
                continue
            measured = one(client, url)
            if measured is None:
                continue
            figures, links = measured
            results[f"{username} {url}"] = figures
            print(f"{username:<12} {url:<64} {figures['cold']:>4} {figures['queries']:>4} q {figures['ms']:>8.1f} ms")
            for link in links:
                if link.endswith(NOT_PAGES) or any(part in link for part in NOT_PAGES):
                    continue
                try:
                    name = resolve(link).view_name
                except Resolver404:
                    continue
                found.setdefault(name, link)
        for name, url in sorted(found.items()):
            measured = one(client, url)
            if measured is None:
                continue
            figures = measured[0]
            key = f"{username} {re.sub(r'/\d+/', '/<id>/', url)} ({name})"
            results[key] = figures
            print(f"{username:<12} {url:<64} {figures['cold']:>4} {figures['queries']:>4} q {figures['ms']:>8.1f} ms")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def table(full: str, tenth: str) -> None:
    big, small = json.loads(Path(full).read_text()), json.loads(Path(tenth).read_text())
    missing = {"cold": "-", "queries": "-", "ms": "-"}
    print(f"{'page (role, address)':<90} {'q cold':>6} {'1/10':>5} {'q warm':>6} {'1/10':>5} {'ms':>7} {'1/10':>7}")
    over = []
    for key in sorted(big):
        one, other = big[key], small.get(key, missing)
        flag = "  >15 q" if max(one["cold"], one["queries"]) > 15 else ""
        grows = other["queries"] != "-" and (one["queries"] > other["queries"] or one["cold"] > other["cold"] + 1)
        flag += "  grows" if grows else ""
        print(
            f"{key:<90} {one['cold']:>6} {other['cold']:>5} {one['queries']:>6} {other['queries']:>5}"
            f" {one['ms']:>7} {other['ms']:>7}{flag}"
        )
        if flag:
            over.append(key)
    print(f"\n{len(big)} pages; {len(over)} over 15 queries or growing with the data.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out")
    parser.add_argument("--table", nargs=2)
    args = parser.parse_args()
    if args.table:
        table(*args.table)
    else:
        measure(args.out)
