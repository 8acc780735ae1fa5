"""Background work of the summary: writing a BÁO CÁO tổng hợp (run by manage.py db_worker)."""

from django.tasks import task
from django.utils import timezone

from p135portal.documents import render_docx, render_pdf
from summary.documents import summary_document
from summary.models import SummaryFile
from summary.selectors import Scope, summary


@task
def write_summary(file_id: str) -> None:
    """Gathers the figures in the scope of the person who asked, then renders the document, saving
    the progress after each part so the person waiting sees it move."""
    record = SummaryFile.objects.select_related("requested_by", "unit", "phase").get(pk=file_id)

    def progress(percent: int, step: str) -> None:
        record.status, record.progress, record.step = SummaryFile.Status.RUNNING, percent, step
        record.save(update_fields=["status", "progress", "step"])

    try:
        scope = Scope(record.requested_by, record.year, record.unit, phase=record.phase)
        result = summary(scope, progress=progress)
        progress(70, "Đang dàn trang báo cáo")
        document = summary_document(result, timezone.localdate())
        record.content = render_pdf(document) if record.format == SummaryFile.Format.PDF else render_docx(document)
    except Exception:
        record.status, record.step = SummaryFile.Status.FAILED, "Không tạo được báo cáo; hãy thử lại hoặc báo quản trị."
        record.save(update_fields=["status", "step"])
        raise
    record.status, record.progress, record.step = SummaryFile.Status.DONE, 100, "Đã xong"
    record.finished_at = timezone.now()
    record.save(update_fields=["content", "status", "progress", "step", "finished_at"])
