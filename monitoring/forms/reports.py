from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from monitoring.models import PeriodicReport, ReportAttachment, ReportPeriod, ReportSchedule
from monitoring.services.reports import ATTACHMENTS_PER_REPORT, FIRST_YEAR, LAST_YEAR, attachment_problem
from p135portal.fields import CountFormField, MoneyFormField
from p135portal.forms import DateInput
from p135portal.text import clean_multiline
from p135portal.uploads import KeepsUploads


class ScheduleCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Tạo một lần cả bốn kỳ: 3 tháng, 6 tháng, 9 tháng và cả năm; hạn nộp mặc định ngày 15 tháng sau."),
    )


class DueDatesForm(forms.Form):
    """The due dates of a schedule's periods; refuses to save over a change made after it was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, schedule: ReportSchedule, **kwargs):
        super().__init__(*args, **kwargs)
        self.schedule = schedule
        self.periods = list(schedule.periods.order_by("ends_on"))
        self.fields["seen_version"].initial = self.current_version()
        for period in self.periods:
            self.fields[period.kind] = forms.DateField(
                label=_("Hạn nộp báo cáo %(kind)s") % {"kind": period.get_kind_display().lower()},
                initial=period.due_on,
                widget=DateInput(),
                help_text=_("Số liệu tính đến ngày %(end)s.") % {"end": period.ends_on.strftime("%d/%m/%Y")},
            )

    def current_version(self) -> int:
        versions = ReportPeriod.history.filter(schedule_id=self.schedule.pk).aggregate(latest=Max("history_id"))
        return versions["latest"] or 0

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen_version") != self.current_version():
            raise forms.ValidationError(
                _("Hạn nộp vừa được người khác sửa sau khi bạn mở trang. Hãy mở lại trang để xem bản mới rồi sửa."),
                code="stale",
            )
        return cleaned

    def due_dates(self) -> dict:
        return {period.kind: self.cleaned_data[period.kind] for period in self.periods}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.xlsx,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportForm(KeepsUploads, forms.Form):
    """A unit's report: the figures (those the portal knows come filled in), the narrative, files."""

    disbursed = MoneyFormField(
        label=_("Vốn đã giải ngân từ đầu năm (đồng)"),
        help_text=_("Theo số liệu giải ngân đã ghi trên cổng đến hết kỳ; sửa nếu chưa đúng."),
    )
    paid = MoneyFormField(
        label=_("Vốn đã thanh toán từ đầu năm (đồng)"),
        help_text=_("Theo số liệu thanh toán đã ghi trên cổng đến hết kỳ; sửa nếu chưa đúng."),
    )
    classes = CountFormField(label=_("Số lớp tập huấn, bồi dưỡng đã tổ chức"), min_value=0, initial=0)
    trainees = CountFormField(label=_("Số lượt học viên"), min_value=0, initial=0)
    poor_households_out = CountFormField(label=_("Số hộ thoát nghèo"), min_value=0, initial=0)
    narrative = forms.CharField(
        label=_("Nội dung báo cáo"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Kết quả thực hiện, khó khăn, vướng mắc, kiến nghị. Mỗi đoạn cách nhau một dòng trống."),
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_(
            "Không bắt buộc. Tệp PDF, Excel (.xlsx) hoặc Word (.docx), mỗi tệp tối đa 10 MB, tối đa %(limit)s tệp."
        )
        % {"limit": ATTACHMENTS_PER_REPORT},
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Bỏ các tệp đã gửi"),
        queryset=ReportAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đánh dấu tệp gửi lần trước cần thay hoặc bỏ."),
    )
    confirmed = forms.BooleanField(
        label=_("Tôi đã kiểm tra và xác nhận các số liệu trên là đúng."),
        error_messages={"required": _("Hãy kiểm tra và xác nhận các số liệu trước khi nộp.")},
    )

    def __init__(self, *args, report: PeriodicReport | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is None or not report.attachments.exists():
            del self.fields["remove_attachments"]
        else:
            self.fields["remove_attachments"].queryset = report.attachments.all()

    def clean_narrative(self):
        return clean_multiline(self.cleaned_data["narrative"])

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        problems = [problem for upload in files if (problem := attachment_problem(upload))]
        if problems:
            raise forms.ValidationError(problems)
        return files

    def figures(self) -> dict[str, int]:
        return {
            name: self.cleaned_data[name]
            for name in ("disbursed", "paid", "classes", "trainees", "poor_households_out")
        }
