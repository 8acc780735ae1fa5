"""Fixtures of the trainings tests: the 2018 plan of the test province under the rules of its phase,
its capacity-building budget and a topic. Registered for every test module by conftest.py."""

from datetime import date

import pytest

from budgets.models import Component, Fund, Source
from communes.models import LegalDocument
from tests import factories
from trainings.models import Rules, Topic


@pytest.fixture
def basis(db):
    return LegalDocument.objects.create(
        kind=LegalDocument.Kind.KE_HOACH,
        number="82/KH-UBND",
        issued_on=date(2018, 5, 3),
        issuer="UBND tỉnh Lạng Sơn",
    )


@pytest.fixture
def rules(phase, basis):
    return Rules.objects.create(phase=phase, legal_basis=basis)


@pytest.fixture
def plan(phase, rules):
    return factories.annual_plan(phase)


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Kỹ năng lập kế hoạch phát triển thôn")


@pytest.fixture
def budget(decision):
    # 1.000.000.000 đồng for capacity building in 2018: study tours may take 100.000.000.
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.CENTRAL, amount=900_000_000, document=decision
    )
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.LOCAL, amount=100_000_000, document=decision
    )
