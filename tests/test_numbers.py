"""Amounts and counts as officials type them: what is typed is what is stored, or a clear refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from p135portal.fields import MAX_BIGINT, CountFormField, MoneyFormField, QuantityFormField
from p135portal.numbers import amount_in_words


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("900.000.000", 900_000_000),
        ("900 000 000", 900_000_000),
        ("900\u00a0000\u00a0000", 900_000_000),
        ("900000000", 900_000_000),
        (" 1.234.567.000 ", 1_234_567_000),
        ("900.000.000 đ", 900_000_000),
        ("15.000.000 đồng", 15_000_000),
        ("0", 0),
    ],
)
def test_an_amount_typed_the_vietnamese_way_is_stored_as_meant(typed, stored):
    assert MoneyFormField().clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("900.000.00", "sau mỗi dấu chấm phải có đúng ba chữ số"),
        ("900.000000", "sau mỗi dấu chấm phải có đúng ba chữ số"),
        ("9,5", "không dùng dấu phẩy"),
        ("900,000,000", "không dùng dấu phẩy"),
        ("-5.000.000", "không được âm"),
        ("năm triệu", "không phải một số tiền rõ ràng"),
        ("900", "có phải bạn định nhập 900.000.000?"),
        ("99.999.999.999.999.999.999", "quá lớn"),
    ],
)
def test_an_ambiguous_amount_is_refused_with_a_message_saying_why(typed, message):
    with pytest.raises(ValidationError) as refused:
        MoneyFormField().clean(typed)
    assert message in refused.value.messages[0]


def test_an_amount_is_shown_back_grouped():
    assert MoneyFormField().prepare_value(900_000_000) == "900.000.000"


def test_a_count_reads_thousands_with_a_dot():
    assert CountFormField().clean("1.200") == 1200
    assert CountFormField().clean("55") == 55
    with pytest.raises(ValidationError):
        CountFormField().clean("1.2")


def test_a_quantity_reads_a_decimal_comma_and_refuses_an_ambiguous_dot():
    field = QuantityFormField(max_digits=12, decimal_places=2)
    assert field.clean("1.200") == Decimal("1200")
    assert field.clean("2,5") == Decimal("2.5")
    assert field.clean("1.200,75") == Decimal("1200.75")
    with pytest.raises(ValidationError):
        field.clean("1.5")
    assert field.prepare_value(Decimal("1200.50")) == "1.200,5"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1_000_005, "Một triệu lẻ năm đồng"),
        (15_000_000, "Mười lăm triệu đồng"),
        (1_234_567_000, "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn đồng"),
        (900_000_000, "Chín trăm triệu đồng"),
    ],
)
def test_an_amount_reads_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_the_largest_amount_a_column_holds_still_reads_in_words():
    assert amount_in_words(MAX_BIGINT).endswith("đồng")


def test_the_words_line_answers_what_is_typed_so_far(client, staff):
    client.force_login(staff)
    url = reverse("amount_words")
    assert client.get(url, {"so": "900.000.000"}).json() == {"words": "Bằng chữ: Chín trăm triệu đồng", "error": ""}
    refused = client.get(url, {"so": "900.000.00"}).json()
    assert refused["words"] == "" and "ba chữ số" in refused["error"]
    assert client.get(url, {"so": ""}).json() == {"words": "", "error": ""}
