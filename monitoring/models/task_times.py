"""A task's time as plans write it ("Quý IV năm 2026 và năm 2027", "Tháng 9/2026", "Trước ngày
15/3/2026") and the last day it allows."""

import calendar
import re
from datetime import date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


_QUARTER = re.compile(r"qu[ýy]\s+(IV|III|II|I|[1-4])\b(?:\s*(?:năm|/)\s*(\d{4}))?", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# A document cited in the time ("theo Kế hoạch số 123/KH-UBND ngày 12/3/2026"): its number and date
# are not the task's time.
_CITED = re.compile(r"số\s+\S+(\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_YEAR = re.compile(r"(?<![\d/])\b(20\d{2})\b(?![/\d])")
_QUARTER_NUMBER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def deadline_from_text(text: str) -> date | None:
    """The last day a time written as the plan writes it allows, when it says one: "Quý IV năm 2026 và
    năm 2027" → 31/12/2027, "Tháng 9/2026" → 30/9/2026, "Trước ngày 15/3/2026" → 15/3/2026;
    None for "Thường xuyên …" or "Theo kế hoạch của Ban Chỉ đạo" (no day can be read)."""
    if not text or text.strip().lower().startswith("thường xuyên"):
        return None
    text = _CITED.sub(" ", text)
    ends: list[date] = []
    for day, month, year in _DAY_MONTH_YEAR.findall(text):
        try:
            ends.append(date(int(year), int(month), int(day)))
        except ValueError:
            return None
    text = _DAY_MONTH_YEAR.sub(" ", text)
    for quarter, year in _QUARTER.findall(text):
        if year:
            ends.append(quarter_end(int(year), _QUARTER_NUMBER[quarter.upper()]))
    for month, year in _MONTH.findall(text):
        if 1 <= int(month) <= 12:
            ends.append(month_end(int(year), int(month)))
    for day, month, year in _DATE.findall(text):
        try:
            ends.append(date(int(year), int(month), int(day)))
        except ValueError:
            return None  # a day that does not exist: no deadline rather than a guessed one
    if not ends:  # "năm 2027" alone: its last day
        ends = [date(int(year), 12, 31) for year in _YEAR.findall(text)]
    else:  # "Quý IV năm 2026 và năm 2027": a later year named on its own extends the time
        ends += [date(int(year), 12, 31) for year in _YEAR.findall(text) if int(year) > max(ends).year]
    return max(ends, default=None)
