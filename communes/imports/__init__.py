"""Registry imports from Excel: decision annexes, villages, yearly figures.

Each importer checks every row of a file and reports every problem with its row number;
a clean file is previewed, then saved whole in one transaction (see base.py).
"""

from communes.imports.annex import AnnexImporter
from communes.imports.base import CREATE, UNCHANGED, UPDATE, Importer, Plan, RowError, commit, preview
from communes.imports.figures import FiguresImporter
from communes.imports.villages import VillageImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer for importer in (AnnexImporter, VillageImporter, FiguresImporter)
}

__all__ = [
    "CREATE",
    "IMPORTERS",
    "UNCHANGED",
    "UPDATE",
    "AnnexImporter",
    "FiguresImporter",
    "Importer",
    "Plan",
    "RowError",
    "VillageImporter",
    "commit",
    "preview",
]
