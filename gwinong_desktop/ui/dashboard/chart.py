"""One small chart of our own, drawn with ``QPainter``: bars and lines over named categories.

A :class:`ChartData` holds the title, the categories (1월 … 12월, or statuses), the unit of the
axis (천원, %, 개소, 명) and the series, each drawn as bars (side by side in a category) or as
a line with its points. Korean labels go through Qt's font fallback; a hover shows the numbers of
the category under the mouse in a tooltip; :meth:`Chart.save_png` draws the same picture on a
``QImage`` (works offscreen, no window needed). No QtCharts (GPL, deprecated) and no plotting
library (tens of MB and a slow import).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = ("#2f7d4f", "#d08a2c", "#4f7fb8", "#a05195", "#8a8f8c")
"""Series colours in order (the app's green first)."""

_AXIS = QColor("#5f6b65")
_GRID = QColor("#e3e7e4")
_TEXT = QColor("#1f2a24")
_MUTED = QColor("#7a847f")
_HOVER = QColor(47, 125, 79, 22)
_PAD = 10.0


@dataclass(frozen=True)
class Series:
    """One set of values, one per category (None: no figure, nothing drawn)."""

    name: str
    values: tuple[float | None, ...]
    kind: str = "bar"  # "bar" or "line"
    colour: str = ""  # "" → the palette's colour for its place
    colours: tuple[str, ...] = ()  # bars only: a colour per category (statuses)


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # the axis' unit, shown above it and after each number
    top: float | None = None  # the axis' top when fixed (100 for %), else from the values
    notes: tuple[str, ...] = ()  # per category: a line more for its tooltip
    decimals: int = 0  # places shown in numbers (1 for %)

    def has_values(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)

    def number(self, value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:,.{self.decimals}f}{self.unit}"


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × a power of ten) that cuts ``top`` into about
    ``ticks`` parts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


class Chart(QWidget):
    """Draws a :class:`ChartData`; hover shows the numbers; ``save_png`` writes it."""

    EXPORT_SIZE = QSize(960, 480)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart")
        self.setMouseTracking(True)
        self.setMinimumSize(360, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.data: ChartData | None = None
        self.hovered: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        self.hovered = None
        self.setToolTip("")
        self.update()

    # --- geometry ----------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.85))
        title = QFont(self.font())
        title.setBold(True)
        return small, title

    def _scale(self) -> tuple[float, float]:
        """The axis' top and tick step."""
        assert self.data is not None
        values = [v for s in self.data.series for v in s.values if v is not None]
        peak = max([0.0, *values])
        fixed = self.data.top is not None and peak <= self.data.top
        top = self.data.top if fixed else peak * 1.08  # room above the highest bar or point
        step = nice_step(top or 1.0)
        if self.data.decimals == 0:
            step = max(1.0, step)  # counts and 천원: whole ticks only
        return max(step, math.ceil((top or 1.0) / step) * step), step

    def _plot(self, rect: QRectF) -> QRectF:
        """Where the bars and lines go inside ``rect``: below the title and legend, right of
        the axis' numbers, above the category names."""
        assert self.data is not None
        small, title = self._fonts()
        fm, tm = QFontMetricsF(small), QFontMetricsF(title)
        top, step = self._scale()
        labels = [self._tick(step * i) for i in range(round(top / step) + 1)]
        left = max(fm.horizontalAdvance(t) for t in [*labels, self.data.unit]) + _PAD * 1.5
        head = tm.height() + fm.height() + _PAD * 2.5
        return QRectF(
            rect.left() + left, rect.top() + head,
            rect.width() - left - _PAD * 1.5, rect.height() - head - fm.height() - _PAD * 1.5,
        )  # fmt: skip

    def _tick(self, value: float) -> str:
        assert self.data is not None
        return f"{value:,.{self.data.decimals if value % 1 else 0}f}"

    def _band(self, plot: QRectF, index: int) -> QRectF:
        assert self.data is not None
        width = plot.width() / max(1, len(self.data.categories))
        return QRectF(plot.left() + width * index, plot.top(), width, plot.height())

    def category_at(self, pos: QPointF) -> int | None:
        """The category whose band is under ``pos`` (widget coordinates), or None."""
        if self.data is None or not self.data.categories or not self.data.has_values():
            return None
        plot = self._plot(QRectF(self.rect()))
        if not plot.adjusted(0, -_PAD, 0, _PAD * 3).contains(pos):
            return None
        index = int((pos.x() - plot.left()) // (plot.width() / len(self.data.categories)))
        return index if 0 <= index < len(self.data.categories) else None

    def tooltip_for(self, index: int) -> str:
        """The category's name, each series' number, and its note."""
        assert self.data is not None
        lines = [self.data.categories[index]]
        for series in self.data.series:
            value = series.values[index] if index < len(series.values) else None
            lines.append(f"{series.name}: {self.data.number(value)}")
        if index < len(self.data.notes) and self.data.notes[index]:
            lines.append(self.data.notes[index])
        return "\n".join(lines)

    # --- events ------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.category_at(event.position())
        if index != self.hovered:
            self.hovered = index
            self.update()
        text = self.tooltip_for(index) if index is not None else ""
        self.setToolTip(text)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.hovered = None
        self.update()
        super().leaveEvent(event)

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(event, QHelpEvent):  # the tooltip follows the hovered category
            index = self.category_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), self.tooltip_for(index), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def save_png(self, path: Path | str) -> bool:
        """Write the chart as a PNG (the widget's size, or 960×480 if it has not been shown);
        False when the file could not be written."""
        size = self.size() if self.isVisible() else self.EXPORT_SIZE
        image = QImage(size * 2, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(2.0)  # sharp in a document or on paper
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return image.save(str(path), "PNG")

    # --- drawing -----------------------------------------------------------------------------

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the chart into ``rect`` of any paint device."""
        small, title_font = self._fonts()
        painter.setFont(title_font)
        painter.setPen(_TEXT)
        if self.data is None:
            return
        fm = QFontMetricsF(title_font)
        painter.drawText(
            QRectF(rect.left() + _PAD, rect.top() + _PAD / 2, rect.width(), fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.data.title,
        )  # fmt: skip
        painter.setFont(small)
        if not self.data.has_values():
            painter.setPen(_MUTED)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("자료가 없습니다"))
            return
        plot = self._plot(rect)
        self._legend(painter, plot.left(), plot.top() - QFontMetricsF(small).height() - _PAD)
        self._axis(painter, plot)
        if self.hovered is not None:
            painter.fillRect(self._band(plot, self.hovered), _HOVER)
        self._bars(painter, plot)
        self._lines(painter, plot)
        self._categories(painter, plot)

    def _colour(self, index: int) -> QColor:
        assert self.data is not None
        series = self.data.series[index]
        return QColor(series.colour or PALETTE[index % len(PALETTE)])

    def _legend(self, painter: QPainter, x: float, y: float) -> None:
        """The series' names and colours in a row from (``x``, ``y``), right of the unit."""
        assert self.data is not None
        fm = QFontMetricsF(painter.font())
        x += _PAD
        for index, series in enumerate(self.data.series):
            colour = self._colour(index)
            box = QRectF(x, y + fm.height() / 2 - 5, 10, 10)
            if series.kind == "line":
                painter.setPen(QPen(colour, 2))
                middle = box.center().y()
                painter.drawLine(QPointF(x - 2, middle), QPointF(x + 12, middle))
            elif not series.colours:
                painter.fillRect(box, colour)
            else:
                continue  # one colour per bar: the categories name them
            painter.setPen(_TEXT)
            painter.drawText(QPointF(x + 16, y + fm.ascent()), series.name)
            x += 16 + fm.horizontalAdvance(series.name) + _PAD * 1.5

    def _y(self, plot: QRectF, value: float) -> float:
        top, _ = self._scale()
        return plot.bottom() - plot.height() * value / top

    def _axis(self, painter: QPainter, plot: QRectF) -> None:
        assert self.data is not None
        fm = QFontMetricsF(painter.font())
        top, step = self._scale()
        for i in range(round(top / step) + 1):
            value = step * i
            y = self._y(plot, value)
            painter.setPen(QPen(_GRID if i else _AXIS, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(_MUTED)
            label = self._tick(value)
            painter.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - _PAD / 2, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label,
            )  # fmt: skip
        painter.drawText(
            QRectF(0, plot.top() - fm.height() - _PAD, plot.left() - _PAD / 2, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"({self.data.unit})",
        )  # fmt: skip

    def _bars(self, painter: QPainter, plot: QRectF) -> None:
        assert self.data is not None
        bars = [i for i, s in enumerate(self.data.series) if s.kind == "bar"]
        if not bars:
            return
        for c in range(len(self.data.categories)):
            band = self._band(plot, c)
            group = band.width() * 0.72
            width = group / len(bars)
            for place, index in enumerate(bars):
                series = self.data.series[index]
                value = series.values[c] if c < len(series.values) else None
                if value is None:
                    continue
                colour = self._colour(index)
                if series.colours and c < len(series.colours):
                    colour = QColor(series.colours[c])
                x = band.left() + (band.width() - group) / 2 + width * place
                y = self._y(plot, max(0.0, value))
                painter.fillRect(QRectF(x + 1, y, width - 2, plot.bottom() - y), colour)
                if len(self.data.categories) <= 6:  # few bars: their numbers on top
                    painter.setPen(_TEXT)
                    painter.drawText(
                        QRectF(x - 20, y - 18, width + 40, 16),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        f"{value:,.{self.data.decimals}f}",
                    )  # fmt: skip

    def _lines(self, painter: QPainter, plot: QRectF) -> None:
        assert self.data is not None
        for index, series in enumerate(self.data.series):
            if series.kind != "line":
                continue
            colour = self._colour(index)
            path = QPainterPath()
            points: list[QPointF] = []
            pen_down = False
            for c, value in enumerate(series.values[: len(self.data.categories)]):
                if value is None:
                    pen_down = False
                    continue
                point = QPointF(self._band(plot, c).center().x(), self._y(plot, value))
                if pen_down:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                pen_down = True
                points.append(point)
            painter.setPen(QPen(colour, 2.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(colour)
            painter.setPen(QPen(QColor("white"), 1.2))
            for point in points:
                painter.drawEllipse(point, 3.6, 3.6)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _categories(self, painter: QPainter, plot: QRectF) -> None:
        assert self.data is not None
        fm = QFontMetricsF(painter.font())
        painter.setPen(_TEXT)
        for c, name in enumerate(self.data.categories):
            band = self._band(plot, c)
            painter.drawText(
                QRectF(band.left(), plot.bottom() + _PAD / 2, band.width(), fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                fm.elidedText(name, Qt.TextElideMode.ElideRight, band.width()),
            )  # fmt: skip


def month_names(count: int = 12) -> tuple[str, ...]:
    return tuple(f"{m}월" for m in range(1, count + 1))


def as_floats(values: Sequence[int | float | None]) -> tuple[float | None, ...]:
    return tuple(None if v is None else float(v) for v in values)
