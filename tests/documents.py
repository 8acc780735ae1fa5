"""Reading back what the portal prints, for the tests: a PDF's text (poppler's pdftotext) and a Word
file's text (python-docx)."""

import io
import subprocess

import docx


def pdf_text(content: bytes, *, raw: bool = False) -> str:
    """The PDF's text with every run of white space folded to one space; `raw` keeps the order it
    was written in (a name wrapped in a table column stays whole)."""
    mode = "-raw" if raw else "-layout"
    text = subprocess.run(["pdftotext", mode, "-", "-"], input=content, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


def docx_text(content: bytes) -> str:
    """The Word file's paragraphs, then its table cells, one a line."""
    word = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in word.paragraphs] + cells)
