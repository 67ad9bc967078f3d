"""People and every declared record type in the browser's forms: list, add, edit, void, undo."""

from __future__ import annotations


def test_every_record_type_is_listed_with_people_among_them(web, center):
    page = web("vic").get("/records").text
    for table in ("people", "organizations", "trainings", "volunteers", "volunteer_records"):
        assert f'href="/records/{table}"' in page
    assert 'href="/records/users"' not in page and 'href="/records/events"' not in page


def test_the_list_searches_pages_and_masks_personal_fields(web, center):
    from hive.models import Person

    with center.ledger() as ledger:
        person = next(p for p in ledger.all(Person) if p.phone)
    viewer = web("vic")
    page = viewer.get("/records/people", params={"q": person.name}).text
    assert person.name in page and person.phone not in page
    assert person.phone not in viewer.get("/records/people?personal=1").text
    assert person.phone in web("sam").get("/records/people?personal=1").text


def test_add_a_person_from_the_generated_form_with_the_problem_beside_the_field(web, center):
    staff = web("sam")
    form = staff.get("/records/people/new").text
    assert 'name="name"' in form and 'name="phone"' in form
    bad = staff.post("/records/people/new", {"name": "孙丽", "phone": "12"})
    assert bad.status_code == 400
    assert 'aria-invalid="true"' in bad.text and 'value="孙丽"' in bad.text
    good = staff.post("/records/people/new", {"name": "孙丽", "phone": "13900001111"})
    assert good.status_code == 303
    added = [p for p in center.json("list", "people") if p["name"] == "孙丽"]
    assert len(added) == 1
    assert center.json("events", "--limit", "1")[0]["operator"] == "sam"


def test_edit_void_and_undo(web, center):
    staff = web("sam")
    pid = center.new_id("person", "add", "钱进")
    response = staff.post(f"/records/id/{pid}/edit", {"name": "钱进步"})
    assert response.status_code == 303
    assert center.json("show", pid)["record"]["name"] == "钱进步"
    response = staff.post(f"/records/id/{pid}/void", {"reason": "重复登记"})
    assert response.status_code == 303
    assert "钱进步" not in staff.get("/records/people").text
    plan = staff.get("/undo").text
    assert "void" in plan
    assert staff.post("/undo", {}).status_code == 303
    assert "钱进步" in staff.get("/records/people", params={"q": "钱进步"}).text
    assert web("vic").post("/undo", {}).status_code == 403
