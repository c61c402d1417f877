"""The MkDocs plugin: the thin edge that feeds plans in and generated pages out."""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kamsite.core import review
from kamsite.core.errors import KamsiteError, PlanError
from kamsite.core.model import PlanFile, PlanHistory
from kamsite.core.portfolio import Portfolio, earlier_plans
from kamsite.render import edit_links, icons, search, site, terminal
from kamsite.render.escape import Html
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.render.memo import MEMO
from kamsite.render.pages.common import RAW_CLOSE, RAW_OPEN, View, account_dir
from kamsite.shell import cache, compiled, loader, preview, workers
from kamsite.shell import git as history
from kamsite.shell.cache import PageCache
from kamsite.shell.config import (
    DEFAULT_FILE,
    ConfigError,
    KamsiteConfig,
    other_language_pages,
    resolve_as_of,
    settings,
)
from kamsite.shell.preview import Preview

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


def _fresh_token(text: str) -> str:
    while True:
        token = "ksraw" + secrets.token_hex(12)
        if token not in text:
            return token


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


class KamsitePlugin(BasePlugin[KamsiteConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._raw: dict[str, tuple[str, list[str]]] = {}  # page -> (its placeholder, HTML blocks)
        self._cached: dict[str, str] = {}  # page -> its file in the build cache
        self._dests: dict[str, str] = {}  # page -> its file in the site folder
        # page -> (placeholder, its blocks or the cache file that holds them, how many)
        self._later: dict[str, tuple[str, str | list[str], int]] = {}
        self._generated: set[str] = set()  # the pages kamsite made in this build
        self._entries: dict[str, list[search.Entry]] = {}  # their search entries, by page
        self.preview = Preview()  # while serving: the accounts' files of the last build
        self._signals_back: Callable[[], None] = _nothing  # puts back the signals the server took
        self._keys: dict[str, str] = {}  # account -> the key its pages were made with
        self._pages: dict[str, list[str]] = {}  # account -> its pages and files
        self._reused: set[str] = set()  # accounts whose files the preview puts back
        self._wrap = ""
        self._settings = ""  # the page settings of this build, as the cache's keys read them
        self.command, self.dirty = "build", False
        self.summary = Summary()
        self.plans: Portfolio | None = None  # plans already read (every client site of one command)
        self.made: list[str] = []  # the accounts whose pages the last build made (not from the cache)
        self.cache_failed = False

    @_user_errors
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path or DEFAULT_FILE)
        self.root = config_file.parent / self.config.plans_dir
        self.made, self.cache_failed = [], False
        self.cache_root = config_file.parent / self.config.cache_dir
        if "navigation.instant" in config.theme.get("features", []) and not config.site_url:
            log.warning(
                "navigation.instant is on but site_url is not set: Material then reloads the "
                "whole page on every click. Set site_url in mkdocs.yml to the address where "
                "the site is published."
            )
        language = self.config.language or config.theme.get("language") or "en"
        locale = babel_locale(language)
        as_of = resolve_as_of(None, os.environ, self.config.as_of, config_file.name, self.config.timezone)
        log.info(str(as_of), extra={"kamsite": "as_of"})
        pinned = as_of.pinned
        self.view = View(
            as_of=as_of.day,
            settings=settings(self.config),
            fmt=Formats(locale),
            labels=Labels(locale),
            directory_urls=config.use_directory_urls,
            pinned=pinned,
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
        config.extra_css.append(ASSET_DIR + "kamsite.css")
        config.extra_javascript.append(ASSET_DIR + "kamsite.js")
        # MkDocs asks the theme for a new Jinja environment in every build, before any hook sees
        # it: this is the one place to share the theme's work between builds (see compiled.py).
        config.theme.get_env = compiled.shared(config.theme.get_env)  # type: ignore[method-assign]
        return config

    @_user_errors
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._settings = cache.view_key(self.view)  # written out once per build
        MEMO.start(self._settings)  # the settings every kept part was made with
        self._keys, self._pages, self._reused = {}, {}, set()
        plans = self._load()
        if self.config.audience == "client":
            # A client site holds its own account and nothing the project wrote for the team.
            files = Files([f for f in files if not _from_docs(f, config)])
            plan = self._client_plan(plans)
            earlier = earlier_plans(plans.plans, plan.id)  # the account's previous periods
            shown = self._history(Portfolio([plan, *earlier])) if self.config.client_changes else {}
            generated: dict[str, site.Made] = dict(
                site.generate_client(
                    plan, self.view, shown.get(plan.id), earlier, shown, self.config.client_changes
                )
            )
            self.summary = Summary(1, 0)
        else:
            if self.config.account:
                plans = _only(plans, self.config.account)
            problems = site.warnings(plans, self.view)
            for problem in problems:
                # plan text: never a command in a CI log
                log.warning(terminal.one_line(self.view.labels.problem(problem)))
            for problem in plans.attention(self.view.as_of):  # INFO: not counted by --strict
                log.info(terminal.one_line(self.view.labels.problem(problem)))
            self.view = replace(self.view, source=_edit_links(config, plans))  # the team's own site only
            self._wrap = self._wrapping(files, config) if self._serving() else ""
            generated = site.generate(plans, self.view, self._history(plans), self._since(), self._accounts)
            self.summary = Summary(len(plans.plans), len(problems))
        foreign = other_language_pages(self.config, self.view.labels.locale)
        for file in files:
            if file.src_uri in foreign:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self._cached, self._later, self._entries = {}, {}, {}
        self._generated = {uri for uri in generated if uri.endswith(".md")}
        self._dests = {}
        for uri, made in generated.items():
            if isinstance(made, str):
                file = File.generated(config, uri, content=made)
            else:  # kept in the cache: MkDocs reads it when it needs it
                file = File.generated(config, uri, abs_src_path=str(made))
                self._cached[uri] = str(made)
            self._add(files, file)
            self._dests[uri] = file.dest_uri
        script = str(ASSETS / "kamsite.js")
        self._add(files, File.generated(config, ASSET_DIR + "kamsite.js", abs_src_path=script))
        self._add(files, File.generated(config, ASSET_DIR + "kamsite.css", content=style_sheet()))
        self._add(files, File.generated(config, ASSET_DIR + "plotly.min.js", abs_src_path=str(plotly_js())))
        license_file = str(ASSETS / "vendor" / "plotly-basic.LICENSE")
        self._add(files, File.generated(config, ASSET_DIR + "plotly.LICENSE.txt", abs_src_path=license_file))
        return files

    def _accounts(self, works: Sequence[site.AccountWork]) -> Iterator[Mapping[str, site.Made]]:
        """Each account's pages: from the cache when they are there, else made (on every core
        when there are many) and put in the cache. The work starts now; the pages come as the
        iterator is read."""
        store = PageCache(self.cache_root) if self.config.cache else None
        keyed = store is not None or self._serving()
        keys = [cache.key(work, self.view, self._settings) if keyed else "" for work in works]
        found = [
            {}  # put back whole after the build by the live preview: no page to make or read
            if self._kept(work.acc.plan.id, key)
            else store.get(key, work.acc.plan.id)
            if store
            else None
            for key, work in zip(keys, works, strict=True)
        ]
        todo = [work for work, hit in zip(works, found, strict=True) if hit is None]
        self.made = [work.acc.plan.id for work in todo]
        todo_keys = [key for key, hit in zip(keys, found, strict=True) if hit is None]
        processes = workers.workers(self.config.workers)
        fresh = workers.made(todo, self.view, processes, self.cache_root if store else None, todo_keys)
        return self._collect(works, keys, found, fresh, store)

    def _collect(
        self,
        works: Sequence[site.AccountWork],
        keys: Sequence[str],
        found: Sequence[Mapping[str, site.Made] | None],
        fresh: Iterator[tuple[Mapping[str, site.Made], str | None]],
        store: PageCache | None,
    ) -> Iterator[Mapping[str, site.Made]]:
        for i, hit in enumerate(found):
            pages: Mapping[str, site.Made]
            if hit is not None:
                pages = hit
            else:
                pages, failed = next(fresh)
                if failed and store and not self.cache_failed:
                    log.info(
                        f"the build cache {store.root} cannot be written ({failed}); building without it"
                    )
                    self.cache_failed = True
            account = works[i].acc.plan.id
            self._keys[account], self._pages[account] = keys[i], list(pages)
            yield pages
        if store:
            store.prune()
        if self._serving():
            self.preview.forget(self._keys)
            kept, count = ", ".join(sorted(self._reused)), len(self._reused)
            log.debug(f"the preview puts back the pages of {count} of {len(self._keys)} accounts: {kept}")
        cached = f" (the others came from the cache in {store.root})" if store else ""
        log.debug(
            f"made the pages of {len(self.made)} of {len(works)} accounts{cached}: {', '.join(self.made)}"
        )

    def _load(self) -> Portfolio:
        if self.plans is not None:
            return self.plans
        try:
            return loader.load(self.root)
        except PlanError as exc:
            raise ConfigError(f"plans_dir: {exc}") from None

    def _history(self, plans: Portfolio) -> dict[str, PlanHistory]:
        if not self.config.history:
            return {}
        commit = history.head(self.root)
        found = history.histories(self.root, [Path(p.path) for p in plans.plans], commit) if commit else {}
        known = {p.id: found.get(Path(p.path).resolve(), PlanHistory()) for p in plans.plans}
        return {  # a plan git never saw has no past texts
            p.id: self._with_texts(p, known[p.id], commit)
            if commit and Path(p.path).resolve() in found
            else known[p.id]
            for p in plans.plans
        }

    def _with_texts(self, plan: PlanFile, known: PlanHistory, commit: str) -> PlanHistory:
        """The plan's texts on the days its quarterly review compares."""
        days = tuple(review.snapshot_days(plan, self.view.as_of))
        return replace(known, texts=history.texts_at(self.root, Path(plan.path).resolve(), days, commit))

    def _since(self) -> site.Since | None:
        rev = self.config.since
        if not rev:
            return None
        try:
            sha, revision = history.resolve(self.root, rev)
        except history.HistoryError as exc:
            raise ConfigError(f"since: {exc}") from None
        return site.load_since(rev, revision, history.plans_at(self.root, sha), self.view)

    def _client_plan(self, plans: Portfolio) -> PlanFile:
        wanted = self.config.account
        if wanted is None and len(plans.plans) + len(plans.invalid) == 1 and plans.plans:
            return plans.plans[0]
        if wanted is None:
            raise ConfigError("a client site is built for one account: set the plugin's account")
        found = next((p for p in plans.plans if p.id == wanted), None)
        if found is None:
            said = self.view.labels.problem
            bad = [terminal.one_line(said(p)) for b in plans.invalid if b.id == wanted for p in b.problems]
            reason = ("its plan has problems:\n" + "\n".join(bad)) if bad else _no_such_plan(wanted, plans)
            raise ConfigError(f"account '{wanted}': {reason}")
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

    def _serving(self) -> bool:
        return self.command == "serve" and not self.dirty

    def _wrapping(self, files: Files, config: MkDocsConfig) -> str:
        """What wraps every page this rebuild: the configuration, the project's own pages and
        theme overrides (preview.py)."""
        project = Path(config.config_file_path or DEFAULT_FILE).resolve().parent
        sources = [
            f.abs_src_path for f in files if f.abs_src_path and not f.generated_by and _from_docs(f, config)
        ]
        themes = [d for d in config.theme.dirs if Path(d).resolve().is_relative_to(project)]
        return preview.wrapping(config.config_file_path, sources, themes)

    def _kept(self, account: str, key: str) -> bool:
        """Whether the live preview puts back the account's files of the last rebuild instead of
        making its pages (the same key, the same wrapping)."""
        if not self._serving() or not self.preview.reusable(account, key, self._wrap):
            return False
        self._reused.add(account)
        return True

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages are mostly finished HTML: keep it away from the Markdown parser.

        Each block is replaced by a placeholder made of a random word that the page's text does
        not contain, so no plan text can pass for one.
        """
        if page.file.src_uri in other_language_pages(self.config, self.view.labels.locale):
            page.meta["search"] = {"exclude": True}  # in another language: not among this site's results
        if page.file.src_uri in self._generated and not (page.meta.get("search") or {}).get("exclude"):
            # kamsite reads the sections of its own pages (render/search.py), the theme's
            # search need not parse their HTML
            self._entries[page.file.src_uri] = search.entries(markdown, page.url)
            page.meta["search"] = {"exclude": True}
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
        """The page keeps its placeholders while MkDocs holds it (every page's HTML until the
        end of the build) and the theme wraps it; its blocks are put in when it is written (see
        on_post_page): read again from the build cache for a page kept there."""
        token, blocks = self._raw.pop(page.file.src_uri, ("", []))
        if blocks:
            source = self._cached.get(page.file.src_uri)
            self._later[page.file.src_uri] = (token, source if source is not None else blocks, len(blocks))
        return html

    @event_priority(100)  # before other plugins read the written page
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        later = self._later.pop(page.file.src_uri, None)
        if later is None:
            return output
        token, source, count = later
        blocks = RAW.findall(Path(source).read_text(encoding="utf-8")) if isinstance(source, str) else source
        if len(blocks) != count:
            raise PluginError(f"kamsite: {source} changed during the build; build again")
        return _splice(output, token, blocks)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        MEMO.on = command == "serve"  # a rebuild after a save makes only the changed plans' parts
        if command == "serve":
            self._signals_back = preview.stop_as_on_ctrl_c()

    def on_shutdown(self) -> None:
        """MkDocs keeps a plugin for the next build of the same configuration in this process:
        the plans one command read for its client sites are not that build's."""
        self.plans = None
        self.preview.close()
        MEMO.stop()
        self._signals_back()
        self._signals_back = _nothing

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """kamsite's pages join the search index; then one line: how many accounts, how many
        warnings, where the site is (the dev server says its address itself)."""
        entries = [entry for found in self._entries.values() for entry in found]
        if self._serving():
            entries += self._keep(Path(config.site_dir))
        _add_to_index(Path(config.site_dir) / "search" / "search_index.json", entries)
        served = self.command == "serve"
        _not_found_in_words(Path(config.site_dir) / "404.html", self.view.labels)
        log.info(
            self.view.labels(
                "cli.served" if served else "cli.built",
                accounts=self.view.labels("cli.accounts", count=self.summary.accounts),
                warnings=self.view.labels("cli.warnings", count=self.summary.warnings),
                where=config.site_dir,
            ),
            extra={"kamsite": "summary"},
        )

    def _keep(self, site_dir: Path) -> list[search.Entry]:
        """Puts back the files of the accounts left out of this rebuild (their search entries
        are returned) and keeps those of the accounts it made."""
        entries = []
        for account, key in self._keys.items():
            if account in self._reused:
                entries += self.preview.restore(account, site_dir)
                continue
            pages = self._pages[account]
            own = [entry for uri in pages for entry in self._entries.get(uri, [])]
            paths = [self._dests[uri] for uri in pages if uri in self._dests]
            self.preview.keep(account, key, self._wrap, site_dir, account_dir(account), paths, own)
        return entries

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root))
        return server


def _nothing() -> None:
    pass


def _add_to_index(index: Path, entries: list[search.Entry]) -> None:
    """Adds entries to the search index the search plugin wrote (none without the plugin)."""
    if not entries:
        return
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        return
    data["docs"] += entries
    data.pop("index", None)  # a prebuilt index would not know them: the browser builds it
    index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def _splice(html: str, token: str, blocks: list[str]) -> str:
    return re.sub(f"<p>{token}(\\d+)</p>", lambda m: blocks[int(m.group(1))], html)


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
