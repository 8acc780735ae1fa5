"""The main pages of each role in real Chromium: no serious or critical accessibility violation
found by axe-core, and neither on a 1280 px office screen nor on a 390 px phone does a page scroll
sideways (wide tables scroll in their box)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser_fixtures import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser

MAIN_PAGES = {
    "staff": [
        "home",
        "communes:unit_list",
        "trainings:plan_list",
        "budgets:fund_list",
        "budgets:allocation_list",
        "monitoring:report_board",
        "monitoring:handover_list",
        "budgets:fund_create",
    ],
    "officer": [
        "home",
        "communes:unit_list",
        "trainings:plan_list",
        "monitoring:report_unit",
        "monitoring:handover_create",
    ],
    "leader": ["home", "trainings:plan_list", "budgets:fund_list", "monitoring:report_board"],
    "administrator": ["home", "admin:index"],
}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("persona", list(MAIN_PAGES))
def test_the_main_pages_of_each_role_pass_axe_and_fit_a_phone(browser, live_server, personas, plan, persona):
    found = {}
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
        sign_in(page, live_server, personas[persona].username)
        for name in MAIN_PAGES[persona]:
            page.goto(live_server.url + reverse(name))
            if width == 1280:
                violations = serious_violations(page)
                if violations:
                    found[name] = violations
            sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if sideways > 0:  # the menu bar too: an office screen of 1280 px shows it whole
                found[f"{name} @{width}px"] = [f"the page scrolls {sideways}px sideways"]
        if width == 390:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"phone-{persona}-last.png", full_page=True)
        page.close()
    assert found == {}


def test_the_menu_is_readable_and_a_skip_link_leads_to_the_content(browser, live_server, staff):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    sign_in(page, live_server, staff.username)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.is_visible()
    # The focused link on the red bar shows a ring.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.close()
