"""The MkDocs plugin: the thin edge that feeds plans in and generated pages out."""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kamsite.core import review
from kamsite.core.errors import KamsiteError, PlanError
from kamsite.core.model import PlanFile, PlanHistory
from kamsite.core.portfolio import Portfolio, earlier_plans
from kamsite.render import edit_links, icons, site, terminal
from kamsite.render.escape import Html
from kamsite.render.formats import babel_locale
from kamsite.render.labels import Labels
from kamsite.render.pages.common import RAW_CLOSE, RAW_OPEN, View
from kamsite.shell import git as history
from kamsite.shell import loader, workers
from kamsite.shell.config import (
    DEFAULT_FILE,
    ConfigError,
    KamsiteConfig,
    other_language_pages,
    resolve_as_of,
    settings,
)
from kamsite.shell.formats import KeptFormats

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/kamsite/"
RAW = re.compile(re.escape(RAW_OPEN) + "(.*?)" + re.escape(RAW_CLOSE), re.DOTALL)
T = TypeVar("T")
NAV_FIRST = ("index.md", "today/index.md", "people/index.md", "changes/index.md")


def _unwrap(item: Any) -> Any:
    """A section holding a single page (today/index.md) becomes that page."""
    if isinstance(item, Section) and len(item.children) == 1 and isinstance(item.children[0], Page):
        page = item.children[0]
        page.parent = None
        return page
    return item


def _from_docs(file: File, config: MkDocsConfig) -> bool:
    """A file the project keeps in docs_dir (not a theme file, not a generated one).

    Decided by where the file sits, not where a link points: `docs/handbook.md` linking to
    `../shared/handbook.md` is a page of docs_dir and stays out of client sites like any other.
    """
    src = file.abs_src_path
    if src is None:
        return False
    docs = os.path.abspath(config.docs_dir)
    return (
        (file.src_dir is not None and os.path.abspath(file.src_dir) == docs)
        or Path(os.path.abspath(src)).is_relative_to(docs)
        or Path(src).resolve().is_relative_to(Path(docs).resolve())
    )


def _only(plans: Portfolio, account: str) -> Portfolio:
    found = Portfolio(
        [p for p in plans.plans if p.id == account], [b for b in plans.invalid if b.id == account]
    )
    if not found.plans and not found.invalid:  # a typo must not publish an empty site
        raise ConfigError(f"account '{account}': {_no_such_plan(account, plans)}")
    return found


def _edit_links(config: MkDocsConfig, plans: Portfolio) -> edit_links.Source | None:
    """Links to the plan files from `repo_url` and `edit_uri`; paths from the project's folder."""
    folder = Path(config.config_file_path or DEFAULT_FILE).resolve().parent
    docs = Path(os.path.relpath(Path(config.docs_dir).resolve(), folder)).as_posix()
    paths = [(p, Path(os.path.relpath(Path(p.path).resolve(), folder)).as_posix()) for p in plans.plans]
    return edit_links.source(config.repo_url, config.edit_uri, docs, paths)


def _no_such_plan(wanted: str, plans: Portfolio) -> str:
    """Why an account is unknown: the ids there are, and the closest one to a typo."""
    known = sorted({p.id for p in plans.plans} | {b.id for b in plans.invalid})
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"there is no such plan{hint} (known ids: {', '.join(known) or 'none'})"


def _uri(item: Any) -> str:
    return item.file.src_uri if isinstance(item, Page) else ""


def _user_errors(hook: Callable[..., T]) -> Callable[..., T]:
    """The one place where kamsite's errors become MkDocs' own: one clear line, no traceback."""

    @functools.wraps(hook)
    def wrapped(*args: Any, **kwargs: Any) -> T:
        try:
            return hook(*args, **kwargs)
        except KamsiteError as exc:
            raise PluginError(f"kamsite: {exc}") from None

    return wrapped


def plotly_js() -> Path:
    """plotly.js's partial bundle with the trace types kamsite draws (bar, scatter): a quarter
    of the full bundle's size (vendored from npm with its MIT licence)."""
    return ASSETS / "vendor" / "plotly-basic.min.js"


ASSET_FILES = {  # the site's own files, copied as they are
    "kamsite.js": ASSETS / "kamsite.js",
    "plotly.min.js": plotly_js(),
    "plotly.LICENSE.txt": ASSETS / "vendor" / "plotly-basic.LICENSE",
}


def site_title(text: str) -> Html:
    """Plan text as the site's name. Material prints `config.site_name` as trusted markup (plainly
    in `<title>`, the header, the navigation and an `aria-label`; through `|e` in a `title`
    attribute), in an environment that does not autoescape: escaped here, once, as `Html`, which
    `|e` leaves as it is."""
    return Html.escape(text)


@functools.cache
def style_sheet() -> str:
    """kamsite.css followed by the icons' shapes (written once here, not in every page)."""
    return (ASSETS / "kamsite.css").read_text(encoding="utf-8") + icons.css()


@dataclass(frozen=True)
class Summary:
    """What the last build made: valid accounts, plan warnings."""

    accounts: int = 0
    warnings: int = 0


class RawHtml(Extension):  # type: ignore[misc]  # Python-Markdown has no types
    """Generated pages are mostly finished HTML: each marked block goes to Python-Markdown's
    stash of finished HTML (where the parser keeps raw HTML blocks too), so the parser never
    reads it and the page gets it back unchanged. It runs after the parser's clean-up of the
    source, which takes the stash's marker characters out of any text the page holds."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Stash(md), "kamsite_raw_html", 25)


class _Stash(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if RAW_OPEN not in text:
            return lines
        stash = self.md.htmlStash
        return RAW.sub(lambda m: f"\n\n{stash.store(m.group(1))}\n\n", text).split("\n")


class KamsitePlugin(BasePlugin[KamsiteConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.view: View | None = None  # the page settings of this build
        self.plans: Portfolio | None = None  # plans already read (every client site of one command)
        self.summary = Summary()  # what the last build made
        self.command = "build"

    @_user_errors
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "navigation.instant" in config.theme.get("features", []) and not config.site_url:
            log.warning(
                "navigation.instant is on but site_url is not set: Material then reloads the "
                "whole page on every click. Set site_url in mkdocs.yml to the address where "
                "the site is published."
            )
        locale = babel_locale(self.config.language or config.theme.get("language") or "en")
        source = Path(config.config_file_path or DEFAULT_FILE).name
        as_of = resolve_as_of(None, os.environ, self.config.as_of, source, self.config.timezone)
        log.info(str(as_of), extra={"kamsite": "as_of"})
        self.view = View(
            as_of=as_of.day,
            settings=settings(self.config),
            fmt=KeptFormats(locale),
            labels=Labels(locale),
            directory_urls=config.use_directory_urls,
            pinned=as_of.pinned,
            today_days=self.config.today_days,
            recent_days=self.config.recent_days,
            internal=self.config.audience == "team",
            client_health=self.config.client_health,
        )
        # Material's "Made with Material for MkDocs" footer is English on every site
        config.extra.setdefault("generator", False)
        if self.config.audience == "client":  # the client's site carries the client's name
            config.site_name = site_title(self._client_plan(self._load()).plan.account)
            # and nothing of the team's site: its repository (Material's header link, edit
            # buttons), its address (canonical links, sitemap), its description and author
            config.repo_url = config.repo_name = config.edit_uri = None
            config.site_url = config.site_description = config.site_author = None
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        config.markdown_extensions.append(RawHtml())
        config.extra_css.append(ASSET_DIR + "kamsite.css")
        config.extra_javascript.append(ASSET_DIR + "kamsite.js")
        return config

    @_user_errors
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        view = self._view()
        plans = self._load()
        if self.config.audience == "client":
            # A client site holds its own account and nothing the project wrote for the team.
            files = Files([f for f in files if not _from_docs(f, config)])
            plan = self._client_plan(plans)
            earlier = earlier_plans(plans.plans, plan.id)  # the account's previous periods
            shown = self._history(Portfolio([plan, *earlier])) if self.config.client_changes else {}
            generated = site.generate_client(
                plan, view, shown.get(plan.id), earlier, shown, self.config.client_changes
            )
            self.summary = Summary(1, 0)
        else:
            if self.config.account:
                plans = _only(plans, self.config.account)
            problems = site.warnings(plans, view)
            for problem in problems:  # plan text: never a command in a CI log
                log.warning(terminal.one_line(view.labels.problem(problem)))
            for problem in plans.attention(view.as_of):  # INFO: not counted by --strict
                log.info(terminal.one_line(view.labels.problem(problem)))
            self.view = view = replace(view, source=_edit_links(config, plans))  # the team's site only
            pages = partial(workers.made, processes=workers.workers(self.config.workers))
            generated = site.generate(plans, view, self._history(plans), self._since(), pages)
            self.summary = Summary(len(plans.plans), len(problems))
        foreign = other_language_pages(self.config, view.labels.locale)
        for file in files:
            if file.src_uri in foreign:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        for uri, content in generated.items():
            _add(files, File.generated(config, uri, content=content, inclusion=_inclusion(uri)))
        for name, path in ASSET_FILES.items():
            _add(files, File.generated(config, ASSET_DIR + name, abs_src_path=str(path)))
        _add(files, File.generated(config, ASSET_DIR + "kamsite.css", content=style_sheet()))
        return files

    def _view(self) -> View:
        if self.view is None:  # pragma: no cover (MkDocs runs on_config first)
            raise PluginError("kamsite: the plugin's configuration was not read")
        return self.view

    def _root(self) -> Path:
        """The plans folder, relative to the configuration file."""
        return Path(self.config.config_file_path or DEFAULT_FILE).parent / self.config.plans_dir

    def _load(self) -> Portfolio:
        if self.plans is not None:
            return self.plans
        try:
            return loader.load(self._root())
        except PlanError as exc:
            raise ConfigError(f"plans_dir: {exc}") from None

    def _history(self, plans: Portfolio) -> dict[str, PlanHistory]:
        if not self.config.history:
            return {}
        root = self._root()
        commit = history.head(root)
        found = history.histories(root, [Path(p.path) for p in plans.plans], commit) if commit else {}
        known = {p.id: found.get(Path(p.path).resolve(), PlanHistory()) for p in plans.plans}
        return {  # a plan git never saw has no past texts
            p.id: self._with_texts(p, known[p.id], commit)
            if commit and Path(p.path).resolve() in found
            else known[p.id]
            for p in plans.plans
        }

    def _with_texts(self, plan: PlanFile, known: PlanHistory, commit: str) -> PlanHistory:
        """The plan's texts on the days its quarterly review compares."""
        days = tuple(review.snapshot_days(plan, self._view().as_of))
        texts = history.texts_at(self._root(), Path(plan.path).resolve(), days, commit)
        return replace(known, texts=texts)

    def _since(self) -> site.Since | None:
        rev = self.config.since
        if not rev:
            return None
        try:
            sha, revision = history.resolve(self._root(), rev)
        except history.HistoryError as exc:
            raise ConfigError(f"since: {exc}") from None
        return site.load_since(rev, revision, history.plans_at(self._root(), sha), self._view())

    def _client_plan(self, plans: Portfolio) -> PlanFile:
        wanted = self.config.account
        if wanted is None and len(plans.plans) + len(plans.invalid) == 1 and plans.plans:
            return plans.plans[0]
        if wanted is None:
            raise ConfigError("a client site is built for one account: set the plugin's account")
        found = next((p for p in plans.plans if p.id == wanted), None)
        if found is None:
            said = self._view().labels.problem
            bad = [terminal.one_line(said(p)) for b in plans.invalid if b.id == wanted for p in b.problems]
            reason = ("its plan has problems:\n" + "\n".join(bad)) if bad else _no_such_plan(wanted, plans)
            raise ConfigError(f"account '{wanted}': {reason}")
        return found

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Portfolio, Today and People first, as pages rather than one-page sections."""
        items = [_unwrap(item) for item in nav.items]
        order = {uri: i for i, uri in enumerate(NAV_FIRST)}
        nav.items = sorted(items, key=lambda item: order.get(_uri(item), len(order)))
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page written in another language than the site's is not among its search results."""
        if page.file.src_uri in other_language_pages(self.config, self._view().labels.locale):
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """MkDocs keeps every page until the last is written: a page this plugin made keeps its
        HTML only, not also its Markdown twice (the made text and the text read from it): one
        build process's peak at N = 300, 248 MB with them and 187 MB without (benchmarks/memory.py,
        benchmarks/RESULTS.md 2026-12-08)."""
        if page.file.generated_by == "kamsite" and page.file.src_uri.endswith(".md"):
            page.file.content_string = ""
            page.markdown = ""
        return html

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_shutdown(self) -> None:
        """MkDocs keeps a plugin for the next build of the same configuration in this process:
        the plans one command read for its client sites are not that build's."""
        self.plans = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """One line: how many accounts, how many warnings, where the site is (the dev server
        says its address itself)."""
        labels = self._view().labels
        _not_found_in_words(Path(config.site_dir) / "404.html", labels)
        log.info(
            labels(
                "cli.served" if self.command == "serve" else "cli.built",
                accounts=labels("cli.accounts", count=self.summary.accounts),
                warnings=labels("cli.warnings", count=self.summary.warnings),
                where=config.site_dir,
            ),
            extra={"kamsite": "summary"},
        )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._root()))
        return server


def _inclusion(uri: str) -> InclusionLevel:
    """Hundreds of accounts and people: their pages are reached from the pages, not the nav."""
    if uri.startswith(("accounts/", "people/")) and uri != "people/index.md":
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.UNDEFINED


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"{existing.src_uri}: replaced by the page kamsite generates at this address")
        files.remove(existing)
    files.append(file)


NOT_FOUND = "<h1>404 - Not found</h1>"


def _not_found_in_words(page: Path, labels: Labels) -> None:
    """Material writes the title of its 404 page in English whatever the site's language."""
    if labels.locale.startswith("en"):
        return
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return  # no 404 page (another theme): nothing to say
    if NOT_FOUND in text:
        title = Html("<h1>404 - {}</h1>").format(labels["site.not_found"])
        page.write_text(text.replace(NOT_FOUND, title, 1), encoding="utf-8")
