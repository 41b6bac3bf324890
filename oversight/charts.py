"""Server-rendered SVG bar charts: geometry computed here, markup in
templates/admin/oversight/includes/chart.html.

No JavaScript and no inline styles (the Content-Security-Policy forbids both); colours come
from classes in static/css/admin-oversight.css. Every chart carries a title, a one-paragraph
text summary and the same numbers as a data table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 720
BAR_AREA_HEIGHT = 200
LEFT = 48
TOP = 16
BOTTOM = 44


@dataclass
class Bar:
    label: str
    value: int | float
    x: float
    y: float
    width: float
    height: float
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0
    axis_label: str = ""


@dataclass
class Tick:
    value: int
    y: float = 0
    x: float = 0
    label_x: float = 0
    label_y: float = 0


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    value_label: str
    category_label: str
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    height: int = BAR_AREA_HEIGHT + TOP + BOTTOM
    horizontal: bool = False
    axis_x: float = LEFT
    axis_y: float = TOP + BAR_AREA_HEIGHT

    @property
    def rows(self) -> list[tuple[str, int | float]]:
        return [(bar.label, bar.value) for bar in self.bars]

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def nice_max(value: float) -> int:
    """A round upper bound for the axis (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return int(step * power)
    return int(10 * power)


def _ticks(top: int) -> list[int]:
    step = max(1, top // 4)
    return list(range(0, top + 1, step))


def column_chart(key: str, title: str, labels: list[str], values: list[int | float], *,
                 value_label: str, category_label: str, summary: str,
                 axis_labels: list[str] | None = None) -> Chart:
    """Vertical bars, one per label (e.g. months), with a value axis on the left.
    `axis_labels` are shorter labels under the bars (the table keeps the full ones)."""
    chart = Chart(key, title, summary, value_label, category_label)
    top = nice_max(max(values, default=0))
    slot = (WIDTH - LEFT - 8) / max(len(values), 1)
    base = TOP + BAR_AREA_HEIGHT
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = BAR_AREA_HEIGHT * value / top
        x = LEFT + index * slot + slot * 0.15
        middle = round(x + slot * 0.35, 1)
        chart.bars.append(Bar(label, value, round(x, 1), round(base - height, 1),
                              round(slot * 0.7, 1), round(height, 1), label_x=middle,
                              label_y=base + 18, value_x=middle,
                              value_y=round(base - height - 4, 1),
                              axis_label=(axis_labels or labels)[index]))
    chart.ticks = [Tick(v, y=round(base - BAR_AREA_HEIGHT * v / top, 1), label_x=LEFT - 6,
                        label_y=round(base - BAR_AREA_HEIGHT * v / top + 4, 1))
                   for v in _ticks(top)]
    return chart


def bar_chart(key: str, title: str, labels: list[str], values: list[int | float], *,
              value_label: str, category_label: str, summary: str,
              label_width: int = 120) -> Chart:
    """Horizontal bars, one per label (e.g. townships), longest first as given."""
    row = 24
    chart = Chart(key, title, summary, value_label, category_label, horizontal=True,
                  height=TOP + row * max(len(values), 1) + BOTTOM, axis_x=label_width,
                  axis_y=TOP + row * max(len(values), 1))
    top = nice_max(max(values, default=0))
    span = WIDTH - label_width - 40
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = TOP + index * row
        width = span * value / top
        chart.bars.append(Bar(label, value, label_width, y + 4, round(width, 1), row - 8,
                              label_x=label_width - 6, label_y=y + row / 2 + 5,
                              value_x=round(label_width + width + 4, 1), value_y=y + row / 2 + 5,
                              axis_label=label))
    chart.ticks = [Tick(v, x=round(label_width + span * v / top, 1),
                        label_x=round(label_width + span * v / top, 1),
                        label_y=chart.axis_y + 16) for v in _ticks(top)]
    return chart


def describe_series(labels: list[str], values: list[int | float], unit: str, *,
                    total: bool = True) -> str:
    """A plain sentence with the total (for counts per period), the highest and the lowest
    point and the latest one."""
    if not values or not any(values):
        return _("这段时间内数值均为0。")
    high = max(range(len(values)), key=values.__getitem__)
    low = min(range(len(values)), key=values.__getitem__)
    text = _("最高为%(high_label)s（%(high)s%(unit)s），最低为%(low_label)s（%(low)s%(unit)s），"
             "最近一期为%(last_label)s（%(last)s%(unit)s）。") % {
        "unit": unit, "high_label": labels[high], "high": values[high],
        "low_label": labels[low], "low": values[low], "last_label": labels[-1],
        "last": values[-1]}
    if total:
        text = _("合计%(total)s%(unit)s；") % {"total": sum(values), "unit": unit} + text
    return text
