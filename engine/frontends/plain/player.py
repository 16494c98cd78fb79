"""The plain-text player: the screen-reader mode and the scripted way to play.

It reads lines and writes text, nothing more: numbered choices, typed
commands. It drives the same :class:`~engine.core.game.Game` as the Textual app.
Everything it writes passes through :func:`~engine.core.controls.visible`, so
a control character from a story or a save reaches the terminal escaped.
"""

from __future__ import annotations

import shutil
import textwrap
import time
from collections.abc import Callable
from typing import TextIO

from engine.core.controls import visible
from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game, View
from engine.core.model import Story
from engine.core.text import paragraphs, plain
from engine.present.presenter import current

# More digits than any list of choices or journeys needs; a longer number is no choice.
MAX_DIGITS = 9

HELP = """\
Type the number of a choice and press Enter. Commands:
  undo            take back the last choice
  save NAME       save the game in the slot NAME
  load NAME       load the game saved in NAME
  saves           list the saved games
  journal         the decisions taken so far
  state           money, documents and the rest of what you carry
  glossary [TERM] explain a word (IIN, tenge, ...), or list them all
  sources         the documented facts this scene rests on
  look            show the scene again
  help            this list
  quit            leave the game (end of input does the same)"""


class PlainPlayer:
    def __init__(
        self,
        game: Game,
        out: TextIO,
        store: object | None = None,
        width: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.game = game
        self.out = out
        self.store = store  # an engine.saves.SaveStore, when saving is available
        self.width = width
        self.clock = clock
        self.started = clock()
        self.play_seconds = 0.0

    # ------------------------------------------------------------ output

    def say(self, text: str = "") -> None:
        say(self.out, text, self.width)

    def show(self, view: View, changes: bool = True) -> None:
        self.say()
        self.say(f"== {view.title} ==")
        self.say(" · ".join(x for x in (current().clock(view.clock), view.location) if x))
        self.say()
        self.say(plain(view.paragraphs))
        if changes:
            shown = self.game.changes()
            if shown:
                self.say()
                story = self.game.story
                self.say("(" + "; ".join(current().change(story.variables[c.name], c) for c in shown) + ")")
        self.say()
        if view.ending is not None:
            self.say(f"THE END: {view.ending.title} ({current().ending_word(view.ending.kind)})")
            self.say("Type undo to go back a step, journal to read your decisions, or quit.")
            return
        for choice in view.choices:
            text = plain(paragraphs(choice.text, self.game.story.marker))
            if choice.enabled:
                self.say(f"  {choice.number}. {text}")
            else:
                self.say(f"  {choice.number}. [not available: {choice.reason}] {text}")

    # ------------------------------------------------------------ input

    def run(self, lines: TextIO) -> int:
        self.show(self.game.view(), changes=False)
        while True:
            self.out.write("> ")
            self.out.flush()
            line = lines.readline()
            if not line:
                self.say()
                return 0
            if self.handle(line.strip()) == "quit":
                return 0

    def handle(self, line: str) -> str | None:
        if not line:
            return None
        word, _, rest = line.partition(" ")
        word = word.lower()
        rest = rest.strip()
        if is_number(word):
            self.pick(word)
        elif word in ("q", "quit", "exit"):
            return "quit"
        elif word in ("h", "help", "?"):
            self.say(HELP)
        elif word == "undo":
            if self.game.can_undo:
                self.game.undo()
                self.say("(One step back.)")
                self.show(self.game.view(), changes=False)
            else:
                self.say("There is nothing to undo: this is the start.")
        elif word in ("look", "l"):
            self.show(self.game.view(), changes=False)
        elif word == "journal":
            self.journal()
        elif word in ("state", "inventory", "i"):
            self.state()
        elif word == "glossary":
            self.glossary(rest)
        elif word == "sources":
            self.sources()
        elif word in ("save", "load", "saves"):
            self.saves(word, rest)
        else:
            self.say(f"'{line}' is not a choice or a command. Type help for the commands.")
        return None

    def pick(self, typed: str) -> None:
        if self.game.is_over:
            self.say("The story has ended here. Type undo to go back, or quit.")
            return
        number = number_value(typed)
        if number is None:
            self.say("You cannot choose that: there is no choice with that number here.")
            return
        try:
            view = self.game.choose(number)
        except ChoiceUnavailable as exc:
            self.say(f"You cannot choose that: {exc}.")
            return
        except RunTimeError as exc:
            self.say(f"The story has an error here and this choice cannot be taken: {exc}.")
            return
        self.autosave()
        reply = self.game.reply_paragraphs()
        if reply:
            self.say()
            self.say(plain(reply))
        self.show(view)

    # ------------------------------------------------------------ commands

    def journal(self) -> None:
        entries = self.game.journal()
        if not entries:
            self.say("No decisions yet.")
            return
        for entry in entries:
            self.say(f"{entry.number}. {current().clock(entry.clock)}, {entry.scene_title}: {entry.text}")
            if entry.reply:
                said = paragraphs(entry.reply, self.game.story.marker)
                self.say("   " + " ".join(plain((p,)) for p in said))

    def state(self) -> None:
        groups: dict[str, list[str]] = {}
        present = current()
        for row in self.game.panel():
            if row.show == "bar" and row.max is not None:
                text = f"{present.number(row.value)} of {present.number(row.max)}"
            else:
                text = present.value(self.game.story.variables[row.name], row.value)
            groups.setdefault(row.group, []).append(f"  {row.label}: {text}")
        self.say(present.clock(self.game.view().clock))
        for group, lines in groups.items():
            if group:
                self.say(group)
            for line in lines:
                self.say(line)

    def glossary(self, term: str) -> None:
        self.say(glossary_text(self.game.story, term))

    def sources(self) -> None:
        view = self.game.view()
        if not view.facts:
            self.say("This scene is invented; it rests on no documented fact.")
            return
        for key, fact in view.facts:
            source = self.game.story.sources.get(key)
            self.say(f"- {fact} ({source.outlet if source else key})")

    def saves(self, word: str, name: str) -> None:
        store = self.store
        if store is None:
            self.say("Saving is not available here.")
            return
        from engine.saves import SaveError

        try:
            if word == "saves":
                slots = store.list()  # type: ignore[attr-defined]
                if not slots:
                    self.say("No saved games.")
                for meta in slots:
                    self.say(f"  {meta.describe()}")
            elif not name:
                self.say(f"Type {word} and a name: {word} before-the-border")
            elif word == "save":
                store.save(name, self.game, self.elapsed())  # type: ignore[attr-defined]
                self.say(f"Saved as '{name}'.")
            else:
                loaded = store.load(name, self.game.story)  # type: ignore[attr-defined]
                for notice in loaded.notices:
                    self.say(f"({notice})")
                self.game = loaded.game
                self.started = self.clock() - loaded.meta.play_seconds
                self.say(f"Loaded '{name}'.")
                self.show(self.game.view(), changes=False)
        except SaveError as exc:
            self.say(str(exc))

    def elapsed(self) -> float:
        return self.clock() - self.started

    def autosave(self) -> None:
        if self.store is None:
            return
        from engine.saves import SaveError

        try:
            self.store.autosave(self.game, self.elapsed())  # type: ignore[attr-defined]
        except SaveError as exc:
            self.say(f"(The autosave failed: {exc} Your game goes on.)")


def say(out: TextIO, text: str, width: int | None) -> None:
    """Write ``text`` with its control characters escaped, wrapped to ``width`` when given."""
    text = visible(text, allow_breaks=True)
    if width:
        for line in text.split("\n"):
            print(textwrap.fill(line, width) if line else "", file=out)
    else:
        print(text, file=out)


def is_number(word: str) -> bool:
    """Whether ``word`` is a whole number typed in any script's digits (``²`` is not one)."""
    return word.isdecimal()


def number_value(word: str) -> int | None:
    """The number ``word`` holds, or None when it is too long to be any choice's."""
    digits = word.lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_DIGITS else None


def glossary_text(story: Story, term: str) -> str:
    """Every glossary entry, or the one for ``term``, or why there is none."""
    entries = story.glossary
    if not term:
        return "\n".join(f"{e.term}: {e.text}" for e in entries.values()) or "The story has no glossary."
    wanted = term.lower()
    for entry in entries.values():
        if wanted in (f.lower() for f in (entry.term, *entry.also)) or wanted == entry.key:
            return f"{entry.term}: {entry.text}"
    return f"There is no glossary entry for '{term}'. Type glossary for the list."


def terminal_width(out: TextIO) -> int | None:
    """Wrap to the terminal when there is one; never wrap piped output."""
    if not out.isatty():
        return None
    return min(shutil.get_terminal_size().columns, 88) - 1
