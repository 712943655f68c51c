"""No function of the app is there only for its tests: what only tests call is wired in where the
app needs it, or removed with its tests.

A function or method defined in ``gwinong_desktop/`` whose name appears nowhere in the app (code,
installer, Alembic scripts; as a name, an attribute or inside a string such as ``__all__`` or a
Qt slot name) but does appear in ``tests/`` is reported. Names are matched, not resolved: a
common name used elsewhere hides a definition (this catches the plain case, not every one).
Qt's own virtual methods (``headerData``, ``isComplete`` …: camelCase) are called by Qt and left
out, and so are dunder methods.

``KNOWN`` lists the ones found when this test was written that are in code being rewritten by
others or kept on purpose, each with the reason; remove an entry when its function is wired in or
removed. Do not add one to silence this test without a reason a reviewer would accept.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gwinong_desktop"
QT_OVERRIDE = re.compile(r"^[a-z]+[A-Z]")

# "path:name" -> why it may stay for now
KNOWN: dict[str, str] = {}


def _names(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.alias):  # ``from m import f as _f`` uses f
            yield node.name.rsplit(".", 1)[-1]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield from re.findall(r"[A-Za-z_]\w*", node.value)


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def functions_only_tests_call(root: Path = ROOT) -> list[str]:
    """``path:name`` of every app function whose name only the tests use."""
    package = root / "gwinong_desktop"
    app_files = [*package.rglob("*.py"), *(root / "installer").rglob("*.py")]
    app_files += [*(root / "db").rglob("*.py")]
    in_app: Counter[str] = Counter()
    definitions: list[tuple[Path, str]] = []
    for path in app_files:
        tree = _parse(path)
        in_app.update(_names(tree))
        if path.is_relative_to(package):
            definitions += [
                (path, node.name)
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    for spec in (root / "installer").glob("*.spec"):
        in_app.update(re.findall(r"[A-Za-z_]\w*", spec.read_text(encoding="utf-8")))
    in_tests: Counter[str] = Counter()
    for path in (root / "tests").rglob("*.py"):
        if path.resolve() != Path(__file__).resolve():  # KNOWN's own strings are no use
            in_tests.update(_names(_parse(path)))
    return sorted(
        f"{path.relative_to(root).as_posix()}:{name}"
        for path, name in definitions
        if not name.startswith("__")
        and not QT_OVERRIDE.match(name)
        and in_app[name] == 0
        and in_tests[name] > 0
    )


def test_no_function_is_there_only_for_the_tests() -> None:
    found = [entry for entry in functions_only_tests_call() if entry not in KNOWN]
    assert found == [], (
        "only tests call these: wire each in where the app needs it, or remove it with its "
        f"tests (see this file's docstring): {found}"
    )


def test_every_known_entry_is_still_only_called_by_tests() -> None:
    """An entry whose function was wired in or removed goes from KNOWN too (no stale excuses)."""
    stale = sorted(set(KNOWN) - set(functions_only_tests_call()))
    assert stale == [], f"remove these from KNOWN: {stale}"


def test_the_scan_finds_a_function_only_tests_call(tmp_path: Path) -> None:
    app = tmp_path / "gwinong_desktop"
    app.mkdir()
    (app / "thing.py").write_text(
        "class Model:\n"
        "    def headerData(self):\n        return 1\n"
        "    def visible_rows(self):\n        return 2\n"
        "    def used(self):\n        return 3\n\n"
        "def helper():\n    return Model().used()\n\n"
        "def exported():\n    return 4\n\n"
        "def renamed():\n    return 5\n\n"
        "__all__ = ['exported']\n",
        encoding="utf-8",
    )
    (app / "other.py").write_text("from .thing import renamed as _r\n\nVALUE = _r()\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_thing.py").write_text(
        "from gwinong_desktop.thing import Model, exported, renamed\n\n"
        "def test_it():\n"
        "    m = Model()\n"
        "    assert m.visible_rows() == 2 and m.headerData() == 1 and exported() == 4\n"
        "    assert renamed() == 5\n",
        encoding="utf-8",
    )
    assert functions_only_tests_call(tmp_path) == ["gwinong_desktop/thing.py:visible_rows"]
