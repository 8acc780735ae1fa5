"""Main journeys in real headless Chromium: sign in as each role, look at the home page.

Screenshots land in var/screenshots/ for a person to look at.
"""

import pytest

from tests.browser_fixtures import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("staff", "Việc đang chờ bạn"),
        ("officer", "Bạn phụ trách"),
        ("leader", "Tình hình thực hiện năm"),
        ("administrator", "Trang quản trị"),
        ("outsider", "chưa được phân vai trò"),
    ],
)
def test_each_role_signs_in_and_sees_its_home_page(browser, live_server, personas, persona, expected):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    sign_in(page, live_server, personas[persona].username)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")
    assert expected in page.content()
    # Styles are served by the portal itself: the navigation bar is coloured.
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(139, 26, 26)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"home-{persona}.png", full_page=True)
    page.close()


def test_on_a_phone_the_menu_folds_and_opens(browser, live_server, officer):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    registry_menu = page.get_by_role("button", name="Danh mục xã, thôn")
    assert not registry_menu.is_visible()
    page.get_by_label("Mở menu").click()
    registry_menu.wait_for(state="visible")
    registry_menu.click()
    registry_link = page.get_by_role("link", name="Đơn vị hành chính")
    registry_link.wait_for(state="visible")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "phone-menu-officer.png", full_page=True)
    registry_link.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Huyện Một"
    page.close()


def test_a_wrong_password_shows_the_error_and_the_login_page_looks_right(browser, live_server, staff):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(staff.username)
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text().startswith("Tên đăng nhập hoặc mật khẩu không đúng")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "login-error.png", full_page=True)
    page.close()


def test_staff_search_the_registry_and_open_a_commune(browser, live_server, staff, units):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    sign_in(page, live_server, staff.username)
    page.get_by_role("button", name="Danh mục xã, thôn").click()
    page.get_by_role("link", name="Danh sách xã").click()
    page.get_by_label("Tìm theo tên hoặc mã").fill("XA A MOT")
    page.get_by_label("Tìm theo tên hoặc mã").press("Enter")
    page.wait_for_load_state()
    assert "Tìm thấy 1 xã" in page.inner_text("main")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "registry-search.png", full_page=True)
    page.get_by_role("link", name="Xã A Một").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Xã A Một"
    assert page.get_by_role("link", name="Thêm thôn").is_visible()
    page.close()
