"""The registry list's filters: one form shared by the page and its Excel export."""

import re

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from communes.models import Category, Designation, Phase, Unit
from p135portal.text import fold, search_key

VIETNAMESE = "vi-VN-x-icu"


def _code(value) -> str | None:
    """An administrative code from the query string, or None for anything else."""
    return value if isinstance(value, str) and re.fullmatch(r"[0-9]{2,5}", value) else None


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False, max_length=100)
    phase = forms.ModelChoiceField(
        label=_("Giai đoạn"), queryset=Phase.objects.all(), required=False, empty_label=_("Mọi giai đoạn")
    )
    category = forms.ChoiceField(label=_("Diện"), choices=[("", _("Mọi diện")), *Category.choices], required=False)
    province = forms.ChoiceField(label=_("Tỉnh"), required=False)
    district = forms.ChoiceField(label=_("Huyện (trước 01/07/2025)"), required=False)

    def __init__(self, data, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        visible = Unit.objects.visible_to(user)
        provinces = visible.filter(level=Unit.Level.PROVINCE).order_by("code", Collate("short_name", VIETNAMESE))
        # One entry per code: a province keeps its code across the reform.
        seen = {}
        for province in provinces.values_list("code", "name"):
            seen.setdefault(province[0], province[1])
        self.fields["province"].choices = [("", _("Mọi tỉnh"))] + [(code, name) for code, name in seen.items()]
        districts = visible.filter(level=Unit.Level.DISTRICT)
        # The list offers the districts of the chosen province; a district given alone
        # (a shared link) stays valid. Only digits reach the database.
        province, district = (_code(self.data.get(name)) for name in ("province", "district"))
        if province:
            districts = districts.filter(parent__code=province)
        else:
            districts = districts.filter(code=district)
        self.fields["district"].choices = [
            ("", _("Mọi huyện")),
            *list(districts.order_by(Collate("short_name", VIETNAMESE)).values_list("code", "name")),
        ]


def registry_units(user, data) -> tuple[UnitFilterForm, QuerySet[Unit]]:
    """The communes a user sees in the registry list, filtered by `data` (request.GET).

    Page, Excel export and any printed list start here, so they show the same rows.
    """
    form = UnitFilterForm(data, user=user)
    units = Unit.objects.visible_to(user).filter(level=Unit.Level.COMMUNE)
    if form.is_valid():
        values = form.cleaned_data
        if values["q"]:
            text = values["q"]
            units = units.filter(
                Q(search_name__contains=search_key(text)) | Q(search_name__contains=fold(text)) | Q(code=text.strip())
            )
        for level in ("province", "district"):
            if values[level]:
                units = units.under_code(level, values[level])
        if values["phase"] or values["category"]:
            designations = Designation.objects.filter(unit=OuterRef("pk"))
            if values["phase"]:
                designations = designations.filter(phase=values["phase"])
            if values["category"]:
                designations = designations.filter(category=values["category"])
            units = units.filter(Exists(designations))
    else:
        units = units.none()
    units = units.select_related("parent__parent").order_by(Collate("short_name", VIETNAMESE), "code")
    return form, units
