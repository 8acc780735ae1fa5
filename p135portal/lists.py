"""Lists: a filter form, a selector scoped to the reader, and columns declared once.

A list declares its `Column`s once; its page (`templates/includes/list_table.html`), its Excel
export (`xlsx`) and any printed list read the same headers and the same values, so they cannot
drift apart. Headers are translatable strings. The filter form reads request.GET: a value it
cannot read is left out of the filters instead of failing (a shared link with a stale value still
opens), and `sort` accepts only the columns that declare how they sort.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from p135portal.excel import write_xlsx, xlsx_response
from p135portal.numbers import group_thousands
from p135portal.text import fold, search_key

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    """One column: its header, what its cell holds for a row (`value`: the raw value the Excel
    export writes; the page shows it the Vietnamese way), how the page aligns it, whether the total
    row sums it, the field it sorts on (empty: not sortable) and, for the page only, the cell's link
    and the CSS class of a badge around it."""

    header: str
    value: Callable[[Any], Any]
    align: str = "left"
    total: bool = False
    sort: str = ""
    link: Callable[[Any], str] | None = None
    badge: Callable[[Any], str] | None = None
    suffix: str = ""  # after the value on the page only ("đ" after an amount)

    @property
    def css(self) -> str:
        return {"right": "text-end text-nowrap", "center": "text-center"}.get(self.align, "")


def number_column(header: str, value: Callable[[Any], Any], *, total: bool = True, sort: str = "") -> Column:
    return Column(header, value, align="right", total=total, sort=sort)


def money_column(header: str, value: Callable[[Any], Any], *, total: bool = False, sort: str = "") -> Column:
    """An amount in đồng: a number in the Excel export, "1.234.567 đ" on the page."""
    return Column(header, value, align="right", total=total, sort=sort, suffix=" đ")


def shown(value) -> str:
    """A cell's value as the page shows it: "1.234.567", "03/05/2018", nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else ""
    if isinstance(value, int | Decimal):
        return group_thousands(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@dataclass(frozen=True)
class Cell:
    value: str
    css: str
    link: str = ""
    badge: str = ""


def table_rows(columns: Sequence[Column], objects: Iterable, *, start: int = 1) -> list[list[Cell]]:
    """The page's rows: a number (STT), then each column's cell, shown the Vietnamese way, with its
    alignment, link and badge."""
    return [
        [Cell(shown(number), "text-center")]
        + [
            Cell(
                _with_suffix(shown(column.value(obj)), column.suffix),
                column.css,
                column.link(obj) if column.link else "",
                column.badge(obj) if column.badge else "",
            )
            for column in columns
        ]
        for number, obj in enumerate(objects, start=start)
    ]


def _with_suffix(text: str, suffix: str) -> str:
    return f"{text}{suffix}" if text and suffix else text


def headers(columns: Sequence[Column]) -> list[str]:
    return [_("STT"), *(str(column.header) for column in columns)]


def export_rows(columns: Sequence[Column], objects: Iterable) -> list[list]:
    """The Excel rows: STT and each column's value, then a total row when a column is summed."""
    rows, totals = [], [0] * len(columns)
    for number, obj in enumerate(objects, start=1):
        values = [column.value(obj) for column in columns]
        rows.append([number, *values])
        for index, column in enumerate(columns):
            if column.total:
                totals[index] += values[index] or 0
    if rows and any(column.total for column in columns):
        total_row = [totals[index] if column.total else "" for index, column in enumerate(columns)]
        label = next(index for index, column in enumerate(columns) if not column.total)
        total_row[label] = _("Tổng cộng")
        rows.append(["", *total_row])
    return rows


def xlsx(columns: Sequence[Column], objects: Iterable, *, title: str, filename: str) -> HttpResponse:
    return xlsx_response(
        write_xlsx(title=title, headers=headers(columns), rows=export_rows(columns, objects)), filename
    )


class ListFilter(forms.Form):
    """The base of a list's filter form: `apply(queryset)` narrows the rows by what was read.

    A subclass declares its fields and `filter_<name>(queryset, value)` for each of them; a value
    that does not validate is ignored (with the form showing why), never a 500."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    def apply(self, queryset: QuerySet) -> QuerySet:
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        for name in self.fields:
            value = values.get(name)
            if _given(value):
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset


def _given(value) -> bool:
    """A filter value that filters: not empty, not an unticked box (0 is a value)."""
    return value is not False and value not in (None, "", [], ())


def sort_by(queryset: QuerySet, columns: Sequence[Column], key: str | None, default: Sequence[str]) -> tuple:
    """`queryset` ordered by the column whose `sort` is `key` ("-" in front: descending), or by
    `default`; returns it with the key actually used (empty for the default)."""
    sortable = {column.sort for column in columns if column.sort}
    field = (key or "").removeprefix("-")
    if field in sortable:
        return queryset.order_by(key, "pk"), key
    return queryset.order_by(*default, "pk"), ""


def paginate(request, objects, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(objects, per_page).get_page(request.GET.get("page"))


def header_cells(request, columns: Sequence[Column], current: str) -> list[dict]:
    """The page's header cells: each sortable header links to the list sorted by it (again: the
    other way round), keeping the filters."""
    cells = [{"label": _("STT"), "css": "text-center", "url": ""}]
    for column in columns:
        url = ""
        if column.sort:
            query = request.GET.copy()
            query.pop("page", None)
            query["sort"] = f"-{column.sort}" if current == column.sort else column.sort
            url = f"?{query.urlencode()}"
        arrow = ""
        if column.sort and current in (column.sort, f"-{column.sort}"):
            arrow = "▲" if current == column.sort else "▼"
        cells.append({"label": f"{column.header} {arrow}".strip(), "css": column.css, "url": url})
    return cells


class YearAndUnit(ListFilter):
    """The filters of a review queue: the year and (part of) a unit's name, read through the
    fields the queue names (`year_field`, `unit_field`)."""

    nam = forms.IntegerField(label=gettext_lazy("Năm"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=gettext_lazy("Tên đơn vị"), required=False, max_length=100)

    def __init__(self, data=None, *, year_field: str, unit_field: str, **kwargs):
        super().__init__(data, **kwargs)
        self.year_field, self.unit_field = year_field, unit_field

    def filter_nam(self, queryset, value):
        return queryset.filter(**{self.year_field: value})

    def filter_q(self, queryset, value):
        names = Q(**{f"{self.unit_field}__search_name__contains": search_key(value)})
        return queryset.filter(names | Q(**{f"{self.unit_field}__search_name__contains": fold(value)}))


def list_page(request, objects, columns: Sequence[Column], *, default_order: Sequence[str], row_css=None) -> dict:
    """What a list page's table needs (`templates/includes/list_table.html`): the page of `objects`
    sorted as asked (or by `default_order`), its header cells and its rows; `row_css(obj)` gives a
    row its class (a household in breach is red)."""
    objects, sort = sort_by(objects, columns, request.GET.get("sort"), default_order)
    page = paginate(request, objects)
    items = list(page.object_list)
    rows = table_rows(columns, items, start=page.start_index())
    styled = [(row_css(item) if row_css else "", row) for item, row in zip(items, rows, strict=True)]
    return {"page": page, "headers": header_cells(request, columns, sort), "rows": styled, "items": items}
