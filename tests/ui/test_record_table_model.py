"""RecordTableModel over a list that holds personal data: masking by role, search, filters,
sort and export all follow the column declarations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gwinong_desktop.ui.records import ARCHIVED_COLOUR, Align, Column, RecordTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


class Phase(Enum):  # declared in an order that is not alphabetical
    WAITING = "대기"
    CHOSEN = "선정"
    DROPPED = "탈락"


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    phone: str
    phase: Phase
    score: int | None
    archived: bool = False


def star(text: str) -> str:
    return text[0] + "*" * (len(text) - 1)


COLUMNS = (
    Column("name", "성명", lambda p: p.name, mask=star),
    Column("phone", "연락처", lambda p: p.phone, mask=lambda t: t[:4] + "****" + t[-5:]),
    Column("phase", "상태", lambda p: p.phase.value, colour=lambda p: "#2f7d32"),
    Column("score", "점수", lambda p: "" if p.score is None else str(p.score),
           sort=lambda p: p.score, align=Align.RIGHT, export=lambda p: p.score,
           number_format="0"),
    Column("note", "메모", lambda p: "", sortable=False),
)  # fmt: skip
PEOPLE = [
    Person(1, "김영수", "010-1234-5678", Phase.CHOSEN, 87),
    Person(2, "박민지", "010-2222-3333", Phase.WAITING, None),
    Person(3, "이하늘", "010-9876-5432", Phase.DROPPED, 92, archived=True),
    Person(4, "가나다", "010-5555-0000", Phase.WAITING, 60),
]


@pytest.fixture
def model(qapp) -> RecordTableModel[Person]:
    model = RecordTableModel(
        COLUMNS, context="Test", filter_fields=("phase",), archived=lambda p: p.archived
    )
    model.set_rows(PEOPLE)
    return model


def shown(model, key: str) -> list[str]:
    column = model.column_index(key)
    return [model.index(r, column).data(DISPLAY) for r in range(model.rowCount())]


def test_personal_columns_are_masked_until_the_role_may_see_them(model):
    assert shown(model, "name")[0] == "김**"
    assert shown(model, "phone")[0] == "010-****-5678"
    assert shown(model, "phase")[0] == "선정"  # not personal: as it is
    model.set_personal_visible(True)
    assert shown(model, "name")[0] == "김영수"
    assert shown(model, "phone")[0] == "010-1234-5678"


def test_masked_data_cannot_be_found_by_searching_it(model):
    model.set_filter_text("영수")
    assert model.rowCount() == 0  # hidden letters are not searched
    model.set_filter_text("5678")
    assert [p.id for p in model.visible_rows()] == [1]  # what is shown is searched
    model.set_personal_visible(True)
    model.set_filter_text("영수")
    assert [p.id for p in model.visible_rows()] == [1]


def test_masked_columns_sort_by_what_is_shown(model):
    name = model.column_index("name")
    model.sort(name, Qt.SortOrder.AscendingOrder)
    # by the masked text ("가**", "김**", "박**", "이**"): the hidden letters give no order
    assert shown(model, "name") == ["가**", "김**", "박**", "이**"]
    model.set_personal_visible(True)
    assert shown(model, "name") == ["가나다", "김영수", "박민지", "이하늘"]


def test_export_masks_as_the_screen_does(model):
    headers, rows = model.export_cells()
    assert headers == ["성명", "연락처", "상태", "점수", "메모"]
    assert rows[0] == ["김**", "010-****-5678", "선정", 87, ""]
    assert model.number_formats() == {model.column_index("score"): "0"}
    model.set_personal_visible(True)
    assert model.export_cells()[1][0][:2] == ["김영수", "010-1234-5678"]


def test_numbers_sort_as_numbers_with_empty_last_both_ways(model):
    score = model.column_index("score")
    model.sort(score, Qt.SortOrder.AscendingOrder)
    assert shown(model, "score") == ["60", "87", "92", ""]
    model.sort(score, Qt.SortOrder.DescendingOrder)
    assert shown(model, "score") == ["92", "87", "60", ""]
    assert (
        model.index(0, score).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    )
    assert model.index(0, score).data(model.SortRole) == 92


def test_a_column_declared_unsortable_does_not_sort(model):
    before = [p.id for p in model.visible_rows()]
    model.sort(model.column_index("note"), Qt.SortOrder.DescendingOrder)
    assert [p.id for p in model.visible_rows()] == before  # not sorted by it, nothing moved


def test_field_filters_and_one_step_reset(model):
    assert model.values_of("phase") == [Phase.WAITING, Phase.CHOSEN, Phase.DROPPED]  # declared
    assert not model.is_narrowed()
    model.set_field_filter("phase", Phase.WAITING)
    model.set_filter_text("010")
    assert [p.id for p in model.visible_rows()] == [2, 4]
    assert model.is_narrowed()
    model.clear_narrowing()
    assert not model.is_narrowed() and model.rowCount() == 4
    assert model.field_filter("phase") is None and model.filter_text() == ""
    with pytest.raises(ValueError):
        model.set_field_filter("name", "김영수")  # not declared as a filter


def test_two_field_filters_keep_the_loaded_order_and_follow_new_rows(qapp):
    """Filters visit only the rows of their values (kept per field until the next load): the
    rows shown are those a test of every row would show, in the same order, and new rows are
    filtered as they are, not as the rows before them were."""
    model = RecordTableModel(COLUMNS, context="Test", filter_fields=("phase", "archived"))
    many = [
        Person(i, f"사람{i}", "010-0000-0000", list(Phase)[i % 3], i, archived=i % 2 == 0)
        for i in range(1, 31)
    ]
    model.set_rows(many)
    model.set_field_filter("archived", False)
    model.set_field_filter("phase", Phase.CHOSEN)
    expected = [p.id for p in many if not p.archived and p.phase is Phase.CHOSEN]
    assert [p.id for p in model.visible_rows()] == expected == [1, 7, 13, 19, 25]
    model.set_filter_text("13")  # the score column's text
    assert [p.id for p in model.visible_rows()] == [13]
    model.set_filter_text("")
    model.set_rows([Person(99, "새사람", "010-0000-0000", Phase.CHOSEN, 1), *many[:6]])
    assert [p.id for p in model.visible_rows()] == [99, 1]


@dataclass(frozen=True)
class Tagged:
    id: int
    tag_value: str
    reads: list[int]

    @property
    def tag(self) -> str:
        self.reads.append(self.id)
        return self.tag_value


def test_a_field_filter_visits_only_the_rows_of_its_value(qapp):
    """The province's 10,000+ stays: 미납만 or a 읍면 must not test every row each time."""
    reads: list[int] = []
    rows = [Tagged(i, "a" if i % 10 == 0 else "b", reads) for i in range(100)]
    model = RecordTableModel(
        (Column("tag", "구분", lambda r: r.tag_value),), context="Test", filter_fields=("tag",)
    )
    model.set_rows(rows)
    model.set_field_filter("tag", "b")  # the first filter by a field reads every row once
    model.set_field_filter("tag", None)
    reads.clear()
    model.set_field_filter("tag", "a")
    assert [r.id for r in model.visible_rows()] == list(range(0, 100, 10))
    assert sorted(reads) == list(range(0, 100, 10))


def test_search_texts_are_made_on_the_first_search_after_a_load(qapp):
    """Opening a list of 10,000 rows makes no search text; the first search makes each once."""
    made: list[int] = []

    def search_text(person: Person) -> str:
        made.append(person.id)
        return person.phase.value

    model = RecordTableModel(COLUMNS, context="Test", search_text=search_text)
    model.set_rows(PEOPLE)
    assert made == [] and model.rowCount() == 4
    model.set_filter_text("대기")
    model.set_filter_text("선정")
    assert sorted(made) == [1, 2, 3, 4]
    assert [p.id for p in model.visible_rows()] == [1]
    model.set_rows(PEOPLE[:2])  # a new load: its rows' texts, made again on the search in force
    assert [p.id for p in model.visible_rows()] == [1] and sorted(made) == [1, 1, 2, 2, 3, 4]


def test_archived_rows_are_grey_and_colours_come_from_the_column(model):
    phase = model.column_index("phase")
    archived_row = model.row_of(3)
    grey = model.index(archived_row, phase).data(Qt.ItemDataRole.ForegroundRole)
    assert grey == QColor(ARCHIVED_COLOUR)
    green = model.index(model.row_of(1), phase).data(Qt.ItemDataRole.ForegroundRole)
    assert green == QColor("#2f7d32")
    assert model.index(0, model.column_index("name")).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 0).data(model.RowRole) is PEOPLE[0]
    assert model.index(0, 0).data(model.IdRole) == 1
