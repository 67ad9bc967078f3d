"""Assessments (评估): an organization scored against a rubric, leaf by leaf, by itself and by a panel.

Each scored indicator has the panel's score (what counts), the organization's
self score when it gave one, and a reason for every point deducted (the
panel scored below the maximum). Totals per level and the band follow from
the rubric (:mod:`hive.rubric`). The scores come from the command line or from
a filled-in sheet (.xlsx or .csv: code, self, panel, reason). A stage
criterion, off by default, asks that the latest assessment with a chosen
rubric scores at least so many points (``core.assessment.rubric``,
``core.assessment.min_total``), e.g. to graduate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hive import validate
from hive.errors import Conflict, InvalidInput, NotFound
from hive.i18n import _
from hive.models import Assessment, Rubric, Score
from hive.rubric import _code, _number, read_table

if TYPE_CHECKING:
    from hive.ledger import Ledger
    from hive.models import Organization

#: Column names of a filled-in score sheet, in English or Chinese.
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "编号", "指标编号", "序号", "代码"),
    "self": ("self", "self score", "自评", "自评分", "自评得分"),
    "panel": ("panel", "panel score", "评审", "评审分", "评审得分", "得分", "专家评分"),
    "reason": ("reason", "扣分原因", "扣分理由", "原因", "说明"),
}


# -- rubrics in the ledger -----------------------------------------------------------------------


def find_rubric(ledger: Ledger, ref: str) -> Rubric:
    """A rubric by id or name."""
    found = ledger.find(Rubric, ref.strip())
    if found is not None:
        return found
    for rubric in ledger.all(Rubric):
        if rubric.name == ref.strip():
            return rubric
    raise NotFound(_("no rubric '{ref}' (see 'hive rubric list')").format(ref=ref))


def add_rubric(ledger: Ledger, rubric: Rubric) -> Rubric:
    if any(r.name == rubric.name for r in ledger.all(Rubric)):
        raise Conflict(
            _("a rubric named '{name}' already exists; load a revision under another name (--name)").format(
                name=rubric.name
            )
        )
    return ledger.add(rubric, action="rubric load", detail=rubric.name)


# -- scores --------------------------------------------------------------------------------------


def parse_score(text: str) -> tuple[str, float | None, float]:
    """``1.2=4`` (panel) or ``1.2=5/4`` (self/panel) as (code, self, panel)."""
    code, sep, value = str(text).replace("＝", "=").partition("=")
    self_text, slash, panel_text = value.replace("／", "/").partition("/")
    if not slash:
        self_text, panel_text = "", self_text
    if not sep or not code.strip() or not panel_text.strip():
        raise InvalidInput(
            _("invalid --score '{value}': expected CODE=PANEL or CODE=SELF/PANEL, e.g. 1.2=5/4").format(value=text)
        )
    code = _code(code)
    return code, _number(self_text, "self score", code), _number(panel_text, "panel score", code)  # type: ignore[return-value]


def parse_reason(text: str) -> tuple[str, str]:
    code, sep, reason = str(text).replace("＝", "=").partition("=")
    if not sep or not code.strip() or not reason.strip():
        raise InvalidInput(_("invalid --reason '{value}': expected CODE=TEXT").format(value=text))
    return _code(code), reason.strip()


def read_sheet(path: Path) -> list[tuple[str, float | None, float | None, str]]:
    """A filled-in score sheet (.xlsx or .csv): rows of (code, self, panel, reason)."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InvalidInput(_("--sheet {path}: expected an .xlsx or .csv file").format(path=path))
    if not path.is_file():
        raise InvalidInput(_("--sheet: no file {path}").format(path=path))
    table = read_table(path)
    if not table:
        raise InvalidInput(_("--sheet {path}: the sheet is empty").format(path=path))
    columns: dict[str, int] = {}
    for index, cell in enumerate(table[0]):
        label = str(cell or "").strip().lower()
        for field, names in SHEET_COLUMNS.items():
            if label in names and field not in columns:
                columns[field] = index
    if "code" not in columns or "panel" not in columns:
        raise InvalidInput(
            _("--sheet {path}: the first row must name the columns code, self, panel, reason").format(path=path)
        )
    rows = []

    def cell(line: list[Any], field: str) -> Any:
        i = columns.get(field)
        return line[i] if i is not None and i < len(line) else None

    for line in table[1:]:
        code = _code(cell(line, "code"))
        if not code:
            continue
        rows.append(
            (
                code,
                _number(cell(line, "self"), "self score", code),
                _number(cell(line, "panel"), "panel score", code),
                str(cell(line, "reason") or "").strip(),
            )
        )
    return rows


def scored(
    rubric: Rubric,
    entries: Iterable[tuple[str, float | None, float | None, str]],
) -> list[Score]:
    """Check the scores against the rubric: every leaf scored once, within its maximum, deductions explained.

    ``entries`` are (code, self, panel, reason); a parent's row (a sheet may
    carry subtotals) is ignored. Rows of the same leaf are merged, later wins.
    """
    by_code = rubric.by_code
    leaves = {i.code: i for i in rubric.leaves}
    merged: dict[str, dict[str, Any]] = {}
    for code, self_score, panel, reason in entries:
        if code not in by_code:
            raise InvalidInput(_("indicator {code} is not in rubric {rubric}").format(code=code, rubric=rubric.name))
        if code not in leaves:
            continue  # a subtotal: worked out from its indicators
        row = merged.setdefault(code, {"self": None, "panel": None, "reason": ""})
        if self_score is not None:
            row["self"] = self_score
        if panel is not None:
            row["panel"] = panel
        if reason:
            row["reason"] = reason
    missing = [code for code in leaves if merged.get(code, {}).get("panel") is None]
    if missing:
        raise InvalidInput(
            _("no panel score for indicator(s) {codes} of rubric {rubric}").format(
                codes=", ".join(missing[:10]) + (" ..." if len(missing) > 10 else ""), rubric=rubric.name
            )
        )
    scores = []
    for code, indicator in leaves.items():
        row = merged[code]
        for field, value in (("panel score", row["panel"]), ("self score", row["self"])):
            if value is not None and value > indicator.maximum + 1e-9:
                raise InvalidInput(
                    _("indicator {code}: {field} {value} is above its maximum {maximum}").format(
                        code=code, field=field, value=f"{value:g}", maximum=f"{indicator.maximum:g}"
                    )
                )
        if row["panel"] < indicator.maximum - 1e-9 and not row["reason"]:
            raise InvalidInput(
                _("indicator {code}: {points} points deducted without a reason (--reason {code}=TEXT)").format(
                    code=code, points=f"{indicator.maximum - row['panel']:g}"
                )
            )
        scores.append(
            Score(code, row["panel"], row["self"], validate.text("--reason", row["reason"], required=False, limit=500))
        )
    return scores


def record(
    ledger: Ledger,
    org_ref: str,
    rubric_ref: str,
    *,
    scores: Iterable[str] = (),
    reasons: Iterable[str] = (),
    sheet: Path | None = None,
    assessors: Iterable[str] = (),
    date: dt.date | None = None,
    note: str = "",
) -> Assessment:
    """Record an assessment of an organization from ``--score``/``--reason`` values and/or a filled-in sheet."""
    from hive.organizations import find_org, require_open

    org = find_org(ledger, org_ref)
    require_open(org)
    rubric = find_rubric(ledger, rubric_ref)
    date = date or ledger.today
    if date > ledger.today:
        raise validate.fail("--date", date.isoformat(), _("is in the future"))
    if date < org.joined:
        raise validate.fail(
            "--date", date.isoformat(), _("is before the organization joined ({date})").format(date=org.joined)
        )
    entries: list[tuple[str, float | None, float | None, str]] = list(read_sheet(sheet)) if sheet else []
    entries += [(code, self_score, panel, "") for code, self_score, panel in map(parse_score, scores)]
    entries += [(code, None, None, reason) for code, reason in map(parse_reason, reasons)]
    checked = scored(rubric, entries)
    names = [validate.text("--assessor", a, limit=100) for a in assessors]
    if not names:
        raise InvalidInput(_("name the assessors (--assessor NAME, once per person)"))
    total = round(sum(s.panel for s in checked), 6)
    self_scores = [s.self_score for s in checked]
    self_total = round(sum(self_scores), 6) if all(v is not None for v in self_scores) else None  # type: ignore[arg-type]
    return ledger.add(
        Assessment(
            id="",
            org=org.id,
            rubric=rubric.id,
            date=date,
            scores=checked,
            assessors=names,
            total=total,
            self_total=self_total,
            band=rubric.band(total),
            operator=ledger.operator,
            note=validate.text("--note", note, required=False, limit=1000),
        ),
        action="assess",
        detail=org.id,
    )


def latest(assessments: Iterable[Assessment], org: str, rubric: str, as_of: dt.date) -> Assessment | None:
    """The latest assessment of ``org`` with ``rubric`` dated up to ``as_of`` (of one day, the last recorded)."""
    found = None
    for a in assessments:
        if a.org == org and a.rubric == rubric and a.date <= as_of and (found is None or a.date >= found.date):
            found = a
    return found


# -- the document and the printable score sheet ---------------------------------------------------


def document(assessment: Assessment, rubric: Rubric, org: Organization) -> dict[str, Any]:
    """``hive assess show --json``: the assessment with every indicator's points, per level."""
    points = rubric.totals({s.indicator: s.panel for s in assessment.scores})
    self_points = (
        rubric.totals({s.indicator: s.self_score or 0.0 for s in assessment.scores})
        if assessment.self_total is not None
        else {}
    )
    by_leaf = {s.indicator: s for s in assessment.scores}
    return {
        "id": assessment.id,
        "org": org.id,
        "name": org.name,
        "rubric": rubric.name,
        "rubric_id": rubric.id,
        "date": assessment.date.isoformat(),
        "assessors": list(assessment.assessors),
        "total": assessment.total,
        "self_total": assessment.self_total,
        "maximum": rubric.total,
        "band": assessment.band,
        "note": assessment.note,
        "indicators": [
            {
                "code": i.code,
                "parent": i.parent,
                "level": rubric.depth(i.code),
                "title": i.title,
                "maximum": i.maximum,
                "method": i.method,
                "panel": points[i.code],
                "self": self_points.get(i.code),
                "reason": by_leaf[i.code].reason if i.code in by_leaf else "",
            }
            for i in rubric.indicators
        ],
    }


def score_sheet_html(doc: Mapping[str, Any], center_name: str) -> str:
    """A printable score sheet (评分表) of one assessment: one row per indicator, totals, band, signatures."""
    import html  # the score sheet's page only: start-up stays small

    e = html.escape
    rows = []
    for i in doc["indicators"]:
        indent = "&#12288;" * (i["level"] - 1)
        strong = i["level"] == 1
        cells = [
            e(i["code"]),
            indent + (f"<strong>{e(i['title'])}</strong>" if strong else e(i["title"])),
            f"{i['maximum']:g}",
            e(i["method"]),
            "" if i["self"] is None else f"{i['self']:g}",
            f"{i['panel']:g}",
            e(i["reason"]),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = [
        _("code"),
        _("indicator"),
        _("maximum"),
        _("method"),
        _("self score"),
        _("panel score"),
        _("reason for deduction"),
    ]
    self_total = "" if doc["self_total"] is None else f"{doc['self_total']:g}"
    words = {  # marked here: messages inside the f-string below would not be extracted
        "sheet": _("Score sheet"),
        "org": _("Organization"),
        "center": _("center"),
        "date": _("date"),
        "assessors": _("Assessors"),
        "total": _("Total"),
        "band": _("band"),
        "none": _("none"),
        "signatures": _("Assessors' signatures"),
        "seal": _("Seal of the center"),
    }
    w = {key: e(value) for key, value in words.items()}
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{w["sheet"]} {e(doc["name"])}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 10.5pt; }}
th, td {{ border: 1px solid #444; padding: 3px 6px; vertical-align: top; }}
td:nth-child(3), td:nth-child(5), td:nth-child(6) {{ text-align: right; white-space: nowrap; }}
.sign {{ margin-top: 3em; display: flex; justify-content: space-between; }}
@media print {{ body {{ margin: 1cm; }} }}
</style></head><body>
<h1>{w["sheet"]}: {e(doc["rubric"])}</h1>
<p>{w["org"]}: {e(doc["name"])} ({e(doc["org"])}) · {w["center"]}: {e(center_name)} · {w["date"]}: {e(doc["date"])}</p>
<p>{w["assessors"]}: {e("、".join(doc["assessors"]))}</p>
<table><thead><tr>{"".join(f"<th>{e(h)}</th>" for h in head)}</tr></thead><tbody>
{chr(10).join(rows)}
<tr><td></td><td><strong>{w["total"]}</strong></td><td>{doc["maximum"]:g}</td><td></td><td>{self_total}</td><td><strong>{doc["total"]:g}</strong></td><td>{w["band"]}: {e(doc["band"]) if doc["band"] else w["none"]}</td></tr>
</tbody></table>
<div class="sign"><span>{w["signatures"]}: ____________</span><span>{w["seal"]}: ____________</span></div>
</body></html>
"""


# -- the stage criterion ---------------------------------------------------------------------------


def criterion_check(org: Organization, ctx: Any) -> Any:
    """``core.assessment``: the latest assessment with rubric ``core.assessment.rubric`` scores at least the minimum."""
    from hive.criteria import Outcome

    name = str(ctx.settings["core.assessment.rubric"] or "").strip()
    if not name:
        return Outcome(True, "", {"checked": False})
    need = float(ctx.settings["core.assessment.min_total"])
    rubrics = ctx.memo(
        "core.rubrics", lambda: {r.name: r for r in ctx.ledger.all(Rubric)} | {r.id: r for r in ctx.ledger.all(Rubric)}
    )
    rubric = rubrics.get(name)
    if rubric is None:
        return Outcome(False, _("rubric {rubric} (core.assessment.rubric) is not loaded").format(rubric=name), {})
    found = latest(ctx.ledger.where(Assessment, org=org.id), org.id, rubric.id, ctx.as_of)
    if found is None:
        return Outcome(
            False, _("no assessment with rubric {rubric}").format(rubric=rubric.name), {"rubric": rubric.name}
        )
    evidence = {"assessment": found.id, "date": found.date.isoformat(), "total": found.total, "band": found.band}
    if found.total + 1e-9 < need:
        return Outcome(
            False,
            _("latest assessment with rubric {rubric} ({date}) scores {total} of {maximum}, below {need}").format(
                rubric=rubric.name,
                date=found.date.isoformat(),
                total=f"{found.total:g}",
                maximum=f"{rubric.total:g}",
                need=f"{need:g}",
            ),
            evidence,
        )
    return Outcome(True, "", evidence)
