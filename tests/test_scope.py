"""What each user sees of the unit tree: scoped querysets and 404 out of scope."""

from django.urls import reverse

from communes.models import Unit


def test_province_roles_see_every_unit(personas, units):
    for persona in ("staff", "leader", "administrator"):
        assert Unit.objects.visible_to(personas[persona]).count() == len(units)


def test_an_officer_sees_their_district_and_its_communes_only(officer, units):
    visible = set(Unit.objects.visible_to(officer).values_list("name", flat=True))
    assert visible == {"Huyện Một", "Xã A Một", "Thị trấn A Hai"}


def test_a_user_without_role_sees_nothing(outsider):
    assert not Unit.objects.visible_to(outsider).exists()


def test_an_officer_opens_a_commune_of_their_district(client, officer, units):
    client.force_login(officer)
    response = client.get(units["commune_a1"].get_absolute_url())
    assert response.status_code == 200
    assert "Xã A Một" in response.text


def test_an_officer_gets_404_for_another_district_even_by_editing_the_url(client, officer, units):
    client.force_login(officer)
    for key in ("district_two", "commune_b1", "province", "new_commune"):
        assert client.get(reverse("communes:unit_detail", args=[units[key].pk])).status_code == 404


def test_an_officer_sees_the_province_above_them_without_a_link(client, officer, units):
    client.force_login(officer)
    response = client.get(units["commune_a1"].get_absolute_url())
    assert "Tỉnh Thử nghiệm" in response.text
    assert units["province"].get_absolute_url() not in response.text
    assert units["district_one"].get_absolute_url() in response.text


def test_the_registry_opens_on_the_officers_own_unit(client, officer, units):
    client.force_login(officer)
    response = client.get(reverse("communes:unit_root"))
    assert response.status_code == 302
    assert response["Location"] == units["district_one"].get_absolute_url()


def test_the_registry_opens_on_the_province_for_province_staff(client, staff, units, settings):
    settings.PORTAL_PROVINCE_CODE = "99"
    client.force_login(staff)
    response = client.get(reverse("communes:unit_root"))
    assert response["Location"] == units["new_province"].get_absolute_url()


def test_the_registry_says_when_no_units_are_loaded(client, staff, settings):
    settings.PORTAL_PROVINCE_CODE = "11"
    client.force_login(staff)
    response = client.get(reverse("communes:unit_root"))
    assert "Chưa có danh mục đơn vị hành chính" in response.text
