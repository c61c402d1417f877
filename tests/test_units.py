"""A goal's unit in its two forms, {one, other}: "1 hospital", "2 hospitais"."""

from datetime import date

import jsonschema
import pytest

from kamsite.core.parse import parse_plan
from kamsite.render.formats import Formats
from kamsite.render.next_plan import next_period
from kamsite.render.schema import plan_schema

from .conftest import BASE, make_plan, problems

HOSPITALS = "unit: {one: hospital, other: hospitais}"


def unit_of(text: str):
    return parse_plan(text, "plans/acme.md").plan.goals[0].unit


def test_a_unit_with_two_forms_reads_each_after_its_numbers():
    unit = unit_of(BASE.replace("unit: BRL", HOSPITALS))
    fmt = Formats("pt_BR")
    assert [fmt.number(v, unit) for v in (1, -1, 2, 1.5, 0)] == [
        "1 hospital",
        "-1 hospital",
        "2 hospitais",
        "1,5 hospitais",
        "0 hospitais",
    ]
    assert fmt.compact(20_000, unit) == "20\xa0mil hospitais"
    assert unit == "hospitais"  # the export and every other place shows the `other` form


def test_a_unit_written_as_one_word_keeps_it_after_every_number():
    unit = unit_of(BASE.replace("unit: BRL", "unit: clientes"))
    assert Formats("pt_BR").number(1, unit) == "1 clientes"
    assert Formats("en").number(1, unit_of(BASE)) == "R$1"


@pytest.mark.parametrize(
    "written",
    ["unit: {one: hospital}", "unit: {one: a, other: b, few: c}", "unit: {singular: a, plural: b}"],
)
def test_a_unit_mapping_needs_exactly_its_two_forms(written):
    assert problems(BASE.replace("unit: BRL", written)) == [
        "plans/acme.md:11: goals[0].unit: must be a word, or both forms of one: {one: hospital, other: hospitais}"
    ]


def test_each_form_is_text():
    assert problems(BASE.replace("unit: BRL", 'unit: {one: "", other: hospitais}')) == [
        "plans/acme.md:11: goals[0].unit: must not be empty"
    ]


def test_the_schema_accepts_both_ways_of_writing_a_unit():
    schema = plan_schema()
    unit = schema["$defs"]["Goal"]["properties"]["unit"]
    jsonschema.validate({"one": "hospital", "other": "hospitais"}, unit)
    jsonschema.validate("BRL", unit)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"one": "hospital"}, unit)


def test_the_next_plan_keeps_both_forms():
    goal = {
        "id": "beds",
        "title": "Hospitais",
        "unit": {"one": "hospital", "other": "hospitais"},
        "baseline": 1,
        "target": 4,
        "actuals": {"2027-12-31": 3},
    }
    text = next_period(make_plan(goals=[goal]), "acme-2028", date(2028, 1, 1))
    assert "one: hospital" in text
    unit = parse_plan(text, "plans/acme-2028.md").plan.goals[0].unit
    assert (str(unit), unit.one) == ("hospitais", "hospital")
