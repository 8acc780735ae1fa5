"""seed_demo: the demo province and one user per role, once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from budgets.models import Allocation, Execution, Fund, Share
from budgets.services import allocation_differences
from communes.models import Unit, Village, YearFigures
from monitoring.models import ChecklistResult, InspectionPlan, InspectionRound, PeriodicReport, Remediation
from p135portal.demo import DEMO_PASSWORD
from p135portal.models import Role, User
from p135portal.national import MARK, seed_national
from trainings.models import AnnualPlan, ClassReport, LocalBudget, LocalPlan, PlanClass
from trainings.selectors.reports import approved
from trainings.services.local_plans import local_plan_check


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


@time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_the_national_data_holds_classes_funds_and_inspections_and_a_second_run_adds_nothing(db):
    """seed_national on the units of one province at a twentieth: approved plans of 2022-2026 with the
    local plans of districts, then of communes, whose classes are reported; allocations disbursed within
    what was allocated; inspections with remediation. All of it keeps the portal's own checks."""
    staff = User.objects.create(username="bandantoc", role=Role.PROVINCE_STAFF)
    printed = []
    seed_national(actor=staff, fraction=0.05, say=printed.append, province_codes={"20"})

    plans = AnnualPlan.objects.filter(status=AnnualPlan.Status.APPROVED)
    assert set(plans.values_list("year", flat=True)) == {2022, 2023, 2024, 2025, 2026}
    assert LocalPlan.objects.filter(plan__year=2022, unit__level=Unit.Level.DISTRICT).exists()
    assert LocalPlan.objects.filter(plan__year=2026, unit__level=Unit.Level.COMMUNE).exists()
    for local_plan in LocalPlan.objects.filter(status=LocalPlan.Status.ACCEPTED):
        assert local_plan_check(local_plan) == []
    reported = ClassReport.objects.filter(plan_class__local_plan__isnull=False)
    assert reported.filter(status=ClassReport.Status.ACCEPTED).exists()
    assert not reported.exclude(plan_class__local_plan__status=LocalPlan.Status.ACCEPTED).exists()
    # Left without a report, seed_demo's own class reports would report on them one by one when run again.
    assert not approved(PlanClass.objects.filter(end_date__lt=date(2026, 11, 30), report__isnull=True)).exists()

    allocations = Allocation.objects.filter(title__startswith=MARK)
    assert allocations.exists() and all(allocation_differences(allocation) == [] for allocation in allocations)
    assert Execution.objects.filter(kind=Execution.Kind.DISBURSEMENT, share__allocation__in=allocations).exists()
    for share in Share.objects.prefetch_related("executions"):
        done = {kind: sum(e.amount for e in share.executions.all() if e.kind == kind) for kind in Execution.Kind}
        assert done[Execution.Kind.DISBURSEMENT] <= share.amount
        assert done[Execution.Kind.PAYMENT] <= done[Execution.Kind.DISBURSEMENT]

    assert Remediation.objects.filter(round__plan__year__lt=2026, status=Remediation.Status.DONE).exists()
    assert Remediation.objects.filter(round__plan__year=2026, unit__level=Unit.Level.COMMUNE).exists()
    assert printed[-1].startswith("Xong trong")

    models = [AnnualPlan, LocalBudget, LocalPlan, PlanClass, ClassReport, Allocation, Share, Execution, Fund]
    models += [YearFigures, InspectionPlan, InspectionRound, ChecklistResult, Remediation, PeriodicReport, Village]
    counts = [model.objects.count() for model in models]
    seed_national(actor=staff, fraction=0.05, say=printed.append, province_codes={"20"})
    assert [model.objects.count() for model in models] == counts
