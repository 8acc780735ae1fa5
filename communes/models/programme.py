"""The programme's phases, legal documents, designations of communes and villages, and yearly figures."""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models.units import Unit, Village
from p135portal.access import ScopedQuerySet
from p135portal.fields import CountField
from p135portal.numbers import document_date
from p135portal.storage import GeneratedName
from p135portal.text import clean


class Programme(models.Model):
    """A national programme the office carries out, with its legal basis: Chương trình 135 (to 2020), the
    national target programme for ethnic-minority and mountain areas 2021-2030, the merged national
    target programme 2026-2035 (Nghị quyết 257/2025/QH15). Kept as data, not in code."""

    name = models.CharField(_("tên chương trình"), max_length=300, unique=True)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    basis = models.CharField(
        _("căn cứ"), max_length=300, blank=True, help_text=_("Ví dụ: Nghị quyết số 257/2025/QH15 của Quốc hội")
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["start_year"]

    def __str__(self):
        return self.short_name or self.name

    @classmethod
    def name_in(cls, year: int) -> str:
        """The full name of the programme carried out in `year` (the latest one begun by then), for
        the sentences of documents; a general name where none is recorded."""
        programme = cls.objects.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
        if programme is None:
            return "chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số và miền núi"
        return programme.name


class ProgrammeComponent(models.Model):
    """A component (hợp phần, dự án) of a programme; `office_led` marks those the ethnic-affairs office
    leads (the ethnic-minority and mountain-area component of the merged programme)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="components"
    )
    name = models.CharField(_("tên hợp phần"), max_length=300)
    office_led = models.BooleanField(_("do cơ quan công tác dân tộc chủ trì"), default=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=10)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hợp phần")
        verbose_name_plural = _("hợp phần")
        ordering = ["programme", "position", "name"]

    def __str__(self):
        return self.name


class Phase(models.Model):
    """A phase of a programme (2016-2020, 2021-2025, 2026-2030 …): plans, funds, designations, reports
    and evaluations belong to one, and so do the rules that apply to them."""

    name = models.CharField(_("giai đoạn"), max_length=20, unique=True, help_text=_("Ví dụ: 2021-2025"))
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases",
    )
    description = models.CharField(_("tên đầy đủ của giai đoạn"), max_length=300, blank=True)

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


# Trích yếu that read on from the issuer without "về" ("… của Thủ tướng Chính phủ phê duyệt …").
OWN_OPENINGS = (
    "về ",
    "quy định",
    "phê duyệt",
    "ban hành",
    "hướng dẫn",
    "sửa đổi",
    "bổ sung",
    "giao chỉ tiêu",
    "giao kế hoạch",
    "giao nhiệm vụ",
    "giao dự toán",
    "thành lập",
    "công nhận",
    "triển khai",
)


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
    attachment = models.FileField(_("tệp PDF"), upload_to=GeneratedName("van-ban"), blank=True)

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

    def basis(self) -> str:
        """A "Căn cứ" line: the citation and the trích yếu, as Nghị định 30 documents cite ("Căn cứ
        Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ phê duyệt danh sách …;"). A
        trích yếu that opens with its own verb follows the issuer; any other takes "về"."""
        summary = clean(self.summary).rstrip(" .;")
        if not summary:
            return f"Căn cứ {self.citation()};"
        if summary.lower().startswith(OWN_OPENINGS):
            joined = summary[:1].lower() + summary[1:]
        else:  # "về Chương trình 135 …": a name keeps its capital
            joined = f"về {summary}"
        return f"Căn cứ {self.citation()} {joined};"


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
