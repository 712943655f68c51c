"""Every test checks something: a test that only runs code passes whatever the code does.

A test checks when its body (or a helper it calls, defined in the test tree, followed through
any depth) holds an ``assert``, ``pytest.raises``/``warns``/``fail``, a pytest-qt wait that fails
on a timeout (``waitSignal``/``waitUntil``/… unless ``raising=False``), or a mock's ``assert_…``.
Running code and relying on it not to raise is not a check: say what must hold.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent

RAISING = {"raises", "warns", "deprecated_call", "fail"}  # pytest.<name>
QT_WAITS = {"waitSignal", "waitSignals", "waitUntil", "waitCallback", "assertNotEmitted"}


@dataclass
class Module:
    path: Path
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    imported: dict[str, str] = field(default_factory=dict)  # local name -> module name


def _module_file(name: str, importer: Path) -> Path | None:
    """The test-tree file a ``from name import …`` refers to, if it is one."""
    parts = name.lstrip(".").split(".")
    if parts and parts[0] == "tests":
        parts = parts[1:]
    for base in (importer.parent, TESTS):
        candidate = base.joinpath(*parts).with_suffix(".py")
        if parts and candidate.is_file():
            return candidate
    return None


def _load(path: Path) -> Module:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    module = Module(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            module.functions.setdefault(node.name, node)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                module.imported[alias.asname or alias.name] = node.module
    return module


class Scan:
    def __init__(self) -> None:
        self.modules: dict[Path, Module] = {}

    def module(self, path: Path) -> Module:
        if path not in self.modules:
            self.modules[path] = _load(path)
        return self.modules[path]

    def resolve(self, module: Module, name: str) -> tuple[Module, ast.AST] | None:
        if name in module.functions:
            return module, module.functions[name]
        source = module.imported.get(name)
        target = _module_file(source, module.path) if source else None
        if target is not None:
            other = self.module(target)
            if name in other.functions:
                return other, other.functions[name]
        return None

    def checks(self, module: Module, node: ast.AST, seen: set[int] | None = None) -> bool:
        seen = set() if seen is None else seen
        if id(node) in seen:
            return False
        seen.add(id(node))
        for inner in ast.walk(node):
            if isinstance(inner, ast.Assert):
                return True
            if not isinstance(inner, ast.Call):
                continue
            func = inner.func
            if isinstance(func, ast.Attribute):
                if func.attr in RAISING and _name_of(func.value) == "pytest":
                    return True
                if func.attr in QT_WAITS and not _raising_off(inner):
                    return True
                if func.attr.startswith("assert_"):  # unittest.mock's assert_called_once …
                    return True
            elif isinstance(func, ast.Name):
                if func.id in RAISING and module.imported.get(func.id) == "pytest":
                    return True
                found = self.resolve(module, func.id)
                if found is not None and self.checks(*found, seen):
                    return True
        return False


def _name_of(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _raising_off(call: ast.Call) -> bool:
    return any(
        k.arg == "raising" and isinstance(k.value, ast.Constant) and not k.value.value
        for k in call.keywords
    )


def unchecked_tests(root: Path = TESTS) -> list[str]:
    scan = Scan()
    found = []
    for path in sorted(root.rglob("test_*.py")):
        module = scan.module(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        tests = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test")
        ]
        found += [
            f"{path.relative_to(root.parent)}:{node.lineno} {node.name}"
            for node in tests
            if not scan.checks(module, node)
        ]
    return found


def test_every_test_checks_something() -> None:
    assert unchecked_tests() == []


def test_the_scan_finds_a_test_that_checks_nothing(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text(
        "def verify(x):\n    assert x\n\ndef just_run(x):\n    return x\n", encoding="utf-8"
    )
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n"
        "from helpers import just_run, verify\n\n"
        "def test_runs_only():\n    just_run(1)\n\n"
        "def test_waits_without_raising(qtbot, w):\n"
        "    with qtbot.waitSignal(w.sig, raising=False):\n        w.go()\n\n"
        "def test_asserts():\n    assert 1\n\n"
        "def test_through_a_helper():\n    verify(1)\n\n"
        "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n\n"
        "def test_waits(qtbot, w):\n    with qtbot.waitSignal(w.sig):\n        w.go()\n\n"
        "class TestGroup:\n    def test_in_a_class(self):\n        just_run(2)\n",
        encoding="utf-8",
    )
    found = [line.split(" ", 1)[1] for line in unchecked_tests(tmp_path)]
    assert found == ["test_runs_only", "test_waits_without_raising", "test_in_a_class"]
