"""Before the game: the plain player lists the journeys and asks which to play.

The prompt answers the same words the game's prompt does: a number, ``help``,
``quit``, ``saves``, ``continue`` and ``load NAME`` (to go on with a saved
game instead), ``glossary``, ``language``; the commands that need a game in progress say
so. Whatever it starts or loads, it does through the session, as the title
screen of the Textual game does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from engine.frontends.plain.player import (
    ask,
    glossary_text,
    is_number,
    keeping_the_game_in_progress,
    list_saves,
    number_value,
    say,
    start_journey,
    switch_language,
)
from engine.present.catalogs import N_, _
from engine.saves import SaveError
from engine.session.play import Session

if TYPE_CHECKING:
    from engine.frontends.language import Languages

HELP = N_("""\
Type the number of a journey (or its name, such as {example}) and press Enter. Commands:
  continue        go on with your last game
  saves           list the saved games
  load NAME       go on with the game saved in NAME
  glossary [TERM] explain a word, or list them all
  language [LANG] play in another language (en, ru, ...), or list them
  look            list the journeys again
  help            this list
  quit            leave (end of input does the same)""")

QUIT = ("q", "quit", "exit")
NEEDS_A_GAME = ("undo", "save", "journal", "state", "inventory", "i", "sources")


class Opening:
    """The journey prompt: :meth:`run` puts a game in the session (True), or returns False to quit."""

    def __init__(
        self,
        session: Session,
        out: TextIO,
        width: int | None = None,
        seed: int | None = None,
        languages: Languages | None = None,
    ) -> None:
        self.session = session
        self.languages = languages  # the story in each language, for the language command
        self.story = session.story
        self.out = out
        self.width = width
        self.seed = seed
        self.ids = list(self.story.journeys)
        self.lines: TextIO | None = None

    def say(self, text: str = "") -> None:
        say(self.out, text, self.width)

    def ask(self, question: str) -> str:
        return ask(self.out, self.lines, question, self.width)

    def show(self) -> None:
        story = self.story
        self.say(": ".join(x for x in (story.title, story.subtitle) if x))
        if story.content_note:
            self.say(_("Content note: {note}").format(note=story.content_note))
        self.say()
        for i, jid in enumerate(self.ids, 1):
            journey = story.journeys[jid]
            # when, then where, as the Textual list has them
            facts = " · ".join(x for x in (journey.when, journey.where_text) if x)
            self.say(f"  {i}. {journey.title}" + (f" ({facts})" if facts else ""))
            self.say(f"     {journey.blurb}")
        last = self.session.continue_meta()
        if last is not None:
            self.say()
            self.say(
                _("Type continue to go on with {journey}, {scene} ('{slot}').").format(
                    journey=last.journey_title, scene=last.scene_title, slot=last.slot
                )
            )

    def run(self, lines: TextIO) -> bool:
        self.lines = lines
        self.show()
        while True:
            self.out.write(_("Choose a journey by number: "))
            self.out.flush()
            line = lines.readline()
            if not line:
                self.say()
                return False
            if line.strip().lower() in QUIT:
                return False
            if self.answer(line.strip()):
                return True

    def answer(self, line: str) -> bool:
        """Do what ``line`` asks; True once a game is in the session."""
        word, _sep, rest = line.partition(" ")
        rest = rest.strip()
        lowered = word.lower()
        count = len(self.ids)
        if not line:
            return False
        if is_number(word) and not rest:
            number = number_value(word)
            if number is not None and 1 <= number <= count:
                return self.start(self.ids[number - 1])
            self.say(
                _("There is no journey with that number: type a number from 1 to {count}.").format(
                    count=count
                )
            )
        elif line in self.story.journeys:
            return self.start(line)
        elif lowered in ("h", "help", "?"):
            self.say(_(HELP).format(example=self.ids[0] if self.ids else "square"))
        elif lowered in ("look", "l"):
            self.show()
        elif lowered == "glossary":
            self.say(glossary_text(self.story, rest))
        elif lowered == "saves":
            list_saves(self.session, self.say)
        elif lowered == "language":
            if switch_language(self.session, self.languages, rest, self.say):
                self.story = self.session.story
                self.show()
        elif lowered in ("continue", "c"):
            return self.resume()
        elif lowered == "load":
            if not rest:
                self.say(_("Type {word} and a name: {word} before-the-border").format(word="load"))
            else:
                return self.load(rest)
        elif lowered in NEEDS_A_GAME:
            self.say(
                _("There is no game yet: choose a journey first (a number from 1 to {count}).").format(
                    count=count
                )
            )
        else:
            self.say(
                _(
                    "'{line}' is not a journey or a command: type a number from 1 to {count}, or help for the commands."
                ).format(line=line, count=count)
            )
        return False

    def start(self, journey: str) -> bool:
        return start_journey(self.session, journey, self.seed, self.say, self.ask)

    def resume(self) -> bool:
        meta = self.session.continue_meta()
        if meta is None:
            self.say(_("There is no saved game to continue: choose a journey."))
            return False
        return self.load(meta.slot)

    def load(self, name: str) -> bool:
        try:
            if not keeping_the_game_in_progress(self.session, self.say, self.ask, loading=name):
                return False
            notices = self.session.load(name)
        except SaveError as exc:
            self.say(str(exc))
            return False
        for notice in notices:
            self.say(f"({notice})")
        self.say(_("Loaded '{name}'.").format(name=name))
        return True
