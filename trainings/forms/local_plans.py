"""Forms of local plans: their classes, the split of the budget, the return with a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from p135portal.excel import check_xlsx_upload
from p135portal.fields import MoneyFormField
from trainings.forms.plans import PlanClassForm
from trainings.models import PlanClass


class LocalClassForm(PlanClassForm):
    """A class of a local unit's plan: held at district or commune level."""

    def __init__(self, *args, unit_level: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (value, label) for value, label in PlanClass.Level.choices if value != PlanClass.Level.PROVINCE
        ]
        if not self.instance.pk:
            is_commune = unit_level == "commune"
            self.initial["level"] = PlanClass.Level.COMMUNE if is_commune else PlanClass.Level.DISTRICT


class LocalBudgetsForm(forms.Form):
    """One amount per local unit: the plan's split of the capacity-building budget. Like
    GuardedModelForm, it refuses to save over a split someone changed after the form was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, budgets: dict[int, int], version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["seen_version"].initial = version
        self.units = list(units)
        for unit in self.units:
            amount = MoneyFormField(label=unit.name, required=False, initial=budgets.get(unit.pk))
            self.fields[f"unit_{unit.pk}"] = amount

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen_version") != self.version:
            raise forms.ValidationError(
                _("Phân bổ vừa được người khác sửa sau khi bạn mở trang. Hãy mở lại trang để xem bản mới rồi sửa."),
                code="stale",
            )
        return cleaned

    def rows(self):
        return [(unit, self[f"unit_{unit.pk}"]) for unit in self.units]

    def amounts(self) -> dict[int, int | None]:
        return {unit.pk: self.cleaned_data[f"unit_{unit.pk}"] for unit in self.units}


class ClassSheetForm(forms.Form):
    """The plan's classes sheet, edited in Excel and sent back."""

    file = forms.FileField(
        label=_("Tệp Excel các lớp (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Tệp tải về từ nút «Tải Excel các lớp», đã sửa; tối đa 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_xlsx_upload(upload)
        return upload
