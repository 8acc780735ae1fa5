"""What people type, as every view receives it: Unicode NFC (macOS and some phones send
decomposed letters) without invisible characters (zero-width spaces, soft hyphens, bidirectional
overrides pasted from web pages and chats), so that "Thôn Nà Pàn" typed with a zero-width space
is the same name as the one already stored. Passwords are left exactly as typed. A query string is
cleaned the same way and loses its NUL characters, which no database text can hold (a search for
"%00" is a search for nothing, not an error)."""

from p135portal.text import visible


class TypedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET:
            query = request.GET.copy()
            for key, values in query.lists():
                query.setlist(key, [visible(value).replace("\x00", "") for value in values])
            query._mutable = False
            request.GET = query
        if request.method == "POST" and request.POST:
            cleaned = request.POST.copy()
            for key, values in cleaned.lists():
                if "password" not in key:
                    cleaned.setlist(key, [visible(value) for value in values])
            cleaned._mutable = False
            request.POST = cleaned
        return self.get_response(request)
