"""The content-addressed store: naming, deduplication, atomic writes, verification, refusals."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import pytest

from gwinong_desktop.media import store as store_module
from gwinong_desktop.media.errors import MediaError, SourceFileError
from gwinong_desktop.media.store import ContentStore, FileBatch, StoredFile, extension_of

JPEG_BYTES = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _temp_files(root: Path) -> list[Path]:
    return [p for p in _files(root) if p.name.startswith(".tmp-")]


def test_put_bytes_names_the_file_by_its_sha256(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, "photos")
    stored = store.put_bytes(JPEG_BYTES, "IMG_0001.JPG")
    sha = hashlib.sha256(JPEG_BYTES).hexdigest()
    assert stored == StoredFile(
        sha256=sha,
        relative_path=f"photos/{sha[:2]}/{sha}.jpg",
        size_bytes=len(JPEG_BYTES),
        original_name="IMG_0001.JPG",
    )
    assert store.path_of(stored.relative_path) == tmp_path / "photos" / sha[:2] / f"{sha}.jpg"
    assert store.path_of(stored.relative_path).read_bytes() == JPEG_BYTES
    assert store.exists(stored.relative_path)


def test_relative_paths_are_posix_and_relative(tmp_path: Path) -> None:
    stored = ContentStore(tmp_path, "attachments").put_bytes(
        b"%PDF-1.4 test", r"C:\scan\계약서.PDF"
    )
    assert re.fullmatch(r"attachments/[0-9a-f]{2}/[0-9a-f]{64}\.pdf", stored.relative_path)
    assert "\\" not in stored.relative_path
    assert not Path(stored.relative_path).is_absolute()
    assert stored.original_name == "계약서.PDF"


def test_same_content_twice_is_kept_once(tmp_path: Path) -> None:
    source = tmp_path / "in" / "사진.jpg"
    source.parent.mkdir()
    source.write_bytes(JPEG_BYTES)
    store = ContentStore(tmp_path / "data", "photos")
    first = store.put_file(source)
    second = store.put_bytes(JPEG_BYTES, "copy of 사진.JPG")
    assert first.relative_path == second.relative_path
    assert first.sha256 == second.sha256
    assert second.original_name == "copy of 사진.JPG"
    assert _files(tmp_path / "data") == [store.path_of(first.relative_path)]


def test_put_file_keeps_the_bytes_exactly_across_chunks(tmp_path: Path) -> None:
    data = os.urandom(store_module.CHUNK_BYTES * 2 + 12345)
    source = tmp_path / "big.png"
    source.write_bytes(data)
    stored = ContentStore(tmp_path / "data", "photos").put_file(source)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size_bytes == len(data)
    assert (tmp_path / "data" / stored.relative_path).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "ext"),
    [("a.JPG", "jpg"), ("b.jpeg", "jpeg"), ("c.Pdf", "pdf"), ("noext", "bin"), ("d.", "bin")],
)
def test_extension_is_lower_case_from_the_original_name(name: str, ext: str) -> None:
    assert extension_of(name) == ext


def test_odd_extensions_become_bin() -> None:
    assert extension_of("사진.제이펙") == "bin"
    assert extension_of("x.a b") == "bin"
    assert extension_of("x." + "a" * 30) == "bin"


def test_no_temporary_file_is_left_after_storing(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, "photos")
    store.put_bytes(JPEG_BYTES, "a.jpg")
    store.put_bytes(JPEG_BYTES, "a.jpg")  # the duplicate's temporary copy is removed too
    store.put_bytes(b"other", "b.jpg")
    assert _temp_files(tmp_path) == []
    assert len(_files(tmp_path)) == 2


def test_the_final_name_appears_only_by_rename_of_a_complete_synced_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    seen: list[tuple[bytes, bool, bool]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        seen.append((Path(src).read_bytes(), Path(dst).exists(), bool(synced)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    stored = ContentStore(tmp_path, "photos").put_bytes(JPEG_BYTES, "a.jpg")
    assert seen == [(JPEG_BYTES, False, True)]
    assert (tmp_path / stored.relative_path).read_bytes() == JPEG_BYTES


def test_a_failed_write_leaves_neither_a_temp_file_nor_a_final_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: str | Path, dst: str | Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(MediaError) as caught:
        ContentStore(tmp_path, "photos").put_bytes(JPEG_BYTES, "현장.jpg")
    assert "현장.jpg" in caught.value.message
    assert "디스크 공간이 부족합니다" in str(caught.value)
    assert _files(tmp_path) == []


def test_verify_detects_a_modified_or_missing_file(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, "photos")
    stored = store.put_bytes(JPEG_BYTES, "a.jpg")
    assert store.verify(stored.relative_path, stored.sha256)
    path = store.path_of(stored.relative_path)
    damaged = bytearray(JPEG_BYTES)
    damaged[100] ^= 0xFF  # same size, one byte flipped
    path.write_bytes(bytes(damaged))
    assert not store.verify(stored.relative_path, stored.sha256)
    path.unlink()
    assert not store.verify(stored.relative_path, stored.sha256)
    assert not store.exists(stored.relative_path)


def test_storing_again_repairs_a_truncated_copy(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, "photos")
    stored = store.put_bytes(JPEG_BYTES, "a.jpg")
    store.path_of(stored.relative_path).write_bytes(JPEG_BYTES[:10])
    again = store.put_bytes(JPEG_BYTES, "a.jpg")
    assert again == stored
    assert store.verify(stored.relative_path, stored.sha256)


def test_missing_source_is_refused_in_korean(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError) as caught:
        ContentStore(tmp_path, "photos").put_file(tmp_path / "없는사진.jpg")
    assert caught.value.message == "파일을 찾을 수 없습니다: 없는사진.jpg"
    assert caught.value.file_name == "없는사진.jpg"
    assert not (tmp_path / "photos").exists() or _files(tmp_path / "photos") == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "폴더").mkdir()
    with pytest.raises(SourceFileError, match="폴더"):
        ContentStore(tmp_path / "data", "photos").put_file(tmp_path / "폴더")


def test_an_unreadable_source_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "secret.jpg"
    source.write_bytes(JPEG_BYTES)
    real_open = Path.open

    def no_permission(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == source:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", no_permission)
    with pytest.raises(SourceFileError) as caught:
        ContentStore(tmp_path / "data", "photos").put_file(source)
    assert caught.value.message == "파일을 열 권한이 없습니다: secret.jpg"


def test_a_read_error_midway_is_refused_and_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "usb.jpg"
    source.write_bytes(JPEG_BYTES * 1000)
    chunks = iter([b"first chunk"])

    class FlakyFile:
        def __enter__(self) -> FlakyFile:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, size: int) -> bytes:
            for chunk in chunks:
                return chunk
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(store_module, "_open_source", lambda path: FlakyFile())
    with pytest.raises(SourceFileError, match=r"파일을 읽는 중 오류가 났습니다: usb\.jpg"):
        ContentStore(tmp_path / "data", "photos").put_file(source)
    assert _files(tmp_path / "data") == []


@pytest.mark.parametrize(
    "bad",
    [
        "../photos/ab/x.jpg",
        "/etc/passwd",
        "attachments/ab/x.pdf",
        "photos/../../x",
        r"photos\ab\x.jpg",
        "photos",
    ],
)
def test_path_of_refuses_paths_outside_the_store(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        ContentStore(tmp_path, "photos").path_of(bad)


def test_unknown_kind_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ContentStore(tmp_path, "videos")


def test_a_file_batch_copies_hashes_and_places_only_what_is_wanted(tmp_path, monkeypatch):
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr("os.fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    monkeypatch.setattr("os.sync", lambda: pytest.fail("the whole machine synced"), raising=False)
    sources = []
    for i, data in enumerate((b"one", b"two", b"one", b"not wanted")):
        path = tmp_path / f"src{i}.JPG"
        path.write_bytes(data)
        sources.append(path)
    root = tmp_path / "data"
    with FileBatch(root) as batch:
        for path in sources:
            batch.add("photos", path)
        shas = [batch.result("photos", p).sha256 for p in sources]
        assert shas == [hashlib.sha256(p.read_bytes()).hexdigest() for p in sources]
        assert not list((root / "photos").rglob("*.jpg"))  # nothing under a final name yet
        stored = batch.place([("photos", p) for p in sources[:3]])
    assert len(synced) >= 4  # each copy synced before its rename, the folders after
    assert stored[0].relative_path == stored[2].relative_path  # the same bytes kept once
    store = ContentStore(root, "photos")
    for s in stored:
        assert store.verify(s.relative_path, s.sha256)
    files = sorted(p.name for p in (root / "photos").rglob("*") if p.is_file())
    assert files == sorted({f"{s.sha256}.jpg" for s in stored})  # no temp, nothing unwanted


def test_a_file_batch_left_on_an_error_leaves_no_temporary_file(tmp_path):
    good = tmp_path / "a.jpg"
    good.write_bytes(b"a")
    root = tmp_path / "data"
    with pytest.raises(SourceFileError), FileBatch(root) as batch:
        batch.add("photos", good)
        batch.add("photos", tmp_path / "missing.jpg")
        assert batch.result("photos", good).size_bytes == 1
        batch.result("photos", tmp_path / "missing.jpg")
    assert [p for p in (root / "photos").rglob("*") if p.is_file()] == []
