"""A local plan's classes sent back from Excel: what the file changes, and saving it all or nothing.

The rows come from trainings.documents.class_sheet; each is checked by the rules the class form
uses (trainings.services.plans.class_problems), the total by the unit's allotment, and a class
already reported on is neither changed nor removed. A file with any problem changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from p135portal.audit import assign, save_recorded
from p135portal.models import User
from p135portal.numbers import group_thousands
from trainings.models import ClassReport, LocalPlan, PlanClass
from trainings.services.local_plans import (
    allotment_of,
    locked_local_plan,
    over_allotment,
    require_local_editable,
    require_own_unit,
)
from trainings.services.plans import CLASS_FIELDS, class_problems, plan_rules

LABELS = {
    "topic": _("Nội dung"),
    "audience": _("Đối tượng"),
    "level": _("Cấp"),
    "place": _("Địa điểm"),
    "start_date": _("Ngày bắt đầu"),
    "end_date": _("Ngày kết thúc"),
    "days": _("Số ngày"),
    "participants": _("Số học viên"),
    "women": _("Nữ"),
    "ethnic_minority": _("DTTS"),
    "young_cadres": _("Cán bộ trẻ"),
    "cost": _("Kinh phí"),
}


def _shown(plan_class: PlanClass, name: str) -> str:
    value = getattr(plan_class, name)
    if name in ("audience", "level"):
        return str(getattr(plan_class, f"get_{name}_display")())
    if name in ("start_date", "end_date"):
        return f"{value:%d/%m/%Y}"
    if name == "cost":
        return f"{group_thousands(value)} đ"
    return str(value)


@dataclass
class SheetChanges:
    """What a file would do to the plan's classes."""

    added: list[tuple[int, PlanClass]] = field(default_factory=list)
    changed: list[tuple[int, PlanClass, list[tuple[str, str, str]]]] = field(default_factory=list)
    removed: list[PlanClass] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def touched(self) -> dict[str, list[int]]:
        """The classes the preview changes and removes, to hold the confirmation to them."""
        return {
            "changed": sorted(candidate.pk for _number, candidate, _diff in self.changed),
            "removed": sorted(plan_class.pk for plan_class in self.removed),
        }


def local_classes_compare(local_plan: LocalPlan, rows: list[tuple[int, dict]]) -> SheetChanges:
    """Every change the rows make to the plan's classes, and every problem, by row number."""
    result = SheetChanges()
    plan = local_plan.plan
    rules = plan_rules(plan)
    existing = {plan_class.pk: plan_class for plan_class in local_plan.classes.select_related("topic")}
    reported = set(ClassReport.objects.filter(plan_class__in=existing.keys()).values_list("plan_class_id", flat=True))
    if existing and rows and all(data.get("id") is None for _number, data in rows):
        result.problems.append(
            _(
                "Không dòng nào có «Mã lớp»: tệp sẽ thay toàn bộ %(count)s lớp đang có. Hãy dùng tệp tải về từ"
                " nút «Tải Excel các lớp» và giữ nguyên cột «Mã lớp»."
            )
            % {"count": len(existing)}
        )
        return result
    seen: dict[int, int] = {}
    final_cost = 0
    for number, data in rows:
        code = data.get("id")
        values = {name: data[name] for name in CLASS_FIELDS}
        if code is not None and code not in existing:
            result.problems.append(
                _("Dòng %(row)s: mã lớp %(code)s không thuộc kế hoạch này.") % {"row": number, "code": code}
            )
            continue
        if code is not None and code in seen:
            result.problems.append(
                _("Dòng %(row)s: lớp mã %(code)s đã có ở dòng %(first)s.")
                % {"row": number, "code": code, "first": seen[code]}
            )
            continue
        candidate = PlanClass(pk=code, plan=plan, local_plan=local_plan)
        assign(candidate, values, fields=CLASS_FIELDS)
        final_cost += candidate.cost
        for problem in class_problems(plan, rules, candidate):
            result.problems += [
                _("Dòng %(row)s: %(problem)s") % {"row": number, "problem": m} for m in problem.messages
            ]
        if code is None:
            result.added.append((number, candidate))
            continue
        seen[code] = number
        before = existing[code]
        diff = [
            (str(LABELS[name]), _shown(before, name), _shown(candidate, name))
            for name in CLASS_FIELDS
            if getattr(before, name) != getattr(candidate, name)
        ]
        if diff and code in reported:
            result.problems.append(
                _("Dòng %(row)s: lớp “%(topic)s” đã có báo cáo kết quả, không sửa được.")
                % {"row": number, "topic": before.topic}
            )
        elif diff:
            result.changed.append((number, candidate, diff))
        else:
            result.unchanged += 1
    result.removed = [plan_class for pk, plan_class in existing.items() if pk not in seen]
    for plan_class in result.removed:
        if plan_class.pk in reported:
            result.problems.append(
                _(
                    "Lớp “%(topic)s” (mã %(code)s) đã có báo cáo kết quả: không bỏ khỏi kế hoạch được;"
                    " giữ dòng của nó trong tệp."
                )
                % {"topic": plan_class.topic, "code": plan_class.pk}
            )
    allotment = allotment_of(local_plan)
    if final_cost > allotment:
        result.problems += over_allotment(local_plan, final_cost, allotment).messages
    return result


@transaction.atomic
def local_classes_apply(
    *, local_plan: LocalPlan, rows: list[tuple[int, dict]], previewed: dict, actor: User
) -> SheetChanges:
    """Saves what the rows change, checked again against the data of this moment: all of it, or
    nothing (ValidationError listing every problem). `previewed` holds the classes the person saw
    changed and removed: if the plan moved since (a class added or edited in another window), nothing
    is saved and the person previews again."""
    local_plan = locked_local_plan(local_plan)
    require_own_unit(local_plan.unit_id, actor)
    require_local_editable(local_plan)
    changes = local_classes_compare(local_plan, rows)
    if changes.problems:
        raise ValidationError(changes.problems, code="sheet_problems")
    if changes.touched != previewed:
        raise ValidationError(
            _("Các lớp của kế hoạch vừa thay đổi từ lúc xem trước: chưa lưu gì. Hãy tải tệp lên lại để xem trước."),
            code="stale",
        )
    for _number, plan_class in changes.added:
        save_recorded(plan_class, actor)
    for _number, candidate, _diff in changes.changed:
        plan_class = PlanClass.objects.select_for_update().get(pk=candidate.pk)
        assign(plan_class, {name: getattr(candidate, name) for name in CLASS_FIELDS}, fields=CLASS_FIELDS)
        save_recorded(plan_class, actor)
    for plan_class in changes.removed:
        plan_class._history_user = actor
        plan_class.delete()
    return changes
