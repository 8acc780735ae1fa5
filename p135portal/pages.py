"""Page helpers every app's views share."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from p135portal.audit import history_entries


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


def error_text(error) -> str:
    """A service's ValidationError as one line for a flash message."""
    return " ".join(error.messages)


def query_without_page(request) -> str:
    """The request's query string without `page`, for the pagination links to keep the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
