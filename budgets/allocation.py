"""Sharing a pool of money among units in proportion to their coefficients (hệ số K).

Pure functions, no ORM. Money is whole đồng (`int`), coefficients are exact numbers
(`Decimal`, `Fraction` or `int`); nothing goes through a float.

The method
----------
1. Proportional share. Unit i's share is pool × Kᵢ / ΣK, kept as an exact fraction.

2. Floors and ceilings (optional, per unit). Each unit's target becomes
   clamp(λ·Kᵢ, floorᵢ, ceilingᵢ), with the one rate λ at which the targets add up to the
   pool. So a unit is held at its floor (or ceiling) exactly when λ·Kᵢ, its share at the
   rate the free units get, falls below (or above) that bound; the pool left after the
   held units is shared among the free ones in proportion to K. This is the stable
   point of "clamp the units out of bounds, re-share the rest, repeat", but found
   directly: the sum of the targets only changes slope at the breakpoints
   λ = boundᵢ / Kᵢ, so one sorted sweep over them yields λ exactly. The naive repeat
   loop never releases a unit it has clamped, and can leave a unit at its ceiling while
   floors elsewhere have since shrunk what is left below that ceiling.

3. Rounding to the chosen unit (1 đ, 1.000 đ, 1.000.000 đ) by the largest remainder
   (Hamilton) method: each free unit gets its target rounded down to the unit; the
   leftover, a whole number of units, goes one unit each to the largest remainders;
   equal remainders go to the smaller key first (keys compare as strings). Held units
   get their bound, which is a multiple of the unit. So the parts add up to the pool to
   the last đồng, each differs from its target by less than one unit, and the result
   depends only on the inputs, not on their order.

Cost: O(n log n), in integers (coefficients are scaled to whole numbers by their common
denominator); about 0.1 s for the 10,051 pre-2025 communes, most of it building the
exact fractions reported with each share.
"""

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Literal, NamedTuple

from django.utils.translation import gettext as _

from p135portal.numbers import group_thousands

Bound = Literal["floor", "ceiling"]
Coefficient = Decimal | Fraction | int


class AllocationError(ValueError):
    """Inputs that cannot be allocated; `str(error)` is a Vietnamese message for the user."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class Share(NamedTuple):
    """One unit's part, with what a preview or an annex shows beside it.

    `exact` is the unit's target before rounding (after floors and ceilings);
    `proportional` is pool × K / ΣK, before floors and ceilings.
    """

    key: str
    coefficient: Coefficient
    exact: Fraction
    amount: int
    bound: Bound | None
    proportional: Fraction


def allocate(
    *,
    pool: int,
    coefficients: Mapping[str, Coefficient],
    unit: int = 1,
    floors: Mapping[str, int] | None = None,
    ceilings: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """The amount of each unit, by key in ascending order; see the module docstring."""
    shares = allocate_with_details(pool=pool, coefficients=coefficients, unit=unit, floors=floors, ceilings=ceilings)
    return {share.key: share.amount for share in shares}


def allocate_with_details(
    *,
    pool: int,
    coefficients: Mapping[str, Coefficient],
    unit: int = 1,
    floors: Mapping[str, int] | None = None,
    ceilings: Mapping[str, int] | None = None,
) -> list[Share]:
    """Each unit's share of `pool`, in ascending key order; see the module docstring.

    Raises AllocationError (a ValueError with a `code`) when the inputs are invalid or the
    floors and ceilings cannot be met.
    """
    unit = _rounding_unit(unit)
    whole_pool = _whole_dong(pool)
    if whole_pool is None:
        raise AllocationError(
            _("Tổng số vốn cần phân bổ phải là một số nguyên đồng (nhận được %(pool)s).") % {"pool": pool},
            code="invalid_amount",
        )
    pool = whole_pool
    if pool < 0:
        raise AllocationError(
            _("Tổng số vốn cần phân bổ không được âm (nhận được %(pool)s).") % {"pool": _dong(pool)},
            code="negative_pool",
        )
    if pool % unit:
        raise AllocationError(
            _("Tổng số vốn cần phân bổ (%(pool)s) phải là bội số của đơn vị làm tròn %(unit)s.")
            % {"pool": _dong(pool), "unit": _dong(unit)},
            code="pool_not_multiple_of_unit",
        )
    keys = _keys(coefficients)
    weights = _weights(coefficients, keys)
    lows = _bounds(floors, keys, unit, _("Mức tối thiểu"))
    highs = _bounds(ceilings, keys, unit, _("Mức tối đa"))
    _check_feasible(pool, keys, lows, highs)

    floor_of = [lows.get(key, 0) for key in keys]
    ceiling_of = [highs.get(key) for key in keys]
    # The rate λ = num / den per unit of (scaled) weight; each unit compares λ·weight
    # with its bounds in integers, and is free when it lies within them (bounds included).
    num, den = _clearing_rate(pool, weights, floor_of, ceiling_of)
    clamped: list[Bound | None] = []
    for weight, low, high in zip(weights, floor_of, ceiling_of, strict=True):
        if num * weight < low * den:
            clamped.append("floor")
        elif high is not None and num * weight > high * den:
            clamped.append("ceiling")
        else:
            clamped.append(None)

    # Free units' targets are num·wᵢ / den; in units of rounding that is
    # num·wᵢ // (den·unit) with a remainder over the common denominator den·unit.
    amounts = [0] * len(keys)
    remainders: list[tuple[int, str, int]] = []
    leftover = pool
    for i, (weight, bound) in enumerate(zip(weights, clamped, strict=True)):
        if bound is None:
            whole, remainder = divmod(num * weight, den * unit)
            amounts[i] = whole * unit
            if remainder:
                remainders.append((-remainder, keys[i], i))
        else:
            amounts[i] = floor_of[i] if bound == "floor" else ceiling_of[i]
        leftover -= amounts[i]
    # The leftover is a whole number of units, fewer than the units with a remainder.
    remainders.sort()
    for _remainder, _key, i in remainders[: leftover // unit]:
        amounts[i] += unit

    total_weight = sum(weights)
    return [
        Share(
            key=key,
            coefficient=coefficients[key],
            exact=Fraction(num * weight, den) if bound is None else Fraction(amount),
            amount=amount,
            bound=bound,
            proportional=Fraction(pool * weight, total_weight),
        )
        for key, weight, amount, bound in zip(keys, weights, amounts, clamped, strict=True)
    ]


def _clearing_rate(pool: int, weights: list[int], floors: list[int], ceilings: list[int | None]) -> tuple[int, int]:
    """λ as (num, den) with Σ clamp(λ·wᵢ, floorᵢ, ceilingᵢ) = pool; inputs already feasible.

    g(λ) = Σ clamp(λ·wᵢ, …) starts at Σ floors for λ = 0 and is piecewise linear: a unit
    leaves its floor at floorᵢ/wᵢ and reaches its ceiling at ceilingᵢ/wᵢ. Walk those
    breakpoints in order, keeping g(λ) = held + λ·free_weight on the current piece, until
    the piece where g reaches the pool.
    """
    held = sum(floors)
    if held == pool:
        return 0, 1
    free_weight = 0
    # Breakpoints b/w sorted by an exact integer key: distinct fractions with
    # denominators ≤ W differ by at least 1/W², so ⌊b·W²/w⌋ keeps their order and ties.
    scale = max(weights) ** 2
    events: list[tuple[int, int, int]] = []
    for i, (weight, low, high) in enumerate(zip(weights, floors, ceilings, strict=True)):
        if low:
            events.append((low * scale // weight, 0, i))
        else:
            free_weight += weight
        if high is not None:
            events.append((high * scale // weight, 1, i))
    events.sort()
    for _at, is_ceiling, i in events:
        bound = ceilings[i] if is_ceiling else floors[i]
        # g at this breakpoint (bound / weight) reaches the pool: λ lies on the current piece.
        if held * weights[i] + bound * free_weight >= pool * weights[i]:
            break
        if is_ceiling:
            held += bound
            free_weight -= weights[i]
        else:
            held -= bound
            free_weight += weights[i]
    # Some unit is free here: g was below the pool at the previous breakpoint and reaches it now.
    return pool - held, free_weight


def _rounding_unit(unit: int) -> int:
    if not _is_int(unit) or unit <= 0:
        raise AllocationError(
            _("Đơn vị làm tròn phải là một số nguyên dương đồng (nhận được %(unit)s).") % {"unit": unit},
            code="invalid_unit",
        )
    return int(unit)


def _whole_dong(value: int | Decimal) -> int | None:
    """The value as an int if it is a whole number of đồng, else None.

    Amounts may come from a DecimalField(decimal_places=0) as well as a BigIntegerField.
    """
    if _is_int(value):
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None


def _keys(coefficients: Mapping[str, Coefficient]) -> list[str]:
    if not coefficients:
        raise AllocationError(_("Chưa có đơn vị nào để phân bổ."), code="no_units")
    for key in coefficients:
        if not isinstance(key, str) or not key:
            raise AllocationError(
                _("Mã đơn vị không hợp lệ: %(key)s (phải là chuỗi, ví dụ “06184”).") % {"key": repr(key)},
                code="invalid_key",
            )
    return sorted(coefficients)


def _weights(coefficients: Mapping[str, Coefficient], keys: list[str]) -> list[int]:
    """The coefficients as whole numbers in the same proportions (scaled by their common denominator)."""
    ratios = []
    for key in keys:
        value = coefficients[key]
        exact = _is_int(value) or isinstance(value, Fraction) or (isinstance(value, Decimal) and value.is_finite())
        if not exact:
            raise AllocationError(
                _("Hệ số K của đơn vị %(key)s không hợp lệ: %(value)s.") % {"key": key, "value": value},
                code="invalid_coefficient",
            )
        if value <= 0:
            raise AllocationError(
                _("Hệ số K của đơn vị %(key)s phải lớn hơn 0 (nhận được %(value)s).") % {"key": key, "value": value},
                code="coefficient_not_positive",
            )
        ratios.append(value.as_integer_ratio())
    denominator = lcm(*(d for _n, d in ratios))
    return [n * (denominator // d) for n, d in ratios]


def _bounds(bounds: Mapping[str, int] | None, keys: list[str], unit: int, what: str) -> dict[str, int]:
    if not bounds:
        return {}
    known = set(keys)
    checked = {}
    for key, value in bounds.items():
        if key not in known:
            raise AllocationError(
                _("%(what)s được đặt cho đơn vị %(key)s, nhưng đơn vị này không có trong danh sách phân bổ.")
                % {"what": what, "key": key},
                code="unknown_unit",
            )
        amount = _whole_dong(value)
        if amount is None or amount < 0 or amount % unit:
            raise AllocationError(
                _("%(what)s của đơn vị %(key)s (%(amount)s) phải là số nguyên đồng không âm, bội số của %(unit)s.")
                % {"what": what, "key": key, "amount": value if amount is None else _dong(amount), "unit": _dong(unit)},
                code="invalid_bound",
            )
        checked[key] = amount
    return checked


def _check_feasible(pool: int, keys: list[str], floors: dict[str, int], ceilings: dict[str, int]) -> None:
    for key, floor in floors.items():
        if key in ceilings and floor > ceilings[key]:
            raise AllocationError(
                _("Mức tối thiểu của đơn vị %(key)s (%(floor)s) lớn hơn mức tối đa (%(ceiling)s).")
                % {"key": key, "floor": _dong(floor), "ceiling": _dong(ceilings[key])},
                code="floor_above_ceiling",
            )
    floors_total = sum(floors.values())
    if floors_total > pool:
        raise AllocationError(
            _(
                "Không thể phân bổ: tổng các mức tối thiểu (%(floors)s) lớn hơn tổng số vốn cần phân bổ (%(pool)s). "
                "Hãy giảm mức tối thiểu hoặc tăng số vốn."
            )
            % {"floors": _dong(floors_total), "pool": _dong(pool)},
            code="floors_above_pool",
        )
    # A unit without a ceiling can take any amount, so only a ceiling on every unit can fall short.
    if len(ceilings) == len(keys) and sum(ceilings.values()) < pool:
        raise AllocationError(
            _(
                "Không thể phân bổ hết: tổng các mức tối đa (%(ceilings)s) nhỏ hơn tổng số vốn cần phân bổ "
                "(%(pool)s). Hãy tăng mức tối đa hoặc giảm số vốn."
            )
            % {"ceilings": _dong(sum(ceilings.values())), "pool": _dong(pool)},
            code="ceilings_below_pool",
        )


def _is_int(value: object) -> bool:
    # int subclasses such as IntegerChoices members are whole numbers too; True is not.
    return isinstance(value, int) and not isinstance(value, bool)


def _dong(amount: int) -> str:
    return f"{group_thousands(amount)} đ"
