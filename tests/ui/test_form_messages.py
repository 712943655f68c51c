"""Messages in the forms are readable: never cut off or over a hint, gone once the field is
fixed, rule warnings marked on the form after "돌아가서 고치기", examples that read as examples."""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.services import Services
from gwinong_desktop.ui.forms.development_dialog import DevelopmentDialog
from gwinong_desktop.ui.forms.house_dialog import HouseDialog
from gwinong_desktop.ui.forms.lease_dialog import LeaseDialog
from gwinong_desktop.ui.forms.line_tables import BAD_CELL
from gwinong_desktop.ui.forms.operator_dialog import OperatorDialog
from gwinong_desktop.ui.forms.plan_dialog import AnnualPlanDialog
from gwinong_desktop.ui.forms.warnings_dialog import WarningsDialog
from gwinong_desktop.ui.register_settings import CountyProfilePanel
from gwinong_desktop.ui.residents.recruitment_dialogs import RoundDialog


def _fill(dialog: HouseDialog, **texts: str) -> None:
    values = {
        "eupmyeon": "용담면", "ri": "옥거리", "jibun": "55", "structure": "목조", "rooms": "2",
        "build_year": "1981", "land_area": "400", "floor_area": "66.5",
    }  # fmt: skip
    values.update(texts)
    dialog.development_type.setCurrentIndex(
        dialog.development_type.findData(DevelopmentType.REPAIR)
    )
    for name, text in values.items():
        getattr(dialog, name).setText(text)


def _settle() -> None:
    for _ in range(3):  # the layouts run on posted events
        QApplication.processEvents()


def _in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def test_a_long_error_wraps_and_is_shown_whole(house_dialog):
    before = house_dialog.height()
    _fill(house_dialog, build_year="3020", rooms="-1", floor_area="넓음", eupmyeon="")
    assert not house_dialog.try_save()
    _settle()
    error = house_dialog.fields.errors["build_year"]
    assert "1800~" in error.text() and error.wordWrap()
    assert error.fontMetrics().horizontalAdvance(error.text()) > error.width()  # it wraps …
    assert error.height() >= error.heightForWidth(error.width())  # … and every line shows
    viewport = house_dialog.scroll.viewport()
    for name in ("build_year", "rooms", "floor_area_m2", "eupmyeon"):
        line = house_dialog.fields.errors[name]
        assert viewport.rect().contains(_in(line, viewport)), name  # nothing scrolled away
    assert house_dialog.height() > before  # the dialog grew to hold them


def test_an_error_never_covers_the_hint_of_its_field(qtbot, services):
    house = services.houses.list_houses()[-1]
    dialog = LeaseDialog(services, house.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.lease.end_on.setText("2031.2.30.")
    assert not dialog.try_save()
    _settle()
    error = dialog.fields.errors["end_on"]
    hint = next(
        label for label in error.parentWidget().findChildren(QLabel)
        if label.objectName() == "formHint"
    )  # fmt: skip
    assert "없는 날짜" in error.text() and hint.isVisible()
    assert not _in(error, dialog).intersects(_in(hint, dialog))
    assert _in(error, dialog).top() >= _in(hint, dialog).bottom()


def test_an_error_goes_once_its_field_is_edited(house_dialog):
    _fill(house_dialog, rooms="-1", build_year="3020")
    assert not house_dialog.try_save()
    assert "2군데" in house_dialog.summary.text()
    house_dialog.rooms.setText("2")
    assert house_dialog.error_text("rooms") == ""
    assert house_dialog.rooms.property("invalid") == "false"
    assert house_dialog.error_text("build_year") != ""  # the other one stays until fixed
    assert house_dialog.summary.text().startswith("저장하지 않았습니다. 표시한 곳을 고치세요.")
    house_dialog.build_year.setText("1980")
    assert house_dialog.summary.isHidden()


def test_a_refused_cell_loses_its_colour_when_typed_again(qtbot, services):
    house = services.houses.list_houses()[-1]
    dialog = DevelopmentDialog(services, house.id, services.works.for_house(house.id)[0].id)
    qtbot.addWidget(dialog)
    row = dialog.payments.add_line(["2025.5.1.", "만원이요"])
    assert not dialog.try_save()
    cell = dialog.payments.table.item(row, dialog.payments.AMOUNT)
    assert cell.background().color() == BAD_CELL
    assert "자부담 집행 1번째 줄" in dialog.error_text("own_payments")
    cell.setText("10,000")  # typed again, as the officer would
    assert cell.background().color() != BAD_CELL
    assert dialog.error_text("own_payments") == ""


def _back_from_warnings(typed: str, seen: list) -> None:
    """When the warnings open, note the reasons shown, type ``typed``, press 돌아가서 고치기."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, WarningsDialog):
            seen.append({rule: edit.text() for rule, edit in dialog.reason_edits.items()})
            for edit in dialog.reason_edits.values():
                edit.setText(typed)
            dialog.back_button.click()
        else:  # not open yet
            QTimer.singleShot(10, act)

    QTimer.singleShot(0, act)


def test_going_back_to_fix_marks_the_field_and_focuses_it(house_dialog, services):
    _fill(house_dialog, rooms="1")
    house_dialog.code.setFocus()
    seen: list = []
    _back_from_warnings("부부 전용", seen)
    assert not house_dialog.try_save()
    assert "방이 2개보다 적습니다" in house_dialog.error_text("rooms")
    assert house_dialog.rooms.property("invalid") == "warning"
    assert house_dialog.fields.errors["rooms"].property("kind") == "warning"
    assert house_dialog.focusWidget() is house_dialog.rooms
    assert "규칙에 맞지 않는 곳을 표시했습니다" in house_dialog.summary.text()
    # the reason typed before going back is offered again, and was never saved on its own
    _back_from_warnings("", seen)
    assert not house_dialog.try_save()
    assert seen == [{"rooms_min": ""}, {"rooms_min": "부부 전용"}]
    assert house_dialog.saved is None
    house_dialog.rooms.setText("2")  # fixed: the mark goes
    assert house_dialog.error_text("rooms") == "" and house_dialog.summary.isHidden()


def _forms(services: Services) -> list[QWidget]:
    house = services.houses.list_houses()[-1]
    return [
        HouseDialog(services),
        LeaseDialog(services, house.id),
        DevelopmentDialog(services, house.id),
        OperatorDialog(services),
        AnnualPlanDialog(services, 2026),
        RoundDialog(services, house_id=house.id),
        CountyProfilePanel(services),
    ]


def test_grey_examples_read_as_examples(qtbot, services):
    examples = []
    for form in _forms(services):
        qtbot.addWidget(form)
        for edit in form.findChildren(QLineEdit):
            if edit.placeholderText():
                examples.append((form.objectName(), edit.placeholderText()))
    assert len(examples) >= 30
    assert [e for e in examples if not e[1].startswith("예: ")] == []
    house = dict((text, form) for form, text in examples)
    for shown in ("예: 2", "예: 1980", "예: 66.12"):
        assert house[shown] == "houseDialog"
