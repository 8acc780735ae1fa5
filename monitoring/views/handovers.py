"""Beneficiary handovers: the minutes with their households and items, and the follow-up checks."""

from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from monitoring.documents.handovers import AUTHORING
from monitoring.forms.handovers import CheckForm, HandoverFilter, HandoverForm, HouseholdFilter, HouseholdForm, ItemForm
from monitoring.models.handovers import Beneficiary, Handover, SupportItem
from monitoring.selectors.handovers import (
    handover_households,
    handovers_with_totals,
    households_with_totals,
)
from monitoring.services import handovers as services
from p135portal.access import Perm, permission_required
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.documents.types import printed
from p135portal.lists import Column, list_page, money_column, xlsx
from p135portal.pages import error_text, form_page, query_without_page

PAGE_SIZE = 50


# The handover list's columns.
HANDOVER_COLUMNS = [
    Column(gettext_lazy("Ngày"), attrgetter("handed_on"), sort="handed_on"),
    Column(gettext_lazy("Xã"), lambda handover: handover.commune.name, sort="commune__short_name"),
    Column(gettext_lazy("Nội dung"), attrgetter("content"), link=lambda handover: handover.get_absolute_url()),
    Column(gettext_lazy("Số, ký hiệu"), attrgetter("number")),
    Column(gettext_lazy("Số hộ"), attrgetter("household_count"), align="right", sort="household_count"),
    money_column(gettext_lazy("Giá trị (đồng)"), attrgetter("total_value"), sort="total_value"),
    Column(
        gettext_lazy("Hộ vi phạm"),
        attrgetter("breach_count"),
        align="right",
        sort="breach_count",
        badge=lambda handover: "text-bg-danger" if handover.breach_count else "",
    ),
]


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def handover_list(request):
    form = HandoverFilter(request.GET)
    handovers = handovers_with_totals(form.apply(Handover.objects.visible_to(request.user)))
    table = list_page(request, handovers, HANDOVER_COLUMNS, default_order=["-handed_on", "-pk"])
    empty = _("Chưa có đợt bàn giao nào.")
    context = {**table, "form": form, "empty": empty, "query": query_without_page(request)}
    return render(request, "monitoring/handovers_list.html", context)


RESULT_BADGES = {
    Beneficiary.Result.BREACH: "text-bg-danger",
    Beneficiary.Result.KEPT: "text-bg-success",
    "": "text-bg-light border",
}

# The household list's columns: its page and its Excel export read them.
HOUSEHOLD_COLUMNS = [
    Column(gettext_lazy("Chủ hộ"), attrgetter("head_name"), sort="head_name", link=lambda h: h.get_absolute_url()),
    Column(gettext_lazy("Thôn"), lambda household: household.village.name),
    Column(gettext_lazy("Xã"), lambda household: household.handover.commune.name, sort="handover__commune__short_name"),
    Column(gettext_lazy("Diện hộ"), lambda household: household.get_category_display()),
    Column(
        gettext_lazy("Ngày bàn giao"),
        lambda household: household.handover.handed_on,
        sort="handover__handed_on",
        link=lambda household: household.handover.get_absolute_url(),
    ),
    money_column(gettext_lazy("Giá trị nhận (đồng)"), attrgetter("total_value"), sort="total_value"),
    Column(gettext_lazy("Số lần kiểm tra"), attrgetter("check_count"), align="right"),
    Column(
        gettext_lazy("Kết quả kiểm tra gần nhất"),
        lambda household: household.get_last_result_display() if household.last_result else _("Chưa kiểm tra"),
        badge=lambda household: RESULT_BADGES.get(household.last_result, ""),
    ),
    Column(gettext_lazy("Ngày kiểm tra gần nhất"), attrgetter("last_checked_on"), sort="last_checked_on"),
]


def _filtered_households(request):
    """The household list's rows for this user and these filters: what the page shows and the export writes."""
    form = HouseholdFilter(request.GET)
    households = form.apply(Beneficiary.objects.visible_to(request.user))
    return form, households_with_totals(households)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def household_list(request):
    form, households = _filtered_households(request)
    order = ["handover__commune__short_name", "head_name"]
    table = list_page(request, households, HOUSEHOLD_COLUMNS, default_order=order, row_css=_breach_row)
    context = {
        **table,
        "form": form,
        "empty": _("Không có hộ nào khớp với bộ lọc."),
        "query": query_without_page(request),
    }
    return render(request, "monitoring/handovers_household_list.html", context)


def _breach_row(household) -> str:
    return "table-danger" if household.in_breach else ""


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def household_export(request):
    _form, households = _filtered_households(request)
    households = households.order_by("handover__commune__short_name", "head_name", "pk")
    return xlsx(HOUSEHOLD_COLUMNS, households, title=_("Hộ hưởng lợi"), filename=_("Hộ hưởng lợi.xlsx"))


def _handover(request, pk):
    return get_object_or_404(Handover.objects.visible_to(request.user).select_related("commune__parent"), pk=pk)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def handover_detail(request, pk):
    handover = _handover(request, pk)
    households = list(handover_households(handover))
    context = {
        "handover": handover,
        "households": households,
        "total": sum(item.value for household in households for item in household.items.all()),
        "breaches": sum(household.in_breach for household in households),
        "history": history_entries(handover),
    }
    return render(request, "monitoring/handovers_detail.html", context)


def _handover_edit(request, handover):
    form = HandoverForm(request.POST or None, instance=handover, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.handover_save(
                data=form.data_for_service(), instance=handover if handover.pk else None, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu đợt bàn giao."))
            return redirect(saved)
    back = handover.get_absolute_url() if handover.pk else reverse("monitoring:handover_list")
    title = _("Sửa đợt bàn giao") if handover.pk else _("Ghi nhận đợt bàn giao hỗ trợ")
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def handover_create(request):
    return _handover_edit(request, Handover())


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def handover_update(request, pk):
    return _handover_edit(request, _handover(request, pk))


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def handover_delete(request, pk):
    handover = _handover(request, pk)
    if request.method == "POST":
        try:
            services.handover_delete(handover=handover, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(handover)
        messages.success(request, _("Đã xóa đợt bàn giao; việc xóa được ghi vào lịch sử."))
        return redirect("monitoring:handover_list")
    title = _("Xóa đợt bàn giao “%(handover)s”?") % {"handover": handover}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": handover.get_absolute_url()})


def _filename(handover: Handover, extension: str) -> str:
    return f"Biên bản bàn giao {handover.commune.short_name} {handover.handed_on:%d-%m-%Y}.{extension}"


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def handover_pdf(request, pk):
    handover = _handover(request, pk)
    return pdf_response(render_pdf(printed(AUTHORING, handover)), _filename(handover, "pdf"), inline=True)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def handover_docx(request, pk):
    handover = _handover(request, pk)
    return docx_response(render_docx(printed(AUTHORING, handover)), _filename(handover, "docx"))


# ------------------------------------------------------------------ households, items, checks


def _household(request, pk):
    return get_object_or_404(
        Beneficiary.objects.visible_to(request.user).select_related("handover__commune", "village"), pk=pk
    )


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def household_detail(request, pk):
    household = _household(request, pk)
    context = {
        "household": household,
        "items": household.items.all(),
        "checks": household.checks.all(),
        "history": history_entries(household),
    }
    return render(request, "monitoring/handovers_household_detail.html", context)


def _household_edit(request, handover, household):
    form = HouseholdForm(request.POST or None, instance=household, handover=handover)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.household_save(
                handover=handover,
                data=form.data_for_service(),
                instance=household if household.pk else None,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu hộ hưởng lợi."))
            return redirect(saved if not household.pk else handover)
    title = _("Sửa hộ hưởng lợi") if household.pk else _("Thêm hộ hưởng lợi vào đợt bàn giao")
    return form_page(request, form, title=title, back=handover.get_absolute_url())


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def household_create(request, pk):
    handover = _handover(request, pk)
    return _household_edit(request, handover, Beneficiary(handover=handover))


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def household_update(request, pk):
    household = _household(request, pk)
    return _household_edit(request, household.handover, household)


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def household_delete(request, pk):
    household = _household(request, pk)
    handover = household.handover
    if request.method == "POST":
        try:
            services.household_delete(household=household, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(household)
        messages.success(request, _("Đã xóa hộ khỏi đợt bàn giao; việc xóa được ghi vào lịch sử."))
        return redirect(handover)
    title = _("Xóa hộ %(household)s khỏi đợt bàn giao?") % {"household": household}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": household.get_absolute_url()})


def _item_edit(request, household, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(
                household=household,
                data=form.data_for_service(),
                instance=item if item.pk else None,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu hàng hỗ trợ."))
            return redirect(household)
    title = _("Sửa hàng hỗ trợ") if item.pk else _("Thêm hàng hỗ trợ cho hộ %(household)s") % {"household": household}
    return form_page(request, form, title=title, back=household.get_absolute_url())


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    household = _household(request, pk)
    return _item_edit(request, household, SupportItem(household=household))


def _item(request, pk):
    return get_object_or_404(
        SupportItem.objects.filter(household__in=Beneficiary.objects.visible_to(request.user)).select_related(
            "household__handover__commune", "household__village"
        ),
        pk=pk,
    )


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def item_update(request, pk):
    item = _item(request, pk)
    return _item_edit(request, item.household, item)


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def item_delete(request, pk):
    item = _item(request, pk)
    household = item.household
    if request.method == "POST":
        try:
            services.item_delete(item=item, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Đã xóa hàng hỗ trợ; việc xóa được ghi vào lịch sử."))
        return redirect(household)
    title = _("Xóa “%(item)s” của hộ %(household)s?") % {"item": item, "household": household}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": household.get_absolute_url()})


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def check_create(request, pk):
    household = _household(request, pk)
    form = CheckForm(request.POST or None, initial={"checked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.check_record(household=household, actor=request.user, **form.data_for_service())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận kết quả kiểm tra."))
            return redirect(household)
    title = _("Kiểm tra việc thực hiện cam kết của hộ %(household)s") % {"household": household}
    return form_page(request, form, title=title, back=household.get_absolute_url(), submit=_("Ghi nhận"))
