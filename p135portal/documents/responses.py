"""Downloads of rendered documents, named in Vietnamese (RFC 5987) with an ASCII fallback."""

from django.http import HttpResponse

from p135portal.excel import content_disposition

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file_response(content: bytes, filename: str, content_type: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """A PDF named `filename` ("Kế hoạch 82-KH-UBND.pdf"); `inline` opens it in the browser instead of saving."""
    return _file_response(content, filename, PDF_CONTENT_TYPE, inline=inline)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A Word download named `filename`, even when it has Vietnamese letters."""
    return _file_response(content, filename, DOCX_CONTENT_TYPE, inline=False)
