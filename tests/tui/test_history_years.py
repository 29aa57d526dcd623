"""History on years of practice: the newest rows at once, the older years added as they are read."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from data import sample
from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from screens.history import HistoryScreen
from tests.history_rows import history_rows
from tests.tui.conftest import screen_text
from tests.waits import wait_until
from tui.app import make_app
from tui.widgets import RowTable

TZ = "Europe/Berlin"


@pytest.fixture(scope="module")
def years_text() -> str:
    """Three years of the sample practice as a journal file's text, made once for the tests that copy it."""
    return json.dumps(sample.build(3 * 365, 7, dt.date(2026, 11, 26), long_entries=0))


@pytest.fixture
def years_store(tmp_path, years_text: str) -> Store:
    """Three years of the sample practice (2023 to November 2026): far more than a screen holds."""
    path = tmp_path / "journal.json"
    path.write_text(years_text, encoding="utf-8")
    return Store(path)


class HeldBack:
    """The store's reading of every year but the newest, held until the test lets each reading through.

    READ_FIRST: each year is read at once and only handed back when let through (what it
    hands back is then the year as it was when asked for).
    """

    def __init__(self, store: Store, *, read_first: bool = False) -> None:
        self.asked: list[str] = []  # the years read, in the order they were asked for
        self.gates: list[threading.Event] = []  # one for each reading, in the same order
        self._open = False
        read_year = store.year_rows
        newest = store.years()[0]

        def year_rows(year: str):
            if year == newest:
                return read_year(year)
            self.asked.append(year)
            if self._open:
                return read_year(year)
            gate = threading.Event()
            self.gates.append(gate)
            found = read_year(year) if read_first else None
            assert gate.wait(10), "the test never let the older years be read"
            return found if read_first else read_year(year)

        store.year_rows = year_rows  # type: ignore[method-assign]

    def let(self, index: int | None = None) -> None:
        """Let the reading INDEX through (None: every reading from now on)."""
        if index is None:
            self._open = True
            for gate in self.gates:
                gate.set()
        else:
            self.gates[index].set()


def years_app(store: Store):
    clock = FixedClock("2026-11-27T13:15:00", TZ)
    return make_app(store=store, settings=Settings(timezone=TZ), clock=clock)


def texts(app) -> list[tuple[str, str]]:
    """Each row's day and decision, as the table holds them."""
    return [(row[0], row[2]) for row in app.screen.query_one(RowTable).rows]


def expected(store: Store) -> list[tuple[str, str]]:
    return [(row.day, row.text) for row in history_rows(store)]


async def all_years_in(pilot) -> None:
    """Wait until History has every year in: no reading of it left running (a later one may replace an earlier)."""
    app = pilot.app

    def done() -> bool:
        return not app.screen.reading and all(worker.is_finished for worker in app.workers)

    await wait_until(pilot, done, "every year shown in History")
    await pilot.pause()


def years_shown(app) -> set[str]:
    return {day[:4] for day, _ in texts(app)}


async def test_the_newest_rows_come_first_and_every_older_year_follows(years_store):
    held = HeldBack(years_store)
    every = expected(years_store)
    app = years_app(years_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        first = texts(app)
        assert first and years_shown(app) == {"2026"}
        assert first == every[: len(first)]  # newest first, already on screen
        assert "older years are still coming in" in screen_text(app)
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: held.asked == ["2025"], "the year before asked for")
        held.let(0)
        await wait_until(pilot, lambda: "2025" in years_shown(app), "the year before on screen")
        assert years_shown(app) == {"2026", "2025"}
        assert texts(app) == every[: len(texts(app))]  # added below, in order
        assert "older years are still coming in" in screen_text(app)
        held.let()
        await all_years_in(pilot)
        assert held.asked == ["2025", "2024", "2023"]  # newest first: the rows fill from the top down
        assert texts(app) == every
        assert app.screen.query_one(RowTable).cursor == 2  # the rows below arrived; the cursor stayed put
        status = screen_text(app)
        assert f"{len(every):,} decisions" in status and "still coming" not in status


async def test_the_filter_applies_to_the_years_that_arrive_after_it(years_store):
    held = HeldBack(years_store)
    rows = history_rows(years_store)
    word = "walk"
    wanted = [(row.day, row.text) for row in rows if word in row.words]
    assert any(day < "2026" for day, _ in wanted)
    app = years_app(years_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#filter-text").value = word
        await pilot.pause()
        assert texts(app) == [found for found in wanted if found[0] >= "2026"]
        await wait_until(pilot, lambda: held.gates, "the year before asked for")
        held.let(0)
        await wait_until(pilot, lambda: "2025" in years_shown(app), "the year before on screen")
        assert texts(app) == [found for found in wanted if found[0] >= "2025"]
        held.let()
        await all_years_in(pilot)
        assert texts(app) == wanted
        assert f"{len(wanted):,} of {len(rows):,} decisions" in screen_text(app)


async def test_a_save_while_history_is_open_shows_at_once_in_any_year(years_store):
    app = years_app(years_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await all_years_in(pilot)
        store, now = app.practice.store, app.practice.now()
        store.add_decision(now, "2026-11-27", "Answer the letter today", "Inner Foundation")
        app.screen.journal_changed("decision")
        await pilot.pause()
        assert texts(app)[0] == ("2026-11-27", "Answer the letter today")
        old = next(row for row in history_rows(store) if row.day.startswith("2024"))
        store.update_decision(now, old.decision_id, {"text": "Walk the old road again"})
        app.screen.journal_changed("decision")
        await all_years_in(pilot)
        assert texts(app) == expected(store)
        assert (old.day, "Walk the old road again") in texts(app)
        assert len(texts(app)) == len(history_rows(store))  # the changed year replaced, not added twice


async def test_a_save_while_older_years_come_in_is_not_undone_by_the_reading_it_replaced(years_store):
    held = HeldBack(years_store, read_first=True)
    old = next(row for row in history_rows(years_store) if row.day.startswith("2025"))
    app = years_app(years_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: len(held.gates) == 1, "2025 read by the first reading")
        store = app.practice.store
        store.update_decision(app.practice.now(), old.decision_id, {"text": "Walk the old road again"})
        app.screen.journal_changed("decision")  # a second reading starts, from 2025 again
        await wait_until(pilot, lambda: len(held.gates) == 2, "2025 read again, as it is now")
        held.let(1)
        await wait_until(pilot, lambda: (old.day, "Walk the old road again") in texts(app), "the save on screen")
        held.let(0)  # the first reading hands back 2025 as it was before the save
        held.let()
        await all_years_in(pilot)
        assert (old.day, "Walk the old road again") in texts(app)
        assert (old.day, old.text) not in texts(app)
        assert texts(app) == expected(store)


async def test_delete_and_restore_a_decision_of_an_older_year(years_store):
    old = next(row for row in history_rows(years_store) if row.day.startswith("2023"))
    app = years_app(years_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await all_years_in(pilot)
        app.screen.query_one("#filter-to").value = old.day
        app.screen.query_one("#filter-from").value = old.day
        await pilot.pause()
        at = texts(app).index((old.day, old.text))
        app.screen.query_one(RowTable).cursor = at
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")  # Delete
        await all_years_in(pilot)
        assert (old.day, old.text) not in texts(app)
        assert app.practice.store.decision(old.decision_id).deleted
        await pilot.press("u")  # show deleted
        await all_years_in(pilot)
        at = texts(app).index((old.day, old.text))
        assert app.screen.query_one(RowTable).rows[at][4] == "deleted"
        app.screen.query_one(RowTable).cursor = at
        await pilot.press("r")
        await all_years_in(pilot)
        assert not app.practice.store.decision(old.decision_id).deleted
        assert app.screen.query_one(RowTable).rows[at][4] != "deleted"


async def test_history_opens_on_the_newest_years_without_reading_every_year_on_the_screens_thread(tmp_path):
    from data.journal_storage import JournalStorage
    from tests.unit.test_years import three_years

    path = tmp_path / "journal.json"
    every = len(three_years(path).all_decisions())
    store = Store(path)
    assert store.partial  # a file a year: the start read the newest alone
    on_screen_thread: list[str] = []
    let_through = threading.Event()
    read_year = JournalStorage._read_year

    def reading(storage, year, sealed):
        if threading.current_thread() is threading.main_thread():
            on_screen_thread.append(year)
        else:
            assert let_through.wait(10), "the test never let the older years be read"
        return read_year(storage, year, sealed)

    JournalStorage._read_year = reading  # type: ignore[method-assign]
    try:
        app = years_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("h")
            await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "History on screen")
            await wait_until(pilot, lambda: texts(app)[:1] == [("2026-11-27", "today two")], "the newest rows")
            assert "older years are still coming in" in screen_text(app)
            assert on_screen_thread in ([], ["2025"])  # only what fills the screen; never every year
            let_through.set()
            await all_years_in(pilot)
            assert len(texts(app)) == every
    finally:
        JournalStorage._read_year = read_year  # type: ignore[method-assign]
