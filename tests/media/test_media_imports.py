"""The media layer stays light at import time and keeps to its allowed imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import gwinong_desktop.demo
import gwinong_desktop.media

MEDIA_DIR = Path(gwinong_desktop.media.__file__).parent
DEMO_DIR = Path(gwinong_desktop.demo.__file__).parent
# every module that draws or reads pictures with Pillow: the media layer and the demo's photos
PILLOW_MODULES = [
    *sorted(MEDIA_DIR.glob("*.py")),
    DEMO_DIR / "pictures.py",
    DEMO_DIR / "_scenes.py",
]


@pytest.mark.process
def test_importing_the_media_modules_does_not_import_pillow_qt_or_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import gwinong_desktop.media, gwinong_desktop.media.store, gwinong_desktop.media.errors\n"
        "import gwinong_desktop.media.exif, gwinong_desktop.media.thumbs\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PIL', 'PySide6', 'sqlalchemy'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_media_imports_only_the_standard_library_pillow_and_domain() -> None:
    allowed = set(sys.stdlib_module_names) | {"PIL", "__future__"}
    problems = []
    for path in sorted(MEDIA_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in allowed or name.startswith("gwinong_desktop.domain"):
                    continue
                if top == "pi_heif" and path.name == "_heif.py":  # the one swappable door
                    continue
                problems.append(f"{path.name}: {name}")
    assert problems == []


def test_pillow_is_imported_only_inside_functions() -> None:
    module_level = []
    for path in PILLOW_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module and module.split(".")[0] == "PIL":
                    module_level.append(path.name)
    assert module_level == []


def test_the_heif_decoder_is_imported_in_one_module_only() -> None:
    package = MEDIA_DIR.parent
    users = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "pi_heif" in path.read_text(encoding="utf-8")
    )
    assert users == ["media/_heif.py"]
