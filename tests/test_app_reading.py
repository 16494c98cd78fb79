"""Reading in the Textual game: the new scene comes into view, the story scrolls, the place is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import STORIES, make_app, run_async, screen_text
from textual import events

from engine.frontends.tui.screens.play import PlayScreen
from engine.frontends.tui.widgets.passage import Passage
from engine.frontends.tui.widgets.transcript import Transcript

LONG = STORIES / "long"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


def transcript(app: object) -> Transcript:
    return app.screen.query_one("#transcript", Transcript)  # type: ignore[attr-defined]


def passages(app: object) -> list[Passage]:
    return [e for e in transcript(app).entries if isinstance(e, Passage)]


def current_passage(app: object) -> Passage:
    return passages(app)[-1]


async def screen_after_choosing(tmp_path: Path, how: str, size: tuple[int, int]) -> str:
    app = make_app(tmp_path / how, story=LONG)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        if how == "number":
            await pilot.press("1")
        elif how == "enter":
            await pilot.press("enter")
        else:
            await pilot.click("#choices", offset=(6, 1))
        await pilot.pause(0.5)
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game is not None and app.session.game.view().scene_id == "two"
        scroll = transcript(app)
        assert scroll.scroll_y == scroll.max_scroll_y or scroll.scroll_y == scroll.top_of(
            current_passage(app)
        )
        return screen_text(app)


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (60, 20)])
@run_async
async def test_a_choice_by_number_by_enter_and_by_click_shows_the_same_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    by_number = await screen_after_choosing(tmp_path, "number", size)
    assert "Dmitry's list" in by_number.splitlines()[1] or "Dmitry's list" in by_number.splitlines()[2]
    assert await screen_after_choosing(tmp_path, "enter", size) == by_number
    assert await screen_after_choosing(tmp_path, "click", size) == by_number


def top_line(app: object, size: tuple[int, int]) -> str:
    """The first line of story text in view (the transcript starts one row down, after its padding)."""
    return screen_text(app).splitlines()[1]  # type: ignore[arg-type]


@run_async
async def test_a_resize_keeps_the_passage_being_read_at_the_top(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        assert "The public service centre" in top_line(app, (120, 36))
        for size in [(80, 24), (60, 20), (100, 30), (120, 36)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert "The public service centre" in top_line(app, size), size


@run_async
async def test_a_resize_keeps_a_place_scrolled_back_to_in_an_earlier_passage(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        scroll = transcript(app)
        first, second = passages(app)[:2]
        top, height = scroll.top_of(first), scroll.top_of(second) - scroll.top_of(first)
        scroll.scroll_to(y=top + height // 2, animate=False, immediate=True)
        await pilot.pause()
        assert scroll.place is not None and scroll.place[0] is first
        await pilot.resize_terminal(70, 22)
        await pilot.pause()
        await pilot.pause()
        top, height = scroll.top_of(first), scroll.top_of(second) - scroll.top_of(first)
        assert top < scroll.scroll_y < top + height
        assert abs((scroll.scroll_y - top) / height - 0.5) < 0.1


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@run_async
async def test_page_keys_scroll_the_story_whatever_has_focus_and_the_passage_reads_to_its_end(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        assert app.screen.focused is choices
        scroll = transcript(app)
        assert "You need an IIN, and you have" not in screen_text(app)
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "You need an IIN, and you have 107,500 ₸ and 35,000 ₽." in screen_text(app)
        assert choices.highlighted == 0  # type: ignore[attr-defined]
        await pilot.press("pageup")
        await pilot.pause()
        assert scroll.scroll_y < scroll.max_scroll_y
        await pilot.press("space")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert "Dmitry's list" in top_line(app, size)
        await pilot.press("enter")  # still the first choice: PgDn never moved the highlight
        await pilot.pause()
        assert (
            app.session.game is not None
            and app.session.game.steps[-1].choice == app.session.story.scenes["two"].choices[0].id
        )


@run_async
async def test_the_focused_pane_is_marked(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        scroll = transcript(app)
        marked_choices = choices.styles.border_top
        unmarked_bar = scroll.styles.border_left
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is scroll
        assert scroll.styles.border_left != unmarked_bar  # the story pane shows a bar
        assert choices.styles.border_top != marked_choices  # the choices lose their bright border
        assert screen_text(app).splitlines()[3].startswith("▌")


@run_async
async def test_the_mouse_scrolls_the_story_with_the_wheel_and_on_the_scroll_indicator(tmp_path: Path) -> None:
    """The story pane draws its own scroll indicator (no scrollbar widget): the wheel
    scrolls it, and a click or a drag on the indicator's column scrolls there."""
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", "1")
        await pilot.pause()
        scroll = transcript(app)
        assert scroll.max_scroll_y > 0
        top = scroll.scroll_y
        await pilot._post_mouse_events([events.MouseScrollUp], scroll, offset=(10, 5))
        assert scroll.scroll_y < top
        wheeled = scroll.scroll_y
        await pilot._post_mouse_events([events.MouseScrollDown], scroll, offset=(10, 5))
        assert scroll.scroll_y > wheeled
        content = scroll.scrollable_content_region
        column = content.right - 1 - scroll.region.x  # the indicator's column, in the pane
        first_row = content.y - scroll.region.y
        await pilot.mouse_down(scroll, offset=(column, first_row))
        await pilot.mouse_up(scroll, offset=(column, first_row))
        await pilot.pause()
        assert scroll.scroll_y == 0  # a click at the top of the indicator: the start of the story
        await pilot.mouse_down(scroll, offset=(column, first_row))
        await pilot.hover(scroll, offset=(column, first_row + content.height - 1))
        await pilot.mouse_up(scroll, offset=(column, first_row + content.height - 1))
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y  # dragged to the bottom: the end
        assert not app.screen.selections  # and no text was selected on the way
