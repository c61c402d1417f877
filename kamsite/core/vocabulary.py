"""The words of kamsite: every status, health and kind a plan, a page or an export can carry.

Each is a `StrEnum`: a member is equal to (and hashes, formats and serializes as) its word,
so `status == "done"`, `f"goal.status.{status}"` and the JSON export read as before. The
words are the format's (PLAN_FORMAT.md) and the label keys' (`kamsite/render/labels.py`);
a test asks every locale for a label of every word.
"""

from __future__ import annotations

from enum import StrEnum


class GoalStatus(StrEnum):
    """A goal's progress against what was expected by as_of (labels `goal.status.*`)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"  # a closed plan's goal that was not achieved


class GoalKind(StrEnum):
    """What a goal asks for (export `kind`): move a value to a target, or hold it in a band."""

    MOVE = "move"  # from baseline to target
    HOLD = "hold"  # keep inside hold: {min, max}


class MilestoneStatus(StrEnum):
    """A milestone's state as of as_of (labels `milestone.status.*`); a plan writes only `dropped`."""

    DONE = "done"
    MISSED = "missed"
    IN_PROGRESS = "in_progress"
    UPCOMING = "upcoming"
    DROPPED = "dropped"


class ActionStatus(StrEnum):
    """An action's state, written in the plan or read from its tasks (labels `action.status.*`)."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class Health(StrEnum):
    """An account's health, the worst of its parts (labels `health.*`)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    UNMEASURED = "unmeasured"  # no goals: never on track
    CLOSED = "closed"  # as_of is after the period


class CauseKind(StrEnum):
    """What sets an account's health, worst first (labels `health.why.*`)."""

    GOAL_OFF_TRACK = "goal_off_track"
    MILESTONE_MISSED = "milestone_missed"
    GOAL_AT_RISK = "goal_at_risk"
    GOAL_STALE = "goal_stale"
    ACTION_OVERDUE = "action_overdue"
    TASK_OVERDUE = "task_overdue"
    CONTACT_OVERDUE = "contact_overdue"
    STAKEHOLDER_OVERDUE = "stakeholder_overdue"  # no contact with a high-influence stakeholder
    NO_GOALS = "no_goals"
    PLAN_CLOSED = "plan_closed"


class TaskKind(StrEnum):
    """What a task of the body is, from its `kind:` token (labels `task.kind.*`)."""

    TASK = "task"
    CONTACT = "contact"  # a call, a visit, a meeting with the client
    REPORT = "report"  # sent to the client


class Influence(StrEnum):
    """How much a stakeholder of the client weighs on the account (labels `stakeholder.influence.*`)."""

    HIGH = "high"  # kept on the contact cadence
    MEDIUM = "medium"
    LOW = "low"


class Stance(StrEnum):
    """Where a stakeholder of the client stands towards us (labels `stakeholder.stance.*`)."""

    CHAMPION = "champion"  # argues for us inside the client
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    CRITIC = "critic"
    UNKNOWN = "unknown"  # not known yet


class ItemKind(StrEnum):
    """What an agenda item is (labels `today.kind.*`)."""

    TASK = "task"
    ACTION = "action"
    CONTACT = "contact"  # the client contact the cadence asks for


class DoneKind(StrEnum):
    """What was done or is next in a recent report, bigger first (labels `recent.kind.*`)."""

    MILESTONE = "milestone"
    ACTION = "action"
    TASK = "task"


class ChangeKind(StrEnum):
    """A change of a plan since a revision (labels `changes.kind.*`)."""

    GOAL_ADDED = "goal_added"
    GOAL_REMOVED = "goal_removed"
    TARGET_MOVED = "target_moved"
    MILESTONE_ADDED = "milestone_added"
    MILESTONE_REMOVED = "milestone_removed"
    MILESTONE_REACHED = "milestone_reached"
    MILESTONE_SLIPPED = "milestone_slipped"
    MILESTONE_MOVED = "milestone_moved"
    ACTION_ADDED = "action_added"
    ACTION_REMOVED = "action_removed"
    ACTION_FINISHED = "action_finished"
    ACTION_DROPPED = "action_dropped"
    DUE_MOVED = "due_moved"
    TASK_COMPLETED = "task_completed"
