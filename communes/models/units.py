"""Administrative units of both systems, their lineage across the 2025 reform, and villages."""

from datetime import date

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Collate, Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from p135portal.access import ScopedQuerySet
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
            # The registry list's order (Vietnamese name, then code): its first page of the whole
            # country's 13,372 communes is read from the index instead of sorting them all (41 → 0.1 ms).
            models.Index(Collate("short_name", "vi-VN-x-icu"), F("code"), name="communes_unit_name_order"),
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
