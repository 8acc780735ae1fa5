"""The Django admin: administrators only; the role decides admin rights."""

import pytest
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
