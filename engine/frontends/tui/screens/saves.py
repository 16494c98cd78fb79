"""Saved games: the slots with what each holds; save, load and delete."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import Back, Delete, ExportSave, Help, Quit
from engine.frontends.tui.messages import LoadSlot, SaveSlot
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.screens.confirm import ConfirmScreen
from engine.frontends.tui.shown import cell, shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _
from engine.present.presenter import current
from engine.saves import SaveError, SaveMeta
from engine.saves.errors import saved_at_text


def played_text(seconds: float) -> str:
    """ "under a minute", "12 min", "2 h 05 min": time played, with its unit."""
    minutes = int(seconds) // 60
    if minutes < 1:
        return _("under a minute")
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("{hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)


class SlotTable(DataTable[Text]):
    """The saves; ↑ from the first row goes back to the name field above, as ↓ came down from it."""

    class Above(Message):
        """↑ was pressed on the first row."""

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.Above())
            return
        super().action_cursor_up()


class SavesScreen(GameScreen):
    CSS_PATH = "saves.tcss"
    OFFERS = (Help, Quit, Back, Delete, ExportSave)
    BINDINGS = [
        *command_bindings(*OFFERS),
        Binding("down", "slots", "Saved games", show=False),  # from the name field (the table has its own)
    ]

    def __init__(self, saving: bool) -> None:
        super().__init__()
        self.saving = saving
        self.metas: list[SaveMeta] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box"):
            yield Static(_("Save the game") if self.saving else _("Load a saved game"), id="saves-heading")
            if self.saving:
                name = Input(placeholder=_("New save: type a name and press Enter"), id="slot-name")
                name.cursor_blink = getattr(self.app, "blink", True)
                yield name
            table = SlotTable(id="slots", cursor_type="row", zebra_stripes=True)
            table.add_columns(_("Slot"), _("Journey"), _("Scene"), _("In the story"), _("Saved"), _("Played"))
            yield table
            yield Static(id="saves-hint")
        yield Notice()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.fill()
        if self.saving:
            self.query_one("#slot-name", Input).focus()
        else:
            self.query_one("#slots", DataTable).focus()

    def action_slots(self) -> None:
        if self.metas:
            self.query_one("#slots", DataTable).focus()

    @on(SlotTable.Above)
    def _above(self, event: SlotTable.Above) -> None:
        if self.saving:
            self.query_one("#slot-name", Input).focus()

    def fill(self) -> None:
        table = self.query_one("#slots", DataTable)
        table.clear()
        self.metas, problem = self.session.slots_and_problem()
        blank = (cell(""), cell(""), cell(""))
        for meta in self.metas:
            if meta.problem is not None:
                table.add_row(
                    cell(meta.slot), cell(_("cannot be read")), cell(meta.problem), *blank, key=meta.slot
                )
            else:
                table.add_row(
                    cell(meta.slot),
                    cell(meta.journey_title),
                    cell(meta.scene_title),
                    cell(current().clock(meta.clock)),
                    cell(saved_at_text(meta.saved_at)),
                    cell(played_text(meta.play_seconds)),
                    key=meta.slot,
                )
        hint = self.query_one("#saves-hint", Static)
        if problem is not None:
            hint.update(shown(problem))
            hint.add_class("problem")
        elif not self.metas:
            hint.update(_("No saved games yet."))
        elif self.saving:
            hint.update(_("↓ reaches the saves; Enter on one saves over it (you will be asked); d deletes."))
        else:
            hint.update(_("Enter on a save loads it; d deletes it."))

    def chosen_slot(self) -> str | None:
        table = self.query_one("#slots", DataTable)
        if not self.metas or table.cursor_row < 0 or table.cursor_row >= len(self.metas):
            return None
        return self.metas[table.cursor_row].slot

    @on(Input.Submitted, "#slot-name")
    def _named(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if any(m.slot == name for m in self.metas):
            self.overwrite(name)
        else:
            self.perform(SaveSlot(name))

    @on(DataTable.RowSelected, "#slots")
    def _row(self, event: DataTable.RowSelected) -> None:
        slot = self.chosen_slot()
        if slot is None:
            return
        if self.saving:
            self.overwrite(slot)
        else:
            self.perform(LoadSlot(slot))

    def overwrite(self, slot: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.perform(SaveSlot(slot))

        self.app.push_screen(
            ConfirmScreen(_("Save over '{slot}'?").format(slot=slot), yes=_("Save over it")), answered
        )

    def do_back(self, command: Back) -> None:
        self.dismiss()

    def do_export_save(self, command: ExportSave) -> None:
        """A copy of a save for the player: a download when served; in a terminal, where the file is."""
        slot = self.chosen_slot()
        if slot is None:
            return
        store = self.session.store
        try:
            store.read(slot)
            data = store.path(slot).read_bytes()
        except SaveError as exc:
            self.say(str(exc), title=_("Not exported"), severity="error")
            return
        except OSError as exc:
            self.say(f"The save '{slot}' could not be read: {exc.strerror or exc}", severity="error")
            return
        if not self.deliver(store.path(slot).name, data, f"the save '{slot}'"):
            self.say(
                _("The save '{slot}' is the file {path}; `relocant saves export` copies it.").format(
                    slot=slot, path=store.path(slot)
                )
            )

    def do_delete(self, command: Delete) -> None:
        slot = self.chosen_slot()
        if slot is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.delete(slot)
            except SaveError as exc:
                self.say(str(exc), title=_("Not deleted"), severity="error")
                return
            self.fill()
            self.say(_("Deleted '{slot}'.").format(slot=slot))

        self.app.push_screen(
            ConfirmScreen(
                _("Delete the save '{slot}'? This cannot be undone.").format(slot=slot), yes=_("Delete")
            ),
            answered,
        )
