from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communes.models import LegalDocument
from p135portal.forms import (
    AUTHORS_TEXT_FIELDS,
    AUTHORS_TEXT_HELP,
    AUTHORS_TEXT_MULTILINE,
    AUTHORS_TEXT_WIDGETS,
    DateInput,
    GuardedModelForm,
    apply_signer,
    signer_field,
)
from p135portal.numbers import SMALLEST_AMOUNT, group_thousands
from p135portal.text import clean, clean_multiline
from trainings.models import AnnualPlan, PlanClass, Rules, StudyTour, Topic
from trainings.services.plans import CLASS_FIELDS, TOUR_FIELDS

PLAN_TEXTS = ["purpose", "requirements", "target_groups", "content", "forms", "cost_norms"]


class RulesForm(GuardedModelForm):
    class Meta:
        model = Rules
        fields = ["phase", "source", "legal_basis", "max_days_officials", "max_days_community", "max_study_tour_share"]
        localized_fields = ["max_study_tour_share"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False  # left out, it stays as it was (the province's by default)

    def clean_source(self):
        return self.cleaned_data["source"] or self.instance.source


class TopicForm(GuardedModelForm):
    class Meta:
        model = Topic
        fields = ["name", "audience", "active"]


class AnnualPlanForm(GuardedModelForm):
    """The content of a draft plan; the workflow fields are set by the services only."""

    bases = forms.ModelMultipleChoiceField(
        label=_("Căn cứ"),
        queryset=LegalDocument.objects.order_by("issued_on", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In thành các dòng “Căn cứ …” theo thứ tự ngày ban hành."),
    )

    class Meta:
        model = AnnualPlan
        fields = ["year", "phase", "title", "bases", *PLAN_TEXTS, *AUTHORS_TEXT_FIELDS]
        widgets = {**{name: forms.Textarea(attrs={"rows": 5}) for name in PLAN_TEXTS}, **AUTHORS_TEXT_WIDGETS}
        help_texts = {
            **{name: _("Mỗi đoạn cách nhau một dòng trống.") for name in PLAN_TEXTS},
            **AUTHORS_TEXT_HELP,
            "closing": format_lazy("{}{}", _("Phần IV. TỔ CHỨC THỰC HIỆN và kết thúc. "), AUTHORS_TEXT_HELP["closing"]),
        }

    def clean_title(self):
        return clean(self.cleaned_data["title"])

    def clean(self):
        cleaned = super().clean()
        for name in [*PLAN_TEXTS, *AUTHORS_TEXT_MULTILINE]:
            if name in cleaned:
                cleaned[name] = clean_multiline(cleaned[name])
        if "archive" in cleaned:
            cleaned["archive"] = clean(cleaned["archive"])
        phase, year = cleaned.get("phase"), cleaned.get("year")
        if phase and year and not phase.start_year <= year <= phase.end_year:
            self.add_error("year", _("Năm phải thuộc giai đoạn đã chọn."))
        return cleaned


class ApproveForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=50, help_text=_("Ví dụ: 82/KH-UBND"))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DateInput())
    signer = signer_field()
    signer_name = forms.CharField(label=_("Người ký"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Chức vụ"), max_length=100, initial=_("Phó Chủ tịch"), required=False)

    def clean(self):
        cleaned = super().clean()
        apply_signer(cleaned)
        for name in ("number", "signer_name", "signer_title"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        for name in ("signer_name", "signer_title"):
            if not cleaned.get(name):
                self.add_error(name, _("Chọn người ký trong danh mục hoặc nhập họ tên và chức vụ."))
        return cleaned


def class_days_and_cost(form: forms.BaseForm, cleaned: dict) -> None:
    """What a class form checks of its figures as typed: the number of days is counted from the
    dates when left empty, and a cost under 1.000 đồng per participant-day is taken for a typing
    slip (900.000 for 900.000.000) and refused, naming what looks wrong."""
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if cleaned.get("days") is None and "days" not in form.errors and start and end and start <= end:
        cleaned["days"] = (end - start).days + 1
    cost, days, participants = cleaned.get("cost"), cleaned.get("days"), cleaned.get("participants")
    if cost and days and participants and cost < SMALLEST_AMOUNT * days * participants:
        form.add_error(
            "cost",
            forms.ValidationError(
                _(
                    "Kinh phí %(cost)s đồng cho lớp %(days)s ngày, %(participants)s học viên là dưới 1.000 đồng"
                    " một người một ngày: có phải bạn định nhập %(meant)s?"
                ),
                code="implausible",
                params={
                    "cost": group_thousands(cost),
                    "days": days,
                    "participants": group_thousands(participants),
                    "meant": group_thousands(cost * 1000),
                },
            ),
        )


class PlanClassForm(GuardedModelForm):
    """A class of the plan; the rules of the phase are checked by services.plan_class_save."""

    class Meta:
        model = PlanClass
        fields = CLASS_FIELDS
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Topic.objects.filter(active=True)
        if self.instance.pk:
            active = active | Topic.objects.filter(pk=self.instance.topic_id)
        self.fields["topic"].queryset = active.distinct()
        self.fields["days"].required = False
        self.fields["days"].help_text = _("Để trống: tính từ ngày bắt đầu đến ngày kết thúc.")

    def clean(self):
        cleaned = super().clean()
        class_days_and_cost(self, cleaned)
        return cleaned

    def clean_place(self):
        return clean(self.cleaned_data["place"])

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StudyTourForm(GuardedModelForm):
    class Meta:
        model = StudyTour
        fields = TOUR_FIELDS
        widgets = {"start_date": DateInput()}

    def clean_destination(self):
        return clean(self.cleaned_data["destination"])

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
