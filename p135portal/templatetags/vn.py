"""Vietnamese number formats for templates: {{ 1234567|so }} → 1.234.567."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from p135portal.numbers import amount_in_words, format_number, group_thousands

register = template.Library()


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
def phan_tram(value):
    """A share in percent, one decimal: 54.25 → "54,3%"; no figure → "–"."""
    if value is None:
        return "–"
    return f"{format_number(Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))}%"


@register.filter
def phut(value):
    """A duration in whole minutes: timedelta(minutes=15) → 15."""
    return int(value.total_seconds() // 60)


@register.filter
def bang_chu(value):
    """An amount in words, as financial documents carry it: 900000000 → "Chín trăm triệu đồng"."""
    return "" if value is None or value == "" else amount_in_words(int(value))
