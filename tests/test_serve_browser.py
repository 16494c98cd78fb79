"""`relocant serve` in a real browser: Debian's Chromium driven by Playwright.

xterm.js draws on a canvas, so the tests read the terminal through its
buffer: the page's textual.js is routed to keep its ``Terminal`` in
``window.relocantTerminal``. Screenshots go to $RELOCANT_SCREENSHOTS when it
is set (to look at), else to the test's temporary folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from serve_support import WAIT, served

TRIO = Path(__file__).resolve().parent / "stories" / "trio"
CHROMIUM = Path(os.environ.get("RELOCANT_CHROMIUM", "/usr/bin/chromium"))
# Root in CI needs --no-sandbox; the rest keeps Chromium from calling home.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TERMINAL_JS = "this.terminal=new v.Terminal("
SCREEN = """() => {
    const t = window.relocantTerminal;
    if (!t) return "";
    const lines = [];
    for (let i = 0; i < t.rows; i++) {
        const line = t.buffer.active.getLine(i);
        lines.push(line ? line.translateToString(true) : "");
    }
    return lines.join("\\n");
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium from Debian's package; without it these tests fail, they are not skipped."""
    assert CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RELOCANT_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def expose_terminal(route: Route) -> None:
    """Serve the page's own textual.js, keeping its Terminal where the test can read it."""
    response = route.fetch()
    script = response.text()
    assert TERMINAL_JS in script, "textual.js changed: the test cannot find where it makes the Terminal"
    route.fulfill(
        response=response,
        body=script.replace(TERMINAL_JS, "this.terminal=window.relocantTerminal=new v.Terminal("),
    )


class Tab:
    """One browser tab on the game: keys in, the terminal's text out."""

    def __init__(self, context: BrowserContext, url: str) -> None:
        self.url = url
        self.page: Page = context.new_page()
        self.page.route("**/static/js/textual.js", expose_terminal)
        self.page.goto(url)

    def screen(self) -> str:
        return str(self.page.evaluate(SCREEN))

    def wait_for(self, text: str) -> str:
        try:
            self.page.wait_for_function(
                f"text => ({SCREEN})().includes(text)", arg=text, timeout=WAIT * 1000, polling=100
            )
        except Exception:
            raise AssertionError(f"{text!r} never appeared; the terminal shows:\n{self.screen()}") from None
        return self.screen()

    def press(self, *keys: str) -> None:
        self.page.evaluate("() => window.relocantTerminal.focus()")
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.evaluate("() => window.relocantTerminal.focus()")
        self.page.keyboard.type(text)

    def reload(self) -> None:
        self.page.reload()


def test_play_to_an_ending_save_reload_and_continue_in_chromium(
    browser: Browser, tmp_path: Path, shots: Path
) -> None:
    with served(tmp_path / "players", story=TRIO) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        tab = Tab(context, server.url)

        tab.wait_for("New journey")
        tab.page.screenshot(path=shots / "title.png")
        tab.press("n", "1")
        tab.wait_for("The road north")
        scene = tab.wait_for("j Journal")  # the footer comes a frame later
        assert "Roubles" in scene and "50,000 ₽" in scene, "the side panel is not shown"
        tab.page.screenshot(path=shots / "scene.png")
        tab.press("1")
        tab.wait_for("The exchange office")

        tab.press("s")
        tab.wait_for("Save the game")
        tab.type("browser")
        tab.press("Enter")
        tab.wait_for("Saved as 'browser'")
        tab.press("1")
        tab.wait_for("Arrived")
        tab.wait_for("Title screen")
        tab.page.screenshot(path=shots / "ending.png")

        tab.press("j")
        tab.wait_for("Journal")
        with tab.page.expect_download(timeout=WAIT * 1000) as journal:
            tab.press("e")
        assert journal.value.suggested_filename.startswith("journal-north-")
        text = Path(journal.value.path()).read_text(encoding="utf-8")
        assert text.startswith("# Trio: North") and "You changed roubles at a bad rate." in text
        tab.press("Escape")

        tab.reload()
        tab.wait_for("Continue: North, Almaty at last")
        tab.press("c")
        tab.wait_for("Arrived")
        tab.press("Enter")  # back to the title, then the named save
        tab.wait_for("New journey")
        tab.press("l")
        tab.wait_for("Load a saved game")
        tab.press("ArrowDown")
        with tab.page.expect_download(timeout=WAIT * 1000) as save:
            tab.press("x")
        assert save.value.suggested_filename == "browser.save.json"
        assert json.loads(Path(save.value.path()).read_text(encoding="utf-8"))["slot"] == "browser"
        tab.press("Enter")
        tab.wait_for("Now you have 240,000 ₸")
        context.close()

        (folder,) = server.folders()
        assert not [n for n in os.listdir(folder) if n.startswith("journal")], (
            "the journal was written on the server"
        )
        origin = server.url.rstrip("/")
        assert [url for url in requests if not url.startswith(origin)] == [], "the page reached outside"


def test_two_browsers_never_see_each_other_s_games(browser: Browser, tmp_path: Path) -> None:
    with served(tmp_path / "players", story=TRIO) as server:
        ann_context, bob_context = browser.new_context(), browser.new_context()
        ann = Tab(ann_context, server.url)
        ann.wait_for("New journey")
        ann.press("n", "1")
        ann.wait_for("The road north")
        ann.press("1")
        ann.wait_for("The exchange office")

        bob = Tab(bob_context, server.url)
        bob.wait_for("Continue (no saved game yet)")
        bob.press("n", "3")
        bob.wait_for(load_title(TRIO, "e_start"))

        ann.reload()
        ann.wait_for("Continue: North, The exchange office")
        bob.reload()
        bob.wait_for("Continue: East")
        ann_context.close()
        bob_context.close()
        assert len(server.folders()) == 2


def load_title(story: Path, scene: str) -> str:
    from engine.loading.loader import load_story

    return load_story(story).scenes[scene].title
