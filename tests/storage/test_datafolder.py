from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from gwinong_desktop.storage.datafolder import (
    ExitCode,
    FolderLock,
    StorageError,
    is_network_path,
    mount_fstype,
    prepare_folder,
    synced_folder_kind,
)

MOUNTINFO = """\
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
30 22 0:40 / /mnt/office rw,relatime - cifs //fileserver/share rw,vers=3.0
31 22 0:41 / /mnt/nfs\\040home rw - nfs4 server:/home rw
32 30 8:2 / /mnt/office/usb rw - vfat /dev/sdb1 rw
"""


def test_new_folder_is_created_with_subfolders(tmp_path: Path) -> None:
    folder = prepare_folder(tmp_path / "a" / "b")
    for name in ("photos", "attachments", "backups", "reports"):
        assert (folder.root / name).is_dir()
    assert folder.warnings == []


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(StorageError) as err:
        prepare_folder(target)
    assert err.value.exit_code == ExitCode.FOLDER_UNUSABLE
    assert "폴더가 아니라 파일" in err.value.message
    assert target.read_text() == "x"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores modes")
def test_unwritable_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError) as err:
            prepare_folder(target)
        assert "쓸 수 없습니다" in err.value.message
    finally:
        target.chmod(stat.S_IRWXU)


def test_write_probe_failure_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal when the OS denies writing (as root, modes cannot show it)."""
    import builtins

    from gwinong_desktop.storage import datafolder

    def denying_open(path, mode="r", *args, **kwargs):
        if "w" in mode and ".write-test-" in str(path):
            raise PermissionError(13, "Permission denied")
        return builtins.open(path, mode, *args, **kwargs)

    monkeypatch.setattr(datafolder, "open", denying_open, raising=False)
    with pytest.raises(StorageError) as err:
        prepare_folder(tmp_path)
    assert err.value.exit_code == ExitCode.FOLDER_UNUSABLE
    assert "쓸 수 없습니다" in err.value.message
    assert "Permission denied" in err.value.message


def test_uncreatable_folder_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("I am a file")
    with pytest.raises(StorageError) as err:
        prepare_folder(blocker / "inside")
    assert err.value.exit_code == ExitCode.FOLDER_UNUSABLE
    assert "만들 수 없습니다" in err.value.message


@pytest.mark.parametrize(
    ("path", "fstype", "network"),
    [
        ("/home/officer/data", "ext4", False),
        ("/mnt/office/gwinong", "cifs", True),
        ("/mnt/office", "cifs", True),
        ("/mnt/officer", "ext4", False),  # a prefix of a mount point is not inside it
        ("/mnt/office/usb/data", "vfat", False),  # the longest mount point wins
        ("/mnt/nfs home/x", "nfs4", True),  # escaped spaces in mount points
    ],
)
def test_network_detection_from_mountinfo(path: str, fstype: str, network: bool) -> None:
    assert mount_fstype(Path(path), MOUNTINFO) == fstype
    assert is_network_path(Path(path), MOUNTINFO) is network


def test_network_folder_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "gwinong_desktop.storage.datafolder.is_network_path", lambda path, mountinfo=None: True
    )
    folder = prepare_folder(tmp_path / "share")
    assert folder.on_network
    assert "네트워크 드라이브" in folder.warnings[0]


def test_lock_is_exclusive_and_names_the_holder(tmp_path: Path) -> None:
    folder = prepare_folder(tmp_path)
    first = FolderLock(folder, "화면").acquire()
    with pytest.raises(StorageError) as err:
        FolderLock(folder, "가져오기").acquire()
    assert err.value.exit_code == ExitCode.IN_USE
    assert "다른 프로그램이 사용 중" in err.value.message
    assert "화면" in err.value.message
    first.release()
    second = FolderLock(folder, "가져오기").acquire()
    assert second.held
    second.release()


# --- synced folders (OneDrive, Dropbox, …) ---------------------------------------------------


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/home/kim/OneDrive/귀농인의집", "OneDrive"),
        ("/home/kim/OneDrive - 진안군청/자료", "OneDrive"),
        ("/home/kim/Dropbox/gwinong", "Dropbox"),
        ("/Volumes/GoogleDrive/내 드라이브/gw", "Google Drive"),
        ("/home/kim/Google Drive/gw", "Google Drive"),
        ("/Users/kim/Library/Mobile Documents/com~apple~CloudDocs/gw", "iCloud Drive"),
        ("/home/kim/iCloudDrive/gw", "iCloud Drive"),
        ("/home/kim/네이버 MYBOX/gw", "네이버 MYBOX"),
        ("/home/kim/MYBOX/gw", "네이버 MYBOX"),
        ("/home/kim/SynologyDrive/gw", "Synology Drive"),
        ("/home/kim/gwinong-data", None),
        ("/home/kim/dropboxes-old/gw", None),
    ],
)
def test_synced_folder_names(path: str, kind: str | None) -> None:
    assert synced_folder_kind(Path(path), env={}) == kind


def test_onedrive_found_by_its_environment_variable(tmp_path: Path) -> None:
    moved = tmp_path / "업무자료"  # OneDrive's folder renamed or moved: only the variable knows
    assert synced_folder_kind(moved / "gw", env={"OneDriveCommercial": str(moved)}) == "OneDrive"
    assert synced_folder_kind(tmp_path / "other", env={"OneDrive": str(moved)}) is None


def test_a_synced_data_folder_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OneDrive", str(tmp_path))
    folder = prepare_folder(tmp_path / "data")
    assert len(folder.warnings) == 1
    assert "OneDrive 동기화 폴더" in folder.warnings[0] and "개인정보" in folder.warnings[0]
    assert not folder.on_network  # still used with WAL: the files themselves are local
