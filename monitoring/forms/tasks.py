from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communes.models import LegalDocument, Unit
from communes.selectors import portal_province
from monitoring.models.tasks import Agency, ImplementationPlan, PlanSection, Task
from monitoring.selectors.tasks import own_unit
from monitoring.services.tasks import ALL_COMMUNES_ALONE
from p135portal.forms import (
    AUTHORS_TEXT_HELP,
    AUTHORS_TEXT_MULTILINE,
    AUTHORS_TEXT_WIDGETS,
    DateInput,
    GuardedModelForm,
    apply_signer,
    signer_field,
)
from p135portal.lists import ListFilter
from p135portal.text import clean, clean_multiline

PLAN_TEXTS = ["purpose", "requirements"]


class AgencyForm(GuardedModelForm):
    class Meta:
        model = Agency
        fields = ["name", "position", "active", "valid_from", "valid_until", "successor"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def clean_name(self):
        return clean(self.cleaned_data["name"])


class PlanForm(GuardedModelForm):
    signer = signer_field()
    bases = forms.ModelMultipleChoiceField(
        label=_("Căn cứ"),
        queryset=LegalDocument.objects.order_by("issued_on", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In thành các dòng “Căn cứ …” theo thứ tự ngày ban hành."),
    )

    class Meta:
        model = ImplementationPlan
        fields = [
            "year",
            "title",
            "issuer",
            "bases",
            *PLAN_TEXTS,
            "opening",
            "tasks_heading",
            "closing",
            "recipients",
            "archive",
            "number",
            "signed_on",
            "signer",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "signed_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in PLAN_TEXTS},
            **AUTHORS_TEXT_WIDGETS,
        }
        help_texts = {
            **{name: _("Mỗi đoạn cách nhau một dòng trống.") for name in PLAN_TEXTS},
            **AUTHORS_TEXT_HELP,
            "tasks_heading": _("Để trống: “II. NHIỆM VỤ, GIẢI PHÁP VÀ TỔ CHỨC THỰC HIỆN”."),
            "closing": format_lazy("{}{}", _("In sau các nhiệm vụ. "), AUTHORS_TEXT_HELP["closing"]),
            "number": _("Để trống khi kế hoạch chưa ban hành; bản in ghi “    /KH-UBND” để điền tay."),
        }

    def clean(self):
        cleaned = super().clean()
        for name in [*PLAN_TEXTS, *AUTHORS_TEXT_MULTILINE]:
            if name in cleaned:
                cleaned[name] = clean_multiline(cleaned[name])
        for name in ("title", "issuer", "number", "signer_name", "signer_title", "tasks_heading", "archive"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        apply_signer(cleaned, authority="signer_authority")
        number, signed_on = cleaned.get("number"), cleaned.get("signed_on")
        if number and not signed_on:
            self.add_error("signed_on", _("Kế hoạch đã có số thì phải có ngày ban hành."))
        if signed_on and not number:
            self.add_error("number", _("Kế hoạch đã có ngày ban hành thì phải có số."))
        if number and not cleaned.get("signer_name"):
            self.add_error("signer_name", _("Kế hoạch đã ban hành phải có người ký."))
        return cleaned


class SectionForm(GuardedModelForm):
    class Meta:
        model = PlanSection
        fields = ["position", "role", "coordinators"]
        widgets = {"role": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if "role" in cleaned:
            cleaned["role"] = clean_multiline(cleaned["role"])
        if "coordinators" in cleaned:
            cleaned["coordinators"] = clean(cleaned["coordinators"])
        return cleaned


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} (trước 01/07/2025)" if unit.is_old_system else unit.name


def unit_choices():
    """Districts and communes of the portal's province, current ones first."""
    return (
        Unit.objects.of_portal_province()
        .filter(level__in=[Unit.Level.DISTRICT, Unit.Level.COMMUNE])
        .order_by(F("valid_until").desc(nulls_first=True), "level", "short_name")
    )


class TaskForm(GuardedModelForm):
    unit = UnitChoiceField(
        label=_("Hoặc UBND cấp xã chủ trì (cấp huyện trước 01/7/2025)"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Chọn một cơ quan cấp tỉnh hoặc một huyện, xã; không chọn cả hai."),
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Task
        fields = [
            "agency",
            "unit",
            "all_communes",
            "description",
            "coordinators",
            "coordinators_other",
            "time_kind",
            "year",
            "period",
            "due_date",
            "time_note",
            "repeat",
        ]
        labels = {"agency": _("Cơ quan cấp tỉnh chủ trì")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "due_date": DateInput()}
        help_texts = {
            "period": _("Tháng (1-12) khi thời gian là tháng; quý (1-4) khi là quý."),
            "year": _("Năm của tháng hoặc quý."),
            "due_date": _("Khi thời gian là một ngày cụ thể."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The agencies and units that exist on the plan's date (today for a draft); those the task
        # already names stay offered.
        plan = self.instance.plan
        day = plan.signed_on or timezone.localdate()
        keep = Q(pk__in=Agency.objects.valid_on(day).values("pk"))
        if self.instance.pk:
            keep |= Q(pk__in=self.instance.coordinators.values("pk")) | Q(pk=self.instance.agency_id)
        agencies = Agency.objects.filter(keep)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].required = False
        self.fields["coordinators"].queryset = agencies
        units = unit_choices().filter(Q(pk__in=Unit.objects.current(day).values("pk")) | Q(pk=self.instance.unit_id))
        self.fields["unit"].queryset = units
        if self.instance.all_communes:  # its unit is the province of the communes, not a choice
            self.initial["unit"] = None

    def _post_clean(self):
        # A task of every commune belongs to the province of those communes (the service checks
        # the rest): set before the model's constraints are checked.
        if self.cleaned_data.get("all_communes") and not self.cleaned_data.get("agency"):
            self.cleaned_data["unit"] = self.cleaned_data.get("unit") or portal_province()
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_communes") and (cleaned.get("agency") or cleaned.get("unit")):  # one or the other
            self.add_error("all_communes", ALL_COMMUNES_ALONE)
        if "description" in cleaned:
            cleaned["description"] = clean_multiline(cleaned["description"])
        for name in ("coordinators_other", "time_note"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "coordinators"}


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Task.Status.choices)
    reported_on = forms.DateField(label=_("Ngày"), widget=DateInput())
    note = forms.CharField(
        label=_("Nội dung, kết quả"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Bắt buộc khi báo hoàn thành: ghi kết quả thực hiện."),
    )

    def clean_note(self):
        return clean_multiline(self.cleaned_data["note"])


class TaskFilter(ListFilter):
    """The task list's filters: text, status, plan, lead agency, overdue only, recurring tasks not yet
    reported this period."""

    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    tinh_trang = forms.ChoiceField(
        label=_("Tình trạng"), required=False, choices=[("", _("Tất cả")), *Task.Status.choices]
    )
    ke_hoach = forms.ModelChoiceField(label=_("Kế hoạch"), required=False, queryset=ImplementationPlan.objects.none())
    co_quan = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), required=False, queryset=Agency.objects.all())
    qua_han = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)
    bao_cao_ky_nay = forms.BooleanField(label=_("Chưa báo cáo kỳ này (việc thường xuyên)"), required=False)

    def __init__(self, data=None, *, user, today, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.own_unit = own_unit(user)  # as the home page counts
        self.fields["ke_hoach"].queryset = ImplementationPlan.objects.visible_to(user)

    def filter_q(self, tasks, value):
        return tasks.filter(
            Q(description__icontains=value) | Q(agency__name__icontains=value) | Q(unit__name__icontains=value)
        )

    def filter_tinh_trang(self, tasks, value):
        return tasks.filter(status=value)

    def filter_ke_hoach(self, tasks, value):
        return tasks.filter(plan=value)

    def filter_co_quan(self, tasks, value):
        return tasks.filter(agency=value)

    def filter_qua_han(self, tasks, value):
        return tasks.overdue(self.today, self.own_unit)

    def filter_bao_cao_ky_nay(self, tasks, value):
        return tasks.report_due(self.today, self.own_unit)
