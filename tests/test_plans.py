"""The province's annual capacity-building plan: draft → submitted → approved (locked) → reopened."""

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.models import Component, Fund, Source
from communes.models import LegalDocument, Unit
from p135portal.models import Signer
from tests import factories
from tests.conftest import CACHE_QUERIES, make_unit
from tests.documents import pdf_text
from trainings.demo.plans import PLAN_2018
from trainings.models import AnnualPlan
from trainings.services import plans as plan_services

HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. ĐỊA BÀN, ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN ĐÀO TẠO, BỒI DƯỠNG",
    "1. Địa bàn thực hiện",
    "III. KINH PHÍ VÀ CHẾ ĐỘ ĐÀO TẠO, BỒI DƯỠNG",
    "2. Chế độ, định mức chi đào tạo, bồi dưỡng",
    "IV. TỔ CHỨC THỰC HIỆN",
]


@pytest.fixture
def annual_plan(phase, decision):
    plan = factories.annual_plan(phase)
    plan.bases.set([decision])
    return plan


def approve(annual_plan, staff, **changes):
    values = {
        "number": "82/KH-UBND",
        "signed_on": date(2018, 5, 3),
        "signer_name": "Lý Vinh Quang",
        "signer_title": "Phó Chủ tịch",
        **changes,
    }
    return plan_services.plan_approve(plan=annual_plan, actor=staff, **values)


@pytest.fixture
def submitted(annual_plan, staff):
    """Submitted, to be approved by the test once what the signed plan says is in place (an approved
    plan prints as it was approved)."""
    plan_services.plan_submit(plan=annual_plan, actor=staff)
    return annual_plan


@pytest.fixture
def approved(annual_plan, staff):
    plan_services.plan_submit(plan=annual_plan, actor=staff)
    return approve(annual_plan, staff)


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


def test_a_plan_goes_from_draft_to_submitted_to_approved(annual_plan, staff):
    assert annual_plan.status == AnnualPlan.Status.DRAFT
    assert plan_services.plan_submit(plan=annual_plan, actor=staff).status == AnnualPlan.Status.SUBMITTED
    approved = approve(annual_plan, staff)
    assert (approved.status, approved.number, approved.signed_on) == ("duyet", "82/KH-UBND", date(2018, 5, 3))
    assert approved.history.first().history_user == staff


def test_the_leaders_can_return_a_submitted_plan_to_draft(annual_plan, staff):
    plan_services.plan_submit(plan=annual_plan, actor=staff)
    assert plan_services.plan_return(plan=annual_plan, actor=staff).status == AnnualPlan.Status.DRAFT


def test_every_transition_out_of_turn_is_refused_with_its_code(annual_plan, staff):
    # A draft can be neither returned, approved nor reopened.
    assert refused_code(lambda: plan_services.plan_return(plan=annual_plan, actor=staff)) == "not_submitted"
    assert refused_code(lambda: approve(annual_plan, staff)) == "not_submitted"
    assert (
        refused_code(lambda: plan_services.plan_reopen(plan=annual_plan, reason="Sửa", actor=staff)) == "not_approved"
    )
    # A submitted plan cannot be submitted again nor reopened.
    plan_services.plan_submit(plan=annual_plan, actor=staff)
    assert refused_code(lambda: plan_services.plan_submit(plan=annual_plan, actor=staff)) == "not_draft"
    assert (
        refused_code(lambda: plan_services.plan_reopen(plan=annual_plan, reason="Sửa", actor=staff)) == "not_approved"
    )
    # An approval needs the number, the date and the signer.
    assert refused_code(lambda: approve(annual_plan, staff, number="  ")) == "unsigned"
    assert refused_code(lambda: approve(annual_plan, staff, signer_name="")) == "unsigned"
    assert refused_code(lambda: approve(annual_plan, staff, signed_on=date(2015, 1, 5))) == "signed_on_year"
    # An approved plan can be neither submitted, returned nor approved again.
    approve(annual_plan, staff)
    assert refused_code(lambda: plan_services.plan_submit(plan=annual_plan, actor=staff)) == "not_draft"
    assert refused_code(lambda: plan_services.plan_return(plan=annual_plan, actor=staff)) == "not_submitted"
    assert refused_code(lambda: approve(annual_plan, staff)) == "not_submitted"
    assert refused_code(lambda: plan_services.plan_reopen(plan=annual_plan, reason="   ", actor=staff)) == "no_reason"
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.APPROVED


def test_the_database_refuses_an_approved_plan_without_number(annual_plan):
    annual_plan.status = AnnualPlan.Status.APPROVED
    with pytest.raises(ValidationError, match="phải có số, ngày ký và người ký"):
        annual_plan.full_clean(exclude=["bases"])


def test_an_approved_plan_cannot_be_edited(client, staff, approved):
    client.force_login(staff)
    url = reverse("trainings:plan_update", args=[approved.pk])
    response = client.post(url, {"year": 2018, "phase": approved.phase_id, "title": "Đổi"}, follow=True)
    assert "không sửa được" in response.text and "mở lại" in response.text
    assert AnnualPlan.objects.get().title == PLAN_2018["title"]


def test_staff_draft_and_edit_a_plan_through_the_pages(client, staff, phase, decision):
    client.force_login(staff)
    payload = {"year": 2019, "phase": phase.pk, "title": "Kế hoạch  năm 2019", "bases": [decision.pk]}
    payload |= {
        "purpose": "Mục đích\r\n\r\nđoạn hai",
        "requirements": "",
        "target_groups": "",
        "content": "",
        "forms": "",
    }
    assert client.post(reverse("trainings:plan_create"), payload).status_code == 302
    plan = AnnualPlan.objects.get()
    assert (plan.title, plan.purpose, list(plan.bases.all())) == (
        "Kế hoạch năm 2019",
        "Mục đích\n\nđoạn hai",
        [decision],
    )
    url = reverse("trainings:plan_update", args=[plan.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    assert client.post(url, {**payload, "content": "Nội dung mới", "seen_version": seen}).status_code == 302
    assert AnnualPlan.objects.get().content == "Nội dung mới"


def test_reopening_is_recorded_in_the_history_with_its_reason(client, staff, approved):
    client.force_login(staff)
    url = reverse("trainings:plan_reopen", args=[approved.pk])
    assert "Xác nhận mở lại" in client.get(url).text  # a confirmation before anything changes
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.APPROVED
    assert client.post(url, {"reason": "Điều chỉnh kinh phí theo quyết định giao vốn bổ sung"}).status_code == 302
    plan = AnnualPlan.objects.get()
    assert plan.status == AnnualPlan.Status.DRAFT
    record = plan.history.first()
    assert (record.history_change_reason, record.history_user) == (
        "Điều chỉnh kinh phí theo quyết định giao vốn bổ sung",
        staff,
    )
    page = client.get(plan.get_absolute_url()).text
    assert "Điều chỉnh kinh phí theo quyết định giao vốn bổ sung" in page


def test_reopening_without_a_reason_is_refused(client, staff, approved):
    client.force_login(staff)
    response = client.post(reverse("trainings:plan_reopen", args=[approved.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.APPROVED


def test_staff_record_the_approval_through_its_form(client, staff, annual_plan):
    client.force_login(staff)
    client.post(reverse("trainings:plan_submit", args=[annual_plan.pk]))
    response = client.post(
        reverse("trainings:plan_approve", args=[annual_plan.pk]),
        {
            "number": "82/KH-UBND",
            "signed_on": "03/05/2018",
            "signer_name": "Lý Vinh Quang",
            "signer_title": "Phó Chủ tịch",
        },
    )
    assert response.status_code == 302
    assert AnnualPlan.objects.get().signed_on == date(2018, 5, 3)


@pytest.mark.parametrize("persona", ["officer", "leader"])
@pytest.mark.parametrize("name", ["plan_submit", "plan_return", "plan_approve", "plan_reopen", "plan_update"])
def test_officers_and_leaders_read_plans_but_cannot_change_them(client, personas, annual_plan, persona, name):
    client.force_login(personas[persona])
    assert client.get(annual_plan.get_absolute_url()).status_code == 200
    assert client.post(reverse(f"trainings:{name}", args=[annual_plan.pk])).status_code == 403
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.DRAFT


def test_the_plan_page_shows_the_years_capacity_building_funds_by_source(client, staff, annual_plan, decision):
    client.force_login(staff)
    assert "Chưa ghi nhận kinh phí nâng cao năng lực" in client.get(annual_plan.get_absolute_url()).text
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.CENTRAL, amount=8_038_000_000, document=decision
    )
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.LOCAL, amount=804_000_000, document=decision
    )
    Fund.objects.create(
        year=2018, component=Component.PRODUCTION, source=Source.LOCAL, amount=1_000_000, document=decision
    )
    page = client.get(annual_plan.get_absolute_url()).text
    assert "Ngân sách trung ương" in page and "8.038.000.000" in page
    assert "Ngân sách địa phương" in page and "804.000.000" in page
    assert "8.842.000.000" in page  # the total, without the production money


def test_the_plan_page_issues_a_bounded_number_of_queries(client, staff, annual_plan, django_assert_max_num_queries):
    for number in range(10):
        annual_plan.bases.add(
            LegalDocument.objects.create(
                kind=LegalDocument.Kind.QUYET_DINH,
                number=f"{number + 1}/QĐ-UBND",
                issued_on=date(2017, 1, number + 1),
                issuer="UBND tỉnh",
            )
        )
    for _ in range(5):
        plan_services.plan_submit(plan=annual_plan, actor=staff)
        plan_services.plan_return(plan=annual_plan, actor=staff)
    client.force_login(staff)
    with django_assert_max_num_queries(15 + CACHE_QUERIES):  # the first time
        page = client.get(annual_plan.get_absolute_url()).text
    assert page.count("Căn cứ") >= 1 and "10/QĐ-UBND" in page
    with django_assert_max_num_queries(7):  # then its contents are kept until the data changes
        assert "10/QĐ-UBND" in client.get(annual_plan.get_absolute_url()).text


@pytest.fixture
def lang_son(settings, db):
    settings.PORTAL_PROVINCE_CODE = "20"
    return make_unit("20", "Tỉnh Lạng Sơn", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)


def test_the_printed_plan_reads_as_the_signed_document(client, leader, staff, submitted, lang_son, decision):
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.CENTRAL, amount=8_038_000_000, document=decision
    )
    approved = approve(submitted, staff)
    client.force_login(leader)
    response = client.get(reverse("trainings:plan_pdf", args=[approved.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in [
        "KẾ HOẠCH",
        "Số: 82/KH-UBND",
        "Lạng Sơn, ngày 03 tháng 5 năm 2018",
        "Căn cứ Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ phê duyệt danh sách xã đặc biệt"
        " khó khăn;",
        *HEADINGS,
        "Nơi nhận:",
        "- Lưu: VT, KTN.",
        "PHÓ CHỦ TỊCH",
        "Lý Vinh Quang",
        "8.038.000.000",
    ]:
        assert expected in text, expected


def test_a_draft_prints_without_number_date_or_signer(client, staff, annual_plan, lang_son):
    client.force_login(staff)
    text = pdf_text(client.get(reverse("trainings:plan_pdf", args=[annual_plan.pk])).content)
    assert "Số: /KH-UBND" in text
    assert "82/KH-UBND" not in text and "Lý Vinh Quang" not in text
    assert "chưa được giao" in text


def test_the_word_file_holds_the_same_sections(client, staff, submitted, lang_son, budget):
    approved = approve(submitted, staff)
    client.force_login(staff)
    response = client.get(reverse("trainings:plan_docx", args=[approved.pk]))
    word = docx.Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    text = "\n".join(paragraphs + cells)
    for expected in ["KẾ HOẠCH", "Số: 82/KH-UBND", "Căn cứ", *HEADINGS, "Nơi nhận:", "Lý Vinh Quang"]:
        assert expected in text, expected
    # The year's capacity-building budget (budget fixture: 900 + 100 million) in words under its total.
    assert "(Bằng chữ: Một tỷ đồng.)" in text


def test_the_demo_seeds_the_approved_2018_plan_once(staff, phase, decision, basis, budget):
    from trainings.demo import seed_trainings

    seed_trainings(actor=staff)
    seed_trainings(actor=staff)
    plan = AnnualPlan.objects.get()
    assert (plan.status, plan.number, plan.signer_name) == ("duyet", "82/KH-UBND", "Lý Vinh Quang")
    assert list(plan.bases.all()) == [decision]
    assert plan.classes.count() == 4


def test_a_plan_names_the_office_and_the_units_of_its_own_date(client, staff, phase, settings):
    from communes.models import Phase

    settings.PORTAL_PROVINCE_CODE = "99"
    current = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    signed = {"number": "25/KH-UBND", "signed_on": date(2026, 3, 16), "signer_name": "A"}
    plan_2026 = factories.annual_plan(current, year=2026, status=AnnualPlan.Status.APPROVED, **signed)
    client.force_login(staff)
    text = pdf_text(client.get(reverse("trainings:plan_pdf", args=[plan_2026.pk])).content)
    assert "1. Sở Dân tộc và Tôn giáo" in text and "Ủy ban nhân dân các xã" in text
    assert "gửi Sở Dân tộc và Tôn giáo phê duyệt" in text and "1. Ban Dân tộc" not in text


# Plan 82/KH-UBND (seeds/langson-82-KH-UBND-2018.txt) as its author wrote its opening, section IV,
# Nơi nhận and signing authority.
SEED_OPENING = (
    "Thực hiện Thông tư số 01/2017/TT-UBDT ngày 10/05/2017 của Ủy Ban dân tộc quy định chi tiết thực hiện Dự án 2"
    " (Chương trình 135) thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2016-2020;\n"
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện dự án nâng cao năng lực cho cộng đồng và cán bộ"
    " cơ sở thuộc Chương trình 135 giai đoạn 2016-2020 trên địa bàn tỉnh với các nội dung như sau:"
)
SEED_SECTION_IV = """IV. TỔ CHỨC THỰC HIỆN
1. Ban Dân tộc
a) Hàng năm căn cứ nhu cầu tập huấn, bồi dưỡng của huyện, xã chủ trì phối hợp với các sở, ban, ngành liên quan và UBND các huyện xây dựng kế hoạch trình UBND tỉnh phê duyệt.
- Tổng hợp đánh giá kết quả đào tạo, bồi dưỡng báo cáo UBND tỉnh, Ủy ban Dân tộc theo quy định.
2. Sở Tài chính: Hướng dẫn thực hiện việc thanh quyết toán nguồn vốn theo đúng quy định.
4. Ủy ban nhân dân các huyện
Yêu cầu các cơ quan liên quan, UBND các huyện chủ động tổ chức thực hiện. Trong quá trình thực hiện nếu có vướng mắc phản ánh về Ban Dân tộc để tổng hợp chung, báo cáo UBND tỉnh xem xét giải quyết./."""  # noqa: E501
SEED_RECIPIENTS = """- Ủy ban Dân tộc;
- Chủ tịch, các PCT UBND tỉnh;
- Các Sở: TC, KH&ĐT, XD, NN&PTNT, LĐ-TB&XH; Ban Dân tộc;
- Kho bạc nhà nước tỉnh;
- UBND các huyện;
- CVP, các PCVP UBND tỉnh, các phòng CM, TH-CB;"""


def test_the_plan_prints_its_authors_opening_section_iv_recipients_and_signer(
    client, leader, staff, submitted, lang_son
):
    submitted.refresh_from_db()
    submitted.opening, submitted.closing, submitted.recipients = SEED_OPENING, SEED_SECTION_IV, SEED_RECIPIENTS
    submitted.archive, submitted.signer_authority = "VT, KTN (TQV)", "KT. CHỦ TỊCH"
    submitted.save()
    approved = approve(submitted, staff)
    client.force_login(leader)
    content = client.get(reverse("trainings:plan_pdf", args=[approved.pk])).content
    text = pdf_text(content, raw=True)  # the narrow Nơi nhận column read whole, not beside the signature
    expected = [
        "Thực hiện Thông tư số 01/2017/TT-UBDT ngày 10/05/2017 của Ủy Ban dân tộc",
        "trên địa bàn tỉnh với các nội dung như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Ban Dân tộc",
        "a) Hàng năm căn cứ nhu cầu tập huấn",
        "2. Sở Tài chính: Hướng dẫn thực hiện việc thanh quyết toán",
        "xem xét giải quyết./.",
        "- Các Sở: TC, KH&ĐT, XD, NN&PTNT, LĐ-",  # the column wraps after the hyphen
        "TB&XH; Ban Dân tộc;",
        "- CVP, các PCVP UBND tỉnh, các phòng CM, TH-CB;",
        "- Lưu: VT, KTN (TQV).",
    ]
    positions = [text.find(line) for line in expected]
    assert -1 not in positions, [line for line, at in zip(expected, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    assert "KT. CHỦ TỊCH" in text and "TM. ỦY BAN NHÂN DÂN" not in text
    assert "Chủ trì, phối hợp với các sở, ban, ngành liên quan" not in text  # the portal's section IV gave way
    # A Nơi nhận pasted whole from Word (title and Lưu line included) and a blank authority, in the
    # plan reopened to change it (the approved plan prints as it was approved).
    approved = plan_services.plan_reopen(plan=approved, reason="Sửa nơi nhận", actor=staff)
    approved.recipients = "Nơi nhận:\n" + SEED_RECIPIENTS + "\n- Lưu: VT, KTN (TQV)."
    approved.signer_authority, approved.archive = "", ""
    approved.save()
    text = pdf_text(client.get(reverse("trainings:plan_pdf", args=[approved.pk])).content, raw=True)
    assert text.count("Nơi nhận") == 1 and text.count("- Lưu:") == 1 and "- Lưu: VT." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "KT. CHỦ TỊCH" in text


def test_staff_keep_a_catalogue_of_signers_and_pick_one_when_recording_the_approval(
    client, staff, officer, annual_plan
):
    plan_services.plan_submit(plan=annual_plan, actor=staff)
    plan_in_review = annual_plan
    client.force_login(officer)
    assert client.get(reverse("signer_list")).status_code == 403
    client.force_login(staff)
    payload = {"name": "Lý Vinh Quang", "title": "Phó Chủ tịch", "authority": "KT. CHỦ TỊCH", "active": "on"}
    assert client.post(reverse("signer_create"), payload).status_code == 302
    signer = Signer.objects.get()
    assert "Lý Vinh Quang" in client.get(reverse("signer_list")).text
    url = reverse("trainings:plan_approve", args=[plan_in_review.pk])
    refused = client.post(url, {"number": "82/KH-UBND", "signed_on": "03/05/2018"})
    assert "Chọn người ký trong danh mục hoặc nhập họ tên" in refused.text
    assert client.post(url, {"number": "82/KH-UBND", "signed_on": "03/05/2018", "signer": signer.pk}).status_code == 302
    plan_in_review.refresh_from_db()
    assert (plan_in_review.signer_name, plan_in_review.signer_title) == ("Lý Vinh Quang", "Phó Chủ tịch")


def test_a_plan_downloaded_again_is_served_whole_from_the_cache_until_it_changes(
    client, staff, annual_plan, django_assert_max_num_queries
):
    client.force_login(staff)
    url = reverse("trainings:plan_pdf", args=[annual_plan.pk])
    first = client.get(url)
    with django_assert_max_num_queries(4):  # session, user, data version, the kept download
        again = client.get(url, {"made-up": "1"})  # a query string no download reads keeps nothing new
    assert again.content == first.content and again["Content-Disposition"] == first["Content-Disposition"]
    AnnualPlan.objects.filter(pk=annual_plan.pk).update(title="Kế hoạch đào tạo đã sửa tên")
    changed = client.get(url)
    assert changed.content != first.content and "đã sửa tên" in pdf_text(changed.content)
