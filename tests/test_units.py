"""The unit tree and the loading of a province's official units."""

from communes.models import Unit
from communes.services import units_load
from tests.conftest import make_unit


def test_a_unit_path_holds_its_ancestors(units):
    commune = units["commune_a1"]
    assert commune.path == f"/{units['province'].pk}/{units['district_one'].pk}/{commune.pk}/"
    assert [unit.name for unit in commune.ancestors()] == ["Tỉnh Thử nghiệm", "Huyện Một"]


def test_moving_a_unit_carries_its_subtree(units):
    district = units["district_one"]
    district.parent = units["new_province"]
    district.save()
    moved = Unit.objects.get(pk=units["commune_a2"].pk)
    assert moved.path == f"/{units['new_province'].pk}/{district.pk}/{moved.pk}/"
    assert set(Unit.objects.under(units["province"]).values_list("name", flat=True)) == {
        "Tỉnh Thử nghiệm",
        "Huyện Hai",
        "Xã B Một",
    }


def test_a_code_is_unique_per_level_and_period(units):
    import pytest
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_unit("90001", "Xã Trùng", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])


def test_loading_langson_brings_both_systems_their_lineage_and_a_second_run_changes_nothing(db):
    counts = units_load(province_codes={"20"})
    assert counts == {
        "old_province_created": 1,
        "new_province_created": 1,
        "old_district_created": 11,
        "old_commune_created": 194,
        "new_commune_created": 65,
        "lineage_created": 196,
    }
    old = Unit.objects.get(level="commune", code="06184", valid_until__isnull=False)
    new = Unit.objects.get(level="commune", code="06184", valid_until__isnull=True)
    assert (old.name, old.parent.name, old.kind) == ("Thị trấn Đồng Đăng", "Huyện Cao Lộc", "thi_tran")
    assert (new.name, new.parent.name, new.kind) == ("Xã Đồng Đăng", "Tỉnh Lạng Sơn", "xa")
    assert Unit.objects.get(level="district", code="180").name == "Huyện Tràng Định"
    assert Unit.objects.filter(name="Xã Bắc Sơn", valid_until__isnull=True).exists()

    # From the new commune back to the old ones it was formed from, and forward again.
    predecessors = {link.old.name for link in new.predecessor_links.select_related("old")}
    assert predecessors == {"Thị trấn Đồng Đăng", "Xã Bảo Lâm", "Xã Hồng Phong", "Xã Thụy Hùng", "Xã Phú Xá"}
    assert [link.new for link in old.successor_links.select_related("new")] == [new]

    assert units_load(province_codes={"20"}) == {}
    assert Unit.objects.count() == 272


def test_the_unit_page_links_the_unit_of_the_other_system_with_the_same_code(client, staff, units):
    client.force_login(staff)
    page = client.get(units["commune_a1"].get_absolute_url()).text
    assert "Cùng mã từ 01/07/2025" in page
    assert units["new_commune"].get_absolute_url() in page


def test_the_unit_page_issues_a_bounded_number_of_queries(client, staff, units, django_assert_max_num_queries):
    for number in range(300):
        make_unit(f"{91000 + number}", f"Xã Thêm {number}", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_one"])
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        response = client.get(units["district_one"].get_absolute_url())
    assert "Xã Thêm 299" in response.text
