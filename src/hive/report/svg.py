"""Bar charts as inline SVG: no script, no font file, no network; the page's own fonts draw the text."""

from __future__ import annotations

from html import escape

from hive.reporting import Chart

WIDTH = 640
BAR_AREA = 150
LABEL_AREA = 46


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def bar_chart(chart: Chart) -> str:
    """``chart`` as an ``<svg>`` element: one labelled bar per value, scaled to the largest."""
    bars = chart.bars
    count = max(1, len(bars))
    top = max((b.value for b in bars), default=0) or 1
    slot = (WIDTH - 20) / count
    width = max(4.0, slot * 0.6)
    height = BAR_AREA + LABEL_AREA + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(chart.title)}">',
        f'<line x1="10" y1="{BAR_AREA + 20}" x2="{WIDTH - 10}" y2="{BAR_AREA + 20}" stroke="#555" stroke-width="1"/>',
    ]
    small = count > 8
    for index, bar in enumerate(bars):
        x = 10 + slot * index + (slot - width) / 2
        h = BAR_AREA * (bar.value / top) if bar.value > 0 else 0
        y = BAR_AREA + 20 - h
        centre = x + width / 2
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" fill="#c0392b"/>')
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11">{escape(_number(bar.value))}</text>'
        )
        label = escape(bar.label)
        if small:
            parts.append(
                f'<text x="{centre:.1f}" y="{BAR_AREA + 34}" text-anchor="end" font-size="10" '
                f'transform="rotate(-40 {centre:.1f} {BAR_AREA + 34})">{label}</text>'
            )
        else:
            parts.append(
                f'<text x="{centre:.1f}" y="{BAR_AREA + 36}" text-anchor="middle" font-size="11">{label}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
