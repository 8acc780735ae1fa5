"""Printable documents (KẾ HOẠCH, BÁO CÁO, BIÊN BẢN, PHỤ LỤC …): one renderer for the whole portal.

A document is plain data (`Document` with `Heading`, `Paragraph` and `Table` blocks, see
model.py), built by an app's documents.py from its selectors; it is printed to PDF
(`render_pdf`, WeasyPrint and templates/documents/) or to Word (`render_docx`, python-docx)
with the same content in the same order, laid out after Nghị định 30/2020/NĐ-CP.

Section numbers ("I.", "1.", "a)") are written in the heading text, as the drafter wrote
them; the renderer only styles the levels.
"""

from p135portal.documents.model import (
    Block,
    Cell,
    Document,
    Heading,
    Paragraph,
    Part,
    Signature,
    Table,
    draft_number,
    ethnic_affairs_office,
    format_number,
    in_words,
    outline,
    paragraphs,
    province_committee,
    unit_committee,
    vietnamese_date_line,
)
from p135portal.documents.pdf import render_html, render_pdf
from p135portal.documents.responses import docx_response, pdf_response
from p135portal.documents.word import render_docx

__all__ = [
    "Block",
    "Cell",
    "Document",
    "Heading",
    "Paragraph",
    "Part",
    "Signature",
    "Table",
    "docx_response",
    "draft_number",
    "ethnic_affairs_office",
    "format_number",
    "in_words",
    "outline",
    "paragraphs",
    "pdf_response",
    "province_committee",
    "render_docx",
    "render_html",
    "render_pdf",
    "unit_committee",
    "vietnamese_date_line",
]
