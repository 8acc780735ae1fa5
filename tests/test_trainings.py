"""Capacity building: the rules of each phase and the training framework."""

from decimal import Decimal

from django.urls import reverse

from trainings.models import Rules, Topic


def test_province_staff_set_the_rules_of_a_phase_with_the_plans_defaults(client, staff, phase, decision):
    client.force_login(staff)
    form = client.get(reverse("trainings:rules_create")).context["form"]
    assert (form["max_days_officials"].value(), form["max_days_community"].value()) == (5, 4)
    assert form["max_study_tour_share"].value() == Decimal("10")
    response = client.post(
        reverse("trainings:rules_create"),
        {
            "phase": phase.pk,
            "legal_basis": decision.pk,
            "max_days_officials": 5,
            "max_days_community": 4,
            "max_study_tour_share": "10",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("trainings:rules_list")).text
    assert "5 ngày" in page and "4 ngày" in page and "10% kinh phí" in page


def test_changing_a_rule_is_logged_with_before_and_after(client, staff, phase, decision):
    rules = Rules.objects.create(phase=phase, legal_basis=decision)
    client.force_login(staff)
    url = reverse("trainings:rules_update", args=[rules.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    payload = {
        "phase": phase.pk,
        "legal_basis": decision.pk,
        "max_days_officials": 5,
        "max_days_community": 3,
        "max_study_tour_share": "10",
        "seen_version": seen,
    }
    assert client.post(url, payload).status_code == 302
    page = client.get(url).text
    assert "Lịch sử thay đổi" in page
    assert '<del class="text-body-secondary">4</del> → 3' in page


def test_a_rule_out_of_range_is_refused(client, staff, phase, decision):
    client.force_login(staff)
    response = client.post(
        reverse("trainings:rules_create"),
        {
            "phase": phase.pk,
            "legal_basis": decision.pk,
            "max_days_officials": 5,
            "max_days_community": 4,
            "max_study_tour_share": "120",
        },
    )
    assert "Tỷ lệ kinh phí thăm quan phải từ 0 đến 100%." in response.text
    assert not Rules.objects.exists()


def test_a_phase_has_one_set_of_rules(client, staff, phase, decision):
    Rules.objects.create(phase=phase, legal_basis=decision)
    client.force_login(staff)
    response = client.post(
        reverse("trainings:rules_create"),
        {
            "phase": phase.pk,
            "legal_basis": decision.pk,
            "max_days_officials": 5,
            "max_days_community": 4,
            "max_study_tour_share": "10",
        },
    )
    assert response.status_code == 200
    assert Rules.objects.count() == 1


def test_staff_keep_the_training_framework_and_officers_read_it(client, staff, officer):
    client.force_login(staff)
    client.post(
        reverse("trainings:topic_create"),
        {"name": "Giám sát đầu tư của cộng đồng", "audience": "cong_dong", "active": "on"},
    )
    assert Topic.objects.get().get_audience_display() == "Cộng đồng"
    client.force_login(officer)
    assert "Giám sát đầu tư của cộng đồng" in client.get(reverse("trainings:topic_list")).text
    assert client.get(reverse("trainings:topic_create")).status_code == 403


def test_the_rules_say_whose_they_are_when_no_national_figure_is_set(client, staff, officer, phase, decision):
    client.force_login(staff)
    url = reverse("trainings:rules_create")
    data = {"phase": phase.pk, "source": "tinh", "legal_basis": decision.pk, "max_days_officials": "3"}
    data |= {"max_days_community": "2", "max_study_tour_share": "8"}
    assert client.post(url, data).status_code == 302
    assert Rules.objects.get(phase=phase).source == Rules.Source.PROVINCE
    client.force_login(officer)
    page = client.get(reverse("trainings:rules_list")).text
    assert "Theo kế hoạch của tỉnh" in page and decision.number in page
