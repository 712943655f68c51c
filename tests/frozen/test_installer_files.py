"""The installer's files, checked without building anything (quick suite).

Inno Setup cannot run here, so the script is read as text and its promises are checked: per-user,
a constant AppId, Korean, and never a word about deleting the data folder. The build's lists
(``installer/buildconfig.py``) are checked against the Qt modules the app really imports.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gwinong_desktop.cli import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "gwinong-desktop.iss"

# Never change it: a newer installer finds the installed version by this id (upgrade in place).
APP_ID = "{{A6DCD1FC-C9E3-4451-B4F7-8F47003F06E6}"

# What Inno Setup's constants are for a per-user install (PrivilegesRequired=lowest).
PER_USER_CONSTANTS = {
    "{autopf}": r"%LOCALAPPDATA%\Programs",
    "{userpf}": r"%LOCALAPPDATA%\Programs",
    "{localappdata}": r"%LOCALAPPDATA%",
    "{userappdata}": r"%APPDATA%",
}
# platformdirs.user_data_dir(APP_NAME, appauthor=False) on Windows (also settings, logs, demo).
DATA_FOLDER = rf"%LOCALAPPDATA%\{APP_NAME}"


def load(name: str) -> ModuleType:
    """A module of installer/ (not a package: the spec and build.py put it on sys.path)."""
    qualified = f"gwinong_installer_{name}"  # not "build": PyPA has a package of that name
    spec = importlib.util.spec_from_file_location(qualified, INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cfg() -> ModuleType:
    return load("buildconfig")


def iss_sections() -> dict[str, list[str]]:
    """The script's sections as lists of lines (comments and blank lines dropped)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def setup_directives() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in iss_sections()["Setup"])
    return {key.strip(): value.strip() for key, value in pairs}


def expand(path: str) -> str:
    for constant, value in PER_USER_CONSTANTS.items():
        path = path.replace(constant, value)
    return path.rstrip("\\").lower()


def test_the_script_is_utf8_with_a_byte_order_mark() -> None:
    # Without the mark Inno Setup reads the script as ANSI and the Korean text is garbled.
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_per_user_install_without_administrator_rights() -> None:
    setup = setup_directives()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never offers an all-users install
    assert setup["DefaultDirName"].startswith(("{autopf}", "{userpf}"))


def test_app_id_is_the_constant_one() -> None:
    assert setup_directives()["AppId"] == APP_ID


def test_installer_speaks_korean() -> None:
    languages = iss_sections()["Languages"]
    assert languages == ['Name: "korean"; MessagesFile: "compiler:Languages\\Korean.isl"']


def test_version_comes_from_the_command_line() -> None:
    setup = setup_directives()
    text = ISS.read_text(encoding="utf-8-sig")
    assert "#ifndef AppVersion\n  #error" in text  # no silent default version
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in setup["OutputBaseFilename"]
    assert setup["VersionInfoVersion"] == "{#AppFileVersion}"


def test_program_folder_is_not_the_data_folder() -> None:
    program = expand(setup_directives()["DefaultDirName"])
    data = DATA_FOLDER.lower()
    assert program == r"%localappdata%\programs\gwinong-desktop"
    assert not program.startswith(data + "\\") and not data.startswith(program + "\\")
    assert program != data
    # The [Code] guard refuses a chosen folder that overlaps the same data folder.
    assert f'#define DataFolderName "{APP_NAME}"' in ISS.read_text(encoding="utf-8-sig")


def test_nothing_outside_the_program_folder_is_ever_deleted() -> None:
    sections = iss_sections()
    for name in ("InstallDelete", "UninstallDelete"):
        for entry in sections.get(name, []):
            target = re.search(r'Name:\s*"([^"]+)"', entry).group(1)
            assert target.startswith("{app}\\"), entry
            assert target != "{app}\\", entry
    for line in [*sections.get("UninstallRun", []), *sections.get("Code", [])]:
        assert not re.search(r"DelTree|DeleteFile|RemoveDir|rmdir|del ", line, re.I), line


def test_upgrade_closes_the_running_app_and_reuses_the_folder() -> None:
    setup = setup_directives()
    assert setup["CloseApplications"] in ("yes", "force")
    assert setup.get("UsePreviousAppDir", "yes") == "yes"
    assert any("{app}\\_internal" in line for line in iss_sections()["InstallDelete"])


def test_shortcuts_and_icon() -> None:
    sections = iss_sections()
    setup = setup_directives()
    assert any(line.startswith('Name: "{autoprograms}\\') for line in sections["Icons"])
    desktop = [line for line in sections["Icons"] if "{autodesktop}" in line]
    assert desktop and all("Tasks: desktopicon" in line for line in desktop)
    assert setup["SetupIconFile"] == "..\\resources\\icons\\app.ico"
    assert (ROOT / "resources" / "icons" / "app.ico").is_file()


def test_installed_files_are_the_build_of_the_spec(cfg: ModuleType) -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    assert f'#define DistDir "..\\dist\\{cfg.APP_NAME}"' in text
    assert f'#define AppExeName "{cfg.APP_NAME}.exe"' in text
    assert f'#define AppTitle "{cfg.TITLE}"' in text


# --- the Windows version resource ---------------------------------------------------------------


def read_version_file(path: Path) -> dict:
    """Evaluate PyInstaller's VSVersionInfo text with stand-ins (PyInstaller's own reader needs
    pefile, a Windows-only dependency): returns the fixed numbers and the string table."""
    found: dict = {"strings": {}}

    def fixed(**kwargs):
        found.update(kwargs)

    def string(key, value):
        found["strings"][key] = value

    def record(*args, **kwargs):
        return (args, kwargs)

    names = {
        "VSVersionInfo": record,
        "FixedFileInfo": fixed,
        "StringFileInfo": record,
        "StringTable": record,
        "StringStruct": string,
        "VarFileInfo": record,
        "VarStruct": record,
    }
    eval(path.read_text(encoding="utf-8"), {"__builtins__": {}}, names)
    return found


def test_version_file_carries_the_pyproject_version(tmp_path: Path, cfg: ModuleType) -> None:
    version_info = load("version_info")
    version = cfg.project_version()
    out = version_info.write_version_file(tmp_path / "v.txt", exe_name="gwinong-desktop-cli.exe")
    info = read_version_file(out)
    assert info["filevers"] == info["prodvers"] == cfg.numeric_version(version)
    strings = info["strings"]
    assert strings["FileVersion"] == strings["ProductVersion"] == version
    assert strings["FileDescription"] == strings["ProductName"] == "귀농인의 집 관리"
    assert strings["OriginalFilename"] == "gwinong-desktop-cli.exe"
    assert strings["CompanyName"]


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0))],
)
def test_windows_version_numbers(cfg: ModuleType, version: str, numbers: tuple) -> None:
    assert cfg.numeric_version(version) == numbers


# --- what the build keeps ---------------------------------------------------------------------


def qt_modules_the_app_imports() -> set[str]:
    found = set()
    for path in (ROOT / "gwinong_desktop").rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:  # other tests fail on it; this one only looks for imports
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    found.add(parts[1])
    return found


def test_the_build_keeps_every_qt_module_the_app_imports(cfg: ModuleType) -> None:
    imported = qt_modules_the_app_imports()
    assert imported, "the scan found no PySide6 import at all"
    assert imported <= cfg.QT_MODULES_KEPT, (
        f"the frozen build excludes {sorted(imported - cfg.QT_MODULES_KEPT)}: add them to "
        "QT_MODULES_KEPT in installer/buildconfig.py (and take them out of the exclusions)"
    )
    assert not cfg.QT_MODULES_KEPT & set(cfg.QT_MODULES_EXCLUDED)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),  # libQt6Gui links it on Linux
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/plugins/imageformats/qjpeg.dll", True),
        ("PySide6/plugins/imageformats/qpdf.dll", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/plugins/tls/qschannelbackend.dll", False),
        ("PySide6/Qt/translations/qtbase_ko.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/opengl32sw.dll", False),
        ("gwinong_desktop/_resources/icons/app.svg", True),
    ],
)
def test_what_the_build_keeps(cfg: ModuleType, dest: str, kept: bool) -> None:
    assert cfg.keep_in_build(dest) is kept


def test_the_spec_and_scripts_are_valid_python() -> None:
    paths = [INSTALLER / "gwinong-desktop.spec", *INSTALLER.rglob("*.py")]
    assert {"build.py", "buildconfig.py"} <= {p.name for p in paths}
    broken = []
    for path in paths:
        try:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        except SyntaxError as exc:
            broken.append(f"{path.name}:{exc.lineno}: {exc.msg}")
    assert broken == []


def test_build_py_gives_inno_setup_the_pyproject_version(cfg: ModuleType, tmp_path: Path) -> None:
    build = load("build")
    version = cfg.project_version()
    command = build.iscc_command("ISCC.exe", tmp_path / "app", tmp_path / "out", version)
    assert f"/DAppVersion={version}" in command
    assert f"/DAppFileVersion={'.'.join(map(str, cfg.numeric_version(version)))}" in command
    assert f"/DDistDir={tmp_path / 'app'}" in command
    assert command[-1] == str(ISS)
