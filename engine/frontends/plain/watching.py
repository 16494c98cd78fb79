"""Live reload for authors: the plain player picks up edits to the story.

Between inputs the player compares the story files' modification times
with the last look. On a change it loads the story again; when the new
version loads, the game moves onto it keeping its state and position (or
the nearest earlier step whose scene still exists); when it does not, the
player shows the errors `relocant check` would and plays on with the last
good version.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from engine.core.diagnostics import RunTimeError
from engine.core.state import StateError
from engine.frontends.language import Languages
from engine.frontends.plain.player import PlainPlayer, is_number
from engine.loading.loader import load
from engine.session.play import Session
from engine.session.reload import move_game, snapshot


class WatchingPlayer(PlainPlayer):
    """A plain player that reloads the story when its files change."""

    def __init__(
        self,
        session: Session,
        out: TextIO,
        root: Path,
        width: int | None = None,
        languages: Languages | None = None,
    ) -> None:
        super().__init__(session, out, width, languages)
        self.root = root
        self.seen = snapshot(root)

    def handle(self, line: str) -> str | None:
        if self.reload_if_changed() and is_number(line):
            self.say("(The story changed under that choice: choose again from the choices above.)")
            return None
        try:
            return super().handle(line)
        except RunTimeError as exc:
            self.say(f"(The story has an error here: {exc}. Fix it and press Enter.)")
            return None

    def reload_if_changed(self) -> bool:
        now = snapshot(self.root)
        if now == self.seen:
            return False
        self.seen = now
        languages = self.languages
        result = languages.load(languages.language) if languages is not None else load(self.root)
        if result.story is None:
            self.say()
            self.say(
                f"(The edited story has {len(result.errors)} error(s); playing on with the last good version.)"
            )
            for d in result.errors:
                self.say(d.format(self.root))
            return False
        try:
            moved, notices = move_game(self.game, result.story)
        except StateError as exc:
            self.say(
                f"(Reloaded the story, but this game cannot continue on it: {exc}. Keeping the old version.)"
            )
            return False
        self.session.story = result.story
        self.session.game = moved
        if languages is not None:
            languages.keep(languages.language, result.story)
        self.say()
        warnings = f" ({len(result.warnings)} warning(s): run relocant check)" if result.warnings else ""
        self.say(f"(Reloaded the story{warnings}.)")
        for notice in notices:
            self.say(f"({notice})")
        try:
            self.show(self.game.view(), changes=False)
        except RunTimeError as exc:
            self.say(f"(The story has an error here: {exc}. Fix it and press Enter.)")
        return True
