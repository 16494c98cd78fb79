"""Before the game: the plain player lists the journeys and asks which to play.

The prompt answers the same words the game's prompt does: a number, ``help``,
``quit``, ``saves`` and ``load NAME`` (to go on with a saved game instead),
``glossary``; the commands that need a game in progress say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from engine.core.model import Story
from engine.frontends.plain.player import glossary_text, is_number, number_value, say

HELP = """\
Type the number of a journey (or its name, such as {example}) and press Enter. Commands:
  saves           list the saved games
  load NAME       go on with the game saved in NAME
  glossary [TERM] explain a word, or list them all
  look            list the journeys again
  help            this list
  quit            leave (end of input does the same)"""

if TYPE_CHECKING:
    from engine.saves import Loaded

QUIT = ("q", "quit", "exit")
NEEDS_A_GAME = ("undo", "save", "journal", "state", "inventory", "i", "sources")


class Opening:
    """The journey prompt: :meth:`run` returns a journey id, a loaded save, or None to quit."""

    def __init__(
        self, story: Story, out: TextIO, store: object | None = None, width: int | None = None
    ) -> None:
        self.story = story
        self.out = out
        self.store = store
        self.width = width
        self.ids = list(story.journeys)

    def say(self, text: str = "") -> None:
        say(self.out, text, self.width)

    def show(self) -> None:
        story = self.story
        self.say(": ".join(x for x in (story.title, story.subtitle) if x))
        if story.content_note:
            self.say(f"Content note: {story.content_note}")
        self.say()
        for i, jid in enumerate(self.ids, 1):
            journey = story.journeys[jid]
            where_when = "; ".join(x for x in (journey.where_text, journey.when) if x)
            self.say(f"  {i}. {journey.title}" + (f" ({where_when})" if where_when else ""))
            self.say(f"     {journey.blurb}")

    def run(self, lines: TextIO) -> str | Loaded | None:
        self.show()
        while True:
            self.out.write("Choose a journey by number: ")
            self.out.flush()
            line = lines.readline()
            if not line:
                self.say()
                return None
            if line.strip().lower() in QUIT:
                return None
            answer = self.answer(line.strip())
            if answer is not None:
                return answer

    def answer(self, line: str) -> str | Loaded | None:
        """What ``line`` asks for: a journey id or a loaded save; None once it has replied."""
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        lowered = word.lower()
        count = len(self.ids)
        if not line:
            return None
        if is_number(word) and not rest:
            number = number_value(word)
            if number is not None and 1 <= number <= count:
                return self.ids[number - 1]
            self.say(f"There is no journey with that number: type a number from 1 to {count}.")
        elif line in self.story.journeys:
            return line
        elif lowered in ("h", "help", "?"):
            self.say(HELP.format(example=self.ids[0] if self.ids else "square"))
        elif lowered in ("look", "l"):
            self.show()
        elif lowered == "glossary":
            self.say(glossary_text(self.story, rest))
        elif lowered == "saves":
            self.list_saves()
        elif lowered == "load":
            if not rest:
                self.say("Type load and a name: load before-the-border")
            else:
                return self.load(rest)
        elif lowered in NEEDS_A_GAME:
            self.say(f"There is no game yet: choose a journey first (a number from 1 to {count}).")
        else:
            self.say(
                f"'{line}' is not a journey or a command: type a number from 1 to {count}, "
                "or help for the commands."
            )
        return None

    def list_saves(self) -> None:
        if self.store is None:
            self.say("Saving is not available here.")
            return
        from engine.saves import SaveError

        try:
            metas = self.store.list()  # type: ignore[attr-defined]
        except SaveError as exc:
            self.say(str(exc))
            return
        if not metas:
            self.say("No saved games.")
        for meta in metas:
            self.say(f"  {meta.describe()}")

    def load(self, name: str) -> Loaded | None:
        if self.store is None:
            self.say("Saving is not available here.")
            return None
        from engine.saves import SaveError

        try:
            loaded: Loaded = self.store.load(name, self.story)  # type: ignore[attr-defined]
        except SaveError as exc:
            self.say(str(exc))
            return None
        self.say(f"Loaded '{name}'.")
        return loaded
