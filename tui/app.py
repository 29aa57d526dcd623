"""The App: it only wires screens, keys, commands and the practice it was given.

Its keys, and every screen's, come from the one key map in `tui.keys` (a table of every
key and what it means).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import importlib
import signal
import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from data.daytime import Clock, DateError, capture_day
from data.ritual import Step, what_is_due
from data.settings import Settings, SettingsError, save_theme, theme_for
from data.store import JournalError, Store
from screens.today import TodayScreen
from themes import STYLE_SHEET, THEMES
from tui import keys
from tui.base import FormScreen, Practice, PracticeScreen
from tui.filters import NoControlCodes

if TYPE_CHECKING:
    from screens.unlock import UnlockScreen

EXIT_JOURNAL = 3  # the command line's code for a journal that cannot be used

# Screens are imported when first opened, so start-up pays only for Today.
SCREENS = {
    "morning": "screens.morning:MorningScreen",
    "midday": "screens.midday:MiddayScreen",
    "evening": "screens.evening:EveningScreen",
}
VIEWS = {
    "history": "screens.history:HistoryScreen",
    "calendar": "screens.calendar:CalendarScreen",
    "insights": "screens.insights:InsightsScreen",
}
EXPORT, HELP = "screens.export:ExportDialog", "screens.help:HelpScreen"
UNLOCK = "screens.unlock:UnlockScreen"  # before Today, for an encrypted journal's passphrase


def screen_class(where: str) -> type:
    """The screen class at "module:Class", imported on first use."""
    module, name = where.split(":")
    return getattr(importlib.import_module(module), name)


def _day_commands() -> type:
    from tui.commands import DayCommands

    return DayCommands


def _showing(screen: object, where: str) -> bool:
    """True when SCREEN is an instance of the class at "module:Class".

    Never imports it: a screen whose module is not loaded yet cannot be open, so the
    check costs nothing at start and keeps the screens lazily imported.
    """
    module, name = where.split(":")
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(screen, getattr(loaded, name))


REMINDERS = {
    Step.MIDDAY: f"Midday. Still with it? If something pulled, name it. ({keys.MIDDAY} on Today)",
    Step.EVENING: f"Evening. Where did you leave yourself today? Where did you come back? ({keys.EVENING} on Today)",
}


QUIT_QUESTION = "Quit and throw away what you wrote?"


class SelftrustApp(App[int]):
    """selftrust: the daily practice of self-trust, in the terminal."""

    TITLE = "selftrust"
    COMMANDS = App.COMMANDS | {_day_commands}
    WATCH_SECONDS = 2.0  # how often to look for entries saved from another terminal
    CLOCK_SECONDS = 30.0  # how often to look at the clock: reminders, the auto theme
    CSS_PATH = STYLE_SHEET
    BINDINGS = [
        Binding(keys.QUIT, "quit", "Quit", priority=True, id="app.quit"),
        Binding(keys.QUIT_TOO, "quit", "Quit", show=False),
        Binding(keys.HELP, "help", "Help", id="app.help"),
        Binding(keys.HELP_TOO, "help", "Help", show=False),
        Binding(keys.UNDO, "undo", "Undo delete", show=False, id="app.undo"),
        # Before the screen's own escape (back), but only while the keys panel is open.
        Binding(keys.BACK, "hide_keys", "Close the keys panel", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        store: Store | None,
        settings: Settings,
        clock: Clock,
        start: str = "today",
        day: dt.date | None = None,
        demo: bool = False,
        unlock: Callable[[str], Store] | None = None,
    ) -> None:
        super().__init__()
        if store is None and unlock is None:
            raise ValueError("the app needs a journal, or the way to unlock one")
        self.demo = demo
        if demo:
            self.title = "selftrust demo"
        self.settings, self.clock, self.unlock = settings, clock, unlock
        # An encrypted journal is locked until its passphrase opens it: the practice comes then.
        self.locked = store is None
        if store is not None:
            self.practice = Practice(store, settings, clock, Signal(self, "journal-changed"))
        self.start, self.start_day = start, day
        self._theme_chosen = False
        self._filters.append(NoControlCodes())  # whatever is drawn, no control character reaches the terminal
        # The theme is chosen before anything is drawn: changing it after would restyle every widget.
        for theme in THEMES:
            self.register_theme(theme)
        now = clock.now()
        self._auto_theme = theme_for(settings, now.hour, now.minute)  # set by the clock, not a choice to remember
        self._start_in_theme(self._auto_theme)

    def _start_in_theme(self, name: str) -> None:
        """Start in the theme NAME, styled once.

        Setting `theme` now would do what a change of theme does to a running app: queue a
        second parse of every style sheet and a restyle of every widget, which would land
        before the first frame. Nothing is styled yet, so only the theme's effects are
        needed: its classes, its ANSI colours and its CSS variables.
        """
        self.set_reactive(SelftrustApp.theme, name)
        dark = self.current_theme.dark
        self.update_classes({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen:
        if self.unlock is not None and self.locked:
            return screen_class(UNLOCK)(self.unlock)  # loaded only for an encrypted journal
        return TodayScreen()

    def on_mount(self) -> None:
        self._stop_on_signals()
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if not self.locked:
            self.begin()

    def on_unlock_screen_unlocked(self, message: UnlockScreen.Unlocked) -> None:
        """The passphrase opened the journal: Today (or the start screen) replaces the passphrase screen."""
        self.practice = Practice(message.store, self.settings, self.clock, Signal(self, "journal-changed"))
        self.locked = False
        # Today starts a screen stack of its own: the passphrase screen is left behind, never shown again.
        self.add_mode("journal", TodayScreen)
        self.switch_mode("journal")
        self.begin()

    def begin(self) -> None:
        """Once the journal is open (at mount, or after its passphrase): reminders, watching, settling, the start screen."""
        self.reminded = {(self.practice.today(), step) for step in what_is_due(*self._due_args())}
        self.set_interval(self.WATCH_SECONDS, self.watch_the_journal)
        self.set_interval(self.CLOCK_SECONDS, self.follow_the_clock)
        if self.demo:
            self.notify(
                "This is a sample journal in a temporary folder, gone when you quit. Your own journal is untouched. Look around.",
                title="A demo",
                timeout=15,
            )
        if self.practice.store.needs_settling:
            # After Today is drawn: an older journal (or one holding every year in its own file)
            # is brought to a file a year, after a backup, so the next start reads one year.
            self.call_after_refresh(self.set_timer, 0.1, self.settle_the_journal)
        else:
            self.call_after_refresh(gc.freeze)  # the year read at start lives as long as the app
        if self.practice.store.path is not None and not self.demo:
            # After Today is drawn: copies a sync tool left beside the journal are merged into it.
            self.call_after_refresh(self.merge_sync_copies)
        if self.start in SCREENS:
            self.push_screen(screen_class(SCREENS[self.start])(self.start_day))
        elif self.start in VIEWS:  # each reads the years it shows
            self.push_screen(screen_class(VIEWS[self.start])())

    STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def _stop_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app the way quitting does, so the terminal is given back as it was.

        Left to their default, they end the process at once, in the alternate screen with
        mouse tracking on. The handler runs on the app's own loop (asyncio's signal
        handlers), so exiting from it is safe. Nothing typed is saved or asked about:
        every save is already whole on disk, and a stop is not a question.
        """
        if self.is_headless:
            return  # a test's app: the test runner's own signals stay as they are
        loop = asyncio.get_running_loop()
        for signum in self.STOP_SIGNALS:
            try:
                loop.add_signal_handler(signum, self.stop_by_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # no signals here, or not the main thread
                return

    def stop_by_signal(self, signum: int) -> None:
        """End the app as quitting does, with the shell's exit code for "ended by signal SIGNUM"."""
        self.exit(return_code=128 + signum)

    def on_unmount(self) -> None:
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for signum in self.STOP_SIGNALS:
                loop.remove_signal_handler(signum)

    def _complete(self) -> bool:
        """Read every year of the journal (for a view over all of them); False, and the app stops, if one is unusable."""
        try:
            self.practice.store.complete()
        except JournalError as error:  # replaced since the start by a damaged one: stop as a start would
            self.stop_on_journal(error)
            return False
        return True

    def stop_on_journal(self, error: JournalError) -> None:
        """Stop with exit 3 and the journal's one line, once (the background read may find it too)."""
        if self.return_code == EXIT_JOURNAL:
            return
        self.exit(return_code=EXIT_JOURNAL, message=Text(f"selftrust: {error}"))

    def _open(self, name: str, day: str | None) -> None:
        chosen = dt.date.fromisoformat(day) if day else None
        if chosen is not None:
            try:  # each of these forms saves on its day: Morning up to tomorrow, the others up to today
                capture_day(chosen, self.practice.today(), plan=name == "morning")
            except DateError as error:
                self.notify(str(error), severity="warning")
                return
        screen = screen_class(SCREENS[name])(chosen)
        while isinstance(self.screen, ModalScreen):  # a question left open is simply closed
            self.pop_screen()
        current = self.screen
        if isinstance(current, FormScreen) and not current.has_unsaved_text():
            self.switch_screen(screen)
        else:
            self.push_screen(screen)  # a form with text stays below, nothing lost

    def unsaved_forms(self) -> list[PracticeScreen]:
        """Every open screen (not only the top one) holding text that is not saved."""
        return [s for s in self.screen_stack if isinstance(s, PracticeScreen) and s.has_unsaved_text()]

    def _after_asking(self, question: str, yes: str, then: Callable[[], object]) -> None:
        """Run THEN straight away, or after a yes when unsaved text would be lost."""
        if not self.unsaved_forms():
            then()
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                then()

        from tui.dialogs import ConfirmDialog

        self.push_screen(ConfirmDialog(question, yes=yes, no="Keep writing"), answered)

    def action_open_morning(self, day: str | None = None) -> None:
        """Set the day's decisions."""
        self._open("morning", day)

    def action_open_midday(self, day: str | None = None) -> None:
        """Check on a decision: did I abandon it?"""
        self._open("midday", day)

    def action_open_evening(self, day: str | None = None) -> None:
        """Review the day."""
        self._open("evening", day)

    def _view(self, screen: Screen, *, whole_journal: bool = True) -> None:
        """Open a view of the past above what is open (nothing typed is lost).

        WHOLE_JOURNAL: read all of it first. History, Calendar, Insights and the Day view read
        the years they show themselves (History and Insights in a worker).
        """
        if whole_journal and not self._complete():
            return
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.push_screen(screen)

    def action_open_history(self) -> None:
        """Every decision, newest first, filtered as you type."""
        if not _showing(self.screen, VIEWS["history"]):
            self._view(screen_class(VIEWS["history"])(), whole_journal=False)

    def action_open_insights(self) -> None:
        """The repetitions that build self-trust, over a chosen period."""
        if not _showing(self.screen, VIEWS["insights"]):
            self._view(screen_class(VIEWS["insights"])(), whole_journal=False)  # its worker reads its period's years

    def action_export(self) -> None:
        """Export days to notes: a file per day or one document, with a preview."""
        if not _showing(self.screen, EXPORT):
            self._view(screen_class(EXPORT)(self.practice))

    def action_open_calendar(self) -> None:
        """A month or a year of practice days."""
        if not _showing(self.screen, VIEWS["calendar"]):
            self._view(screen_class(VIEWS["calendar"])(), whole_journal=False)  # it reads the years it shows

    def action_open_day(self, day: str) -> None:
        """The whole of one day, as Markdown."""
        self._view(screen_class("screens.day:DayScreen")(dt.date.fromisoformat(day)), whole_journal=False)

    def action_edit_decision(self, decision_id: str) -> None:
        """Edit a decision in the morning form."""
        decision = self.practice.store.decision(decision_id)
        if decision is not None and not decision.deleted:
            self._view(screen_class(SCREENS["morning"])(dt.date.fromisoformat(decision.day), editing=decision))

    def action_edit_check(self, check_id: str) -> None:
        """Edit a check in the midday form."""
        check = self.practice.store.check(check_id)
        if check is not None and not check.deleted:
            self._view(screen_class(SCREENS["midday"])(dt.date.fromisoformat(check.day), editing=check))

    def action_edit_review(self, day: str) -> None:
        """Edit a day's review in the evening form."""
        self._view(screen_class(SCREENS["evening"])(dt.date.fromisoformat(day)))

    def action_undo(self) -> None:
        """Bring back what was just deleted."""
        last = self.practice.last_deleted
        if last is None:
            self.notify("Nothing to undo.")
            return
        record_id, words = last
        try:
            self.practice.store.restore(self.practice.now(), record_id)
        except Exception as error:  # a journal problem or a review that came back meanwhile
            self.notify(str(error), title="Not undone", severity="warning", markup=False)
            return
        self.practice.last_deleted = None
        self.practice.changed.publish("undo")
        self.notify(f"Back again: {words}.", markup=False)

    def action_open_today(self) -> None:
        """Back to Today, asking first when something typed would be lost."""

        def back_to_today() -> None:
            while len(self.screen_stack) > 1:
                self.pop_screen()

        self._after_asking("Go to Today and throw away what you wrote?", "Throw away", back_to_today)

    def action_help(self) -> None:
        """Show the keys of this screen and a few words on the practice."""
        if _showing(self.screen, HELP):
            return
        listed: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # The screen's own keys (shown or named); scrolling and focus keys would only be noise.
            if (
                (binding.show or binding.id)
                and binding.description
                and binding.description not in seen
                and binding.action.removeprefix("app.") != "help"
            ):
                seen.add(binding.description)
                listed.append((self.get_key_display(binding), binding.description))
        listed.append(("f1 / ?", "this help"))
        listed.append(("ctrl+p", "every command, by search"))
        # A dialog may name itself for help (HELP_NAME); a screen is named by its title.
        name = getattr(self.screen, "HELP_NAME", None) or (
            (self.screen.title or "Today") if isinstance(self.screen, PracticeScreen) else "this screen"
        )
        self.push_screen(screen_class(HELP)(str(name), listed))

    async def action_quit(self) -> None:
        """Quit, asking first when something typed would be lost (on any open screen)."""
        if _showing(self.screen, "tui.dialogs:ConfirmDialog"):
            if getattr(self.screen, "question", None) == QUIT_QUESTION:
                # Quit again at "Quit and throw away…?" keeps the question: a held ctrl+q repeats,
                # and unsaved words go only on an answer (y, or the Quit button).
                return
            self.screen.dismiss(False)  # another question: quitting answers it with no, then asks its own
        self._after_asking(QUIT_QUESTION, "Quit", lambda: self.exit(0))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked and action in JOURNAL_ACTIONS:
            return False  # nothing of the journal is reached before its passphrase
        if action == "hide_keys":
            return bool(self.screen.query("HelpPanel"))  # else escape goes on to the screen
        return True

    def action_hide_keys(self) -> None:
        """Close the keys panel (opened from the palette's "Keys")."""
        self.action_hide_help_panel()

    def _due_args(self):
        return self.practice.store, self.practice.settings, self.practice.now()

    def follow_the_clock(self) -> None:
        """Keep the auto theme in step with the day, and remind once when a step becomes due."""
        now = self.practice.now()
        wanted = theme_for(self.practice.settings, now.hour, now.minute)
        if self.theme != wanted and not self._theme_chosen:
            self._auto_theme = wanted
            self.theme = wanted
        today = self.practice.today()
        for step in what_is_due(*self._due_args()):
            if step in REMINDERS and (today, step) not in self.reminded:
                self.reminded.add((today, step))
                self.notify(REMINDERS[step], title="A gentle reminder", timeout=20)

    def remember_theme(self, theme) -> None:
        """A theme chosen in the palette is written back to the settings file (comments kept)."""
        if theme.name == self._auto_theme:
            return  # the clock's doing (or the same as it): nothing to remember
        self._theme_chosen = True
        path = self.settings.path
        if path is None:
            return
        try:
            save_theme(path, theme.name)
        except (SettingsError, OSError) as error:
            self.notify(
                f"The theme is on for now, but could not be remembered: {error}", severity="warning", markup=False
            )

    @work(thread=True, exclusive=True, group="journal")
    def settle_the_journal(self) -> None:
        """After Today is on screen, bring an older or unsplit journal to a file a year, in the background."""
        try:
            self.practice.store.settle()
        except JournalError as error:  # a disk that refuses: the journal stays as it was, and works as it is
            self.call_from_thread(self.notify, str(error), severity="warning", markup=False)
            return
        gc.freeze()  # what was read lives as long as the app: no collection needs to walk it again

    @work(thread=True, group="sync-copies")
    def merge_sync_copies(self) -> None:
        """Merge the copies sync tools left beside the journal, then say once what came in."""
        from data.conflicts import merge_copies
        from data.daytime import stamp

        try:
            merged = merge_copies(self.practice.store, now=stamp(self.practice.now()))
        except (JournalError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="warning", markup=False)
            return
        words = merged.words()
        if words is not None:
            self.call_from_thread(self.copies_came_in, words)
        for _, problem in merged.left:
            self.call_from_thread(
                self.notify,
                f"A sync tool's copy of the journal could not be merged: {problem}. "
                "It is left where it is, and your journal is untouched.",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def copies_came_in(self, words: str) -> None:
        """Show what a sync tool's copy brought, and the entries themselves."""
        self.notify(words, title="Merged", timeout=12, markup=False)
        self.practice.changed.publish("elsewhere")

    def _handle_exception(self, error: Exception) -> None:
        """A journal that cannot be used, met while a screen reads an earlier year: stop as a start would (exit 3)."""
        if isinstance(error, JournalError):
            self.stop_on_journal(error)
            return
        super()._handle_exception(error)

    def watch_the_journal(self) -> None:
        """Show entries saved by another selftrust (a `decide` in another terminal)."""
        if self.practice.store.changed_elsewhere():
            self.practice.changed.publish("elsewhere")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.locked:  # before the passphrase: only the app's own (theme, keys, quit)
            yield from super().get_system_commands(screen)
            return
        yield SystemCommand("Today", "Home: what is due now and today's decisions", self.action_open_today)
        yield SystemCommand("Morning: set a decision", "What will you stay with today?", self.action_open_morning)
        yield SystemCommand(
            "Midday: did I abandon it?",
            "Check on a decision: the pull, the pattern, the return",
            self.action_open_midday,
        )
        yield SystemCommand(
            "Evening: review the day", "An outcome per decision, a few reflections", self.action_open_evening
        )
        yield SystemCommand(
            "History: every decision", "Filter by text, area, outcome, pull, pattern, dates", self.action_open_history
        )
        yield SystemCommand(
            "Insights: the repetitions",
            "Returns, keep rate, pulls, patterns, certainty, hours, contact",
            self.action_open_insights,
        )
        yield SystemCommand(
            "Export to notes", "Markdown for a notes vault: a file per day, or one document", self.action_export
        )
        yield SystemCommand(
            "Calendar: practice days", "A month or a year, each day marked by its outcomes", self.action_open_calendar
        )
        yield SystemCommand("Help", "The keys of this screen and the practice", self.action_help)
        if self.practice.last_deleted is not None:
            yield SystemCommand("Undo delete", "Bring back what was just deleted (ctrl+z)", self.action_undo)
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.node is screen and binding.description and binding.action not in ("back",):
                yield SystemCommand(
                    f"{screen.title or 'Screen'}: {binding.description}",
                    f"key {self.get_key_display(binding)}",
                    partial(screen.run_action, binding.action),
                )
        yield from super().get_system_commands(screen)


JOURNAL_ACTIONS = frozenset(
    name.removeprefix("action_") for name in vars(SelftrustApp) if name.startswith("action_")
) - {"quit", "help", "hide_keys"}
"""The app's own actions, all of which reach the journal but quitting, help and the keys panel."""


def make_app(
    *,
    store: Store | None,
    settings: Settings,
    clock: Clock,
    start: str = "today",
    day: dt.date | None = None,
    demo: bool = False,
    unlock: Callable[[str], Store] | None = None,
) -> SelftrustApp:
    """Build the app with everything it needs injected (the command line and the tests share this).

    STORE is None only with UNLOCK: an encrypted journal, opened by UNLOCK(passphrase) from the passphrase screen.
    """
    return SelftrustApp(store=store, settings=settings, clock=clock, start=start, day=day, demo=demo, unlock=unlock)
