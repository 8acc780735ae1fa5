"""Loading the official administrative units, before and after the 2025 reform, in bulk.

The source is the `vietnam-provinces` package (data of the national statistics office):
the two-tier list from 01/07/2025, the three-tier list valid until 30/06/2025 and the table
saying which old communes each new one was formed from.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history
from vietnam_provinces import Province, Ward
from vietnam_provinces import __version__ as SOURCE_VERSION
from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince
from vietnam_provinces.legacy import Ward as LegacyWard

from communes.models import REFORM_FIRST_NEW_DAY, REFORM_LAST_OLD_DAY, Unit, UnitLineage

KINDS = {
    "tỉnh": Unit.Kind.TINH,
    "thành phố trung ương": Unit.Kind.THANH_PHO_TW,
    "huyện": Unit.Kind.HUYEN,
    "quận": Unit.Kind.QUAN,
    "thị xã": Unit.Kind.THI_XA,
    "thành phố": Unit.Kind.THANH_PHO,
    "xã": Unit.Kind.XA,
    "phường": Unit.Kind.PHUONG,
    "thị trấn": Unit.Kind.THI_TRAN,
    "đặc khu": Unit.Kind.DAC_KHU,
}
CODE_WIDTH = {Unit.Level.PROVINCE: 2, Unit.Level.DISTRICT: 3, Unit.Level.COMMUNE: 5}
LEVELS = [Unit.Level.PROVINCE, Unit.Level.DISTRICT, Unit.Level.COMMUNE]  # parents first
# The two systems, by the name used in the counts: (valid_from, valid_until).
PERIODS = {"old": (None, REFORM_LAST_OLD_DAY), "new": (REFORM_FIRST_NEW_DAY, None)}
UPDATED_FIELDS = ["name", "short_name", "search_name", "kind", "parent", "valid_from", "path"]
COMPARED_FIELDS = ["name", "short_name", "search_name", "kind", "parent_id", "valid_from", "path"]  # no FK queries
BATCH = 1000

type UnitKey = tuple[str, str, date | None]  # level, code, valid_until: the unique key


@dataclass(frozen=True)
class _SourceUnit:
    system: str
    level: str
    code: str
    name: str
    kind: str
    parent: UnitKey | None

    @property
    def key(self) -> UnitKey:
        return (self.level, self.code, PERIODS[self.system][1])


def _code(level: str, code: int) -> str:
    text = str(int(code)).zfill(CODE_WIDTH[level])
    if len(text) != CODE_WIDTH[level]:
        raise ValueError(f"{level} code {code} does not fit in {CODE_WIDTH[level]} digits")
    return text


def _source_unit(system: str, level: str, division, parent: UnitKey | None = None) -> _SourceUnit:
    name = division.name
    return _SourceUnit(
        system=system,
        level=level,
        code=_code(level, division.code),
        # The source writes a few names with a lower-case type ("xã Bắc Sơn").
        name=name[:1].upper() + name[1:],
        kind=KINDS[str(division.division_type)],
        parent=parent,
    )


def _source_units(province_codes: set[str] | None) -> list[_SourceUnit]:
    """Every unit of both systems in the source (or in the given provinces), parents first."""
    PROVINCE, DISTRICT, COMMUNE = LEVELS

    def wanted(province_code: int) -> bool:
        return province_codes is None or _code(PROVINCE, province_code) in province_codes

    units = []
    old_provinces = {}
    for province in LegacyProvince.iter_all():
        if wanted(province.code):
            old_provinces[province.code] = _source_unit("old", PROVINCE, province)
    old_districts = {}
    for district in LegacyDistrict.iter_all():
        if district.province_code in old_provinces:
            parent = old_provinces[district.province_code].key
            old_districts[district.code] = _source_unit("old", DISTRICT, district, parent)
    units += old_provinces.values()
    units += (_source_unit("new", PROVINCE, p) for p in Province.iter_all() if wanted(p.code))
    units += old_districts.values()
    units += (
        _source_unit("old", COMMUNE, ward, old_districts[ward.district_code].key)
        for ward in LegacyWard.iter_all()
        if ward.district_code in old_districts
    )
    new_parents = {unit.code: unit.key for unit in units if unit.system == "new"}
    units += (
        _source_unit("new", COMMUNE, ward, new_parents[_code(PROVINCE, ward.province_code)])
        for ward in Ward.iter_all()
        if wanted(ward.province_code)
    )
    return units


def _checked_province_codes(province_codes: Collection[str] | None) -> set[str] | None:
    if province_codes is None:
        return None
    known = {_code(Unit.Level.PROVINCE, p.code) for p in (*LegacyProvince.iter_all(), *Province.iter_all())}
    codes = {str(code).strip().zfill(2) for code in province_codes}
    if unknown := sorted(codes - known):
        raise ValidationError(
            _("Không có tỉnh mã %(codes)s trong danh mục đơn vị hành chính.") % {"codes": ", ".join(unknown)},
            code="unknown_province",
        )
    return codes


def _save_level(
    source: Iterable[_SourceUnit], units: dict[UnitKey, Unit], counts: Counter, reason: str, now: datetime
) -> None:
    """Create and update one level's units; `units` gains the created ones (with ids and paths)."""
    created: list[tuple[str, Unit]] = []
    changed: list[tuple[str, Unit]] = []
    for row in source:
        parent = units[row.parent] if row.parent else None
        valid_from, valid_until = PERIODS[row.system]
        unit = units.get(row.key) or Unit(level=row.level, code=row.code, valid_until=valid_until)
        before = [getattr(unit, field) for field in COMPARED_FIELDS]
        unit.name, unit.kind, unit.parent, unit.valid_from = row.name, row.kind, parent, valid_from
        unit.fill_names()
        if unit.pk is None:
            created.append((row.system, unit))
        else:
            # Also heals a wrong path, and carries a move down: the children come later.
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
            if [getattr(unit, field) for field in COMPARED_FIELDS] != before:
                changed.append((row.system, unit))

    new_units = [unit for _system, unit in created]
    Unit.objects.bulk_create(new_units, batch_size=BATCH)
    # The path holds the unit's own id, known only now: set it, then record the history
    # (bulk_create_with_history would record the rows before their path is known).
    for unit in new_units:
        unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        units[(unit.level, unit.code, unit.valid_until)] = unit
    Unit.objects.bulk_update(new_units, ["path"], batch_size=BATCH)
    Unit.history.bulk_history_create(new_units, batch_size=BATCH, default_change_reason=reason, default_date=now)
    bulk_update_with_history(
        [unit for _system, unit in changed],
        Unit,
        UPDATED_FIELDS,
        batch_size=BATCH,
        default_change_reason=reason,
        default_date=now,
    )
    for action, rows in (("created", created), ("updated", changed)):
        for system, unit in rows:
            counts[f"{system}_{unit.level}_{action}"] += 1


def _load_lineage(loaded: list[_SourceUnit], units: dict[UnitKey, Unit], counts: Counter) -> None:
    """Link each old commune to the new ones it went into, for the loaded communes."""
    commune = Unit.Level.COMMUNE
    old_ids = {key[1]: unit.pk for key, unit in units.items() if key[0] == commune and key[2] == REFORM_LAST_OLD_DAY}
    new_ids = {key[1]: unit.pk for key, unit in units.items() if key[0] == commune and key[2] is None}
    loaded_ids = {units[row.key].pk for row in loaded if row.level == commune}

    # An old commune is partly merged when it went into several new ones, or when the
    # source says so (its other part may have gone to a unit the table does not list).
    successors: dict[int, set[int]] = defaultdict(set)
    flagged = set()
    for new_code, entry in NEW_TO_OLD.items():
        for old in entry.old_wards:
            successors[old.code].add(new_code)
            if old.is_partly_merged:
                flagged.add(old.code)

    wanted: dict[tuple[int, int], bool] = {}
    for new_code, entry in NEW_TO_OLD.items():
        new_id = new_ids.get(_code(commune, new_code))
        for old in entry.old_wards:
            old_id = old_ids.get(_code(commune, old.code))
            # Both ends must be in the database, and one of them loaded now.
            if new_id and old_id and (new_id in loaded_ids or old_id in loaded_ids):
                wanted[(old_id, new_id)] = len(successors[old.code]) > 1 or old.code in flagged

    changed, stale = [], []
    for link in UnitLineage.objects.only("old_id", "new_id", "partial"):
        pair = (link.old_id, link.new_id)
        if pair in wanted:
            partial = wanted.pop(pair)
            if link.partial != partial:
                link.partial = partial
                changed.append(link)
        elif link.old_id in loaded_ids or link.new_id in loaded_ids:
            stale.append(link.pk)
    UnitLineage.objects.bulk_create(
        [UnitLineage(old_id=old_id, new_id=new_id, partial=partial) for (old_id, new_id), partial in wanted.items()],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    UnitLineage.objects.bulk_update(changed, ["partial"], batch_size=BATCH)
    UnitLineage.objects.filter(pk__in=stale).delete()
    counts["lineage_created"] += len(wanted)
    counts["lineage_updated"] += len(changed)
    counts["lineage_deleted"] += len(stale)


@transaction.atomic
def units_load(*, province_codes: Collection[str] | None = None) -> Counter:
    """Load the official units of both systems and the lineage from old communes to new ones.

    `province_codes` (two digits, e.g. {"20"}) limits the load to those provinces, in
    both systems; None loads the whole country. Idempotent: units are matched by level,
    code and period, and a second run changes nothing. Returns how many units were
    created or updated, by system and level ("old_district_created", "new_commune_updated"
    …), and how many lineage links were created, updated or deleted; zero counts are left
    out.
    """
    codes = _checked_province_codes(province_codes)
    source = _source_units(codes)
    units: dict[UnitKey, Unit] = {
        (unit.level, unit.code, unit.valid_until): unit
        for unit in Unit.objects.filter(Q(valid_until=REFORM_LAST_OLD_DAY) | Q(valid_until__isnull=True))
    }
    counts: Counter = Counter()
    reason = _("Nạp danh mục đơn vị hành chính (vietnam-provinces %(version)s)") % {"version": SOURCE_VERSION}
    now = timezone.now()
    for level in LEVELS:
        _save_level((row for row in source if row.level == level), units, counts, reason, now)
    _load_lineage(source, units, counts)
    return +counts
