"""Real headless Chromium for the browser journeys: the `browser` fixture (registered for every
test module by conftest.py), sign_in, and where screenshots land (var/screenshots/)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread while the browser lives.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
