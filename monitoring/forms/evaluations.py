from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import Evaluation, Indicator
from monitoring.services.evaluations import EVALUATION_FIELDS, EVALUATION_TEXTS, INDICATOR_FIELDS
from p135portal.forms import DateInput, GuardedModelForm
from p135portal.text import clean, clean_multiline


class EvaluationForm(GuardedModelForm):
    class Meta:
        model = Evaluation
        fields = EVALUATION_FIELDS
        widgets = {"report_date": DateInput(), **{name: forms.Textarea(attrs={"rows": 5}) for name in EVALUATION_TEXTS}}
        help_texts = {name: _("Mỗi đoạn cách nhau một dòng trống.") for name in EVALUATION_TEXTS}

    def clean(self):
        cleaned = super().clean()
        for name in EVALUATION_TEXTS:
            if name in cleaned:
                cleaned[name] = clean_multiline(cleaned[name])
        for name in ("title", "report_number", "signer_name", "signer_title"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IndicatorForm(GuardedModelForm):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        localized_fields = ["baseline", "target", "result"]
        help_texts = {
            "direction": _("Tỷ lệ hộ nghèo: càng thấp càng tốt; thu nhập bình quân: càng cao càng tốt."),
            "position": _("Để 0 để xếp cuối danh sách."),
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "unit_of_measure", "note"):
            if name in cleaned:
                cleaned[name] = clean(cleaned[name])
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
