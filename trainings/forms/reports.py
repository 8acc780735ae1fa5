"""Forms of class reports: the report itself (its rules are checked by
report_services.classreport_submit), the attendance file, and the office's return with a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from p135portal.excel import check_xlsx_upload
from p135portal.forms import DateInput, GuardedModelForm
from p135portal.uploads import KeepsUploads
from trainings.forms.plans import class_days_and_cost
from trainings.models import ClassReport, PlanClass
from trainings.services.reports import REPORT_FIELDS

# What a new report starts from: the figures of the planned class.
PREFILLED = ["start_date", "end_date", "days", "participants", "women", "ethnic_minority", "young_cadres", "cost"]


class ClassReportForm(KeepsUploads, GuardedModelForm):
    attendance_file = forms.FileField(
        label=_("Danh sách học viên (tệp Excel .xlsx, không bắt buộc)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_(
            "Theo tệp mẫu; tối đa 5 MB. Số dòng, số nữ, số người DTTS, dân tộc rất ít người và cán bộ trẻ (đánh"
            " dấu x) trong danh sách phải khớp với số liệu báo cáo."
        ),
    )

    class Meta:
        model = ClassReport
        fields = REPORT_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "trainers": forms.Textarea(attrs={"rows": 2}),
            "evaluation": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"residents": _("Người dân, khác")}
        help_texts = {
            "very_small_minorities": _(
                "16 dân tộc theo Nghị định 57/2017/NĐ-CP: Cống, Mảng, Pu Péo, Si La, Cờ Lao, Bố Y, La Ha, Ngái,"
                " Chứt, Ơ Đu, Brâu, Rơ Măm, Lô Lô, Lự, Pà Thẻn, La Hủ."
            ),
            "cost": _("Đồng, số nguyên."),
        }

    def __init__(self, *args, plan_class: PlanClass | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and plan_class is not None:
            for name in PREFILLED:
                self.initial.setdefault(name, getattr(plan_class, name))
        self.fields["days"].required = False
        self.fields["days"].help_text = _("Để trống: tính từ ngày bắt đầu đến ngày kết thúc.")
        self.fields["days"].min_value = 1
        self.fields["participants"].min_value = 1
        self.fields["cost"].min_value = 0

    def clean(self):
        cleaned = super().clean()
        class_days_and_cost(self, cleaned)
        return cleaned

    def validate_constraints(self):
        # The service checks the same rules, all at once and each in its own words (which count
        # exceeds which); the database constraints are checked again there before saving.
        pass

    def clean_attendance_file(self):
        upload = self.cleaned_data.get("attendance_file")
        if not upload:
            return None
        check_xlsx_upload(upload)
        return upload

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}


class ReportFilterForm(forms.Form):
    """The filters of a plan's report list: status and unit (a local unit's id, or the province)."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Mọi trạng thái")),
            *[c for c in ClassReport.Status.choices if c[0] != ClassReport.Status.DRAFT],
        ],
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)

    def __init__(self, *args, units, province: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Mọi đơn vị"))]
        if province:
            choices.append(("tinh", _("Cấp tỉnh")))
        choices += [(str(unit.pk), unit.name) for unit in units]
        self.fields["unit"].choices = choices

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""
