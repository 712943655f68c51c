"""Add or edit one house: every field of the 관리대장, the operator, and the rules at entry.

The status is shown, not typed: it follows from the works, the stays and the management period;
only a cancellation is entered (as the day the project was cancelled).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.domain.rules import SIDO_FULL_NAMES, RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.house_edit import LEASE_FIELD_PREFIX, HouseForm
from gwinong_desktop.services.leases import LeaseForm
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import (
    area_text,
    completing_line,
    date_text,
    enum_combo,
    enum_value,
    line,
    money_text,
    parse_area_text,
    parse_date_text,
    parse_int_text,
    parse_money_text,
    select_data,
    text_box,
)
from .lease_fields import LeaseFields
from .record_dialog import Loose, RecordDialog

STATUS_NOTE = "준공일·입주 기록·관리기간으로 자동으로 정해집니다"


class HouseDialog(RecordDialog):
    """``HouseDialog(services, house_id=None)``: a new house, or the house ``house_id``."""

    def __init__(
        self, services: Services, house_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("귀농인의 집 수정") if house_id else self.tr("새 귀농인의 집")
        super().__init__(title, parent)
        self.setObjectName("houseDialog")
        self.services = services
        self.house_id = house_id
        edit = services.house_edit
        self.original = edit.load(house_id) if house_id else edit.new_form()
        self._suggested_code = "" if house_id else self.original.code
        places = edit.places()
        f = self.fields

        basic = QFormLayout()
        self.code = f.add(basic, "code", self.tr("관리번호"), line("진안-2026-01"))
        self.development_type = f.add(
            basic,
            "development_type",
            self.tr("조성유형"),
            enum_combo(DevelopmentType, blank=self.tr("고르세요")),
        )
        self.program_year = f.add(
            basic,
            "program_year",
            self.tr("조성연도"),
            line("2026", width=90),
            lambda: parse_int_text(self.program_year.text(), unit="년"),
        )
        self.operator = QComboBox()
        self.new_operator = QPushButton(self.tr("새 운영자…"))
        self.new_operator.setObjectName("newOperatorButton")
        self.new_operator.clicked.connect(self._add_operator)
        operator_row = QWidget()
        row = QHBoxLayout(operator_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.operator, 1)
        row.addWidget(self.new_operator)
        f.add(basic, "operator_id", self.tr("운영자"), operator_row)
        self.status = QLabel()
        self.status.setObjectName("derivedStatus")
        self.status.setWordWrap(True)
        basic.addRow(self.tr("상태"), self.status)
        self.cancelled_on = f.add(
            basic,
            "cancelled_on",
            self.tr("사업 취소일"),
            line("2026.3.1.", width=160),
            lambda: parse_date_text(self.cancelled_on.text()),
            hint=self.tr("취소된 사업만 적습니다."),
        )

        place = QFormLayout()
        self.sido = QComboBox()
        self.sido.setEditable(True)
        self.sido.addItems(sorted(set(SIDO_FULL_NAMES.values()) | set(places.sido)))
        f.add(place, "sido", self.tr("시도"), self.sido)
        self.sigun = f.add(place, "sigun", self.tr("시군"), completing_line(places.sigun))
        self.eupmyeon = f.add(
            place, "eupmyeon", self.tr("읍면"), completing_line(places.eupmyeon, "○○면")
        )
        self.ri = f.add(place, "ri", self.tr("리(마을)"), completing_line(places.ri, "○○리"))
        self.jibun = f.add(place, "jibun", self.tr("지번"), line("123-4"))
        self.road_address = f.add(
            place, "road_address", self.tr("도로명주소"), line("○○면 ○○길 12")
        )

        building = QFormLayout()
        self.structure = f.add(
            building, "structure", self.tr("구조"), completing_line(places.structures, "목조")
        )
        self.rooms = f.add(
            building,
            "rooms",
            self.tr("방수"),
            line("2", width=90),
            lambda: parse_int_text(self.rooms.text(), unit="개"),
        )
        self.build_year = f.add(
            building,
            "build_year",
            self.tr("건축년도"),
            line("1980", width=90),
            lambda: parse_int_text(self.build_year.text(), unit="년"),
        )
        self.land_area = f.add(
            building,
            "land_area_m2",
            self.tr("대지면적(m²)"),
            line("495", width=140),
            lambda: parse_area_text(self.land_area.text()),
        )
        self.floor_area = f.add(
            building,
            "floor_area_m2",
            self.tr("건물면적(m²)"),
            line("66.12", width=140),
            lambda: parse_area_text(self.floor_area.text()),
        )

        rent = QFormLayout()
        self.monthly_rent = f.add(
            rent,
            "monthly_rent",
            self.tr("월 임대료(원)"),
            line("100,000 또는 10만원", width=180),
            lambda: parse_money_text(self.monthly_rent.text()),
        )
        self.deposit = f.add(
            rent,
            "deposit",
            self.tr("보증금(원)"),
            line("500,000", width=180),
            lambda: parse_money_text(self.deposit.text()),
        )
        notes = QFormLayout()
        self.note = f.add(notes, "note", "", text_box(height=58))

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        grid.addWidget(_group(self.tr("기본"), basic), 0, 0)
        grid.addWidget(_group(self.tr("위치"), place), 0, 1)
        grid.addWidget(_group(self.tr("건물"), building), 1, 0)
        beside = QVBoxLayout()  # the rent's group is short: the note goes under it
        beside.setSpacing(10)
        beside.addWidget(_group(self.tr("기준 임대료"), rent))
        beside.addWidget(_group(self.tr("비고"), notes), 1)
        grid.addLayout(beside, 1, 1)
        self.lease: LeaseFields | None = None
        if house_id is None:  # the owner lease comes with a new house (Ⅱ-4); later: its tab
            grid.addWidget(self._lease_group(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.body.addStretch(1)

        self._load_operators(self.original.operator_id)
        self._fill(self.original)
        self.program_year.textChanged.connect(self._year_changed)
        self.fit(900)

    # --- filling and reading ----------------------------------------------------------------

    def _load_operators(self, selected: int | None) -> None:
        self.operator.clear()
        self.operator.addItem(self.tr("(정하지 않음)"), None)
        for op in self.services.operators.list_operators():
            self.operator.addItem(op.label(), op.id)
        select_data(self.operator, selected)

    def _fill(self, form: HouseForm) -> None:
        self.code.setText(form.code)
        select_data(self.development_type, form.development_type)
        self.program_year.setText(str(form.program_year or ""))
        self.cancelled_on.setText(date_text(form.cancelled_on))
        self.sido.setCurrentText(form.sido)
        self.sigun.setText(form.sigun)
        self.eupmyeon.setText(form.eupmyeon)
        self.ri.setText(form.ri)
        self.jibun.setText(form.jibun)
        self.road_address.setText(form.road_address)
        self.structure.setText(form.structure)
        self.rooms.setText("" if form.rooms is None else str(form.rooms))
        self.build_year.setText("" if form.build_year is None else str(form.build_year))
        self.land_area.setText(area_text(form.land_area_m2))
        self.floor_area.setText(area_text(form.floor_area_m2))
        self.monthly_rent.setText(money_text(form.monthly_rent))
        self.deposit.setText(money_text(form.deposit))
        self.note.setPlainText(form.note)
        if self.house_id is not None:
            rows = self.services.houses.list_houses(house_id=self.house_id)
            status = rows[0].status.label if rows else "—"
            self.status.setText(f"<b>{status}</b> · {self.tr(STATUS_NOTE)}")
        else:
            self.status.setText(f"<b>{self.tr('조성중')}</b> · {self.tr(STATUS_NOTE)}")

    def _lease_group(self) -> QGroupBox:
        """구분·기간·임차료 beside the owner, and what leaving them empty means."""
        self.lease = LeaseFields(
            self.fields, self.services, LeaseForm(house_id=0), prefix=LEASE_FIELD_PREFIX
        )
        box = QGroupBox(self.tr("소유주 임대차계약 (비워 두고 나중에 더할 수도 있습니다)"))
        box.setObjectName("houseLease")
        layout = QVBoxLayout(box)
        self.lease_hint = QLabel(box)
        self.lease_hint.setObjectName("formHint")
        self.lease_hint.setWordWrap(True)
        layout.addWidget(self.lease_hint)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        for form in (self.lease.terms, self.lease.owner):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(6)
            columns.addLayout(form, 1)
        layout.addLayout(columns)
        self._show_lease_rule(self.original.program_year)
        return box

    def _show_lease_rule(self, year: int | None) -> None:
        if self.lease is None or not year or not 1990 <= year <= 2100:
            return
        years = self.services.house_edit.lease_min_years(year)
        self.lease_hint.setText(
            self.tr(
                "빈집은 소유주와 {years}년 이상 임대차계약을 맺거나 무상으로 제공받아야 합니다"
                " (시행지침 Ⅱ-4). 비워 두면 집만 저장되고, 그 집에 임대차계약이 없다고 "
                "표시됩니다. 계약은 나중에 집의 '임대차' 탭에서 더할 수 있습니다."
            ).format(years=years)
        )

    def collect(self) -> tuple[tuple[HouseForm, LeaseForm | None], list[Loose]]:
        """The house, and the lease entered with a new house (None when left empty)."""
        problems: list[Loose] = []
        values: dict[str, Any] = {}
        for name in ("program_year", "cancelled_on", "rooms", "build_year", "land_area_m2",
                     "floor_area_m2", "monthly_rent", "deposit"):  # fmt: skip
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        form = HouseForm(
            code=self.code.text().strip(),
            sido=self.sido.currentText().strip(),
            sigun=self.sigun.text().strip(),
            eupmyeon=self.eupmyeon.text().strip(),
            ri=self.ri.text().strip(),
            jibun=self.jibun.text().strip(),
            road_address=self.road_address.text().strip(),
            development_type=enum_value(self.development_type, DevelopmentType),
            structure=self.structure.text().strip(),
            operator_id=self.operator.currentData(),
            note=self.note.toPlainText().strip(),
            id=self.house_id,
            revision=self.original.revision,  # as loaded: a save over a later one is refused
            **values,
        )
        lease = None
        if self.lease is not None and not self.lease.is_blank():
            lease, lease_problems = self.lease.collect(LeaseForm(house_id=0))
            problems += lease_problems
        return (form, lease), problems

    def check(self, form: tuple[HouseForm, LeaseForm | None]) -> list[RuleResult]:
        return self.services.house_edit.validate_with_lease(*form)

    def write(
        self, form: tuple[HouseForm, LeaseForm | None], reasons: Mapping[str, str]
    ) -> SavedRecord:
        house, lease = form
        return self.services.house_edit.save_with_lease(house, lease, accepted_warnings=reasons)

    # --- behaviour --------------------------------------------------------------------------

    def _year_changed(self, text: str) -> None:
        """A new house's suggested 관리번호 follows the year until the officer changes it;
        the lease rule shown is the year's."""
        if self.house_id is not None:
            return
        try:
            year = parse_int_text(text, unit="년")
        except ValueError:
            return
        self._show_lease_rule(year)
        if self.code.text() != self._suggested_code:
            return
        if year and 1990 <= year <= 2100:
            self._suggested_code = self.services.house_edit.suggest_code(year)
            self.code.setText(self._suggested_code)

    def _add_operator(self) -> None:
        from .operator_dialog import OperatorDialog

        dialog = OperatorDialog(self.services, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._load_operators(dialog.saved.id)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(6)
    box.setLayout(form)
    return box
