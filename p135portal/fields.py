"""The portal's number fields, model and form, so that every form gets them without anyone
remembering: money in whole đồng and counts typed the Vietnamese way ("900.000.000",
"1.200"), shown back grouped, refused with a clear message when ambiguous.

Never an <input type="number">: Chromium refuses a second dot while the person types, so
"900.000.000" arrives as "900.000000", a valid 900.0, and would be stored as 900 đ.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from p135portal.numbers import (
    amount_in_words,
    format_number,
    group_thousands,
    parse_amount,
    parse_count,
    parse_quantity,
)

MAX_BIGINT = models.BigIntegerField.MAX_BIGINT


class MoneyInput(forms.TextInput):
    """A right-aligned numeric text box with the amount in words under it ("Bằng chữ: …"),
    refreshed as the person types by static/js/portal.js."""

    template_name = "p135portal/widgets/money.html"

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "numeric", "autocomplete": "off", "class": "text-end", "data-money": "", **(attrs or {})}
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            amount = parse_amount(str(value or ""), max_value=MAX_BIGINT)
        except ValidationError:
            amount = None
        context["widget"]["words"] = amount_in_words(amount) if amount is not None else ""
        return context


class NumberTextInput(forms.TextInput):
    """A count or quantity: a numeric text box, so that "1.200" reaches the server as typed."""

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", "class": "text-end", "data-count": "", **(attrs or {})}
        )


class CountFormField(forms.IntegerField):
    """A count of people, households or classes: "1.200" is one thousand two hundred."""

    widget = NumberTextInput

    def widget_attrs(self, widget):
        return {}

    def parse(self, text: str) -> int | None:
        return parse_count(text, max_value=self.max_value if self.max_value is not None else MAX_BIGINT)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        return self.parse(str(value))

    def prepare_value(self, value):
        return group_thousands(value) if isinstance(value, int) else value


class MoneyFormField(CountFormField):
    """Whole đồng: "900.000.000", "900 000 000" or "900000000"; "900.000.00", "9,5", negative
    amounts and amounts below 1.000 đồng are refused with a message saying why."""

    widget = MoneyInput

    def __init__(self, *, max_value=MAX_BIGINT, min_value=0, **kwargs):
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)

    def parse(self, text: str) -> int | None:
        return parse_amount(text, max_value=self.max_value)


class QuantityFormField(forms.DecimalField):
    """A quantity with an optional decimal comma: "1.200", "2,5", "1.200,5"."""

    widget = NumberTextInput

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        return parse_quantity(str(value), decimal_places=self.decimal_places, max_digits=self.max_digits)

    def prepare_value(self, value):
        return format_number(value) if isinstance(value, Decimal | int) else value


class MoneyField(models.BigIntegerField):
    """An amount in whole đồng. Its form field reads "900.000.000" as a person types it."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, "min_value": 0, **kwargs})


class CountField(models.PositiveIntegerField):
    """A count (people, households, classes). Its form field reads "1.200"."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CountFormField, **kwargs})


class SmallCountField(models.PositiveSmallIntegerField):
    """A small count (days). Its form field reads what a person types, as CountField's does."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CountFormField, **kwargs})


class QuantityField(models.DecimalField):
    """A quantity with decimals (kilograms, heads, metres): "1.200" and "2,5" as typed."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": QuantityFormField, **kwargs})
