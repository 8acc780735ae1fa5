"""Every URL the project registers: anonymous → login page, role without access → 403.

The walk finds new views by itself. A view must declare who may open it, with
@permission_required(Perm.X) or @for_any_user (p135portal.access), or be a public
login_not_required view; a view that declares nothing fails this test.
"""

import re
from functools import cached_property

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from p135portal.access import RULES, Perm
from p135portal.models import Role, User
from tests import factories

# Values for URL parameters; ids that exist nowhere are fine: access is checked first.
SAMPLE_VALUES = {"app_label": "p135portal", "object_id": "1", "content_type_id": "1"}
# Login records are written by django-axes only, task records by the task backend: their admin
# refuses to add them, to anyone.
NOBODY_MAY_OPEN = {
    "/quan-tri/django_tasks_database/dbtaskresult/add/",
    "/quan-tri/django_tasks_database/dbtaskresult/1/delete/",
    "/quan-tri/axes/accessattempt/add/",
    "/quan-tri/axes/accesslog/add/",
    "/quan-tri/axes/accessfailurelog/add/",
}
# Views that answer only with their query parameters.
SAMPLE_QUERIES = {"/quan-tri/autocomplete/": "?app_label=p135portal&model_name=user&field_name=unit"}


def _sample(name: str, converter: str | None) -> str:
    if converter == "uuid":
        return "00000000-0000-4000-8000-000000000001"
    return SAMPLE_VALUES.get(name, "1" if converter == "int" else "x")


def _fill(pattern) -> str:
    """The URL piece of one pattern with its parameters replaced by sample values."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _sample(m.group(2), m.group(1)), str(pattern))
    regex = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _sample(m.group(1), None), pattern.regex.pattern)
    return regex.lstrip("^").rstrip("$").replace("\\", "")


def _walk(entries, prefix="/"):
    for entry in entries:
        url = prefix + _fill(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, url)
        elif isinstance(entry, URLPattern):
            yield url + SAMPLE_QUERIES.get(url, ""), entry.callback


def required_permission(view):
    # Admin views are guarded at call time by PortalAdminSite.admin_view.
    is_admin_view = hasattr(view, "admin_site") or hasattr(view, "model_admin")
    return getattr(view, "required_permission", Perm.USE_ADMIN if is_admin_view else None)


def registered_urls():
    return [
        (url, view)
        for url, view in _walk(get_resolver().url_patterns)
        # the admin's catch-all only redirects to a slash-terminated URL
        if view.__name__ != "catch_all_view"
    ]


def test_every_view_declares_who_may_open_it(db):
    undeclared = [
        url
        for url, view in registered_urls()
        if getattr(view, "login_required", True)
        and required_permission(view) is None
        and not getattr(view, "for_any_user", False)
    ]
    assert undeclared == []


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    login = reverse("login")
    checked = 0
    for url, view in registered_urls():
        if not getattr(view, "login_required", True):
            continue
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert response.redirect_chain[-1][0].startswith(f"{login}?next="), url
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("persona", ["staff", "officer", "leader", "administrator", "outsider"])
def test_a_role_without_access_gets_403_and_a_role_with_access_does_not(client, personas, persona):
    user = personas[persona]
    client.force_login(user)
    for url, view in registered_urls():
        perm = required_permission(view)
        if perm is None:
            continue
        status = client.get(url).status_code
        if user.role in RULES[perm] and url not in NOBODY_MAY_OPEN:
            assert status != 403, f"{persona} should open {url}"
        else:
            assert status == 403, f"{persona} should not open {url} (got {status})"


# ------------------------------------------------------------------ out of scope: 404

# Id URLs open to officers whose object belongs to the whole province, not to one unit.
PROVINCE_WIDE = {
    "communes:document_detail": "legal documents are public to every reader",
    "communes:document_file": "legal documents are public to every reader",
    "budgets:scheme_detail": "the province's coefficient scheme is the same for every unit",
    "budgets:allocation_detail": "the province's allocation; its rows are those of the reader's units",
    "budgets:allocation_export": "the province's allocation; its rows are those of the reader's units",
    "budgets:allocation_pdf": "the province's allocation; its rows are those of the reader's units",
    "trainings:plan_detail": "the province's annual plan is public to every reader",
    "trainings:plan_pdf": "the province's annual plan is public to every reader",
    "trainings:plan_docx": "the province's annual plan is public to every reader",
    "trainings:plan_classes_export": "the province's annual plan is public to every reader",
    "trainings:local_plan_start": "takes the province's plan; the officer starts their own unit's plan only",
    "trainings:report_list": "the province's plan; the reports listed are those of the reader's units",
    "trainings:report_export": "the province's plan; the reports listed are those of the reader's units",
    "trainings:plan_actual": "the province's plan; the figures are those of the reader's units",
    "trainings:plan_actual_pdf": "the province's plan; the figures are those of the reader's units",
    "trainings:plan_actual_docx": "the province's plan; the figures are those of the reader's units",
    "monitoring:evaluation_detail": "an evaluation is of the province's phase",
    "monitoring:evaluation_pdf": "an evaluation is of the province's phase",
    "monitoring:evaluation_docx": "an evaluation is of the province's phase",
    "monitoring:report_period_summary": "a period of the province's schedule; its rows are the reader's units",
}


class OtherUnit:
    """Objects of Huyện Hai and its Xã B Một, which the officer of Huyện Một must never reach; built
    on first use, each by its factory."""

    def __init__(self, units, staff, phase):
        self.units, self.staff, self.phase = units, staff, phase

    @cached_property
    def local_plan(self):
        return factories.local_plan(factories.annual_plan(self.phase), self.units["district_two"])

    @cached_property
    def summary_file(self):
        """A summary of Huyện Hai written for its officer."""
        officer = User.objects.get_or_create(
            username="canbo_huyen_hai_2", defaults={"role": Role.LOCAL_OFFICER, "unit": self.units["district_two"]}
        )[0]
        return factories.summary_file(officer, self.units["district_two"])

    @cached_property
    def local_class(self):
        return factories.plan_class(self.local_plan.plan, self.local_plan)

    @cached_property
    def class_report(self):
        return factories.class_report(self.local_class, attendance=True)

    @cached_property
    def share(self):
        return factories.share(factories.allocation(self.phase, self.staff), self.units["commune_b1"])

    @cached_property
    def inspection_plan(self):
        return factories.inspection_plan(unit=self.units["district_two"])

    @cached_property
    def inspection_round(self):
        return factories.inspection_round(self.inspection_plan, [self.units["commune_b1"]])

    @cached_property
    def remediation(self):
        return factories.remediation(self.inspection_round, self.units["commune_b1"])

    @cached_property
    def task(self):
        return factories.task(factories.implementation_plan(), self.units["district_two"])

    @cached_property
    def handover(self):
        return factories.handover(self.units["commune_b1"])

    @cached_property
    def household(self):
        return factories.household(self.handover)

    @cached_property
    def support_item(self):
        return factories.support_item(self.household)

    @cached_property
    def periodic_report(self):
        return factories.periodic_report(factories.report_period(self.staff), self.units["district_two"], self.staff)

    @cached_property
    def attachment(self):
        return factories.report_attachment(self.periodic_report, self.staff)


# URL name → the URL's arguments naming an object of the other unit.
OUT_OF_SCOPE = {
    "communes:unit_detail": lambda o: {"pk": o.units["district_two"].pk},
    "budgets:execution_create": lambda o: {"share_pk": o.share.pk},
    "trainings:local_plan_detail": lambda o: {"pk": o.local_plan.pk},
    "trainings:local_class_create": lambda o: {"pk": o.local_plan.pk},
    "trainings:local_plan_submit": lambda o: {"pk": o.local_plan.pk},
    "trainings:local_classes_export": lambda o: {"pk": o.local_plan.pk},
    "trainings:local_classes_import": lambda o: {"pk": o.local_plan.pk},
    "trainings:local_class_update": lambda o: {"pk": o.local_class.pk},
    "trainings:local_class_delete": lambda o: {"pk": o.local_class.pk},
    "trainings:report_create": lambda o: {"pk": o.local_class.pk},
    "trainings:report_detail": lambda o: {"pk": o.class_report.pk},
    "trainings:report_update": lambda o: {"pk": o.class_report.pk},
    "trainings:report_attendance": lambda o: {"pk": o.class_report.pk},
    "monitoring:inspection_plan_detail": lambda o: {"pk": o.inspection_plan.pk},
    "monitoring:inspection_round_detail": lambda o: {"pk": o.inspection_round.pk},
    "monitoring:inspection_round_pdf": lambda o: {"pk": o.inspection_round.pk},
    "monitoring:inspection_round_docx": lambda o: {"pk": o.inspection_round.pk},
    "monitoring:remediation_detail": lambda o: {"pk": o.remediation.pk},
    "monitoring:remediation_status": lambda o: {"pk": o.remediation.pk},
    "monitoring:plan_detail": lambda o: {"pk": o.task.plan_id},
    "monitoring:plan_pdf": lambda o: {"pk": o.task.plan_id},
    "monitoring:plan_docx": lambda o: {"pk": o.task.plan_id},
    "monitoring:task_detail": lambda o: {"pk": o.task.pk},
    "monitoring:task_report": lambda o: {"pk": o.task.pk},
    "monitoring:handover_detail": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_update": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_delete": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_pdf": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_docx": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_outline": lambda o: {"pk": o.handover.pk},
    "monitoring:handover_outline_reset": lambda o: {"pk": o.handover.pk},
    "monitoring:household_create": lambda o: {"pk": o.handover.pk},
    "monitoring:household_detail": lambda o: {"pk": o.household.pk},
    "monitoring:household_update": lambda o: {"pk": o.household.pk},
    "monitoring:household_delete": lambda o: {"pk": o.household.pk},
    "monitoring:item_create": lambda o: {"pk": o.household.pk},
    "monitoring:check_create": lambda o: {"pk": o.household.pk},
    "monitoring:item_update": lambda o: {"pk": o.support_item.pk},
    "monitoring:item_delete": lambda o: {"pk": o.support_item.pk},
    "monitoring:report_submit": lambda o: {
        "period_pk": o.periodic_report.period_id,
        "unit_pk": o.units["district_two"].pk,
    },
    "monitoring:report_detail": lambda o: {"pk": o.periodic_report.pk},
    "monitoring:report_pdf": lambda o: {"pk": o.periodic_report.pk},
    "monitoring:report_outline": lambda o: {"pk": o.periodic_report.pk},
    "monitoring:report_outline_reset": lambda o: {"pk": o.periodic_report.pk},
    "monitoring:report_outline_version": lambda o: {"pk": o.periodic_report.pk, "number": 1},
    "monitoring:report_docx": lambda o: {"pk": o.periodic_report.pk},
    "monitoring:report_attachment": lambda o: {"pk": o.attachment.pk},
    "summary:file_detail": lambda o: {"pk": o.summary_file.pk},
    "summary:file_download": lambda o: {"pk": o.summary_file.pk},
}


# Actions only the unit itself takes on its object: province staff get 404 too. A summary being
# written is seen only by the person who asked for it.
UNITS_OWN_ACTIONS = {
    "monitoring:report_submit",
    "monitoring:report_outline",  # the text of a report is its unit's to write
    "monitoring:report_outline_reset",
    "monitoring:report_outline_version",
    "trainings:local_classes_export",  # a unit's classes go out to Excel and back by its own officer
    "trainings:local_classes_import",
    "trainings:report_update",
    "summary:file_detail",
    "summary:file_download",
}


def _named_urls(entries, namespace=None, prefix=""):
    for entry in entries:
        if isinstance(entry, URLResolver):
            yield from _named_urls(entry.url_patterns, entry.namespace or namespace, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                (f"{namespace}:{entry.name}" if namespace else entry.name),
                prefix + str(entry.pattern),
                entry.callback,
            )


def officer_id_urls() -> set[str]:
    """The names of the URL patterns that take an id and that a local officer's role may open."""
    return {
        name
        for name, route, view in _named_urls(get_resolver().url_patterns)
        if "<" in route and (perm := required_permission(view)) is not None and Role.LOCAL_OFFICER in RULES[perm]
    }


def test_every_id_url_open_to_officers_is_walked_or_said_to_be_province_wide():
    unknown = officer_id_urls() - OUT_OF_SCOPE.keys() - PROVINCE_WIDE.keys()
    assert unknown == set(), "add a factory to OUT_OF_SCOPE (or a reason to PROVINCE_WIDE) for these"
    assert OUT_OF_SCOPE.keys() & PROVINCE_WIDE.keys() == set()


def _answers(client, objects) -> dict[str, int]:
    answers = {}
    for name in sorted(officer_id_urls() & OUT_OF_SCOPE.keys()):
        url = reverse(name, kwargs=OUT_OF_SCOPE[name](objects))
        status = client.get(url).status_code
        if status == 405:  # a POST-only action
            status = client.post(url).status_code
        answers[name] = status
    return answers


def test_an_officer_gets_404_for_every_object_of_another_unit(client, officer, staff, units, phase, settings):
    settings.PORTAL_PROVINCE_CODE = "99"
    other = OtherUnit(units, staff, phase)
    client.force_login(officer)
    answers = _answers(client, other)
    assert {name: status for name, status in answers.items() if status != 404} == {}
    assert len(answers) == len(OUT_OF_SCOPE)
    # The objects are real: province staff, who see every unit, reach them (a unit's own actions
    # aside: sending its periodic report, correcting its class report, editing its local plan).
    client.force_login(staff)
    staff_answers = _answers(client, other)
    assert {name for name, status in staff_answers.items() if status == 404} <= UNITS_OWN_ACTIONS
    assert sum(status == 200 for status in staff_answers.values()) >= len(OUT_OF_SCOPE) - 6 - len(UNITS_OWN_ACTIONS)
