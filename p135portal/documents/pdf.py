"""The PDF of a document: HTML from templates/documents/, laid out by WeasyPrint."""

from pathlib import Path
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from p135portal.documents.cache import rendered
from p135portal.documents.model import Document, Paragraph

TEMPLATE = "documents/base.html"
STYLESHEET = "css/document.css"


class _StaticFilesFetcher(URLFetcher):
    """Loads only files under static/ (the stylesheet and fonts): a document never reaches the network.

    A file that cannot be read stops the rendering, rather than letting WeasyPrint fall back
    silently to another font.
    """

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self._root = root

    def fetch(self, url, headers=None):
        path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
        if not path.is_relative_to(self._root):
            raise ValueError(f"Documents load only files under {self._root}, not {url}")
        return super().fetch(url, headers)


def _static_root() -> Path:
    stylesheet = finders.find(STYLESHEET)
    if not stylesheet:
        raise ImproperlyConfigured(f"The document stylesheet static/{STYLESHEET} is missing.")
    return Path(stylesheet).resolve().parent.parent


def render_html(document: Document) -> str:
    """The HTML the PDF is laid out from (open it in a browser to debug a layout)."""
    body, last_paragraph = document.body, None
    if body and isinstance(body[-1], Paragraph) and (document.recipients or document.signatures):
        last_paragraph = body.pop()
    return render_to_string(TEMPLATE, {"document": document, "body": body, "last_paragraph": last_paragraph})


def render_pdf(document: Document) -> bytes:
    """The document as an A4 PDF, Liberation Serif embedded, page numbers from page 2; rendered
    once, then served from the cache while it says the same."""
    return rendered("pdf", document, _write_pdf)


def _write_pdf(document: Document) -> bytes:
    static_root = _static_root()
    fetcher = _StaticFilesFetcher(static_root)
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(static_root / STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    html = HTML(string=render_html(document), base_url=str(static_root) + "/", url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], font_config=fonts)
