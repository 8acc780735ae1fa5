"""The checks of the several-instances run (bench/instances.sh starts the instances): the portal holds
no state in a process, so what one instance did, the other sees.

    .venv/bin/python bench/instances.py A_URL B_URL

1. a session made on A (a person signs in with the login form) works on B;
2. a document rendered and cached by A is served by B from the shared cache (same bytes, a fraction
   of the time, no new cache entry);
3. a file uploaded through A (a periodic report's attachment) downloads through B, byte for byte;
4. a summary asked on A is written by the task worker and downloaded on B;
5. five failed logins on A lock the sixth on B (login throttling is counted in the database).

Uses the database in $DATABASE_URL only to find ids and to remove what check 3 sent. Prints one line
per check and exits 1 when one fails.
"""

import http.client
import json
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "p135portal.settings")

PASSWORD = "langson2026"


def a_pdf(note: str) -> bytes:
    """A one-page PDF, as an officer's scanned page would be (the portal opens every PDF it keeps)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": note})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Browser:
    """Cookies kept across instances, as one browser behind the load balancer keeps them."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, base: str, method: str, path: str, body: bytes | None = None, headers=None):
        parts = urlsplit(base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers["Referer"] = f"{base}{path}"
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), content, elapsed

    def csrf(self, base: str, path: str) -> str:
        status, _headers, page, _ = self.request(base, "GET", path)
        assert status == 200, f"GET {path}: {status}"
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def sign_in(self, base: str, username: str) -> None:
        token = self.csrf(base, "/dang-nhap/")
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}).encode()
        status, _headers, _page, _ = self.request(
            base, "POST", "/dang-nhap/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302, f"sign-in of {username} on {base}: {status}"


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "p135portalBenchBoundary"
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    body = "\r\n".join(lines).encode() + b"\r\n"
    for field, filename, content in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        body += head.encode() + b"Content-Type: application/pdf\r\n\r\n" + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def check_session(a: str, b: str) -> str:
    person = Browser()
    person.sign_in(a, "lanhdao")
    status, _headers, page, _ = person.request(b, "GET", "/")
    assert status == 200 and "Lãnh đạo".encode() in page, f"home on B after signing in on A: {status}"
    return "signed in on A (login form), home page on B: 200, the same person"


def check_document_cache(a: str, b: str) -> str:
    from django.core.cache import cache

    from trainings.models import AnnualPlan

    plan = AnnualPlan.objects.order_by("-year").first()
    path = f"/nang-cao-nang-luc/ke-hoach/{plan.pk}/pdf/"
    cache.clear()
    person = Browser()
    person.sign_in(a, "bandantoc")
    status_a, _h, first, rendered = person.request(a, "GET", path)
    entries = _document_entries()
    downloads = [person.request(b, "GET", path) for _ in range(3)]  # B's first request also starts its worker
    status_b, _h, second, _ = downloads[-1]
    served = min(download[3] for download in downloads)
    assert status_a == status_b == 200 and first.startswith(b"%PDF"), f"plan PDF: {status_a}, {status_b}"
    assert first == second, "B served other bytes than A rendered"
    assert entries >= 1 and _document_entries() == entries, "B rendered the document again"
    assert served * 5 < rendered, f"B took {served:.3f} s against A's first render {rendered:.3f} s"
    return (
        f"plan {plan.year} PDF rendered on A in {rendered * 1000:.0f} ms, served by B from the cache"
        f" in {served * 1000:.0f} ms, same {len(first):,} bytes"
    )


def _document_entries() -> int:
    from django.core.cache import caches

    backend = caches["default"]
    if hasattr(backend, "_cache"):  # Redis
        return len(backend._cache.get_client().keys(f"{backend.key_prefix}:*document:*"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM p135portal_cache WHERE cache_key LIKE '%document:%'")
        return cursor.fetchone()[0]


def check_upload(a: str, b: str) -> str:
    from monitoring.models import PeriodicReport, ReportPeriod
    from p135portal.models import User

    officer = User.objects.get(username="xa.dongdang")
    sent = PeriodicReport.objects.filter(unit=officer.unit).values("period")
    period = ReportPeriod.objects.exclude(pk__in=sent).order_by("-ends_on").first()
    assert period is not None, "no period left for which Đồng Đăng has not reported"
    person = Browser()
    person.sign_in(a, officer.username)
    path = f"/giam-sat/bao-cao-dinh-ky/ky/{period.pk}/don-vi/{officer.unit_id}/nop/"
    token = person.csrf(a, path)
    content = a_pdf(f"Kiểm tra nhiều phiên bản {time.time()}")
    fields = {
        "csrfmiddlewaretoken": token,
        "disbursed": "1.250.000.000",
        "paid": "900.000.000",
        "classes": "3",
        "trainees": "120",
        "poor_households_out": "7",
        "narrative": "Kiểm tra chạy nhiều phiên bản: tệp gửi qua phiên bản A.",
        "confirmed": "on",
    }
    body, content_type = multipart(fields, [("attachments", "bao-cao-kem-theo.pdf", content)])
    status, _h, page, _ = person.request(a, "POST", path, body, {"Content-Type": content_type})
    report = PeriodicReport.objects.filter(period=period, unit=officer.unit).first()
    try:
        errors = re.findall(r'class="[^"]*(?:invalid-feedback|alert-danger)[^"]*"[^>]*>\s*(.*?)<', page.decode(), re.S)
        assert status == 302 and report is not None, f"report sent through A: {status} {errors}"
        attachment = report.attachments.get()
        status, _h, downloaded, _ = person.request(b, "GET", f"/giam-sat/bao-cao-dinh-ky/tep/{attachment.pk}/")
        assert status == 200 and downloaded == content, f"attachment through B: {status}, {len(downloaded)} bytes"
    finally:
        if report is not None:  # the check leaves the data as it found it
            for attachment in report.attachments.all():
                attachment.file.delete(save=False)
            report.delete()
    return f"a {len(content)}-byte PDF sent with a periodic report through A downloads through B, byte for byte"


def check_task(a: str, b: str) -> str:
    person = Browser()
    person.sign_in(a, "lanhdao")
    status, headers, _page, _ = person.request(a, "GET", "/tong-hop/bao-cao.pdf")
    if status == 200:
        return "summary already in the shared cache: served at once (no task needed)"
    assert status == 302, f"summary asked on A: {status}"
    location = urlsplit(headers["Location"]).path
    started = time.perf_counter()
    while time.perf_counter() - started < 120:
        status, _h, content, _ = person.request(b, "GET", f"{location}tai-ve/")
        if status == 200:
            assert content.startswith(b"%PDF"), "the summary downloaded is not a PDF"
            waited = time.perf_counter() - started
            return f"summary asked on A, written by the worker, downloaded on B after {waited:.1f} s"
        time.sleep(0.5)
    raise AssertionError("the worker did not write the summary within 2 minutes")


def check_throttling(a: str, b: str) -> str:
    from axes.utils import reset

    username = "bench.sai-mat-khau"
    person = Browser()
    try:
        for _ in range(5):  # five wrong passwords on A
            token = person.csrf(a, "/dang-nhap/")
            body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "sai"}).encode()
            person.request(a, "POST", "/dang-nhap/", body, {"Content-Type": "application/x-www-form-urlencoded"})
        token = person.csrf(b, "/dang-nhap/")
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "sai"}).encode()
        status, _h, page, _ = person.request(
            b, "POST", "/dang-nhap/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert "Tạm khóa đăng nhập".encode() in page, f"sixth wrong password on B: {status}, not locked"
    finally:  # the address is locked too: unlock it for whoever runs next
        reset(username=username)
        reset(ip="127.0.0.1")
    return f"five wrong passwords on A, the sixth on B is refused ({status}, Tạm khóa đăng nhập)"


def main(a: str, b: str) -> int:
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)
    failed = 0
    results = {}
    for name, check in [
        ("session", check_session),
        ("document cache", check_document_cache),
        ("upload", check_upload),
        ("task queue", check_task),
        ("login throttling", check_throttling),
    ]:
        try:
            results[name] = {"passed": True, "said": check(a, b)}
        except AssertionError as error:
            failed += 1
            results[name] = {"passed": False, "said": str(error)}
        print(f"{'PASS' if results[name]['passed'] else 'FAIL'}  {name:<16} {results[name]['said']}", flush=True)
    out = Path(__file__).resolve().parent.parent / "var" / "bench-instances.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
