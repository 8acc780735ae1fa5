from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import LegalDocument, Unit
from monitoring.models import Area, ChecklistResult, InspectionPlan, InspectionRound, Method, Remediation
from monitoring.services.inspections import PLAN_FIELDS, REMEDIATION_FIELDS
from p135portal.forms import DateInput, GuardedModelForm
from p135portal.text import clean, clean_multiline


def unit_choices(*levels: str):
    """The units of the portal's province at `levels`, in both systems: districts first, then the new communes."""
    return (
        Unit.objects.of_portal_province()
        .filter(level__in=levels)
        .select_related("parent")
        .order_by("-level", "valid_from", "parent__name", "name")  # districts first, then communes
    )


class UnitChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        label = unit.name
        if unit.level == Unit.Level.COMMUNE and unit.parent and unit.parent.level == Unit.Level.DISTRICT:
            label = f"{label} – {unit.parent.name}"
        if unit.is_old_system:
            label = f"{label} (trước 01/07/2025)"
        return label


class UnitChoice(forms.ModelChoiceField):
    label_from_instance = UnitChoices.label_from_instance


class InspectionPlanForm(GuardedModelForm):
    class Meta:
        model = InspectionPlan
        fields = PLAN_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoice(
            label=_("Huyện"),
            queryset=unit_choices(Unit.Level.DISTRICT),
            required=False,
            help_text=_("Chỉ với kế hoạch cấp huyện: huyện tổ chức kiểm tra."),
        )

    def clean_title(self):
        return clean(self.cleaned_data["title"])

    def clean_purpose(self):
        return clean_multiline(self.cleaned_data["purpose"])

    def clean(self):
        cleaned = super().clean()
        level, unit = cleaned.get("level"), cleaned.get("unit")
        if level == InspectionPlan.Level.DISTRICT and not unit:
            self.add_error("unit", _("Kế hoạch cấp huyện phải chọn huyện."))
        if level == InspectionPlan.Level.PROVINCE:
            cleaned["unit"] = None
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


ROUND_TEXTS = ["team", "findings", "recommendations"]


class InspectionRoundForm(GuardedModelForm):
    """A round: when, who, where, how, what was found; the checklist has its own page."""

    units = UnitChoices(
        label=_("Đơn vị được kiểm tra"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Giữ phím Ctrl để chọn nhiều huyện, xã."),
    )
    methods = forms.MultipleChoiceField(
        label=_("Phương pháp kiểm tra"), choices=Method.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    bases = forms.ModelMultipleChoiceField(
        label=_("Căn cứ"),
        queryset=LegalDocument.objects.order_by("issued_on", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In thành các dòng “Căn cứ …” của báo cáo."),
    )

    class Meta:
        model = InspectionRound
        fields = [
            "name",
            "start_date",
            "end_date",
            "team",
            "units",
            "methods",
            "methods_other",
            "findings",
            "recommendations",
            "bases",
            "report_number",
            "report_date",
            "signer_name",
            "signer_title",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "report_date": DateInput(),
            "team": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 5}),
            "recommendations": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "findings": _("Mỗi đoạn cách nhau một dòng trống."),
            "recommendations": _("Mỗi đoạn cách nhau một dòng trống."),
            "report_number": _("Để trống khi chưa có số; bản in để chỗ trống cho số."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = unit_choices(Unit.Level.DISTRICT, Unit.Level.COMMUNE)

    def clean_name(self):
        return clean(self.cleaned_data["name"])

    def clean_team(self):
        team = clean_multiline(self.cleaned_data["team"])
        lines = [clean(line) for line in team.splitlines() if line.strip()]
        nameless = [line for line in lines if not line.partition(",")[0].strip()]
        if nameless:
            raise forms.ValidationError(_("Mỗi dòng phải bắt đầu bằng họ tên thành viên, rồi dấu phẩy và chức vụ."))
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        for name in ("findings", "recommendations"):
            if name in cleaned:
                cleaned[name] = clean_multiline(cleaned[name])
        for name in ("methods_other", "report_number", "signer_name", "signer_title"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("units", "bases")}


class ChecklistForm(forms.Form):
    """The five areas, each with its result and notes; refuses to save over results someone changed
    after the form was opened (`version`: the latest history id of the round's results)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows: list[ChecklistResult], version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["seen_version"].initial = version
        by_area = {row.area: row for row in rows}
        self.areas = []
        for area in Area:
            row = by_area.get(area.value)
            self.fields[f"{area.value}_result"] = forms.ChoiceField(
                label=area.label,
                choices=ChecklistResult.Result.choices,
                initial=row.result if row else ChecklistResult.Result.NOT_CHECKED,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{area.value}_note"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                initial=row.note if row else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.areas.append((area, self[f"{area.value}_result"], self[f"{area.value}_note"]))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen_version") != self.version:
            raise forms.ValidationError(
                _("Kết quả kiểm tra vừa được người khác sửa sau khi bạn mở trang. Hãy mở lại trang rồi sửa."),
                code="stale",
            )
        return cleaned

    def results(self) -> dict[str, tuple[str, str]]:
        return {
            area.value: (
                self.cleaned_data[f"{area.value}_result"],
                clean_multiline(self.cleaned_data[f"{area.value}_note"]),
            )
            for area in Area
        }


class RemediationForm(GuardedModelForm):
    """What the staff assign: the content, the responsible unit (one the round inspected), the deadline."""

    class Meta:
        model = Remediation
        fields = REMEDIATION_FIELDS
        widgets = {"content": forms.Textarea(attrs={"rows": 3}), "deadline": DateInput()}

    def __init__(self, *args, inspection: InspectionRound, **kwargs):
        super().__init__(*args, **kwargs)
        inspected = list(inspection.units.all())
        under = Unit.objects.none()
        for unit in inspected:
            under = under | Unit.objects.under(unit)
        self.fields["unit"] = UnitChoice(
            label=_("Đơn vị thực hiện"),
            queryset=under.select_related("parent").order_by("level", "name") if inspected else under,
            help_text=_("Đơn vị được kiểm tra trong đợt, hoặc đơn vị trực thuộc."),
        )

    def clean_content(self):
        return clean_multiline(self.cleaned_data["content"])

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RemediationStatusForm(GuardedModelForm):
    """What the responsible unit reports: the status, the day it was done, a note of what was done."""

    note = forms.CharField(
        label=_("Kết quả, tiến độ khắc phục"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi báo đã hoàn thành."),
    )

    class Meta:
        model = Remediation
        fields = ["status", "closed_on"]
        widgets = {"closed_on": DateInput()}
        help_texts = {"closed_on": _("Chỉ ghi khi đã hoàn thành.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].initial = self.instance.progress_note

    def clean_note(self):
        return clean_multiline(self.cleaned_data["note"])

    def _post_clean(self):
        # The service checks and writes; the form only parses.
        pass
