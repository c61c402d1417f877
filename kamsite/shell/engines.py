"""The site engines: MkDocs, ProperDocs and Zensical build the same dashboard.

One page-making path for all three: the kamsite plugin makes every page, data file and asset.
MkDocs runs it as its plugin. ProperDocs, a fork of MkDocs 1.6, runs it unchanged, in a Python
of its own where every `mkdocs` import is ProperDocs' (as its own `properdocs` command does):
kamsite's builder runs there as it runs with MkDocs. Zensical runs no MkDocs plugin; it is handed
a folder holding what the plugin made (pages, data files, assets, the project's own docs) and a
configuration made from mkdocs.yml. Zensical renders each page with Python-Markdown and the
configuration's `markdown_extensions`, so the pages keep their raw-HTML markers and the plugin's
own `RawHtml` extension puts each marked block in Python-Markdown's stash: Zensical gets them
back untouched, as MkDocs does.

Nothing here imports MkDocs when the module is loaded: a ProperDocs child imports this module
after ProperDocs has taken MkDocs' name.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

import kamsite
from kamsite.core.errors import KamsiteError
from kamsite.render import terminal

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from kamsite.shell.plugin import KamsitePlugin

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT = "mkdocs"
ZENSICAL_COMMAND = "kamsite build --engine zensical"  # what builds the dashboard with Zensical
RAW_HTML = "kamsite.shell.plugin:RawHtml"  # the plugin's Markdown extension, by import name


class EngineError(KamsiteError):
    """An engine that is not installed here, or that failed: the message says which and why."""


def installed(engine: str) -> bool:
    return importlib.util.find_spec(engine) is not None


def require(engine: str) -> None:
    if engine not in ENGINES:
        raise EngineError(f"--engine: '{engine}' is not a site engine (known: {', '.join(ENGINES)})")
    if not installed(engine):
        raise EngineError(f"--engine {engine}: {engine} is not installed here (pip install {engine})")


# -- ProperDocs: kamsite's own build, in a Python where `mkdocs` is ProperDocs ------------------


def elsewhere(engine: str) -> bool:
    """Whether this build must run in another Python: ProperDocs, from a process with MkDocs."""
    return engine == "properdocs" and sys.modules.get("mkdocs", None) is not sys.modules.get("properdocs")


def in_properdocs(task: str, **request: Any) -> dict[str, Any]:
    """Run `builder.build_site` ("site") or `builder.build_clients` ("clients") with ProperDocs in
    a child Python; its messages go to stderr as they come, its result comes back as JSON."""
    code = "import properdocs.replacement\nfrom kamsite.shell import engines\nengines.properdocs_child()"
    # "properdocs build" in the command line: what runs, for whoever lists the processes
    done = subprocess.run(
        [sys.executable, "-c", code, "properdocs", "build", json.dumps({"task": task, **request})],
        stdout=subprocess.PIPE,
        env=child_env(),
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    try:
        answer: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    except ValueError:
        answer = {}
    if "error" in answer or done.returncode != 0 or not answer:
        raise EngineError(answer.get("error") or f"ProperDocs stopped (exit status {done.returncode})")
    return answer


def properdocs_child() -> None:  # pragma: no cover (runs in the child Python, tested through it)
    """The child's side: the request from argv, the answer as the last line of stdout."""
    from kamsite.render.labels import Labels
    from kamsite.shell import builder

    request = json.loads(sys.argv[3])
    try:
        if request["task"] == "clients":
            ids, summary = builder.build_clients(
                Path(request["config_file"]),
                Path(request["target"]),
                strict=request["strict"],
                shard=(request["shard"][0], request["shard"][1]),
                labels=Labels(request.get("language", "en")),
                engine="properdocs",
            )
        else:
            ids = []
            summary = builder.build_site(
                Path(request["config_file"]),
                Path(request["target"]),
                audience=request["audience"],
                account=request["account"],
                strict=request["strict"],
                since=request["since"],
                labels=Labels(request.get("language", "en")),
                engine="properdocs",
            )
    except KamsiteError as exc:
        print(json.dumps({"error": str(exc)}))
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C reached both: the parent says it, once
        sys.exit(130)
    print(json.dumps({"ids": ids, "accounts": summary.accounts, "warnings": summary.warnings}))


def child_env() -> dict[str, str]:
    """The environment of an engine's Python: this kamsite importable, whatever the folder."""
    here = str(Path(kamsite.__file__).resolve().parent.parent)
    paths = [here, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


# -- Zensical: the plugin's files in a staged docs folder, a generated configuration ---------------


def zensical_build(cfg: MkDocsConfig, plugin: KamsitePlugin, strict: bool) -> None:
    """Build `cfg.site_dir` with Zensical: the plugin's hooks make the files (as in an MkDocs
    build), a staged project beside the site holds them, Zensical builds it, the site moves in."""
    kamsite_only(cfg, plugin)
    site = Path(cfg.site_dir)
    # beside the site, named after it: what a killed build leaves is cleaned with the site's own
    work = Path(tempfile.mkdtemp(prefix=f"{site.name}.zensical-", dir=site.parent))
    try:
        with _warnings_counted() as warnings:
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                config_file = stage(cfg, work)
                if strict and warnings:
                    raise EngineError(f"Aborted with {len(warnings)} warnings in strict mode!")
                run_zensical(config_file, strict)
                site.mkdir(exist_ok=True)
                for built in (work / "site").iterdir():
                    built.rename(site / built.name)
                cfg.plugins.on_post_build(config=cfg)
            finally:
                cfg.plugins.on_shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def kamsite_only(cfg: MkDocsConfig, plugin: BasePlugin[Any]) -> None:
    """Zensical runs no MkDocs plugin: for it, the hooks of kamsite's alone make the files."""
    from mkdocs.plugins import PluginCollection

    cfg.plugins = PluginCollection()
    cfg.plugins["kamsite"] = plugin


def stage(cfg: MkDocsConfig, work: Path) -> Path:
    """Write the project Zensical builds into `work`: docs/ with every file of the site the
    plugins make, and mkdocs.yml; returns the configuration's path."""
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    cfg = cfg.plugins.on_config(cfg)
    files = cfg.plugins.on_files(get_files(cfg), config=cfg)
    nav = cfg.plugins.on_nav(get_navigation(files, cfg), config=cfg, files=files)
    write_docs(files, cfg, work / "docs")
    config_file = work / "mkdocs.yml"
    text = yaml.dump(configuration(cfg, nav), Dumper=yaml.Dumper, allow_unicode=True, sort_keys=False)
    config_file.write_text(text, encoding="utf-8")
    return config_file


def write_docs(files: Files, cfg: MkDocsConfig, docs: Path) -> None:
    """Every file MkDocs would publish (none it leaves out), at its address in docs/. A page the
    plugins give settings to (a page left out of search) carries them in its front matter."""
    from mkdocs.utils import meta

    for file in files:
        if file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
            continue
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        data = file.content_bytes
        if file.page is not None:
            markdown, front = meta.get_data(data.decode("utf-8-sig"))
            file.page.meta = {}
            markdown = cfg.plugins.on_page_markdown(markdown, page=file.page, config=cfg, files=files)
            if file.page.meta:
                front |= file.page.meta
                data = ("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + markdown).encode()
        target.write_bytes(data)


def configuration(cfg: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Zensical's configuration: the site's settings as the plugin left them, the staged folders,
    the pages' navigation, the project's theme and plugins as written in mkdocs.yml."""
    from mkdocs.utils.yaml import yaml_load

    with open(cfg.config_file_path, encoding="utf-8") as stream:
        written = yaml_load(stream)
    theme = written.get("theme") or {}
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    if theme.get("custom_dir"):  # relative to the project, which the staged copy is not in
        theme["custom_dir"] = str(Path(cfg.config_file_path).parent / theme["custom_dir"])
    settings = {
        "site_name": str(cfg.site_name),
        "site_url": cfg.site_url,
        "site_description": cfg.site_description,
        "site_author": cfg.site_author,
        "copyright": cfg.copyright,
        "repo_url": cfg.repo_url,
        "repo_name": cfg.repo_name,
        # Zensical would link every generated page to a source file that is not in the repository
        "edit_uri": "",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": cfg.use_directory_urls,
        "dev_addr": str(cfg.dev_addr),
        "theme": theme,
        "extra": cfg.extra,
        "extra_css": list(cfg.extra_css),
        "extra_javascript": [_script(s) for s in cfg.extra_javascript],
        "markdown_extensions": _extensions(cfg),
        "nav": _nav(nav.items) if cfg.nav is None else cfg.nav,
        "validation": _validation(cfg),
        "plugins": _plugins(written.get("plugins") or []),
    }
    found: dict[str, Any] = _plain({k: v for k, v in settings.items() if v is not None})
    return found


def _plugins(written: Any) -> Any:
    """The project's plugins but kamsite's (Zensical runs its own versions of Material's)."""
    if isinstance(written, dict):
        return {name: options for name, options in written.items() if name != "kamsite"}
    return [p for p in written if p != "kamsite" and not (isinstance(p, dict) and "kamsite" in p)]


def _script(script: Any) -> dict[str, Any]:
    if isinstance(script, str):
        return {"path": script}
    return {"path": script.path, "type": script.type or None, "defer": script.defer, "async": script.async_}


def _extensions(cfg: MkDocsConfig) -> list[Any]:
    """MkDocs' Markdown extensions with their settings; the plugin's own by its import name."""
    from kamsite.shell.plugin import RawHtml

    found: list[Any] = []
    for extension in cfg.markdown_extensions:
        if isinstance(extension, str):
            settings = cfg.mdx_configs.get(extension)
            found.append({extension: settings} if settings else extension)
        elif isinstance(extension, RawHtml):
            found.append(RAW_HTML)
    return found


def _nav(items: list[Any]) -> list[Any]:
    """MkDocs' navigation (kamsite's order) as a `nav` setting: pages by path, sections by title."""
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    found: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item.file.src_uri)
        elif isinstance(item, Section):
            found.append({item.title: _nav(item.children)})
        elif isinstance(item, Link):
            found.append({item.title: item.url})
    return found


def _validation(cfg: MkDocsConfig) -> dict[str, bool]:
    """MkDocs' link checks as Zensical's, which has no INFO level: a check MkDocs reports as INFO
    (an unknown anchor, by default) is off, so `--strict` fails on what it fails on with MkDocs."""
    links = cfg.validation.links
    return {
        "invalid_links": links.not_found >= logging.WARNING,
        "invalid_link_anchors": links.anchors >= logging.WARNING,
    }


def _plain(value: Any) -> Any:
    """Settings as YAML writes them plainly: text (a site name is `Html`), lists and mappings."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


@contextmanager
def _warnings_counted() -> Iterator[list[str]]:
    """The warnings the plugin logs while it makes the site (a strict build fails on them)."""
    found: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: found.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


# Zensical reports a problem as a line "Warning: what", then a box whose first line names the file
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
REPORTED = re.compile(r"^(Warning|Error): (.+)$")
WHERE = re.compile(r"^\s*╭─\[ (.+?) \]")
FAILED = "kamsite-zensical-failed: "
RUN = (  # argv: zensical, build or serve, the configuration, the options as JSON
    "import json, sys, zensical\n"
    "try:\n"
    "    getattr(zensical, sys.argv[2])(sys.argv[3], json.loads(sys.argv[4]))\n"
    "except Exception as exc:\n"
    f"    print({FAILED!r} + str(exc), file=sys.stderr)\n"
    "    sys.exit(1)\n"
)


def run_zensical(config_file: Path, strict: bool) -> None:
    """Zensical's build of the staged project, in a Python of its own; its warnings
    become one line each on stderr: what, and where in the staged docs."""
    options = json.dumps({"strict": strict, "clean": False})
    done = subprocess.run(
        [sys.executable, "-c", RUN, "zensical", "build", str(config_file), options],
        capture_output=True,
        env=child_env(),
        text=True,
        check=False,
        cwd=config_file.parent,
    )
    problems = said(done.stderr + done.stdout)
    for line in problems:
        print(terminal.safe(f"WARNING -  zensical: {line}"), file=sys.stderr)
    if done.returncode != 0:
        failed = [line.removeprefix(FAILED) for line in _lines(done.stderr) if line.startswith(FAILED)]
        reason = failed[-1] if failed else (_lines(done.stderr) or ["no reason given"])[-1]
        raise EngineError(f"Zensical: {terminal.one_line(reason)}")


def said(output: str) -> list[str]:
    """Zensical's warnings and errors, each as 'where: what' (its boxes of source left out)."""
    found: list[str] = []
    pending: str | None = None
    for line in _lines(output):
        if reported := REPORTED.match(line):
            if pending:
                found.append(pending)
            pending = reported.group(2)
        elif pending and (where := WHERE.match(line)):
            found.append(f"{where.group(1)}: {pending}")
            pending = None
    if pending:
        found.append(pending)
    return found


def _lines(text: str) -> list[str]:
    return [ANSI.sub("", line) for line in text.splitlines()]
