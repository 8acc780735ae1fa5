"""The deadline-day peak: every current commune of the country sends its periodic report, over HTTP.

    DATABASE_URL=… .venv/bin/python bench/peak.py --out var/bench-peak.json
    DATABASE_URL=… .venv/bin/python bench/peak.py --clients 32 --seconds 600   # the hour in ten minutes
    DATABASE_URL=… .venv/bin/python bench/peak.py --scope province             # the communes the portal takes
    DATABASE_URL=… .venv/bin/python bench/peak.py --widen                      # what if it took the country's
    DATABASE_URL=… .venv/bin/python bench/peak.py --remove                     # what the runs left, removed

The portal's own server with production settings (gunicorn, 2 workers, DEBUG=0, as bench/load.sh
starts it) on 127.0.0.1:8041, started and stopped by this script. Each commune's officer does what
the browser does: opens the report form of an open period its commune has not reported for, reads the
CSRF and submit-once tokens, posts the filled form (narrative, figures, money typed "1.250.000.000",
the confirmation, no file), and follows the redirect to the report. The 3,321 submissions of the
deadline hour are replayed by --clients concurrent clients (threads of the standard library's
http.client), as fast as they go or spread over --seconds. Printed: submissions, duration,
submissions per second beside the real hour's rate (3,321 / 3,600 s), errors (HTTP status outside
2xx/3xx, a form refused, exceptions), p50/p95 of each kind of request; then the database is checked:
exactly one report per commune, no duplicate, none lost.

The officers are bench users, one per current commune ("bench.xa.<code>", created in bulk where
missing), signed in by sessions made in the session store (removed at the end). Every row a run
writes is sent by a bench user: a run first removes the reports bench users sent in the period it
uses (with their history and submitted-form records), so it can be run again.

The portal takes periodic reports only from the units of its own province (PORTAL_PROVINCE_CODE;
monitoring.selectors.reports.units_due): the other communes' form answers 404, and the run says how
many. --widen starts the server through `widened_application` below, in which units_due covers the
whole country: a what-if of the same code path at the national volume, not the portal as it is.
"""

import argparse
import http.client
import os
import queue
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

PORT = 8041
CLIENTS = 16
HOUR_SUBMISSIONS = 3321
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",  # as bench/load.sh
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}
REFUSED = r'class="[^"]*(?:alert-danger|invalid-feedback)[^"]*"[^>]*>(.*?)<'  # what a refused form says
OFFICER_PREFIX = f"{common.BENCH_PREFIX}xa."
NARRATIVE = (
    "1. Kết quả thực hiện trong kỳ: {name} đã triển khai các dự án hỗ trợ phát triển sản xuất, duy tu bảo dưỡng"
    " công trình hạ tầng; tổ chức {classes} lớp tập huấn cho {trainees} lượt người dân.\n\n"
    "2. Khó khăn, vướng mắc: thời tiết mưa kéo dài làm chậm tiến độ thi công; một số hộ chưa đối ứng đủ.\n\n"
    "3. Kiến nghị: đề nghị tỉnh sớm giao vốn năm sau để xã chủ động kế hoạch."
)


def widened_application():
    """(gunicorn, --widen) The portal's WSGI application with every current commune of the country due
    to report, not only the province's: the same views and services at the national volume."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "p135portal.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from communes.models import Unit
    from monitoring.selectors import reports

    reports.units_due = lambda period: Unit.objects.filter(reports._due_on(period.ends_on))
    return application


# ------------------------------------------------------------------ the data of a run


def officers(communes) -> dict[int, object]:
    """{commune id: its bench officer}, created in bulk where missing."""
    wanted = {f"{OFFICER_PREFIX}{commune.code}": ("local_officer", commune.pk) for commune in communes}
    users = common.bench_users(wanted)
    return {user.unit_id: user for user in users.values()}


def bench_rows(period=None):
    """The reports bench users sent (in `period`)."""
    from monitoring.models import PeriodicReport

    reports = PeriodicReport.objects.filter(sent_by__username__startswith=common.BENCH_PREFIX)
    return reports.filter(period=period) if period is not None else reports


def remove_bench_reports(period=None) -> int:
    """Removes the reports bench users sent (in `period`), with their files, their history and the
    submitted-form records of bench users."""
    from django.db import transaction

    from monitoring.models import PeriodicReport, ReportAttachment
    from p135portal.models import SentForm

    with transaction.atomic():
        pks = list(bench_rows(period).values_list("pk", flat=True))
        PeriodicReport.objects.filter(pk__in=pks).delete()
        ReportAttachment.history.filter(report_id__in=pks).delete()
        PeriodicReport.history.filter(id__in=pks).delete()  # the records of their sending and of this removal
        SentForm.objects.filter(user__username__startswith=common.BENCH_PREFIX).delete()
    return len(pks)


def remove_bench_users() -> int:
    from p135portal.models import User

    users = User.objects.filter(username__startswith=common.BENCH_PREFIX)
    pks = list(users.values_list("pk", flat=True))
    removed = users.delete()[1].get(User._meta.label, 0)
    User.history.filter(id__in=pks).delete()  # with the records of this removal
    return removed


def choose_period(communes, today):
    """The open period for communes (reports may be sent) with the fewest reports from these communes not
    sent by bench users (the latest of those): (period, {ids of the communes that reported it already})."""
    from monitoring.models import PeriodicReport, ReportingRegime, ReportPeriod
    from monitoring.selectors.reports import reporting_level

    regimes = list(ReportingRegime.objects.all())
    ids = [commune.pk for commune in communes]
    candidates = [
        period
        for period in ReportPeriod.objects.select_related("schedule").order_by("-ends_on")
        if period.opens_on <= today and reporting_level(period.ends_on, regimes) == ReportingRegime.Level.COMMUNE
    ]
    if not candidates:
        raise SystemExit("No open reporting period for communes: create the year's schedule first.")

    def reported(period) -> set[int]:
        reports = PeriodicReport.objects.filter(period=period, unit__in=ids)
        return set(reports.exclude(sent_by__username__startswith=common.BENCH_PREFIX).values_list("unit_id", flat=True))

    taken = {period.pk: reported(period) for period in candidates}
    period = min(candidates, key=lambda period: len(taken[period.pk]))  # the first, the latest, among equals
    return period, taken[period.pk]


# ------------------------------------------------------------------ the server


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_server(port: int, *, widen: bool, log: Path) -> subprocess.Popen:
    """gunicorn with production settings and two workers, as bench/load.sh starts it; this process's child."""
    root = common.ROOT
    env = {**os.environ, **SERVER_ENV}
    subprocess.run(
        [str(root / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=env,
        check=True,
    )
    app = ["--pythonpath", str(root / "bench"), "peak:widened_application()"] if widen else ["p135portal.wsgi"]
    command = [str(root / ".venv/bin/gunicorn"), *app, "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit {server.returncode}); see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/dang-nhap/")  # not /healthz/: it also says 503 when no task worker runs
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"gunicorn did not serve the login page within 60 s; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    """Stops the gunicorn this script started (its master stops its workers), by its pid only."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# ------------------------------------------------------------------ one officer's submission


class FormReader(HTMLParser):
    """The fields of the page's multipart form (the report form; the page's other form is the logout)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"_enctype": attrs.get("enctype", "")})
            self._in_form = True
        elif self._in_form and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("checkbox", "file", "submit"):
                self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif self._in_form and tag == "textarea":
            self._textarea = attrs.get("name")
            self.forms[-1][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def report_form(self) -> dict:
        return next(form for form in self.forms if "multipart" in form["_enctype"])


def multipart(fields: list[tuple[str, str]], files: list[str]) -> tuple[bytes, str]:
    """The body a browser posts for a multipart form: the fields, and an empty part per file input left empty."""
    boundary = f"----benchform{uuid.uuid4().hex}"
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    for name in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n"
        )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


def grouped(amount: int) -> str:
    """900000000 → "900.000.000", as a person types money in the form."""
    return f"{amount:,}".replace(",", ".")


@dataclass
class Job:
    commune_id: int
    commune_name: str
    session: str
    at: float = 0.0  # seconds after the start when this submission arrives (0: at once)
    figures: dict = field(default_factory=dict)


@dataclass
class Outcome:
    requests: list = field(default_factory=list)  # (kind, status or None, seconds)
    submitted: bool = False
    error: str = ""


class Client:
    """One officer's browser: a connection, the session cookie, the cookies the server sets."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, cookies, body=None, headers=None):
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers = {"Cookie": cookie, "User-Agent": "bench/peak", **(headers or {})}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # a fresh connection for the next request
            raise
        seconds = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response, content, seconds


def submit(client: Client, job: Job, period_pk: int) -> Outcome:
    from django.urls import reverse

    outcome = Outcome()
    cookies = {"sessionid": job.session}
    form_path = reverse("monitoring:report_submit", args=[period_pk, job.commune_id])
    origin = f"http://127.0.0.1:{client.port}"
    try:
        response, content, seconds = client.request("GET", form_path, cookies)
        outcome.requests.append(("form", response.status, seconds))
        if response.status != 200:
            outcome.error = f"form: HTTP {response.status}"
            return outcome
        reader = FormReader()
        reader.feed(content.decode())
        form = reader.report_form()
        typed = {
            "disbursed": grouped(job.figures["disbursed"]),
            "paid": grouped(job.figures["paid"]),
            "classes": str(job.figures["classes"]),
            "trainees": grouped(job.figures["trainees"]),
            "poor_households_out": str(job.figures["poor_households_out"]),
            "narrative": NARRATIVE.format(
                name=job.commune_name, classes=job.figures["classes"], trainees=grouped(job.figures["trainees"])
            ),
            "confirmed": "on",
        }
        fields = [(name, value) for name, value in form.items() if not name.startswith("_") or name == "_once"]
        fields = [(name, typed.pop(name, value)) for name, value in fields] + list(typed.items())
        body, content_type = multipart(fields, ["attachments"])
        headers = {"Content-Type": content_type, "Origin": origin, "Referer": origin + form_path}
        response, content, seconds = client.request("POST", form_path, cookies, body, headers)
        outcome.requests.append(("submit", response.status, seconds))
        if response.status != 302:
            refused = re.findall(
                r'class="[^"]*(?:alert-danger|invalid-feedback)[^"]*"[^>]*>(.*?)<', content.decode(), re.S
            )
            reason = " ".join(" ".join(text.split()) for text in refused)[:200]
            outcome.error = f"submit: HTTP {response.status}{' refused: ' + reason if reason else ''}"
            return outcome
        outcome.submitted = True
        location = response.getheader("Location")
        response, content, seconds = client.request("GET", location, cookies)
        outcome.requests.append(("result", response.status, seconds))
        if response.status != 200:
            outcome.error = f"result: HTTP {response.status}"
    except Exception as error:  # counted, shown, and the run goes on: a client meets every kind at a peak
        outcome.requests.append(("exception", None, 0.0))
        outcome.error = f"exception: {type(error).__name__}: {error}"
    return outcome


def replay(jobs: list[Job], period_pk: int, *, clients: int, port: int) -> tuple[dict, float]:
    """The jobs run by `clients` threads; {commune id: Outcome} and the seconds the whole took."""
    waiting: queue.Queue = queue.Queue()
    for job in jobs:
        waiting.put(job)
    outcomes: dict[int, Outcome] = {}
    lock = threading.Lock()
    started = time.monotonic()
    done = [0]

    def work():
        client = Client(port)
        while True:
            try:
                job = waiting.get_nowait()
            except queue.Empty:
                return
            delay = started + job.at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            outcome = submit(client, job, period_pk)
            with lock:
                outcomes[job.commune_id] = outcome
                done[0] += 1
                if done[0] % 250 == 0:
                    elapsed = time.monotonic() - started
                    print(f"  {done[0]:>5} / {len(jobs)} in {elapsed:6.1f} s", flush=True)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.monotonic() - started


# ------------------------------------------------------------------ the run


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def verify(period, communes, jobs: list[Job], outcomes: dict) -> dict:
    """What the database holds after the run: one report per commune that sent one, as typed."""
    from monitoring.models import PeriodicReport

    ids = [job.commune_id for job in jobs]
    saved = list(
        PeriodicReport.objects.filter(period=period, unit__in=ids).values_list(
            "unit_id", "sent_by__username", "disbursed", "paid", "trainees"
        )
    )
    per_unit = Counter(unit for unit, *_rest in saved)
    by_job = {job.commune_id: job for job in jobs}
    accepted = {commune for commune, outcome in outcomes.items() if outcome.submitted}
    as_typed = sum(
        1
        for unit, username, disbursed, paid, trainees in saved
        if username.startswith(OFFICER_PREFIX)
        and (disbursed, paid, trainees)
        == (by_job[unit].figures["disbursed"], by_job[unit].figures["paid"], by_job[unit].figures["trainees"])
    )
    return {
        "communes": len(ids),
        "reports_saved": len(saved),
        "exactly_one": sum(1 for count in per_unit.values() if count == 1),
        "duplicates": sum(1 for count in per_unit.values() if count > 1),
        "accepted_by_the_server": len(accepted),
        "lost": len(accepted - set(per_unit)),  # the server said saved (302), the database has none
        "without_report": len(set(ids) - set(per_unit)),
        "figures_as_typed": as_typed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="var/bench-peak.json")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=0, help="spread the arrivals over this time (0: at once)")
    parser.add_argument(
        "--scope",
        choices=["country", "province"],
        default="country",
        help="every current commune of the country, or only those of the portal's province",
    )
    parser.add_argument("--widen", action="store_true", help="what-if: the portal takes every commune's report")
    parser.add_argument("--limit", type=int, help="only so many communes (a quick try)")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--remove", action="store_true", help="remove every bench report and bench user, then stop")
    args = parser.parse_args()
    os.environ.update(SERVER_ENV)  # sessions are signed with the server's SECRET_KEY
    common.setup()
    from django.utils import timezone

    from communes.models import Unit
    from monitoring.selectors.reports import units_due

    if args.remove:
        print(
            f"Removed {remove_bench_reports():,} reports sent by bench users, and {remove_bench_users():,} bench users."
        )
        return
    if port_in_use(args.port):
        raise SystemExit(f"Port {args.port} is in use: stop what listens there or choose --port.")

    communes = Unit.objects.current().filter(level=Unit.Level.COMMUNE).order_by("code")
    if args.scope == "province":
        communes = communes.of_portal_province()
    communes = list(communes[: args.limit] if args.limit else communes)
    today = timezone.localdate()
    period, reported = choose_period(communes, today)
    removed = remove_bench_reports(period)
    started = time.monotonic()
    users = officers(communes)
    targets = [commune for commune in communes if commune.pk not in reported]
    sessions = common.sessions_for([users[commune.pk] for commune in targets])
    prepared = time.monotonic() - started
    due = {commune.pk for commune in targets}
    if not args.widen:
        due &= set(units_due(period).filter(pk__in=list(due)).values_list("pk", flat=True))
    rng = random.Random(3321)
    jobs = []
    for commune in targets:
        disbursed = rng.randrange(50, 5_000) * 1_000_000
        figures = {
            "disbursed": disbursed,
            "paid": disbursed - rng.randrange(0, 50) * 1_000_000,
            "classes": rng.randrange(0, 12),
            "trainees": rng.randrange(0, 2_500),
            "poor_households_out": rng.randrange(0, 60),
        }
        jobs.append(Job(commune.pk, commune.name, sessions[users[commune.pk].pk], figures=figures))
    rng.shuffle(jobs)  # the order officers come in, not the order of the codes
    if args.seconds:
        for job, at in zip(jobs, sorted(rng.uniform(0, args.seconds) for _ in jobs), strict=True):
            job.at = at

    print(f"Period: {period} (opens {period.opens_on:%d/%m/%Y}, due {period.due_on:%d/%m/%Y}), today {today:%d/%m/%Y}")
    print(
        f"Communes: {len(communes):,} current ({args.scope}); {len(reported):,} reported already, left out;"
        f" {len(targets):,} to submit; removed {removed:,} reports of an earlier run"
    )
    print(f"Bench officers and sessions ready in {prepared:.1f} s")
    if args.widen:
        print(f"What-if (--widen): the server takes this period's report from all {len(due):,} of them")
    else:
        print(f"The portal takes this period's report from {len(due):,} of them")
    if len(due) < len(targets) and not args.widen:
        print(
            f"  {len(targets) - len(due):,} communes are outside the portal's province (PORTAL_PROVINCE_CODE):"
            " their form answers 404"
        )
    log = common.ROOT / "var" / "bench-peak-gunicorn.log"
    server = start_server(args.port, widen=args.widen, log=log)
    print(f"gunicorn pid {server.pid} on 127.0.0.1:{args.port}, 2 workers, production settings (log {log})")
    pace = f"spread over {args.seconds:g} s" if args.seconds else "as fast as they go"
    print(f"Replaying {len(jobs):,} submissions with {args.clients} clients, {pace} …", flush=True)
    try:
        outcomes, duration = replay(jobs, period.pk, clients=args.clients, port=args.port)
    finally:
        stop_server(server)
        common.end_sessions(sessions.values())

    times: dict[str, list[float]] = defaultdict(list)
    statuses: Counter = Counter()
    errors: Counter = Counter()
    for outcome in outcomes.values():
        for kind, status, seconds in outcome.requests:
            if status is not None:
                times[kind].append(seconds)
                statuses[kind, status] += 1
        if outcome.error:
            errors[re.sub(r"\d{3,}", "…", outcome.error) if "exception" in outcome.error else outcome.error] += 1
    submitted = sum(1 for outcome in outcomes.values() if outcome.submitted)
    requests = sum(len(values) for values in times.values())
    real_rate = HOUR_SUBMISSIONS / 3600
    rate = submitted / duration if duration else 0
    check = verify(period, communes, jobs, outcomes)

    print(f"\nSubmissions: {len(jobs):,} tried, {submitted:,} saved by the server (302) in {duration:.1f} s")
    print(f"Requests: {requests:,} ({requests / duration:.1f}/s)")
    print(
        f"Rate: {rate:.2f} submissions/s; the real hour's rate is {HOUR_SUBMISSIONS:,}/3600 = {real_rate:.2f}/s:"
        f" margin {rate / real_rate:.1f}×"
    )
    if args.seconds:
        print("  (arrivals paced by --seconds: this is the rate asked for; without --seconds it is the capacity)")
    print(f"\n{'request':<10} {'count':>6} {'p50 ms':>8} {'p95 ms':>8}   statuses")
    for kind in ("form", "submit", "result"):
        values = times.get(kind, [])
        if not values:
            continue
        codes = ", ".join(f"{status}: {count:,}" for (k, status), count in sorted(statuses.items()) if k == kind)
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"{kind:<10} {len(values):>6,} {p50:>8.0f} {p95:>8.0f}   {codes}")
    print(f"\nErrors: {sum(errors.values()):,}")
    for error, count in errors.most_common(10):
        print(f"  {count:>6,} × {error}")
    print(
        f"\nDatabase: {check['reports_saved']:,} reports of {check['communes']:,} communes in {period};"
        f" exactly one: {check['exactly_one']:,}; duplicates: {check['duplicates']}; lost (302 but not saved):"
        f" {check['lost']}; without a report: {check['without_report']:,};"
        f" figures as typed: {check['figures_as_typed']:,}"
    )
    complete = check["duplicates"] == 0 and check["lost"] == 0 and check["without_report"] == 0
    print(f"One report per commune, none lost: {'yes' if complete else 'NO'}")
    common.write_json(
        args.out,
        {
            "period": str(period),
            "scope": args.scope,
            "widen": args.widen,
            "clients": args.clients,
            "spread_seconds": args.seconds,
            "communes": len(communes),
            "due_in_portal": len(due),
            "tried": len(jobs),
            "submitted": submitted,
            "duration_s": round(duration, 1),
            "requests": requests,
            "submissions_per_s": round(rate, 2),
            "real_hour_per_s": round(real_rate, 3),
            "margin": round(rate / real_rate, 1),
            "latency_ms": {
                kind: {
                    "count": len(values),
                    "p50": round(percentile(values, 0.5) * 1000, 1),
                    "p95": round(percentile(values, 0.95) * 1000, 1),
                    "mean": round(statistics.mean(values) * 1000, 1),
                }
                for kind, values in times.items()
            },
            "statuses": {f"{kind} {status}": count for (kind, status), count in sorted(statuses.items())},
            "errors": dict(errors),
            "database": check,
            "one_per_commune": complete,
        },
    )


if __name__ == "__main__":
    main()
