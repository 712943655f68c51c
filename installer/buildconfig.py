"""What goes into the frozen one-folder build, in one place.

``gwinong-desktop.spec`` builds from these lists, ``build.py`` enforces the size limit, and the
tests check the build (``tests/frozen``) and the app's own Qt imports against them: a module the
app starts to import but that is not in :data:`QT_MODULES_KEPT` fails a quick test, not an
officer's start-up.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

APP_NAME = "gwinong-desktop"  # the dist folder and the GUI executable
CLI_NAME = "gwinong-desktop-cli"  # the console executable beside it (Windows needs both)
TITLE = "귀농인의 집 관리"  # FileDescription, ProductName, Start-menu entry
COMPANY = "gwinong-desktop"  # no publishing organisation yet: the project's name

# The limit for the unpacked one-folder build.
SIZE_LIMIT_MB = 250

# The Qt modules the app imports (``PySide6.QtX``); every other Qt module is excluded.
# QtPrintSupport: printing receipts and letters through Qt's print preview (ui/printing).
QT_MODULES_KEPT = frozenset({"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"})

# Every PySide6 module that is not kept (pyside6-essentials and the add-ons), so that no hook or
# stray import pulls one in. The spec also drops their libraries and plugins by name.
QT_MODULES_EXCLUDED = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCanvasPainter",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
)

# Shared-library stems (``libQt6<stem>.so.6`` / ``Qt6<stem>.dll``) that must never be in the build.
# A kept module's own libraries are not here: Core, Gui, Widgets, Svg, XcbQpa (the xcb platform),
# and DBus, which libQt6Gui links on Linux (the PySide6.QtDBus module is excluded all the same).
# The frozen test checks the build for every stem.
QT_LIBRARIES_EXCLUDED = (
    "3D",
    "Bluetooth",
    "Charts",
    "Concurrent",
    "Designer",
    "EglFS",
    "Help",
    "Labs",
    "Lottie",
    "Multimedia",
    "Network",
    "OpenGL",
    "Pdf",
    "Positioning",
    "Qml",
    "Quick",
    "Sql",
    "SvgWidgets",
    "Test",
    "UiTools",
    "VirtualKeyboard",
    "Wayland",
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "Wl",
    "Xml",
)

# Qt plugins kept, by folder, as file-name stems without the platform's prefix and suffix
# (``libqjpeg.so`` / ``qjpeg.dll`` -> ``qjpeg``). Folders not named here are dropped whole.
QT_PLUGINS_KEPT = {
    # offscreen: unattended runs and tests; xcb: a Linux desktop; windows: Windows
    "platforms": {"qoffscreen", "qxcb", "qwindows"},
    # photos are JPEG; icons are SVG (and the Windows .ico); PNG is built into QtGui
    "imageformats": {"qjpeg", "qsvg", "qico"},
    "iconengines": {"qsvgicon"},
    # the native Windows 11/10 look (qmodernwindowsstyle; older Qt: qwindowsvistastyle)
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    # printers: CUPS on a Linux desktop; on Windows Qt 6 prints from Qt6PrintSupport itself (the
    # plugin of older Qt kept in case a wheel still carries it)
    "printsupport": {"cupsprintersupport", "windowsprintersupport"},
}

# Qt's own translations: only Korean (standard buttons and dialogs) and English.
QT_TRANSLATION_LANGUAGES = ("ko", "en")

# Other files the Qt hooks collect that a widgets app never loads: the software OpenGL renderer
# of the Windows wheels (about 20 MB; widgets paint without OpenGL).
QT_FILES_EXCLUDED = frozenset({"opengl32sw.dll"})

# Python modules that are never needed at run time (tests, packaging, other GUI toolkits).
PYTHON_EXCLUDED = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc",
    "pydoc_data",
    "doctest",
    "unittest",
    "test",
    "setuptools",
    "pkg_resources",
    "pip",
    "wheel",
    "pytest",
    "_pytest",
    "pytestqt",
    "ruff",
    "PyInstaller",
    "IPython",
    "numpy",
    "matplotlib",
)


def project_version(root: Path = ROOT) -> str:
    """The one version number: ``[project] version`` in pyproject.toml."""
    with open(root / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: ``0.1.0`` -> (0, 1, 0, 0); ``1.2rc1`` -> (1, 2, 0, 0)."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if not match:
        raise ValueError(f"not a version number: {version!r}")
    parts = tuple(int(p or 0) for p in match.groups())
    if any(p > 65535 for p in parts):
        raise ValueError(f"a Windows version part must be at most 65535: {version!r}")
    return parts  # type: ignore[return-value]


def qt_plugin_stem(filename: str) -> str:
    """``libqjpeg.so`` -> ``qjpeg``; ``qjpeg.dll`` -> ``qjpeg``."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def is_excluded_qt_library(filename: str) -> bool:
    """Whether a file is the shared library of a Qt module we exclude (any platform's naming)."""
    match = re.match(r"^(?:lib)?Qt6(\w+?)(?:\.so(?:\.\d+)*|\.dll|\.dylib)?$", filename)
    if not match:
        return False
    return match.group(1).lower().startswith(tuple(s.lower() for s in QT_LIBRARIES_EXCLUDED))


def keep_in_build(dest: str) -> bool:
    """Whether a file collected for the build, by its path inside the build, is kept.

    Drops other Qt modules' libraries, plugin folders and files not in :data:`QT_PLUGINS_KEPT`,
    Qt translations other than :data:`QT_TRANSLATION_LANGUAGES`, and :data:`QT_FILES_EXCLUDED`.
    """
    parts = Path(dest.replace("\\", "/")).parts
    name = parts[-1]
    if is_excluded_qt_library(name) or name.lower() in QT_FILES_EXCLUDED:
        return False
    if parts[0] != "PySide6":
        return True
    if "plugins" in parts and parts.index("plugins") == len(parts) - 3:  # .../plugins/KIND/FILE
        kept = QT_PLUGINS_KEPT.get(parts[-2])
        return kept is not None and qt_plugin_stem(name) in kept
    if "translations" in parts and name.endswith(".qm"):  # qtbase_ko.qm
        return name[: -len(".qm")].rsplit("_", 1)[-1] in QT_TRANSLATION_LANGUAGES
    return True


def filtered_qt_collection(
    hiddenimports: list[str], binaries: list[tuple[str, str]], datas: list[tuple[str, str]]
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's Qt hook results with only what :func:`keep_in_build` keeps.

    Filtering in the hooks (``installer/hooks``), before PyInstaller follows each library's own
    dependencies, also keeps out the system libraries that only dropped plugins need."""
    excluded = {f"PySide6.{name}" for name in QT_MODULES_EXCLUDED}

    def kept(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(src, dest) for src, dest in pairs if keep_in_build(f"{dest}/{Path(src).name}")]

    return [m for m in hiddenimports if m not in excluded], kept(binaries), kept(datas)


def directory_size(path: Path) -> int:
    """Bytes under ``path`` (files only; symbolic links are not followed or counted twice)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
