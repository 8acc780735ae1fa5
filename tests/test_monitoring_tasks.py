"""Implementation plans: tasks assigned to agencies and units, their time and deadline, their
follow-up, who sees and reports what, and the printed KẾ HOẠCH."""

import io
from datetime import date, timedelta

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes.models import Unit
from monitoring.demo.tasks import OVERDUE_INDEX, TASKS, seed_tasks
from monitoring.home.tasks import overdue_tasks
from monitoring.models.tasks import (
    Agency,
    ImplementationPlan,
    Task,
    TaskProgress,
    deadline_from_text,
    period_deadline,
)
from monitoring.services import tasks as services
from p135portal.models import DocumentVersion
from tests import factories
from tests.browser_fixtures import sign_in
from tests.conftest import make_unit
from tests.documents import pdf_text

Q = Task.TimeKind.QUARTER


@pytest.fixture(autouse=True)
def _portal_province(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


SEEDED = [
    "Ban Dân tộc",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Dân tộc và Tôn giáo",
]


@pytest.fixture
def agencies(db):
    # Seeded by a data migration; a transactional test run earlier may have flushed them.
    for position, name in enumerate(SEEDED, start=1):
        Agency.objects.get_or_create(name=name, defaults={"position": position * 10})
    return {agency.name: agency for agency in Agency.objects.all()}


@pytest.fixture
def implementation_plan(db, decision):
    plan = factories.implementation_plan(purpose="Mục đích một.\n\nMục đích hai.", requirements="Đúng tiến độ.")
    plan.bases.set([decision])
    return plan


def add_task(
    implementation_plan,
    actor,
    *,
    agency=None,
    unit=None,
    kind=Q,
    year=2026,
    period=1,
    due_date=None,
    coordinators=(),
    **more,
):
    data = {
        "agency": agency,
        "unit": unit,
        "description": more.pop("description", "Rà soát danh sách xã, thôn đặc biệt khó khăn."),
        "coordinators_other": more.pop("coordinators_other", ""),
        "time_kind": kind,
        "year": year,
        "period": period,
        "due_date": due_date,
        "time_note": more.pop("time_note", ""),
        "repeat": more.pop("repeat", ""),
    }
    return services.task_save(plan=implementation_plan, data=data, coordinators=list(coordinators), actor=actor, **more)


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


# ------------------------------------------------------------------ time and deadline


@pytest.mark.parametrize(
    ("kind", "year", "period", "due", "text", "deadline"),
    [
        (Task.TimeKind.QUARTER, 2026, 1, None, "Quý I năm 2026", date(2026, 3, 31)),
        (Task.TimeKind.QUARTER, 2026, 2, None, "Quý II năm 2026", date(2026, 6, 30)),
        (Task.TimeKind.QUARTER, 2026, 4, None, "Quý IV năm 2026", date(2026, 12, 31)),
        (Task.TimeKind.MONTH, 2026, 3, None, "Tháng 3 năm 2026", date(2026, 3, 31)),
        (Task.TimeKind.MONTH, 2028, 2, None, "Tháng 2 năm 2028", date(2028, 2, 29)),
        (Task.TimeKind.DATE, None, None, date(2026, 3, 5), "Trước ngày 05/03/2026", date(2026, 3, 5)),
        (Task.TimeKind.CONTINUOUS, None, None, None, "Thường xuyên", None),
    ],
)
def test_a_tasks_time_prints_as_plans_write_it_and_gives_its_deadline(kind, year, period, due, text, deadline):
    task = Task(time_kind=kind, year=year, period=period, due_date=due)
    assert task.time_text == text
    assert task.time_line == f"Thời gian thực hiện: {text}."
    assert period_deadline(kind, year, period, due) == deadline


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Quý IV năm 2026 và năm 2027", date(2027, 12, 31)),
        ("Quý II/2026", date(2026, 6, 30)),
        ("Tháng 9/2026", date(2026, 9, 30)),
        ("tháng 2 năm 2028", date(2028, 2, 29)),
        ("Trước ngày 15/3/2026", date(2026, 3, 15)),
        ("Năm 2027", date(2027, 12, 31)),
        ("Thường xuyên hàng tháng, quý", None),
        ("Theo kế hoạch của Ban Chỉ đạo", None),
        ("Trước ngày 31/2/2026", None),  # no such day: no deadline rather than a wrong one
        ("Trước ngày 15 tháng 3 năm 2026", date(2026, 3, 15)),
        ("Theo Quyết định số 2045/QĐ-UBND", None),  # a document's number is not a year
        ("Theo Kế hoạch số 123/KH-UBND ngày 12/3/2026", None),  # nor its date the task's
    ],
)
def test_a_time_written_as_the_plan_writes_it_gives_the_deadline_it_says(text, deadline):
    assert deadline_from_text(text) == deadline


def test_a_task_keeps_the_authors_time_or_none_and_prints_it_so(client, staff, leader, implementation_plan, agencies):
    written = add_task(
        implementation_plan,
        staff,
        agency=agencies["Sở Tài chính"],
        kind=Task.TimeKind.TEXT,
        time_note="Quý IV năm 2026 và năm 2027",
        description="Bố trí vốn đối ứng.",
    )
    untimed = add_task(
        implementation_plan, staff, agency=agencies["Ban Dân tộc"], kind=Task.TimeKind.NONE, description="Tuyên truyền."
    )
    assert (Task.objects.get(pk=written.pk).deadline, Task.objects.get(pk=untimed.pk).deadline) == (
        date(2027, 12, 31),
        None,
    )
    with pytest.raises(ValidationError, match="như văn bản ghi"):
        add_task(implementation_plan, staff, agency=agencies["Sở Tài chính"], kind=Task.TimeKind.TEXT)
    client.force_login(leader)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[implementation_plan.pk])).content)
    assert "Thời gian thực hiện: Quý IV năm 2026 và năm 2027." in text
    assert "Tuyên truyền." in text and text.count("Thời gian thực hiện") == 1  # none invented for it


def test_the_deadline_is_stored_when_the_task_is_saved(implementation_plan, staff, agencies):
    task = add_task(implementation_plan, staff, agency=agencies["Sở Tài chính"], kind=Task.TimeKind.MONTH, period=9)
    assert Task.objects.get(pk=task.pk).deadline == date(2026, 9, 30)


def test_a_quarter_task_is_not_overdue_on_its_last_day_but_is_the_next_day(implementation_plan, staff, agencies):
    task = add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=1)
    assert not Task.objects.overdue(date(2026, 3, 31)).exists()
    assert list(Task.objects.overdue(date(2026, 4, 1))) == [task]
    assert not task.is_overdue(date(2026, 3, 31)) and task.is_overdue(date(2026, 4, 1))


def test_done_and_continuous_tasks_are_never_overdue(implementation_plan, staff, agencies):
    done = add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=1)
    services.task_report(
        task=done, status="xong", reported_on=date(2026, 3, 20), note="Đã xong", actor=staff, today=date(2026, 4, 1)
    )
    add_task(
        implementation_plan,
        staff,
        agency=agencies["Sở Tài chính"],
        kind=Task.TimeKind.CONTINUOUS,
        year=None,
        period=None,
    )
    assert not Task.objects.overdue(date(2030, 1, 1)).exists()


# ------------------------------------------------------------------ rules of tasks


def test_a_task_needs_exactly_one_assignee(implementation_plan, staff, agencies, units):
    both = lambda: add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], unit=units["district_one"])  # noqa: E731
    assert refused_code(both) == "one_assignee"
    assert refused_code(lambda: add_task(implementation_plan, staff)) == "one_assignee"
    assert refused_code(lambda: add_task(implementation_plan, staff, unit=units["province"])) == "unit_level"
    assert not Task.objects.exists()


def test_a_task_needs_a_complete_time(implementation_plan, staff, agencies):
    agency = agencies["Ban Dân tộc"]
    assert refused_code(lambda: add_task(implementation_plan, staff, agency=agency, period=5)) == "bad_period"
    assert (
        refused_code(lambda: add_task(implementation_plan, staff, agency=agency, kind="thang", period=13))
        == "bad_period"
    )
    assert refused_code(lambda: add_task(implementation_plan, staff, agency=agency, year=None)) == "no_year"
    assert (
        refused_code(lambda: add_task(implementation_plan, staff, agency=agency, kind="ngay", year=None))
        == "no_due_date"
    )
    assert not Task.objects.exists()


def test_the_assignee_is_not_also_a_coordinator(implementation_plan, staff, agencies):
    agency = agencies["Ban Dân tộc"]
    assert refused_code(lambda: add_task(implementation_plan, staff, agency=agency, coordinators=[agency])) == (
        "coordinator_is_assignee"
    )


def test_changing_the_kind_of_time_clears_what_it_no_longer_uses(implementation_plan, staff, agencies):
    task = add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=2)
    task = add_task(
        implementation_plan,
        staff,
        agency=agencies["Ban Dân tộc"],
        kind="ngay",
        period=2,
        due_date=date(2026, 5, 15),
        instance=task,
    )
    assert (task.year, task.period, task.deadline, task.time_text) == (
        None,
        None,
        date(2026, 5, 15),
        "Trước ngày 15/05/2026",
    )


def test_the_database_refuses_a_task_with_two_assignees(implementation_plan, agencies, units):
    task = Task(
        plan=implementation_plan,
        agency=agencies["Ban Dân tộc"],
        unit=units["district_one"],
        description="x",
        time_kind="thuong_xuyen",
    )
    with pytest.raises(ValidationError, match="đúng một cơ quan"):
        task.full_clean()


# ------------------------------------------------------------------ follow-up


def test_a_report_records_the_progress_and_completion_in_the_follow_up(implementation_plan, staff, agencies):
    task = add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=1)
    today = date(2026, 4, 10)
    services.task_report(
        task=task, status="dang", reported_on=date(2026, 2, 1), note="Đang làm", actor=staff, today=today
    )
    task = services.task_report(
        task=task, status="xong", reported_on=date(2026, 3, 30), note="Đã ban hành hướng dẫn", actor=staff, today=today
    )
    assert (task.status, task.done_on, task.result) == ("xong", date(2026, 3, 30), "Đã ban hành hướng dẫn")
    assert list(TaskProgress.objects.values_list("status", flat=True)) == ["xong", "dang"]
    assert task.history.first().history_user == staff
    reopened = services.task_report(
        task=task, status="dang", reported_on=today, note="Bổ sung", actor=staff, today=today
    )
    assert (reopened.status, reopened.done_on, reopened.result) == ("dang", None, "")


def test_a_report_is_refused_when_it_says_too_little_or_is_dated_wrongly(implementation_plan, staff, agencies):
    task = add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=1)
    today = date(2026, 4, 10)

    def report(status, on, note=""):
        return lambda: services.task_report(
            task=task, status=status, reported_on=on, note=note, actor=staff, today=today
        )

    assert refused_code(report("xong", date(2026, 4, 1))) == "no_result"
    assert refused_code(report("dang", date(2026, 4, 11), "x")) == "future_date"
    assert refused_code(report("chua", date(2026, 4, 1))) == "nothing_reported"
    implementation_plan.number, implementation_plan.signed_on, implementation_plan.signer_name = (
        "5/KH-UBND",
        date(2026, 2, 1),
        "Người Ký",
    )
    implementation_plan.save()
    assert refused_code(report("dang", date(2026, 1, 5), "x")) == "before_plan"
    assert Task.objects.get().status == "chua" and not TaskProgress.objects.exists()


def test_an_officer_may_report_only_on_their_own_units_tasks(implementation_plan, staff, officer, agencies, units):
    other = add_task(implementation_plan, staff, unit=units["district_two"])
    agency_task = add_task(implementation_plan, staff, agency=agencies["Sở Tài chính"])
    for task in (other, agency_task):
        call = lambda task=task: services.task_report(  # noqa: E731
            task=task, status="dang", reported_on=date(2026, 2, 1), note="x", actor=officer, today=date(2026, 3, 1)
        )
        assert refused_code(call) == "not_your_task"
    commune_task = add_task(
        implementation_plan, staff, unit=units["commune_a1"]
    )  # a commune under the officer's district
    services.task_report(
        task=commune_task, status="dang", reported_on=date(2026, 2, 1), note="x", actor=officer, today=date(2026, 3, 1)
    )


# ------------------------------------------------------------------ pages and scoping


@pytest.fixture
def assigned(implementation_plan, staff, agencies, units):
    return {
        "own": add_task(implementation_plan, staff, unit=units["district_one"], description="Nhiệm vụ của huyện Một"),
        "other": add_task(implementation_plan, staff, unit=units["district_two"], description="Nhiệm vụ của huyện Hai"),
        "agency": add_task(
            implementation_plan, staff, agency=agencies["Sở Tài chính"], description="Nhiệm vụ của Sở Tài chính"
        ),
    }


def test_an_officer_sees_and_reports_only_the_tasks_of_their_unit(client, officer, assigned, implementation_plan):
    client.force_login(officer)
    listing = client.get(reverse("monitoring:task_list")).text
    assert "Nhiệm vụ của huyện Một" in listing
    assert "Nhiệm vụ của huyện Hai" not in listing and "Nhiệm vụ của Sở Tài chính" not in listing
    detail = client.get(implementation_plan.get_absolute_url()).text
    assert "Nhiệm vụ của huyện Một" in detail and "Nhiệm vụ của huyện Hai" not in detail
    for task in (assigned["other"], assigned["agency"]):
        assert client.get(reverse("monitoring:task_detail", args=[task.pk])).status_code == 404
        assert client.get(reverse("monitoring:task_report", args=[task.pk])).status_code == 404
        response = client.post(
            reverse("monitoring:task_report", args=[task.pk]),
            {"status": "xong", "reported_on": "01/03/2026", "note": "Xong"},
        )
        assert response.status_code == 404
    url = reverse("monitoring:task_report", args=[assigned["own"].pk])
    response = client.post(url, {"status": "xong", "reported_on": "01/03/2026", "note": "Đã gửi báo cáo"})
    assert response.status_code == 302
    assert Task.objects.get(pk=assigned["own"].pk).status == "xong"
    assert Task.objects.filter(status="xong").count() == 1


def test_an_officer_without_tasks_in_a_plan_does_not_see_the_plan(
    client, other_officer, implementation_plan, staff, agencies
):
    add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"])
    client.force_login(other_officer)
    assert implementation_plan.title not in client.get(reverse("monitoring:plan_list")).text
    for name in ("plan_detail", "plan_pdf", "plan_docx"):
        assert client.get(reverse(f"monitoring:{name}", args=[implementation_plan.pk])).status_code == 404


def test_an_officer_prints_the_issued_plan_that_assigns_them_a_task_but_not_a_draft(
    client, officer, assigned, implementation_plan
):
    client.force_login(officer)
    for name in ("plan_pdf", "plan_docx"):
        assert client.get(reverse(f"monitoring:{name}", args=[implementation_plan.pk])).status_code == 404
    implementation_plan.number, implementation_plan.signed_on, implementation_plan.signer_name = (
        "45/KH-UBND",
        date(2026, 1, 15),
        "Hoàng Văn Minh",
    )
    implementation_plan.save()
    for name in ("plan_pdf", "plan_docx"):
        assert client.get(reverse(f"monitoring:{name}", args=[implementation_plan.pk])).status_code == 200


def test_a_leader_reads_the_tasks_but_cannot_report(client, leader, assigned):
    client.force_login(leader)
    assert client.get(reverse("monitoring:task_detail", args=[assigned["other"].pk])).status_code == 200
    assert client.get(reverse("monitoring:task_report", args=[assigned["other"].pk])).status_code == 403


def test_staff_draft_a_plan_and_assign_a_task_through_the_pages(client, staff, decision, agencies):
    client.force_login(staff)
    payload = {
        "year": 2026,
        "title": "Kế hoạch  thực hiện Chương trình 135 năm 2026",
        "issuer": "Ủy ban nhân dân tỉnh",
        "bases": [decision.pk],
        "purpose": "Mục đích\r\n\r\nđoạn hai",
        "requirements": "",
        "number": "",
        "signed_on": "",
        "signer_name": "",
        "signer_title": "Phó Chủ tịch",
    }
    assert client.post(reverse("monitoring:plan_create"), payload).status_code == 302
    plan = ImplementationPlan.objects.get()
    assert (plan.title, plan.purpose, plan.is_issued) == (
        "Kế hoạch thực hiện Chương trình 135 năm 2026",
        "Mục đích\n\nđoạn hai",
        False,
    )
    url = reverse("monitoring:plan_update", args=[plan.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    refused = client.post(url, {**payload, "number": "5/KH-UBND", "seen_version": seen})
    assert "phải có ngày ban hành" in refused.text
    task = {
        "agency": agencies["Sở Tài chính"].pk,
        "unit": "",
        "description": "Bố trí vốn sự nghiệp",
        "coordinators": [agencies["Sở Dân tộc và Tôn giáo"].pk],
        "coordinators_other": "",
        "time_kind": "quy",
        "year": 2026,
        "period": 2,
        "due_date": "",
    }
    assert client.post(reverse("monitoring:task_create", args=[plan.pk]), task).status_code == 302
    saved = Task.objects.get()
    coordinators = [a.name for a in saved.coordinators.all()]
    assert (saved.deadline, coordinators) == (date(2026, 6, 30), ["Sở Dân tộc và Tôn giáo"])
    bad = client.post(reverse("monitoring:task_create", args=[plan.pk]), {**task, "period": 7})
    assert "quý (1-4)" in bad.text and Task.objects.count() == 1
    agencies["Sở Dân tộc và Tôn giáo"].active = False  # a retired agency stays on the tasks that name it
    agencies["Sở Dân tộc và Tôn giáo"].save()
    url = reverse("monitoring:task_update", args=[saved.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    changed = {**task, "time_kind": "thuong_xuyen", "year": "", "period": "", "seen_version": seen}
    assert client.post(url, changed).status_code == 302
    saved = Task.objects.get()
    assert (saved.time_text, saved.deadline, saved.coordinators.get().name) == (
        "Thường xuyên",
        None,
        "Sở Dân tộc và Tôn giáo",
    )


def test_a_task_with_reports_cannot_be_deleted(client, staff, assigned):
    task = assigned["agency"]
    services.task_report(
        task=task, status="dang", reported_on=date(2026, 2, 1), note="x", actor=staff, today=date(2026, 3, 1)
    )
    client.force_login(staff)
    client.post(reverse("monitoring:task_delete", args=[task.pk]))
    assert Task.objects.filter(pk=task.pk).exists()
    client.post(reverse("monitoring:task_delete", args=[assigned["other"].pk]))
    assert not Task.objects.filter(pk=assigned["other"].pk).exists()


def test_the_overdue_list_and_the_home_pages_show_overdue_tasks_to_whom_they_concern(
    client, staff, officer, other_officer, implementation_plan, units, agencies
):
    add_task(implementation_plan, staff, unit=units["district_one"], period=1, description="Quá hạn của huyện Một")
    add_task(implementation_plan, staff, unit=units["district_two"], period=1, description="Quá hạn của huyện Hai")
    add_task(implementation_plan, staff, agency=agencies["Ban Dân tộc"], period=4, description="Chưa đến hạn")
    today = date(2026, 4, 1)
    assert [item.count for item in overdue_tasks(staff, today=today)] == [2]
    assert [item.count for item in overdue_tasks(officer, today=today)] == [1]
    assert [item.count for item in overdue_tasks(officer, today=date(2026, 3, 31))] == [0]
    client.force_login(officer)
    listing = client.get(reverse("monitoring:task_list") + "?qua_han=1").text
    if date.today() > date(2026, 3, 31):
        assert "Quá hạn của huyện Một" in listing
    assert "Quá hạn của huyện Hai" not in listing and "Chưa đến hạn" not in listing


def test_the_task_list_issues_a_bounded_number_of_queries(
    client, staff, implementation_plan, agencies, units, django_assert_max_num_queries
):
    for number in range(60):
        coordinators = [agencies["Ban Dân tộc"], agencies["Sở Kế hoạch và Đầu tư"]]
        if number % 2:
            add_task(
                implementation_plan,
                staff,
                agency=agencies["Sở Tài chính"],
                coordinators=coordinators,
                period=number % 4 + 1,
            )
        else:
            add_task(
                implementation_plan, staff, unit=units["commune_a1"], coordinators=coordinators, period=number % 4 + 1
            )
    client.force_login(staff)
    for url in (
        reverse("monitoring:task_list"),
        reverse("monitoring:task_list") + "?qua_han=1",
        reverse("monitoring:task_export"),
        implementation_plan.get_absolute_url(),
        reverse("monitoring:plan_list"),
        reverse("monitoring:agency_list"),
    ):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200


def test_the_plan_list_issues_a_bounded_number_of_queries(
    client, officer, staff, agencies, units, django_assert_max_num_queries
):
    for year in range(2000, 2055):
        plan = ImplementationPlan.objects.create(year=year, title=f"Kế hoạch năm {year}")
        add_task(plan, staff, unit=units["district_one"], year=year)
    for user in (staff, officer):
        client.force_login(user)
        with django_assert_max_num_queries(10):
            page = client.get(reverse("monitoring:plan_list")).text
        assert "Kế hoạch năm 2054" in page


# ------------------------------------------------------------------ the printed plan


@pytest.fixture
def lang_son(settings, db):
    settings.PORTAL_PROVINCE_CODE = "20"
    return make_unit("20", "Tỉnh Lạng Sơn", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)


@pytest.fixture
def printed(implementation_plan, staff, agencies, units, settings):
    """A plan with tasks of units of the test province, then printed as Lạng Sơn's."""
    add_task(
        implementation_plan,
        staff,
        agency=agencies["Sở Tài chính"],
        description="Bố trí vốn sự nghiệp.",
        coordinators=[agencies["Ban Dân tộc"]],
    )
    add_task(
        implementation_plan,
        staff,
        agency=agencies["Ban Dân tộc"],
        description="Hướng dẫn rà soát.",
        kind="thang",
        period=3,
    )
    add_task(
        implementation_plan,
        staff,
        agency=agencies["Ban Dân tộc"],
        description="Theo dõi, đôn đốc.",
        kind="thuong_xuyen",
        year=None,
        period=None,
    )
    add_task(
        implementation_plan,
        staff,
        unit=units["district_one"],
        description="Báo cáo kết quả.",
        period=2,
        coordinators_other="UBND các xã",
    )
    implementation_plan.number, implementation_plan.signed_on, implementation_plan.signer_name = (
        "45/KH-UBND",
        date(2026, 1, 15),
        "Hoàng Văn Minh",
    )
    implementation_plan.save()
    settings.PORTAL_PROVINCE_CODE = "20"
    make_unit("20", "Tỉnh Lạng Sơn", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)
    return implementation_plan


def test_the_printed_plan_has_a_section_per_agency_with_time_and_coordinators(client, leader, printed):
    client.force_login(leader)
    response = client.get(reverse("monitoring:plan_pdf", args=[printed.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    expected = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "Số: 45/KH-UBND",
        "Lạng Sơn, ngày 15 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "Kế hoạch thực hiện Chương trình 135 năm 2026",
        "Căn cứ Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ phê duyệt danh sách xã đặc biệt"
        " khó khăn;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ, GIẢI PHÁP VÀ TỔ CHỨC THỰC HIỆN",
        "1. Ban Dân tộc",
        "- Hướng dẫn rà soát.",
        "Thời gian thực hiện: Tháng 3 năm 2026.",
        "Thời gian thực hiện: Thường xuyên.",
        "2. Sở Tài chính",
        "Thời gian thực hiện: Quý I năm 2026.",
        "Cơ quan phối hợp: Ban Dân tộc.",
        "3. UBND huyện Một",
        "Thời gian thực hiện: Quý II năm 2026.",
        "Cơ quan phối hợp: UBND các xã.",
        "Nơi nhận:",
        "PHÓ CHỦ TỊCH",
        "Hoàng Văn Minh",
    ]
    positions = [text.find(line) for line in expected]
    assert -1 not in positions, [line for line, at in zip(expected, positions, strict=True) if at == -1]
    assert text.index("1. Ban Dân tộc") < text.index("2. Sở Tài chính") < text.index("3. UBND huyện Một")


def test_a_draft_plan_prints_without_number_date_or_signer(client, staff, implementation_plan, lang_son):
    client.force_login(staff)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[implementation_plan.pk])).content)
    assert "Số: /KH-UBND" in text and "Chưa giao nhiệm vụ nào" in text


def test_the_word_file_of_the_plan_holds_the_same_sections(client, staff, printed):
    client.force_login(staff)
    response = client.get(reverse("monitoring:plan_docx", args=[printed.pk]))
    word = docx.Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    text = "\n".join(paragraphs + cells)
    for expected in [
        "KẾ HOẠCH",
        "Số: 45/KH-UBND",
        "1. Ban Dân tộc",
        "2. Sở Tài chính",
        "3. UBND huyện Một",
        "Thời gian thực hiện: Quý II năm 2026.",
        "Nơi nhận:",
        "Hoàng Văn Minh",
    ]:
        assert expected in text, expected


# ------------------------------------------------------------------ demo


def test_the_demo_plan_is_created_once_with_one_overdue_task(staff, units):
    dong_dang = make_unit("06184", "Xã Đồng Đăng", Unit.Level.COMMUNE, Unit.Kind.XA, units["new_province"], new=True)
    today = date(2026, 11, 23)
    seed_tasks(actor=staff, today=today)
    seed_tasks(actor=staff, today=today)
    plan = ImplementationPlan.objects.get()
    assert plan.tasks.count() == len(TASKS) + 1 == 11  # and one task of every commune of the province
    assert plan.tasks.get(all_communes=True).unit == units["new_province"]
    assert plan.tasks.values("agency", "unit").distinct().count() == 5
    assert DocumentVersion.objects.filter(kind="ke-hoach-trien-khai", object_id=plan.pk).count() == 1  # issued
    overdue = list(Task.objects.overdue(today))
    assert len(overdue) == 1 and overdue[0].unit == dong_dang
    assert TASKS[OVERDUE_INDEX][0] == "UBND xã Đồng Đăng"
    # A plan of 2026 names the agencies of 2026 only, none that ended in the 2025 reorganisation.
    names = set(Agency.objects.filter(tasks__plan=plan).values_list("name", flat=True))
    names |= set(Agency.objects.filter(coordinated_tasks__plan=plan).values_list("name", flat=True))
    valid = Agency.objects.valid_on(date(2026, 1, 15)).filter(name__in=names)
    assert names == set(valid.values_list("name", flat=True))
    assert "[Dữ liệu mẫu]" in plan.title


def test_staff_keep_the_agency_catalogue_and_others_cannot(client, staff, officer, agencies):
    client.force_login(staff)
    response = client.post(reverse("monitoring:agency_create"), {"name": "  Sở  Y tế ", "position": 90, "active": "on"})
    assert response.status_code == 302 and Agency.objects.filter(name="Sở Y tế").exists()
    agency = Agency.objects.get(name="Sở Y tế")
    url = reverse("monitoring:agency_update", args=[agency.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    client.post(url, {"name": "Sở Y tế", "position": 95, "seen_version": seen})
    assert (Agency.objects.get(pk=agency.pk).position, Agency.objects.get(pk=agency.pk).active) == (95, False)
    client.force_login(officer)
    assert client.get(reverse("monitoring:agency_create")).status_code == 403
    assert "Sở Y tế" in client.get(reverse("monitoring:agency_list")).text


@pytest.mark.browser
def test_an_officer_clears_an_overdue_task_from_their_home_page_in_the_browser(
    browser,
    live_server,
    officer,
    staff,
    units,
    agencies,
):
    plan = ImplementationPlan.objects.create(year=2026, title="Kế hoạch thử nghiệm")
    due = date.today() - timedelta(days=10)
    add_task(
        plan,
        staff,
        unit=units["district_one"],
        kind="ngay",
        year=None,
        period=None,
        due_date=due,
        description="Gửi báo cáo rà soát",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    page.get_by_role("link", name="Nhiệm vụ giao cho đơn vị bạn đã quá hạn").click()
    page.get_by_role("link", name="Gửi báo cáo rà soát").click()
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Tình trạng").select_option("xong")
    page.get_by_label("Nội dung, kết quả").fill("Đã gửi báo cáo về Ban Dân tộc")
    page.locator("main").get_by_role("button", name="Ghi nhận").click()
    page.wait_for_load_state()
    assert "Đã ghi nhận tiến độ nhiệm vụ" in page.content()
    page.goto(f"{live_server.url}/")
    assert "quá hạn" not in page.content()
    page.close()


def test_the_task_export_writes_the_rows_the_list_shows(
    client, officer, assigned, implementation_plan, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:task_export") + "?tinh_trang=chua")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["STT", "Nhiệm vụ", "Chủ trì"]
    assert [row[1] for row in rows[1:]] == ["Nhiệm vụ của huyện Một"]  # never another unit's task
    assert rows[1][2] == "UBND huyện Một" and rows[1][4] == "Quý I năm 2026"


def test_a_task_goes_to_a_unit_of_the_province(implementation_plan, staff):
    elsewhere = make_unit("98", "Tỉnh Khác", Unit.Level.PROVINCE, Unit.Kind.TINH)
    district = make_unit("981", "Huyện Khác", Unit.Level.DISTRICT, Unit.Kind.HUYEN, elsewhere)
    assert refused_code(lambda: add_task(implementation_plan, staff, unit=district)) == "outside_province"


def test_a_plan_offers_and_prints_the_agencies_of_its_own_date(client, staff, agencies, decision):
    """Sở Kế hoạch và Đầu tư merged into Sở Tài chính in 2025: a plan of 2014 keeps it, a plan of 2026
    does not offer it (nor Ban Dân tộc, now Sở Dân tộc và Tôn giáo)."""
    old = factories.implementation_plan(year=2014, number="30/KH-UBND", signed_on=date(2014, 3, 4), signer_name="A")
    add_task(old, staff, agency=agencies["Sở Kế hoạch và Đầu tư"], kind="thuong_xuyen", year=None, period=None)
    new = factories.implementation_plan(year=2026)
    client.force_login(staff)
    offered_then = client.get(reverse("monitoring:task_create", args=[old.pk])).context["form"].fields["agency"]
    offered_now = client.get(reverse("monitoring:task_create", args=[new.pk])).context["form"].fields["agency"]
    names_then = {agency.name for agency in offered_then.queryset}
    names_now = {agency.name for agency in offered_now.queryset}
    assert {"Sở Kế hoạch và Đầu tư", "Ban Dân tộc"} <= names_then and "Sở Dân tộc và Tôn giáo" not in names_then
    assert {"Sở Kế hoạch và Đầu tư", "Ban Dân tộc"}.isdisjoint(names_now) and "Sở Dân tộc và Tôn giáo" in names_now
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[old.pk])).content)
    assert "Sở Kế hoạch và Đầu tư" in text
    agency = Agency.objects.get(name="Sở Kế hoạch và Đầu tư")
    assert agency.successor.name == "Sở Tài chính" and agency.valid_until == date(2025, 2, 28)


def test_the_agency_catalogue_says_which_agencies_ended_and_what_they_became(client, staff):
    client.force_login(staff)
    page = client.get(reverse("monitoring:agency_list")).text
    row = page[page.index("Sở Kế hoạch và Đầu tư") :]
    row = row[: row.index("</tr>")]
    assert "đến 28/02/2025" in row and "Sở Tài chính" in row and "Đã thôi hoạt động" in row


# The closing of a real provincial plan, as its author wrote it (section III, sub-sections, bullets).
AUTHORS_CLOSING = """III. TỔ CHỨC THỰC HIỆN
1. Sở Dân tộc và Tôn giáo
- Chủ trì, theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch này.
- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.
2. Các sở, ban, ngành; Ủy ban nhân dân các xã, phường
Căn cứ nhiệm vụ được giao, chủ động xây dựng kế hoạch chi tiết và tổ chức thực hiện./."""


def test_the_printed_plan_carries_the_authors_opening_sections_recipients_and_signer(client, staff, leader, printed):
    printed.opening = "Thực hiện Quyết định số 900/QĐ-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"
    printed.tasks_heading = "II. NHIỆM VỤ CỤ THỂ"
    printed.closing = AUTHORS_CLOSING
    printed.recipients = "Như trên;\nBộ Dân tộc và Tôn giáo (b/c);\nTT Tỉnh ủy, TT HĐND tỉnh (b/c);"
    printed.archive = "VT, KGVX, Thg."
    printed.signer_authority = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    printed.save()
    client.force_login(leader)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[printed.pk])).content)
    expected = [
        "Thực hiện Quyết định số 900/QĐ-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "II. NHIỆM VỤ CỤ THỂ",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Dân tộc và Tôn giáo",
        "- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.",
        "tổ chức thực hiện./.",
        "- Như trên;",
        "- Bộ Dân tộc và Tôn giáo (b/c);",
        "- Lưu: VT, KGVX, Thg.",
    ]
    positions = [text.find(line) for line in expected]
    assert -1 not in positions, [line for line, at in zip(expected, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    assert "TM. ỦY BAN NHÂN DÂN" in text and "KT. CHỦ TỊCH" in text
    assert "NHIỆM VỤ, GIẢI PHÁP" not in text and "ban hành Kế hoạch với các nội dung như sau" not in text
    assert "định kỳ hằng quý báo cáo" not in text  # the portal's closing gives way to the author's
    word = docx.Document(io.BytesIO(client.get(reverse("monitoring:plan_docx", args=[printed.pk])).content))
    bold = {p.text for p in word.paragraphs if p.runs and all(run.bold for run in p.runs)}
    assert {"III. TỔ CHỨC THỰC HIỆN", "1. Sở Dân tộc và Tôn giáo"} <= bold
    assert "- Chủ trì, theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch này." not in bold


@pytest.mark.browser
def test_staff_write_the_closing_and_recipients_of_a_plan_in_the_browser(
    browser, live_server, staff, implementation_plan, lang_son, agencies
):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    sign_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}{reverse('monitoring:task_create', args=[implementation_plan.pk])}")
    page.get_by_label("Cơ quan cấp tỉnh chủ trì").select_option(label="Sở Tài chính")
    page.locator("#id_description").fill("Bố trí vốn đối ứng cho các xã.")
    page.locator("#id_time_kind").select_option(label="Ghi như văn bản")
    page.get_by_label("Thời gian như văn bản ghi").fill("Quý IV năm 2026 và năm 2027")
    page.locator("main").get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert Task.objects.get().deadline == date(2027, 12, 31)
    page.goto(f"{live_server.url}{reverse('monitoring:plan_update', args=[implementation_plan.pk])}")
    page.get_by_label("Phần tổ chức thực hiện, kết thúc").fill(AUTHORS_CLOSING)
    page.get_by_label("Nơi nhận").fill("Như trên;\nBộ Dân tộc và Tôn giáo (b/c);")
    page.get_by_label("Lưu", exact=True).fill("VT, KGVX")
    page.locator("main").get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name="In kế hoạch (PDF)").get_attribute("href")
    text = pdf_text(page.context.request.get(f"{live_server.url}{link}").body())  # as this person downloads it
    assert "III. TỔ CHỨC THỰC HIỆN" in text and "- Bộ Dân tộc và Tôn giáo (b/c);" in text and "- Lưu: VT, KGVX." in text
    assert "Thời gian thực hiện: Quý IV năm 2026 và năm 2027." in text
    page.close()


def test_a_plan_orders_its_sections_its_own_way_with_a_role_and_one_coordinators_line(
    client, staff, officer, leader, printed, agencies
):
    finance = agencies["Sở Tài chính"]
    url = reverse("monitoring:section_edit", args=[printed.pk, "co-quan", finance.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("monitoring:section_edit", args=[printed.pk, "x", finance.pk])).status_code == 404
    no_tasks = agencies["Sở Dân tộc và Tôn giáo"]
    assert client.get(reverse("monitoring:section_edit", args=[printed.pk, "co-quan", no_tasks.pk])).status_code == 404
    payload = {
        "position": "1",
        "role": "Là cơ quan chủ trì tham mưu bố trí vốn thực hiện Kế hoạch.",
        "coordinators": "Sở Dân tộc và Tôn giáo, Kho bạc Nhà nước tỉnh",
    }
    assert client.post(url, payload).status_code == 302
    client.force_login(leader)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[printed.pk])).content)
    # The author put Sở Tài chính first; the others follow in the catalogue's order.
    assert text.index("1. Sở Tài chính") < text.index("2. Ban Dân tộc") < text.index("3. UBND huyện Một")
    section = text[text.index("1. Sở Tài chính") : text.index("2. Ban Dân tộc")]
    assert section.index("Là cơ quan chủ trì tham mưu") < section.index("Bố trí vốn sự nghiệp.")
    assert "Đơn vị phối hợp: Sở Dân tộc và Tôn giáo, Kho bạc Nhà nước tỉnh." in section
    assert "Cơ quan phối hợp" not in section  # said once for the section, not under each task
    assert "Cơ quan phối hợp: UBND các xã." in text  # a section without its own line keeps the task's


def test_a_recurring_task_asks_for_a_report_each_period_instead_of_never_being_overdue(
    client, implementation_plan, staff, officer, units
):
    task = add_task(
        implementation_plan,
        staff,
        unit=units["district_one"],
        kind=Task.TimeKind.TEXT,
        time_note="Thường xuyên hàng tháng",
        repeat=Task.Repeat.MONTHLY,
        description="Cập nhật danh sách hộ thoát nghèo.",
    )
    assert task.deadline is None
    may, june = date(2026, 5, 20), date(2026, 6, 2)
    assert list(Task.objects.report_due(may)) == [task]
    services.task_report(
        task=task, status="dang", reported_on=date(2026, 5, 18), note="Đã cập nhật.", actor=officer, today=may
    )
    assert list(Task.objects.report_due(may)) == []  # reported this month
    assert list(Task.objects.report_due(june)) == [task]  # a new month asks again
    assert list(Task.objects.report_due(date(2027, 1, 5))) == []  # the 2026 plan's year is over
    client.force_login(officer)
    page = client.get(reverse("home")).text
    assert "Nhiệm vụ thường xuyên chưa báo cáo tiến độ kỳ này" in page
    listed = client.get(reverse("monitoring:task_list"), {"bao_cao_ky_nay": "1"}).text
    assert "Cập nhật danh sách hộ thoát nghèo." in listed


# ------------------------------------------------------------------ a task of every commune


def test_a_task_given_to_every_commune_is_seen_and_reported_by_each_commune_for_itself(
    client, staff, units, implementation_plan, settings
):
    from monitoring.home.tasks import recurring_reports_due
    from tests.conftest import make_user

    settings.PORTAL_PROVINCE_CODE = "99"
    other_commune = make_unit(
        "90009", "Phường Mới Hai", Unit.Level.COMMUNE, Unit.Kind.PHUONG, units["new_province"], new=True
    )
    first = make_user("xa_moi", "local_officer", units["new_commune"])
    second = make_user("phuong_moi_hai", "local_officer", other_commune)
    client.force_login(staff)
    payload = {
        "agency": "",
        "unit": "",
        "all_communes": "on",
        "description": "Rà soát, cập nhật danh sách hộ hưởng lợi.",
        "coordinators_other": "",
        "time_kind": "thuong_xuyen",
        "repeat": "quy",
    }
    response = client.post(reverse("monitoring:task_create", args=[implementation_plan.pk]), payload)
    assert response.status_code == 302, response.context["form"].errors
    task = Task.objects.get()
    assert (task.all_communes, task.unit, task.assignee_name) == (True, units["new_province"], "UBND các xã, phường")
    refused = client.post(
        reverse("monitoring:task_create", args=[implementation_plan.pk]), {**payload, "unit": units["new_commune"].pk}
    )
    assert "không chọn thêm cơ quan hay đơn vị" in refused.text and Task.objects.count() == 1

    today = date(2026, 11, 30)
    for officer in (first, second):  # each commune sees it, and is reminded to report this quarter
        client.force_login(officer)
        assert client.get(task.get_absolute_url()).status_code == 200
        assert recurring_reports_due(officer, today=today)[0].count == 1
    client.force_login(first)
    report = {"status": "xong", "reported_on": "30/11/2026", "note": "Đã rà soát 312 hộ."}
    assert client.post(reverse("monitoring:task_report", args=[task.pk]), report).status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED  # the province's status is the office's to set
    assert TaskProgress.objects.get().unit == units["new_commune"]
    assert recurring_reports_due(first, today=today)[0].count == 0
    assert recurring_reports_due(second, today=today)[0].count == 1  # the other commune still owes its report
    client.force_login(second)
    assert "Đã rà soát 312 hộ." not in client.get(task.get_absolute_url()).text  # another commune's report
    # The office sees where every commune stands, and the plan prints the group as one section.
    client.force_login(staff)
    page = client.get(task.get_absolute_url()).text
    assert "2 xã, phường được giao: <strong>1</strong> đã hoàn thành, 0 đang thực hiện, 1 chưa báo cáo." in page
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[implementation_plan.pk])).content)
    assert "1. UBND các xã, phường" in text and "- Rà soát, cập nhật danh sách hộ hưởng lợi." in text
