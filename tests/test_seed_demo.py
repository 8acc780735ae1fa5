"""seed_demo: the demo province and one user per role, once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from p135portal.demo import DEMO_PASSWORD
from p135portal.models import Role, User


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.slow
@time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_it_creates_one_user_per_role_and_a_second_run_duplicates_nothing(db, settings, capsys, client):
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
    _the_demo_lives_in_2026(client)


def _the_demo_lives_in_2026(client):
    """On 30/11/2026 the demo has the year in progress: an approved plan with the communes' own plans
    (approved, returned, being drafted), a 2026 allocation being disbursed, a 2026 inspection of
    communes, and a 2026 implementation plan naming only the agencies of 2026."""
    from budgets.models import Allocation
    from monitoring.models import Agency, ImplementationPlan, Remediation
    from trainings.models import AnnualPlan, LocalPlan

    plan = AnnualPlan.objects.get(year=2026)
    assert plan.is_approved and plan.phase.name == "2026-2030"
    statuses = dict(LocalPlan.objects.filter(plan=plan).values_list("unit__code", "status"))
    assert statuses == {"06046": "chap_nhan", "06001": "tra_lai", "06040": "nhap"}
    for username, code in (("xa.trangdinh", "06046"), ("xa.doanket", "06001"), ("xa.thatkhe", "06040")):
        assert User.objects.get(username=username).unit.code == code
    allocation = Allocation.objects.get(year=2026)
    assert allocation.shares.count() > 10 and allocation.shares.filter(executions__isnull=False).exists()
    assert not Remediation.objects.filter(round__plan__year=2026, unit__level="district").exists()
    tasks_plan = ImplementationPlan.objects.get(year=2026)
    named = Agency.objects.filter(tasks__plan=tasks_plan).distinct()
    assert named.exists() and not named.filter(valid_until__lt=tasks_plan.signed_on).exists()
    client.force_login(User.objects.get(username="lanhdao"))
    page = client.get("/").text
    assert "Vốn phân bổ năm 2026 (mọi nội dung)" in page and "Lớp nâng cao năng lực năm 2026" in page


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
