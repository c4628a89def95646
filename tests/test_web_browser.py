"""The clerk's pages in a real browser: uvicorn on a loopback port over a temporary store, driven
by headless Chromium (Debian's package, through Playwright's Python API).

Playwright rather than Selenium: it waits for each element by itself (no sleeps, fewer flaky
runs) and its wheel carries its own driver, so nothing is downloaded; it drives the system
Chromium (`executable_path`). A screenshot of every step is written to test-screenshots/ when
$DEADLINES_SCREENSHOTS is set, and of the failing page always. Dates: see tests/web_store.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_store import PASSWORD, TODAY, UNIT_A, UNIT_B, build_store

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on 127.0.0.1 in a thread; stopped when the module's tests end (or in 30 s if it
    never comes up)."""
    import uvicorn

    from deadlines.web.app import create_app

    db = build_store(tmp_path_factory.mktemp("browser") / "web.db")
    port = free_port()
    config = uvicorn.Config(
        create_app(db, today=lambda: TODAY), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            srv.should_exit = True
            pytest.fail(f"the server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


class Steps:
    """A page and its screenshots: each step's when asked, the failing page's always."""

    def __init__(self, page: object, name: str) -> None:
        self.page = page
        self.name = name
        self.n = 0

    def shot(self, label: str, *, always: bool = False) -> None:
        if always or os.environ.get("DEADLINES_SCREENSHOTS"):
            SHOTS.mkdir(exist_ok=True)
            self.n += 1
            path = SHOTS / f"{self.name}-{self.n:02d}-{label}.png"
            self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]


@pytest.fixture()
def steps(browser: object, request: pytest.FixtureRequest) -> Iterator[Steps]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(30_000)  # a loaded CI machine
    s = Steps(context.new_page(), request.node.name)
    failed_before = request.session.testsfailed
    yield s
    if request.session.testsfailed > failed_before:
        s.shot("FAILED", always=True)
    context.close()


def log_in(s: Steps, base: str, user: str) -> None:
    page = s.page
    page.goto(f"{base}/today")  # type: ignore[attr-defined]
    page.fill("#username", user)  # type: ignore[attr-defined]
    page.fill("#password", PASSWORD)  # type: ignore[attr-defined]
    page.click("#login-button")  # type: ignore[attr-defined]
    playwright.expect(page.locator("#who")).to_contain_text(user)  # type: ignore[attr-defined]


def test_clerk_finds_a_case_records_a_mistake_then_the_fix(server: str, steps: Steps) -> None:
    page, expect = steps.page, playwright.expect
    log_in(steps, server, "clerk-a")
    steps.shot("today")
    page.click("text=案件查询")  # type: ignore[attr-defined]
    page.fill("#q", "L-")  # type: ignore[attr-defined]
    page.click("#search-button")  # type: ignore[attr-defined]
    expect(page.locator("#results")).to_contain_text("L-2")
    expect(page.locator("#results")).not_to_contain_text("L-3")  # another unit's
    page.click("#results >> text=L-1")  # type: ignore[attr-defined]
    expect(page.locator("#next-due")).to_have_text("2026-03-30 星期一")
    expect(page.locator("#next-when")).to_contain_text("剩余 14 个工作日")
    expect(page.locator("#next-steps li").first).to_be_visible()
    steps.shot("case")

    # The receipt was really on 4 March: entered as a second receipt, the store refuses it.
    page.select_option("#type", "loan.application-received")  # type: ignore[attr-defined]
    page.fill("#on", "2026-03-04")  # type: ignore[attr-defined]
    page.click("#record-button")  # type: ignore[attr-defined]
    expect(page.locator("#error-supersedes")).to_contain_text("--supersedes L-1#1")
    expect(page.locator("#next-due")).to_have_text("2026-03-30 星期一")
    steps.shot("error")

    # Fixed: the same event as a correction of L-1#1; the deadline moves to 1 April.
    page.select_option("#supersedes", "L-1#1")  # type: ignore[attr-defined]
    page.click("#record-button")  # type: ignore[attr-defined]
    expect(page.locator("#moved")).to_contain_text("2026-03-30 → 2026-04-01")
    expect(page.locator("#next-due")).to_have_text("2026-04-01 星期三")
    expect(page.locator("#timeline")).to_contain_text("更正 L-1#1")
    steps.shot("moved")


def test_another_units_clerk_cannot_see_the_case(server: str, steps: Steps) -> None:
    page, expect = steps.page, playwright.expect
    log_in(steps, server, "clerk-b")
    response = page.goto(f"{server}/cases/L-1")  # type: ignore[attr-defined]
    assert response is not None and response.status == 404
    expect(page.locator("#refusal")).to_have_text("没有这个案件。")
    steps.shot("not-found")
    page.goto(f"{server}/cases/L-3")  # type: ignore[attr-defined]
    expect(page.locator("#next-due")).to_have_text("2026-03-31 星期二")


def test_supervisor_sees_overdue_counts_by_unit(server: str, steps: Steps) -> None:
    page, expect = steps.page, playwright.expect
    log_in(steps, server, "boss")
    page.goto(f"{server}/overdue?as_of=2026-04-02")  # type: ignore[attr-defined]
    counts = page.locator("#overdue-counts")  # type: ignore[attr-defined]
    expect(counts).to_contain_text(UNIT_A)
    expect(counts).to_contain_text(UNIT_B)
    expect(page.locator("#overdue-counts td.count")).to_have_text(["1", "1"])
    page.click(f"#overdue-counts >> text={UNIT_B}")  # type: ignore[attr-defined]
    expect(page.locator("main")).to_contain_text("已逾期 2 日")
    steps.shot("overdue")
    page.click("text=English")  # type: ignore[attr-defined]
    expect(page.locator("main")).to_contain_text("2 days overdue")
    steps.shot("overdue-en")
    assert page.locator("#record-form").count() == 0  # type: ignore[attr-defined]
