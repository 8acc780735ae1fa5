"""The plan's split among local units and the local plans of officers: entered by the unit's
officer within its allotment and the phase's rules, approved or returned by the province."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes.models import Category, Designation, LegalDocument, Phase, Village
from tests.conftest import make_unit
from tests.documents import pdf_text
from tests.test_plan_classes import class_data
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass, Topic
from trainings.selectors.local_plans import local_units
from trainings.selectors.plans import plan_area
from trainings.services import local_plans as local_services


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def split(plan, staff, units, budget):
    local_services.local_budgets_save(
        plan=plan,
        amounts={units["district_one"].pk: 200_000_000, units["district_two"].pk: 100_000_000},
        actor=staff,
    )


@pytest.fixture
def local_plan(plan, officer, split):
    return local_services.local_plan_start(plan=plan, unit=officer.unit, actor=officer)


def local_data(topic, **changes):
    return class_data(topic, **{"level": PlanClass.Level.DISTRICT, "place": "Huyện Một", **changes})


def add_local_class(local_plan, officer, topic, **changes):
    return local_services.local_class_save(local_plan=local_plan, data=local_data(topic, **changes), actor=officer)


def error_codes(error: ValidationError) -> set[str]:
    return {item.code for item in error.error_list}


# ------------------------------------------------------------------ the split


def test_the_split_goes_to_the_districts_of_the_plan_year(plan, staff, units, budget, split):
    assert dict(LocalBudget.objects.values_list("unit__name", "amount")) == {
        "Huyện Một": 200_000_000,
        "Huyện Hai": 100_000_000,
    }


def test_the_split_cannot_exceed_the_capacity_building_budget(plan, staff, units, budget):
    with pytest.raises(ValidationError) as caught:
        local_services.local_budgets_save(
            plan=plan,
            amounts={units["district_one"].pk: 900_000_000, units["district_two"].pk: 100_000_001},
            actor=staff,
        )
    assert "over_budget" in error_codes(caught.value)
    assert "vượt kinh phí nâng cao năng lực năm 2018 (1.000.000.000 đồng) 1 đồng" in caught.value.messages[0]
    assert not LocalBudget.objects.exists()


def test_only_units_right_under_the_province_get_a_share(plan, staff, units, budget):
    with pytest.raises(ValidationError) as caught:
        local_services.local_budgets_save(plan=plan, amounts={units["commune_a1"].pk: 1}, actor=staff)
    assert "wrong_unit" in error_codes(caught.value)


def test_after_the_reform_the_split_goes_to_communes(units):
    phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    later = AnnualPlan.objects.create(year=2026, phase=phase, title="Kế hoạch 2026")
    assert list(local_units(later)) == [units["new_commune"]]


def test_a_unit_with_a_local_plan_keeps_its_share(plan, staff, units, local_plan):
    with pytest.raises(ValidationError) as caught:
        local_services.local_budgets_save(plan=plan, amounts={units["district_one"].pk: None}, actor=staff)
    assert "has_local_plan" in error_codes(caught.value)


def post_split(client, plan, data: dict, version: int | None = None):
    """The split page as a person uses it: opened, then sent with the version it showed."""
    url = reverse("trainings:budgets_edit", args=[plan.pk])
    if version is None:
        version = client.get(url).context["form"].version
    return client.post(url, {**data, "seen_version": version})


def test_the_split_page_saves_amounts_typed_with_dots(client, plan, staff, units, budget):
    client.force_login(staff)
    response = post_split(
        client, plan, {f"unit_{units['district_one'].pk}": "150.000.000", f"unit_{units['district_two'].pk}": ""}
    )
    assert response.status_code == 302
    assert list(LocalBudget.objects.values_list("unit__name", "amount")) == [("Huyện Một", 150_000_000)]
    page = post_split(client, plan, {f"unit_{units['district_one'].pk}": "2.000.000.000"}).text
    assert "vượt kinh phí nâng cao năng lực năm 2018" in page
    assert LocalBudget.objects.get().amount == 150_000_000


def test_the_split_page_does_not_overwrite_a_change_made_meanwhile(client, plan, staff, units, budget):
    client.force_login(staff)
    opened = client.get(reverse("trainings:budgets_edit", args=[plan.pk])).context["form"].version
    local_services.local_budgets_save(plan=plan, amounts={units["district_two"].pk: 50_000_000}, actor=staff)
    page = post_split(client, plan, {f"unit_{units['district_one'].pk}": "1"}, version=opened).text
    assert "vừa được người khác sửa" in page
    assert list(LocalBudget.objects.values_list("unit__name", "amount")) == [("Huyện Hai", 50_000_000)]


# ------------------------------------------------------------------ entering a local plan


def test_no_local_plan_without_a_share_of_the_budget(plan, officer, budget):
    with pytest.raises(ValidationError) as caught:
        local_services.local_plan_start(plan=plan, unit=officer.unit, actor=officer)
    assert "no_allotment" in error_codes(caught.value)


def test_a_class_longer_than_the_cap_for_its_audience_is_refused(local_plan, officer, topic, rules):
    with pytest.raises(ValidationError) as caught:
        add_local_class(local_plan, officer, topic, audience=PlanClass.Audience.COMMUNITY, days=5)
    assert "too_long" in error_codes(caught.value)
    assert "tối đa 4 ngày (theo 82/KH-UBND)" in caught.value.messages[0]
    add_local_class(local_plan, officer, topic, audience=PlanClass.Audience.OFFICIALS, days=5)
    rules.max_days_community = 6
    rules.save()
    add_local_class(local_plan, officer, topic, audience=PlanClass.Audience.COMMUNITY, days=5)
    assert local_plan.classes.count() == 2


def test_dates_must_fall_in_the_plan_year(local_plan, officer, topic):
    with pytest.raises(ValidationError) as caught:
        add_local_class(local_plan, officer, topic, start_date=date(2019, 1, 2), end_date=date(2019, 1, 5))
    assert "outside_year" in error_codes(caught.value)


def test_estimates_cannot_exceed_the_allotment(local_plan, officer, topic):
    add_local_class(local_plan, officer, topic, cost=150_000_000)
    with pytest.raises(ValidationError) as caught:
        add_local_class(local_plan, officer, topic, cost=50_000_001)
    assert "over_allotment" in error_codes(caught.value)
    assert "(200.000.000 đồng) 1 đồng" in caught.value.messages[0]
    assert local_plan.classes.count() == 1


def test_the_class_form_refuses_more_women_than_participants(client, local_plan, officer, topic):
    client.force_login(officer)
    data = {**local_data(topic), "topic": topic.pk, "start_date": "04/06/2018", "end_date": "07/06/2018"}
    data.update(participants=10, women=11)
    page = client.post(reverse("trainings:local_class_create", args=[local_plan.pk]), data).text
    assert "không được vượt số học viên" in page
    assert not PlanClass.objects.exists()


def test_the_officer_enters_a_class_through_the_form(client, local_plan, officer, topic):
    client.force_login(officer)
    data = {**local_data(topic), "topic": topic.pk, "start_date": "04/06/2018", "end_date": "07/06/2018"}
    response = client.post(reverse("trainings:local_class_create", args=[local_plan.pk]), data)
    assert response.status_code == 302
    assert local_plan.classes.get().level == PlanClass.Level.DISTRICT


# ------------------------------------------------------------------ the workflow


def test_an_empty_plan_cannot_be_sent(local_plan, officer):
    with pytest.raises(ValidationError) as caught:
        local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    assert "no_classes" in error_codes(caught.value)


def test_sent_plans_are_locked_for_the_officer(client, local_plan, officer, topic):
    plan_class = add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    with pytest.raises(ValidationError) as caught:
        add_local_class(local_plan, officer, topic)
    assert "not_editable" in error_codes(caught.value)
    client.force_login(officer)
    response = client.post(reverse("trainings:local_class_update", args=[plan_class.pk]), local_data(topic, days=1))
    assert response.status_code == 302
    plan_class.refresh_from_db()
    assert plan_class.days == 4


def test_an_officer_cannot_approve(client, local_plan, officer, topic):
    add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    client.force_login(officer)
    assert client.post(reverse("trainings:local_plan_approve", args=[local_plan.pk])).status_code == 403
    local_plan.refresh_from_db()
    assert local_plan.status == LocalPlan.Status.SENT


def test_another_units_officer_gets_404(client, local_plan, officer, other_officer, topic):
    plan_class = add_local_class(local_plan, officer, topic)
    client.force_login(other_officer)
    for url in [
        reverse("trainings:local_plan_detail", args=[local_plan.pk]),
        reverse("trainings:local_class_create", args=[local_plan.pk]),
        reverse("trainings:local_class_update", args=[plan_class.pk]),
        reverse("trainings:local_class_delete", args=[plan_class.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("trainings:local_plan_submit", args=[local_plan.pk])).status_code == 404


def test_the_province_returns_with_a_comment_that_the_officer_sees_at_home(client, local_plan, officer, staff, topic):
    add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    with pytest.raises(ValidationError):
        local_services.local_plan_return(local_plan=local_plan, comment="  ", actor=staff)
    client.force_login(staff)
    response = client.post(
        reverse("trainings:local_plan_return", args=[local_plan.pk]), {"comment": "Bổ sung lớp cho cộng đồng."}
    )
    assert response.status_code == 302
    client.force_login(officer)
    home = client.get(reverse("home")).text
    assert "bị tỉnh trả lại" in home and "Bổ sung lớp cho cộng đồng." in home
    # A returned plan is edited and sent again.
    add_local_class(local_plan, officer, topic, audience=PlanClass.Audience.COMMUNITY)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    local_plan.refresh_from_db()
    assert local_plan.status == LocalPlan.Status.SENT


def test_approval_checks_the_rules_again_then_locks(local_plan, officer, staff, topic, rules):
    add_local_class(local_plan, officer, topic, audience=PlanClass.Audience.OFFICIALS, days=5)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    rules.max_days_officials = 4
    rules.save()
    with pytest.raises(ValidationError) as caught:
        local_services.local_plan_approve(local_plan=local_plan, actor=staff)
    assert "too_long" in error_codes(caught.value)
    rules.max_days_officials = 5
    rules.save()
    local_services.local_plan_approve(local_plan=local_plan, actor=staff)
    local_plan.refresh_from_db()
    assert local_plan.status == LocalPlan.Status.ACCEPTED
    with pytest.raises(ValidationError):
        add_local_class(local_plan, officer, topic)


def test_approval_checks_the_allotment_again(local_plan, officer, staff, topic, plan, units):
    add_local_class(local_plan, officer, topic, cost=150_000_000)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    LocalBudget.objects.filter(unit=units["district_one"]).update(amount=100_000_000)
    with pytest.raises(ValidationError) as caught:
        local_services.local_plan_approve(local_plan=local_plan, actor=staff)
    assert "over_allotment" in error_codes(caught.value)


def test_staff_see_the_sent_plans_waiting_on_their_home_page(client, local_plan, officer, staff, topic):
    add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    client.force_login(staff)
    assert "Kế hoạch nâng cao năng lực của địa phương chờ duyệt" in client.get(reverse("home")).text


def test_province_class_urls_do_not_reach_local_classes(client, local_plan, officer, staff, topic):
    plan_class = add_local_class(local_plan, officer, topic)
    client.force_login(staff)
    assert client.get(reverse("trainings:class_update", args=[plan_class.pk])).status_code == 404


def test_the_plan_page_lists_only_the_officers_own_unit(client, plan, local_plan, officer):
    client.force_login(officer)
    page = client.get(plan.get_absolute_url()).text
    assert "Huyện Một" in page and "Huyện Hai" not in page


# ------------------------------------------------------------------ speed


def test_pages_with_300_local_classes_issue_a_bounded_number_of_queries(
    client, plan, local_plan, officer, staff, units, django_assert_max_num_queries
):
    for number in range(40):
        make_unit(f"95{number:02d}", f"Huyện Thêm {number}", "district", "huyen", units["province"])
    PlanClass.objects.bulk_create(
        PlanClass(
            plan=plan,
            local_plan=local_plan,
            **local_data(Topic.objects.create(name=f"Nội dung {number}"), place=f"Xã {number}", cost=1),
        )
        for number in range(300)
    )
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        page = client.get(local_plan.get_absolute_url()).text
    assert "Xã 299" in page and "Tổng cộng (300 lớp)" in page
    client.force_login(staff)
    with django_assert_max_num_queries(20):
        assert "Huyện Một" in client.get(plan.get_absolute_url()).text
    with django_assert_max_num_queries(12):
        assert "Huyện Thêm 39" in client.get(reverse("trainings:budgets_edit", args=[plan.pk])).text


# ------------------------------------------------------------------ the printed plan


def test_the_printed_plan_counts_its_area_from_the_registry_and_prints_the_split(
    client, plan, staff, units, split, decision
):
    village_decision = LegalDocument.objects.create(
        kind=LegalDocument.Kind.QUYET_DINH,
        number="414/QĐ-UBDT",
        issued_on=date(2017, 7, 11),
        issuer="Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc",
    )
    common = {"phase": plan.phase, "start_date": date(2017, 6, 20)}
    for commune, category in [
        ("commune_a1", Category.XA_DBKK),
        ("commune_a1", Category.XA_BIEN_GIOI),
        ("commune_b1", Category.XA_DBKK),
        ("commune_a2", Category.XA_DBKK),
    ]:
        Designation.objects.create(unit=units[commune], category=category, document=decision, **common)
    # Out of the programme before 2018: not in the 2018 plan's area.
    Designation.objects.filter(unit=units["commune_a2"]).update(end_date=date(2017, 12, 31))
    for name in ["Thôn Nà Pàn", "Thôn Khòn Pổng"]:
        village = Village.objects.create(commune=units["commune_a2"], name=name)
        Designation.objects.create(
            unit=units["commune_a2"], village=village, category=Category.THON_DBKK, document=village_decision, **common
        )
    assert plan_area(plan) == [
        "2 xã ĐBKK, biên giới được phê duyệt tại Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ",
        "2 thôn đặc biệt khó khăn (thuộc 1 xã) được phê duyệt tại Quyết định số 414/QĐ-UBDT ngày 11/7/2017 của"
        " Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc",
    ]
    client.force_login(staff)
    text = pdf_text(client.get(reverse("trainings:plan_pdf", args=[plan.pk])).content)
    area = text[text.index("1. Địa bàn thực hiện") : text.index("2. Đối tượng")]
    assert "Trên địa bàn 2 xã ĐBKK, biên giới được phê duyệt tại Quyết định số 900/" in area
    assert "và 2 thôn đặc biệt khó khăn (thuộc 1 xã)" in area
    budget = text[text.index("III. KINH PHÍ") : text.index("IV. TỔ CHỨC")]
    for expected in ["Phân bổ kinh phí cho các huyện:", "Huyện Một 200.000.000", "Tổng cộng 300.000.000", "tối đa 10%"]:
        assert expected in budget, expected
    assert "+ Đối với cán bộ cơ sở: Tối đa 05 ngày/lớp;" in text


# ------------------------------------------------------------------ the services check who acts


def test_a_sent_or_approved_plan_keeps_a_share_at_least_its_estimates(
    client, plan, staff, officer, units, local_plan, topic
):
    add_local_class(local_plan, officer, topic, cost=150_000_000)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    local_services.local_plan_approve(local_plan=local_plan, actor=staff)
    client.force_login(staff)
    page = post_split(
        client, plan, {f"unit_{units['district_one'].pk}": "0", f"unit_{units['district_two'].pk}": "100.000.000"}
    ).text
    assert "mức phân bổ không được thấp hơn" in page
    assert LocalBudget.objects.get(unit=units["district_one"]).amount == 200_000_000
    local_services.local_budgets_save(plan=plan, amounts={units["district_one"].pk: 150_000_000}, actor=staff)


def test_an_officer_cannot_approve_their_own_plan_through_the_service(officer, local_plan, topic):
    add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    with pytest.raises(ValidationError) as caught:
        local_services.local_plan_approve(local_plan=local_plan, actor=officer)
    assert "forbidden" in error_codes(caught.value)
    local_plan.refresh_from_db()
    assert local_plan.status == LocalPlan.Status.SENT


def test_only_the_units_own_officer_enters_and_sends_its_plan(staff, other_officer, local_plan, topic):
    for actor in (staff, other_officer):
        with pytest.raises(ValidationError) as caught:
            add_local_class(local_plan, actor, topic)
        assert "not_yours" in error_codes(caught.value)
        with pytest.raises(ValidationError) as caught:
            local_services.local_plan_submit(local_plan=local_plan, actor=actor)
        assert "not_yours" in error_codes(caught.value)


def test_the_plan_list_shows_where_the_local_plans_stand(
    client, plan, local_plan, officer, other_officer, staff, topic
):
    add_local_class(local_plan, officer, topic)
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)
    client.force_login(staff)
    page = client.get(reverse("trainings:plan_list")).text
    assert "1/2 đơn vị đã lập" in page and "1 chờ duyệt" in page
    client.force_login(officer)
    assert local_plan.get_absolute_url() in client.get(reverse("trainings:plan_list")).text
    client.force_login(other_officer)
    page = client.get(reverse("trainings:plan_list")).text
    assert local_plan.get_absolute_url() not in page and "Lập kế hoạch của đơn vị" in page
