"""A commit writes the tables it did not touch as they were read: the result is still exactly the encoding."""

from __future__ import annotations

import orjson
import pytest

from hive import store as store_module
from hive.store import Store, encode, table_spans


def center(path, tables):
    data = {"_hive": {"1": {"schema": store_module.SCHEMA_VERSION}}, **tables}
    path.write_bytes(encode(data))
    return data


TABLES = {
    "center": {"1": {"name": "益田社区", "settings": {"a": [1, 2, {"b": "c"}]}}},
    "people": {"1": {"name": "王芳", "note": 'quote " and \\n newline'}, "2": {"name": "李明"}},
    "empty": {},
    "orgs": {"1": {"name": "阅翼"}},
}


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.insert("people", [(3, {"name": "张三"})]),
        lambda s: s.insert("empty", [(1, {"x": 1})]),
        lambda s: s.insert("brand_new", [(1, {"x": 1}), (2, {"y": []})]),
        lambda s: (s.insert("people", [(3, {"name": "张三"})]), s.replace("people", {1: {"name": "王芳芳"}})),
        lambda s: (s.replace("orgs", {1: {"name": "新"}}), s.insert("orgs", [(2, {"name": "二"})])),
        lambda s: s.remove("people", [2]),
        lambda s: s.remove("orgs", [1]),
        lambda s: s.set_meta(note="x"),
        lambda s: (s.insert("people", [(3, {"n": 1})]), s.insert("orgs", [(2, {"n": 2})]), s.remove("people", [1])),
    ],
)
def test_the_written_file_is_the_encoding_of_the_data(tmp_path, monkeypatch, change):
    monkeypatch.setattr(store_module, "VERIFY_COMMITS", False)  # compare here, not in the store
    path = tmp_path / "c.json"
    center(path, orjson.loads(orjson.dumps(TABLES)))
    with Store.open(path, write=True) as s:
        assert s._spans is not None  # a file hive wrote: its tables are located
        change(s)
        expected = encode(s.snapshot())
        s.commit()
    assert path.read_bytes() == expected
    with Store.open(path, write=True) as again:  # and it reads back, its tables located again
        assert again._spans is not None and again.snapshot() == orjson.loads(expected)


def test_spans_locate_each_table(tmp_path):
    raw = encode({"_hive": {"1": {"schema": 1}}, **TABLES})
    spans = table_spans(raw, orjson.loads(raw))
    for name, (start, end) in spans.items():
        assert orjson.loads(b"{" + raw[start:end] + b"}") == {name: orjson.loads(raw)[name]}


def test_a_file_laid_out_otherwise_is_encoded_whole(tmp_path):
    path = tmp_path / "c.json"
    data = {"_hive": {"1": {"schema": store_module.SCHEMA_VERSION}}, **TABLES}
    path.write_bytes(orjson.dumps(data))  # compact: not hive's layout (edited by a program)
    with Store.open(path, write=True) as s:
        assert s._spans is None
        s.insert("people", [(3, {"name": "张三"})])
        s.commit()
    assert path.read_bytes() == encode({**data, "people": {**TABLES["people"], "3": {"name": "张三"}}})


@pytest.mark.parametrize("located", [True, False])
def test_large_tables_are_encoded_in_pieces_with_the_same_bytes(tmp_path, monkeypatch, located):
    monkeypatch.setattr(store_module, "CHUNK", 2)  # every table of more than two records in pieces
    monkeypatch.setattr(store_module, "VERIFY_COMMITS", False)
    path = tmp_path / "c.json"
    tables = {"people": {str(n): {"name": f"居民{n}"} for n in range(1, 8)}, "orgs": {"1": {"name": "阅翼"}}}
    data = center(path, tables)
    if not located:
        path.write_bytes(orjson.dumps(data))  # not hive's layout: every table is encoded
    with Store.open(path, write=True) as s:
        s.insert("people", [(n, {"name": f"新{n}"}) for n in range(8, 13)])  # appended in pieces
        s.insert("visits", [(n, {"n": n}) for n in range(1, 6)])  # a new table in pieces
        s.replace("orgs", {1: {"name": "新名"}})
        expected = encode(s.snapshot())
        pieces = list(s._payload())
        assert len(pieces) > 10
        joined = b"".join(p.bytes() if isinstance(p, store_module.FileSpan) else p for p in pieces)
        s.commit()
    assert joined == expected == path.read_bytes()


def test_a_failure_while_encoding_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "VERIFY_COMMITS", False)
    path = tmp_path / "c.json"
    center(path, orjson.loads(orjson.dumps(TABLES)))
    before = path.read_bytes()
    with Store.open(path, write=True) as s:
        s.insert("people", [(3, {"name": object()})])  # not JSON: orjson refuses it mid-write
        with pytest.raises(TypeError):
            s.commit()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json", "c.json.lock"]
