"""The list annexed to a designation decision: communes (or villages) put into a phase."""

from datetime import date
from functools import cache

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.imports.base import (
    COMMUNE,
    CREATE,
    DISTRICT,
    KIND,
    PROVINCE,
    STT,
    UNCHANGED,
    VILLAGE,
    Cell,
    Change,
    Choice,
    Importer,
    Plan,
    RowError,
    RowProblem,
    Skipped,
    record_reason,
)
from communes.imports.matching import (
    CommuneFinder,
    Unplaced,
    example_place,
    find_village,
    phase_is_old,
    village_kind,
    villages_by_name,
)
from communes.imports.published import read_annex
from communes.models import VILLAGE_CATEGORIES, Category, Designation, Phase, Village
from communes.services import designation_add
from p135portal.excel import cell_text
from p135portal.models import User
from p135portal.text import search_key

VILLAGE_NAME_MAX = Village._meta.get_field("name").max_length


@cache
def _category_label(category: str) -> str:
    """A category's label, made once rather than once per row (the portal speaks Vietnamese only)."""
    return str(Category(category).label)


class AnnexImporter(Importer):
    """Options: phase, category, document, start_date (the form fills it from the document)."""

    kind = "annex"
    title = gettext_lazy("Danh sách kèm quyết định phê duyệt")
    description = gettext_lazy(
        "Danh sách xã (hoặc thôn ĐBKK) kèm theo quyết định: đưa các đơn vị vào diện đầu tư của một giai đoạn."
    )
    template_filename = gettext_lazy("Mẫu danh sách kèm quyết định.xlsx")

    @property
    def for_villages(self) -> bool:
        return self.options["category"] in VILLAGE_CATEGORIES

    def columns(self):
        return {
            "stt": STT,
            "village": VILLAGE,
            "commune": COMMUNE,
            "district": DISTRICT,
            "province": PROVINCE,
            "kind": KIND,
        }

    def optional_columns(self):
        optional = {"stt", "district", "province", "kind"}
        return optional if self.for_villages else optional | {"village"}

    def template(self):
        latest = Phase.objects.order_by("-start_year").first()
        name, kind, district, province = example_place(old=latest is not None and phase_is_old(latest))
        headers = [_("STT"), _("Tên thôn"), _("Tên xã"), _("Huyện"), _("Tỉnh"), _("Loại")]
        return headers, [1, "", name, district, province, kind]

    def read(self, file):
        """The annex as published (see published.py): headings and totals come as rows to skip."""
        rows = []
        for row in read_annex(file, villages=self.for_villages):
            values = {
                "skip": row.skip or None,
                "text": row.name,
                "commune": None if row.skip else row.name or None,
                "village": row.village or None,
                "district": row.district or None,
                "province": row.province or None,
                "kind": row.kind or None,
                "categories": row.categories or None,
            }
            rows.append((row.number, values))
        return rows

    def _categories(self, values) -> list[str]:
        """The row's categories: those marked on it (or set by the heading above it) that fit the
        list (villages or communes), else the one chosen for the whole file."""
        marked = values.get("categories") or []
        fitting = [c for c in marked if (c in VILLAGE_CATEGORIES) == self.for_villages]
        return list(dict.fromkeys(fitting)) or [self.options["category"]]

    def check(self, rows, *, lock):
        phase: Phase = self.options["phase"]
        decisions: dict[int, int] = self.options.get("decisions") or {}
        finder = CommuneFinder(old=phase_is_old(phase))
        headers = [_("Xã"), _("Huyện"), _("Tỉnh"), _("Diện")]
        plan = Plan(headers=[_("Thôn"), *headers] if self.for_villages else headers)

        found = []
        for number, values in rows:
            if values.get("skip"):
                plan.skipped.append(Skipped(number, values["skip"], values.get("text") or ""))
                continue
            typed = cell_text(values, "commune")
            try:
                commune = finder.find(
                    commune=typed,
                    district=cell_text(values, "district"),
                    province=cell_text(values, "province"),
                    kind="" if self.for_villages else cell_text(values, "kind"),
                    decided=decisions.get(number),
                )
            except Unplaced as problem:
                options = [(unit.pk, finder.describe(unit)) for unit in problem.units]
                plan.choices.append(Choice(number, typed, str(problem), options, problem.near))
                continue
            except RowProblem as problem:
                plan.errors.append(RowError(number, str(problem)))
                continue
            if decisions.get(number) == commune.pk:
                plan.confirmed += 1
            else:
                plan.exact += 1
            found.append((number, values, commune))

        villages = villages_by_name({commune.pk for _n, _v, commune in found}, lock=lock)
        existing = self._existing([commune for _n, _v, commune in found])
        seen: dict[tuple, int] = {}
        for number, values, commune in found:
            for category in self._categories(values):
                try:
                    change = self._plan_row(number, values, commune, category, finder, villages[commune.pk], existing)
                except RowProblem as problem:
                    plan.errors.append(RowError(number, str(problem)))
                    continue
                key = change.payload["key"]
                if key in seen:
                    plan.errors.append(
                        RowError(
                            number,
                            _("%(unit)s đã có ở dòng %(row)s của tệp.")
                            % {"unit": change.cells[0].text, "row": seen[key]},
                        )
                    )
                    continue
                seen[key] = number
                plan.changes.append(change)
        return plan

    def _existing(self, communes) -> dict[tuple, date | None]:
        """The designations the service would refuse a duplicate of, by (commune, village, category):
        None for one still active, its end date for an ended one from the same start date."""
        existing: dict[tuple, date | None] = {}
        designations = Designation.objects.filter(unit__in=communes, phase=self.options["phase"]).filter(
            Q(end_date__isnull=True) | Q(start_date=self.options["start_date"])
        )
        for unit_id, village_id, category, end_date in designations.values_list(
            "unit_id", "village_id", "category", "end_date"
        ):
            if end_date is None:
                existing[unit_id, village_id, category] = None
            else:
                existing.setdefault((unit_id, village_id, category), end_date)
        return existing

    def _designate(self, number, key, cells, payload, existing) -> Change:
        if key not in existing:
            return Change(number, CREATE, cells, "", payload)
        if existing[key] is None:
            return Change(number, UNCHANGED, cells, _("đã có, bỏ qua"), payload)
        raise RowProblem(
            _(
                "%(unit)s đã được đưa vào diện này từ ngày %(start)s và đã ra khỏi danh sách ngày %(end)s; "
                "không thể đưa vào lại từ cùng ngày."
            )
            % {
                "unit": cells[0].text,
                "start": f"{self.options['start_date']:%d/%m/%Y}",
                "end": f"{existing[key]:%d/%m/%Y}",
            }
        )

    def _plan_row(self, number, values, commune, category, finder: CommuneFinder, villages, existing) -> Change:
        label = Cell(_category_label(category))
        place = [Cell(commune.name), Cell(finder.district_name(commune)), Cell(finder.province_name(commune)), label]
        name = cell_text(values, "village")
        if not self.for_villages:
            if name:
                raise RowProblem(
                    _("diện %(category)s dành cho xã: bỏ trống cột «Tên thôn».")
                    % {"category": Category(category).label}
                )
            key = (commune.pk, None, category)
            return self._designate(number, key, place, {"key": key, "commune": commune, "category": category}, existing)

        if not name:
            raise RowProblem(_("thiếu tên thôn."))
        if len(name) > VILLAGE_NAME_MAX:
            raise RowProblem(_("tên thôn dài quá %(max)s ký tự.") % {"max": VILLAGE_NAME_MAX})
        village = find_village(villages, name)
        payload = {"commune": commune, "village": village, "category": category}
        if village is None:
            payload.update(
                key=(commune.pk, "new", search_key(name), category),
                name=name,
                kind=village_kind(cell_text(values, "kind"), name),
            )
            return Change(number, CREATE, [Cell(name), *place], _("thôn mới"), payload)
        payload["key"] = (commune.pk, village.pk, category)
        return self._designate(number, payload["key"], [Cell(village.name), *place], payload, existing)

    def save(self, change: Change, *, actor: User, reason: str) -> None:
        village = change.payload.get("village")
        if self.for_villages and village is None:
            village = Village(
                commune=change.payload["commune"], name=change.payload["name"], kind=change.payload["kind"]
            )
            village._history_user = actor
            village._change_reason = reason
            village.save()
        designation = designation_add(
            unit=change.payload["commune"],
            village=village,
            phase=self.options["phase"],
            category=change.payload["category"],
            document=self.options["document"],
            start_date=self.options["start_date"],
            actor=actor,
        )
        record_reason(designation, reason)
