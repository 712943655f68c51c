"""The layer arrows of ARCHITECTURE.md, kept true by scanning every import in the package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gwinong_desktop"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# layer → what it may import (project layers by name, third-party top-level packages by name)
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    # cryptography and platformdirs: encrypted fields and their key outside the data folder;
    # psycopg: the GUI's first look at a server folder, before SQLAlchemy loads (quick.py only)
    "storage": {"domain", "sqlalchemy", "alembic", "cryptography", "platformdirs", "psycopg"},
    "media": {"domain", "PIL", "pi_heif"},  # pi_heif: in media/_heif.py only
    # services also reach media: storing a photo is a use case over the database and the files
    # and reports: a report's use case gathers its rows, has ``reports/`` write them, keeps the file
    # holidays: the Korean public holidays of the due list's deadlines (services/due.py only)
    "services": {
        "domain",
        "storage",
        "media",
        "exchange",
        "reports",
        "sqlalchemy",
        "argon2",
        "holidays",
    },
    # workbooks through exchange.table, documents as HTML: no Qt, no database, no openpyxl
    "reports": {"domain", "exchange"},
    # the demo sits over the services: it writes a made-up county through them and the storage,
    # and draws its photos with Pillow; nothing below it imports it (see the test below)
    "demo": {"domain", "storage", "services", "media", "sqlalchemy", "PIL"},
    "tasks": {"domain", "services", "PySide6.QtCore"},  # domain: the TaskState it adapts to Qt
    # platformdirs: where the user's own window settings live (ui/settings.py, declared once);
    # reports: the documents it prints are made there (HTML, no Qt)
    "ui": {"services", "tasks", "domain", "exchange", "reports", "demo", "PySide6", "platformdirs"},
    # the register workbook in and out: parsing and writing with openpyxl, no database
    "exchange": {"domain", "openpyxl"},
    # a package: one module per feature
    "cli": {"domain", "services", "storage", "demo", "platformdirs"},
    "app": {"cli", "domain", "services", "storage", "ui", "PySide6", "platformdirs"},
    "__init__": set(),
    "__main__": {"app"},
}


def _layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "gwinong_desktop":  # from gwinong_desktop import cli
                found += [(node.lineno, f"gwinong_desktop.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def _allowed(layer: str, module: str) -> bool:
    top = module.split(".")[0]
    if top in STDLIB:
        return True
    if top == "gwinong_desktop":
        parts = module.split(".")
        if len(parts) == 1 or parts[1] in ("__version__", "version"):
            return True  # the package itself
        target = parts[1]
        return target == layer or target in ALLOWED[layer]
    allowed = ALLOWED[layer]
    return any(module == a or module.startswith(a + ".") or top == a for a in allowed)


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layer_arrows(path: Path) -> None:
    layer = _layer_of(path)
    assert layer in ALLOWED, f"new top-level module {layer}: add it to ALLOWED"
    bad = [(n, m) for n, m in _imports(path) if not _allowed(layer, m)]
    assert not bad, f"{path.relative_to(PACKAGE)} imports across the layer arrows: {bad}"


def test_nothing_below_the_demo_imports_it() -> None:
    """The demo is a user of the services, not part of them: the layers it builds on never
    reach it, whatever else ``ALLOWED`` lets them import."""
    below = ("domain", "storage", "services", "media", "exchange", "reports", "tasks")
    found = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in SOURCES
        if _layer_of(path) in below
        for line, module in _imports(path)
        if module == "gwinong_desktop.demo" or module.startswith("gwinong_desktop.demo.")
    ]
    assert found == []


def test_tasks_use_only_qtcore() -> None:
    for path in (PACKAGE / "tasks").rglob("*.py"):
        for _, module in _imports(path):
            if module.startswith("PySide6"):
                assert module == "PySide6.QtCore" or module.startswith("PySide6.QtCore."), path


def test_nothing_imports_the_composition_root() -> None:
    for path in SOURCES:
        if path.name in ("app.py", "__main__.py"):
            continue
        modules = [m for _, m in _imports(path)]
        assert "gwinong_desktop.app" not in modules, path


@pytest.mark.process
def test_no_engine_session_or_qapplication_at_import_time() -> None:
    code = (
        "import sys, importlib, pkgutil, gwinong_desktop\n"
        "for m in pkgutil.walk_packages(gwinong_desktop.__path__, 'gwinong_desktop.'):\n"
        "    if m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "assert QCoreApplication.instance() is None, 'a QApplication was created at import'\n"
        "import gc\n"
        "from sqlalchemy.engine import Engine\n"
        "assert not [o for o in gc.get_objects() if isinstance(o, Engine)], 'engine at import'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def heavy_loaded_after(setup: str, heavy: tuple[str, ...]) -> list[str]:
    """Which of the ``heavy`` packages or modules a fresh interpreter holds after ``setup``."""
    code = (
        f"import sys\n{setup}\n"
        f"heavy = {heavy!r}\n"
        "print(sorted({h for h in heavy for m in sys.modules if m == h or m.startswith(h + '.')}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    return ast.literal_eval(out.stdout)


@pytest.mark.process
def test_start_path_does_not_import_openpyxl_or_pillow() -> None:
    """argon2 and cryptography too: imported when the password is checked or a value opened."""
    setup = (
        "import gwinong_desktop.app, gwinong_desktop.ui.main_window, gwinong_desktop.services\n"
        "import gwinong_desktop.ui.accounts"
    )
    assert heavy_loaded_after(setup, ("openpyxl", "PIL", "argon2", "cryptography")) == []


@pytest.mark.process
def test_looking_at_the_demo_folder_imports_nothing_heavy() -> None:
    """``--demo`` checks its folder (``demo.folder.demo_is_current``) before the first screen;
    only a build loads SQLAlchemy and Pillow."""
    setup = "import gwinong_desktop.demo.folder, gwinong_desktop.demo.pictures"
    assert heavy_loaded_after(setup, ("sqlalchemy", "PIL", "PySide6")) == []


@pytest.mark.process
def test_command_line_parser_imports_nothing_heavy() -> None:
    """The GUI starts by parsing its command line; that must not pay for SQLAlchemy, the models
    or Qt before the start-up has painted (``app.run_gui``). Command modules import what a
    command needs inside its handler."""
    setup = "from gwinong_desktop.cli import build_parser; build_parser()"
    heavy = ("sqlalchemy", "PySide6", "gwinong_desktop.storage.models", "openpyxl")
    assert heavy_loaded_after(setup, heavy) == []


@pytest.mark.process
def test_the_first_screen_loads_without_sqlalchemy() -> None:
    """An unattended start paints the main window before SQLAlchemy is imported (README,
    "Start-up path"): the modules it needs must not import it, nor the models."""
    setup = (
        "import gwinong_desktop.app, gwinong_desktop.ui.main_window\n"
        "import gwinong_desktop.services.first_screen, gwinong_desktop.storage.quick\n"
        "from gwinong_desktop.services import Services  # the package itself costs nothing"
    )
    heavy = ("sqlalchemy", "alembic", "gwinong_desktop.storage.models", "openpyxl")
    assert heavy_loaded_after(setup, heavy) == []


# --- Services are the only door (issue #9, point 1) -------------------------------------------

# What ``cli/`` may take from ``storage`` at run time: opening the database is the composition.
CLI_STORAGE = {
    "gwinong_desktop.storage.database": {"open_database", "open_read_only"},
    "gwinong_desktop.storage.datafolder": {"DB_FILENAME"},
    "gwinong_desktop.storage.schema": {"NewerSchema"},  # what opening refuses
    # which database a folder opens: its file, or the server it remembers (--database-url)
    # … and the password of that server, asked when libpq finds none
    "gwinong_desktop.storage.server": {
        "SERVER_FILE",
        "point_folder_at",
        "server_password",
        "no_password_here",
    },
}
# What ``ui/`` and ``cli/`` may ask the services' context: what the role may do, what day it is.
CTX_QUESTIONS = {"allows", "role", "today"}
DOORS = [p for p in SOURCES if _layer_of(p) in ("ui", "cli")]


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks (annotations only, never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def door_problems(source: str, layer: str) -> list[str]:
    """Where ``source`` (a module of ``ui/`` or ``cli/``) goes round ``Services``: a run-time
    import of ``storage`` (``cli/``: beyond opening the database), ``ServiceContext`` named,
    or the services' ``ctx`` handed on or reached through for anything but a question."""
    tree = ast.parse(source)
    annotations = _type_checking_lines(tree)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if line in annotations:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = {a.name for a in node.names}
            if node.module == "gwinong_desktop" and "storage" in names:
                found.append(f"{line}: imports gwinong_desktop.storage")
            elif node.module.startswith("gwinong_desktop.storage"):
                allowed = CLI_STORAGE.get(node.module, set()) if layer == "cli" else set()
                if names - allowed:
                    found.append(f"{line}: imports {sorted(names - allowed)} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gwinong_desktop.storage"):
                    found.append(f"{line}: imports {alias.name}")
        elif isinstance(node, ast.Name | ast.alias) and "ServiceContext" in (
            getattr(node, "id", None),
            getattr(node, "name", None),
        ):
            found.append(f"{line}: ServiceContext (build services through Services)")
        elif isinstance(node, ast.Attribute) and node.attr == "ctx":
            parent = parents.get(node)
            if not (isinstance(parent, ast.Attribute) and parent.attr in CTX_QUESTIONS):
                found.append(f"{line}: .ctx used for more than {sorted(CTX_QUESTIONS)}")
    return found


@pytest.mark.parametrize("path", DOORS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_and_cli_go_through_services(path: Path) -> None:
    """Every use case is reached from ``Services``: ``ui/`` and ``cli/`` never build a service
    over ``ctx``, never reach the database through it, never call ``storage`` themselves."""
    problems = door_problems(path.read_text(encoding="utf-8"), _layer_of(path))
    assert not problems, f"{path.relative_to(PACKAGE)} goes round Services: {problems}"


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        ("ui", "service = RegisterService(services.ctx)\n"),
        ("ui", "x = county_name(self.services.ctx)\n"),
        ("ui", "root = services.ctx.db.folder.root\n"),
        ("ui", "ctx = self.services.ctx\n"),
        ("ui", "from gwinong_desktop.services.context import ServiceContext\n"),
        ("ui", "def f():\n    from gwinong_desktop.storage import backup\n"),
        ("cli", "def f():\n    from gwinong_desktop.storage.backup import restore_backup\n"),
        ("cli", "import gwinong_desktop.storage.audit\n"),
        ("cli", "from gwinong_desktop import storage\n"),
    ],
)
def test_the_door_scan_finds_a_way_round(layer: str, source: str) -> None:
    assert door_problems(source, layer)


def test_the_door_scan_allows_questions_and_annotations() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from gwinong_desktop.storage.database import Database\n"
        "    from gwinong_desktop.services.context import ServiceContext\n"
        "from gwinong_desktop.storage.database import open_database\n"
        "ok = services.ctx.allows(p) and services.ctx.today() and services.ctx.role\n"
    )
    assert door_problems(source, "cli") == []
    assert door_problems(source, "ui") == ["5: imports ['open_database'] from "
                                           "gwinong_desktop.storage.database"]  # fmt: skip
