"""Cached figures stay correct after every write: any write statement on the portal's data, by the
ORM, by a bulk update or by raw SQL, changes the data version their cache key holds."""

from django.db import connection

from communes.models import Unit
from p135portal.freshness import data_version, fresh


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
