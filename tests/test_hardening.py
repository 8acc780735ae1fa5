"""Hardening: nobody locks others out behind a proxy, no inline script under the Content-Security-
Policy, private pages are not cached, request size is capped, a health endpoint, no empty history."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.test_every_url import registered_urls

PROXY = "10.0.0.1"  # the reverse proxy: every request reaches the portal from it


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]  # TRUSTED_PROXY_COUNT=1


def login_from(address: str, username: str, password: str, forged: str = ""):
    """A login through the proxy from the client `address`: the proxy sets X-Real-IP; a client may
    put anything in X-Forwarded-For."""
    forwarded = f"{forged}, {address}" if forged else address
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=address, HTTP_X_FORWARDED_FOR=forwarded)
    return client.post(reverse("login"), {"username": username, "password": password})


def test_failures_behind_a_proxy_lock_only_the_address_they_come_from(behind_proxy, staff, leader):
    for _ in range(5):
        login_from("203.0.113.7", leader.username, "sai-mat-khau", forged="198.51.100.9")
    assert login_from("203.0.113.7", leader.username, PASSWORD).status_code == 429
    # The leader signs in from their own office; so does anyone else, even through the same proxy.
    assert login_from("203.0.113.50", leader.username, PASSWORD).status_code == 302
    assert login_from("203.0.113.8", staff.username, PASSWORD).status_code == 302
    # Five random names from one address: that address is slowed, no one else.
    for number in range(5):
        login_from("192.0.2.66", f"ten_{number}", "x")
    assert login_from("192.0.2.66", staff.username, PASSWORD).status_code == 429
    assert login_from("192.0.2.67", staff.username, PASSWORD).status_code == 302


def test_every_page_carries_the_policy_and_no_inline_script(client, personas):
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", re.IGNORECASE)
    checked = 0
    for persona in ("staff", "officer", "leader"):
        client.force_login(personas[persona])
        for url, _view in registered_urls():
            if url.startswith("/quan-tri/") or "pdf" in url or "docx" in url or "xlsx" in url:
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            assert "script-src 'self'" in response["Content-Security-Policy"], url
            assert not inline.search(response.text), (url, inline.search(response.text)[0])
            checked += 1
    assert checked > 40


def test_signed_in_pages_and_downloads_are_not_cached_static_files_are(client, staff):
    client.force_login(staff)
    for url in [reverse("home"), reverse("monitoring:household_export")]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    static = Client().get("/static/js/portal.js")
    assert "no-store" not in static.get("Cache-Control", "")


def test_a_request_over_the_cap_is_refused_before_it_is_read(client, staff, settings):
    settings.MAX_REQUEST_BYTES = 1024
    client.force_login(staff)
    response = client.post(reverse("communes:village_import"), {"system": "new", "note": "x" * 4000})
    assert response.status_code == 413 and "Dữ liệu gửi lên quá lớn" in response.text


def test_the_health_endpoint_answers_without_login_and_says_nothing_else(db):
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok", "worker": "ok"}


def test_signing_in_writes_no_history_entry(client, staff):
    before = staff.history.count()
    assert client.post(reverse("login"), {"username": staff.username, "password": PASSWORD}).status_code == 302
    assert staff.history.count() == before


def test_the_admin_shows_a_users_history_after_a_password_change(client, administrator, staff):
    staff.set_password("mat-khau-moi-2026")
    staff.save()
    client.force_login(administrator)
    client.raise_request_exception = False
    response = client.get(reverse("admin:p135portal_user_history", args=[staff.pk]))
    assert response.status_code == 200
    for record in staff.history.all():
        url = reverse("admin:p135portal_user_simple_history", args=[staff.pk, record.history_id])
        assert client.get(url).status_code == 200, url
