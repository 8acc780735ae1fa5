"""What every registry import shares: rows checked all at once, a preview, one transaction.

An importer reads the rows of an uploaded sheet and checks every one of them, collecting
each problem with its row number. A file with any problem saves nothing; a clean file
gives a plan (create / update / unchanged per row) that the user previews, and the
confirmation checks the file again, against the data of that moment, and saves the whole
plan in one transaction, recorded in the audit history with the acting user.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from p135portal.excel import read_xlsx
from p135portal.models import User
from p135portal.numbers import group_thousands

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
ACTIONS = {CREATE: gettext_lazy("Tạo mới"), UPDATE: gettext_lazy("Cập nhật"), UNCHANGED: gettext_lazy("Giữ nguyên")}

# Headers a column may carry, compared folded (p135portal.excel.header_key).
STT = ["STT", "TT", "Số TT", "Số thứ tự"]
COMMUNE = [
    "Tên xã",
    "Xã",
    "Tên xã, phường, thị trấn",
    "Xã, phường, thị trấn",
    "Tên xã, phường",
    "Xã, phường",
    "Tên đơn vị",
    "Tên đơn vị hành chính cấp xã",
]
VILLAGE = ["Tên thôn", "Thôn", "Tên thôn, bản", "Thôn, bản", "Tên thôn, bản, tổ dân phố", "Thôn, bản, tổ dân phố"]
DISTRICT = ["Huyện", "Tên huyện", "Huyện, thành phố", "Huyện, thị xã, thành phố", "Thuộc huyện"]
PROVINCE = ["Tỉnh", "Tên tỉnh", "Tỉnh, thành phố", "Thuộc tỉnh"]
KIND = ["Loại", "Loại đơn vị", "Loại hình"]


class RowProblem(Exception):
    """One problem of one row, in words for the user."""


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Cell:
    """A preview cell; `old` is set when an update changes the value."""

    text: str
    old: str | None = None


@dataclass
class Change:
    row: int
    action: str
    cells: list[Cell]
    note: str = ""
    payload: dict = field(default_factory=dict)

    @property
    def action_label(self) -> str:
        return str(ACTIONS[self.action])


@dataclass(frozen=True)
class Choice:
    """A row the person places before anything is saved: `options` are (unit id, description);
    `near` when the name matched only without its tone marks ("did you mean")."""

    row: int
    typed: str
    message: str
    options: list[tuple[int, str]]
    near: bool


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str  # "heading" or "total"
    text: str


@dataclass
class Plan:
    headers: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    exact: int = 0  # rows placed by their exact name
    confirmed: int = 0  # rows placed by the person's choice

    def skipped_as(self, reason: str) -> int:
        return sum(1 for row in self.skipped if row.reason == reason)

    @property
    def headings(self) -> int:
        return self.skipped_as("heading")

    @property
    def totals(self) -> int:
        return self.skipped_as("total")

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def saved(self) -> int:
        return self.created + self.updated


class Importer:
    """One kind of import: its columns, its template, its checks and how a row is saved."""

    kind: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    template_filename: ClassVar[str]
    optional: ClassVar[frozenset[str]] = frozenset()
    # Templates show the class's title; they must not try to instantiate it.
    do_not_call_in_templates: ClassVar[bool] = True

    def __init__(self, options: dict):
        self.options = options

    def columns(self) -> dict[str, list[str]]:
        raise NotImplementedError

    def optional_columns(self) -> set[str]:
        return set(self.optional)

    def template(self) -> tuple[list[str], list]:
        """The headers and one example row of the downloadable template."""
        raise NotImplementedError

    def read(self, file) -> list[tuple[int, dict]]:
        """The rows of the uploaded file, as (Excel row number, {column key: value})."""
        return read_xlsx(file, columns=self.columns(), optional=self.optional_columns())

    def check(self, rows: list[tuple[int, dict]], *, lock: bool) -> Plan:
        """Every row checked; `lock` (at confirmation) locks the rows the plan will update."""
        raise NotImplementedError

    def save(self, change: Change, *, actor: User, reason: str) -> None:
        """Save one planned change, recorded in the history with `actor` and `reason`."""
        raise NotImplementedError


def _rows(importer: Importer, file) -> list[tuple[int, dict]]:
    rows = importer.read(file)
    # A numbered row with nothing else is a row the sender did not fill.
    rows = [(number, values) for number, values in rows if any(v is not None for k, v in values.items() if k != "stt")]
    if not rows:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."), code="empty")
    return rows


def preview(importer: Importer, file) -> Plan:
    """What the file would change; raises ValidationError when the file cannot be read."""
    return importer.check(_rows(importer, file), lock=False)


def commit(importer: Importer, file, *, actor: User, filename: str) -> Plan:
    """Check the file again and save all of it, or nothing: the plan's errors say why."""
    reason = _("Nhập từ tệp Excel «%(file)s»") % {"file": filename}
    try:
        with transaction.atomic():
            plan = importer.check(_rows(importer, file), lock=True)
            plan.errors += [
                RowError(choice.row, _("chưa chọn đơn vị cho «%(name)s».") % {"name": choice.typed})
                for choice in plan.choices
            ]
            if not plan.errors:
                for change in plan.changes:
                    if change.action == UNCHANGED:
                        continue
                    try:
                        importer.save(change, actor=actor, reason=reason)
                    except ValidationError as error:
                        plan.errors.append(RowError(change.row, " ".join(error.messages)))
            if plan.errors:
                transaction.set_rollback(True)
            return plan
    except ValidationError as error:
        return Plan(errors=[RowError(None, message) for message in error.messages])
    except IntegrityError:
        return Plan(
            errors=[
                RowError(
                    None,
                    _("Dữ liệu vừa được người khác thay đổi trong lúc nhập nên chưa lưu gì. Hãy tải tệp lên lại."),
                )
            ]
        )


# ------------------------------------------------------------------ reading cells


_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+")


def parse_number(value, label: str) -> Decimal:
    """A number from Excel, or typed the Vietnamese way: "1.234" = 1234, "12,5" = 12,5."""
    if isinstance(value, bool):
        raise RowProblem(_("%(label)s «%(value)s» không phải là số.") % {"label": label, "value": value})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    typed = re.sub(r"\s+", "", str(value)).removesuffix("%")
    if "," in typed:
        typed = typed.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(typed):
        typed = typed.replace(".", "")
    try:
        number = Decimal(typed)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise RowProblem(_("%(label)s «%(value)s» không phải là số.") % {"label": label, "value": value})
    return number


def show_number(value) -> str:
    """1234 → "1.234"; 12.5 → "12,5"; None → "—"."""
    if value is None:
        return "—"
    number = Decimal(value)
    whole = int(number)
    if number == whole:
        return group_thousands(whole)
    decimals = format(abs(number) - abs(whole), "f").split(".")[1].rstrip("0")
    sign = "-" if number < 0 and whole == 0 else ""
    return f"{sign}{group_thousands(whole)},{decimals}"


def record_reason(obj, reason: str) -> None:
    """Put `reason` on the history record a service just wrote for `obj`."""
    obj.history.filter(pk__in=obj.history.order_by("-history_id").values("pk")[:1]).update(history_change_reason=reason)
