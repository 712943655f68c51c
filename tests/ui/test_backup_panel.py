"""The safety section of 설정: backup now, rotation and second folder, restore, the data check,
and the automatic backups (daily, on exit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from gwinong_desktop.services import Services, safety
from gwinong_desktop.ui.safety import AutoBackup, BackupPanel
from gwinong_desktop.ui.safety.backup_panel import describe_entry


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Message boxes answered without a person: questions get Yes; every text is recorded."""
    seen: dict[str, list] = {"question": [], "information": [], "warning": [], "critical": []}

    def recorder(kind: str, answer=None):
        def box(parent, title, text, *rest):
            seen[kind].append(text)
            return answer

        return box

    monkeypatch.setattr(
        QMessageBox, "question", recorder("question", QMessageBox.StandardButton.Yes)
    )
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


def photo_files(services: Services, n: int) -> list[Path]:
    """``n`` new photo rows with their files (the shared fixture's own photos are left alone)."""
    from sqlalchemy import select

    from gwinong_desktop.domain.enums import PhotoPhase
    from gwinong_desktop.media.store import ContentStore
    from gwinong_desktop.storage.models import House, Photo

    root = services.ctx.db.folder.root
    paths = []
    with services.ctx.write() as s:
        house_id = s.scalar(select(House.id).order_by(House.code))
        for i in range(n):
            f = ContentStore(root, "photos").put_bytes(b"test photo %d " % i * 500, f"t{i}.jpg")
            s.add(Photo(house_id=house_id, phase=PhotoPhase.BEFORE, sha256=f.sha256,
                        stored_path=f.relative_path, size_bytes=f.size_bytes))  # fmt: skip
            paths.append(root / f.relative_path)
    return paths


def missing_files(services: Services) -> int:
    return sum(p.kind == "file_missing" for p in services.safety.check(quick=True))


@pytest.fixture
def make_panel(qtbot, services: Services):
    def make() -> BackupPanel:
        panel = BackupPanel(services)
        qtbot.addWidget(panel)
        return panel

    return make


def test_panel_shows_state_and_defaults(make_panel) -> None:
    panel = make_panel()
    assert panel.last_label.text() == "아직 없습니다"
    assert (panel.keep_daily.value(), panel.keep_monthly.value()) == (14, 12)
    assert "없음" in panel.second_label.text() and not panel.clear_button.isEnabled()
    assert panel.progress.isHidden() and panel.cancel_button.isHidden()


def test_backup_now(qtbot, make_panel, services: Services, boxes) -> None:
    photo_files(services, 1)[0].unlink()
    missing = missing_files(services)
    panel = make_panel()
    with qtbot.waitSignal(panel.sig_backup_done, timeout=20_000) as blocker:
        panel.backup_button.click()
    result = blocker.args[0]
    assert result.path.exists() and result.path.parent == services.safety.backups_folder
    assert panel.last_label.text() == describe_entry(services.safety.last_backup())
    assert "직접 만든 백업" in panel.last_label.text()
    assert "검사 완료" in panel.status_label.text()
    # a photo row without its file: the officer is told, not left guessing
    assert any(f"{missing}건" in t and "데이터 점검" in t for t in boxes["warning"]), boxes
    assert panel.backup_button.isEnabled()


def test_rotation_and_second_folder_are_saved(
    qtbot, make_panel, services: Services, tmp_path: Path, monkeypatch
) -> None:
    panel = make_panel()
    panel.keep_daily.setValue(30)
    panel.keep_monthly.setValue(6)
    panel.keep_monthly.editingFinished.emit()
    qtbot.waitUntil(lambda: services.safety.settings().keep_daily == 30, timeout=3000)
    assert services.safety.settings().keep_monthly == 6
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    panel.choose_button.click()
    assert services.safety.settings().second_folder == usb
    assert panel.second_label.text() == str(usb) and panel.clear_button.isEnabled()
    panel.clear_button.click()
    assert services.safety.settings().second_folder is None


def test_a_clean_check_says_no_problems_once(qtbot, demo_services: Services) -> None:
    panel = BackupPanel(demo_services)  # the demo county: every file there, nothing wrong
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.task.sig_finished, timeout=60_000):
        panel.check_view.check_button.click()
    shown = [label.text() for label in panel.findChildren(QLabel) if label.isVisible()]
    assert panel.check_view.summary.text() == "문제가 없습니다."
    assert sum(text.count("문제가 없습니다") for text in shown) == 1
    assert panel.status_label.text().startswith("데이터 점검을 마쳤습니다 (")


def test_data_check_lists_problems_and_repairs_them(
    qtbot, make_panel, services: Services, boxes
) -> None:
    gone, edited = photo_files(services, 2)
    services.safety.backup()  # holds intact copies
    gone.unlink()
    edited.write_bytes(b"edited")
    panel = make_panel()
    view = panel.check_view
    with qtbot.waitSignal(panel.task.sig_finished, timeout=30_000):
        view.check_button.click()

    def ours() -> list[str]:
        texts = [view.results.item(i).text() for i in range(view.results.count())]
        return [t for t in texts if gone.name in t or edited.name in t]

    assert not view.results.isHidden() and len(ours()) == 2
    assert any("파일이 없습니다" in t and gone.name in t for t in ours())
    assert any("손상" in t and edited.name in t for t in ours())
    assert all("귀농인의 집 " in t and "uid" in t for t in ours())  # the record is named
    assert view.summary.text().startswith("문제") and view.repair_button.isEnabled()
    with qtbot.waitSignal(panel.task.sig_finished, timeout=30_000):
        view.repair_button.click()
    assert boxes["question"]  # asked first
    assert all("복구함" in t for t in ours()) and "고친" in view.summary.text()
    assert gone.exists() and edited.read_bytes() != b"edited"


def test_restore_from_a_backup(qtbot, make_panel, services: Services, boxes, monkeypatch) -> None:
    file = services.safety.backup().path
    before = len(services.houses.list_houses())
    with services.ctx.write() as s:
        from gwinong_desktop.storage.models import House  # the test's own change to undo

        s.add(House(code="진안-2026-01", sido="전북", sigun="진안군", eupmyeon="주천면",
                    development_type="repair", program_year=2026))  # fmt: skip
    assert len(services.houses.list_houses()) == before + 1
    panel = make_panel()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    with qtbot.waitSignal(panel.sig_restored, timeout=30_000) as blocker:
        panel.restore_button.click()
    assert "2025" in boxes["question"][0] or file.name in boxes["question"][0]
    assert "진안군" in boxes["question"][0] and "자동으로 백업" in boxes["question"][0]
    assert len(services.houses.list_houses()) == before  # the same services, restored data
    assert blocker.args[0].before_backup.exists()
    assert "복원 직전 상태" in boxes["information"][0]
    assert "복원 직전 자동" in panel.last_label.text()


def test_bad_backup_is_refused_with_a_message(
    make_panel, services: Services, boxes, tmp_path: Path, monkeypatch
) -> None:
    bad = tmp_path / "broken.gwbak"
    bad.write_bytes(b"not a backup")
    panel = make_panel()
    emitted = []
    panel.sig_restored.connect(emitted.append)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    panel.restore_button.click()
    assert "백업 파일이 아니거나" in boxes["critical"][0] and "그대로" in boxes["critical"][0]
    assert emitted == [] and boxes["question"] == []


def test_declined_restore_changes_nothing(
    make_panel, services: Services, boxes, monkeypatch
) -> None:
    file = services.safety.backup().path
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    panel = make_panel()
    assert panel.restore(file) is False
    assert [e.kind for e in services.safety.list_backups()] == ["manual"]


def test_daily_backup_at_start_and_exit_backup(qtbot, services: Services) -> None:
    auto = AutoBackup(services)
    messages: list[str] = []
    auto.sig_message.connect(messages.append)
    with qtbot.waitSignal(auto.sig_backup_done, timeout=20_000) as blocker:
        assert auto.backup_if_due()
    assert blocker.args[0].path.name.endswith("-daily.gwbak")
    assert "자동 백업을 만들었습니다" in messages[0]
    assert not auto.backup_if_due()  # not due again today
    assert auto.backup_on_exit() is True
    kinds = [e.kind for e in services.safety.list_backups()]
    assert kinds == ["daily"]  # nothing changed since: the exit backup was not written again


def test_exit_backup_failure_asks_before_closing(services: Services, boxes, monkeypatch) -> None:
    def broken(*a, **k):
        raise OSError("disk gone")

    monkeypatch.setattr(safety.SafetyService, "automatic_backup", broken)
    auto = AutoBackup(services)
    assert auto.backup_on_exit() is True  # the (recorded) answer was Yes
    assert "그래도 끝낼까요" in boxes["question"][0]


def test_only_what_the_role_may_do_is_offered(make_panel) -> None:
    panel = make_panel()
    panel.set_permissions(backup=True, restore=False, repair=False, settings=False)
    assert panel.backup_button.isEnabled() and not panel.restore_button.isEnabled()
    assert not panel.keep_daily.isEnabled() and not panel.choose_button.isEnabled()
    assert panel.check_view.check_button.isEnabled()  # checking changes nothing: always
    assert not panel.check_view.repair_button.isEnabled()


def test_a_role_that_may_not_is_refused_by_the_service_not_only_the_button(
    qtbot, database, boxes, monkeypatch
) -> None:
    """Even with every button left enabled, a 열람 account's backup, restore and repair stop
    in ``SafetyService`` with its Korean refusal; the automatic backup still runs for it."""
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import Actor, NotPermitted, Permission

    viewer = Actor("reader", "이열람", Role.VIEWER, None)
    admin_file = Services.over(database).safety.backup().path
    panel = BackupPanel(Services.over(database, viewer))
    qtbot.addWidget(panel)  # set_permissions is not called: everything is offered
    with qtbot.waitSignal(panel.task.sig_failed, timeout=20_000) as failed:
        panel.backup_button.click()
    assert failed.args[0] == NotPermitted(Permission.BACKUP, Role.VIEWER).message
    assert boxes["warning"] == [failed.args[0]]
    with qtbot.waitSignal(panel.task.sig_failed, timeout=20_000) as failed:
        panel.check(repair=True)
    assert failed.args[0] == NotPermitted(Permission.REPAIR, Role.VIEWER).message
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(admin_file), ""))
    assert panel.restore(admin_file) is False
    assert boxes["critical"] == [NotPermitted(Permission.RESTORE, Role.VIEWER).message]
    assert [e.path for e in Services.over(database).safety.list_backups()] == [admin_file]
    # the automatic backup is the program's own work: it runs for a 열람 session too
    auto = AutoBackup(Services.over(database, viewer))
    asked = len(boxes["question"])  # the restore's confirmation came before its refusal
    assert auto.backup_on_exit() is True and len(boxes["question"]) == asked  # no failure
    assert "exit" in [e.kind for e in Services.over(database).safety.list_backups()]
