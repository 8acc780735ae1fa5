"""Signing in and out, password change, and the throttling of failed logins."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_login_page_speaks_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.text
    assert "Mật khẩu" in response.text
    assert '<html lang="vi">' in response.text


def test_a_user_signs_in_and_lands_on_the_home_page(client, staff):
    response = login(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_gets_a_vietnamese_error(client, staff):
    response = login(client, staff.username, "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text
    assert "tạm khóa 15 phút" in response.text


def test_five_failures_lock_the_account_with_a_clear_message(client, staff):
    for _ in range(4):
        assert login(client, staff.username, "sai-mat-khau").status_code == 200
    locked = login(client, staff.username, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.text
    assert "15 phút" in locked.text
    # Even the right password is refused while the lock lasts.
    assert login(client, staff.username, PASSWORD).status_code == 429


def test_failures_from_one_address_lock_it_for_other_accounts_too(client, staff, leader, officer):
    for username in [staff.username] * 2 + [leader.username] * 2 + ["khong_ton_tai"]:
        login(client, username, "sai-mat-khau")
    assert login(client, officer.username, PASSWORD).status_code == 429


def test_the_lock_ends_after_the_cool_off(client, staff, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        login(client, staff.username, "sai-mat-khau")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert login(client, staff.username, PASSWORD).status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, staff):
    client.force_login(staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("persona", ["officer", "outsider"])
def test_any_user_changes_their_password(client, personas, persona):
    user = personas[persona]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Thon-Ban-2026!", "new_password2": "Thon-Ban-2026!"},
        follow=True,
    )
    assert "Đã đổi mật khẩu." in response.text
    user.refresh_from_db()
    assert user.check_password("Thon-Ban-2026!")


def test_a_wrong_old_password_changes_nothing(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Thon-Ban-2026!", "new_password2": "Thon-Ban-2026!"},
    )
    assert response.status_code == 200
    assert "Mật khẩu cũ" in response.text
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
