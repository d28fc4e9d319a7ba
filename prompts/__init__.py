"""Prompt files (flow scripts, question bank, templates, system prompts) loaded by name.

Every file lives in ``prompts/<lang>/<name>.md`` with YAML front matter that carries at least
``version``. Older versions may be kept next to it as ``<name>.v<N>.md``; ``load_prompt``
returns the highest version unless one is asked for, so a stored answer can name the exact
``name@version`` it was made with.

Counts agree with their noun through a plural choice in the format spec:
``{count} {count:afspraak|afspraken}`` reads "1 afspraak" and "2 afspraken".
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("nl", "en")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.S)
_STEM = re.compile(r"^(?P<name>[a-z0-9_]+)(?:\.v(?P<version>\d+))?$")


class PromptError(LookupError):
    """A prompt file is missing, malformed, or rendered without a needed value."""


def placeholders(template: str) -> set[str]:
    """Names of the ``{placeholders}`` in a template string.

    >>> sorted(placeholders("Hoi {name}, {count} vragen"))
    ['count', 'name']
    """
    names: set[str] = set()
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name:
            names.add(field_name.split(".")[0].split("[")[0])
    return names


class _PluralFormatter(string.Formatter):
    """``str.format`` plus ``{n:one|other}``: the text before ``|`` when n is 1, else after."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return str(super().format_field(value, format_spec))
        one, _, other = format_spec.partition("|")
        return one if str(value).strip() == "1" else other


_FORMATTER = _PluralFormatter()


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill a ``{placeholder}`` template; a missing value is an error, never an empty hole.

    >>> render_template("{n} {n:afspraak|afspraken}", {"n": 1})
    '1 afspraak'
    >>> render_template("{n:once|{n} times}", {"n": 3})
    '3 times'
    """
    missing = placeholders(template) - values.keys()
    if missing:
        raise PromptError(f"missing values for {sorted(missing)}")
    return _FORMATTER.vformat(template, (), values).strip("\n")


@dataclass(frozen=True)
class Prompt:
    """One prompt file: its front matter (``meta``) and its body."""

    name: str
    lang: str
    version: int
    body: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """``name@version``, recorded with whatever was made from this prompt."""
        return f"{self.name}@{self.version}"

    def render(self, **values: Any) -> str:
        """The body with its placeholders filled in."""
        return render_template(self.body, values)

    def text(self, key: str, **values: Any) -> str:
        """A string from the front matter mapping ``messages``/``texts``, filled in."""
        table = self.meta.get("messages") or self.meta.get("texts") or {}
        if key not in table:
            raise PromptError(f"{self.ref} ({self.lang}) has no text {key!r}")
        return render_template(str(table[key]), values)


def parse_prompt_file(path: Path, lang: str) -> Prompt:
    """Read one prompt file into a ``Prompt``."""
    raw = path.read_text(encoding="utf-8")
    match = _FRONT.match(raw)
    if not match:
        raise PromptError(f"{path}: no front matter")
    meta = yaml.safe_load(match.group(1)) or {}
    stem = _STEM.match(path.name.removesuffix(".md"))
    if not stem or not isinstance(meta, dict) or "version" not in meta:
        raise PromptError(f"{path}: needs a lower-case name and a version in the front matter")
    version = int(meta["version"])
    if stem.group("version") and int(stem.group("version")) != version:
        raise PromptError(f"{path}: file name and front matter disagree on the version")
    return Prompt(
        name=stem.group("name"), lang=lang, version=version, body=match.group(2), meta=meta
    )


class PromptLibrary:
    """All prompt files under one directory, by name, language and version."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = Path(root)

    def names(self) -> list[str]:
        """Every prompt name present in any language."""
        found = {
            m.group("name")
            for lang in LANGUAGES
            for path in (self.root / lang).glob("*.md")
            if (m := _STEM.match(path.name.removesuffix(".md")))
        }
        return sorted(found)

    def versions(self, name: str, lang: str) -> list[int]:
        """The versions on disk of one prompt in one language, oldest first."""
        return sorted(p.version for p in self._all(name, lang))

    def load(self, name: str, lang: str, version: int | None = None) -> Prompt:
        """The prompt ``name`` in ``lang``: the newest version, or exactly ``version``."""
        if lang not in LANGUAGES:
            raise PromptError(f"unknown language {lang!r}")
        candidates = self._all(name, lang)
        if version is not None:
            candidates = [p for p in candidates if p.version == version]
        if not candidates:
            wanted = f"{name}@{version}" if version is not None else name
            raise PromptError(f"no prompt {wanted} in {lang}")
        return max(candidates, key=lambda p: p.version)

    def load_all(self) -> None:
        """Parse every prompt file now (they are kept), so no turn pays for it later."""
        for name in self.names():
            for lang in LANGUAGES:
                self._all(name, lang)

    def _all(self, name: str, lang: str) -> list[Prompt]:
        return _load_dir(self.root / lang, lang, name)


@lru_cache(maxsize=256)
def _load_dir(directory: Path, lang: str, name: str) -> list[Prompt]:
    paths = [directory / f"{name}.md", *sorted(directory.glob(f"{name}.v*.md"))]
    return [parse_prompt_file(p, lang) for p in paths if p.is_file()]


_DEFAULT = PromptLibrary()


def load_prompt(name: str, lang: str, version: int | None = None) -> Prompt:
    """The shipped prompt ``name`` in ``lang`` (newest version unless ``version`` is given)."""
    return _DEFAULT.load(name, lang, version)
