"""Sharing a pool among units by their coefficients K: pure functions, no database."""

import random
import time
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db.models import IntegerChoices
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.allocation import AllocationError, allocate, allocate_with_details

ROUNDING_UNITS = [1, 1_000, 1_000_000]
MAX_POOL = 10**13
# Examples are cheap (≤ 60 units); no shared example database, so runs leave no files behind.
PROPERTY = settings(max_examples=200, deadline=None, database=None)

codes = st.one_of(
    st.integers(0, 99_999).map(lambda n: f"{n:05d}"),
    st.tuples(st.integers(0, 99_999), st.integers(1, 40)).map(lambda cv: f"{cv[0]:05d}/{cv[1]}"),
)
coefficient_values = st.one_of(
    st.integers(1, 1_000_000).map(lambda n: Decimal(n).scaleb(-3)),  # 0.001 … 1000.000
    st.sampled_from([Decimal("1"), Decimal("1.5"), Decimal("0.001"), Decimal("1000")]),  # equal K, hence ties
)
coefficient_maps = st.dictionaries(codes, coefficient_values, min_size=1, max_size=60)


@st.composite
def pools(draw):
    unit = draw(st.sampled_from(ROUNDING_UNITS))
    return draw(st.integers(0, MAX_POOL // unit)) * unit, unit


@st.composite
def bounded_problems(draw):
    """Coefficients with random floors and ceilings (multiples of the unit) and a pool they can meet."""
    coefficients = draw(coefficient_maps)
    unit = draw(st.sampled_from(ROUNDING_UNITS))
    scale = draw(st.integers(1, MAX_POOL // unit // 180))
    floors, ceilings = {}, {}
    for key in coefficients:
        floor = draw(st.none() | st.integers(0, scale))
        room = draw(st.none() | st.integers(0, scale))
        if floor is not None:
            floors[key] = floor * unit
        if room is not None:
            ceilings[key] = ((floor or 0) + room) * unit
    lowest = sum(floors.values())
    highest = sum(ceilings.values()) if len(ceilings) == len(coefficients) else lowest + 120 * scale * unit
    pool = draw(st.integers(lowest // unit, highest // unit)) * unit
    return coefficients, unit, pool, floors, ceilings


def exact_share(pool: int, coefficient: Decimal, total: Decimal) -> Fraction:
    return Fraction(pool) * Fraction(coefficient) / Fraction(total)


def shuffled(mapping: dict, permutation: list) -> dict:
    return {key: mapping[key] for key in permutation}


@PROPERTY
@given(coefficients=coefficient_maps, pool_and_unit=pools())
def test_the_parts_add_up_to_the_pool_and_each_is_within_one_unit_of_its_exact_share(coefficients, pool_and_unit):
    pool, unit = pool_and_unit
    amounts = allocate(pool=pool, coefficients=coefficients, unit=unit)

    assert sum(amounts.values()) == pool
    assert set(amounts) == set(coefficients)
    total = sum(coefficients.values())
    for key, amount in amounts.items():
        assert amount >= 0
        assert amount % unit == 0
        assert abs(amount - exact_share(pool, coefficients[key], total)) < unit


@PROPERTY
@given(coefficients=coefficient_maps, pool_and_unit=pools(), data=st.data())
def test_the_result_does_not_depend_on_the_order_of_the_units(coefficients, pool_and_unit, data):
    pool, unit = pool_and_unit
    reordered = shuffled(coefficients, data.draw(st.permutations(list(coefficients))))

    first = allocate_with_details(pool=pool, coefficients=coefficients, unit=unit)
    second = allocate_with_details(pool=pool, coefficients=reordered, unit=unit)

    assert first == second
    assert [share.key for share in first] == sorted(coefficients)


@PROPERTY
@given(coefficients=coefficient_maps, pool_and_unit=pools())
def test_the_extra_units_go_to_the_largest_remainders_and_equal_remainders_to_the_smaller_code(
    coefficients, pool_and_unit
):
    pool, unit = pool_and_unit
    amounts = allocate(pool=pool, coefficients=coefficients, unit=unit)

    total = sum(coefficients.values())
    rounded_up, rounded_down = [], []
    for key, amount in amounts.items():
        exact = exact_share(pool, coefficients[key], total)
        remainder = exact - (exact // unit) * unit
        (rounded_up if amount > exact else rounded_down).append((-remainder, key))
    # Ranked by (larger remainder, smaller code), every unit rounded up comes before every unit rounded down.
    if rounded_up and rounded_down:
        assert max(rounded_up) < min(rounded_down)


@PROPERTY
@given(problem=bounded_problems(), data=st.data())
def test_with_floors_and_ceilings_the_free_units_share_what_the_bounded_ones_leave(problem, data):
    coefficients, unit, pool, floors, ceilings = problem
    shares = allocate_with_details(pool=pool, coefficients=coefficients, unit=unit, floors=floors, ceilings=ceilings)

    assert sum(share.amount for share in shares) == pool
    for share in shares:
        assert share.amount >= 0
        assert share.amount % unit == 0
        assert floors.get(share.key, 0) <= share.amount <= ceilings.get(share.key, pool)
        if share.bound == "floor":
            assert share.amount == floors[share.key]
        if share.bound == "ceiling":
            assert share.amount == ceilings[share.key]

    # One rate λ explains every unit: the free ones get λ·K (to within a unit) and lie within
    # their bounds; a unit is held at its floor only if λ·K is below it, at its ceiling only if above.
    free = [share for share in shares if share.bound is None]
    held_at_floor = [Fraction(floors[s.key]) / Fraction(s.coefficient) for s in shares if s.bound == "floor"]
    held_at_ceiling = [Fraction(ceilings[s.key]) / Fraction(s.coefficient) for s in shares if s.bound == "ceiling"]
    if free:
        remaining = pool - sum(share.amount for share in shares if share.bound)
        rate = Fraction(remaining) / Fraction(sum(share.coefficient for share in free))
        for share in free:
            share_of_what_remains = rate * Fraction(share.coefficient)
            assert abs(share.amount - share_of_what_remains) < unit
            assert floors.get(share.key, 0) <= share_of_what_remains
            assert share.key not in ceilings or share_of_what_remains <= ceilings[share.key]
        assert all(rate < limit for limit in held_at_floor)
        assert all(rate > limit for limit in held_at_ceiling)
    elif held_at_floor and held_at_ceiling:
        assert max(held_at_ceiling) < min(held_at_floor)

    reordered = allocate_with_details(
        pool=pool,
        coefficients=shuffled(coefficients, data.draw(st.permutations(list(coefficients)))),
        unit=unit,
        floors=shuffled(floors, data.draw(st.permutations(list(floors)))),
        ceilings=shuffled(ceilings, data.draw(st.permutations(list(ceilings)))),
    )
    assert reordered == shares


def test_ten_dong_among_three_equal_communes_gives_the_extra_dong_to_the_smallest_code():
    amounts = allocate(pool=10, coefficients={"06187": Decimal(1), "06181": Decimal(1), "06184": Decimal(1)})

    assert amounts == {"06181": 4, "06184": 3, "06187": 3}


def test_it_rounds_to_thousands_of_dong_and_the_parts_still_add_up_to_the_pool():
    coefficients = {"06181": Decimal("1.2"), "06184": Decimal("1.0"), "06187": Decimal("0.8")}

    amounts = allocate(pool=1_000_000_000, coefficients=coefficients, unit=1_000)

    # Exact shares 400.000.000; 333.333.333,3…; 266.666.666,6…: the last has the larger remainder.
    assert amounts == {"06181": 400_000_000, "06184": 333_333_000, "06187": 266_667_000}


def test_a_floor_lifts_a_small_commune_and_the_others_give_up_the_difference():
    coefficients = {"06181": Decimal(1), "06184": Decimal(1), "06187": Decimal("0.1")}
    floors = dict.fromkeys(coefficients, 10_000_000)

    without_floor = allocate(pool=100_000_000, coefficients=coefficients, unit=1_000_000)
    shares = allocate_with_details(pool=100_000_000, coefficients=coefficients, unit=1_000_000, floors=floors)

    assert without_floor == {"06181": 48_000_000, "06184": 47_000_000, "06187": 5_000_000}
    assert [(share.key, share.amount, share.bound) for share in shares] == [
        ("06181", 45_000_000, None),
        ("06184", 45_000_000, None),
        ("06187", 10_000_000, "floor"),
    ]
    assert shares[2].proportional == Fraction(100_000_000, 21)


def test_a_ceiling_holds_only_while_the_units_share_of_what_remains_exceeds_it():
    # At first sight 06181 (K = 3) is above its ceiling and 06184 below its floor; once the
    # floor is paid, 06181's share of what is left is under its ceiling, so it is free.
    shares = allocate_with_details(
        pool=100,
        coefficients={"06181": Decimal(3), "06184": Decimal(1), "06187": Decimal(1)},
        floors={"06184": 50},
        ceilings={"06181": 50},
    )

    assert [(share.key, share.amount, share.bound) for share in shares] == [
        ("06181", 38, None),
        ("06184", 50, "floor"),
        ("06187", 12, None),
    ]
    assert [share.exact for share in shares] == [Fraction("37.5"), 50, Fraction("12.5")]


def test_it_refuses_floors_that_add_up_to_more_than_the_pool():
    coefficients = {"06181": Decimal(1), "06184": Decimal(1), "06187": Decimal(1)}

    with pytest.raises(AllocationError) as refused:
        allocate(pool=20_000_000, coefficients=coefficients, floors=dict.fromkeys(coefficients, 10_000_000))

    assert refused.value.code == "floors_above_pool"
    assert "tổng các mức tối thiểu (30.000.000 đ)" in str(refused.value)
    assert "tổng số vốn cần phân bổ (20.000.000 đ)" in str(refused.value)


def test_it_refuses_ceilings_that_cannot_take_the_whole_pool():
    coefficients = {"06181": Decimal(1), "06184": Decimal(1)}

    with pytest.raises(AllocationError) as refused:
        allocate(pool=30_000_000, coefficients=coefficients, ceilings=dict.fromkeys(coefficients, 10_000_000))

    assert refused.value.code == "ceilings_below_pool"
    assert "tổng các mức tối đa (20.000.000 đ)" in str(refused.value)


@pytest.mark.parametrize("coefficient", [Decimal(0), Decimal("-1.5")])
def test_it_refuses_a_coefficient_that_is_not_positive(coefficient):
    with pytest.raises(AllocationError) as refused:
        allocate(pool=1_000, coefficients={"06181": Decimal(1), "06184": coefficient})

    assert refused.value.code == "coefficient_not_positive"
    assert "Hệ số K của đơn vị 06184 phải lớn hơn 0" in str(refused.value)


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({"pool": 1_500, "unit": 1_000}, "pool_not_multiple_of_unit"),
        ({"pool": -1_000}, "negative_pool"),
        ({"pool": 1_000.0}, "invalid_amount"),
        ({"pool": 1_000, "unit": 0}, "invalid_unit"),
        ({"pool": 1_000, "unit": True}, "invalid_unit"),
        ({"pool": 1_000, "coefficients": {"06181": 0.5}}, "invalid_coefficient"),
        ({"pool": 1_000, "coefficients": {}}, "no_units"),
        ({"pool": 1_000, "floors": {"99999": 0}}, "unknown_unit"),
        ({"pool": 2_000, "unit": 1_000, "floors": {"06181": 500}}, "invalid_bound"),
        ({"pool": 1_000, "floors": {"06181": 600}, "ceilings": {"06181": 500}}, "floor_above_ceiling"),
    ],
)
def test_it_refuses_inputs_that_cannot_be_allocated_as_a_value_error_with_a_code(inputs, code):
    inputs = {"coefficients": {"06181": Decimal(1), "06184": Decimal(2)}, **inputs}

    with pytest.raises(ValueError) as refused:
        allocate(**inputs)

    assert refused.value.code == code


def test_it_takes_whole_dong_stored_as_decimals_and_a_rounding_unit_from_a_choice():
    class Rounding(IntegerChoices):
        THOUSAND = 1_000, "1.000 đ"

    amounts = allocate(
        pool=Decimal(9_000), coefficients={"06181": Decimal(1), "06184": Decimal(2)}, unit=Rounding.THOUSAND
    )

    assert amounts == {"06181": 3_000, "06184": 6_000}
    assert all(type(amount) is int for amount in amounts.values())


def all_pre_2025_communes() -> dict[str, Decimal]:
    """10,051 distinct five-digit codes, each with a random K of 1.000 … 9.999 (the same every run)."""
    rng = random.Random(135)
    codes = rng.sample(range(1, 32_300), 10_051)
    return {f"{code:05d}": Decimal(rng.randint(1_000, 9_999)).scaleb(-3) for code in codes}


def test_it_allocates_across_all_10051_pre_2025_communes_in_well_under_a_second():
    coefficients = all_pre_2025_communes()

    started = time.perf_counter()
    amounts = allocate(pool=123_456_789_000, coefficients=coefficients, unit=1_000)
    elapsed = time.perf_counter() - started

    assert len(amounts) == 10_051
    assert sum(amounts.values()) == 123_456_789_000
    assert elapsed < 1


def test_it_allocates_across_all_10051_communes_with_a_floor_and_a_ceiling_each_in_well_under_a_second():
    coefficients = all_pre_2025_communes()

    started = time.perf_counter()
    shares = allocate_with_details(
        pool=123_456_789_000,
        coefficients=coefficients,
        unit=1_000,
        floors=dict.fromkeys(coefficients, 5_000_000),
        ceilings=dict.fromkeys(coefficients, 20_000_000),
    )
    elapsed = time.perf_counter() - started

    assert sum(share.amount for share in shares) == 123_456_789_000
    assert {share.bound for share in shares} == {"floor", "ceiling", None}
    assert elapsed < 1
