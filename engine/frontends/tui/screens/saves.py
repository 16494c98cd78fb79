"""Saved games: the slots with what each holds; save, load and delete."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.screens.confirm import ConfirmScreen
from engine.frontends.tui.shown import cell
from engine.saves import SaveMeta
from engine.saves.errors import play_time_text, saved_at_text


class SavesScreen(GameScreen):
    CSS_PATH = "saves.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("delete,d", "delete", "Delete"),
        Binding("x", "export", "Export", show=False),
    ]

    def __init__(self, saving: bool) -> None:
        super().__init__()
        self.saving = saving
        self.metas: list[SaveMeta] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box"):
            yield Static("Save the game" if self.saving else "Load a saved game", id="saves-heading")
            if self.saving:
                name = Input(placeholder="New save: type a name and press Enter", id="slot-name")
                name.cursor_blink = self.game_app.blink
                yield name
            table: DataTable[Text] = DataTable(id="slots", cursor_type="row", zebra_stripes=True)
            table.add_columns("Slot", "Journey", "Scene", "In the story", "Saved", "Played")
            yield table
            yield Static(id="saves-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        if self.saving:
            self.query_one("#slot-name", Input).focus()
        else:
            self.query_one("#slots", DataTable).focus()

    def fill(self) -> None:
        table = self.query_one("#slots", DataTable)
        table.clear()
        self.metas = self.session.slots()
        blank = (cell(""), cell(""), cell(""))
        for meta in self.metas:
            if meta.problem is not None:
                table.add_row(
                    cell(meta.slot), cell("cannot be read"), cell(meta.problem), *blank, key=meta.slot
                )
            else:
                table.add_row(
                    cell(meta.slot),
                    cell(meta.journey_title),
                    cell(meta.scene_title),
                    cell(meta.when),
                    cell(saved_at_text(meta.saved_at)),
                    cell(play_time_text(meta.play_seconds)),
                    key=meta.slot,
                )
        hint = self.query_one("#saves-hint", Static)
        if not self.metas:
            hint.update("No saved games yet.")
        elif self.saving:
            hint.update("Enter on a slot saves over it (you will be asked); d deletes.")
        else:
            hint.update("Enter on a slot loads it; d deletes.")

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
            self.save(name)

    @on(DataTable.RowSelected, "#slots")
    def _row(self, event: DataTable.RowSelected) -> None:
        slot = self.chosen_slot()
        if slot is None:
            return
        if self.saving:
            self.overwrite(slot)
        else:
            self.game_app.load_slot(slot)

    def overwrite(self, slot: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.save(slot)

        self.app.push_screen(ConfirmScreen(f"Save over '{slot}'?", yes="Save over it"), answered)

    def save(self, slot: str) -> None:
        if self.game_app.save_slot(slot):
            self.app.pop_screen()

    def action_export(self) -> None:
        slot = self.chosen_slot()
        if slot is not None:
            self.game_app.export_save(slot)

    def action_delete(self) -> None:
        slot = self.chosen_slot()
        if slot is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.game_app.delete_slot(slot)
                self.fill()

        self.app.push_screen(
            ConfirmScreen(f"Delete the save '{slot}'? This cannot be undone.", yes="Delete"), answered
        )
