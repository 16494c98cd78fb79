"""The plain-text player: the screen-reader mode and the scripted way to play.

It reads lines and writes text, nothing more: numbered choices, typed
commands. It plays through the same :class:`~engine.session.play.Session`
as the Textual game, so autosaving, endings found, Continue and a new game
never silently replacing the one in progress follow the same rules.
Everything it writes passes through :func:`~engine.core.controls.visible`,
so a control character from a story or a save reaches the terminal escaped.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from engine.core.controls import visible
from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game, View
from engine.core.model import Story
from engine.core.text import Paragraph, paragraphs
from engine.frontends.lines import wrap
from engine.frontends.wording import change_summary
from engine.present.catalogs import N_, _, ngettext
from engine.present.presenter import current
from engine.saves import SaveError, SaveMeta
from engine.session.play import QUICK, Session

if TYPE_CHECKING:
    from engine.frontends.language import Languages

SayFn = Callable[[str], None]
AskFn = Callable[[str], str]

# More digits than any list of choices or journeys needs; a longer number is no choice.
MAX_DIGITS = 9

HELP = N_("""\
Type the number of a choice and press Enter. Commands:
  undo            take back the last choice
  save NAME       save the game in the slot NAME
  load NAME       load the game saved in NAME
  saves           list the saved games
  quicksave       save in the quicksave slot; quickload goes back to it
  journal         the decisions taken so far
  state           money, documents and the rest of what you carry
  glossary [TERM] explain a word (IIN, tenge, ...), or list them all
  sources         the documented facts this scene rests on
  look            show the scene again
  language [LANG] play on in another language (en, ru, ...), or list them
  help            this list
  quit            leave the game (end of input does the same)
In the text, *words* are emphasised and **words** are strong.""")

KEEP = ("k", "keep")
REPLACE = ("r", "replace")


class PlainPlayer:
    def __init__(
        self, session: Session, out: TextIO, width: int | None = None, languages: Languages | None = None
    ) -> None:
        self.session = session
        self.languages = languages  # the story in each language, for the language command
        self.out = out
        self.width = width
        self.lines: TextIO | None = None  # the input, once run() reads it: questions read from it too

    @property
    def game(self) -> Game:
        assert self.session.game is not None
        return self.session.game

    # ------------------------------------------------------------ output

    def say(self, text: str = "") -> None:
        say(self.out, text, self.width)

    def show(self, view: View, changes: bool = True) -> None:
        story = self.session.story
        self.say()
        self.say(f"== {view.title} ==")
        self.say(" · ".join(x for x in (current().clock(view.clock), view.location) if x))
        self.say()
        self.say(marked(view.paragraphs))
        if changes:
            shown = self.game.changes()
            if shown:
                self.say()
                self.say(_("Changed: {changes}").format(changes=change_summary(story, shown, ", ")))
        self.say()
        if view.ending is not None:
            found = self.session.endings_found() | {view.scene_id}
            total = len(story.endings)
            kind = current().ending_word(view.ending.kind)
            self.say(_("THE END: {title} ({kind})").format(title=view.ending.title, kind=kind))
            self.say(
                ngettext(
                    "You have found {found} of the story's {total} endings.",
                    "You have found {found} of the story's {total} endings.",
                    total,
                ).format(found=len(found & set(story.endings)), total=total)
            )
            self.say(_("Type undo to go back a step, journal to read your decisions, or quit."))
            return
        for choice in view.choices:
            text = marked(paragraphs(choice.text, story.marker))
            if choice.enabled:
                self.say_item(f"  {choice.number}. ", text)
            else:
                closed = _("[not available: {reason}]").format(reason=choice.reason)
                self.say_item(f"  {choice.number}. ", f"{closed} {text}")

    def say_item(self, head: str, text: str) -> None:
        """``head`` then ``text``, its later lines indented under the text's first when wrapped."""
        if not self.width:
            self.say(head + text)
            return
        lines = wrap(visible(text), max(10, self.width - len(head))) or [""]
        print(head + lines[0], file=self.out)
        for line in lines[1:]:
            print(" " * len(head) + line, file=self.out)

    def notices(self, notices: list[str]) -> None:
        for notice in notices:
            self.say(f"({notice})")

    def saved(self, failure: str | None) -> None:
        """Say when the autosave just written failed: the game goes on."""
        if failure:
            self.say(_("(The autosave failed: {error} Your game goes on.)").format(error=failure))

    # ------------------------------------------------------------ input

    def run(self, lines: TextIO) -> int:
        self.lines = lines
        self.show(self.game.view(), changes=False)
        self.saved(self.session.write_due())  # a new game's first autosave
        while True:
            self.out.write("> ")
            self.out.flush()
            line = lines.readline()
            if not line:
                self.say()
                break
            if self.handle(line.strip()) == "quit":
                break
        self.saved(self.session.write_due())
        return 0

    def handle(self, line: str) -> str | None:
        if not line:
            return None
        word, _sep, rest = line.partition(" ")
        word = word.lower()
        rest = rest.strip()
        if is_number(word):
            self.pick(word)
        elif word in ("q", "quit", "exit"):
            return "quit"
        elif word in ("h", "help", "?"):
            self.say(_(HELP))
        elif word == "undo":
            self.undo()
        elif word in ("look", "l"):
            self.show(self.game.view(), changes=False)
        elif word == "journal":
            self.journal()
        elif word in ("state", "inventory", "i"):
            self.state()
        elif word == "glossary":
            self.say(glossary_text(self.session.story, rest))
        elif word == "sources":
            self.sources()
        elif word in ("save", "load", "saves", "quicksave", "quickload"):
            self.saves(word, rest)
        elif word == "language":
            self.language(rest)
        else:
            self.say(
                _("'{line}' is not a choice or a command. Type help for the commands.").format(line=line)
            )
        return None

    def pick(self, typed: str) -> None:
        if self.game.is_over:
            self.say(_("The story has ended here. Type undo to go back, or quit."))
            return
        number = number_value(typed)
        if number is None:
            self.say(_("You cannot choose that: there is no choice with that number here."))
            return
        shown = next((c for c in self.game.view().choices if c.number == number), None)
        if shown is None:
            self.say(_("You cannot choose that: there is no choice {number} here.").format(number=number))
            return
        try:
            self.session.choose(number)
        except ChoiceUnavailable:
            self.say(
                _("You cannot choose that: that choice is not open: {reason}.").format(reason=shown.reason)
            )
            return
        except RunTimeError as exc:
            self.say(
                _("The story has an error here and this choice cannot be taken: {error}.").format(error=exc)
            )
            return
        failure = self.session.write_due()
        reply = self.game.reply_paragraphs()
        if reply:
            self.say()
            self.say(marked(reply))
        self.show(self.game.view())
        self.saved(failure)

    def undo(self) -> None:
        if not self.session.undo():
            self.say(_("There is nothing to undo: this is the start."))
            return
        failure = self.session.write_due()
        self.say(_("(One step back.)"))
        self.show(self.game.view(), changes=False)
        self.saved(failure)

    # ------------------------------------------------------------ commands

    def journal(self) -> None:
        entries = self.game.journal()
        if not entries:
            self.say(_("No decisions yet."))
            return
        for entry in entries:
            self.say(f"{entry.number}. {current().clock(entry.clock)}, {entry.scene_title}: {entry.text}")
            if entry.reply:
                said = paragraphs(entry.reply, self.session.story.marker)
                self.say("   " + " ".join(marked((p,)) for p in said))

    def state(self) -> None:
        groups: dict[str, list[str]] = {}
        present = current()
        for row in self.game.panel():
            if row.show == "bar" and row.max is not None:
                text = _("{value} of {most}").format(
                    value=present.number(row.value), most=present.number(row.max)
                )
            else:
                text = present.value(self.session.story.variables[row.name], row.value)
            groups.setdefault(row.group, []).append(f"  {row.label}: {text}")
        self.say(present.clock(self.game.view().clock))
        for group, lines in groups.items():
            if group:
                self.say(group)
            for line in lines:
                self.say(line)

    def sources(self) -> None:
        view = self.game.view()
        if not view.facts:
            self.say(_("This scene is invented; it rests on no documented fact."))
            return
        for key, fact in view.facts:
            source = self.session.story.sources.get(key)
            self.say(f"- {fact} ({source.outlet if source else key})")

    def saves(self, word: str, name: str) -> None:
        session = self.session
        try:
            if word == "saves":
                list_saves(session, self.say)
            elif word == "quicksave":
                session.quicksave()
                self.say(_("Quicksaved: quickload brings you back here."))
            elif word == "quickload":
                if not session.has_quicksave():
                    self.say(_("There is no quicksave yet: quicksave makes one."))
                else:
                    self.load(QUICK)
            elif not name:
                self.say(_("Type {word} and a name: {word} before-the-border").format(word=word))
            elif word == "save":
                meta = session.save(name)
                self.say(_("Saved as '{name}'.").format(name=meta.slot))
            else:
                self.load(name)
        except SaveError as exc:
            self.say(str(exc))

    def load(self, name: str) -> None:
        if not keeping_the_game_in_progress(self.session, self.say, self.ask, loading=name):
            return
        notices = self.session.load(name)
        self.notices(notices)
        self.say(_("Loaded '{name}'.").format(name=name))
        self.show(self.game.view(), changes=False)

    def language(self, code: str) -> None:
        """Play on in another language: the same game, exactly where it is, in other words."""
        if switch_language(self.session, self.languages, code, self.say):
            self.show(self.game.view(), changes=False)

    def ask(self, question: str) -> str:
        return ask(self.out, self.lines, question, self.width)


# ---------------------------------------------------------------- shared with the journey prompt


def keeping_the_game_in_progress(
    session: Session,
    say: SayFn,
    ask: AskFn,
    loading: str | None = None,
) -> bool:
    """Whether to go on with a new or loaded game: asks first when it would replace the game
    only the autosave holds (keep it as a save, replace it, or cancel)."""
    at_risk = session.would_replace(loading)
    if at_risk is None:
        return True
    answer = ask(
        _(
            "Your game in progress, {where}, is kept only in the autosave, and this game "
            "would save over it. Keep it as a save (k), replace it (r), or cancel (Enter)? "
        ).format(where=describe(at_risk))
    )
    if answer in REPLACE:
        return True
    if answer not in KEEP:
        say(_("Cancelled: your game in progress is as it was."))
        return False
    try:
        slot = session.keep_autosave()
    except SaveError as exc:
        say(_("Not kept: {error}").format(error=exc))
        return False
    say(_("Your earlier game is kept as '{slot}'.").format(slot=slot))
    return True


def switch_language(session: Session, languages: Languages | None, code: str, say: SayFn) -> bool:
    """Answer in ``code`` from now on, the story and the game in progress (if any) with it, exactly
    where it is, and keep the choice for the next start; False, having said why, when not."""
    if languages is None:
        say(_("This game is played in one language only."))
        return False
    from engine.frontends.language import move, offered

    known = offered(languages.root)
    if not code:
        say(_("Languages: {languages}. Type language and one of them.").format(languages=", ".join(known)))
        return False
    if code not in known:
        say(_("There is no language '{code}': {languages}.").format(code=code, languages=", ".join(known)))
        return False
    result = languages.load(code)
    if result.story is None:
        say(_("The story in '{code}' has errors; playing on as before.").format(code=code))
        return False
    if session.game is not None:
        session.game = move(session.game, result.story)
    session.story = result.story
    languages.keep(code, result.story)
    languages.use(code)
    settings = session.settings
    if settings is not None:  # the next game starts in it too, unless --lang says otherwise
        settings.language = code
        if settings.problem:
            say(f"({settings.problem})")
    return True


def start_journey(session: Session, journey: str, seed: int | None, say: SayFn, ask: AskFn) -> bool:
    """Start ``journey`` in ``session`` (asking first, as above); False when it did not start."""
    if not keeping_the_game_in_progress(session, say, ask):
        return False
    try:
        session.start(journey, seed=seed)
    except RunTimeError as exc:
        say(_("The story has an error and this journey cannot start: {error}").format(error=exc))
        return False
    return True


def list_saves(session: Session, say: SayFn) -> None:
    metas, problem = session.slots_and_problem()
    if problem is not None:
        say(problem)
    elif not metas:
        say(_("No saved games."))
    for meta in metas:
        say(f"  {meta.describe()}")


def describe(meta: SaveMeta) -> str:
    return f"{meta.journey_title}, {meta.scene_title} ({current().clock(meta.clock)})"


# ---------------------------------------------------------------- text


def marked(paras: tuple[Paragraph, ...]) -> str:
    """Paragraphs as plain text, emphasis kept visible: ``*emphasis*``, ``**strong**``."""
    out = []
    for paragraph in paras:
        runs: list[tuple[bool, bool, str]] = []  # spans split only by glossary terms join again
        for span in paragraph:
            if runs and runs[-1][:2] == (span.emphasis, span.strong):
                runs[-1] = (span.emphasis, span.strong, runs[-1][2] + span.text)
            else:
                runs.append((span.emphasis, span.strong, span.text))
        text = ""
        for emphasis, strong, run in runs:
            mark = "**" if strong else "*" if emphasis else ""
            inner = run.strip()
            if mark and inner:
                lead, trail = run[: len(run) - len(run.lstrip())], run[len(run.rstrip()) :]
                run = f"{lead}{mark}{inner}{mark}{trail}"
            text += run
        out.append(text)
    return "\n\n".join(out)


def say(out: TextIO, text: str, width: int | None) -> None:
    """Write ``text`` with its control characters escaped, wrapped to ``width`` when given.

    Wrapped by :func:`engine.frontends.lines.wrap`: an amount never parts from its currency.
    """
    text = visible(text, allow_breaks=True)
    if width:
        for line in text.split("\n"):
            print("\n".join(wrap(line, width)) if line else "", file=out)
    else:
        print(text, file=out)


def ask(out: TextIO, lines: TextIO | None, question: str, width: int | None) -> str:
    """Ask ``question`` and read the answer, lower-cased; "" at the end of input."""
    say(out, question.rstrip(), width)
    out.write("? ")
    out.flush()
    answer = lines.readline() if lines is not None else ""
    return answer.strip().lower()


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
        return "\n".join(f"{e.term}: {e.text}" for e in entries.values()) or _("The story has no glossary.")
    wanted = term.lower()
    for entry in entries.values():
        if wanted in (f.lower() for f in (entry.term, *entry.also)) or wanted == entry.key:
            return f"{entry.term}: {entry.text}"
    return _("There is no glossary entry for '{term}'. Type glossary for the list.").format(term=term)


def terminal_width(out: TextIO) -> int | None:
    """Wrap to the terminal when there is one; never wrap piped output."""
    if not out.isatty():
        return None
    return min(shutil.get_terminal_size().columns, 88) - 1
