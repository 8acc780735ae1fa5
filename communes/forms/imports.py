"""Forms of the registry imports: the options of each import, and the uploaded file."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Category, LegalDocument, Phase
from p135portal.excel import check_xlsx_upload
from p135portal.forms import DateInput

SYSTEM_CHOICES = [
    ("new", _("Từ 01/07/2025: xã, phường mới (không còn cấp huyện)")),
    ("old", _("Trước 01/07/2025: xã, phường, thị trấn cũ (theo huyện)")),
]


class ImportForm(forms.Form):
    """The options of an import, and the file; without the file when the options come back
    from the session at confirmation (`with_file=False`)."""

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Tệp .xlsx, không quá 5 MB, trang tính thứ nhất có dòng tiêu đề như tệp mẫu."),
    )

    def __init__(self, *args, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_file:
            del self.fields["file"]
        # The file comes last, after the options.
        self.order_fields([name for name in self.fields if name != "file"] + ["file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_xlsx_upload(upload)
        return upload

    def options(self) -> dict:
        """The cleaned options as the session can keep them and this form can read them back."""
        kept = {}
        for name, value in self.cleaned_data.items():
            if name == "file":
                continue
            if isinstance(value, Model):
                value = value.pk
            elif isinstance(value, date):
                value = value.isoformat()
            kept[name] = value
        return kept

    def importer_options(self) -> dict:
        """The options as the importer takes them."""
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}


class AnnexImportForm(ImportForm):
    phase = forms.ModelChoiceField(
        label=_("Giai đoạn"), queryset=Phase.objects.all(), empty_label=_("— Chọn giai đoạn —")
    )
    category = forms.ChoiceField(label=_("Diện"), choices=Category.choices)
    document = forms.ModelChoiceField(
        label=_("Theo văn bản"),
        queryset=LegalDocument.objects.all(),
        empty_label=_("— Chọn văn bản —"),
        help_text=_("Quyết định có danh sách kèm theo. Nếu chưa có, hãy thêm văn bản trước."),
    )
    start_date = forms.DateField(
        label=_("Vào danh sách từ ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Bỏ trống: lấy ngày ban hành của văn bản."),
    )

    def clean(self):
        cleaned = super().clean()
        phase, document = cleaned.get("phase"), cleaned.get("document")
        if phase and document:
            start = cleaned.get("start_date") or document.issued_on
            if not phase.start_year <= start.year <= phase.end_year:
                self.add_error(
                    "start_date",
                    ValidationError(
                        _("Ngày vào danh sách %(date)s nằm ngoài giai đoạn %(phase)s."),
                        code="outside_phase",
                        params={"date": f"{start:%d/%m/%Y}", "phase": phase},
                    ),
                )
            cleaned["start_date"] = start
        return cleaned


class SystemImportForm(ImportForm):
    system = forms.ChoiceField(
        label=_("Tên xã trong tệp là"), choices=SYSTEM_CHOICES, initial="new", widget=forms.RadioSelect
    )

    def importer_options(self) -> dict:
        options = super().importer_options()
        options["old"] = options.pop("system") == "old"
        return options


class VillageImportForm(SystemImportForm):
    pass


class FiguresImportForm(SystemImportForm):
    year = forms.IntegerField(label=_("Năm số liệu"), min_value=2000, max_value=2100)

    field_order = ["year", "system"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


FORMS = {"annex": AnnexImportForm, "villages": VillageImportForm, "figures": FiguresImportForm}
