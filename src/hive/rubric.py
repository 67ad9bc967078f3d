"""Evaluation rubrics (评估指标体系): a tree of indicators with maximum points, and bands by total.

Every published assessment (社会组织等级评估, community star schemes) has one
shape: indicators 1-4 levels deep, each with its maximum points, a scoring
rule and an evidence method; the leaves are scored; a parent's points are its
children's sum; the total gives a band (5A >= 90 of 100). A center writes its
own rubric as a file (YAML, JSON, or a spreadsheet with one row per
indicator: code, parent, title, maximum, method) and loads it with ``hive
rubric load``; :func:`read` parses such a file, :func:`build` checks the
tree. This module is pure: no ledger, no printing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hive.errors import InvalidInput
from hive.i18n import _
from hive.models import Band, Indicator, Rubric

MAX_DEPTH = 4

#: The example rubric shipped with hive (the five areas of the 1A-5A grading): ``hive rubric load --example``.
EXAMPLE = Path(__file__).parent / "examples" / "grading-example.yaml"

#: Column names a spreadsheet may use, in English or Chinese, for each field of an indicator.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "编号", "指标编号", "序号", "代码"),
    "parent": ("parent", "上级", "上级编号", "父级", "所属"),
    "title": ("title", "指标", "指标名称", "名称", "内容"),
    "maximum": ("maximum", "max", "分值", "满分", "最高分"),
    "method": ("method", "评估方法", "评分方法", "方法", "评分标准", "说明"),
}

#: The 社会组织等级评估 bands, as shares of the rubric's total points (5A >= 90 of 100).
DEFAULT_BANDS: tuple[tuple[str, float], ...] = (("5A", 0.9), ("4A", 0.8), ("3A", 0.7), ("2A", 0.6), ("1A", 0.5))


def _number(value: Any, field: str, code: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    except ValueError:
        raise InvalidInput(
            _("indicator {code}: {field} '{value}' is not a number").format(code=code, field=field, value=value)
        ) from None
    if number < 0 or number != number or number in (float("inf"),):
        raise InvalidInput(
            _("indicator {code}: {field} '{value}' is not a number of points").format(
                code=code, field=field, value=value
            )
        )
    return number


def _code(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet turned "1" into 1.0
    return str(value).strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))


def build(
    name: str,
    title: str,
    rows: Iterable[Mapping[str, Any]],
    bands: Mapping[str, Any] | None = None,
    *,
    example: bool = False,
    source: str = "",
) -> Rubric:
    """Check rows (code, parent, title, maximum, method) as a tree and make the :class:`Rubric`.

    A leaf needs a maximum above 0; a parent's maximum, when given, must equal
    the sum of its children's (else it is computed). ``bands`` maps a band's
    name to its lowest total (``{"5A": 90}``); without it, the 5A-1A shares of
    :data:`DEFAULT_BANDS` of the total.
    """
    raw: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        code = _code(row.get("code"))
        if not code:
            raise InvalidInput(_("indicator in row {row}: no code").format(row=n))
        if code in seen:
            raise InvalidInput(_("indicator {code} appears twice").format(code=code))
        seen.add(code)
        text = str(row.get("title") or "").strip()
        if not text:
            raise InvalidInput(_("indicator {code}: no title").format(code=code))
        raw.append(
            {
                "code": code,
                "parent": _code(row.get("parent")) or None,
                "title": text,
                "maximum": _number(row.get("maximum"), "maximum", code),
                "method": str(row.get("method") or "").strip(),
            }
        )
    if not raw:
        raise InvalidInput(_("the rubric has no indicators"))
    by_code = {r["code"]: r for r in raw}
    for r in raw:
        if r["parent"] is not None and r["parent"] not in by_code:
            raise InvalidInput(
                _("indicator {code}: its parent {parent} is not in the rubric").format(
                    code=r["code"], parent=r["parent"]
                )
            )
    children: dict[str | None, list[dict[str, Any]]] = {}
    for r in raw:
        children.setdefault(r["parent"], []).append(r)

    def depth(code: str, trail: tuple[str, ...] = ()) -> int:
        if code in trail:
            raise InvalidInput(_("indicator {code} is its own ancestor").format(code=code))
        parent = by_code[code]["parent"]
        return 1 if parent is None else 1 + depth(parent, (*trail, code))

    for r in raw:
        if depth(r["code"]) > MAX_DEPTH:
            raise InvalidInput(
                _("indicator {code} is more than {levels} levels deep").format(code=r["code"], levels=MAX_DEPTH)
            )

    def maximum(r: dict[str, Any]) -> float:
        kids = children.get(r["code"], [])
        if not kids:
            if not r["maximum"]:
                raise InvalidInput(
                    _("indicator {code}: a scored indicator needs a maximum above 0").format(code=r["code"])
                )
            return r["maximum"]
        total = sum(maximum(k) for k in kids)
        if r["maximum"] is not None and abs(r["maximum"] - total) > 1e-6:
            raise InvalidInput(
                _("indicator {code}: its maximum {given} is not the sum of its indicators' ({total})").format(
                    code=r["code"], given=f"{r['maximum']:g}", total=f"{total:g}"
                )
            )
        r["maximum"] = total
        return total

    for r in children.get(None, []):
        maximum(r)
    indicators = [Indicator(r["code"], r["title"], r["maximum"], r["parent"], r["method"]) for r in raw]
    whole = sum(i.maximum for i in indicators if i.parent is None)
    if bands:
        cut = []
        for band, low in bands.items():
            value = _number(low, "band", str(band))
            if value is None or value > whole:
                raise InvalidInput(
                    _("band {band}: its lowest total {value} is not between 0 and the rubric's {total}").format(
                        band=band, value=low, total=f"{whole:g}"
                    )
                )
            cut.append(Band(str(band).strip(), value))
    else:
        cut = [Band(band, round(share * whole, 6)) for band, share in DEFAULT_BANDS]
    name = name.strip()
    if not name:
        raise InvalidInput(_("the rubric has no name"))
    return Rubric(
        "",
        name,
        title.strip() or name,
        indicators,
        sorted(cut, key=lambda b: -b.minimum),
        example=example,
        source=source,
    )


def parse_bands(text: str) -> dict[str, str]:
    """``5A=90,4A=80`` (or ``5A：90，4A：80``) as ``{"5A": "90", "4A": "80"}``."""
    found = {}
    for part in text.replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        if not part.strip():
            continue
        band, sep, low = part.replace("：", "=").replace(":", "=").partition("=")
        if not sep or not band.strip():
            raise InvalidInput(
                _("invalid --bands '{value}': expected NAME=POINTS, e.g. 5A=90,4A=80").format(value=text)
            )
        found[band.strip()] = low.strip()
    return found


# -- reading files -------------------------------------------------------------------------------


def _flatten(items: Iterable[Mapping[str, Any]], parent: str | None = None) -> list[dict[str, Any]]:
    """Nested ``children`` lists (YAML/JSON) as rows with a parent code."""
    rows = []
    for item in items:
        if not isinstance(item, Mapping):
            raise InvalidInput(_("an indicator is not a mapping of code, title, maximum..."))
        row = {key: item.get(key) for key in ("code", "title", "maximum", "method")}
        row["parent"] = item.get("parent", parent)
        rows.append(row)
        kids = item.get("children") or item.get("indicators") or []
        if kids:
            rows.extend(_flatten(kids, _code(item.get("code"))))
    return rows


def _header_map(header: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = str(cell or "").strip().lower()
        for field, names in COLUMNS.items():
            if label in names and field not in found:
                found[field] = index
    missing = [f for f in ("code", "title") if f not in found]
    if missing:
        raise InvalidInput(
            _(
                "the sheet's first row must name the columns code, parent, title, maximum, method (missing: {missing})"
            ).format(missing=", ".join(missing))
        )
    return found


def _rows_of_table(table: list[list[Any]]) -> list[dict[str, Any]]:
    if not table:
        raise InvalidInput(_("the sheet is empty"))
    columns = _header_map(table[0])
    rows = []
    for line in table[1:]:
        if not any(str(c or "").strip() for c in line):
            continue
        rows.append({field: (line[i] if i < len(line) else None) for field, i in columns.items()})
    return rows


def read_text_table(data: bytes) -> list[list[Any]]:
    """A CSV file's rows, in UTF-8 (with or without BOM) or GBK, as Excel in China saves them."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput(_("the CSV file is neither UTF-8 nor GBK"))
    import csv  # a rubric read from a .csv only: start-up stays small

    return [row for row in csv.reader(io.StringIO(text))]


def read_workbook(path: Path) -> list[list[Any]]:
    """The first sheet of an .xlsx workbook, as rows of cell values."""
    from openpyxl import load_workbook  # imported only for spreadsheets: it is slow to import

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook (a renamed file, damaged)
        raise InvalidInput(
            _("{path}: not a readable .xlsx workbook ({problem})").format(path=path, problem=type(exc).__name__)
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_table(path: Path) -> list[list[Any]]:
    """The rows of a spreadsheet file (.xlsx or .csv)."""
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path)
    return read_text_table(path.read_bytes())


def read(path: Path, *, name: str | None = None, bands: Mapping[str, Any] | None = None) -> Rubric:
    """The rubric in file ``path`` (.yaml/.yml, .json, .xlsx or .csv), checked (see :func:`build`)."""
    if not path.is_file():
        raise InvalidInput(_("no file {path}").format(path=path))
    suffix = path.suffix.lower()
    document: Any
    if suffix in (".yaml", ".yml", ".json"):
        text = path.read_bytes().decode("utf-8-sig", errors="strict")
        try:
            if suffix == ".json":
                document = json.loads(text)
            else:
                import yaml  # imported only for YAML files

                document = yaml.safe_load(text)
        except Exception as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = _(" at line {line}").format(line=line + 1) if line is not None else ""
            raise InvalidInput(
                _("{path}: not valid {format}{where}").format(path=path, format=suffix[1:].upper(), where=where)
            ) from None
        if isinstance(document, list):
            document = {"indicators": document}
        if not isinstance(document, dict):
            raise InvalidInput(_("{path}: expected a rubric with name, title, bands and indicators").format(path=path))
        rows = _flatten(document.get("indicators") or [])
        file_bands = document.get("bands")
        if isinstance(file_bands, list):  # [{name: 5A, minimum: 90}, ...]
            file_bands = {b.get("name"): b.get("minimum") for b in file_bands if isinstance(b, dict)}
        return build(
            name or str(document.get("name") or path.stem),
            str(document.get("title") or ""),
            rows,
            bands or file_bands,
            example=bool(document.get("example", False)),
            source=path.name,
        )
    if suffix in (".xlsx", ".csv"):
        return build(name or path.stem, "", _rows_of_table(read_table(path)), bands, source=path.name)
    raise InvalidInput(_("{path}: expected a .yaml, .yml, .json, .xlsx or .csv file").format(path=path))
