"""Page helpers every app's views share."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from p135portal.audit import history_entries
from p135portal.forms import ReopenForm, ReturnForm
from p135portal.lists import Column, header_cells, paginate, sort_by, table_rows


def form_page(request, form, *, title, back, submit=None, multipart=False, template="communes/form.html", extra=None):
    """The standard form page (templates/communes/form.html): a title, the form, a cancel
    link to `back`, and the history of the object being edited. A `template` extending it may
    add to the page what `extra` gives it."""
    instance = getattr(form, "instance", None)
    history = (
        history_entries(instance) if instance is not None and instance.pk and hasattr(instance, "history") else None
    )
    return render(
        request,
        template,
        {
            **(extra or {}),
            "form": form,
            "title": title,
            "back": back,
            "submit": submit or _("Lưu"),
            "multipart": multipart,
            "history": history,
        },
    )


def lower_first(text: str) -> str:
    """ "Kế hoạch năm 2018" → "kế hoạch năm 2018", to follow a verb."""
    return text[:1].lower() + text[1:]


def error_text(error) -> str:
    """A service's ValidationError as one line for a flash message."""
    return " ".join(error.messages)


def query_without_page(request) -> str:
    """The request's query string without `page`, for the pagination links to keep the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


REVIEW_ACTIONS = {
    # action: (form, the button's label or None for the item's own verb, the button's colour)
    "accept": (forms.Form, None, "btn-success"),
    "return": (ReturnForm, gettext_lazy("Trả lại"), "btn-danger"),
    "reopen": (ReopenForm, gettext_lazy("Mở lại"), "btn-warning"),
}


def review_page(request, item, action: str, service, *, done: str, title: str | None = None, facts=()):
    """The page of one action of the review cycle (p135portal.review) on `item`: on GET it says
    what the action does (for "accept", what becomes locked) and asks for the comment or reason
    the action needs; on POST it runs `service(**the form's data)` and goes back to the item (or
    to the list it came from, `next`). `facts` are (label, value) pairs that identify the item."""
    form_class, button, css = REVIEW_ACTIONS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) or not next_url.startswith(
        "/"
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            service(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            (messages.success if action == "accept" else messages.warning)(request, done)
            return redirect(next_url or item.get_absolute_url())
    context = {
        "item": item,
        "action": action,
        "form": form,
        "title": title or f"{button or item.accept_label} {lower_first(str(item))}",
        "item_name": lower_first(str(item)),
        "waited": waiting_words(item) if item.is_sent and item.sent_at else "",
        "button": button or item.accept_label,
        "button_css": css,
        "facts": facts,
        "next": next_url,
        "back": next_url or item.get_absolute_url(),
        "history": history_entries(item),
    }
    return render(request, "review/confirm.html", context)


def waiting_words(item) -> str:
    days = item.waiting_days()
    return _("hôm nay") if days == 0 else _("%(days)s ngày") % {"days": days}


def review_columns() -> list[Column]:
    """The columns every review queue ends with: who sent it, when, and how long it has waited."""
    return [
        Column(_("Người gửi"), lambda item: str(item.sent_by or "")),
        Column(_("Gửi lúc"), lambda item: timezone.localtime(item.sent_at).strftime("%H:%M %d/%m/%Y"), sort="sent_at"),
        Column(_("Chờ"), waiting_words, align="right"),
    ]


def review_queue(request, items, columns, *, title: str, form, accept: str, empty: str, template="review/queue.html"):
    """The list of what units sent and wait for the office, filtered, sorted (oldest first unless
    asked), paged, each row with its page and the confirmation page of `accept` (a URL name)."""
    columns = [*columns, *review_columns()]
    items, sort = sort_by(form.apply(items), columns, request.GET.get("sort"), ["sent_at"])
    page = paginate(request, items)
    objects = list(page.object_list)
    here = request.get_full_path()
    cells = table_rows(columns, objects, start=page.start_index())
    rows = [
        (row, item.get_absolute_url(), f"{reverse(accept, args=[item.pk])}?{urlencode({'next': here})}")
        for item, row in zip(objects, cells, strict=True)
    ]
    context = {
        "title": title,
        "form": form,
        "page": page,
        "rows": rows,
        "headers": header_cells(request, columns, sort),
        "accept_label": objects[0].accept_label if objects else "",
        "empty": empty,
        "query": query_without_page(request),
    }
    return render(request, template, context)
