"""JSON Schemas for the tools around kamsite: the export validates against the schema the site publishes."""

import copy
import json

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from kamsite.core import frontmatter
from kamsite.render.schema import plan_schema
from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import BASE, EXAMPLE, copy_project, mkdocs_build, problems

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


def validator(schema):
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return mkdocs_build(copy_project(tmp_path_factory.mktemp("schema")), strict=True)


def read(site, uri):
    return json.loads((site / uri).read_text(encoding="utf-8"))


def test_the_export_validates_against_the_schema_the_site_publishes(site):
    schema, doc = read(site, "api/accounts.schema.json"), read(site, "api/accounts.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    check = validator(schema)
    assert list(check.iter_errors(doc)) == []
    assert doc["accounts"] and all(a["goals"] and a["tasks"] for a in doc["accounts"])


def test_the_schema_holds_the_export_to_its_keys_and_meanings(site):
    check, doc = validator(read(site, "api/accounts.schema.json")), read(site, "api/accounts.json")
    wrong = copy.deepcopy(doc)
    del wrong["accounts"][0]["goals"][0]["target"]
    wrong["accounts"][1]["health"] = "great"
    wrong["accounts"][2]["tasks"][0]["due"] = "15/05/2027"
    assert sorted(e.message for e in check.iter_errors(wrong)) == [
        "'15/05/2027' is not valid under any of the given schemas",
        "'great' is not one of ['on_track', 'at_risk', 'off_track', 'unmeasured', 'closed', None]",
        "'target' is a required property",
    ]
    # format v2's keys are described, and any key may be added
    added = copy.deepcopy(doc)
    added["accounts"][0] |= {
        "closed": False,
        "follows": None,
        "health_causes": ["goal revenue"],
        "last_contact": "2027-05-05",
        "contact_overdue": False,
        "added_later": 1,
    }
    added["accounts"][0]["goals"][0] |= {"stale": False, "measured_on": "2027-03-31"}
    added["accounts"][0]["tasks"][0]["kind"] = "contact"
    assert list(check.iter_errors(added)) == []
    added["accounts"][0]["last_contact"] = "yesterday"
    assert [e.message for e in check.iter_errors(added)] == [
        "'yesterday' is not valid under any of the given schemas"
    ]


def test_a_client_site_publishes_the_schema_its_export_follows(tmp_path):
    project = copy_project(tmp_path)
    builder.build_site(project / "mkdocs.yml", tmp_path / "client", audience="client", account="atlas")
    check = validator(read(tmp_path / "client", "api/accounts.schema.json"))
    doc = read(tmp_path / "client", "api/accounts.json")
    assert [a["owner"] for a in doc["accounts"]] == ["Lia Prado"]  # names, not handles
    assert list(check.iter_errors(doc)) == []


def test_kamsite_schema_prints_both_schemas(capsys):
    assert main(["schema", "accounts"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "kamsite data export (api/accounts.json)"
    assert main(["schema", "plan"]) == 0
    check = validator(json.loads(capsys.readouterr().out))
    for path in sorted((EXAMPLE / "plans").rglob("*.md")):
        data = frontmatter.read(path.read_text(encoding="utf-8"), str(path)).data
        as_json = json.loads(json.dumps(data, default=str))  # YAML dates become YYYY-MM-DD text
        assert list(check.iter_errors(as_json)) == [], path
    wrong = yaml.safe_load(
        "account: A\nid: a\nowner: ana\nteam: {ana: Ana}\nperiod: {start: 2027-01-01}\nacount: typo\n"
    )
    assert sorted(e.message for e in check.iter_errors(json.loads(json.dumps(wrong, default=str)))) == [
        "'end' is a required property",
        "Additional properties are not allowed ('acount' was unexpected)",
    ]


# -- version 3: the front matter's schema agrees with the format ---------------------------------

FULL = """\
---
account: Acme Indústria S.A.
id: acme-2027
owner: ana
team: {ana: Ana Souza, bruno: Bruno Lima}
period: {start: 2027-01-01, end: 2027-12-31}
currency: BRL
tags: [industria, sudeste]
formerly: [Acme Ltda.]
contact_every: 14
goals:
  - id: revenue
    title: Aumentar a receita em 20%
    unit: BRL
    baseline: 2500000
    target: 3.0e6
    measure_every: 30
    internal: false
    actuals: {2027-03-31: 2610000, 2027-06-30: 2700000.5}
  - id: hospitals
    title: Hospitais atendidos
    unit: {one: hospital, other: hospitais}
    baseline: 12
    target: 8
    weight: 0.5
  - id: share
    title: Participação de mercado
    unit: "%"
    baseline: 34
    hold: {min: 33, max: 37}
    weight: 2
milestones:
  - id: q1-renewal
    title: Renovar contrato
    quarter: Q1
    goals: [revenue]
    checkpoint: {revenue: 2600000}
    done: 2027-03-20
  - id: q2-dropped
    title: Abandonado
    quarter: Q2
    status: dropped
    internal: true
actions:
  - id: exec-workshop
    title: Workshop de roadmap
    milestone: q1-renewal
    owner: bruno
    due: 2027-02-15
    status: done
    done: 2027-02-14
    internal: false
---
"""


def editor_data(text):
    """The front matter as an editor reads YAML: plain values, dates as text."""
    return json.loads(json.dumps(frontmatter.read(text, "plans/acme.md").data))


def test_the_plan_schema_accepts_every_valid_plan_as_an_editor_reads_it():
    """Dates are strings, `id` is optional (the file name gives it)."""
    check = validator(plan_schema())
    for text in (BASE, FULL, BASE.replace("account: Acme\n", "account: Acme\nid: acme\n")):
        assert problems(text) == []
        assert [e.message for e in check.iter_errors(editor_data(text))] == []


def test_the_plan_schema_rejects_unknown_keys_at_every_level():
    check = validator(plan_schema())
    wrong = FULL.replace("currency: BRL", "curency: BRL").replace("    quarter: Q1\n", "    quartr: Q1\n")
    assert sorted(e.message for e in check.iter_errors(editor_data(wrong))) == [
        "'quarter' is a required property",
        "Additional properties are not allowed ('curency' was unexpected)",
        "Additional properties are not allowed ('quartr' was unexpected)",
    ]


def test_the_plan_schema_asks_a_goal_for_a_target_or_a_band_and_a_positive_weight():
    """As `kamsite check` does (format v3 §9.1, §9.2)."""
    check = validator(plan_schema())
    share = "    hold: {min: 33, max: 37}\n"
    for wrong, message in (
        (share.replace("hold", "target: 40\n    hold"), "is valid under each of"),  # both
        (share.replace("    hold: {min: 33, max: 37}\n", ""), "is not valid under any of the given schemas"),
        (share.replace("{min: 33, max: 37}", "{}"), "{} is not valid under any of the given schemas"),
        (share + "    weight: 0\n", "0 is not valid under any of the given schemas"),
    ):
        text = FULL.replace(share + "    weight: 2\n", wrong)
        assert text != FULL and problems(text) != []
        assert [message in e.message for e in check.iter_errors(editor_data(text))] == [True], wrong
