"""The printed KẾ HOẠCH of an implementation plan: purpose and requirements, then one numbered
subsection per agency with its tasks, their time and coordinating agencies."""

from dataclasses import replace
from datetime import date

from django.utils import timezone

from communes.models import REFORM_FIRST_NEW_DAY, EthnicAffairsOffice
from communes.selectors import portal_province
from monitoring.models.tasks import ImplementationPlan, Task
from monitoring.selectors.tasks import tasks_by_assignee
from p135portal.access import Perm
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Part,
    Signature,
    draft_number,
    outline,
    paragraphs,
    province_committee,
)
from p135portal.documents.model import NO_CONTENT
from p135portal.documents.types import DocumentType
from p135portal.text import strip_prefix


def task_blocks(task: Task, *, coordinators: bool = True) -> list[Paragraph]:
    """A task as the plan prints it: what to do, then its time and (unless its section names them
    once for all its tasks) its coordinating agencies."""
    blocks = [Paragraph(f"- {' '.join(line.strip() for line in task.description.splitlines() if line.strip())}")]
    if task.time_line:  # a task the plan gives no time prints none (none is invented)
        blocks.append(Paragraph(task.time_line, italic=True))
    if coordinators and (names := task.coordinator_names()):
        blocks.append(Paragraph(f"Cơ quan phối hợp: {', '.join(names)}.", italic=True))
    # A task's lines stay on one page: each but the last goes with the next.
    return [replace(block, keep=True) for block in blocks[:-1]] + blocks[-1:]


def default_closing(office: str, day: date) -> Paragraph:
    """The closing the portal proposes when the author has written none (districts until the reform)."""
    committees = "các huyện, xã" if day < REFORM_FIRST_NEW_DAY else "các xã"
    return Paragraph(
        f"Yêu cầu các sở, ban, ngành, Ủy ban nhân dân {committees} được giao nhiệm vụ nghiêm túc triển khai"
        f" thực hiện; định kỳ hằng quý báo cáo kết quả về {office} để tổng hợp, báo cáo Ủy ban nhân dân"
        f" tỉnh. Trong quá trình thực hiện nếu có khó khăn, vướng mắc, kịp thời phản ánh về {office} để"
        " được hướng dẫn, giải quyết./."
    )


def plan_document(plan: ImplementationPlan) -> Document:
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    groups = tasks_by_assignee(plan.tasks.all(), list(plan.sections.all()))
    office = EthnicAffairsOffice.on(plan.signed_on if plan.is_issued else None).name
    blocks: list = [
        *(outline(plan.opening) or [Paragraph(f"{plan.issuer} ban hành Kế hoạch với các nội dung như sau:")]),
        Heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
        Heading(2, "1. Mục đích"),
        *paragraphs(plan.purpose, empty=NO_CONTENT),
        Heading(2, "2. Yêu cầu"),
        *paragraphs(plan.requirements, empty=NO_CONTENT),
        Heading(1, plan.tasks_heading or "II. NHIỆM VỤ, GIẢI PHÁP VÀ TỔ CHỨC THỰC HIỆN"),
    ]
    if not groups:
        blocks.append(Paragraph("(Chưa giao nhiệm vụ nào.)", italic=True))
    for number, group in enumerate(groups, start=1):
        blocks.append(Heading(2, f"{number}. {group.name}"))
        section = group.section
        if section and section.role:
            blocks += outline(section.role)
        coordinators = not (section and section.coordinators)
        blocks.append(
            Part(
                f"Nhiệm vụ: {group.name}",
                [block for task in group.tasks for block in task_blocks(task, coordinators=coordinators)],
            )
        )
        if section and section.coordinators:
            blocks.append(Paragraph(f"Đơn vị phối hợp: {section.coordinators.rstrip('.')}.", italic=True))
    blocks += outline(plan.closing) or [default_closing(office, plan.signed_on or timezone.localdate())]
    recipients = plan.recipient_list(["Ủy ban Dân tộc", "Chủ tịch, các PCT UBND tỉnh", *[g.name for g in groups]])
    return Document(
        **province_committee(province_name),
        number=plan.number if plan.is_issued else draft_number("KH-UBND"),
        date=plan.signed_on if plan.is_issued else None,
        title="KẾ HOẠCH",
        summary=plan.title,
        bases=[document.basis() for document in plan.ordered_bases()],
        blocks=blocks,
        recipients=list(dict.fromkeys(recipients)),
        archive=plan.archive or "VT",
        signatures=[
            Signature(
                plan.authority_lines(),
                plan.signer_title or "PHÓ CHỦ TỊCH",
                plan.signer_name if plan.is_issued else "",
            )
        ],
    )


AUTHORING = DocumentType(
    kind="ke-hoach-trien-khai",
    name="Kế hoạch triển khai",
    permission=Perm.MANAGE_MONITORING,
    editable=lambda user: ImplementationPlan.objects.visible_to(user).prefetch_related("bases"),
    build=plan_document,
    issued=lambda plan: plan.is_issued,
)
