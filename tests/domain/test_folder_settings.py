"""The data folder's settings: declared once with type and default, and spelled nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gwinong_desktop.domain import folder_settings as fs

PACKAGE = Path(fs.__file__).resolve().parents[1]
DECLARATION = PACKAGE / "domain" / "folder_settings.py"


def test_a_missing_row_gives_the_declared_default() -> None:
    assert fs.COUNTY.parse(None) == ""
    assert fs.IDLE_MINUTES.parse(None) == 10
    assert fs.KEEP_DAILY.parse(None) == 14 and fs.KEEP_MONTHLY.parse(None) == 12


@pytest.mark.parametrize(("raw", "minutes"), [("", 10), ("열", 10), ("5", 5), ("0", 1), ("99", 60)])
def test_a_number_that_is_not_one_or_out_of_bounds(raw: str, minutes: int) -> None:
    assert fs.IDLE_MINUTES.parse(raw) == minutes


def test_text_is_kept_without_surrounding_spaces() -> None:
    assert fs.COUNTY.parse("  진안군 ") == "진안군"
    assert fs.COUNTY.text(" 진안군\n") == "진안군"
    assert fs.KEEP_DAILY.text(30) == "30"
    with pytest.raises(TypeError):
        fs.KEEP_DAILY.text("30")  # type: ignore[arg-type]


def test_every_setting_once_with_a_korean_label() -> None:
    keys = [s.key for s in fs.ALL]
    assert len(keys) == len(set(keys))
    declared = {v for v in vars(fs).values() if isinstance(v, fs.FolderSetting)}
    assert declared == set(fs.ALL)  # a new setting is listed in ALL
    for setting in fs.ALL:
        assert re.search("[가-힣]", setting.label), setting.key
        assert isinstance(setting.default, setting.type)


# a settings key written as a literal where the ``setting`` table is read or written
RAW_ACCESS = re.compile(
    r"""(get\((?:\w+\.)?Setting,\s*|Setting\(key=|Setting\.key\s*==\s*|Setting\.key\.in_\(\(?"""
    r"""|WHERE key\s*=\s*|\.setting\()["']"""
)


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != DECLARATION)


def test_no_setting_is_read_or_written_by_a_raw_key() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in _sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_ACCESS.search(line)
    ]
    assert found == []


def test_the_declared_keys_are_spelled_only_in_the_declaration() -> None:
    """Keys that are not also ordinary words of the code (a column named ``county``) must not
    appear anywhere else as a string."""
    unique = [s.key for s in fs.ALL if "." in s.key or s.key.startswith("demo_")]
    found = [
        f"{path.relative_to(PACKAGE)}: {key}"
        for path in _sources()
        for key in unique
        if re.search(rf"""["']{re.escape(key)}["']""", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_would_see_a_raw_read() -> None:
    for line in (
        'county = session.get(Setting, "county")',
        "row = conn.execute(\"SELECT value FROM setting WHERE key='county'\")",
        'select(m.Setting.value).where(m.Setting.key == "county")',
        'Setting.key.in_(("province", "county"))',
        'self.setting("county")',
    ):
        assert RAW_ACCESS.search(line), line
