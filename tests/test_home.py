"""The home page each role lands on."""

from django.urls import reverse
from django.utils import timezone

from tests.conftest import home_query_budget, make_unit


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.text


def test_province_staff_see_what_waits_for_them_and_the_province(client, staff, settings):
    settings.PORTAL_PROVINCE_CODE = "99"
    page = home(client, staff)
    assert "Việc đang chờ bạn" in page
    assert "Không có việc nào đang chờ bạn xử lý." in page
    assert "Huyện, thành phố (trước 01/07/2025)" in page


def test_an_officer_sees_their_unit_and_only_its_figures(client, officer):
    page = home(client, officer)
    assert "Bạn phụ trách" in page
    assert "Huyện Một" in page
    # Two communes under Huyện Một; the province has three.
    assert '<div class="figure-value">2</div>' in page
    assert '<div class="figure-value">3</div>' not in page


def test_a_leader_sees_the_headline_figures_of_the_portals_province(client, leader, settings):
    settings.PORTAL_PROVINCE_CODE = "99"
    other = make_unit("98", "Tỉnh Khác", "province", "tinh")
    make_unit("98001", "Xã Ngoài Tỉnh", "commune", "xa", other)  # not counted: another province
    page = home(client, leader)
    assert "Số liệu khác" in page
    assert "Xã, phường, thị trấn (trước 01/07/2025)" in page
    assert '<div class="figure-value">3</div>' in page
    assert "Việc đang chờ bạn" not in page


def test_a_leaders_home_is_the_dashboard_of_this_year_for_the_whole_province(client, leader):
    page = home(client, leader)
    year = timezone.localdate().year
    assert f"Tình hình thực hiện năm {year} – toàn tỉnh" in page
    assert f"Năm {year} chưa có số liệu" in page  # no data yet: said in words, not with zeros
    assert reverse("summary:summary_pdf") in page and reverse("summary:dashboard") in page


def test_the_administrator_sees_accounts_and_locked_logins(client, administrator, staff):
    for _ in range(5):
        client.post(reverse("login"), {"username": staff.username, "password": "sai"})
    page = home(client, administrator)
    assert "Lượt đăng nhập đang bị tạm khóa do nhập sai mật khẩu" in page
    assert "Cán bộ cấp tỉnh" in page
    assert "Trang quản trị" in page


def test_a_user_without_role_is_told_to_ask_for_one(client, outsider):
    page = home(client, outsider)
    assert "chưa được phân vai trò" in page
    assert "Danh mục xã, thôn" not in page


def test_the_navigation_shows_each_role_what_it_can_do(client, personas):
    admin_link = reverse("admin:index")
    assert admin_link in home(client, personas["administrator"])
    for persona in ("staff", "officer", "leader", "outsider"):
        assert f'href="{admin_link}"' not in home(client, personas[persona])


def test_the_home_page_issues_a_bounded_number_of_queries(client, staff, units, django_assert_max_num_queries):
    for number in range(300):
        make_unit(f"{91000 + number}", f"Xã Thêm {number}", "commune", "xa", units["district_one"])
    client.force_login(staff)
    with django_assert_max_num_queries(home_query_budget()):
        client.get(reverse("home"))
    with django_assert_max_num_queries(6):  # nothing written since: session, user, data version, cached lists
        client.get(reverse("home"))
