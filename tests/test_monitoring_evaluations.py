"""Evaluations of a phase: indicators with a computed đạt / chưa đạt, and the printed report."""

import io
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes.models import Phase
from monitoring.models import Evaluation, Indicator
from monitoring.services import evaluations as services
from tests.documents import pdf_text


@pytest.fixture(autouse=True)
def _portal_province(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


@pytest.fixture
def phase_2021(db):
    return Phase.objects.create(name="2021-2025", start_year=2021, end_year=2025)


def evaluation_data(phase, **changes) -> dict:
    return {
        "phase": phase,
        "kind": Evaluation.Kind.MID_TERM,
        "year": 2023,
        "title": "Đánh giá giữa kỳ thực hiện Chương trình giai đoạn 2021-2025",
        "overview": "Khái quát.",
        "conclusions": "Phần lớn chỉ tiêu đạt.",
        "recommendations": "Giao vốn sớm.",
        "report_number": "",
        "report_date": None,
        "signer_name": "Hoàng Văn Thắng",
        "signer_title": "Phó Giám đốc",
        **changes,
    }


@pytest.fixture
def evaluation(phase_2021, staff):
    return services.evaluation_save(data=evaluation_data(phase_2021), actor=staff)


def indicator(evaluation, staff, name="Tỷ lệ hộ nghèo", unit="%", target="20", result="21.8", direction="thap"):
    data = {
        "position": 0,
        "name": name,
        "unit_of_measure": unit,
        "baseline": Decimal("32.5"),
        "target": Decimal(target) if target is not None else None,
        "result": Decimal(result) if result is not None else None,
        "direction": direction,
        "note": "",
    }
    return services.indicator_save(evaluation=evaluation, data=data, actor=staff)


@pytest.mark.parametrize(
    ("direction", "target", "result", "achieved"),
    [
        ("cao", "35", "36.2", True),
        ("cao", "35", "35", True),  # reaching the target exactly is reaching it
        ("cao", "35", "34.99", False),
        ("thap", "20", "21.8", False),
        ("thap", "20", "20", True),
        ("thap", "20", "19.5", True),
        ("khong", "20", "19.5", None),
        ("cao", None, "19.5", None),
        ("cao", "20", None, None),
    ],
)
def test_an_indicator_is_reached_according_to_its_direction(direction, target, result, achieved):
    item = Indicator(
        direction=direction,
        target=Decimal(target) if target else None,
        result=Decimal(result) if result else None,
    )
    assert item.achieved is achieved
    assert item.achievement_label == {True: "Đạt", False: "Chưa đạt", None: ""}[achieved]


def test_an_annual_evaluation_is_of_a_year_of_the_phase(phase_2021, staff):
    data = evaluation_data(phase_2021, kind=Evaluation.Kind.ANNUAL, year=2026)
    assert refused_code(lambda: services.evaluation_save(data=data, actor=staff)) == "outside_phase"
    final = services.evaluation_save(data=evaluation_data(phase_2021, kind="cuoi_ky", year=2026), actor=staff)
    assert final.year == 2026  # a final evaluation may be done the year after the phase
    data = evaluation_data(phase_2021, kind="dau_ky", year=2019)
    assert refused_code(lambda: services.evaluation_save(data=data, actor=staff)) == "outside_phase"


def test_a_phase_has_one_mid_term_evaluation_but_one_annual_per_year(phase_2021, evaluation, staff):
    with pytest.raises(ValidationError, match="đã có một đánh giá loại này"):
        services.evaluation_save(data=evaluation_data(phase_2021, year=2024), actor=staff)
    services.evaluation_save(data=evaluation_data(phase_2021, kind="hang_nam", year=2022), actor=staff)
    services.evaluation_save(data=evaluation_data(phase_2021, kind="hang_nam", year=2023), actor=staff)
    with pytest.raises(ValidationError, match="đã có đánh giá hằng năm của năm này"):
        services.evaluation_save(data=evaluation_data(phase_2021, kind="hang_nam", year=2023), actor=staff)
    assert Evaluation.objects.count() == 3


def test_indicators_in_percent_lie_between_0_and_100_and_names_are_unique(evaluation, staff):
    assert refused_code(lambda: indicator(evaluation, staff, result="120")) == "percent_range"
    first = indicator(evaluation, staff)
    second = indicator(evaluation, staff, name="Thu nhập bình quân", unit="triệu đồng", target="35", result="120")
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError, match="đã có chỉ tiêu cùng tên"):
        indicator(evaluation, staff)
    assert first.history.first().history_user == staff


def test_staff_enter_an_evaluation_and_its_indicators_in_vietnamese_numbers(client, staff, phase_2021):
    client.force_login(staff)
    payload = {"phase": phase_2021.pk, "kind": "giua_ky", "year": "2023", "title": "Đánh giá giữa kỳ"}
    assert client.post(reverse("monitoring:evaluation_create"), payload).status_code == 302
    evaluation = Evaluation.objects.get()
    url = reverse("monitoring:indicator_create", args=[evaluation.pk])
    item = {
        "position": "0",
        "name": "Tỷ lệ hộ nghèo",
        "unit_of_measure": "%",
        "baseline": "32,5",
        "target": "20",
        "result": "21,8",
        "direction": "thap",
    }
    assert client.post(url, item).status_code == 302
    saved = Indicator.objects.get()
    assert (saved.baseline, saved.result, saved.achieved) == (Decimal("32.5"), Decimal("21.8"), False)
    page = client.get(evaluation.get_absolute_url()).text
    assert "21,8" in page and "Chưa đạt" in page
    refused = client.post(url, {**item, "name": "Tỷ lệ khác", "result": "101"})
    assert refused.status_code == 200 and "từ 0 đến 100" in refused.text


def test_everyone_reads_evaluations_but_only_staff_manage_them(client, officer, leader, evaluation, staff):
    item = indicator(evaluation, staff)
    for user in (officer, leader):
        client.force_login(user)
        assert client.get(evaluation.get_absolute_url()).status_code == 200
        for url in [
            reverse("monitoring:evaluation_create"),
            reverse("monitoring:evaluation_update", args=[evaluation.pk]),
            reverse("monitoring:indicator_create", args=[evaluation.pk]),
            reverse("monitoring:indicator_update", args=[item.pk]),
            reverse("monitoring:indicator_delete", args=[item.pk]),
        ]:
            assert client.post(url).status_code == 403, url
    assert Indicator.objects.count() == 1


def test_staff_delete_an_indicator_after_confirming(client, staff, evaluation):
    item = indicator(evaluation, staff)
    client.force_login(staff)
    url = reverse("monitoring:indicator_delete", args=[item.pk])
    assert "không hoàn tác" in client.get(url).text and Indicator.objects.exists()
    assert client.post(url).status_code == 302
    assert not Indicator.objects.exists()


REPORT_PARTS = [
    "UBND TỈNH THỬ NGHIỆM",
    "SỞ DÂN TỘC VÀ TÔN GIÁO",  # dated after the 2025 reorganisation
    "Độc lập - Tự do - Hạnh phúc",
    "BÁO CÁO",
    "Đánh giá giữa kỳ thực hiện Chương trình giai đoạn 2021-2025",
    "I. KHÁI QUÁT TÌNH HÌNH THỰC HIỆN",
    "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "Tỷ lệ hộ nghèo",
    "32,5",
    "21,8",
    "Chưa đạt",
    "Thu nhập bình quân",
    "36,2",
    "Đạt",
    "III. KẾT LUẬN",
    "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    "Nơi nhận:",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Hoàng Văn Thắng",
]


def test_the_printed_evaluation_holds_the_indicators_table(client, officer, evaluation, staff):
    indicator(evaluation, staff)
    indicator(
        evaluation, staff, name="Thu nhập bình quân", unit="triệu đồng", target="35", result="36.2", direction="cao"
    )
    client.force_login(officer)
    response = client.get(reverse("monitoring:evaluation_pdf", args=[evaluation.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in REPORT_PARTS:
        assert expected in text, expected
    assert "1 chỉ tiêu đạt và 1 chỉ tiêu chưa đạt" in text
    word = docx.Document(io.BytesIO(client.get(reverse("monitoring:evaluation_docx", args=[evaluation.pk])).content))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    text = "\n".join([paragraph.text for paragraph in word.paragraphs] + cells)
    for expected in REPORT_PARTS:
        assert expected in text, expected


def test_the_evaluation_list_and_page_stay_bounded(client, leader, staff, django_assert_max_num_queries):
    phases = [Phase.objects.create(name=f"GĐ {n}", start_year=1950 + n, end_year=1950 + n) for n in range(55)]
    for phase in phases:
        evaluation = services.evaluation_save(
            data=evaluation_data(phase, kind="hang_nam", year=phase.start_year), actor=staff
        )
        indicator(evaluation, staff)
    for n in range(40):
        indicator(evaluation, staff, name=f"Chỉ tiêu {n}", unit="xã", target="5", result=str(n), direction="cao")
    client.force_login(leader)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:evaluation_list"))
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(10):
        page = client.get(evaluation.get_absolute_url()).text
    assert "Chỉ tiêu 39" in page


def test_the_demo_evaluation_is_created_once(staff):
    from monitoring.demo.inspections import seed_evaluations

    Phase.objects.create(name="2021-2025", start_year=2021, end_year=2025)
    seed_evaluations(actor=staff)
    assert seed_evaluations(actor=staff) == "Đánh giá: không thay đổi"
    evaluation = Evaluation.objects.get()
    assert evaluation.indicators.count() == 6
    poverty = evaluation.indicators.get(name__startswith="Tỷ lệ hộ nghèo")
    assert (poverty.direction, poverty.achieved) == ("thap", False)


def test_an_indicator_of_another_evaluation_is_refused(phase_2021, evaluation, staff):
    item = indicator(evaluation, staff)
    annual = services.evaluation_save(data=evaluation_data(phase_2021, kind="hang_nam", year=2022), actor=staff)
    data = {"name": "Đổi", "unit_of_measure": "%", "direction": "cao"}
    code = refused_code(lambda: services.indicator_save(evaluation=annual, data=data, instance=item, actor=staff))
    assert code == "wrong_evaluation"
    assert Indicator.objects.get().name == "Tỷ lệ hộ nghèo"


def test_staff_delete_an_evaluation_with_its_indicators_after_confirming(client, staff, officer, evaluation):
    indicator(evaluation, staff)
    url = reverse("monitoring:evaluation_delete", args=[evaluation.pk])
    client.force_login(officer)
    assert client.post(url).status_code == 403
    client.force_login(staff)
    assert "không hoàn tác" in client.get(url).text and Evaluation.objects.exists()
    assert client.post(url).status_code == 302
    assert not Evaluation.objects.exists() and not Indicator.objects.exists()
    assert Indicator.history.filter(history_type="-").get().history_user == staff
