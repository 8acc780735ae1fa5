from datetime import date

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from p135portal.access import ScopedQuerySet
from p135portal.fields import CountField
from p135portal.numbers import document_date
from p135portal.text import clean, search_key, strip_prefix

# The two-tier reform: old units end on this day, new ones start the day after.
REFORM_LAST_OLD_DAY = date(2025, 6, 30)
REFORM_FIRST_NEW_DAY = date(2025, 7, 1)


class UnitQuerySet(ScopedQuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def under(self, unit: "Unit"):
        """The unit and everything below it: one indexed prefix query."""
        return self.filter(path__startswith=unit.path)

    def under_code(self, level: str, code: str):
        """Everything under the units of `level` with `code`, in both systems (a province
        keeps its code across the reform): one query for their paths, then prefix matches."""
        match = Q(pk__in=[])
        for path in Unit.objects.filter(level=level, code=code).values_list("path", flat=True):
            match |= Q(path__startswith=path)
        return self.filter(match)

    def of_portal_province(self):
        """Everything under the province this portal serves (PORTAL_PROVINCE_CODE), in both systems."""
        return self.under_code(Unit.Level.PROVINCE, settings.PORTAL_PROVINCE_CODE)


class Unit(models.Model):
    """An official administrative unit (tỉnh, huyện, xã) with its national code.

    Units of both systems live in one tree: the three-tier one valid until 30/06/2025 and
    the two-tier one from 01/07/2025, told apart by their validity dates. `path` holds the
    ids from the root down ("/12/345/6789/"), so "everything under this district" is one
    prefix query on an index.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")
        COMMUNE = "commune", _("Cấp xã")

    class Kind(models.TextChoices):
        TINH = "tinh", _("Tỉnh")
        THANH_PHO_TW = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
        HUYEN = "huyen", _("Huyện")
        QUAN = "quan", _("Quận")
        THI_XA = "thi_xa", _("Thị xã")
        THANH_PHO = "thanh_pho", _("Thành phố")
        XA = "xa", _("Xã")
        PHUONG = "phuong", _("Phường")
        THI_TRAN = "thi_tran", _("Thị trấn")
        DAC_KHU = "dac_khu", _("Đặc khu")

    code = models.CharField(_("mã"), max_length=5, help_text=_("Mã hành chính: tỉnh 2 số, huyện 3 số, xã 5 số."))
    name = models.CharField(_("tên"), max_length=100)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=15, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, default="")
    # Derived from name on save: the name without type prefix (sorting) and its folded
    # form (search that ignores case, diacritics, prefix and Unicode normal form).
    short_name = models.CharField(max_length=100, editable=False, default="")
    search_name = models.CharField(max_length=100, editable=False, default="")
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()
    scope = "path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_until"],
                nulls_distinct=False,
                name="communes_unit_unique_code_per_period",
                violation_error_message=_("Đã có đơn vị cùng cấp, cùng mã trong cùng thời kỳ."),
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2,5}$"),
                name="communes_unit_code_digits",
                violation_error_message=_("Mã đơn vị chỉ gồm từ 2 đến 5 chữ số."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=F("valid_until")),
                name="communes_unit_valid_period",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="communes_unit_path", opclasses=["varchar_pattern_ops"]),
            GinIndex(fields=["search_name"], name="communes_unit_search", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_names()
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != old_path:
            # The unit moved (or is new): its subtree follows in one UPDATE.
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
                )
            self.path = new_path

    def get_absolute_url(self):
        return reverse("communes:unit_detail", args=[self.pk])

    def fill_names(self):
        """Normalise the name and derive the sorting and search names (also for bulk loads)."""
        self.name = clean(self.name)
        self.short_name = strip_prefix(self.name)
        self.search_name = search_key(self.name)

    def ancestors(self):
        """The units above this one, from the province down (one query)."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return sorted(Unit.objects.filter(pk__in=ids), key=lambda unit: ids.index(unit.pk))

    @property
    def is_old_system(self) -> bool:
        return self.valid_until is not None and self.valid_until <= REFORM_LAST_OLD_DAY


class UnitLineage(models.Model):
    """An old (pre-2025) commune that went, wholly or partly, into a new commune."""

    old = models.ForeignKey(Unit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successor_links")
    new = models.ForeignKey(
        Unit, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="predecessor_links"
    )
    partial = models.BooleanField(
        _("sáp nhập một phần"), default=False, help_text=_("Đơn vị cũ được chia cho nhiều đơn vị mới.")
    )

    class Meta:
        verbose_name = _("quan hệ sáp nhập")
        verbose_name_plural = _("quan hệ sáp nhập")
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new"],
                name="communes_unitlineage_unique_pair",
                violation_error_message=_("Quan hệ sáp nhập này đã có."),
            ),
        ]

    def __str__(self):
        return f"{self.old} → {self.new}"


class Village(models.Model):
    """A village (thôn, bản, làng, ấp, tổ dân phố) of a commune: villages have no national code."""

    class Kind(models.TextChoices):
        THON = "thon", _("Thôn")
        BAN = "ban", _("Bản")
        LANG = "lang", _("Làng")
        AP = "ap", _("Ấp")
        TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")

    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã"),
        on_delete=models.PROTECT,
        related_name="villages",
        limit_choices_to={"level": Unit.Level.COMMUNE},
    )
    name = models.CharField(_("tên thôn"), max_length=100)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.THON)
    search_name = models.CharField(max_length=100, editable=False, default="")

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = "commune__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("thôn")
        verbose_name_plural = _("thôn, bản")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "search_name"],
                name="communes_village_unique_name_in_commune",
                violation_error_message=_("Xã này đã có một thôn cùng tên."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.commune.get_absolute_url()}#thon-{self.pk}"


class Phase(models.Model):
    """A phase of the programme (2016-2020, 2021-2025, 2026-2030 …)."""

    name = models.CharField(_("giai đoạn"), max_length=20, unique=True, help_text=_("Ví dụ: 2021-2025"))
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    programme = models.CharField(_("chương trình"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lte=F("end_year")),
                name="communes_phase_years_in_order",
                violation_error_message=_("Năm kết thúc phải không trước năm bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communes:phase_list")


class LegalDocument(models.Model):
    """A legal document the portal cites: a decision, decree, circular, plan …"""

    class Kind(models.TextChoices):
        QUYET_DINH = "quyet_dinh", _("Quyết định")
        NGHI_DINH = "nghi_dinh", _("Nghị định")
        NGHI_QUYET = "nghi_quyet", _("Nghị quyết")
        THONG_TU = "thong_tu", _("Thông tư")
        KE_HOACH = "ke_hoach", _("Kế hoạch")
        CONG_VAN = "cong_van", _("Công văn")
        LUAT = "luat", _("Luật")
        KHAC = "khac", _("Văn bản khác")

    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=50, help_text=_("Ví dụ: 900/QĐ-TTg"))
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: Thủ tướng Chính phủ"))
    summary = models.TextField(_("trích yếu"))
    attachment = models.FileField(_("tệp PDF"), upload_to="van-ban/%Y/", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản pháp lý")
        verbose_name_plural = _("văn bản pháp lý")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on"],
                name="communes_legaldocument_unique_number_date",
                violation_error_message=_("Đã có văn bản cùng số, ký hiệu và ngày ban hành."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number} ngày {self.issued_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("communes:document_detail", args=[self.pk])

    def citation(self) -> str:
        """How documents cite it: "Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ"
        (dates as Nghị định 30 writes them: "ngày 02/9/2016")."""
        return f"{self.get_kind_display()} số {self.number} ngày {document_date(self.issued_on)} của {self.issuer}"


class Category(models.TextChoices):
    """Why a commune or a village is in the programme."""

    XA_DBKK = "xa_dbkk", _("Xã ĐBKK")
    XA_BIEN_GIOI = "xa_bien_gioi", _("Xã biên giới")
    XA_ATK = "xa_atk", _("Xã an toàn khu")
    KHU_VUC_I = "kv1", _("Khu vực I")
    KHU_VUC_II = "kv2", _("Khu vực II")
    KHU_VUC_III = "kv3", _("Khu vực III")
    THON_DBKK = "thon_dbkk", _("Thôn ĐBKK")


VILLAGE_CATEGORIES = [Category.THON_DBKK]


class DesignationQuerySet(ScopedQuerySet):
    def active(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class Designation(models.Model):
    """A commune, or a village of it, in a phase of the programme under one category.

    It enters by a legal decision from a date and leaves when a later decision takes it
    out (the yearly review); both stay recorded. For a village, `unit` is its commune,
    so scoping and "communes with ĐBKK villages" need no join through villages.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="designations")
    village = models.ForeignKey(
        Village, verbose_name=_("thôn"), on_delete=models.PROTECT, null=True, blank=True, related_name="designations"
    )
    phase = models.ForeignKey(Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="designations")
    category = models.CharField(_("diện"), max_length=12, choices=Category.choices)
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("theo văn bản"), on_delete=models.PROTECT, related_name="designations"
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    end_document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("đưa ra khỏi danh sách theo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ended_designations",
    )

    history = HistoricalRecords()
    objects = DesignationQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("diện đầu tư")
        verbose_name_plural = _("diện đầu tư")
        ordering = ["phase__start_year", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "village", "phase", "category", "start_date"],
                nulls_distinct=False,
                name="communes_designation_unique",
                violation_error_message=_("Đơn vị này đã được đưa vào diện này từ cùng ngày."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="communes_designation_dates_in_order",
                violation_error_message=_("Ngày ra khỏi danh sách phải không trước ngày vào."),
            ),
            models.CheckConstraint(
                condition=Q(village__isnull=True, category__in=[c for c in Category if c not in VILLAGE_CATEGORIES])
                | Q(village__isnull=False, category__in=VILLAGE_CATEGORIES),
                name="communes_designation_category_fits",
                violation_error_message=_("Diện “Thôn ĐBKK” chỉ dành cho thôn; các diện khác chỉ dành cho xã."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_document__isnull=True) | Q(end_date__isnull=False),
                name="communes_designation_end_needs_date",
                violation_error_message=_("Văn bản đưa ra khỏi danh sách cần có ngày ra."),
            ),
        ]

    def __str__(self):
        return f"{self.village or self.unit}: {self.get_category_display()} ({self.phase})"


class YearFigures(models.Model):
    """A commune's (or one of its villages') figures for a year, with its coefficient K.

    `criteria` keeps what the coefficient was computed from ({"tiêu chí": điểm …}), so
    the budgets app can show and recompute it.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="figures")
    village = models.ForeignKey(
        Village, verbose_name=_("thôn"), on_delete=models.PROTECT, null=True, blank=True, related_name="figures"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    population = CountField(_("số nhân khẩu"))
    households = CountField(_("số hộ"))
    poor_households = CountField(_("số hộ nghèo"))
    near_poor_households = CountField(_("số hộ cận nghèo"))
    ethnic_minority_share = models.DecimalField(_("tỷ lệ hộ dân tộc thiểu số (%)"), max_digits=5, decimal_places=2)
    coefficient = models.DecimalField(_("hệ số K"), max_digits=7, decimal_places=3, null=True, blank=True)
    criteria = models.JSONField(_("tiêu chí tính hệ số"), default=dict, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("số liệu năm")
        verbose_name_plural = _("số liệu năm")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "village", "year"],
                nulls_distinct=False,
                name="communes_yearfigures_unique_year",
                violation_error_message=_("Đơn vị này đã có số liệu của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(households__lte=F("population")),
                name="communes_yearfigures_households_within_population",
                violation_error_message=_("Số hộ không thể lớn hơn số nhân khẩu."),
            ),
            models.CheckConstraint(
                condition=Q(poor_households__lte=F("households") - F("near_poor_households")),
                name="communes_yearfigures_poor_within_households",
                violation_error_message=_("Số hộ nghèo cộng số hộ cận nghèo không thể lớn hơn số hộ."),
            ),
            models.CheckConstraint(
                condition=Q(ethnic_minority_share__gte=0, ethnic_minority_share__lte=100),
                name="communes_yearfigures_share_is_percent",
                violation_error_message=_("Tỷ lệ hộ dân tộc thiểu số phải từ 0 đến 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(coefficient__isnull=True) | Q(coefficient__gt=0),
                name="communes_yearfigures_coefficient_positive",
                violation_error_message=_("Hệ số K phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.village or self.unit} – {self.year}"

    @property
    def poverty_rate(self):
        """Share of poor households, in percent (None without households)."""
        if not self.households:
            return None
        return round(100 * self.poor_households / self.households, 2)
