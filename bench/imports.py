"""A 10,000-row village list imported: the portal's read and preview beside openpyxl's own read.

    DATABASE_URL=… DEBUG=1 .venv/bin/python bench/imports.py --out var/bench-imports.json

Writes a list of villages the way published ones look (title rows, a header over two rows with
merged cells and a numbering row, province headings, each commune as a heading row and its villages
under it in one "Tên xã, thôn" column, names in NFD or lower case with stray spaces, "x" under
"Thôn ĐBKK", a total row) for communes of the database: 10,000 village rows (--rows), most of them
villages the commune has, some new. This is the village list the registry's import takes as published
(communes/imports/published.py, the annex import with a village category; see
tests/test_annex_published.py). Then times, median of --runs:

- openpyxl's own read-only read of every row (values only): the floor;
- the portal's read, p135portal.excel.read_sheet;
- the portal's whole preview, communes.imports.preview (read, match every name, plan every row), as
  the import view calls it after its form;

and the memory: tracemalloc's peak during one more preview, and the maximum resident size of the
measuring process (resource.getrusage), which does only what a web worker given the upload does (the
list is written by a child process, started first: a child inherits its parent's high-water mark).
Targets: the preview within 3× openpyxl's read and under 200 MB. Nothing is written to the database
(the preview saves nothing; the import is not confirmed).
"""

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

ROWS = 10_000
RUNS = 5
TIME_TARGET = 3.0
MEMORY_TARGET_MB = 200
NEW_NAMES = ["Nà Pàn", "Khuổi Phầy", "Phai Xả", "Nà Hin", "Bó Củng", "Khòn Khoang", "Pác Ve", "Lũng Vài"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def communes_for(rows: int) -> list[tuple]:
    """(province, [(commune, [its village names])]) for enough current communes to give `rows` villages,
    province by province (provinces named "Tỉnh …": a "Thành phố …" heading reads as a district)."""
    from communes.models import Unit, Village

    provinces = Unit.objects.current().filter(level=Unit.Level.PROVINCE, name__startswith="Tỉnh").order_by("code")
    result, total = [], 0
    for province in provinces:
        communes = list(Unit.objects.current().filter(level=Unit.Level.COMMUNE).under(province).order_by("code"))
        villages: dict[int, list[str]] = {}
        for commune_id, name in (
            Village.objects.filter(commune__in=communes).order_by("pk").values_list("commune_id", "name")
        ):
            villages.setdefault(commune_id, []).append(name)
        chosen = []
        for commune in communes:
            if total >= rows:
                break
            have = villages.get(commune.pk, [])[:24]
            names = have + [f"Bản {NEW_NAMES[k % len(NEW_NAMES)]} {k + 1}" for k in range(30 - len(have))]
            names = names[: rows - total]
            chosen.append((commune, names))
            total += len(names)
        if chosen:
            result.append((province, chosen))
        if total >= rows:
            return result
    return result


def messy(name: str, index: int) -> str:
    """A name as lists are typed: some in NFD, some lower case, some with stray spaces."""
    if index % 7 == 0:
        name = nfd(name)
    if index % 5 == 0:
        name = f" {name.replace(' ', '  ')} "
    if index % 11 == 0:
        name = name.lower()
    return name


def village_list(places: list[tuple]) -> tuple[bytes, int]:
    """The workbook as published, and the number of village rows in it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    bold = Font(bold=True)
    for line in [
        "ỦY BAN DÂN TỘC",
        "DANH SÁCH THÔN ĐẶC BIỆT KHÓ KHĂN VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI GIAI ĐOẠN 2026-2030",
        "(Kèm theo Quyết định số 15/QĐ-UBDT ngày 10/3/2026 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc)",
    ]:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    sheet.append([])
    sheet.append(["STT", "Tên xã, thôn", "Phân loại", None, "Ghi chú"])
    header = sheet.max_row
    sheet.append([None, None, "Thôn ĐBKK", "Thôn biên giới", None])
    for merge in ("A{h}:A{s}", "B{h}:B{s}", "C{h}:D{h}", "E{h}:E{s}"):
        sheet.merge_cells(merge.format(h=header, s=header + 1))
    for row in (header, header + 1):
        for cell in sheet[row]:
            cell.font, cell.alignment = bold, Alignment(horizontal="center", wrap_text=True)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    letters = "ABCDEFGHIKLMNOPQRSTUVXY"
    villages = 0
    for p, (province, communes) in enumerate(places):
        sheet.append([letters[p % len(letters)], province.name.upper(), None, None, None])
        sheet.cell(row=sheet.max_row, column=2).font = bold
        for c, (commune, names) in enumerate(communes, start=1):
            sheet.append([c, messy(commune.name, c), None, None, None])
            sheet.cell(row=sheet.max_row, column=2).font = bold
            for v, name in enumerate(names, start=1):
                border = "x" if v % 9 == 0 else None
                note = "thôn mới tách" if name.startswith("Bản ") and v % 3 == 0 else None
                sheet.append([v, messy(name, villages + v), "x", border, note])
            villages += len(names)
    sheet.append([None, f"Tổng cộng: {villages:,} thôn".replace(",", "."), villages, None, None])
    sheet.column_dimensions["B"].width = 40
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), villages


def write_list(rows: int, path: str) -> None:
    """(Child process) the list written to `path`; what it holds and the import's options on stdout."""
    from communes.models import Category, LegalDocument, Phase

    phase = Phase.objects.filter(start_year__gte=2026).order_by("start_year").first()
    documents = LegalDocument.objects.filter(issued_on__year__gte=phase.start_year, issued_on__year__lte=phase.end_year)
    document = documents.order_by("-issued_on").first()
    places = communes_for(rows)
    data, villages = village_list(places)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(data)
    options = {"phase": phase.pk, "category": Category.THON_DBKK, "document": document.pk, "start_date": ""}
    written = {
        "villages": villages,
        "communes": sum(len(chosen) for _province, chosen in places),
        "provinces": len(places),
        "options": options,
        "options_text": f"phase {phase}, Thôn ĐBKK, document {document.number}",
    }
    print(json.dumps(written, ensure_ascii=False))


def openpyxl_read(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def cells_per_row(data: bytes) -> dict:
    """How many cells of each row read_sheet walks, against the columns the sheet has."""
    from openpyxl import load_workbook

    from p135portal.excel import _width

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    walked = {"read_sheet": len(next(sheet.iter_rows(max_col=_width(sheet)))), "sheet": sheet.max_column}
    workbook.close()
    return walked


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="var/bench-imports.json")
    parser.add_argument("--rows", type=int, default=ROWS, help="village rows in the list")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--xlsx", default="var/bench-imports-villages.xlsx", help="where the list is written")
    parser.add_argument("--write-list", action="store_true", help=argparse.SUPPRESS)  # the child writing the list
    args = parser.parse_args()
    if args.write_list:
        common.setup()
        write_list(args.rows, args.xlsx)
        return
    # The list is written by a process of its own, started while this one is small: this process's
    # maximum resident size is then that of Django, the reads and the previews, as in a web worker
    # (a child inherits its parent's high-water mark, so the order matters).
    child = [sys.executable, __file__, "--write-list", "--rows", str(args.rows), "--xlsx", args.xlsx]
    written = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
    common.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communes.forms.imports import AnnexImportForm
    from communes.imports import AnnexImporter, preview
    from p135portal.excel import read_sheet

    data = Path(args.xlsx).read_bytes()
    print(
        f"Village list: {written['villages']:,} villages of {written['communes']} communes in"
        f" {written['provinces']} provinces, {len(data) / 1024:.0f} KB ({args.xlsx}); {written['options_text']}"
    )

    def upload():
        return SimpleUploadedFile("Danh sach thon DBKK.xlsx", data)

    form = AnnexImportForm(written["options"], {"file": upload()})
    if not form.is_valid():
        raise SystemExit(f"The import form refuses the options: {form.errors.as_text()}")
    importer_options = form.importer_options()

    def portal_preview():
        return preview(AnnexImporter(importer_options), upload())

    rss_before = max_rss_mb()
    openpyxl_read(data)  # once before timing: imports and caches are warm for every reader
    plan = portal_preview()
    steps = {
        "openpyxl": lambda: openpyxl_read(data),
        "read_sheet": lambda: read_sheet(upload()),
        "preview": portal_preview,
    }
    runs = {name: [] for name in steps}
    for _ in range(args.runs):  # in turn, so that the load of the machine weighs on each alike
        for name, work in steps.items():
            started = time.perf_counter()
            work()
            runs[name].append(time.perf_counter() - started)
    openpyxl_s, read_s, preview_s = (statistics.median(runs[name]) for name in steps)
    rss_mb = max_rss_mb()
    tracemalloc.start()
    portal_preview()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1024 / 1024
    rows_read = openpyxl_read(data)
    walked = cells_per_row(data)
    new_villages = sum(1 for change in plan.changes if change.payload.get("village") is None)

    print(
        f"Preview: {plan.exact:,} rows placed ({new_villages:,} new villages), {plan.created:,} designations to"
        f" create, {plan.unchanged:,} unchanged; {plan.headings:,} headings and {plan.totals} total skipped;"
        f" {len(plan.choices)} rows to choose, {len(plan.errors)} errors"
    )
    for error in plan.errors[:5]:
        print(f"  {error}")
    ratio_read, ratio_preview = read_s / openpyxl_s, preview_s / openpyxl_s
    time_ok = ratio_preview <= TIME_TARGET
    memory_ok = peak_mb < MEMORY_TARGET_MB and rss_mb < MEMORY_TARGET_MB
    print(f"\n{'step':<52} {'median s':>9} {'× openpyxl':>11}   runs")
    labels = {
        "openpyxl": f"openpyxl read-only read of all {rows_read:,} rows",
        "read_sheet": "portal read (p135portal.excel.read_sheet)",
        "preview": "portal preview (read + match + plan)",
    }
    for name, seconds in zip(steps, (openpyxl_s, read_s, preview_s), strict=True):
        print(f"{labels[name]:<52} {seconds:>9.3f} {seconds / openpyxl_s:>10.2f}×   {fmt(runs[name])}")
    print(
        f"read_sheet walks {walked['read_sheet']} cells of every row (a read-only row is padded to the width asked);"
        f" the sheet has {walked['sheet']} columns"
    )
    print(
        f"\nMemory: tracemalloc peak of one preview {peak_mb:.1f} MB; max RSS of this process {rss_mb:.1f} MB"
        f" after the reads and previews ({rss_before:.1f} MB before them: Python, Django, the file)"
    )
    verdict = "met" if time_ok else "NOT MET"
    print(f"\nTarget: preview ≤ {TIME_TARGET:g}× openpyxl's read: {ratio_preview:.2f}× — {verdict}")
    print(
        f"Target: preview under {MEMORY_TARGET_MB} MB: peak {peak_mb:.1f} MB, max RSS {rss_mb:.1f} MB —"
        f" {'met' if memory_ok else 'NOT MET'}"
    )
    common.write_json(
        args.out,
        {
            "rows": rows_read,
            "villages": written["villages"],
            "communes": written["communes"],
            "xlsx_kb": round(len(data) / 1024, 1),
            "plan": {
                "exact": plan.exact,
                "new_villages": new_villages,
                "create": plan.created,
                "unchanged": plan.unchanged,
                "headings": plan.headings,
                "totals": plan.totals,
                "choices": len(plan.choices),
                "errors": len(plan.errors),
            },
            "openpyxl_s": round(openpyxl_s, 3),
            "read_sheet_s": round(read_s, 3),
            "preview_s": round(preview_s, 3),
            "runs_s": runs,
            "read_ratio": round(ratio_read, 2),
            "cells_walked_per_row": walked,
            "preview_ratio": round(ratio_preview, 2),
            "preview_peak_mb": round(peak_mb, 1),
            "max_rss_mb": round(rss_mb, 1),
            "max_rss_before_mb": round(rss_before, 1),
            "time_target": TIME_TARGET,
            "memory_target_mb": MEMORY_TARGET_MB,
            "time_met": time_ok,
            "memory_met": memory_ok,
        },
    )


def fmt(times: list[float]) -> str:
    return " ".join(f"{t:.3f}" for t in times)


if __name__ == "__main__":
    main()
