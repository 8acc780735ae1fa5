from collections import Counter
from datetime import date

from django.db import transaction
from vietnam_provinces import Province, ProvinceCode, Ward
from vietnam_provinces.legacy.base import District as LegacyDistrict
from vietnam_provinces.legacy.base import Province as LegacyProvince
from vietnam_provinces.legacy.base import Ward as LegacyWard
from vietnam_provinces.legacy.codes import ProvinceCode as LegacyProvinceCode

from communes.models import (
    REFORM_FIRST_NEW_DAY,
    REFORM_LAST_OLD_DAY,
    Unit,
)

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


def _put(
    counts: Counter,
    *,
    level: str,
    code: int,
    name: str,
    division_type: str,
    parent: Unit | None,
    valid_from: date | None,
    valid_until: date | None,
) -> Unit:
    """Create or update one unit, keyed by level, code and period; counts what changed."""
    fields = {
        # The source writes a few names with a lower-case type ("xã Bắc Sơn").
        "name": name[:1].upper() + name[1:],
        "kind": KINDS[str(division_type)],
        "parent": parent,
        "valid_from": valid_from,
    }
    code_text = str(int(code)).zfill(CODE_WIDTH[level])
    unit = Unit.objects.filter(level=level, code=code_text, valid_until=valid_until).first()
    if unit is None:
        unit = Unit.objects.create(level=level, code=code_text, valid_until=valid_until, **fields)
        counts[f"{level}_created"] += 1
    elif any(getattr(unit, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(unit, key, value)
        unit.save()
        counts[f"{level}_updated"] += 1
    return unit


@transaction.atomic
def units_load_province(*, province_code: str) -> Counter:
    """Load one province's official units, before and after the 1/7/2025 reform.

    Idempotent: a second run changes nothing. Returns how many units of each level were
    created or updated.
    """
    counts: Counter = Counter()
    old = LegacyProvince.from_code(LegacyProvinceCode(int(province_code)))
    old_province = _put(
        counts,
        level=Unit.Level.PROVINCE,
        code=old.code,
        name=old.name,
        division_type=old.division_type,
        parent=None,
        valid_from=None,
        valid_until=REFORM_LAST_OLD_DAY,
    )
    districts = {}
    for district in LegacyDistrict.iter_by_province(old.code):
        districts[district.code] = _put(
            counts,
            level=Unit.Level.DISTRICT,
            code=district.code,
            name=district.name,
            division_type=district.division_type,
            parent=old_province,
            valid_from=None,
            valid_until=REFORM_LAST_OLD_DAY,
        )
    for ward in LegacyWard.iter_by_province(old.code):
        _put(
            counts,
            level=Unit.Level.COMMUNE,
            code=ward.code,
            name=ward.name,
            division_type=ward.division_type,
            parent=districts[ward.district_code],
            valid_from=None,
            valid_until=REFORM_LAST_OLD_DAY,
        )

    new = Province.from_code(ProvinceCode(int(province_code)))
    new_province = _put(
        counts,
        level=Unit.Level.PROVINCE,
        code=new.code,
        name=new.name,
        division_type=new.division_type,
        parent=None,
        valid_from=REFORM_FIRST_NEW_DAY,
        valid_until=None,
    )
    for ward in Ward.iter_by_province(new.code):
        _put(
            counts,
            level=Unit.Level.COMMUNE,
            code=ward.code,
            name=ward.name,
            division_type=ward.division_type,
            parent=new_province,
            valid_from=REFORM_FIRST_NEW_DAY,
            valid_until=None,
        )
    return counts
