"""A cap on the size of a request, checked before its body is read: a 50 MB file is refused at
once, with a Vietnamese page, instead of being read whole first. The reverse proxy should refuse
larger bodies still earlier (README, production)."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            # A page of its own: this runs before the session and the user are known.
            return HttpResponse(render_to_string("413.html", {"limit": limit}), status=413)
        return self.get_response(request)
