"""The JSON export matches the plan format's example, key for key."""

import json

from kamsite.core.progress import compute
from kamsite.render.export import accounts_json

from .test_compute import D, example


def test_the_export_of_the_format_example():
    file = example()
    doc = json.loads(accounts_json([(compute(file, D("2027-05-15")), file.tasks)], D("2027-05-15")))
    assert doc["as_of"] == "2027-05-15"
    (acc,) = doc["accounts"]
    assert {k: acc[k] for k in ("id", "account", "owner", "health")} == {
        "id": "acme", "account": "Acme", "owner": "ana", "health": "at_risk"}
    (goal,) = acc["goals"]
    assert {k: goal[k] for k in ("id", "baseline", "target", "current", "progress", "expected", "status")} == {
        "id": "revenue", "baseline": 2500000, "target": 3000000, "current": 2610000,
        "progress": 0.22, "expected": 0.33, "status": "at_risk"}
    (milestone,) = acc["milestones"]
    assert {k: milestone[k] for k in ("id", "quarter", "due", "status", "progress")} == {
        "id": "q1-renewal", "quarter": "Q1", "due": "2027-03-31", "status": "done", "progress": 1.0}
    (action,) = acc["actions"]
    assert {k: action[k] for k in ("id", "milestone", "owner", "due", "status", "progress", "overdue")} == {
        "id": "exec-workshop", "milestone": "q1-renewal", "owner": "bruno", "due": "2027-02-15",
        "status": "doing", "progress": 0.33, "overdue": True}
    first, second, third = acc["tasks"]
    assert first == {"text": "Agendar reunião com o CFO", "action": "exec-workshop", "owner": "bruno",
                     "due": "2027-01-10", "done": True, "done_on": "2027-01-09", "line": first["line"]}
    assert [t["line"] for t in acc["tasks"]] == [first["line"], first["line"] + 1, first["line"] + 3]
    assert second["done_on"] is None and second["owner"] == "bruno"
    assert (third["action"], third["owner"]) == ("exec-workshop", "ana")
