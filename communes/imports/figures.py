"""A year's figures of communes and villages: created, or updated with old → new shown."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.imports.base import (
    COMMUNE,
    CREATE,
    DISTRICT,
    PROVINCE,
    STT,
    UNCHANGED,
    UPDATE,
    VILLAGE,
    Cell,
    Change,
    Importer,
    Plan,
    RowError,
    RowProblem,
    parse_number,
    show_number,
)
from communes.imports.matching import (
    CommuneFinder,
    example_place,
    find_village,
    lower_first,
    villages_by_name,
)
from communes.models import YearFigures
from p135portal.excel import cell_text
from p135portal.models import User

COUNTS = ["population", "households", "poor_households", "near_poor_households"]
FIELDS = [*COUNTS, "ethnic_minority_share", "coefficient"]
HEADERS = {
    "population": ["Số nhân khẩu", "Nhân khẩu", "Số khẩu", "Dân số", "Tổng số nhân khẩu"],
    "households": ["Số hộ", "Tổng số hộ", "Hộ"],
    "poor_households": ["Số hộ nghèo", "Hộ nghèo"],
    "near_poor_households": ["Số hộ cận nghèo", "Hộ cận nghèo"],
    "ethnic_minority_share": [
        "Tỷ lệ hộ DTTS (%)",
        "Tỉ lệ hộ DTTS",
        "Tỷ lệ hộ dân tộc thiểu số",
        "Tỉ lệ hộ dân tộc thiểu số",
        "Tỷ lệ DTTS",
        "Tỉ lệ DTTS",
    ],
    "coefficient": ["Hệ số K", "Hệ số", "K"],
}
INT_MAX = 2_147_483_647
SHARE_STEP, K_STEP, K_MAX = Decimal("0.01"), Decimal("0.001"), Decimal("9999.999")


def _label(key: str) -> str:
    name = str(YearFigures._meta.get_field(key).verbose_name)
    return name[:1].upper() + name[1:]


class FiguresImporter(Importer):
    """Options: year (int), old (bool): the communes named are those before 01/07/2025."""

    kind = "figures"
    title = gettext_lazy("Số liệu năm của xã, thôn")
    description = gettext_lazy(
        "Nhân khẩu, số hộ, hộ nghèo, cận nghèo, tỷ lệ hộ DTTS và hệ số K của một năm; "
        "số liệu đã có của năm đó được cập nhật."
    )
    template_filename = gettext_lazy("Mẫu số liệu năm.xlsx")
    optional = frozenset({"stt", "village", "district", "province", "coefficient"})

    def columns(self):
        return {
            "stt": STT,
            "commune": COMMUNE,
            "village": VILLAGE,
            "district": DISTRICT,
            "province": PROVINCE,
        } | HEADERS

    def template(self):
        name, _kind, district, province = example_place(old=self.options.get("old", False))
        headers = [
            _("STT"),
            _("Tên xã"),
            _("Tên thôn"),
            _("Huyện"),
            _("Tỉnh"),
            _("Số nhân khẩu"),
            _("Số hộ"),
            _("Số hộ nghèo"),
            _("Số hộ cận nghèo"),
            _("Tỷ lệ hộ DTTS (%)"),
            _("Hệ số K"),
        ]
        return headers, [1, name, "", district, province, 4520, 1085, 212, 97, 98.5, 1.2]

    def _numbers(self, values: dict) -> tuple[dict, list[str]]:
        """The row's figures, typed and rounded as stored, and what is wrong with them."""
        numbers, problems = {}, []
        for key in FIELDS:
            raw = values.get(key)
            if raw is None:
                if key != "coefficient":
                    problems.append(_("thiếu %(label)s.") % {"label": lower_first(_label(key))})
                numbers[key] = None
                continue
            try:
                number = parse_number(raw, _label(key))
            except RowProblem as problem:
                problems.append(str(problem))
                continue
            if key in COUNTS:
                if number != number.to_integral_value() or not 0 <= number <= INT_MAX:
                    problems.append(
                        _("%(label)s phải là số nguyên không âm (đang là %(value)s).")
                        % {"label": _label(key), "value": show_number(number)}
                    )
                    continue
                number = int(number)
            elif key == "ethnic_minority_share":
                number = number.quantize(SHARE_STEP, rounding=ROUND_HALF_UP)
                if not 0 <= number <= 100:
                    problems.append(
                        _("tỷ lệ hộ DTTS phải từ 0 đến 100%% (đang là %(value)s).") % {"value": show_number(number)}
                    )
                    continue
            else:
                number = number.quantize(K_STEP, rounding=ROUND_HALF_UP)
                if not 0 < number <= K_MAX:
                    problems.append(_("hệ số K phải lớn hơn 0 (đang là %(value)s).") % {"value": show_number(number)})
                    continue
            numbers[key] = number
        if len(numbers) == len(FIELDS) and not problems:
            problems.extend(self._rules(numbers))
        return numbers, problems

    def _rules(self, n: dict) -> list[str]:
        """The rules of YearFigures' constraints, with the row's numbers."""
        problems = []
        if n["households"] > n["population"]:
            problems.append(
                _("số hộ (%(households)s) lớn hơn số nhân khẩu (%(population)s).")
                % {"households": show_number(n["households"]), "population": show_number(n["population"])}
            )
        if n["poor_households"] + n["near_poor_households"] > n["households"]:
            problems.append(
                _("số hộ nghèo cộng số hộ cận nghèo (%(poor)s + %(near_poor)s) lớn hơn số hộ (%(households)s).")
                % {
                    "poor": show_number(n["poor_households"]),
                    "near_poor": show_number(n["near_poor_households"]),
                    "households": show_number(n["households"]),
                }
            )
        return problems

    def check(self, rows, *, lock):
        year = self.options["year"]
        finder = CommuneFinder(old=self.options["old"])
        plan = Plan(headers=[_("Xã"), _("Thôn"), *(_label(key) for key in FIELDS)])
        found = []
        for number, values in rows:
            try:
                commune = finder.find(
                    commune=cell_text(values, "commune"),
                    district=cell_text(values, "district"),
                    province=cell_text(values, "province"),
                )
            except RowProblem as problem:
                plan.errors.append(RowError(number, str(problem)))
                commune = None
            numbers, problems = self._numbers(values)
            plan.errors.extend(RowError(number, problem) for problem in problems)
            if commune and not problems:
                found.append((number, commune, cell_text(values, "village"), numbers))

        communes = {commune.pk for _n, commune, _v, _f in found}
        villages = villages_by_name(communes)
        existing_rows = YearFigures.objects.filter(unit_id__in=communes, year=year)
        if lock:
            existing_rows = existing_rows.select_for_update()
        existing = {(figures.unit_id, figures.village_id): figures for figures in existing_rows}
        seen: dict[tuple, int] = {}
        for number, commune, village_name, numbers in found:
            village = find_village(villages[commune.pk], village_name) if village_name else None
            if village_name and village is None:
                plan.errors.append(
                    RowError(
                        number,
                        _("không tìm thấy thôn «%(name)s» của %(commune)s (thêm thôn trước khi nhập số liệu).")
                        % {"name": village_name, "commune": commune.name},
                    )
                )
                continue
            key = (commune.pk, village.pk if village else None)
            if key in seen:
                plan.errors.append(
                    RowError(
                        number,
                        _("số liệu năm %(year)s của %(unit)s đã có ở dòng %(row)s của tệp.")
                        % {"year": year, "unit": village or commune, "row": seen[key]},
                    )
                )
                continue
            seen[key] = number
            plan.changes.append(self._change(number, commune, village, numbers, existing.get(key)))
        return plan

    def _change(self, number, commune, village, numbers, current: YearFigures | None) -> Change:
        names = [Cell(commune.name), Cell(village.name if village else "")]
        if current is None:
            cells = [*names, *(Cell(show_number(numbers[key])) for key in FIELDS)]
            payload = {"commune": commune, "village": village, "numbers": numbers}
            return Change(number, CREATE, cells, "", payload)
        if numbers["coefficient"] is None:  # a blank K keeps the one recorded
            numbers["coefficient"] = current.coefficient
        cells, changed = list(names), False
        for key in FIELDS:
            old, new = getattr(current, key), numbers[key]
            if old != new:
                changed = True
                cells.append(Cell(show_number(new), old=show_number(old)))
            else:
                cells.append(Cell(show_number(new)))
        if not changed:
            return Change(number, UNCHANGED, cells, _("không thay đổi"))
        return Change(number, UPDATE, cells, "", {"figures": current, "numbers": numbers})

    def save(self, change: Change, *, actor: User, reason: str) -> None:
        figures = change.payload.get("figures") or YearFigures(
            unit=change.payload["commune"], village=change.payload["village"], year=self.options["year"]
        )
        for key, value in change.payload["numbers"].items():
            setattr(figures, key, value)
        figures._history_user = actor
        figures._change_reason = reason
        figures.save()
