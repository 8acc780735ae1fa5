"""Documents the author makes their own before signing: the outline editor (p135portal/outlines.py),
the author's text as the document prints it, issued documents kept as issued, versions."""

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from communes.models import Unit
from monitoring.documents import tasks as task_documents
from monitoring.models.tasks import Agency, Task
from p135portal.documents import Document, Heading, Paragraph, Part, Signature, Table, province_committee
from p135portal.documents.authoring import authored, from_data, parse_body, proposal, to_data
from p135portal.documents.types import current, printed
from p135portal.models import DocumentText, DocumentVersion, Signer
from tests import factories
from tests.browser_fixtures import sign_in
from tests.conftest import make_unit
from tests.documents import pdf_text
from trainings.services import plans as plan_services

SEED_82 = Path(__file__).parent / "data" / "langson-82-KH-UBND-2018.txt"


def test_the_proposal_written_as_an_outline_prints_the_same_document():
    document = Document(
        **province_committee("Lạng Sơn"),
        number="82/KH-UBND",
        date=date(2018, 5, 3),
        title="KẾ HOẠCH",
        summary="Triển khai thực hiện dự án",
        bases=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"],
        blocks=[
            Paragraph("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"),
            Heading(1, "II. ĐỊA BÀN, ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN ĐÀO TẠO, BỒI DƯỠNG"),
            Heading(2, "1.1. Nội dung thực hiện"),
            Heading(3, "a) Hình thức"),
            Paragraph("Bảo đảm đúng đối tượng.", lead="2. Yêu cầu:"),
            Paragraph("Thời gian thực hiện: Quý IV năm 2026.", italic=True),
            Paragraph("(Bằng chữ: Một tỷ đồng.)", italic=True, align="right"),
            Table(headers=["STT", "Nguồn vốn"], rows=[[1, "Trung ương"]]),
            Part("Nhiệm vụ: Sở Tài chính", [Paragraph("- Bố trí vốn.")]),
        ],
        recipients=["Như trên", "Bộ Dân tộc và Tôn giáo (b/c)"],
        archive="VT, KTN",
        signatures=[Signature(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Lý Vinh Quang")],
    )
    outline = proposal(document)
    assert "[[Nhiệm vụ: Sở Tài chính]]" in outline.body and "[[Bảng 1]]" in outline.body
    assert "**2. Yêu cầu:** Bảo đảm đúng đối tượng." in outline.body
    assert "_Thời gian thực hiện: Quý IV năm 2026._" in outline.body
    again = authored(document, outline)
    assert again.body == document.body
    assert (again.bases, again.recipients, list(again.signatures)) == (
        document.bases,
        document.recipients,
        document.signatures,
    )
    # Frozen as data and read back, the document says the same.
    assert from_data(to_data(again)) == replace(again, blocks=again.body)


def test_the_author_moves_and_removes_the_portals_parts_and_types_headings_as_lines():
    tasks = Part("Nhiệm vụ: Sở Tài chính", [Paragraph("- Bố trí vốn.")])
    table = Part("Bảng kinh phí theo nguồn vốn", [Table(headers=["STT"], rows=[[1]])])
    body = "1. Sở Tài chính\n1.1. Nội dung thực hiện\n[[ nhiệm vụ:  sở tài chính ]]\n1.2. Đơn vị phối hợp\nKho bạc."
    blocks = parse_body(body, [tasks, table])
    assert blocks == [
        Heading(2, "1. Sở Tài chính"),
        Heading(2, "1.1. Nội dung thực hiện"),
        tasks,
        Heading(2, "1.2. Đơn vị phối hợp"),
        Paragraph("Kho bạc."),
    ]


# ------------------------------------------------------------------ the seed plan 82, entered through the editor


def seed_82() -> dict:
    """The seed's parts: its trích yếu, its body as paragraphs (the lines of the text file are wrapped
    where the page was: a paragraph starts at a numbered or dashed line, or after a line that ends a
    sentence), its Nơi nhận, Lưu and signature."""
    lines = [line.strip() for line in SEED_82.read_text().splitlines()]
    title_at = lines.index("KẾ HOẠCH")
    opening_at = next(i for i, line in enumerate(lines) if line.startswith("Thực hiện Thông tư"))
    recipients_at = lines.index("Nơi nhận:")
    paragraphs: list[str] = []
    for line in lines[opening_at:recipients_at]:
        starts = re.match(r"^([IVX]+\.|\d+(\.\d+)*\.|[a-zđ]\)|[-+] )", line)
        if not paragraphs or starts or paragraphs[-1].endswith((".", ";", ":")):
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line
    recipients = [line.removeprefix("- ").rstrip(";") for line in lines[recipients_at + 1 :] if line.startswith("- ")]
    return {
        "summary": " ".join(lines[title_at + 1 : opening_at]),
        "body": "\n".join(paragraphs),
        "recipients": "\n".join(r for r in recipients if not r.startswith("Lưu")),
        "archive": next(r for r in recipients if r.startswith("Lưu")).removeprefix("Lưu: ").rstrip("."),
    }


def flat_text(text: str) -> str:
    """Text compared word for word: page numbers (a line of digits) dropped, spaces folded, a line
    broken after a hyphen or a slash ("01/2017/ TT-UBDT") joined again."""
    text = "\n".join(line for line in text.splitlines() if not line.strip().isdigit())
    return re.sub(r"(?<=\w)([-/])\s+", r"\1", " ".join(text.split()))


def sections(text: str) -> dict[str, str]:
    """The text cut at the level-1 headings "I." to "IV.", each heading with what follows it."""
    found = re.finditer(r"(?<![\w.])(I|II|III|IV)\. (\S+)", text)
    cuts = [match.start() for match in found if match[2].isupper() and len(match[2]) > 1]
    ends = [*cuts[1:], None]
    return {text[start:].split(".")[0]: text[start:end].strip() for start, end in zip(cuts, ends, strict=True)}


@pytest.fixture
def lang_son(settings, db):
    settings.PORTAL_PROVINCE_CODE = "20"
    return make_unit("20", "Tỉnh Lạng Sơn", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)


def editor_payload(client, url: str, **changes) -> dict:
    """What the editor page holds (the portal's proposal or the saved outline), with `changes`."""
    form = client.get(url).context["form"]
    payload = {name: form[name].value() for name in form.fields}
    payload = {name: "" if value is None else value for name, value in payload.items()}
    return {**payload, **changes, "save": ""}


def test_the_seed_plan_82_entered_in_the_editor_prints_as_the_seed_section_by_section(
    client, staff, leader, phase, decision, lang_son
):
    plan = factories.annual_plan(phase)
    plan.bases.set([decision])
    seed = seed_82()
    signer = Signer.objects.create(name="Lý Vinh Quang", title="Phó Chủ tịch", authority="KT. CHỦ TỊCH")
    client.force_login(staff)
    url = reverse("trainings:plan_outline", args=[plan.pk])
    payload = editor_payload(
        client,
        url,
        summary=seed["summary"],
        bases="",  # the seed cites its documents in its opening sentence ("Thực hiện Thông tư …")
        body=seed["body"],
        recipients=seed["recipients"],
        archive=seed["archive"],
        signer_1=str(signer.pk),
    )
    response = client.post(url, payload)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    plan_services.plan_submit(plan=plan, actor=staff)
    signed = {"number": "82/KH-UBND", "signed_on": date(2018, 5, 3), "signer_name": "Lý Vinh Quang"}
    plan_services.plan_approve(plan=plan, actor=staff, signer_title="Phó Chủ tịch", **signed)

    client.force_login(leader)
    content = client.get(reverse("trainings:plan_pdf", args=[plan.pk])).content
    layout = pdf_text(content)
    raw = subprocess_text(content)
    # The header, the title and trích yếu, as the seed.
    assert layout.startswith("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH LẠNG SƠN")
    assert "Số: 82/KH-UBND Lạng Sơn, ngày 03 tháng 5 năm 2018" in layout
    assert " ".join(seed["summary"].split()).casefold() in layout.casefold()
    # The body, section by section, word for word.
    printed_sections = sections(flat_text(raw[raw.index("Thực hiện Thông tư") : raw.index("Nơi nhận:")]))
    seed_sections = sections(flat_text(seed["body"]))
    assert list(printed_sections) == ["I", "II", "III", "IV"] == list(seed_sections)
    for number, text in seed_sections.items():
        assert printed_sections[number] == text, number
    opening = flat_text(seed["body"]).split(" I. MỤC ĐÍCH")[0]
    assert flat_text(raw).count(opening) == 1
    # The Nơi nhận and the signature, as the seed.
    ending = flat_text(raw[raw.index("Nơi nhận:") :])
    for line in seed["recipients"].splitlines():
        assert f"- {line};" in ending, line
    assert "- Lưu: VT, KTN (TQV)." in ending
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in ending and ending.rstrip().endswith("Lý Vinh Quang")
    assert "TM. ỦY BAN NHÂN DÂN" not in ending
    # Nothing of the portal's own proposal is left in it.
    assert "Chủ trì, phối hợp với các sở, ban, ngành liên quan" not in layout
    assert "Bằng chữ" not in layout


def subprocess_text(content: bytes) -> str:
    """pdftotext's reading order with its line breaks kept (for cutting the text at headings)."""
    return subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


# ------------------------------------------------------------------ issued documents stay as issued


@pytest.fixture
def agencies(db):
    names = ["Sở Tài chính", "Sở Dân tộc và Tôn giáo", "Sở Nông nghiệp và Môi trường"]
    return {
        name: Agency.objects.update_or_create(name=name, defaults={"position": 10 * i})[0]
        for i, name in enumerate(names)
    }


def add_task(plan, agency, description, time_note=""):
    kind = Task.TimeKind.TEXT if time_note else Task.TimeKind.NONE
    return Task.objects.create(plan=plan, agency=agency, description=description, time_kind=kind, time_note=time_note)


def test_an_issued_plan_prints_as_issued_and_an_edit_after_issue_makes_a_recorded_version(
    client, staff, leader, agencies, decision
):
    plan = factories.implementation_plan(purpose="Mục đích.", requirements="Yêu cầu.")
    add_task(plan, agencies["Sở Tài chính"], "Bố trí vốn đối ứng.", "Quý IV năm 2026 và năm 2027")
    client.force_login(staff)
    edit = reverse("monitoring:plan_update", args=[plan.pk])
    form = client.get(edit).context["form"]
    payload = {name: form[name].value() or "" for name in form.fields}
    payload.update(number="45/KH-UBND", signed_on="16/03/2026", signer_name="Đoàn Thu Hà", bases=[decision.pk])
    response = client.post(edit, {k: v for k, v in payload.items() if v is not None})
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    assert plan.is_issued and DocumentVersion.objects.filter(kind="ke-hoach-trien-khai", object_id=plan.pk).count() == 1

    # A task added after the plan was issued is not in the plan as signed.
    add_task(plan, agencies["Sở Nông nghiệp và Môi trường"], "Hỗ trợ giống cây trồng.")
    client.force_login(leader)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[plan.pk])).content)
    assert "Bố trí vốn đối ứng." in text and "Hỗ trợ giống cây trồng." not in text and "Đoàn Thu Hà" in text

    # Staff edit the issued plan's text: a new version, recorded; the first stays downloadable.
    client.force_login(staff)
    url = reverse("monitoring:plan_outline", args=[plan.pk])
    page = client.get(url)
    assert "Văn bản đã ban hành" in page.content.decode()
    body = page.context["form"]["body"].value()
    assert "[[Nhiệm vụ: Sở Nông nghiệp và Môi trường]]" in body  # the new version is of today's data
    payload = editor_payload(client, url, body=body.replace("Mục đích.", "Mục đích đã sửa sau ban hành."))
    assert client.post(url, payload).status_code == 302
    versions = DocumentVersion.objects.filter(kind="ke-hoach-trien-khai", object_id=plan.pk).order_by("number")
    assert [(v.number, v.created_by) for v in versions] == [(1, staff), (2, staff)]
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[plan.pk])).content)
    assert "Mục đích đã sửa sau ban hành." in text and "Hỗ trợ giống cây trồng." in text
    first = pdf_text(client.get(reverse("monitoring:plan_outline_version", args=[plan.pk, 1])).content)
    assert "Mục đích đã sửa" not in first and "Mục đích." in first and "Hỗ trợ giống" not in first
    assert client.get(reverse("monitoring:plan_outline_version", args=[plan.pk, 9])).status_code == 404


def test_an_unknown_part_or_a_stale_outline_is_refused_in_vietnamese_and_nothing_is_saved(client, staff, agencies):
    plan = factories.implementation_plan(purpose="Mục đích.")
    add_task(plan, agencies["Sở Tài chính"], "Bố trí vốn đối ứng.")
    client.force_login(staff)
    url = reverse("monitoring:plan_outline", args=[plan.pk])
    payload = editor_payload(client, url)
    response = client.post(url, {**payload, "body": payload["body"] + "\n[[Bảng không có]]"})
    assert response.status_code == 200
    assert "Văn bản không có phần [[Bảng không có]]" in response.content.decode()
    assert not DocumentText.objects.exists()
    assert client.post(url, {**payload, "body": "  "}).status_code == 200
    assert not DocumentText.objects.exists()
    # Two people opened the editor; the first saves, the second is told and changes nothing.
    assert client.post(url, {**payload, "body": payload["body"] + "\nCâu thứ nhất."}).status_code == 302
    response = client.post(url, {**payload, "body": payload["body"] + "\nCâu thứ hai."})
    assert "Người khác vừa lưu văn bản này" in response.content.decode()
    body = DocumentText.objects.get().texts["body"]
    assert "Câu thứ nhất." in body and "Câu thứ hai." not in body


def test_an_officer_edits_only_the_minutes_of_their_own_commune(client, officer, other_officer, units, staff):
    handover = factories.handover(units["commune_a1"])
    url = reverse("monitoring:handover_outline", args=[handover.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_the_portal_proposal_prints_until_the_author_saves_and_again_after_a_reset(client, staff, agencies):
    plan = factories.implementation_plan(purpose="Mục đích.")
    add_task(plan, agencies["Sở Tài chính"], "Bố trí vốn đối ứng.")
    assert current(task_documents.AUTHORING, plan).body == task_documents.plan_document(plan).body
    client.force_login(staff)
    url = reverse("monitoring:plan_outline", args=[plan.pk])
    payload = editor_payload(client, url)
    client.post(url, {**payload, "body": "Câu của người soạn.\n[[Nhiệm vụ: Sở Tài chính]]"})
    assert [block.text for block in printed(task_documents.AUTHORING, plan).body] == [
        "Câu của người soạn.",
        "- Bố trí vốn đối ứng.",
    ]
    reset = reverse("monitoring:plan_outline_reset", args=[plan.pk])
    assert "Bỏ nội dung đã soạn" in client.get(reset).content.decode()  # asked first
    assert DocumentText.objects.exists()
    client.post(reset, {"revision": "0"})  # from a page opened before the last save: refused
    assert DocumentText.objects.exists()
    client.post(reset, {"revision": "1"})
    assert not DocumentText.objects.exists()
    assert printed(task_documents.AUTHORING, plan).body == task_documents.plan_document(plan).body


# ------------------------------------------------------------------ a second real plan, in the browser

# An implementation plan written as provincial plans are: per agency a role sentence, "1.1. Nội dung
# thực hiện" over its tasks, "1.2. Đơn vị phối hợp" and one line; time lines as the plan writes them.
OPENING = (
    "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu"
    " quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030, Ủy"
    " ban nhân dân tỉnh ban hành Kế hoạch thực hiện Chương trình năm 2026 như sau:"
)


def test_staff_enter_an_implementation_plan_and_make_its_text_their_own_in_the_browser(
    browser, live_server, staff, agencies, lang_son
):
    Signer.objects.create(name="Đoàn Thu Hà", title="Phó Chủ tịch", authority="KT. CHỦ TỊCH")
    plan = factories.implementation_plan(
        purpose="Tổ chức thực hiện hiệu quả Chương trình.", requirements="Đúng tiến độ."
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(page, live_server, staff.username)
    for agency, description, time_note in [
        ("Sở Dân tộc và Tôn giáo", "Hướng dẫn các xã rà soát đối tượng hưởng lợi.", "Quý IV năm 2026 và năm 2027"),
        ("Sở Dân tộc và Tôn giáo", "Tổng hợp, báo cáo kết quả thực hiện.", "Thường xuyên hàng tháng, quý"),
        ("Sở Tài chính", "Tham mưu bố trí vốn đối ứng của ngân sách tỉnh.", "Theo kế hoạch của Ban Chỉ đạo"),
        ("Sở Tài chính", "Hướng dẫn thanh quyết toán vốn.", ""),
    ]:
        page.goto(f"{live_server.url}{reverse('monitoring:task_create', args=[plan.pk])}")
        page.get_by_label("Cơ quan cấp tỉnh chủ trì").select_option(label=agency)
        page.locator("#id_description").fill(description)
        if time_note:
            page.locator("#id_time_kind").select_option(label="Ghi như văn bản")
            page.get_by_label("Thời gian như văn bản ghi").fill(time_note)
        else:
            page.locator("#id_time_kind").select_option(label="Không ghi thời gian")
        page.locator("main").get_by_role("button", name="Lưu").click()
        page.wait_for_load_state()
    assert plan.tasks.count() == 4

    page.goto(f"{live_server.url}{reverse('monitoring:plan_detail', args=[plan.pk])}")
    page.get_by_role("link", name="Soạn văn bản").click()
    page.wait_for_load_state()
    body = page.get_by_label("Nội dung")
    proposed = body.input_value()
    assert "[[Nhiệm vụ: Sở Dân tộc và Tôn giáo]]" in proposed and "[[Nhiệm vụ: Sở Tài chính]]" in proposed
    # The author keeps the proposal's section I, writes the rest: the agencies in the plan's own order,
    # each with its role, sub-headings and coordinating line, the generated tasks placed under them.
    lines = proposed.splitlines()
    section_one = lines[1 : next(index for index, line in enumerate(lines) if line.startswith("II."))]
    written = [
        OPENING,
        *section_one,
        "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
        "1. Sở Dân tộc và Tôn giáo",
        "Là cơ quan thường trực, chủ trì tham mưu tổ chức thực hiện Kế hoạch.",
        "1.1. Nội dung thực hiện",
        "[[Nhiệm vụ: Sở Dân tộc và Tôn giáo]]",
        "1.2. Đơn vị phối hợp",
        "Sở Tài chính, Ủy ban nhân dân các xã, phường.",
        "2. Sở Tài chính",
        "2.1. Nội dung thực hiện",
        "[[Nhiệm vụ: Sở Tài chính]]",
        "III. TỔ CHỨC THỰC HIỆN",
        "Các cơ quan, đơn vị báo cáo kết quả về Sở Dân tộc và Tôn giáo trước ngày 15/12 hằng năm./.",
    ]
    body.fill("\n".join(written))
    page.get_by_label("Nơi nhận").fill("Bộ Dân tộc và Tôn giáo (b/c);\nThường trực Tỉnh ủy (b/c);\nNhư mục II;")
    page.get_by_label("Lưu", exact=True).fill("VT, KGVX (ĐTH)")
    page.get_by_label("Người ký 1: chọn trong danh mục").select_option(label="Phó Chủ tịch Đoàn Thu Hà")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state()
    assert "Đã lưu nội dung văn bản" in page.content()
    page.screenshot(path=str(Path(__file__).parent.parent / "var" / "outline-editor.png"), full_page=True)

    link = reverse("monitoring:plan_pdf", args=[plan.pk])
    text = pdf_text(page.context.request.get(f"{live_server.url}{link}").body())
    expected = [
        "ỦY BAN NHÂN DÂN",
        OPENING[:60],
        "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
        "1. Sở Dân tộc và Tôn giáo",
        "Là cơ quan thường trực, chủ trì tham mưu",
        "1.1. Nội dung thực hiện",
        "- Hướng dẫn các xã rà soát đối tượng hưởng lợi.",
        "Quý IV năm 2026 và năm 2027",
        "Thường xuyên hàng tháng, quý",
        "1.2. Đơn vị phối hợp",
        "Sở Tài chính, Ủy ban nhân dân các xã, phường.",
        "2. Sở Tài chính",
        "2.1. Nội dung thực hiện",
        "Theo kế hoạch của Ban Chỉ đạo",
        "- Hướng dẫn thanh quyết toán vốn.",
        "III. TỔ CHỨC THỰC HIỆN",
        "- Bộ Dân tộc và Tôn giáo (b/c);",
        "- Như mục II;",
        "- Lưu: VT, KGVX (ĐTH).",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    positions = [text.find(line) for line in expected]
    assert -1 not in positions, [line for line, at in zip(expected, positions, strict=True) if at == -1]
    assert positions[:16] == sorted(positions[:16])  # the body in the author's order
    assert "NHIỆM VỤ, GIẢI PHÁP VÀ TỔ CHỨC THỰC HIỆN" not in text
    # The task with no time prints none: nothing follows it but the next heading.
    after = text[text.index("- Hướng dẫn thanh quyết toán vốn.") :]
    assert re.fullmatch(
        r"- Hướng dẫn thanh quyết toán vốn\.( \d+)?", after.split("III. TỔ CHỨC")[0].strip()
    )  # a page number
    page.close()


def test_every_editable_document_of_the_portal_prints_the_same_through_its_proposed_outline(
    staff, officer, units, phase, decision, agencies, settings
):
    settings.PORTAL_PROVINCE_CODE = "99"
    from decimal import Decimal

    from monitoring.documents import evaluations, handovers, reports
    from monitoring.models import Evaluation, Indicator
    from trainings.documents import plans

    annual = factories.annual_plan(phase)
    factories.plan_class(annual)
    implementation = factories.implementation_plan(purpose="Mục đích.")
    add_task(implementation, agencies["Sở Tài chính"], "Bố trí vốn.", "Quý IV năm 2026")
    handover = factories.handover(units["commune_a1"])
    factories.support_item(factories.household(handover))
    report = factories.periodic_report(factories.report_period(staff), units["commune_a1"], officer)
    evaluation = Evaluation.objects.create(
        phase=phase, kind=Evaluation.Kind.ANNUAL, year=2018, title="Đánh giá năm 2018"
    )
    Indicator.objects.create(evaluation=evaluation, name="Tỷ lệ hộ nghèo", unit_of_measure="%", target=Decimal("4.5"))
    for doc_type, row in [
        (plans.AUTHORING, annual),
        (task_documents.AUTHORING, implementation),
        (handovers.AUTHORING, handover),
        (reports.AUTHORING, report),
        (evaluations.AUTHORING, evaluation),
    ]:
        document = doc_type.build(row)
        assert authored(document, proposal(document)).body == document.body, doc_type.kind
        frozen = to_data(document)
        assert to_data(from_data(frozen)) == frozen, doc_type.kind
        assert from_data(frozen).body == document.body, doc_type.kind


def test_the_author_previews_and_signs_with_any_authority_form_side_by_side(client, officer, units, staff):
    handover = factories.handover(units["commune_a1"])
    client.force_login(officer)
    url = reverse("monitoring:handover_outline", args=[handover.pk])
    payload = editor_payload(
        client,
        url,
        signer_1_authority="TM. ỦY BAN NHÂN DÂN\nTUQ. CHỦ TỊCH",
        signer_1_title="Trưởng phòng Kinh tế",
        signer_1_name="Hoàng Văn Tâm",
        signer_3_authority="TL. CHỦ TỊCH\nQ. CHÁNH VĂN PHÒNG",
        signer_3_title="Phó Chánh Văn phòng",
        signer_3_name="Lăng Thị Mai",
    )
    del payload["save"]
    preview = client.post(url, {**payload, "preview": ""})  # the PDF as it would print, nothing saved
    assert preview["Content-Type"] == "application/pdf" and not DocumentText.objects.exists()
    text = pdf_text(preview.content, raw=True)
    for line in ["TM. ỦY BAN NHÂN DÂN", "TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG KINH TẾ", "Hoàng Văn Tâm", "ĐẠI DIỆN BÊN NHẬN"]:
        assert line in text, line
    for line in ["TL. CHỦ TỊCH", "Q. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lăng Thị Mai"]:
        assert line in text, line
    assert text.index("Hoàng Văn Tâm") < text.index("ĐẠI DIỆN BÊN NHẬN") < text.index("Lăng Thị Mai")  # in order
    assert text.count("(Ký, ghi rõ họ tên)") == 2  # the parties' hint, kept; the third signer has none
    layout = pdf_text(preview.content)  # the three blocks side by side: their first lines on one row
    assert re.search(r"TM\. ỦY BAN NHÂN +ĐẠI DIỆN BÊN NHẬN +TL\. CHỦ TỊCH", layout)


def test_what_the_author_left_as_proposed_follows_the_data_and_a_vanished_part_never_breaks_a_download(
    client, staff, leader, agencies
):
    plan = factories.implementation_plan(purpose="Mục đích.")
    add_task(plan, agencies["Sở Tài chính"], "Bố trí vốn đối ứng.")
    client.force_login(staff)
    url = reverse("monitoring:plan_outline", args=[plan.pk])
    payload = editor_payload(client, url)
    client.post(url, {**payload, "recipients": "Như trên;\nBộ Dân tộc và Tôn giáo (b/c);"})
    assert DocumentText.objects.get().texts == {"recipients": "Như trên;\nBộ Dân tộc và Tôn giáo (b/c);"}
    # The signer recorded when the plan is issued prints: the author did not change the signer.
    plan.number, plan.signed_on, plan.signer_name = "45/KH-UBND", date(2026, 3, 16), "Đoàn Thu Hà"
    plan.save()
    client.force_login(leader)
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[plan.pk])).content)
    assert "Đoàn Thu Hà" in text and "- Bộ Dân tộc và Tôn giáo (b/c);" in text
    # The author placed the finance department's tasks; the department is renamed: the download still
    # works (the vanished part left out) and the editor says what to mend.
    client.force_login(staff)
    client.post(url, {**editor_payload(client, url), "body": "Câu mở đầu.\n[[Nhiệm vụ: Sở Tài chính]]"})
    Agency.objects.filter(pk=agencies["Sở Tài chính"].pk).update(name="Sở Tài chính và Kế hoạch")
    client.force_login(leader)
    response = client.get(reverse("monitoring:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and "Câu mở đầu." in pdf_text(response.content)
    client.force_login(staff)
    page = client.get(url).text
    assert "không còn phần nào tương ứng" in page and "[[Nhiệm vụ: Sở Tài chính]]" in page


def test_an_issued_plan_entered_before_its_tasks_prints_from_the_data_until_staff_lock_it(client, staff, agencies):
    plan = factories.implementation_plan(purpose="Mục đích.", number="12/KH-UBND", signed_on=date(2025, 12, 1))
    add_task(plan, agencies["Sở Tài chính"], "Bố trí vốn đối ứng.")
    client.force_login(staff)
    assert "Bố trí vốn đối ứng." in pdf_text(client.get(reverse("monitoring:plan_pdf", args=[plan.pk])).content)
    url = reverse("monitoring:plan_outline", args=[plan.pk])
    assert "bản in chưa khóa" in client.get(url).text
    reset = reverse("monitoring:plan_outline_reset", args=[plan.pk])
    client.post(url, {**editor_payload(client, url), "archive": "VT, KGVX"})  # an edit of an issued plan: kept
    assert [v.note for v in versions_of(plan)] == ["Sửa sau khi ban hành", "Bản in trước khi sửa"]
    response = client.post(reset, {"revision": "1"}, follow=True)
    assert "không bỏ nội dung đã soạn được" in response.text and DocumentText.objects.exists()
    add_task(plan, agencies["Sở Tài chính"], "Hướng dẫn thanh quyết toán.")
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[plan.pk])).content)
    assert "Hướng dẫn thanh quyết toán." not in text and "- Lưu: VT, KGVX." in text
    # An old plan with no version yet is locked by staff once its tasks are in.
    other = factories.implementation_plan(purpose="Khác.", number="13/KH-UBND", signed_on=date(2025, 12, 2))
    add_task(other, agencies["Sở Tài chính"], "Việc một.")
    other_url = reverse("monitoring:plan_outline", args=[other.pk])
    assert client.post(other_url, {"lock": ""}).status_code == 302
    add_task(other, agencies["Sở Tài chính"], "Việc hai.")
    text = pdf_text(client.get(reverse("monitoring:plan_pdf", args=[other.pk])).content)
    assert "Việc một." in text and "Việc hai." not in text


def versions_of(plan):
    return DocumentVersion.objects.filter(kind="ke-hoach-trien-khai", object_id=plan.pk).order_by("-number")
