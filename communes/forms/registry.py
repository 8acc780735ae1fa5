from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communes.models import VILLAGE_CATEGORIES, Category, LegalDocument, Phase, Unit, Village, YearFigures
from p135portal.forms import DateInput, GuardedModelForm
from p135portal.text import clean, search_key

PDF_MAX_BYTES = 20 * 1024 * 1024


class VillageForm(GuardedModelForm):
    class Meta:
        model = Village
        fields = ["name", "kind"]

    def clean_name(self):
        name = clean(self.cleaned_data["name"])
        # The commune is not a form field, so its uniqueness rule is checked here.
        twins = Village.objects.filter(commune=self.instance.commune, search_name=search_key(name))
        if twins.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Xã này đã có một thôn cùng tên."), code="duplicate")
        return name


class PhaseForm(GuardedModelForm):
    class Meta:
        model = Phase
        fields = ["name", "start_year", "end_year", "programme", "description"]


class LegalDocumentForm(GuardedModelForm):
    class Meta:
        model = LegalDocument
        fields = ["kind", "number", "issued_on", "issuer", "summary", "attachment"]
        widgets = {"issued_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def clean_number(self):
        return clean(self.cleaned_data["number"])

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment and hasattr(attachment, "content_type"):  # a new upload
            if attachment.size > PDF_MAX_BYTES:
                raise ValidationError(_("Tệp PDF không được lớn hơn 20 MB."), code="too_big")
            head = attachment.read(5)
            attachment.seek(0)
            if not attachment.name.lower().endswith(".pdf") or head != b"%PDF-":
                raise ValidationError(_("Chỉ nhận tệp PDF."), code="not_pdf")
        return attachment


class DesignationForm(forms.Form):
    village = forms.ModelChoiceField(
        label=_("Thôn"),
        queryset=Village.objects.none(),
        required=False,
        empty_label=_("— Cả xã —"),
        help_text=_("Chỉ chọn thôn với diện “Thôn ĐBKK”."),
    )
    phase = forms.ModelChoiceField(label=_("Giai đoạn"), queryset=Phase.objects.all())
    category = forms.ChoiceField(label=_("Diện"), choices=Category.choices)
    document = forms.ModelChoiceField(label=_("Theo văn bản"), queryset=LegalDocument.objects.all())
    start_date = forms.DateField(label=_("Từ ngày"), widget=DateInput())

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = unit.villages.order_by("name")

    def clean(self):
        cleaned = super().clean()
        village, category = cleaned.get("village"), cleaned.get("category")
        if category and (category in VILLAGE_CATEGORIES) != (village is not None):
            raise ValidationError(
                _("Diện “Thôn ĐBKK” cần chọn một thôn; các diện khác áp dụng cho cả xã."), code="category_fits"
            )
        return cleaned


class DesignationEndForm(forms.Form):
    end_date = forms.DateField(label=_("Ra khỏi danh sách từ ngày"), widget=DateInput())
    end_document = forms.ModelChoiceField(label=_("Theo văn bản"), queryset=LegalDocument.objects.all())


class YearFiguresForm(GuardedModelForm):
    class Meta:
        model = YearFigures
        fields = [
            "village",
            "year",
            "population",
            "households",
            "poor_households",
            "near_poor_households",
            "ethnic_minority_share",
            "coefficient",
        ]
        localized_fields = ["ethnic_minority_share", "coefficient"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["village"].queryset = unit.villages.order_by("name")
        self.fields["village"].empty_label = _("— Số liệu của cả xã —")

    def clean(self):
        cleaned = super().clean()
        # The commune is not a form field, so its uniqueness rule is checked here.
        twins = YearFigures.objects.filter(
            unit=self.instance.unit, village=cleaned.get("village"), year=cleaned.get("year")
        )
        if twins.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("Đơn vị này đã có số liệu của năm %(year)s: hãy sửa bản đã có.") % {"year": cleaned.get("year")},
                code="duplicate",
            )
        return cleaned
