"""Collecting the loader's diagnostics, each placed at its file and line.

Builders say what is wrong and at which key path; the reporter asks the
file's :class:`~engine.loading.positions.Locator` for the line only then.
It also knows what syntax errors cost (:class:`~engine.loading.syntax.Lost`)
and drops problems that only follow from tables that could not be read.
"""

from __future__ import annotations

import enum
from pathlib import Path

from engine.core.diagnostics import Code, Diagnostic, Severity, relative_name
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.syntax import Lost

# Problems that a missing table of this kind can cause on its own.
_FOLLOWS_FROM = {
    Code.NO_SCENE: "scene",
    Code.NO_JOURNEY: "journey",
    Code.NO_SOURCE: "source",
    Code.NO_STORY: "story",
    Code.EXPRESSION: "variables",
    Code.NO_VARIABLE: "variables",
    Code.NO_TAG: "variables",
}
_WHOLE_STORY = (Code.UNREACHABLE, Code.DEAD_END, Code.UNUSED_VARIABLE, Code.UNUSED_GLOSSARY)


class At(enum.Enum):
    VALUE = "value"  # where the value starts
    KEY = "key"  # where the key is written


class Reporter:
    def __init__(self, root: Path, lost: Lost | None = None) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.lost = lost if lost is not None else Lost()

    def follows_from_lost(self, code: Code, name: str | None) -> bool:
        """Whether a problem could be caused by tables lost to syntax errors alone."""
        if not self.lost:
            return False
        if code in _WHOLE_STORY:
            return True
        kind = _FOLLOWS_FROM.get(code)
        return kind is not None and self.lost.may_hold(kind, name)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def report(
        self,
        severity: Severity,
        code: Code,
        file: StoryFile | None,
        path: Path_,
        message: str,
        *,
        hint: str | None = None,
        name: str | None = None,
        at: At = At.VALUE,
        offset: int | None = None,
        value: str | None = None,
    ) -> None:
        d = self.place(
            code, file, path, message, severity, hint=hint, name=name, at=at, offset=offset, value=value
        )
        if d is not None:
            self.add(d)

    def place(
        self,
        code: Code,
        file: StoryFile | None,
        path: Path_,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        hint: str | None = None,
        name: str | None = None,
        at: At = At.VALUE,
        offset: int | None = None,
        value: str | None = None,
    ) -> Diagnostic | None:
        """The diagnostic, placed at its line (not yet reported); None if it only follows
        from tables lost to syntax errors."""
        if self.follows_from_lost(code, name):
            return None
        if file is None:
            return Diagnostic(severity, message, hint=hint, code=code, name=name)
        locator = file.locator
        if file.aliases:
            path = file.written_at(path)
        if offset is not None and value is not None:
            index = locator.char_index(path, offset, value)
        elif at is At.KEY:
            index = locator.key_index(path)
        else:
            index = locator.value_index(path)
        if index is None:
            line, column, source = 1, None, locator.line_text(1)
        else:
            pos = locator.position(index)
            line, column, source = pos.line, pos.column, locator.line_at(index)
        return Diagnostic(severity, message, file.path, line, column, hint, source, code=code, name=name)

    def error(
        self,
        code: Code,
        file: StoryFile | None,
        path: Path_,
        message: str,
        *,
        hint: str | None = None,
        name: str | None = None,
        at: At = At.VALUE,
        offset: int | None = None,
        value: str | None = None,
    ) -> None:
        self.report(
            Severity.ERROR, code, file, path, message, hint=hint, name=name, at=at, offset=offset, value=value
        )

    def warn(
        self,
        code: Code,
        file: StoryFile | None,
        path: Path_,
        message: str,
        *,
        hint: str | None = None,
        name: str | None = None,
        at: At = At.VALUE,
    ) -> None:
        self.report(Severity.WARNING, code, file, path, message, hint=hint, name=name, at=at)

    def shown_at(self, file: StoryFile, path: Path_) -> str:
        """``story/scenes.toml:29``: where ``path`` is, for a hint that points at another place."""
        index = file.locator.key_index(file.written_at(path + ("id",)))
        line = file.locator.position(index).line if index is not None else 1
        return f"{relative_name(file.path, self.root)}:{line}"
