from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import Allocation, Criterion, Execution, Fund, Scheme
from p135portal.forms import DateInput, GuardedModelForm


class FundForm(GuardedModelForm):
    class Meta:
        model = Fund
        fields = ["year", "component", "source", "amount", "document", "note"]


class SchemeForm(GuardedModelForm):
    class Meta:
        model = Scheme
        fields = ["year", "base", "document"]
        localized_fields = ["base"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["measure", "lower", "upper", "category", "points"]
        localized_fields = ["lower", "upper", "points"]


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = [
            "title",
            "year",
            "component",
            "phase",
            "category",
            "pool",
            "rounding",
            "floor",
            "ceiling",
            "village_fraction",
            "document",
        ]
        localized_fields = ["village_fraction"]
        help_texts = {"pool": _("Số nguyên, tính bằng đồng. Ví dụ: 8038000000")}


class ExecutionForm(forms.ModelForm):
    class Meta:
        model = Execution
        fields = ["kind", "on", "amount", "note"]
        widgets = {"on": DateInput()}
