"""Numbers, and dates in documents, as Vietnamese officials type and read them.

"900.000.000", "900 000 000" and "900000000" are nine hundred million; "900.000.00" or
"9,5" as an amount of đồng are refused rather than guessed at, since a wrong guess in public
money is off by a factor of a thousand or a million. Amounts read back in words come from
num2words ("Chín trăm triệu đồng").
"""

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from num2words import num2words

# Whole numbers: plain digits, or groups of three after the first group, separated all by
# dots or all by spaces (the separators a Vietnamese keyboard and Excel give).
_WHOLE = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+)$")
# Quantities: a whole part as above, then an optional decimal comma.
_QUANTITY = re.compile(r"^(?P<whole>\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+)(?:,(?P<fraction>\d+))?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)

# Below this a non-zero amount of đồng is almost surely a typing slip (900 for 900.000.000).
SMALLEST_AMOUNT = 1_000


def _normalised(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def parse_amount(text: str, *, max_value: int) -> int | None:
    """An amount of whole đồng as typed, or None when empty; ValidationError when it is not
    clearly one number: the message says what to type instead."""
    value = _CURRENCY.sub("", _normalised(text)).strip()
    if not value:
        return None
    if value.startswith("-"):
        raise ValidationError(_("Số tiền không được âm."), code="negative")
    if "," in value:
        raise ValidationError(
            _(
                "Số tiền là số nguyên đồng, không có phần lẻ và không dùng dấu phẩy: "
                "nhóm ba chữ số bằng dấu chấm, ví dụ 900.000.000."
            ),
            code="comma",
        )
    if not _WHOLE.match(value):
        raise ValidationError(
            _(
                "“%(value)s” không phải một số tiền rõ ràng: sau mỗi dấu chấm phải có đúng ba chữ số, "
                "ví dụ 900.000.000 hoặc 900000000."
            ),
            code="invalid",
            params={"value": value},
        )
    amount = int(value.replace(".", "").replace(" ", ""))
    if amount > max_value:
        raise ValidationError(
            _("Số tiền quá lớn: tối đa %(max)s đồng."), code="max_value", params={"max": group_thousands(max_value)}
        )
    if 0 < amount < SMALLEST_AMOUNT:
        raise ValidationError(
            _(
                "Số tiền %(amount)s đồng quá nhỏ: có phải bạn định nhập %(meant)s? "
                "Số tiền nhập đủ các chữ số, nhóm ba chữ số bằng dấu chấm."
            ),
            code="implausible",
            params={"amount": group_thousands(amount), "meant": group_thousands(amount * 1_000_000)},
        )
    return amount


def parse_count(text: str, *, max_value: int) -> int | None:
    """A count (people, households, classes) as typed: "1.200" is one thousand two hundred."""
    value = _normalised(text)
    if not value:
        return None
    if value.startswith("-"):
        raise ValidationError(_("Số lượng không được âm."), code="negative")
    if not _WHOLE.match(value):
        raise ValidationError(
            _("“%(value)s” không phải một số nguyên: ví dụ 55 hoặc 1.200."), code="invalid", params={"value": value}
        )
    count = int(value.replace(".", "").replace(" ", ""))
    if count > max_value:
        raise ValidationError(
            _("Số quá lớn: tối đa %(max)s."), code="max_value", params={"max": group_thousands(max_value)}
        )
    return count


def parse_quantity(text: str, *, decimal_places: int, max_digits: int) -> Decimal | None:
    """A quantity with an optional decimal comma: "1.200" is 1200, "1,5" is one and a half,
    "1.200,5" is 1200.5; "1.5" is refused as ambiguous."""
    value = _normalised(text)
    if not value:
        return None
    if value.startswith("-"):
        raise ValidationError(_("Số lượng không được âm."), code="negative")
    match = _QUANTITY.match(value)
    if not match:
        raise ValidationError(
            _(
                "“%(value)s” không phải một số rõ ràng: nhóm ba chữ số bằng dấu chấm, phần lẻ sau dấu phẩy, "
                "ví dụ 1.200 hoặc 2,5."
            ),
            code="invalid",
            params={"value": value},
        )
    whole = match["whole"].replace(".", "").replace(" ", "")
    fraction = (match["fraction"] or "").rstrip("0")
    if len(fraction) > decimal_places:
        raise ValidationError(
            _("Phần lẻ chỉ được tối đa %(places)s chữ số."),
            code="max_decimal_places",
            params={"places": decimal_places},
        )
    if len(whole.lstrip("0")) > max_digits - decimal_places:
        raise ValidationError(_("Số quá lớn."), code="max_value")
    try:
        return Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as error:  # the pattern admits digits only: kept for safety
        raise ValidationError(_("Số không hợp lệ."), code="invalid") from error


def group_thousands(value: int | Decimal | str | None) -> str:
    """1234567 → "1.234.567"; negative numbers keep their sign; None → ""."""
    if value is None or value == "":
        return ""
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def format_number(value: int | Decimal | float) -> str:
    """1234567 → "1.234.567"; Decimal("1200.50") → "1.200,5" (Vietnamese separators)."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return group_thousands(int(number))
    sign = "-" if number < 0 else ""
    whole, fraction = f"{abs(number):f}".split(".")
    return f"{sign}{group_thousands(int(whole))},{fraction.rstrip('0')}"


def amount_in_words(amount: int) -> str:
    """1234567000 → "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn đồng"."""
    words = num2words(int(amount), lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"


def document_date(day: date) -> str:
    """A date as Nghị định 30/2020/NĐ-CP writes it in a document: "03/5/2018", "20/6/2017", "01/02/2020".

    Days below 10 and the months 1 and 2 take a leading zero, the other months do not.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"
