"""Charts drawn on the server as SVG, so a page and a printed document show the same picture and
no charting script is loaded. A chart is plain data (`Chart`): horizontal grouped bars, one row
per label, one bar per series, each bar labelled with its value; its numbers are always offered
as a table too (`Chart.table`), for screen readers, for copying and for the Word file."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from p135portal.documents.model import Table
from p135portal.numbers import format_number

COLOURS = ("#1f5fa8", "#e07b00", "#2a9d5b", "#8e44ad")
# Drawn at about the width of a phone or half a desktop page, so the text stays legible when the
# chart is scaled to its container.
WIDTH = 480
LABEL_WIDTH = 150
VALUE_WIDTH = 60
BAR_HEIGHT = 15
ROW_GAP = 9
LEGEND_HEIGHT = 24
LABEL_CHARS = 20  # a longer unit name is cut with "…" (the table gives it whole)

Number = int | float | Decimal


def value_text(value: Number | None, suffix: str = "") -> str:
    """ "1.234", "54,2" then the chart's suffix ("%", " tr.đ"); an empty value is "–"."""
    if value is None:
        return "–"
    return f"{format_number(value)}{suffix}"


@dataclass(frozen=True)
class Chart:
    """A titled bar chart. `rows` are (label, values) with one value per series (None: no figure);
    `suffix` follows every value; `url` of a row, when given, is where its figure comes from."""

    title: str
    series: Sequence[str]
    rows: Sequence[tuple[str, Sequence[Number | None]]]
    suffix: str = ""
    urls: Sequence[str] = field(default=())
    kind: ClassVar[str] = "chart"

    @property
    def empty(self) -> bool:
        return not any(value for _label, values in self.rows for value in values)

    @property
    def height(self) -> int:
        per_row = len(self.series) * BAR_HEIGHT + ROW_GAP
        return LEGEND_HEIGHT + len(self.rows) * per_row + 4

    def svg(self) -> SafeString:
        """The chart as an <svg> element, scaled to the width of its container."""
        top = max((value or 0 for _label, values in self.rows for value in values), default=0) or 1
        plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
        parts = [
            f'<svg class="chart" viewBox="0 0 {WIDTH} {self.height}" width="100%" role="img"'
            f' aria-label="{escape(self.title)}" xmlns="http://www.w3.org/2000/svg"'
            ' font-size="13">'  # the font is the page's or the document's own
        ]
        x = 4
        for index, name in enumerate(self.series):
            colour = COLOURS[index % len(COLOURS)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="15" fill="#212529">{escape(name)}</text>')
            x += 28 + 7 * len(name)
        y = LEGEND_HEIGHT
        for label, values in self.rows:
            short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
            middle = y + len(self.series) * BAR_HEIGHT / 2 + 4
            parts.append(
                f'<text x="{LABEL_WIDTH - 6}" y="{middle:.0f}" text-anchor="end" fill="#212529">'
                f"<title>{escape(label)}</title>{escape(short)}</text>"
            )
            for index, value in enumerate(values):
                length = plot * float(value or 0) / float(top)
                colour = COLOURS[index % len(COLOURS)]
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 0):.1f}" height="{BAR_HEIGHT - 2}"'
                    f' fill="{colour}"/>'
                )
                parts.append(
                    f'<text x="{LABEL_WIDTH + max(length, 0) + 4:.1f}" y="{y + BAR_HEIGHT - 3}" fill="#212529">'
                    f"{escape(value_text(value, self.suffix))}</text>"
                )
                y += BAR_HEIGHT
            y += ROW_GAP
        parts.append("</svg>")
        return mark_safe("".join(parts))  # every text inside is escaped above

    def table_rows(self) -> list[list[str]]:
        return [[label, *(value_text(value, self.suffix) for value in values)] for label, values in self.rows]

    def table(self) -> Table:
        """The chart's numbers as a document table (the Word file prints this in its place)."""
        return Table(
            headers=["", *self.series],
            rows=self.table_rows(),
            column_align=[None, *["right"] * len(self.series)],
            column_widths=[3, *[2] * len(self.series)],
        )
