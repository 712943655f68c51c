"""The evidence of a recruitment round (선정 증빙) as a readable Korean page, and its workbook."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.periods import format_date_ko, format_moment
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.services import Services
from gwinong_desktop.services.recruitment_evidence import RoundEvidence

from ..forms.files import xlsx_target

NO_TRAIL = "기록 없음(일괄 입력)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceView", text)


def _cell(value: object) -> str:
    return f"<td>{escape(str(value)) if value not in (None, '') else '—'}</td>"


def evidence_html(ev: RoundEvidence) -> str:
    """The evidence as HTML for a ``QTextBrowser`` (and for printing)."""
    won = "{:,}원".format
    parts = [
        "<style>table{border-collapse:collapse} td,th{border:1px solid #b9c2bc;padding:3px 6px}"
        " th{background:#eef2ef} h2{margin-bottom:2px} .warn{color:#a33a3a}</style>",
        f"<h2>{escape(_tr('입주자 선정 증빙'))}</h2>",
        f"<p><b>{escape(ev.title)}</b><br>",
        f"{escape(_tr('귀농인의 집'))}: {escape(ev.house_code)} ({escape(ev.house_address)})<br>",
        f"{escape(_tr('공고기간'))}: {escape(ev.notice())} · {escape(_tr('월임대료'))} "
        f"{won(ev.monthly_rent)} · {escape(_tr('보증금'))} {won(ev.deposit)}<br>",
    ]
    if ev.conditions:
        parts.append(f"{escape(_tr('자격·조건'))}: {escape(ev.conditions)}<br>")
    if ev.decided_on:
        parts.append(f"{escape(_tr('선정일'))}: {format_date_ko(ev.decided_on)}<br>")
    parts.append("</p>")
    parts.append(
        f"<h3>{escape(_tr('선정 기준과 배점'))} ({ev.year}{escape(_tr('년 규칙 값'))})</h3><ul>"
    )
    for c in ev.criteria:
        used = f"{c.weight}점" if c.weight else _tr("0점 (심사에 쓰지 않음)")
        parts.append(f"<li>{escape(c.label)}: {escape(c.condition)} — {escape(used)}</li>")
    parts.append(f"<li>{escape(_tr('동점 처리'))}: {escape(ev.tie_rule)}</li></ul>")
    heads = ["순위", "성명", "신청일", "귀농교육", "가족 동반"]
    heads += [c.label for c in ev.criteria]
    heads += ["총점", "결정", "결정일", "사유", "기록한 사람 · 시각", "제출 서류"]
    parts.append("<h3>" + escape(_tr("신청자별 점수와 결정")) + "</h3><table><tr>")
    parts += [f"<th>{escape(_tr(h))}</th>" for h in heads]
    parts.append("</tr>")
    stale = False
    for line in ev.lines:
        stale = stale or line.stale
        trail = (
            f"{line.decided_by} · {format_moment(line.recorded_at)}"
            if line.recorded_at
            else (NO_TRAIL if line.decided_on else "")
        )
        cells = [
            line.rank,
            line.name,
            format_date_ko(line.applied_on),
            f"{line.education_hours:,}시간",
            "예" if line.with_family else "아니요",
            *[f"{line.points[c.code]}점" if c.code in line.points else None for c in ev.criteria],
            f"{line.total}점{' *' if line.stale else ''}" if line.total is not None else None,
            line.decision.label,
            format_date_ko(line.decided_on) if line.decided_on else None,
            line.reason,
            trail,
            ", ".join(k.label for k in line.documents),
        ]
        parts.append("<tr>" + "".join(_cell(v) for v in cells) + "</tr>")
    parts.append("</table>")
    if stale:
        parts.append(
            "<p>* "
            + escape(
                _tr("점수를 계산한 뒤 배점이 바뀌었습니다. 표의 점수는 계산 당시의 점수입니다.")
            )
            + "</p>"
        )
    if ev.problems:
        parts.append("<h3 class='warn'>" + escape(_tr("확인할 점")) + "</h3><ul>")
        parts += [f"<li class='warn'>{escape(p)}</li>" for p in ev.problems]
        parts.append("</ul>")
    if ev.overrides:
        parts.append("<h3>" + escape(_tr("경고를 확인하고 진행한 기록")) + "</h3><ul>")
        for o in ev.overrides:
            parts.append(
                f"<li>{escape(o.what)} · {escape(o.rule)}: {escape(o.message)}<br>"
                f"{escape(_tr('사유'))}: {escape(o.reason)} ({escape(o.actor)}, "
                f"{format_moment(o.at)})</li>"
            )
        parts.append("</ul>")
    if not ev.personal:
        parts.append("<p>" + escape(_tr("개인정보는 가려서 보여 줍니다.")) + "</p>")
    return "".join(parts)


class EvidenceDialog(QDialog):
    """The evidence of one round; "엑셀로 저장…" writes it as a workbook."""

    def __init__(self, services: Services, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        self.setWindowTitle(self.tr("선정 증빙"))
        self.services = services
        self.round_id = round_id
        self.evidence = services.recruitment.evidence(round_id)
        self.view = QTextBrowser(self)
        self.view.setObjectName("evidenceText")
        self.view.setHtml(evidence_html(self.evidence))
        self.include_personal = QCheckBox(self.tr("개인정보 포함"), self)
        self.include_personal.setVisible(services.ctx.allows(Permission.EXPORT_PERSONAL))
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("닫기"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        self.export_button = buttons.addButton(
            self.tr("엑셀로 저장…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(lambda: self.export())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.include_personal)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def export(self, path: Path | str | None = None) -> Path | None:
        """Write the evidence to ``path`` (asked when None); the file written, or None."""
        default = (
            Path.home() / f"선정증빙_{self.evidence.house_code}_{self.evidence.notice_from}.xlsx"
        )
        target = xlsx_target(self, self.tr("선정 증빙 저장"), default, path)
        if target is None:
            return None
        try:
            self.services.recruitment.export_evidence(
                self.round_id, target, include_personal=self.include_personal.isChecked()
            )
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("선정 증빙 저장"), refusal.message)
            return None
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("선정 증빙 저장"),
                self.tr("파일을 쓸 수 없습니다: {error}").format(error=exc.strerror or exc),
            )
            return None
        return target
