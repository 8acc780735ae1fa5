"""Cached figures stay correct after every write: any write statement on the portal's data, by the
ORM, by a bulk update or by raw SQL, changes the data version their cache key holds."""

from django.db import connection

from communes.models import Unit
from p135portal.freshness import data_version, fresh
from tests.conftest import PASSWORD


def test_every_kind_of_write_changes_the_data_version(units):
    versions = [data_version()]
    Unit.objects.filter(pk=units["commune_a1"].pk).update(name="Xã A Một Mới")  # no save(), no signal
    versions.append(data_version())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE communes_unit SET short_name = 'A' WHERE id = %s", [units["commune_a1"].pk])
    versions.append(data_version())
    units["commune_b1"].delete()
    versions.append(data_version())
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE budgets_criterion")
    versions.append(data_version())
    assert len(set(versions)) == 5
    assert data_version() == versions[-1]  # reading changes nothing


def test_a_value_is_computed_once_until_the_data_changes(units):
    calls = []

    def count_units():
        calls.append(1)
        return Unit.objects.count()

    first = fresh("units", count_units)
    assert fresh("units", count_units) == first and len(calls) == 1
    Unit.objects.filter(pk=units["commune_b1"].pk).delete()
    assert fresh("units", count_units) == first - 1 and len(calls) == 2


def test_a_kept_list_costs_no_query_of_its_own_and_shows_a_change_at_once(client, staff, units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff)
    first = client.get("/don-vi/danh-sach/")
    with CaptureQueriesContext(connection) as kept:
        again = client.get("/don-vi/danh-sach/")
    assert "Xã A Một" in first.text and "Xã A Một" in again.text
    # the session, the user, the data version and the kept part: none of the list's own queries
    assert len(kept.captured_queries) == 4, [query["sql"][:80] for query in kept.captured_queries]
    Unit.objects.filter(pk=units["commune_a1"].pk).update(name="Xã A Một Đổi Tên")
    assert "Xã A Một Đổi Tên" in client.get("/don-vi/danh-sach/").text


def test_each_reader_gets_the_part_of_their_own_scope(client, staff, officer, other_officer, units):
    for user in (staff, officer, other_officer):  # the same address, one after another
        client.force_login(user)
        page = client.get("/don-vi/danh-sach/").text
        assert ("Xã A Một" in page) == (user != other_officer)
        assert ("Xã B Một" in page) == (user != officer)


def test_a_part_holding_a_form_that_posts_is_never_kept(rf, staff):
    from django.template import RequestContext, Template

    template = Template("{% load fresh %}{% fresh %}<form method='post'>{% csrf_token %}</form>{% endfresh %}")
    outputs = []
    for _ in range(2):
        request = rf.get("/trang/")
        request.user = staff
        outputs.append(template.render(RequestContext(request)))
    assert "csrfmiddlewaretoken" in outputs[0] and outputs[0] != outputs[1]  # each its own token, rendered anew
    plain = Template("{% load fresh %}{% fresh %}{{ value }}{% endfresh %}")
    request = rf.get("/trang/")
    request.user = staff
    assert plain.render(RequestContext(request, {"value": "một"})) == "một"
    request = rf.get("/trang/")
    request.user = staff
    assert plain.render(RequestContext(request, {"value": "hai"})) == "một"  # kept: no data changed since


def test_signing_in_keeps_what_is_kept_and_a_change_to_a_user_does_not(client, staff):
    from p135portal.models import User

    before = data_version()
    client.post("/dang-nhap/", {"username": staff.username, "password": PASSWORD})
    staff.refresh_from_db()
    assert staff.last_login is not None  # signed in: only last_login was written
    assert data_version() == before
    User.objects.filter(pk=staff.pk).update(unit=None, role="leader")
    assert data_version() != before


def test_new_code_keeps_nothing_the_previous_code_rendered(rf, staff, monkeypatch):
    from django.template import RequestContext, Template

    import p135portal.freshness as freshness

    plain = Template("{% load fresh %}{% fresh %}{{ value }}{% endfresh %}")

    def render(value: str) -> str:
        request = rf.get("/trang/")
        request.user = staff
        return plain.render(RequestContext(request, {"value": value}))

    assert render("một") == "một" and render("hai") == "một"  # kept
    monkeypatch.setattr(freshness, "code_version", lambda: "ban-moi")  # a deployment: other templates, code
    assert render("hai") == "hai"
