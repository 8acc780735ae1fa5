"""Every page each role can open (found by walking the URL patterns without an id, and the detail
pages of the first rows): SQL queries and median time of five requests, in the Django test client.

    DATABASE_URL=… DEBUG=1 .venv/bin/python bench/pages.py --out var/bench-full.json
    DATABASE_URL=… DEBUG=1 .venv/bin/python bench/pages.py --out var/bench-tenth.json
    .venv/bin/python bench/pages.py --table var/bench-full.json var/bench-tenth.json

Not part of the tests: run it on the national data (seed_demo --scale national / national-tenth).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "p135portal.settings")

USERS = ["bandantoc", "lanhdao", "xa.dongdang"]
RUNS = 5


def measure(out: str) -> None:
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from p135portal.models import User
    from tests.test_every_url import registered_urls

    results = {}
    for username in USERS:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        for url, _view in registered_urls():
            if any(part.isdigit() for part in url.split("/")) or url.startswith("/quan-tri/") or "?" in url:
                continue
            if client.get(url).status_code != 200:  # not this role's page (or a POST-only action)
                continue
            times, queries = [], 0
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                queries = len(captured.captured_queries)
            results[f"{username} {url}"] = {"queries": queries, "ms": round(statistics.median(times), 1)}
            print(f"{username:<12} {url:<60} {queries:>4} q {statistics.median(times):>8.1f} ms", flush=True)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def table(full: str, tenth: str) -> None:
    big, small = json.loads(Path(full).read_text()), json.loads(Path(tenth).read_text())
    print(f"{'page (role, url)':<75} {'q full':>6} {'q 1/10':>6} {'ms full':>8} {'ms 1/10':>8}")
    over = []
    for key in sorted(big):
        one, other = big[key], small.get(key, {"queries": "-", "ms": "-"})
        flag = "  >15 q" if one["queries"] > 15 else ""
        flag += "  grows" if other["queries"] != "-" and one["queries"] > other["queries"] else ""
        print(f"{key:<75} {one['queries']:>6} {other['queries']:>6} {one['ms']:>8} {other['ms']:>8}{flag}")
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
