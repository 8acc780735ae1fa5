from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from communes.models import Unit, Village
from monitoring.models.handovers import Beneficiary, Handover, HouseholdCheck, SupportItem
from monitoring.services.handovers import HANDOVER_FIELDS, HOUSEHOLD_FIELDS, ITEM_FIELDS
from p135portal.forms import DateInput, GuardedModelForm
from p135portal.lists import ListFilter
from p135portal.text import clean


class _Cleaned(GuardedModelForm):
    """Every text field stored NFC, trimmed, inner spaces collapsed (multi-line ones keep their lines)."""

    multiline: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name != "seen_version":
                cleaned[name] = (
                    "\n".join(clean(line) for line in value.splitlines()).strip()
                    if name in self.multiline
                    else clean(value)
                )
        return cleaned

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} (trước 01/07/2025)" if unit.is_old_system else unit.name


class HandoverForm(_Cleaned):
    commune = CommuneChoiceField(label=_("Xã"), queryset=Unit.objects.none())

    class Meta:
        model = Handover
        fields = HANDOVER_FIELDS
        widgets = {"handed_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The communes of the portal's province (both systems) within the user's reach: with the
        # whole country loaded, a list of every commune would be 13,000 choices.
        self.fields["commune"].queryset = (
            Unit.objects.of_portal_province()
            .visible_to(user)
            .filter(level=Unit.Level.COMMUNE)
            .order_by(F("valid_until").desc(nulls_first=True), "short_name")
        )


class HouseholdForm(_Cleaned):
    multiline = ("commitment",)

    class Meta:
        model = Beneficiary
        fields = HOUSEHOLD_FIELDS
        widgets = {"commitment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, handover, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune_id=handover.commune_id).order_by("name")
        if not self.fields["village"].queryset.exists():
            self.fields["village"].help_text = _(
                "Xã này chưa có thôn nào trong danh mục: hãy thêm thôn ở trang của xã trước."
            )


class ItemForm(_Cleaned):
    class Meta:
        model = SupportItem
        fields = ITEM_FIELDS


class CheckForm(_Cleaned):
    multiline = ("notes",)

    class Meta:
        model = HouseholdCheck
        fields = ["checked_on", "checker", "result", "notes"]
        widgets = {"checked_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"notes": _("Bắt buộc khi phát hiện vi phạm: ghi rõ nội dung vi phạm.")}


class HouseholdFilter(ListFilter):
    """The household list's filters: a name (head, village or commune), a category, breaches only."""

    q = forms.CharField(label=_("Chủ hộ, thôn hoặc xã"), required=False, max_length=100)
    dien = forms.ChoiceField(
        label=_("Diện hộ"), required=False, choices=[("", _("Mọi diện hộ")), *Beneficiary.Category.choices]
    )
    vi_pham = forms.BooleanField(label=_("Chỉ hộ vi phạm"), required=False)

    def filter_q(self, households, value):
        return households.filter(
            Q(head_name__icontains=value)
            | Q(village__name__icontains=value)
            | Q(handover__commune__name__icontains=value)
        )

    def filter_dien(self, households, value):
        return households.filter(category=value)

    def filter_vi_pham(self, households, value):
        return households.in_breach()


class HandoverFilter(ListFilter):
    """The handover list's filters: words of its content or its commune, handovers with a breach."""

    q = forms.CharField(label=_("Nội dung bàn giao hoặc tên xã"), required=False, max_length=100)
    vi_pham = forms.BooleanField(label=_("Có hộ vi phạm"), required=False)

    def filter_q(self, handovers, value):
        return handovers.filter(Q(content__icontains=value) | Q(commune__name__icontains=value))

    def filter_vi_pham(self, handovers, value):
        return handovers.filter(households__last_result=Beneficiary.Result.BREACH).distinct()
