"""The audit log: who changed what and when, shown on the object's page."""

from datetime import date

import pytest
from django.urls import reverse

from p135portal.audit import history_entries
from trainings.models import StudyTour
from trainings.services.plans import study_tour_save


def test_an_edit_in_the_admin_is_recorded_with_its_author_and_values(client, administrator, units):
    unit = units["commune_a1"]
    client.force_login(administrator)
    response = client.post(
        reverse("admin:communes_unit_change", args=[unit.pk]),
        {
            "code": unit.code,
            "name": "Xã A Một Mới",
            "level": unit.level,
            "kind": unit.kind,
            "parent": unit.parent_id,
            "valid_from": "",
            "valid_until": "30/06/2025",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = history_entries(unit)[0]
    assert latest.who == str(administrator)
    assert latest.action == "Sửa"
    assert [(c.field, c.old, c.new) for c in latest.changes] == [("tên", "Xã A Một", "Xã A Một Mới")]


def test_the_unit_page_shows_its_history(client, staff, units):
    unit = units["commune_a1"]
    unit._history_user = staff
    unit.name = "Xã A Một Mới"
    unit.save()
    client.force_login(staff)
    page = client.get(unit.get_absolute_url()).text
    assert "Lịch sử thay đổi" in page
    assert "<del" in page and "Xã A Một</del> → Xã A Một Mới" in page
    assert str(staff) in page


def test_history_reads_in_a_fixed_number_of_queries(staff, units, django_assert_num_queries):
    unit = units["commune_a1"]
    for number in range(30):
        unit.name = f"Xã A Một ({number})"
        unit.save()
    with django_assert_num_queries(1):
        entries = history_entries(unit)
    assert len(entries) == 31


def test_the_user_history_never_keeps_passwords(staff):
    staff.set_password("mat-khau-moi-2026")
    staff.save()
    fields = {field.name for field in staff.history.model._meta.get_fields()}
    assert "password" not in fields


def test_dates_in_the_history_read_the_vietnamese_way(staff, units):
    from datetime import date

    unit = units["commune_a1"]
    unit.valid_from = date(2018, 5, 3)
    unit.save()
    change = history_entries(unit)[0].changes[0]
    assert (change.old, change.new) == ("—", "03/05/2018")


def test_a_service_refuses_a_field_it_does_not_let_its_caller_set(staff, plan, budget):
    data = {"destination": "Hà Giang", "inside_province": False, "start_date": date(2018, 9, 10)}
    data |= {"participants": 30, "cost": 50_000_000}
    with pytest.raises(TypeError, match="plan"):
        study_tour_save(plan=plan, data={**data, "plan": plan}, actor=staff)
    assert not StudyTour.objects.exists()
    assert study_tour_save(plan=plan, data=data, actor=staff).cost == 50_000_000


def test_the_history_names_a_related_person_or_thing_not_its_id(staff, officer, plan, units, django_assert_num_queries):
    from trainings.models import LocalPlan

    local_plan = LocalPlan.objects.create(plan=plan, unit=units["district_one"])
    local_plan.status, local_plan.sent_by = LocalPlan.Status.SENT, officer
    local_plan.save()
    with django_assert_num_queries(2):  # the records, then the people they point to
        change = next(c for c in history_entries(local_plan)[0].changes if c.field == "người gửi")
    assert (change.old, change.new) == ("—", str(officer))
