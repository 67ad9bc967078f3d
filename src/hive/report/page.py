"""The report as one print-ready A4 HTML page: self-contained (no script, no font file, no network).

Sections start on a new page when printed; the sign-off block (填报人,
审核人/负责人, 填报日期, 单位盖章) closes the report. Text is in the current
language (``--lang``); the fonts are the reader's system fonts, CJK ones
first (Noto Sans CJK on Debian, PingFang, Microsoft YaHei).
"""

from __future__ import annotations

from html import escape
from typing import Any

from hive import i18n
from hive.i18n import _
from hive.report import Report
from hive.report.svg import bar_chart
from hive.reporting import Section, Table

STYLE = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "Noto Sans", "DejaVu Sans", sans-serif; color: #111; font-size: 10.5pt; line-height: 1.45; margin: 0 auto;
       max-width: 182mm; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 14pt; border-bottom: 2px solid #c0392b; padding-bottom: 1mm; margin: 0 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.cover dl { display: grid; grid-template-columns: 32mm 1fr; gap: 1.5mm 4mm; margin: 6mm 0; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; }
.provisional { border: 2px solid #c0392b; color: #c0392b; padding: 2mm 3mm; font-weight: bold; margin: 4mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; page-break-inside: auto; }
th, td { border: 1px solid #777; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #f2e6e4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
.empty { color: #666; font-style: italic; }
.chart { max-width: 170mm; display: block; margin: 2mm 0 4mm; font-family: inherit; }
section.part { break-before: page; page-break-before: always; }
.signoff { break-before: page; page-break-before: always; }
.signoff table td { height: 16mm; width: 50%; }
.signoff .seal { height: 40mm; }
.made { color: #444; font-size: 9pt; margin-top: 6mm; }
@media screen { body { padding: 10mm; } section.part, .signoff { border-top: 1px dashed #bbb; margin-top: 10mm; padding-top: 6mm; } }
"""


def _words() -> dict[str, str]:
    """The page's fixed words, translated and escaped (kept out of f-strings, where the extractor cannot see them)."""
    return {
        "none in this period": escape(_("none in this period")),
        "figure": escape(_("figure")),
        "this period": escape(_("this period")),
        "previous period": escape(_("previous period")),
        "year to date": escape(_("year to date")),
        "center": escape(_("center")),
        "district and community": escape(_("district and community")),
        "period": escape(_("period")),
        "made on": escape(_("made on")),
        "Provisional: the period is not over yet; its figures may still change.": escape(
            _("Provisional: the period is not over yet; its figures may still change.")
        ),
        "Contents": escape(_("Contents")),
        "Sign-off": escape(_("Sign-off")),
        "Prepared by": escape(_("Prepared by")),
        "Reviewed by / person in charge": escape(_("Reviewed by / person in charge")),
        "Date filed": escape(_("Date filed")),
        "Seal of the unit": escape(_("Seal of the unit")),
    }


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return escape(str(value))


def _cell(value: Any, numeric: bool) -> str:
    if numeric:
        return f'<td class="num">{_number(value)}</td>'
    return f"<td>{escape('' if value is None else str(value))}</td>"


def _table(table: Table) -> str:
    w = _words()
    head = "".join(
        f'<th class="num">{escape(c.label)}</th>' if c.numeric else f"<th>{escape(c.label)}</th>" for c in table.columns
    )
    parts = [f"<h3>{escape(table.title)}</h3>"]
    if not table.rows:
        parts.append('<p class="empty">' + w["none in this period"] + "</p>")
        return "".join(parts)
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
    for row in table.rows:
        parts.append("<tr>" + "".join(_cell(row.get(c.key), c.numeric) for c in table.columns) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _figures(section: Section) -> str:
    w = _words()
    head = (
        f"<tr><th>{w['figure']}</th><th class='num'>{w['this period']}</th>"
        f"<th class='num'>{w['previous period']}</th><th class='num'>{w['year to date']}</th></tr>"
    )
    rows = []
    for f in section.figures:
        label = escape(f.label + (f" ({f.unit})" if f.unit else ""))
        rows.append(
            f"<tr><td>{label}</td><td class='num'>{_number(f.value)}</td>"
            f"<td class='num'>{_number(f.previous)}</td><td class='num'>{_number(f.year_to_date)}</td></tr>"
        )
    return f"<table class='figures'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _section(section: Section) -> str:
    parts = [f'<section class="part" id="{escape(section.key)}"><h2>{escape(section.title)}</h2>']
    if section.note:
        parts.append(f"<p>{escape(section.note)}</p>")
    parts.append(_figures(section))
    for chart in section.charts:
        parts.append(f"<h3>{escape(chart.title)}</h3>{bar_chart(chart)}")
    parts.extend(_table(t) for t in section.tables)
    parts.append("</section>")
    return "".join(parts)


def title(report: Report) -> str:
    return _("{center}: report of {period}").format(center=report.center, period=report.period.title)


def render(report: Report) -> str:
    """The whole report as an HTML document (a str), in the current language."""
    period = report.period
    w = _words()
    made = _("Made with hive on {date}.").format(date=report.made.isoformat())
    lang = "zh-CN" if i18n.language() == "zh_CN" else "en"
    where = " ".join(part for part in (report.district, report.community) if part)
    cover = [
        '<header class="cover">',
        f"<h1>{escape(title(report))}</h1>",
        "<dl>",
        f"<dt>{w['center']}</dt><dd>{escape(report.center)}</dd>",
        *([f"<dt>{w['district and community']}</dt><dd>{escape(where)}</dd>"] if where else []),
        f"<dt>{w['period']}</dt><dd>{escape(period.title)} ({period.start.isoformat()} – {period.end.isoformat()})</dd>",
        f"<dt>{w['previous period']}</dt><dd>{period.previous.start.isoformat()} – {period.previous.end.isoformat()}</dd>",
        f"<dt>{w['year to date']}</dt><dd>{period.year_to_date.start.isoformat()} – {period.year_to_date.end.isoformat()}</dd>",
        f"<dt>{w['made on']}</dt><dd>{report.made.isoformat()}</dd>",
        "</dl>",
    ]
    if report.provisional:
        cover.append(
            '<p class="provisional">'
            + w["Provisional: the period is not over yet; its figures may still change."]
            + "</p>"
        )
    contents = "".join(f"<li>{escape(s.title)}</li>" for s in report.sections)
    cover.append(f"<h3>{w['Contents']}</h3><ol>{contents}</ol></header>")
    signoff = (
        '<section class="signoff"><h2>' + w["Sign-off"] + "</h2><table>"
        f"<tr><th>{w['Prepared by']}</th><td></td></tr>"
        f"<tr><th>{w['Reviewed by / person in charge']}</th><td></td></tr>"
        f"<tr><th>{w['Date filed']}</th><td></td></tr>"
        f"<tr><th>{w['Seal of the unit']}</th><td class='seal'></td></tr>"
        f"</table><p class='made'>{escape(made)}</p></section>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title(report))}</title><style>{STYLE}</style></head><body>"
        + "".join(cover)
        + "".join(_section(s) for s in report.sections)
        + signoff
        + "</body></html>\n"
    )
