"""The MkDocs plugin: the thin edge that feeds plans in and generated pages out."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kamsite.core.errors import PlanError
from kamsite.core.model import PlanFile, PlanHistory
from kamsite.core.progress import Settings
from kamsite.render import site
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.render.pages.common import RAW_CLOSE, RAW_OPEN, View
from kamsite.shell import git as history
from kamsite.shell import loader

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/kamsite/"
RAW = re.compile(re.escape(RAW_OPEN) + "(.*?)" + re.escape(RAW_CLOSE), re.DOTALL)
NAV_FIRST = ("index.md", "today/index.md", "people/index.md", "changes/index.md")


def _unwrap(item: Any) -> Any:
    """A section holding a single page (today/index.md) becomes that page."""
    if isinstance(item, Section) and len(item.children) == 1 and isinstance(item.children[0], Page):
        page = item.children[0]
        page.parent = None
        return page
    return item


def _from_docs(file: File, config: MkDocsConfig) -> bool:
    """A file the project keeps in docs_dir (not a theme file, not a generated one)."""
    src = file.abs_src_path
    return src is not None and Path(src).resolve().is_relative_to(Path(config.docs_dir).resolve())


def _only(plans: loader.Portfolio, account: str) -> loader.Portfolio:
    return loader.Portfolio([p for p in plans.plans if p.id == account],
                            [b for b in plans.invalid if b.id == account])


def _fresh_token(text: str) -> str:
    while True:
        token = "ksraw" + secrets.token_hex(12)
        if token not in text:
            return token


def _uri(item: Any) -> str:
    return item.file.src_uri if isinstance(item, Page) else ""


class KamsiteConfig(Config):
    # Folder of plan files, relative to mkdocs.yml.
    plans_dir = c.Type(str, default="plans")
    # Reference date, YYYY-MM-DD; unset or "today" for the build day. KAMSITE_AS_OF overrides it.
    as_of = c.Optional(c.Type(str))
    # A goal is on track while progress >= expected - this margin.
    on_track_margin = c.Type(float, default=0.10)
    # ... and at risk while progress >= expected - this margin; below it, off track.
    at_risk_margin = c.Type(float, default=0.25)
    # Language of generated text (en, pt-BR); default: theme.language.
    language = c.Optional(c.Type(str))
    # Days covered by the recent-work report.
    recent_days = c.Type(int, default=30)
    # Days ahead in Today's "next days" group.
    today_days = c.Type(int, default=7)
    # Who the site is for: the team (every page, internal sections marked) or one client.
    audience = c.Choice(("team", "client"), default="team")
    # Build only this account (required for a client site when there are several plans).
    account = c.Optional(c.Type(str))
    # Add "what changed" pages against a git tag, commit or date (YYYY-MM-DD).
    since = c.Optional(c.Type(str))
    # Read git history: last update per plan, when each goal actual was entered.
    history = c.Type(bool, default=True)
    # Pages of docs_dir written only in English: kept out of the navigation of other languages.
    english_only = c.Type(list, default=["format.md"])


def resolve_as_of(configured: str | None, environ: Any) -> tuple[date, bool]:
    """The build's reference date, and whether it is pinned (a fixed date, not today)."""
    value = environ.get("KAMSITE_AS_OF") or configured or "today"
    if value == "today":
        return date.today(), False
    try:
        return date.fromisoformat(value), True
    except ValueError:
        raise PluginError(f"kamsite: as_of: '{value}' is not a date (YYYY-MM-DD or 'today')") from None


def plotly_js() -> Path:
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("kamsite: the plotly package is not installed")
    return Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"


class KamsitePlugin(BasePlugin[KamsiteConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._raw: dict[str, tuple[str, list[str]]] = {}  # page -> (its placeholder, HTML blocks)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").parent / self.config.plans_dir
        if "navigation.instant" in config.theme.get("features", []) and not config.site_url:
            log.warning("navigation.instant is on but site_url is not set: Material then reloads the "
                        "whole page on every click. Set site_url in mkdocs.yml to the address where "
                        "the site is published.")
        language = self.config.language or config.theme.get("language") or "en"
        locale = babel_locale(language)
        as_of, pinned = resolve_as_of(self.config.as_of, os.environ)
        self.view = View(
            as_of=as_of, settings=Settings(self.config.on_track_margin, self.config.at_risk_margin),
            fmt=Formats(locale), labels=Labels(locale), directory_urls=config.use_directory_urls,
            pinned=pinned, today_days=self.config.today_days, recent_days=self.config.recent_days,
            internal=self.config.audience == "team",
        )
        # Material's "Made with Material for MkDocs" footer is English on every site
        config.extra.setdefault("generator", False)
        if self.config.audience == "client":  # the client's site carries the client's name
            config.site_name = self._client_plan(self._load()).plan.account
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        config.extra_css.append(ASSET_DIR + "kamsite.css")
        config.extra_javascript.append(ASSET_DIR + "kamsite.js")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        plans = self._load()
        if self.config.audience == "client":
            # A client site holds its own account and nothing the project wrote for the team.
            files = Files([f for f in files if not _from_docs(f, config)])
            generated = site.generate_client(self._client_plan(plans), self.view)
        else:
            if self.config.account:
                plans = _only(plans, self.config.account)
            for problem in site.warnings(plans):
                log.warning(str(problem))
            generated = site.generate(plans, self.view, self._history(plans), self._since())
        if not self.view.labels.locale.startswith("en"):
            for file in files:
                if file.src_uri in self.config.english_only:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        for uri, content in generated.items():
            self._add(files, File.generated(config, uri, content=content))
        for name in ("kamsite.js", "kamsite.css"):
            self._add(files, File.generated(config, ASSET_DIR + name, abs_src_path=str(ASSETS / name)))
        self._add(files, File.generated(config, ASSET_DIR + "plotly.min.js", abs_src_path=str(plotly_js())))
        return files

    def _load(self) -> loader.Portfolio:
        try:
            return loader.load(self.root)
        except PlanError as exc:
            raise PluginError(f"kamsite: plans_dir: {exc}") from None

    def _history(self, plans: loader.Portfolio) -> dict[str, PlanHistory]:
        if not self.config.history:
            return {}
        found = history.histories(self.root, [Path(p.path) for p in plans.plans])
        return {p.id: found[Path(p.path).resolve()] for p in plans.plans if Path(p.path).resolve() in found}

    def _since(self) -> site.Since | None:
        rev = self.config.since
        if not rev:
            return None
        try:
            sha, revision = history.resolve(self.root, rev)
        except history.HistoryError as exc:
            raise PluginError(f"kamsite: since: {exc}") from None
        return site.load_since(rev, revision, history.plans_at(self.root, sha), self.view)

    def _client_plan(self, plans: loader.Portfolio) -> PlanFile:
        wanted = self.config.account
        if wanted is None and len(plans.plans) + len(plans.invalid) == 1 and plans.plans:
            return plans.plans[0]
        if wanted is None:
            raise PluginError("kamsite: a client site is built for one account: set the plugin's account")
        found = next((p for p in plans.plans if p.id == wanted), None)
        if found is None:
            bad = [str(p) for b in plans.invalid if b.id == wanted for p in b.problems]
            reason = ("its plan has problems:\n" + "\n".join(bad)) if bad else "there is no such plan"
            raise PluginError(f"kamsite: account '{wanted}': {reason}")
        return found

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(f"{existing.src_uri}: replaced by the page kamsite generates at this address")
            files.remove(existing)
        if file.src_uri.startswith(("accounts/", "people/")) and file.src_uri != "people/index.md":
            file.inclusion = InclusionLevel.NOT_IN_NAV  # hundreds of accounts: reached from the pages
        files.append(file)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Portfolio, Today and People first, as pages rather than one-page sections."""
        items = [_unwrap(item) for item in nav.items]
        order = {uri: i for i, uri in enumerate(NAV_FIRST)}
        nav.items = sorted(items, key=lambda item: order.get(_uri(item), len(order)))
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages are mostly finished HTML: keep it away from the Markdown parser.

        Each block is replaced by a placeholder made of a random word that the page's text does
        not contain, so no plan text can pass for one.
        """
        blocks: list[str] = []
        token = _fresh_token(markdown)

        def stash(match: re.Match[str]) -> str:
            blocks.append(match.group(1))
            return f"\n\n{token}{len(blocks) - 1}\n\n"

        markdown = RAW.sub(stash, markdown)
        if blocks:
            self._raw[page.file.src_uri] = (token, blocks)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        token, blocks = self._raw.pop(page.file.src_uri, ("", []))
        if not blocks:
            return html
        return re.sub(f"<p>{token}(\\d+)</p>", lambda m: blocks[int(m.group(1))], html)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root))
        return server
