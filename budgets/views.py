from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budgets.documents import allocation_annex
from budgets.forms import AllocationForm, CriterionForm, ExecutionForm, FundForm, SchemeForm
from budgets.models import Allocation, Component, Criterion, Execution, Fund, Scheme, Share
from budgets.selectors import district_of, is_behind, progress_by, shares_with_progress
from budgets.services import (
    allocation_candidates,
    allocation_compute,
    allocation_create,
    allocation_differences,
    coefficients_compute,
    execution_record,
)
from p135portal.access import Perm, can, permission_required
from p135portal.audit import history_entries
from p135portal.documents import pdf_response, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.excel import write_xlsx, xlsx_response
from p135portal.freshness import later
from p135portal.pages import form_page

PAGE_SIZE = 100


def _year(request) -> int:
    """The year asked for in ?year=, or this year when it is missing or not a sensible year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


# ------------------------------------------------------------------ funds


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def fund_list(request):
    year = _year(request)
    funds = Fund.objects.filter(year=year).select_related("document")
    totals = dict(funds.values_list("component").annotate(total=Sum("amount")))
    by_component = [
        (label, [f for f in funds if f.component == value], totals.get(value, 0)) for value, label in Component.choices
    ]
    years = Fund.objects.values_list("year", flat=True).distinct().order_by("-year")
    context = {"year": year, "by_component": by_component, "total": sum(totals.values()), "years": years}
    return render(request, "budgets/fund_list.html", {**context, "entered": bool(totals)})


@permission_required(Perm.MANAGE_FUNDS)
@require_http_methods(["GET", "POST"])
def fund_create(request):
    return _fund_form(request, Fund(year=_year(request)))


@permission_required(Perm.MANAGE_FUNDS)
@require_http_methods(["GET", "POST"])
def fund_update(request, pk):
    return _fund_form(request, get_object_or_404(Fund, pk=pk))


def _fund_form(request, fund):
    form = FundForm(request.POST or None, instance=fund)
    if request.method == "POST" and form.is_valid():
        fund = form.save()
        messages.success(request, _("Đã lưu %(fund)s.") % {"fund": fund})
        return redirect(fund)
    return form_page(request, form, title=_("Vốn được giao"), back=fund.get_absolute_url())


# ------------------------------------------------------------------ coefficient schemes


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def scheme_list(request):
    schemes = list(Scheme.objects.annotate(criterion_count=Count("criteria")))
    year = timezone.localdate().year
    context = {"schemes": schemes, "year": year, "year_missing": all(s.year != year for s in schemes)}
    return render(request, "budgets/scheme_list.html", context)


@permission_required(Perm.MANAGE_FUNDS)
@require_http_methods(["GET", "POST"])
def scheme_create(request):
    form = SchemeForm(request.POST or None, instance=Scheme(year=_year(request)))
    if request.method == "POST" and form.is_valid():
        scheme = form.save()
        return redirect(scheme)
    return form_page(request, form, title=_("Cách tính hệ số K"), back=reverse("budgets:scheme_list"))


@permission_required(Perm.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def scheme_detail(request, pk):
    scheme = get_object_or_404(Scheme, pk=pk)
    form = CriterionForm(request.POST or None, instance=Criterion(scheme=scheme))
    if request.method == "POST":
        if not can(request.user, Perm.MANAGE_FUNDS):
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("Đã thêm tiêu chí."))
            return redirect(scheme)
    return render(
        request,
        "budgets/scheme_detail.html",
        {"scheme": scheme, "criteria": scheme.criteria.all(), "form": form, "history": history_entries(scheme)},
    )


@permission_required(Perm.MANAGE_FUNDS)
@require_POST
def criterion_delete(request, pk):
    criterion = get_object_or_404(Criterion.objects.select_related("scheme"), pk=pk)
    criterion.delete()
    messages.success(request, _("Đã xóa tiêu chí."))
    return redirect(criterion.scheme)


@permission_required(Perm.MANAGE_FUNDS)
@require_POST
def scheme_compute(request, pk):
    scheme = get_object_or_404(Scheme, pk=pk)
    count = coefficients_compute(scheme=scheme, actor=request.user)
    messages.success(
        request, _("Đã tính hệ số K năm %(year)s cho %(count)s đơn vị.") % {"year": scheme.year, "count": count}
    )
    return redirect(scheme)


# ------------------------------------------------------------------ allocations


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def allocation_list(request):
    allocations = list(Allocation.objects.select_related("phase").annotate(unit_count=Count("shares")))
    year = timezone.localdate().year
    context = {"allocations": allocations, "year": year, "year_missing": all(a.year != year for a in allocations)}
    return render(request, "budgets/allocation_list.html", context)


@permission_required(Perm.MANAGE_FUNDS)
@require_http_methods(["GET", "POST"])
def allocation_new(request):
    form = AllocationForm(request.POST or None, initial={"year": timezone.localdate().year})
    preview = None
    if request.method == "POST" and form.is_valid():
        inputs = form.cleaned_data
        try:
            if "save" in request.POST:
                allocation = allocation_create(actor=request.user, **inputs)
                messages.success(request, _("Đã lưu phương án phân bổ."))
                return redirect(allocation)
            candidates = allocation_candidates(
                phase=inputs["phase"],
                category=inputs["category"],
                year=inputs["year"],
                village_fraction=inputs["village_fraction"],
            )
            preview = allocation_compute(
                candidates=candidates,
                pool=inputs["pool"],
                rounding=inputs["rounding"],
                floor=inputs["floor"],
                ceiling=inputs["ceiling"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "budgets/allocation_new.html",
        {"form": form, "preview": preview, "preview_total": sum(share.amount for _c, share in preview or [])},
    )


SHARES_PER_PAGE = 100  # rows of an allocation's table per page


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def allocation_detail(request, pk):
    allocation = get_object_or_404(Allocation.objects.select_related("phase", "document"), pk=pk)

    def contents():
        shares = list(shares_with_progress(allocation.shares.visible_to(request.user)))
        today = timezone.localdate()
        for share in shares:
            share.behind = is_behind(share, today)
        return {
            "share_page": Paginator(shares, SHARES_PER_PAGE).get_page(request.GET.get("page")),
            "districts": progress_by(shares, district_of),
            "total": progress_by(shares, lambda share: "")[0] if shares else None,
            # The check reads every share of the allocation: for those who see them all.
            "differences": allocation_differences(allocation)
            if "kiem-tra" in request.GET and can(request.user, Perm.MANAGE_FUNDS)
            else [],
            "history": history_entries(allocation),
        }

    context = {
        "allocation": allocation,
        **later(contents, "share_page", "districts", "total", "differences", "history"),  # {% fresh %} keeps them
        "checked": "kiem-tra" in request.GET and can(request.user, Perm.MANAGE_FUNDS),
    }
    return render(request, "budgets/allocation_detail.html", context)


def annex_rows(shares):
    return [
        [
            number,
            share.unit.code,
            share.unit.name,
            share.village.name if share.village else "",
            share.unit.parent.name if share.unit.parent else "",
            share.coefficient,
            share.amount,
        ]
        for number, share in enumerate(shares, start=1)
    ]


ANNEX_HEADERS = ["STT", "Mã xã", "Xã", "Thôn", "Huyện/Tỉnh", "Hệ số K", "Số vốn (đồng)"]


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def allocation_export(request, pk):
    allocation = get_object_or_404(Allocation, pk=pk)
    shares = allocation.shares.visible_to(request.user).select_related("unit__parent", "village")
    rows = annex_rows(shares)
    rows.append(["", "", "Tổng cộng", "", "", "", sum(row[6] for row in rows)])
    content = write_xlsx(title=allocation.title[:31], headers=ANNEX_HEADERS, rows=rows)
    return xlsx_response(content, f"phan-bo-{allocation.pk}.xlsx")


@permission_required(Perm.VIEW_FUNDS)
@require_GET
@kept_download
def allocation_pdf(request, pk):
    allocation = get_object_or_404(Allocation.objects.select_related("document"), pk=pk)
    shares = allocation.shares.visible_to(request.user).select_related("unit__parent", "village")
    content = render_pdf(allocation_annex(allocation, shares))
    return pdf_response(content, f"Phụ lục phân bổ {allocation.pk}.pdf", inline=True)


# ------------------------------------------------------------------ execution


@permission_required(Perm.RECORD_EXECUTION)
@require_http_methods(["GET", "POST"])
def execution_create(request, share_pk):
    share = get_object_or_404(
        Share.objects.visible_to(request.user).select_related("allocation", "unit", "village"), pk=share_pk
    )
    form = ExecutionForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            execution_record(share=share, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận %(kind)s.") % {"kind": form.instance.get_kind_display().lower()})
            return redirect(share.allocation)
    executions = Execution.objects.filter(share=share).select_related("recorded_by")
    return render(request, "budgets/execution_form.html", {"form": form, "share": share, "executions": executions})


@permission_required(Perm.VIEW_FUNDS)
@require_GET
def progress(request):
    year = _year(request)
    shares = list(shares_with_progress(Share.objects.visible_to(request.user).filter(allocation__year=year)))
    today = timezone.localdate()
    behind = [share for share in shares if is_behind(share, today)]
    page = Paginator(behind, PAGE_SIZE).get_page(request.GET.get("page"))
    years = Share.objects.visible_to(request.user).values_list("allocation__year", flat=True).distinct()
    context = {
        "year": year,
        "allocated": bool(shares),
        "years": sorted(set(years), reverse=True),
        "components": progress_by(shares, lambda share: share.allocation.get_component_display()),
        "districts": progress_by(shares, district_of),
        "behind": page,
        "query": f"year={year}",
    }
    return render(request, "budgets/progress.html", context)
