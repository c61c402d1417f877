"""The theme's templates, listed and compiled once per process rather than once per build.

MkDocs makes a new Jinja environment for every build. In it, Jinja compiles every template of
the theme again, and MkDocs lists every file of the theme to find its assets: Material keeps
about 14,000 icons in hidden folders (`.icons/`) that MkDocs then filters out one by one. For a
small client site these two are most of the build; under `mkdocs serve`, of every rebuild.

- Compiled templates go to Jinja's bytecode cache, the documented way to keep them: an entry is
  keyed by the template's name and file and checked against a checksum of its source, so an
  edited template is compiled again. It lives in memory, for this process only.
- The listing leaves out hidden files and folders, which MkDocs leaves out anyway (its patterns
  `.*` and `*/.*`); templates are still found wherever they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket


class Compiled(BytecodeCache):
    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a changed checksum makes Jinja compile it again

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = Compiled()  # shared by every build this process makes


class Visible(FileSystemLoader):
    """A theme's folders, listed without their hidden files and folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                rel = os.path.relpath(folder, root)
                for name in names:
                    if not name.startswith("."):
                        found.add(name if rel == "." else f"{rel}/{name}".replace(os.path.sep, "/"))
        return sorted(found)


def shared(make_env: Callable[[], Environment]) -> Callable[[], Environment]:
    """`make_env` (a theme's), giving environments that share compiled templates and list the
    theme's visible files only."""

    def get_env() -> Environment:
        env = make_env()
        if type(env.loader) is FileSystemLoader:
            loader = env.loader
            env.loader = Visible(loader.searchpath, loader.encoding, loader.followlinks)
        env.bytecode_cache = TEMPLATES
        return env

    return get_env
