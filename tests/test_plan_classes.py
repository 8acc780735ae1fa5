"""The classes and study tours of the annual plan, held to the rules of its phase."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from communes.models import Unit
from tests.conftest import make_unit
from tests.documents import pdf_text
from trainings.models import AnnualPlan, PlanClass, StudyTour, Topic
from trainings.services import plans as plan_services


def class_data(topic, **changes):
    return {
        "topic": topic,
        "audience": PlanClass.Audience.COMMUNITY,
        "level": PlanClass.Level.PROVINCE,
        "place": "Thành phố Lạng Sơn",
        "start_date": date(2018, 6, 4),
        "end_date": date(2018, 6, 10),
        "days": 4,
        "participants": 50,
        "women": 20,
        "ethnic_minority": 45,
        "young_cadres": 5,
        "cost": 60_000_000,
        **changes,
    }


def add_class(plan, staff, topic, **changes):
    return plan_services.plan_class_save(plan=plan, data=class_data(topic, **changes), actor=staff)


def add_tour(plan, staff, cost, **changes):
    data = {
        "destination": "Tỉnh Lào Cai",
        "inside_province": False,
        "start_date": date(2018, 9, 10),
        "participants": 20,
        "cost": cost,
        **changes,
    }
    return plan_services.study_tour_save(plan=plan, data=data, actor=staff)


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value


def approve(plan, staff):
    return plan_services.plan_approve(
        plan=plan,
        number="82/KH-UBND",
        signed_on=date(2018, 5, 3),
        signer_name="Lý Vinh Quang",
        signer_title="Phó Chủ tịch",
        actor=staff,
    )


def test_it_rejects_a_community_class_longer_than_4_days(plan, staff, topic):
    error = refusal(lambda: add_class(plan, staff, topic, days=5))
    assert "Lớp cho cộng đồng tối đa 4 ngày (theo 82/KH-UBND)" in error.messages[0]
    saved = add_class(plan, staff, topic, days=4)
    assert list(plan.classes.all()) == [saved]
    assert saved.history.first().history_user == staff


def test_it_rejects_an_officials_class_longer_than_5_days(plan, staff, topic):
    error = refusal(lambda: add_class(plan, staff, topic, audience=PlanClass.Audience.OFFICIALS, days=6))
    assert "Lớp cho cán bộ cơ sở tối đa 5 ngày (theo 82/KH-UBND)" in error.messages[0]
    assert not PlanClass.objects.exists()


def test_the_cap_is_read_from_the_rules_of_the_phase(plan, staff, topic, rules):
    rules.max_days_community = 3
    rules.save()
    error = refusal(lambda: add_class(plan, staff, topic, days=4))
    assert "tối đa 3 ngày" in error.messages[0]


def test_a_plan_of_a_phase_without_rules_takes_no_class(plan, staff, topic, rules):
    rules.delete()
    assert refusal(lambda: add_class(plan, staff, topic)).code == "no_rules"


def test_it_rejects_more_women_than_participants(plan, staff, topic):
    error = refusal(lambda: add_class(plan, staff, topic, participants=10, women=11))
    assert "không được vượt số học viên" in " ".join(error.messages)
    assert not PlanClass.objects.exists()


def test_it_rejects_a_class_outside_the_plans_year(plan, staff, topic):
    error = refusal(lambda: add_class(plan, staff, topic, start_date=date(2019, 1, 2), end_date=date(2019, 1, 5)))
    assert "trong năm 2018" in error.messages[0]


def test_study_tours_over_10_percent_of_the_budget_are_refused_with_the_headroom(plan, staff, budget):
    add_tour(plan, staff, 70_000_000)
    error = refusal(lambda: add_tour(plan, staff, 40_000_000, destination="Tỉnh Hà Giang"))
    assert error.code == "study_tour_ceiling"
    message = error.messages[0]
    assert "10%" in message and "100.000.000" in message and "còn bố trí được 30.000.000 đồng" in message
    add_tour(plan, staff, 30_000_000, destination="Tỉnh Hà Giang")
    assert StudyTour.objects.count() == 2


def test_editing_a_tour_counts_its_new_cost_not_its_old_one(plan, staff, budget):
    tour = add_tour(plan, staff, 70_000_000)
    data = {"cost": 100_000_000}
    assert plan_services.study_tour_save(plan=plan, data=data, instance=tour, actor=staff).cost == 100_000_000


def test_approval_is_refused_while_a_class_breaks_rules_tightened_after_entry(plan, staff, topic, rules):
    add_class(plan, staff, topic, days=4)
    plan_services.plan_submit(plan=plan, actor=staff)
    rules.max_days_community = 3
    rules.save()
    error = refusal(lambda: approve(plan, staff))
    assert any("tối đa 3 ngày" in message and topic.name in message for message in error.messages)
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.SUBMITTED


def test_submission_lists_every_problem(plan, staff, topic, rules, budget):
    add_class(plan, staff, topic, days=4)
    add_tour(plan, staff, 100_000_000)
    rules.max_days_community = 3
    rules.max_study_tour_share = 5
    rules.save()
    error = refusal(lambda: plan_services.plan_submit(plan=plan, actor=staff))
    text = " ".join(error.messages)
    assert "tối đa 3 ngày" in text and "5%" in text and "(50.000.000 đồng): phải giảm 50.000.000 đồng" in text
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.DRAFT


def test_the_classes_of_an_approved_plan_cannot_be_changed(client, plan, staff, topic):
    saved = add_class(plan, staff, topic)
    plan_services.plan_submit(plan=plan, actor=staff)
    approve(plan, staff)
    assert refusal(lambda: add_class(plan, staff, topic)).code == "not_draft"
    change = lambda: plan_services.plan_class_save(plan=plan, data={"days": 2}, instance=saved, actor=staff)  # noqa: E731
    assert refusal(change).code == "not_draft"
    assert refusal(lambda: plan_services.plan_item_delete(item=saved, actor=staff)).code == "not_draft"
    client.force_login(staff)
    client.post(reverse("trainings:class_delete", args=[saved.pk]))
    assert PlanClass.objects.get().days == 4


def test_staff_add_edit_and_delete_a_class_through_the_pages(client, plan, staff, topic):
    client.force_login(staff)
    payload = {
        "topic": topic.pk,
        "audience": "cong_dong",
        "level": "tinh",
        "place": " Thành phố  Lạng Sơn ",
        "start_date": "04/06/2018",
        "end_date": "08/06/2018",
        "days": 5,
        "participants": 50,
        "women": 20,
        "ethnic_minority": 45,
        "young_cadres": 0,
        "cost": 60000000,
    }
    response = client.post(reverse("trainings:class_create", args=[plan.pk]), payload)
    assert response.status_code == 200 and "tối đa 4 ngày (theo 82/KH-UBND)" in response.text
    assert client.post(reverse("trainings:class_create", args=[plan.pk]), {**payload, "days": 4}).status_code == 302
    plan_class = PlanClass.objects.get()
    assert plan_class.place == "Thành phố Lạng Sơn"
    url = reverse("trainings:class_update", args=[plan_class.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    assert client.post(url, {**payload, "days": 3, "seen_version": seen}).status_code == 302
    assert PlanClass.objects.get().days == 3
    delete = reverse("trainings:class_delete", args=[plan_class.pk])
    assert "Thao tác này không hoàn tác được" in client.get(delete).text
    assert PlanClass.objects.exists()
    assert client.post(delete).status_code == 302
    assert not PlanClass.objects.exists()


def test_the_study_tour_form_shows_the_headroom(client, plan, staff, budget):
    add_tour(plan, staff, 70_000_000)
    client.force_login(staff)
    page = client.get(reverse("trainings:tour_create", args=[plan.pk])).text
    assert "100.000.000" in page and "30.000.000" in page


def test_the_export_total_is_the_sum_of_the_classes(client, plan, staff, topic, leader):
    add_class(plan, staff, topic, cost=60_000_000, participants=50)
    add_class(plan, staff, topic, cost=45_500_000, participants=40, ethnic_minority=30, audience="can_bo", days=5)
    client.force_login(leader)
    response = client.get(reverse("trainings:plan_classes_export", args=[plan.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body, total = rows[0], rows[1:-1], rows[-1]
    cost, participants = header.index("Kinh phí (đồng)"), header.index("Số học viên")
    assert len(body) == 2 and total[1] == "Tổng cộng"
    assert total[cost] == sum(row[cost] for row in body) == 105_500_000
    assert total[participants] == 90
    # Every column has its header: they are declared once with the values.
    assert all(len(row) == len(header) for row in rows) and None not in header
    assert header[:3] == ("STT", "Nội dung", "Đối tượng") and "Từ ngày" in header and "Nữ" in header


def test_the_printed_plan_holds_the_class_table_and_the_tours(client, settings, plan, staff, topic, budget):
    settings.PORTAL_PROVINCE_CODE = "20"
    make_unit("20", "Tỉnh Lạng Sơn", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)
    add_class(plan, staff, topic, cost=60_000_000)
    add_class(plan, staff, topic, cost=40_000_000, place="Huyện Văn Lãng")
    add_tour(plan, staff, 80_000_000)
    client.force_login(staff)
    text = pdf_text(client.get(reverse("trainings:plan_pdf", args=[plan.pk])).content)
    section = text[text.index("4. Hình thức") : text.index("III. KINH PHÍ")]
    # Narrow columns wrap their headers and cells, so the table is read by its numbers.
    table = ["c) Các lớp đào tạo, bồi dưỡng cấp tỉnh", "STT", "60.000.000", "40.000.000", "Tổng cộng 8 100 100.000.000"]
    for expected in table:
        assert expected in section, expected
    assert "Tỉnh Lào Cai (ngoài tỉnh), tháng 9/2018: 20 người, kinh phí 80.000.000 đồng" in section


def test_the_plan_page_with_300_classes_issues_a_bounded_number_of_queries(
    client, plan, staff, topic, budget, django_assert_max_num_queries
):
    PlanClass.objects.bulk_create(
        PlanClass(plan=plan, **class_data(Topic.objects.create(name=f"Nội dung {number}"), place=f"Xã {number}"))
        for number in range(300)
    )
    for number in range(20):
        StudyTour.objects.create(
            plan=plan, destination=f"Nơi {number}", start_date=date(2018, 9, 1), participants=5, cost=1
        )
    client.force_login(staff)
    with django_assert_max_num_queries(20):
        page = client.get(plan.get_absolute_url()).text
    assert "Xã 299" in page and "Tổng cộng (300 lớp)" in page
