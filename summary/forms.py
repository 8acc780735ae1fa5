from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import REFORM_FIRST_NEW_DAY, Phase, Unit
from p135portal.access import sees_whole_province

FIRST_YEAR = 2016  # the first year of the 2016-2020 phase, the oldest data the portal holds


def _digits(text) -> int | None:
    return int(text) if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) < 10 else None


class SummaryFilterForm(forms.Form):
    """A year or a whole phase and, optionally, one unit of the viewer's scope: communes of the
    year (and, for years before the reform, their districts)."""

    nam = forms.TypedChoiceField(
        label=_("Năm"), coerce=int, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    giai_doan = forms.ModelChoiceField(
        label=_("Hoặc cả giai đoạn"),
        queryset=Phase.objects.none(),
        required=False,
        empty_label=_("— theo năm —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    don_vi = forms.TypedChoiceField(
        label=_("Đơn vị"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, data, *, user, **kwargs):
        super().__init__(data, **kwargs)
        this_year = timezone.localdate().year
        self.fields["nam"].choices = [(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]
        phases = Phase.objects.filter(start_year__lte=this_year).order_by("-start_year")
        self.fields["giai_doan"].queryset = phases
        phase = phases.filter(pk=_digits(data.get("giai_doan"))).first()
        year = min(phase.end_year, this_year) if phase else self._year(data.get("nam"), this_year)
        units = Unit.objects.visible_to(user).current(min(date(year, 12, 31), timezone.localdate()))
        if sees_whole_province(user):
            units = units.of_portal_province()
        levels = [Unit.Level.COMMUNE]
        if date(year, 1, 1) < REFORM_FIRST_NEW_DAY:
            levels.append(Unit.Level.DISTRICT)
        units = sorted(units.filter(level__in=levels), key=self._place)
        everyone = _("Toàn tỉnh") if sees_whole_province(user) else _("Cả đơn vị")
        self.fields["don_vi"].choices = [("", everyone)] + [(unit.pk, self._label(unit)) for unit in units]
        self.units = {unit.pk: unit for unit in units}

    @staticmethod
    def _year(text, default: int) -> int:
        try:
            year = int(text)
        except (TypeError, ValueError):
            return default
        return year if FIRST_YEAR <= year <= default else default

    @staticmethod
    def _place(unit: Unit) -> tuple:
        """A district, then its communes by name (after the reform: the province's communes by name)."""
        if unit.level == Unit.Level.DISTRICT:
            return unit.path, 0, unit.name
        return unit.path.rsplit("/", 2)[0] + "/", 1, unit.name

    @staticmethod
    def _label(unit: Unit) -> str:
        return unit.name if unit.level == Unit.Level.DISTRICT else f"– {unit.name}"

    def choice(self) -> tuple[int, Unit | None, Phase | None]:
        """The year, unit and phase asked for; this year and the whole scope when the request asks
        for nothing sensible. For a phase, the year is its last one so far."""
        this_year = timezone.localdate().year
        if not self.is_valid():
            return self._year(self.data.get("nam"), this_year), None, None
        phase = self.cleaned_data["giai_doan"]
        year = min(phase.end_year, this_year) if phase else self.cleaned_data["nam"] or this_year
        return year, self.units.get(self.cleaned_data["don_vi"]), phase
