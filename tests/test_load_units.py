"""load_units: the official units of the whole country, both systems and the lineage."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Concat
from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD
from vietnam_provinces.legacy import Ward as LegacyWard

from communes.models import REFORM_FIRST_NEW_DAY, REFORM_LAST_OLD_DAY, Unit, UnitLineage
from communes.services import units_load
from p135portal.numbers import group_thousands
from tests.conftest import CACHE_QUERIES


def counts_by_level(units) -> dict[str, int]:
    return dict(units.values_list("level").annotate(n=Count("pk")).values_list("level", "n"))


@pytest.mark.slow
def test_it_loads_the_whole_country_in_well_under_a_minute_and_a_second_run_changes_nothing(db, capsys):
    started = time.monotonic()
    call_command("load_units")
    elapsed = time.monotonic() - started
    printed = capsys.readouterr().out

    assert elapsed < 60, f"the first load took {elapsed:.1f} s"
    new = Unit.objects.filter(valid_from=REFORM_FIRST_NEW_DAY, valid_until__isnull=True)
    old = Unit.objects.filter(valid_from__isnull=True, valid_until=REFORM_LAST_OLD_DAY)
    assert counts_by_level(new) == {"province": 34, "commune": 3321}
    assert counts_by_level(old) == {"province": 63, "district": 696, "commune": 10051}
    assert "Từ 01/07/2025: 34 tỉnh (tạo mới 34, cập nhật 0)" in printed
    assert "Từ 01/07/2025: 3.321 xã/phường/đặc khu (tạo mới 3.321, cập nhật 0)" in printed
    assert "Trước 01/07/2025: 63 tỉnh (tạo mới 63, cập nhật 0)" in printed
    assert "Trước 01/07/2025: 696 huyện (tạo mới 696, cập nhật 0)" in printed
    assert "Trước 01/07/2025: 10.051 xã/phường/thị trấn (tạo mới 10.051, cập nhật 0)" in printed

    # Every link of the official table whose old commune is in the old list, and no other.
    legacy_codes = {int(ward.code) for ward in LegacyWard.iter_all()}
    expected = {
        (f"{old_ward.code:05d}", f"{new_code:05d}")
        for new_code, entry in NEW_TO_OLD.items()
        for old_ward in entry.old_wards
        if old_ward.code in legacy_codes
    }
    assert set(UnitLineage.objects.values_list("old__code", "new__code")) == expected
    assert not UnitLineage.objects.filter(Q(old__valid_until__isnull=True) | Q(new__valid_until__isnull=False))
    without_predecessors = new.filter(level="commune", predecessor_links__isnull=True)
    assert {int(code) for code in without_predecessors.values_list("code", flat=True)}.isdisjoint(NEW_TO_OLD)

    # Xã Hồng Quang (Cao Bằng) was split between two new communes: both links say so,
    # and no commune split between several new ones has a link that says otherwise.
    split = UnitLineage.objects.filter(old__code="01615").values_list("new__name", "partial")
    assert set(split) == {("Xã Phục Hòa", True), ("Xã Bế Văn Đàn", True)}
    several = UnitLineage.objects.values("old").annotate(n=Count("new")).filter(n__gt=1).values("old")
    assert UnitLineage.objects.filter(old__in=several).exists()
    assert not UnitLineage.objects.filter(old__in=several, partial=False).exists()

    # Each path is the parent's path followed by the unit's own id.
    own_id = Concat(Cast("pk", CharField()), Value("/"))
    assert not Unit.objects.filter(parent__isnull=True).exclude(path=Concat(Value("/"), own_id)).exists()
    assert not Unit.objects.filter(parent__isnull=False).exclude(path=Concat(F("parent__path"), own_id)).exists()
    assert Unit.history.filter(history_type="+").count() == 14165

    links = UnitLineage.objects.count()
    call_command("load_units")
    printed = capsys.readouterr().out
    assert "Từ 01/07/2025: 3.321 xã/phường/đặc khu (tạo mới 0, cập nhật 0)" in printed
    assert "Trước 01/07/2025: 10.051 xã/phường/thị trấn (tạo mới 0, cập nhật 0)" in printed
    assert printed.count("(tạo mới 0, cập nhật 0") == 6
    assert f"Quan hệ sáp nhập: {group_thousands(links)} (tạo mới 0, cập nhật 0, xóa 0)" in printed
    assert Unit.history.count() == 14165


def test_reloading_a_province_restores_what_was_changed_by_hand_and_drops_a_link_the_source_lacks(db):
    units_load(province_codes={"20"})
    dong_dang = Unit.objects.get(level="commune", code="06184", valid_until__isnull=True)
    dong_dang.name = "Xã Đồng Đăng Mới"
    dong_dang.save()
    link = dong_dang.predecessor_links.get(old__name="Xã Phú Xá")
    link.partial = True
    link.save()
    # Thị trấn Văn Quan went into Xã Văn Quan, not into Đồng Đăng.
    van_quan = Unit.objects.get(name="Thị trấn Văn Quan", valid_until=REFORM_LAST_OLD_DAY)
    stray = UnitLineage.objects.create(old=van_quan, new=dong_dang)

    assert units_load(province_codes={"20"}) == {"new_commune_updated": 1, "lineage_updated": 1, "lineage_deleted": 1}
    dong_dang.refresh_from_db()
    assert (dong_dang.name, dong_dang.search_name) == ("Xã Đồng Đăng", "dong dang")
    assert dong_dang.history.first().history_change_reason.startswith("Nạp danh mục đơn vị hành chính")
    link.refresh_from_db()
    assert not link.partial
    assert not UnitLineage.objects.filter(pk=stray.pk).exists()
    assert units_load(province_codes={"20"}) == {}


def test_a_merged_province_is_linked_to_the_old_provinces_it_absorbed_once_both_are_loaded(db):
    # Hà Giang (02) went into the new Tuyên Quang (08), which has no old namesake to match.
    assert "lineage_created" not in units_load(province_codes={"02"})
    assert not Unit.objects.filter(code="02", valid_until__isnull=True).exists()

    counts = units_load(province_codes={"08"})
    old_ha_giang = Unit.objects.get(level="province", code="02", valid_until=REFORM_LAST_OLD_DAY)
    from_ha_giang = UnitLineage.objects.filter(old__path__startswith=old_ha_giang.path)
    assert from_ha_giang.exists()
    assert set(from_ha_giang.values_list("new__parent__name", flat=True)) == {"Tỉnh Tuyên Quang"}
    assert counts["lineage_created"] == UnitLineage.objects.count()


def test_it_refuses_a_province_code_that_does_not_exist(db):
    with pytest.raises(CommandError, match="99"):
        call_command("load_units", "--province", "99")
    assert not Unit.objects.exists()


@pytest.mark.slow
def test_with_the_whole_country_loaded_the_list_and_a_unit_page_issue_a_few_queries(
    client, db, django_assert_max_num_queries
):
    from django.urls import reverse

    from p135portal.models import Role, User

    call_command("load_units")
    client.force_login(User.objects.create(username="canbo_tinh", role=Role.PROVINCE_STAFF))
    with django_assert_max_num_queries(10 + CACHE_QUERIES):  # the first time: then the list is kept
        response = client.get(reverse("communes:unit_list"))
    assert "Tìm thấy <strong>13.372</strong> xã" in response.text
    with django_assert_max_num_queries(10 + CACHE_QUERIES):
        response = client.get(reverse("communes:unit_list"), {"q": "xã đồng đăng"})
    assert "Xã Đồng Đăng" in response.text
    dong_dang = Unit.objects.get(code="06184", valid_until__isnull=True)
    with django_assert_max_num_queries(14):
        response = client.get(dong_dang.get_absolute_url())
    assert "Hình thành từ 5 đơn vị trước 01/07/2025" in response.text
