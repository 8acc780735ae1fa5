"""Demo registry of seed_demo: Lạng Sơn in Chương trình 135, 2016-2020 and 2026-2030.

Real: the communes, the phases, decisions 900/QĐ-TTg and 414/QĐ-UBDT, plan 82/KH-UBND
and the counts that plan gives (133 communes; 121 villages ĐBKK in 35 region-II
communes). Made up, by a seeded random generator so that every run gives the same data:
which communes are on which list, the village names, the yearly figures, and the 2018
review and 2026-2030 decisions, whose summaries start with "[Dữ liệu mẫu]".
"""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from communes.models import (
    REFORM_LAST_OLD_DAY,
    Category,
    Designation,
    LegalDocument,
    Phase,
    Programme,
    Unit,
    Village,
    YearFigures,
)
from communes.services import designation_add, designation_end
from p135portal.models import User
from p135portal.text import clean, search_key

PROVINCE_CODE = "20"  # Lạng Sơn
CITY_DISTRICT = "178"  # Thành phố Lạng Sơn: its few xã stay off the lists
BORDER_DISTRICTS = {"180", "182", "183", "188", "189"}  # Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập
ATK_DISTRICTS = ("181", "185")  # Bình Gia, Bắc Sơn
OFFICER_COMMUNE = "06184"  # Xã Đồng Đăng, the unit of the demo commune officer (p135portal.demo)

COMMUNES_2016 = 133
VILLAGES_2016 = 121
REGION_II_COMMUNES = 35
EXITS_2018 = 5
KV3_2026 = 40
KV2_2026 = 15

COMMUNES_FROM = date(2017, 6, 20)
VILLAGES_FROM = date(2017, 7, 11)
EXIT_ON = date(2018, 12, 31)
FROM_2026 = date(2026, 1, 1)

PHASES = [
    (
        "2016-2020",
        2016,
        2020,
        "Chương trình 135 thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2016-2020",
    ),
    (
        "2021-2025",
        2021,
        2025,
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
        " giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm 2025",
    ),
    (
        "2026-2030",
        2026,
        2030,
        "Giai đoạn I (2026-2030) của Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững"
        " và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026-2035",
    ),
]

DOCUMENTS = {
    "communes_2016": {
        "kind": LegalDocument.Kind.QUYET_DINH,
        "number": "900/QĐ-TTg",
        "issued_on": date(2017, 6, 20),
        "issuer": "Thủ tướng Chính phủ",
        "summary": "Phê duyệt danh sách xã đặc biệt khó khăn, xã biên giới, xã an toàn khu vào diện đầu tư"
        " của Chương trình 135 năm 2017",
    },
    "villages_2016": {
        "kind": LegalDocument.Kind.QUYET_DINH,
        "number": "414/QĐ-UBDT",
        "issued_on": date(2017, 7, 11),
        # As plan 82/KH-UBND cites it.
        "issuer": "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc",
        "summary": "Phê duyệt danh sách thôn đặc biệt khó khăn vào diện đầu tư của Chương trình 135 năm 2017",
    },
    "plan_2018": {
        "kind": LegalDocument.Kind.KE_HOACH,
        "number": "82/KH-UBND",
        "issued_on": date(2018, 5, 3),
        "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "summary": "Triển khai thực hiện dự án nâng cao năng lực cho cộng đồng và cán bộ cơ sở thuộc Chương trình"
        " 135 trên địa bàn tỉnh Lạng Sơn, giai đoạn 2018-2020",
    },
    "review_2018": {
        "kind": LegalDocument.Kind.QUYET_DINH,
        "number": "2/QĐ-DEMO",
        "issued_on": date(2018, 12, 28),
        "issuer": "Ủy ban Dân tộc",
        "summary": "[Dữ liệu mẫu] Phê duyệt danh sách xã hoàn thành mục tiêu, đưa ra khỏi diện đầu tư của"
        " Chương trình 135 qua rà soát năm 2018 (không phải văn bản thật)",
    },
    "communes_2026": {
        "kind": LegalDocument.Kind.QUYET_DINH,
        "number": "1/QĐ-DEMO",
        "issued_on": date(2025, 12, 15),
        "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "summary": "[Dữ liệu mẫu] Phê duyệt danh sách xã khu vực III, khu vực II giai đoạn 2026-2030 trên địa bàn"
        " tỉnh Lạng Sơn (không phải văn bản thật)",
    },
    "villages_2026": {
        "kind": LegalDocument.Kind.QUYET_DINH,
        "number": "6/QĐ-DEMO",
        "issued_on": date(2026, 2, 27),
        "issuer": "Bộ Dân tộc và Tôn giáo",
        "summary": "[Dữ liệu mẫu] Phê duyệt danh sách thôn đặc biệt khó khăn (kể cả tổ dân phố) vùng đồng bào dân tộc"
        " thiểu số và miền núi giai đoạn 2026-2030 theo Nghị định 272/2025/NĐ-CP (không phải văn bản thật)",
    },
}
VILLAGE_COMMUNES_2026 = 10  # region III communes given thôn ĐBKK in the demo, three each

# Made-up village names in the style of Tày and Nùng place names: a landform (field,
# stream, mouth of a valley, foot of a hill …) and a name.
PLACE_WORDS = ["Nà", "Khuổi", "Pác", "Cốc", "Phai", "Khau", "Lũng", "Pò", "Bó", "Kéo", "Nặm", "Còn"]
NAME_WORDS = [
    "Pàn", "Phục", "Riềng", "Lạn", "Mò", "Slam", "Quang", "Cà", "Khoang", "Tẻo", "Luông", "Lầy", "Mạ",
    "Nưa", "Cáy", "Mỏ", "Ngần", "Sliến", "Hin", "Táng", "Pheo", "Slẳng", "Đon", "Thin", "Vạc",
]  # fmt: skip

THOUSANDTH = Decimal("0.001")


@dataclass
class _Plan:
    """What the seed puts on the lists, chosen from the units alone (not from what is stored)."""

    categories: dict[Unit, list[str]]  # the 133 communes of 900/QĐ-TTg
    exits: list[Unit]  # taken out of ĐBKK after the 2018 review
    villages: dict[Unit, list[tuple[str, str]]]  # the 35 region-II communes → (village name, kind)
    regions_2026: dict[Unit, str]  # new communes → KV III / KV II
    villages_2026: dict[Unit, list[tuple[str, str]]]  # region III communes → their thôn ĐBKK 2026-2030


@transaction.atomic
def seed_registry(*, actor: User) -> Counter:
    """Put Lạng Sơn's demo lists, yearly figures and coefficients into the registry.

    Run after the units of the province are loaded. Idempotent: it creates only what is
    missing and never changes a stored row, so a second run creates nothing and data
    edited in the portal stays as edited. Designations go through the registry services,
    with the same rules as in the portal; `actor` is recorded in the history.
    """
    counts: Counter = Counter()
    rng = random.Random(135)
    old, new = _province_communes()
    plan = _plan(old, new, rng)

    phases = {
        name: _get_or_create(
            Phase,
            counts,
            "phases",
            actor,
            {"name": name},
            {"start_year": start, "end_year": end, "description": text, "programme": _programme(start, end)},
        )
        for name, start, end, text in PHASES
    }
    documents = {
        key: _get_or_create(
            LegalDocument,
            counts,
            "documents",
            actor,
            {"number": fields["number"], "issued_on": fields["issued_on"]},
            {name: value for name, value in fields.items() if name not in ("number", "issued_on")},
        )
        for key, fields in DOCUMENTS.items()
    }
    villages = _villages(plan, counts, actor)

    wanted = []  # (unit, village, phase, category, document, start date)
    for unit, categories in plan.categories.items():
        for category in categories:
            wanted.append((unit, None, "2016-2020", category, "communes_2016", COMMUNES_FROM))
    for commune, names in plan.villages.items():
        for name, _kind in names:
            village = villages[commune.pk, search_key(name)]
            wanted.append((commune, village, "2016-2020", Category.THON_DBKK, "villages_2016", VILLAGES_FROM))
    for unit, category in plan.regions_2026.items():
        wanted.append((unit, None, "2026-2030", category, "communes_2026", FROM_2026))
    for commune, names in plan.villages_2026.items():
        for name, _kind in names:
            village = villages[commune.pk, search_key(name)]
            wanted.append((commune, village, "2026-2030", Category.THON_DBKK, "villages_2026", FROM_2026))

    stored = set(Designation.objects.values_list("unit_id", "village_id", "phase_id", "category"))
    communes_2016 = set()
    for unit, village, phase, category, document, start_date in wanted:
        if (unit.pk, village.pk if village else None, phases[phase].pk, category) in stored:
            continue
        designation_add(
            unit=unit,
            village=village,
            phase=phases[phase],
            category=category,
            document=documents[document],
            start_date=start_date,
            actor=actor,
        )
        if village:
            counts["villages_2016" if phase == "2016-2020" else "villages_2026"] += 1
        elif phase == "2016-2020":
            communes_2016.add(unit.pk)  # a commune may be on the list under two categories
        else:
            counts["communes_2026"] += 1
    counts["communes_2016"] += len(communes_2016)

    for designation in Designation.objects.filter(
        unit__in=plan.exits,
        village=None,
        phase=phases["2016-2020"],
        category=Category.XA_DBKK,
        document=documents["communes_2016"],
        end_date=None,
    ):
        designation_end(designation=designation, end_date=EXIT_ON, end_document=documents["review_2018"], actor=actor)
        counts["exits"] += 1

    _figures(plan, villages, rng, counts, actor)
    return counts


def _province_communes() -> tuple[list[Unit], list[Unit]]:
    """The old (until 30/06/2025) and the new communes of Lạng Sơn, each ordered by code."""
    communes = {}
    for period in (REFORM_LAST_OLD_DAY, None):
        province = Unit.objects.filter(level=Unit.Level.PROVINCE, code=PROVINCE_CODE, valid_until=period).first()
        if province is None:
            raise ValueError("Chưa có đơn vị hành chính của tỉnh Lạng Sơn: hãy nạp đơn vị trước.")
        communes[period] = list(
            Unit.objects.under(province).filter(level=Unit.Level.COMMUNE).select_related("parent").order_by("code")
        )
    return communes[REFORM_LAST_OLD_DAY], communes[None]


def _plan(old: list[Unit], new: list[Unit], rng: random.Random) -> _Plan:
    candidates = [unit for unit in old if unit.kind == Unit.Kind.XA and unit.parent.code != CITY_DISTRICT]
    if len(candidates) < COMMUNES_2016 + REGION_II_COMMUNES:
        raise ValueError("Tỉnh Lạng Sơn chưa có đủ xã để tạo danh sách mẫu: hãy nạp đủ đơn vị trước.")
    # Three xã in four are chosen, so every district (those of the demo officers too) has some.
    rng.shuffle(candidates)
    chosen = sorted(candidates[:COMMUNES_2016], key=lambda unit: unit.code)
    region_two = sorted(candidates[COMMUNES_2016 : COMMUNES_2016 + REGION_II_COMMUNES], key=lambda unit: unit.code)

    atk = set()
    for district in ATK_DISTRICTS:
        atk.update([unit for unit in chosen if unit.parent.code == district][:2])
    categories = {}
    for unit in chosen:
        # About two in five communes of a border district are on the border: about 25,
        # as many as Lạng Sơn has.
        special = []
        if unit.parent.code in BORDER_DISTRICTS and rng.random() < 0.4:
            special.append(Category.XA_BIEN_GIOI)
        if unit in atk:
            special.append(Category.XA_ATK)
        dbkk = not special or rng.random() < 0.7
        categories[unit] = ([Category.XA_DBKK] if dbkk else []) + special
    only_dbkk = [unit for unit, cats in categories.items() if cats == [Category.XA_DBKK]]
    exits = sorted(rng.sample(only_dbkk, EXITS_2018), key=lambda unit: unit.code)

    sizes = [1] * REGION_II_COMMUNES
    for _ in range(VILLAGES_2016 - REGION_II_COMMUNES):
        sizes[rng.randrange(REGION_II_COMMUNES)] += 1
    names = [f"{place} {name}" for place in PLACE_WORDS for name in NAME_WORDS]
    villages = {}
    for commune, size in zip(region_two, sizes, strict=True):
        villages[commune] = [
            (f"Thôn {name}", Village.Kind.THON) if rng.random() < 0.6 else (f"Bản {name}", Village.Kind.BAN)
            for name in rng.sample(names, size)
        ]

    # 2026-2030: new communes first whose code (a new commune reuses one predecessor's
    # code) was a ĐBKK commune still on the list, then other communes on a list, those
    # that left it in 2018 last.
    staying = {unit.code for unit in only_dbkk if unit not in exits}
    left = {unit.code for unit in exits}
    listed = {unit.code for unit in [*chosen, *region_two]}
    ranked = sorted(
        (unit for unit in new if unit.kind == Unit.Kind.XA),
        key=lambda unit: (unit.code not in staying, unit.code in left, unit.code not in listed, unit.code),
    )
    picked = ranked[: KV3_2026 + KV2_2026]
    officer_commune = next(unit for unit in new if unit.code == OFFICER_COMMUNE)
    if officer_commune not in picked:
        picked[-1] = officer_commune
    regions = {
        unit: Category.KHU_VUC_III if index < KV3_2026 else Category.KHU_VUC_II for index, unit in enumerate(picked)
    }
    # Thôn ĐBKK of 2026-2030 on the first region III communes (a made-up list: the ministry's is not in
    # hand), named without the random draw so that the lists above stay as they were; "thôn" includes
    # the tổ dân phố of a commune (NĐ 272/2025/NĐ-CP).
    region_three = sorted((unit for unit, region in regions.items() if region == Category.KHU_VUC_III), key=str)
    villages_2026 = {
        unit: [
            (f"Thôn {PLACE_WORDS[index % 12]} {NAME_WORDS[index % 25]}", Village.Kind.THON),
            (f"Thôn {PLACE_WORDS[(index + 5) % 12]} {NAME_WORDS[(index + 7) % 25]}", Village.Kind.THON),
            (f"Tổ dân phố {PLACE_WORDS[(index + 3) % 12]} {NAME_WORDS[(index + 11) % 25]}", Village.Kind.TO_DAN_PHO),
        ]
        for index, unit in enumerate(region_three[:VILLAGE_COMMUNES_2026])
    }
    return _Plan(
        categories=categories, exits=exits, villages=villages, regions_2026=regions, villages_2026=villages_2026
    )


def _programme(start: int, end: int) -> Programme | None:
    """The programme a phase belongs to (recorded as data by migration 0007)."""
    return Programme.objects.filter(start_year__lte=start, end_year__gte=end).order_by("-start_year").first()


def _get_or_create(model, counts: Counter, key: str, actor: User, lookup: dict, defaults: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj._history_user = actor
        obj.full_clean()
        obj.save()
        counts[key] += 1
    return obj


def _villages(plan: _Plan, counts: Counter, actor: User) -> dict[tuple[int, str], Village]:
    """The villages of the plan by (commune id, search key): those missing are created."""
    lists = {**plan.villages, **plan.villages_2026}  # old communes (2016-2020) and new ones (2026-2030)
    stored = {
        (village.commune_id, village.search_name): village for village in Village.objects.filter(commune__in=lists)
    }
    missing = []
    for commune, names in lists.items():
        for name, kind in names:
            key = (commune.pk, search_key(name))
            if key not in stored:
                # bulk_create skips Village.save(), which derives these.
                village = Village(commune=commune, name=clean(name), kind=kind, search_name=key[1])
                stored[key] = village
                missing.append(village)
    bulk_create_with_history(missing, Village, default_user=actor)
    counts["villages"] += len(missing)
    return stored


def _figures(plan: _Plan, villages: dict[tuple[int, str], Village], rng: random.Random, counts: Counter, actor: User):
    """Figures of 2017 and 2018 for the communes and villages of 2016-2020, of 2026 for the new communes."""
    years = [2017, 2018]
    rows = []
    for unit, categories in plan.categories.items():
        if unit in plan.exits:  # reached the goal in 2018
            rates = [rng.uniform(0.25, 0.30), rng.uniform(0.18, 0.24)]
        elif Category.XA_DBKK in categories:
            rates = _falling(rng, rng.uniform(0.25, 0.60), floor=0.25)
        else:
            rates = _falling(rng, rng.uniform(0.10, 0.30), floor=0.10)
        distance = rng.randint(5, 70)
        for values in _yearly(rng, years=years, population=rng.randint(2000, 9000), rates=rates):
            coefficient, criteria = _coefficient(
                values,
                border=Category.XA_BIEN_GIOI in categories,
                atk=Category.XA_ATK in categories,
                distance=("Khoảng cách đến trung tâm huyện", distance // 10),
            )
            rows.append(YearFigures(unit=unit, **values, coefficient=coefficient, criteria=criteria))

    for commune, names in plan.villages.items():
        distance = rng.randint(5, 70)
        in_villages = 0
        for name, _kind in names:
            village = villages[commune.pk, search_key(name)]
            population = rng.randint(150, 700)
            in_villages += population
            village_distance = distance + rng.randint(0, 8)
            rates = _falling(rng, rng.uniform(0.25, 0.60), floor=0.25)
            for values in _yearly(rng, years=years, population=population, rates=rates):
                coefficient, criteria = _coefficient(
                    values, distance=("Khoảng cách đến trung tâm huyện", village_distance // 10)
                )
                rows.append(
                    YearFigures(unit=commune, village=village, **values, coefficient=coefficient, criteria=criteria)
                )
        # A region-II commune itself has no K: the money of 2016-2020 went to its ĐBKK villages.
        population = max(rng.randint(2000, 9000), in_villages + 1000)
        rates = _falling(rng, rng.uniform(0.10, 0.30), floor=0.10)
        for values in _yearly(rng, years=years, population=population, rates=rates):
            rows.append(YearFigures(unit=commune, **values))

    # A new commune on the border: its code's predecessor was a border commune, or Đồng Đăng (Hữu Nghị gate).
    border = {unit.code for unit, cats in plan.categories.items() if Category.XA_BIEN_GIOI in cats} | {OFFICER_COMMUNE}
    for unit, region in plan.regions_2026.items():
        rate = rng.uniform(0.20, 0.45) if region == Category.KHU_VUC_III else rng.uniform(0.10, 0.20)
        distance = rng.randint(10, 110)
        for values in _yearly(rng, years=[2026], population=rng.randint(8000, 22000), rates=[rate]):
            coefficient, criteria = _coefficient(
                values, border=unit.code in border, distance=("Khoảng cách đến trung tâm tỉnh", distance // 20)
            )
            rows.append(YearFigures(unit=unit, **values, coefficient=coefficient, criteria=criteria))

    stored = set(YearFigures.objects.filter(year__in=[*years, 2026]).values_list("unit_id", "village_id", "year"))
    missing = [row for row in rows if (row.unit_id, row.village_id, row.year) not in stored]
    bulk_create_with_history(missing, YearFigures, default_user=actor)
    counts["figures"] += len(missing)


def _falling(rng: random.Random, rate: float, *, floor: float) -> list[float]:
    """A share of poor households for 2017 and a lower one for 2018: poverty falls a little each year."""
    return [rate, max(floor, rate - rng.uniform(0.02, 0.06))]


def _yearly(rng: random.Random, *, years: list[int], population: int, rates: list[float]) -> list[dict]:
    """Figures of consecutive years: about 4.5 persons a household, population growing a little."""
    persons = rng.uniform(4.2, 4.8)
    near_poor = rng.uniform(0.05, 0.15)
    share = Decimal(rng.uniform(85, 100)).quantize(Decimal("0.01"))
    rows = []
    for year, rate in zip(years, rates, strict=True):
        households = round(population / persons)
        rows.append(
            {
                "year": year,
                "population": population,
                "households": households,
                "poor_households": round(households * rate),
                "near_poor_households": round(households * near_poor),
                "ethnic_minority_share": share,
            }
        )
        population = round(population * rng.uniform(1.004, 1.015))
        near_poor = min(0.15, max(0.05, near_poor + rng.uniform(-0.01, 0.01)))
    return rows


def _coefficient(
    values: dict, *, distance: tuple[str, int], border: bool = False, atk: bool = False
) -> tuple[Decimal, dict[str, float]]:
    """The demo's coefficient K and its criteria: points per criterion, K is their sum.

    Demo scheme only (the budgets app computes K by its own rules):
    - Tỷ lệ hộ nghèo: 3 × the share of poor households (40 % gives 1.2);
    - Dân số: 0.5, plus 0.1 per full 1,000 inhabitants, at most 1.5;
    - Xã biên giới: 0.3; Xã an toàn khu: 0.2;
    - distance: 0.1 per step (`distance` is the criterion's name and the number of full
      steps: 10 km to the district centre until 2025, 20 km to the province centre after).
    """
    label, steps = distance
    points = {
        "Tỷ lệ hộ nghèo": Decimal(3 * values["poor_households"]) / values["households"],
        "Dân số": min(Decimal("1.5"), Decimal("0.5") + Decimal("0.1") * (values["population"] // 1000)),
    }
    if border:
        points["Xã biên giới"] = Decimal("0.3")
    if atk:
        points["Xã an toàn khu"] = Decimal("0.2")
    points[label] = Decimal("0.1") * steps
    points = {name: value.quantize(THOUSANDTH, ROUND_HALF_UP) for name, value in points.items()}
    return sum(points.values(), Decimal(0)), {name: float(value) for name, value in points.items()}


def registry_summary(counts: Counter) -> str:
    """One line for seed_demo: what seed_registry created."""
    parts = []
    if counts["phases"]:
        parts.append(f"{counts['phases']} giai đoạn")
    if counts["documents"]:
        parts.append(f"{counts['documents']} văn bản")
    if counts["villages"]:
        parts.append(f"{counts['villages']} thôn mới")
    if counts["communes_2016"] or counts["villages_2016"]:
        parts.append(f"{counts['communes_2016']} xã và {counts['villages_2016']} thôn giai đoạn 2016-2020")
    if counts["exits"]:
        parts.append(f"{counts['exits']} xã ra khỏi danh sách sau rà soát năm 2018")
    if counts["communes_2026"]:
        parts.append(f"{counts['communes_2026']} xã khu vực III, II giai đoạn 2026-2030")
    if counts["villages_2026"]:
        parts.append(f"{counts['villages_2026']} thôn ĐBKK giai đoạn 2026-2030")
    if counts["figures"]:
        parts.append(f"{counts['figures']} bộ số liệu năm")
    return "Danh mục Chương trình 135: " + (", ".join(parts) or "không thay đổi")
