"""seed_demo: the demo province and one user per role, once."""

import pytest
from django.core.management import CommandError, call_command

from p135portal.demo import DEMO_PASSWORD
from p135portal.models import Role, User


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.slow
def test_it_creates_one_user_per_role_and_a_second_run_duplicates_nothing(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "bandantoc" in printed and DEMO_PASSWORD in printed

    roles = dict(User.objects.values_list("username", "role"))
    assert roles["bandantoc"] == Role.PROVINCE_STAFF
    assert roles["lanhdao"] == Role.LEADER
    assert roles["quantri"] == Role.ADMINISTRATOR
    assert User.objects.get(username="huyen.trangdinh").unit.name == "Huyện Tràng Định"
    assert str(User.objects.get(username="xa.dongdang").unit) == "Xã Đồng Đăng"
    assert User.objects.get(username="bandantoc").check_password(DEMO_PASSWORD)

    count = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == count
    assert "không thay đổi" in capsys.readouterr().out


@pytest.mark.slow
def test_it_never_resets_a_password_a_user_changed(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    user = User.objects.get(username="bandantoc")
    user.set_password("mat-khau-rieng-2026")
    user.save()
    call_command("seed_demo", "--force")
    user.refresh_from_db()
    assert user.check_password("mat-khau-rieng-2026")
