"""Finding the units and villages a list names, the way people write names.

"Xã Đồng Đăng", "đồng đăng", "TT. Đồng Đăng" and the same typed in decomposed Unicode
all find the same unit (p135portal.text.search_key); a name that is missing or that
several units share is a RowProblem that says so.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from communes.imports.base import RowProblem
from communes.models import REFORM_LAST_OLD_DAY, Phase, Unit, Village
from p135portal.text import fold, search_key, strip_prefix

COMMUNE_KINDS = {
    "xa": Unit.Kind.XA,
    "phuong": Unit.Kind.PHUONG,
    "thi tran": Unit.Kind.THI_TRAN,
    "tt": Unit.Kind.THI_TRAN,
    "tt.": Unit.Kind.THI_TRAN,
    "dac khu": Unit.Kind.DAC_KHU,
}
VILLAGE_KINDS = {
    "thon": Village.Kind.THON,
    "ban": Village.Kind.BAN,
    "lang": Village.Kind.LANG,
    "ap": Village.Kind.AP,
    "to dan pho": Village.Kind.TO_DAN_PHO,
    "tdp": Village.Kind.TO_DAN_PHO,
}


class Unplaced(RowProblem):
    """A row only the person can place: its name matches units only without its tone marks ("Tân
    Thanh" for Tân Thành: `near`), or several units have its name. Never placed by the portal alone."""

    def __init__(self, message: str, units: list[Unit], *, near: bool):
        super().__init__(message)
        self.units, self.near = units, near


def exact_key(name: str) -> str:
    """A name compared with its tone marks: NFC, case, type prefix and spacing aside ("xã  Tân Thành")."""
    return " ".join(strip_prefix(name).casefold().split())


def prefer_exact(units: list[Unit], typed: str) -> list[Unit]:
    """The units whose name is the typed one with its tone marks, when there are any."""
    exact = [unit for unit in units if exact_key(unit.name) == exact_key(typed)]
    return exact or units


def name_keys(name: str) -> set[str]:
    """The search names `name` may stand for: without its type prefix, and as typed (a
    name like "Bản Ngà" may be the whole name, not the prefix "Bản" and "Ngà")."""
    return {search_key(name), fold(name)}


def typed_prefix(name: str) -> str:
    """The folded type prefix typed before a name: "TT. Đồng Đăng" → "tt."."""
    folded, key = fold(name), search_key(name)
    return folded[: len(folded) - len(key)].strip() if key != folded else ""


def village_kind(kind_text: str, name: str) -> str:
    """The village kind from the "Loại" column, else from the name's prefix, else Thôn."""
    if kind_text:
        kind = VILLAGE_KINDS.get(fold(kind_text))
        if kind is None:
            raise RowProblem(
                _("loại «%(kind)s» không hợp lệ, cần một trong: %(kinds)s.")
                % {"kind": kind_text, "kinds": ", ".join(str(label) for label in Village.Kind.labels)}
            )
        return kind
    return VILLAGE_KINDS.get(typed_prefix(name), Village.Kind.THON)


def lower_first(name: str) -> str:
    """ "Huyện Tràng Định" → "huyện Tràng Định", as a name reads inside a sentence."""
    return name[:1].lower() + name[1:]


def phase_is_old(phase: Phase) -> bool:
    """A phase that ended before the reform names pre-2025 units; a later one, new units."""
    return phase.end_year <= REFORM_LAST_OLD_DAY.year


def _period(old: bool) -> Q:
    return Q(valid_until=REFORM_LAST_OLD_DAY) if old else Q(valid_until__isnull=True)


class CommuneFinder:
    """Finds communes of one system by the names a list gives for commune, district, province.

    Loads the units of that system once (a province has a few hundred), so a long file
    costs one query, not one per row.
    """

    def __init__(self, *, old: bool):
        self.old = old
        self.by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self.by_id: dict[int, Unit] = {}
        self._seen: dict[tuple, list[Unit]] = {}
        self._found: dict[tuple, Unit | RowProblem] = {}
        for unit in Unit.objects.filter(_period(old)).order_by("code"):
            self.by_name[unit.level, unit.search_name].append(unit)
            self.by_id[unit.pk] = unit

    def _named(self, level: str, name: str, within: Unit | None = None) -> list[Unit]:
        """Remembered per name: a village list names its commune on each of the commune's ~30 rows."""
        key = (level, name, within.pk if within else None)
        if key not in self._seen:
            found = {unit.pk: unit for key in name_keys(name) for unit in self.by_name.get((level, key), [])}
            units = sorted(found.values(), key=lambda unit: unit.code)
            self._seen[key] = [unit for unit in units if within is None or unit.path.startswith(within.path)]
        return self._seen[key]

    def parent_of(self, unit: Unit) -> Unit | None:
        return self.by_id.get(unit.parent_id)

    def _one(self, units: list[Unit], *, missing: str, ambiguous: str) -> Unit:
        if not units:
            raise RowProblem(missing)
        if len(units) > 1:
            raise RowProblem(ambiguous)
        return units[0]

    def find(
        self, *, commune: str, district: str = "", province: str = "", kind: str = "", decided: int | None = None
    ) -> Unit:
        """The one commune these names designate; RowProblem says why there is none, Unplaced when the
        person must choose (a near miss without tone marks, or several units of the name). `decided`
        is the person's choice among those offered for this row. Remembered per names: a village list
        names its commune on each of the commune's rows."""
        key = (commune, district, province, kind, decided)
        if key not in self._found:
            try:
                self._found[key] = self._find(commune, district, province, kind, decided)
            except RowProblem as problem:  # Unplaced included
                self._found[key] = problem
        if isinstance(self._found[key], RowProblem):
            raise self._found[key]
        return self._found[key]

    def _find(self, commune: str, district: str, province: str, kind: str, decided: int | None) -> Unit:
        if not commune:
            raise RowProblem(_("thiếu tên xã."))
        if district and self._city_of_the_centre(district, province):
            province, district = district, ""
        within = None
        if province:
            within = self._one(
                prefer_exact(self._named(Unit.Level.PROVINCE, province), province),
                missing=_("không tìm thấy tỉnh «%(name)s».") % {"name": province},
                ambiguous=_("không rõ tỉnh «%(name)s».") % {"name": province},
            )
        # Districts exist only before the reform; new lists name no district.
        if district and self.old:
            where = _(" thuộc %(unit)s") % {"unit": lower_first(within.name)} if within else ""
            within = self._one(
                prefer_exact(self._named(Unit.Level.DISTRICT, district, within), district),
                missing=_("không tìm thấy huyện «%(name)s»%(where)s.") % {"name": district, "where": where},
                ambiguous=_("không rõ: có nhiều huyện tên «%(name)s»%(where)s, ghi rõ tỉnh.")
                % {"name": district, "where": where},
            )
        candidates = self._named(Unit.Level.COMMUNE, commune, within)
        if len(candidates) > 1:
            # "TT. A Hai" or "Thị trấn" in the type column tells a town from a commune of the same name.
            wanted = COMMUNE_KINDS.get(fold(kind)) or COMMUNE_KINDS.get(typed_prefix(commune))
            candidates = [unit for unit in candidates if unit.kind == wanted] or candidates
        where = _(" thuộc %(unit)s") % {"unit": lower_first(within.name)} if within else ""
        if not candidates:
            raise RowProblem(_("không tìm thấy xã «%(name)s»%(where)s.") % {"name": commune, "where": where})
        exact = [unit for unit in candidates if exact_key(unit.name) == exact_key(commune)]
        if len(exact) == 1:
            return exact[0]
        # The person's choice counts only among the units this row offers them.
        chosen = next((unit for unit in exact or candidates if unit.pk == decided), None)
        if chosen is not None:
            return chosen
        if not exact:  # the same letters, other tone marks: "Nhất Tiến" is not "Nhật Tiến"
            places = "; ".join(self.describe(unit) for unit in candidates)
            raise Unplaced(
                _("không có xã «%(name)s»%(where)s; có phải %(places)s?")
                % {"name": commune, "where": where, "places": places},
                candidates,
                near=True,
            )
        candidates = exact
        if len(candidates) > 1:
            places = "; ".join(self.describe(unit) for unit in candidates)
            hint = _("ghi rõ huyện hoặc loại (Xã, Thị trấn)") if self.old else _("ghi rõ tỉnh hoặc loại (Xã, Phường)")
            raise Unplaced(
                _("không rõ: có %(count)s đơn vị trùng tên «%(name)s»%(where)s (%(places)s), %(hint)s.")
                % {"count": len(candidates), "name": commune, "where": where, "places": places, "hint": hint},
                candidates,
                near=False,
            )
        return candidates[0]

    def _city_of_the_centre(self, district: str, province: str) -> bool:
        """ "Thành phố Hà Nội" under a list's headings reads like a district ("Thành phố Lạng Sơn" is one)
        but names a province: it is one when no district of the name is where the list puts it."""
        if not self._named(Unit.Level.PROVINCE, district):
            return False
        if not self.old:
            return True  # no districts after the reform
        provinces = self._named(Unit.Level.PROVINCE, province) if province else []
        within = provinces[0] if len(provinces) == 1 else None
        return not self._named(Unit.Level.DISTRICT, district, within)

    def describe(self, unit: Unit) -> str:
        """ "Xã A Một, Huyện Một" : the unit and the unit above it."""
        parent = self.parent_of(unit)
        return f"{unit.name}, {parent.name}" if parent else unit.name

    def district_name(self, unit: Unit) -> str:
        parent = self.parent_of(unit)
        return parent.name if parent and parent.level == Unit.Level.DISTRICT else ""

    def province_name(self, unit: Unit) -> str:
        # The root of the path is the province.
        province = self.by_id.get(int(unit.path.strip("/").split("/")[0]))
        return province.name if province else ""


def villages_by_name(communes: set[int], *, lock: bool = False) -> dict[int, dict[str, Village]]:
    """The villages of these communes, by commune and search name (one query)."""
    villages = Village.objects.filter(commune_id__in=communes)
    if lock:
        villages = villages.select_for_update()
    found: dict[int, dict[str, Village]] = defaultdict(dict)
    for village in villages:
        found[village.commune_id][village.search_name] = village
    return found


def find_village(villages: dict[str, Village], name: str) -> Village | None:
    return next((villages[key] for key in name_keys(name) if key in villages), None)


def example_place(*, old: bool) -> tuple[str, str, str, str]:
    """A commune of the portal's province for template rows: (name, kind, district, province)."""
    period = _period(old)
    province = Unit.objects.filter(period, level=Unit.Level.PROVINCE, code=settings.PORTAL_PROVINCE_CODE).first()
    commune = (
        Unit.objects.filter(period, level=Unit.Level.COMMUNE, path__startswith=province.path)
        .select_related("parent")
        .order_by("code")
        .first()
        if province
        else None
    )
    if commune is None:
        # Lạng Sơn's commune 06001 has this name before and after the reform.
        return "Đoàn Kết", str(Unit.Kind.XA.label), "Tràng Định" if old else "", "Lạng Sơn"
    district = commune.parent.short_name if commune.parent.level == Unit.Level.DISTRICT else ""
    return commune.short_name, commune.get_kind_display(), district, province.short_name
