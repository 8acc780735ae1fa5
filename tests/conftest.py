"""Personas and a small province shared by every test.

The tree: Tỉnh Thử nghiệm (old system) → Huyện Một (xã A1, A2) and Huyện Hai (xã B1);
and in the new system the same province with Xã Mới. The officer acts for Huyện Một,
the other officer for Huyện Hai.
"""

from datetime import date

import pytest

from communes.models import REFORM_FIRST_NEW_DAY, REFORM_LAST_OLD_DAY, LegalDocument, Phase, Unit
from p135portal.models import Role, User

PASSWORD = "mat-khau-thu-nghiem"

pytest_plugins = ["tests.trainings_fixtures", "tests.browser_fixtures"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploads of a test land in its own temporary folder, never in the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


CACHE_QUERIES = 6  # a cold cached value: the data version, the read, the cache table's count and cull, the write


def home_query_budget() -> int:
    """The most queries the home page may issue the first time: session, user and the page itself,
    at most two per registered home-page provider whatever the number of rows, and the cache of its
    lists (waiting and figures, one cached value; the budget keeps room for two). Served again with
    no write in between: see test_home."""
    from p135portal import home

    return 3 + 2 * (len(home._WAITING) + len(home._FIGURES)) + 2 * CACHE_QUERIES


def make_unit(code: str, name: str, level: str, kind: str, parent: Unit | None = None, new: bool = False) -> Unit:
    return Unit.objects.create(
        code=code,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        valid_from=REFORM_FIRST_NEW_DAY if new else None,
        valid_until=None if new else REFORM_LAST_OLD_DAY,
    )


@pytest.fixture
def units(db):
    province = make_unit("99", "Tỉnh Thử nghiệm", Unit.Level.PROVINCE, Unit.Kind.TINH)
    district_one = make_unit("901", "Huyện Một", Unit.Level.DISTRICT, Unit.Kind.HUYEN, province)
    district_two = make_unit("902", "Huyện Hai", Unit.Level.DISTRICT, Unit.Kind.HUYEN, province)
    new_province = make_unit("99", "Tỉnh Thử nghiệm", Unit.Level.PROVINCE, Unit.Kind.TINH, new=True)
    return {
        "province": province,
        "district_one": district_one,
        "district_two": district_two,
        "commune_a1": make_unit("90001", "Xã A Một", Unit.Level.COMMUNE, Unit.Kind.XA, district_one),
        "commune_a2": make_unit("90002", "Thị trấn A Hai", Unit.Level.COMMUNE, Unit.Kind.THI_TRAN, district_one),
        "commune_b1": make_unit("90003", "Xã B Một", Unit.Level.COMMUNE, Unit.Kind.XA, district_two),
        "new_province": new_province,
        "new_commune": make_unit("90001", "Xã Mới", Unit.Level.COMMUNE, Unit.Kind.XA, new_province, new=True),
    }


def make_user(username: str, role: str, unit: Unit | None = None) -> User:
    user = User(username=username, role=role, unit=unit, last_name="Người", first_name=username)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff(units):
    return make_user("canbo_tinh", Role.PROVINCE_STAFF)


@pytest.fixture
def officer(units):
    return make_user("canbo_huyen_mot", Role.LOCAL_OFFICER, units["district_one"])


@pytest.fixture
def other_officer(units):
    return make_user("canbo_huyen_hai", Role.LOCAL_OFFICER, units["district_two"])


@pytest.fixture
def leader(units):
    return make_user("lanh_dao", Role.LEADER)


@pytest.fixture
def administrator(units):
    return make_user("quan_tri", Role.ADMINISTRATOR)


@pytest.fixture
def outsider(units):
    return make_user("nguoi_ngoai", "")


@pytest.fixture
def personas(staff, officer, other_officer, leader, administrator, outsider):
    return {
        "staff": staff,
        "officer": officer,
        "other_officer": other_officer,
        "leader": leader,
        "administrator": administrator,
        "outsider": outsider,
    }


@pytest.fixture
def phase(db):
    return Phase.objects.create(name="2016-2020", start_year=2016, end_year=2020)


@pytest.fixture
def decision(db):
    return LegalDocument.objects.create(
        kind=LegalDocument.Kind.QUYET_DINH,
        number="900/QĐ-TTg",
        issued_on=date(2017, 6, 20),
        issuer="Thủ tướng Chính phủ",
        summary="Phê duyệt danh sách xã đặc biệt khó khăn",
    )
