"""Villages (thôn, bản, làng, ấp, tổ dân phố) of communes: missing ones are created."""

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
    Importer,
    Plan,
    RowError,
    RowProblem,
)
from communes.imports.matching import (
    CommuneFinder,
    example_place,
    find_village,
    village_kind,
    villages_by_name,
)
from communes.models import Village
from p135portal.excel import cell_text
from p135portal.models import User
from p135portal.text import search_key

VILLAGE_NAME_MAX = Village._meta.get_field("name").max_length


class VillageImporter(Importer):
    """Options: old (bool): the communes named are those before 01/07/2025."""

    kind = "villages"
    title = gettext_lazy("Danh sách thôn, bản của xã")
    description = gettext_lazy("Thêm các thôn, bản, tổ dân phố còn thiếu của các xã; thôn đã có được giữ nguyên.")
    template_filename = gettext_lazy("Mẫu danh sách thôn.xlsx")
    optional = frozenset({"stt", "kind", "district", "province"})

    def columns(self):
        return {
            "stt": STT,
            "village": VILLAGE,
            "kind": KIND,
            "commune": COMMUNE,
            "district": DISTRICT,
            "province": PROVINCE,
        }

    def template(self):
        name, _kind, district, province = example_place(old=self.options.get("old", False))
        headers = [_("STT"), _("Tên thôn"), _("Loại"), _("Tên xã"), _("Huyện"), _("Tỉnh")]
        return headers, [1, "Nà Pàn", str(Village.Kind.BAN.label), name, district, province]

    def check(self, rows, *, lock):
        finder = CommuneFinder(old=self.options["old"])
        plan = Plan(headers=[_("Thôn"), _("Loại"), _("Xã"), _("Huyện"), _("Tỉnh")])
        found = []
        for number, values in rows:
            try:
                commune = finder.find(
                    commune=cell_text(values, "commune"),
                    district=cell_text(values, "district"),
                    province=cell_text(values, "province"),
                )
                name = cell_text(values, "village")
                if not name:
                    raise RowProblem(_("thiếu tên thôn."))
                if len(name) > VILLAGE_NAME_MAX:
                    raise RowProblem(_("tên thôn dài quá %(max)s ký tự.") % {"max": VILLAGE_NAME_MAX})
                kind = village_kind(cell_text(values, "kind"), name)
            except RowProblem as problem:
                plan.errors.append(RowError(number, str(problem)))
                continue
            found.append((number, commune, name, kind))

        villages = villages_by_name({commune.pk for _n, commune, _name, _k in found}, lock=lock)
        seen: dict[tuple, int] = {}
        for number, commune, name, kind in found:
            village = find_village(villages[commune.pk], name)
            key = (commune.pk, village.pk if village else search_key(name))
            if key in seen:
                plan.errors.append(
                    RowError(
                        number, _("thôn «%(name)s» đã có ở dòng %(row)s của tệp.") % {"name": name, "row": seen[key]}
                    )
                )
                continue
            seen[key] = number
            place = [Cell(commune.name), Cell(finder.district_name(commune)), Cell(finder.province_name(commune))]
            if village:
                cells = [Cell(village.name), Cell(village.get_kind_display()), *place]
                plan.changes.append(Change(number, UNCHANGED, cells, _("đã có")))
            else:
                cells = [Cell(name), Cell(str(Village.Kind(kind).label)), *place]
                payload = {"commune": commune, "name": name, "kind": kind}
                plan.changes.append(Change(number, CREATE, cells, _("thôn mới"), payload))
        return plan

    def save(self, change: Change, *, actor: User, reason: str) -> None:
        village = Village(commune=change.payload["commune"], name=change.payload["name"], kind=change.payload["kind"])
        village._history_user = actor
        village._change_reason = reason
        village.save()
