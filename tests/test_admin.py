"""The Django admin: administrators only; the role decides admin rights; in Vietnamese."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.db import IntegrityError
from django.urls import reverse

from p135portal.models import Role, User


def test_an_administrator_manages_users_in_the_admin(client, administrator, officer):
    client.force_login(administrator)
    response = client.get(reverse("admin:p135portal_user_changelist"))
    assert response.status_code == 200
    assert officer.username in response.text
    assert "Huyện Một" in response.text


@pytest.mark.parametrize("persona", ["staff", "leader", "officer", "outsider"])
def test_anyone_else_gets_403_from_the_admin_and_its_login(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("admin:index")).status_code == 403
    assert client.get(reverse("admin:login")).status_code == 403


def test_the_admin_login_sends_visitors_to_the_portal_login(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_role_decides_admin_rights(staff):
    assert not staff.is_staff and not staff.is_superuser
    staff.role = Role.ADMINISTRATOR
    staff.save()
    assert staff.is_staff and staff.is_superuser
    staff.role = Role.LEADER
    staff.save()
    assert not staff.is_staff and not staff.is_superuser


def test_createsuperuser_makes_an_administrator(db):
    user = User.objects.create_superuser("it", password="x")
    assert user.role == Role.ADMINISTRATOR


def test_a_local_officer_must_have_a_unit(db):
    with pytest.raises(IntegrityError):
        User.objects.create(username="khong_don_vi", role=Role.LOCAL_OFFICER)


def test_the_admin_refuses_an_officer_without_a_unit_with_a_clear_message(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:p135portal_user_add"),
        {
            "username": "canbo_moi",
            "password1": "Mat-khau-2026!",
            "password2": "Mat-khau-2026!",
            "usable_password": "true",
            "role": Role.LOCAL_OFFICER,
        },
    )
    assert response.status_code == 200
    assert "Cán bộ huyện/xã phải được gán một đơn vị hành chính." in response.text
    assert not User.objects.filter(username="canbo_moi").exists()


ENGLISH = re.compile(
    r"\b(Access|Axes|Add|Change|Changed|Delete|Deleted|Search|Filter|Show|Hide|Skip|Toggle|History|Save|Home|Run|"
    r"Select|Action|Logout|Log out|View|Password|Username|None|Comment|Object|Created|Revert|entries|entry|Sessions)\b"
)


def _visible_text(html: str) -> list[str]:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return [unescape(chunk).strip() for chunk in re.split(r"<[^>]+>", html) if chunk.strip()]


def test_the_admin_speaks_vietnamese_on_every_page_an_administrator_opens(client, administrator, officer):
    client.force_login(administrator)
    client.get(reverse("admin:index"))  # an access log row for the axes pages
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
    urls += [
        reverse("admin:p135portal_user_add"),
        reverse("admin:p135portal_user_change", args=[officer.pk]),
        reverse("admin:p135portal_user_history", args=[officer.pk]),
    ]
    english = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = [text for text in _visible_text(response.text) if ENGLISH.search(text)]
        if found:
            english[url] = found
    assert english == {}
