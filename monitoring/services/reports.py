"""Writes of periodic reports, with their rules: the year's schedule and its due dates (province
office), a unit's submission (its officer), acceptance or return (province office)."""

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

import docx
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from communes.models import Unit
from monitoring.documents.reports import AUTHORING
from monitoring.models import PeriodicReport, ReportAttachment, ReportingRegime, ReportPeriod, ReportSchedule
from monitoring.selectors.reports import is_due
from p135portal.access import Perm, can
from p135portal.audit import save_recorded
from p135portal.documents.types import freeze
from p135portal.excel import MAX_COLUMNS, MAX_UNZIPPED_BYTES
from p135portal.models import Role, User
from p135portal.review import mark_sent, review_accept, review_reopen, review_return
from p135portal.text import clean_multiline

FIRST_YEAR, LAST_YEAR = 2016, 2100
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_REPORT = 5
# What a file must start with (and, for Office files, which part its ZIP must hold) to be taken.
ATTACHMENT_KINDS = {
    ".pdf": (b"%PDF-", None),
    ".xlsx": (b"PK\x03\x04", "xl/workbook.xml"),
    ".docx": (b"PK\x03\x04", "word/document.xml"),
}
FIGURES = ["disbursed", "paid", "classes", "trainees", "poor_households_out"]


def _require_office(actor: User) -> None:
    if not can(actor, Perm.MANAGE_MONITORING):
        raise ValidationError(_("Chỉ cán bộ Ban Dân tộc tỉnh mới làm được việc này."), code="not_office")


# ------------------------------------------------------------------ schedule


@transaction.atomic
def schedule_create(*, year: int, actor: User) -> ReportSchedule:
    """The year's schedule with the periods of the regime in force when each ends (3, 6, 9 months and
    the whole year so far), each due as that regime says (the 15th of the next month so far)."""
    _require_office(actor)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Năm phải từ %(first)s đến %(last)s."), code="bad_year", params={"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if ReportSchedule.objects.select_for_update().filter(year=year).exists():
        raise ValidationError(_("Đã có lịch báo cáo định kỳ năm %(year)s."), code="exists", params={"year": year})
    schedule = ReportSchedule(year=year, created_by=actor)
    try:
        with transaction.atomic():
            save_recorded(schedule, actor)
    except IntegrityError as error:  # created at the same moment by another request
        raise ValidationError(
            _("Đã có lịch báo cáo định kỳ năm %(year)s."), code="exists", params={"year": year}
        ) from error
    regimes = list(ReportingRegime.objects.all())
    for kind in ReportPeriod.Kind:
        end = ReportPeriod.period_end(year, kind)
        regime = ReportingRegime.on(end, regimes)
        if kind not in regime.kinds:
            continue  # the regime in force then has no such period
        period = ReportPeriod(schedule=schedule, kind=kind, ends_on=end, due_on=regime.due_after(end, kind))
        save_recorded(period, actor)
    return schedule


@transaction.atomic
def schedule_set_due_dates(*, schedule: ReportSchedule, due_dates: dict[str, date], actor: User) -> list[ReportPeriod]:
    """Change the due dates of the schedule's periods ({kind: date}); a due date falls between the
    period's last day and the end of the following year."""
    _require_office(actor)
    periods = list(ReportPeriod.objects.select_for_update().filter(schedule=schedule).order_by("ends_on"))
    problems = []
    for period in periods:
        due = due_dates.get(period.kind)
        if due is None:
            continue
        if due < period.ends_on or due.year > period.ends_on.year + 1:
            problems.append(
                ValidationError(
                    _("Hạn nộp báo cáo %(kind)s phải từ ngày %(end)s đến hết năm %(next)s."),
                    code="bad_due_date",
                    params={
                        "kind": period.get_kind_display().lower(),
                        "end": period.ends_on.strftime("%d/%m/%Y"),
                        "next": period.ends_on.year + 1,
                    },
                )
            )
    if problems:
        raise ValidationError(problems)
    changed = []
    for period in periods:
        due = due_dates.get(period.kind)
        if due is not None and due != period.due_on:
            period.due_on = due
            save_recorded(period, actor)
            changed.append(period)
    return changed


# ------------------------------------------------------------------ a unit's report


def attachment_problem(upload: UploadedFile) -> ValidationError | None:
    """Why a file cannot be attached (None: it can): too big, or not really PDF, XLSX or DOCX,
    judged by its first bytes and, for Office files, its content, not by its name alone."""
    name = upload.name or ""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if upload.size > ATTACHMENT_MAX_BYTES:
        return ValidationError(
            _("Tệp “%(name)s” lớn hơn %(limit)s MB."),
            code="too_big",
            params={"name": name, "limit": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
        )
    kind = ATTACHMENT_KINDS.get(extension)
    wrong = ValidationError(
        _("Tệp “%(name)s” không phải tệp PDF, Excel (.xlsx) hay Word (.docx) hợp lệ."),
        code="bad_file",
        params={"name": name},
    )
    if kind is None:
        return wrong
    magic, part = kind
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        return wrong
    if part:
        try:
            with zipfile.ZipFile(upload) as archive:
                if part not in archive.namelist():
                    return wrong
                if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                    return wrong  # a few MB that inflate to gigabytes
        except zipfile.BadZipFile:
            return wrong
        finally:
            upload.seek(0)
    return None if opens(extension, upload) else wrong


def opens(extension: str, upload) -> bool:
    """Does the file open as what its name says: a PDF with pages, a workbook whose first rows read,
    a Word document? Read in memory, bounded by the upload cap; the upload is rewound after."""
    try:
        upload.seek(0)
        data = io.BytesIO(upload.read())
        if extension == ".pdf":
            return len(PdfReader(data).pages) > 0
        if extension == ".xlsx":
            workbook = load_workbook(data, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    for _row in sheet.iter_rows(max_row=20, max_col=MAX_COLUMNS):
                        pass
            finally:
                workbook.close()
            return True
        if extension == ".docx":
            docx.Document(data)
            return True
        return False
    except Exception:  # each library raises its own kinds of errors on a damaged file
        return False
    finally:
        upload.seek(0)


def _figures(figures: dict) -> dict[str, int]:
    values = {}
    for name in FIGURES:
        value = figures.get(name) or 0
        if not isinstance(value, int) or value < 0:
            raise ValidationError(_("Các số liệu phải là số nguyên không âm."), code="bad_figure")
        values[name] = value
    return values


@transaction.atomic
def report_submit(
    *,
    period: ReportPeriod,
    unit: Unit,
    figures: dict,
    narrative: str,
    attachments: Sequence[UploadedFile] = (),
    remove_attachments: Sequence[int] = (),
    actor: User,
    now: datetime | None = None,
) -> PeriodicReport:
    """An officer sends their unit's report for a period, or sends it again after it was returned.

    The figures are those the officer confirmed (the portal fills in what it knows). A report sent
    after the due date is taken and marked late ("nộp muộn"), with the time it came. Sending again,
    the officer may drop files sent before (`remove_attachments`: their ids); the history keeps them.
    """
    now = now or timezone.now()
    if actor.role != Role.LOCAL_OFFICER or actor.unit_id != unit.pk:
        raise ValidationError(_("Chỉ cán bộ của đơn vị mới nộp được báo cáo của đơn vị."), code="not_own_unit")
    if not is_due(period, unit):
        raise ValidationError(
            _("%(unit)s không thuộc diện nộp báo cáo %(period)s."),
            code="not_due_unit",
            params={"unit": unit, "period": str(period).lower()},
        )
    if timezone.localtime(now).date() < period.opens_on:
        raise ValidationError(
            _("Chưa đến kỳ báo cáo: nộp được từ ngày %(day)s."),
            code="not_open",
            params={"day": period.opens_on.strftime("%d/%m/%Y")},
        )
    narrative = clean_multiline(narrative or "")
    if not narrative:
        raise ValidationError(_("Phải có nội dung báo cáo."), code="no_narrative")
    values = _figures(figures)
    # The period's row is locked first: two first submissions of one unit cannot both create a report.
    ReportPeriod.objects.select_for_update().filter(pk=period.pk).first()
    report = PeriodicReport.objects.select_for_update().filter(period=period, unit=unit).first()
    if report is not None and report.status == PeriodicReport.Status.SENT:
        raise ValidationError(_("Báo cáo này đã nộp, đang chờ Ban Dân tộc xem xét."), code="already_submitted")
    if report is not None and report.status == PeriodicReport.Status.ACCEPTED:
        raise ValidationError(_("Báo cáo này đã được chấp nhận, không nộp lại được."), code="already_accepted")
    dropped = list(report.attachments.filter(pk__in=remove_attachments)) if report is not None else []
    if len(dropped) != len(set(remove_attachments)):
        raise ValidationError(_("Tệp cần bỏ không thuộc báo cáo này."), code="wrong_attachment")
    kept = report.attachments.count() - len(dropped) if report is not None else 0
    if kept + len(attachments) > ATTACHMENTS_PER_REPORT:
        raise ValidationError(
            _("Mỗi báo cáo đính kèm tối đa %(limit)s tệp."),
            code="too_many_files",
            params={"limit": ATTACHMENTS_PER_REPORT},
        )
    problems = [problem for upload in attachments if (problem := attachment_problem(upload))]
    if problems:
        raise ValidationError(problems)
    report = report or PeriodicReport(period=period, unit=unit)
    for name, value in values.items():
        setattr(report, name, value)
    report.narrative = narrative
    mark_sent(report, actor=actor, now=now)
    report.late = timezone.localtime(now).date() > period.due_on
    save_recorded(report, actor)
    for attachment in dropped:
        attachment._history_user = actor
        attachment.delete()
    for upload in attachments:
        attachment = ReportAttachment(report=report, name=upload.name[:200], size=upload.size, uploaded_by=actor)
        attachment.file.save(upload.name, upload, save=False)
        attachment._history_user = actor
        attachment.save()
    return report


@transaction.atomic
def report_accept(*, report: PeriodicReport, actor: User) -> PeriodicReport:
    """The province office accepts a sent report; the unit cannot send it again. The report prints
    from then on as it was accepted."""
    report = review_accept(report, actor=actor)
    freeze(AUTHORING, report, actor=actor, note=_("Chấp nhận"))
    return report


def report_return(*, report: PeriodicReport, comment: str, actor: User) -> PeriodicReport:
    """The province office returns a sent report with what must be corrected; the unit sends it again."""
    return review_return(report, comment=comment, actor=actor)


def report_reopen(*, report: PeriodicReport, reason: str, actor: User) -> PeriodicReport:
    """An accepted report goes back to the unit for a recorded reason; the unit sends it again."""
    return review_reopen(report, reason=reason, actor=actor)
