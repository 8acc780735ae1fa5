"""The layout rule of the README, checked: each layer of an app is one module or a package of
modules named by area, no module is over 500 lines and no view over 40."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["communes", "trainings", "budgets", "monitoring", "p135portal"]
LAYERS = {"models", "views", "forms", "services", "selectors", "documents", "home", "demo"}
MAX_MODULE_LINES = 500
MAX_VIEW_LINES = 40


def project_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_500_lines():
    long = {
        str(path.relative_to(ROOT)): n for path in project_modules() if (n := len(path.read_text().splitlines())) > 500
    }
    assert long == {}


def test_no_view_is_over_40_lines():
    long = {}
    for path in project_modules():
        if "views" not in path.parts and path.stem != "views":
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > MAX_VIEW_LINES:
                long[f"{path.relative_to(ROOT)}:{node.name}"] = node.end_lineno - node.lineno + 1
    assert long == {}


def test_a_layer_is_one_module_or_a_package_and_areas_are_not_spelled_into_file_names():
    mixed, flat = [], []
    for app in APPS:
        for layer in LAYERS:
            if (ROOT / app / f"{layer}.py").exists() and (ROOT / app / layer).is_dir():
                mixed.append(f"{app}/{layer}")
        # "report_views.py", "home_tasks.py": an area's layer outside its package
        flat += [
            str(path.relative_to(ROOT))
            for path in (ROOT / app).glob("*_*.py")
            if path.stem.split("_")[0] in LAYERS or path.stem.rsplit("_", 1)[-1] in LAYERS
        ]
    assert mixed == [] and flat == []
