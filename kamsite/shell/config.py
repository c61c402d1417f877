"""The one configuration: the kamsite plugin's options in mkdocs.yml (format §7).

The plugin gets them from MkDocs; the commands read the same options from the same file
without building, so the terminal and the site agree. The reference date comes from, in this
order: a command-line option, KAMSITE_AS_OF (empty is unset), `as_of` in mkdocs.yml, today in
the configured time zone. Whoever resolves it says which date it used and where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from kamsite.core.errors import KamsiteError
from kamsite.core.model import parse_date
from kamsite.core.progress import Settings
from kamsite.core.said import Said

DEFAULT_FILE = Path("mkdocs.yml")
TODAY = "today"
MAX_DAYS = 3660  # ten years: a longer window or horizon says nothing, and dates would overflow


class ConfigError(KamsiteError):
    """A setting that cannot be used: where it was given and why."""


def zone(name: str | None) -> tzinfo | None:
    """The time zone called `name` (an IANA name such as America/Sao_Paulo); None: the machine's."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a time zone name such as America/Sao_Paulo or UTC") from None


def reference_date(value: object) -> date | str:
    """A pinned date (YYYY-MM-DD, as in plans) or 'today'; the ValueError text is shown to users."""
    if value == TODAY:
        return TODAY
    return parse_date(value)


def day_count(value: object) -> int:
    """A number of days for a window or a horizon, 1 to MAX_DAYS."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(Said("'{value}' is not a whole number of days", value=value))
    if not 1 <= value <= MAX_DAYS:
        raise ValueError(Said("{value} days: give from 1 to {most} days", value=value, most=MAX_DAYS))
    return value


def processes(value: object) -> int:
    """A number of processes, 1 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"'{value}' is not a number of processes: give a whole number, 1 or more")
    return value


class _Checked(BaseConfigOption[Any]):
    """An option checked by a function whose ValueError message is shown as it is."""

    def __init__(self, check: Any, default: Any = None) -> None:
        super().__init__()
        self.check = check
        self.default = default

    def run_validation(self, value: object) -> Any:
        if value is None:
            return self.default
        try:
            self.check(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        return value


class KamsiteConfig(Config):
    # Folder of plan files, relative to mkdocs.yml.
    plans_dir = c.Type(str, default="plans")
    # Reference date, YYYY-MM-DD; unset or "today" for the build day. KAMSITE_AS_OF overrides it.
    as_of = _Checked(reference_date)
    # The time zone whose date is "today" (an IANA name such as America/Sao_Paulo); default: the machine's.
    timezone = _Checked(zone)
    # A goal is on track while progress >= expected - this margin.
    on_track_margin = c.Type(float, default=0.10)
    # ... and at risk while progress >= expected - this margin; below it, off track.
    at_risk_margin = c.Type(float, default=0.25)
    # Language of generated text (en, pt-BR); default: theme.language.
    language = c.Optional(c.Type(str))
    # Days covered by the recent-work report.
    recent_days = _Checked(day_count, default=30)
    # Days ahead in Today's "next days" group.
    today_days = _Checked(day_count, default=7)
    # Who the site is for: the team (every page, internal sections marked) or one client.
    audience = c.Choice(("team", "client"), default="team")
    # Build only this account (required for a client site when there are several plans).
    account = c.Optional(c.Type(str))
    # Add "what changed" pages against a git tag, commit or date (YYYY-MM-DD).
    since = c.Optional(c.Type(str))
    # Read git history: last update per plan, when each goal actual was entered, and the changes
    # to each plan during each quarter (quarterly review).
    history = c.Type(bool, default=True)
    # Show clients the changes made to their plan in each quarter's review.
    client_changes = c.Type(bool, default=False)
    # Show clients the team's verdicts: health and its causes, overdue marks and days late, the
    # contact cadence. Off: those stay with the team (the recent report follows this too).
    client_health = c.Type(bool, default=False)
    # Pages of docs_dir written only in English: kept out of the navigation and search of other
    # languages (the pages stay, for links to them).
    english_only = c.Type(list, default=["format.md"])
    # ... and only in Portuguese (a translation, such as the plan format's): out of the others'.
    portuguese_only = c.Type(list, default=["formato.md"])
    # Days without a measurement after which a goal is stale (a goal's measure_every overrides it).
    stale_days = c.Type(int, default=92)
    # Days a task may be overdue before it puts the account at risk.
    task_grace_days = c.Type(int, default=7)
    # Days between client contacts for plans that set no contact_every; unset: not tracked.
    contact_every = c.Optional(c.Type(int))
    # Earlier versions kept generated pages between builds; a build now makes them all.
    cache = c.Deprecated(message="is no longer used (kamsite keeps no build cache): remove it")
    cache_dir = c.Deprecated(message="is no longer used (kamsite keeps no build cache): remove it")
    # Processes that make the accounts' pages (with enough accounts); default: one per core.
    workers = _Checked(processes)


def other_language_pages(cfg: KamsiteConfig, locale: str) -> set[str]:
    """The pages of docs_dir written in another language than the site's (a Babel locale)."""
    return {
        *(cfg.english_only if not locale.startswith("en") else []),
        *(cfg.portuguese_only if not locale.startswith("pt") else []),
    }


@dataclass(frozen=True)
class AsOf:
    """The reference date of a command or build, and where it came from."""

    day: date
    source: str  # "--as-of", "KAMSITE_AS_OF", "as_of in mkdocs.yml", "today in UTC", ... (a Said)
    pinned: bool  # a fixed date, not the day of the run

    def __str__(self) -> str:
        """The line a command or a build announces, a message the site's language can say."""
        return Said("as of {day} ({source})", day=self.day.isoformat(), source=self.source)


def today(timezone: str | None) -> AsOf:
    where = zone(timezone)
    day = datetime.now(where).date()
    source = Said("today in {zone}", zone=timezone) if timezone else Said("today on this machine")
    return AsOf(day, source, False)


def resolve_as_of(
    option: str | None,
    environ: Mapping[str, str],
    configured: object,
    config_source: str,
    timezone: str | None,
) -> AsOf:
    """The first of: command-line option, KAMSITE_AS_OF, as_of in mkdocs.yml, today."""
    candidates = (
        (option, "--as-of"),
        (environ.get("KAMSITE_AS_OF") or None, "KAMSITE_AS_OF"),
        (configured or None, Said("as_of in {file}", file=config_source)),
    )
    for value, where in candidates:
        if value is None:
            continue
        try:
            day = reference_date(value)
        except ValueError as exc:
            raise ConfigError(where + ": " + exc.args[0]) from None
        if isinstance(day, date):
            return AsOf(day, where, True)
        found = today(timezone)
        return AsOf(found.day, found.source + ": " + where + Said(" is '{today}'", today=TODAY), False)
    return today(timezone)


@dataclass(frozen=True)
class Options:
    """The plugin options the commands use; paths are resolved against mkdocs.yml's folder."""

    plans_dir: Path
    as_of: object  # a date, "today" or None, as validated
    timezone: str | None
    language: str
    settings: Settings
    recent_days: int
    today_days: int
    source: str  # the configuration file they came from; "" when none was found
    client_health: bool = False  # clients see the team's verdicts
    client_changes: bool = False  # clients see the changes made to their plan in each review

    def as_of_for(self, option: str | None, environ: Mapping[str, str]) -> AsOf:
        return resolve_as_of(option, environ, self.as_of, self.source, self.timezone)


def load_options(config_file: Path | None) -> Options:
    """The options in `config_file` (default: ./mkdocs.yml when there is one; defaults otherwise)."""
    path = config_file or DEFAULT_FILE
    if not path.is_file():
        if config_file is not None:
            raise missing(config_file)
        defaults = KamsiteConfig()
        defaults.load_dict({})
        defaults.validate()
        return _options(defaults, Path("."), None, "")
    try:
        with path.open("rb") as stream:
            data = yaml_load(stream)
    except (OSError, ConfigurationError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(Said("{path}: is not a MkDocs configuration (a YAML mapping)", path=path))
    cfg = KamsiteConfig(config_file_path=str(path))
    cfg.load_dict(_plugin_options(data, path))
    failed, _ = cfg.validate()
    if failed:
        key, error = failed[0]
        raise ConfigError(f"{path}: plugins.kamsite.{key}: {error}")
    return _options(cfg, path.parent, _theme_language(data), path.as_posix())


def missing(path: Path) -> ConfigError:
    return ConfigError(Said("{path}: no such configuration file", path=path))


def _plugin_options(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The kamsite entry of `plugins`, written as a list (`- kamsite: {...}`) or a mapping."""
    plugins = data.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == "kamsite":
            if options is not None and not isinstance(options, dict):
                raise ConfigError(
                    Said("{path}: plugins.kamsite: its options must be names and values", path=path)
                )
            return dict(options or {})
    return {}


def _theme_language(data: dict[str, Any]) -> str | None:
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) else None


def _options(cfg: KamsiteConfig, base: Path, theme_language: str | None, source: str) -> Options:
    return Options(
        plans_dir=base / cfg.plans_dir,
        as_of=cfg.as_of,
        timezone=cfg.timezone,
        language=cfg.language or theme_language or "en",
        settings=settings(cfg),
        recent_days=cfg.recent_days,
        today_days=cfg.today_days,
        source=source,
        client_health=cfg.client_health,
        client_changes=cfg.client_changes,
    )


def settings(cfg: KamsiteConfig) -> Settings:
    """The computation settings the plugin options give."""
    return Settings(
        cfg.on_track_margin, cfg.at_risk_margin, cfg.stale_days, cfg.task_grace_days, cfg.contact_every
    )
