"""seed_demo's registry: Lạng Sơn's lists of plan 82/KH-UBND, figures and the 2026-2030 phase."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from communes.models import (
    REFORM_FIRST_NEW_DAY,
    REFORM_LAST_OLD_DAY,
    Category,
    Designation,
    LegalDocument,
    Phase,
    Village,
    YearFigures,
)
from p135portal.models import User

REGISTRY_MODELS = [Phase, LegalDocument, Village, Designation, YearFigures]


def seed(settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo")


@pytest.mark.slow
def test_the_demo_registry_has_the_lists_of_plan_82_with_figures_and_a_2026_phase(db, settings):
    seed(settings)
    communes_2016 = Designation.objects.filter(
        phase__name="2016-2020", document__number="900/QĐ-TTg", village__isnull=True
    )
    villages_2016 = Designation.objects.filter(
        phase__name="2016-2020", document__number="414/QĐ-UBDT", category=Category.THON_DBKK
    )
    commune_ids = set(communes_2016.values_list("unit_id", flat=True))
    region_two_ids = set(villages_2016.values_list("unit_id", flat=True))
    assert len(commune_ids) == 133
    assert villages_2016.values("village").distinct().count() == 121
    assert len(region_two_ids) == 35
    assert not commune_ids & region_two_ids
    assert all(d.unit.valid_until == REFORM_LAST_OLD_DAY for d in [*communes_2016, *villages_2016])
    assert all(d.village.commune_id == d.unit_id for d in villages_2016.select_related("village"))
    assert {"xa_dbkk", "xa_bien_gioi", "xa_atk"} <= set(communes_2016.values_list("category", flat=True))

    # The 2018 review took a few communes out, by a document marked as demo data.
    ended = communes_2016.filter(end_date__isnull=False)
    assert 1 <= ended.count() <= 10
    assert all(d.end_document.summary.startswith("[Dữ liệu mẫu]") for d in ended)

    figures = {(f.unit_id, f.village_id, f.year): f for f in YearFigures.objects.filter(year__in=[2017, 2018])}
    targets = [(unit_id, None) for unit_id in commune_ids]
    targets += list(villages_2016.values_list("unit_id", "village_id"))
    for unit_id, village_id in targets:
        for year in (2017, 2018):
            row = figures[unit_id, village_id, year]
            assert 4.0 <= row.population / row.households <= 5.0
            assert row.poor_households + row.near_poor_households <= row.households
            assert 85 <= row.ethnic_minority_share <= 100
            assert row.coefficient > 0
            assert sum(Decimal(str(points)) for points in row.criteria.values()) == row.coefficient
    for designation in villages_2016:
        assert 25 <= figures[designation.unit_id, designation.village_id, 2017].poverty_rate <= 60

    # 2026-2030 names new communes only, among them the demo commune officer's.
    designations_2026 = Designation.objects.filter(phase__name="2026-2030").select_related("unit")
    assert designations_2026.count() >= 40
    assert all(d.unit.valid_until is None and d.unit.valid_from == REFORM_FIRST_NEW_DAY for d in designations_2026)
    assert {d.category for d in designations_2026} == {Category.KHU_VUC_III, Category.KHU_VUC_II, Category.THON_DBKK}
    # Thôn ĐBKK of 2026-2030 are villages of new region III communes, tổ dân phố included.
    villages_2026 = designations_2026.filter(category=Category.THON_DBKK).select_related("village")
    assert villages_2026.count() == 30 and {d.village.kind for d in villages_2026} == {"thon", "to_dan_pho"}
    region_three = set(designations_2026.filter(category=Category.KHU_VUC_III).values_list("unit_id", flat=True))
    assert {d.unit_id for d in villages_2026} <= region_three
    assert all(d.document.summary.startswith("[Dữ liệu mẫu]") for d in designations_2026)

    # Every demo officer sees designated communes (and Đồng Đăng its 2026 figures).
    for username in ("huyen.trangdinh", "huyen.binhgia", "huyen.vanlang"):
        officer = User.objects.get(username=username)
        assert communes_2016.visible_to(officer).active(on=date(2018, 6, 1)).exists(), username
    dong_dang = User.objects.get(username="xa.dongdang")
    assert Designation.objects.visible_to(dong_dang).filter(phase__name="2026-2030").exists()
    assert YearFigures.objects.visible_to(dong_dang).filter(year=2026, coefficient__isnull=False).exists()

    actor = User.objects.get(username="bandantoc")
    for model in REGISTRY_MODELS:
        assert set(model.history.values_list("history_user", flat=True)) == {actor.pk}, model.__name__


@pytest.mark.slow
def test_a_second_seed_demo_changes_nothing_in_the_registry(db, settings, capsys):
    seed(settings)
    printed = capsys.readouterr().out
    assert "133 xã và 121 thôn giai đoạn 2016-2020" in printed

    def snapshot():
        """Every row and the number of history records of each registry model."""
        return {
            model.__name__: (model.history.count(), list(model.objects.order_by("pk").values_list()))
            for model in REGISTRY_MODELS
        }

    before = snapshot()
    seed(settings)
    assert snapshot() == before
    assert "Danh mục Chương trình 135: không thay đổi" in capsys.readouterr().out
