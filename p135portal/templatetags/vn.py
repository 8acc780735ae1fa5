"""Vietnamese number formats for templates: {{ 1234567|so }} → 1.234.567."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


def group_thousands(value: int | Decimal | str) -> str:
    """1234567 → "1.234.567"; negative numbers keep their sign; None → ""."""
    if value is None or value == "":
        return ""
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


@register.filter
def so(value):
    return group_thousands(value)


@register.filter
def dong(value):
    """An amount in đồng: 1234567 → "1.234.567 đ"."""
    return "" if value is None else f"{group_thousands(value)} đ"


@register.filter
def trieu_dong(value):
    """An amount in đồng shown in millions, rounded: 8038000000 → "8.038 triệu đồng"."""
    if value is None:
        return ""
    millions = (Decimal(value) / 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{group_thousands(millions)} triệu đồng"


@register.filter
def phut(value):
    """A duration in whole minutes: timedelta(minutes=15) → 15."""
    return int(value.total_seconds() // 60)
