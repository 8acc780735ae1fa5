"""Every form acted on once, and every POST one transaction.

Each form carries a token, `{% once %}` beside `{% csrf_token %}`. The first request with a
token claims it (a row of SentForm with the token as primary key); a second request with the
same token, arriving at the same moment, waits on that row and then finds it taken: it is sent
where the first one went, with a message, and nothing is written twice. A form shown again
with errors frees its token.

A POST runs in one transaction, so that a stale-edit check can lock its row until the save
(p135portal.forms.GuardedModelForm), a failure leaves nothing half-written, and a write that
loses a race to a unique constraint answers a message instead of an error page.
"""

import logging
import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from p135portal.models import SentForm

FIELD = "_once"
KEPT_FOR = timedelta(days=2)
logger = logging.getLogger(__name__)


def new_token() -> str:
    return str(uuid.uuid4())


def _token(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _claim(request, token: uuid.UUID) -> str | None:
    """None when this request may act on the form; when the form was sent before, where that
    sending went ("" when it is not this person's to know)."""
    try:
        with transaction.atomic():
            SentForm.objects.create(token=token, user=request.user, path=request.path[:500])
    except IntegrityError:
        earlier = SentForm.objects.filter(token=token, user=request.user).values_list("location", flat=True)
        return earlier.first() or ""
    return None


def _back(request) -> str:
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return request.path


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.user.is_authenticated:
            return self.get_response(request)
        token = _token(request)
        with transaction.atomic():
            if token is not None:
                earlier = _claim(request, token)
                if earlier is not None:
                    messages.info(
                        request, _("Biểu mẫu này đã được gửi và lưu một lần; lần gửi lại không được lưu nữa.")
                    )
                    return HttpResponseRedirect(earlier or _back(request))
            response = self.get_response(request)
            if response.status_code >= 500 or getattr(request, "_lost_race", False):
                transaction.set_rollback(True)
                return response
            if token is not None:
                sent = SentForm.objects.filter(token=token)
                if response.status_code in (301, 302, 303):
                    sent.update(location=response["Location"][:500])
                else:
                    sent.delete()
                SentForm.objects.filter(sent_at__lt=timezone.now() - KEPT_FOR).delete()
        return response

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, IntegrityError):
            return None
        logger.warning("A write lost a race on %s: %s", request.path, exception)
        request._lost_race = True
        messages.error(
            request,
            _(
                "Dữ liệu này vừa được lưu từ một yêu cầu khác cùng lúc nên lần này không lưu. "
                "Hãy xem lại trang rồi làm lại nếu cần."
            ),
        )
        return HttpResponseRedirect(_back(request))
