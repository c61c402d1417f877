"""Links from the team's pages to the plan files in the team's repository: "edit this plan",
and each task's and action's own line ("go tick that task" is one click).

MkDocs users set `repo_url` and `edit_uri`; `edit_uri` is relative to `repo_url` and points at
`docs_dir` on a branch (GitHub `edit/main/docs/` or `blob/main/docs/`, GitLab
`-/edit/main/docs/`), which is how Material's own edit button finds a page. Plans live outside
`docs_dir`, so the `docs_dir` part is swapped for the plan's path from the project's folder.
Line links use the view (`blob`) form: GitHub's edit pages ignore `#L42`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

from kamsite.core.model import PlanFile


@dataclass(frozen=True)
class Source:
    """Where each plan lives in the team's repository (team sites only: never in a client's)."""

    edit: str  # URL of the repository's files at the branch, edit form: '.../edit/main/'
    view: str  # the same in the view form: '.../blob/main/'
    paths: Mapping[str, str]  # plan id -> the file's path in the repository: 'plans/acme.md'
    actions: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (plan, action) -> line
    by_plan: Mapping[str, list[tuple[str, int]]] = field(default_factory=dict)  # plan -> (action, line)

    def plan(self, plan_id: str) -> str | None:
        """The page that edits the plan file."""
        path = self.paths.get(plan_id)
        return self.edit + quote(path) if path else None

    def plan_actions(self, plan_id: str) -> list[tuple[str, int]]:
        """The lines of one plan's actions, (action, line) sorted."""
        return self.by_plan.get(plan_id, [])

    def line(self, plan_id: str, line: int | None) -> str | None:
        """The plan file shown at one of its lines."""
        path = self.paths.get(plan_id)
        return f"{self.view}{quote(path)}#L{line}" if path and line else None


def prefixes(repo_url: str | None, edit_uri: str | None, docs_dir: str) -> tuple[str, str] | None:
    """(edit, view) URLs of the repository's root at the branch that `edit_uri` names, from
    MkDocs' settings (`docs_dir` relative to the project's folder); None when they do not say
    where the files are (no `edit_uri`, a relative one without `repo_url`, a query-style one,
    or one that does not end with the `docs_dir` folder)."""
    if not edit_uri or "?" in edit_uri or "#" in edit_uri:
        return None
    if "://" not in edit_uri:
        if not repo_url:
            return None
        edit_uri = urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri)
    base = edit_uri.rstrip("/") + "/"
    docs = docs_dir.strip("/")
    if docs not in ("", "."):
        if not base.endswith("/" + docs + "/"):
            return None
        base = base[: -len(docs) - 1]
    for edit, view in (("/-/edit/", "/-/blob/"), ("/edit/", "/blob/")):  # GitLab, then GitHub
        if edit in base:
            head, _, tail = base.rpartition(edit)
            return base, head + view + tail
    return base, base


def source(
    repo_url: str | None, edit_uri: str | None, docs_dir: str, plans: Iterable[tuple[PlanFile, str]]
) -> Source | None:
    """The links of a team site: `plans` pairs each plan with its path in the repository."""
    found = prefixes(repo_url, edit_uri, docs_dir)
    if found is None:
        return None
    plans = list(plans)
    actions = {
        (file.id, a.id): file.lines[("actions", i)]
        for file, _ in plans
        for i, a in enumerate(file.plan.actions)
        if ("actions", i) in file.lines
    }
    by_plan: dict[str, list[tuple[str, int]]] = {}
    for (plan_id, action), line in sorted(actions.items()):
        by_plan.setdefault(plan_id, []).append((action, line))
    return Source(found[0], found[1], {file.id: path for file, path in plans}, actions, by_plan)
