"""The command line: `selftrust` and its quick-capture commands (their grammar and help: `tui.cli_parser`).

Capture commands (`decide`, `check`, `review`) never import Textual, so they stay fast.
Exit codes: 0 done; 2 bad input or usage (one line on stderr, nothing written);
3 the journal cannot be used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Sequence
from typing import TypedDict, cast

from data.daytime import (
    FIRST_DAY,
    LAST_DAY,
    Clock,
    DateError,
    FixedClock,
    SystemClock,
    capture_day,
    day_heading,
    logical_day,
    parse_day,
    range_day,
    wall_clock,
)
from data.models import GIVEN_OUTCOMES, REVISED_FROM, Outcome, State
from data.settings import Settings, SettingsError, config_path, journal_path, load_settings
from data.store import JournalError, RefError, Store
from data.text import json_for_terminal, shown
from data.validate import (
    NAME_MAX,
    InputError,
    clean_line,
    clean_note,
    parse_acted,
    parse_feeling,
    parse_intensity,
    parse_returns,
    parse_scale,
    parse_since,
    parse_yes_no,
)
from data.vocabulary import match_area, match_name
from tui.cli_crypto import journal_key, key_for, open_store
from tui.cli_parser import UsageError, build_parser

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_JOURNAL = 0, 1, 2, 3


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class OutputError(Exception):
    """Standard output could not be written (a full disk, a device gone): what was asked may be done already."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


def _silence(stream) -> None:
    """Point STREAM's file at /dev/null, so what is still buffered in it cannot fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, AttributeError):  # a stream with no file of its own (a test's capture)
        pass


class ShownStream:
    """The command line's one way to the terminal: a text stream whose writes show no raw control character.

    Every line the command line prints (confirmations, figures, doctor, config, help and
    error messages quoting what was given) passes through here, so stored text with an
    ESC, BEL or C1 code in it (a journal edited by hand) cannot retitle or clear the
    terminal: each control character but newline and tab is shown by a stand-in
    (see data/text.py). A write that fails is an OutputError, or nothing at all on the
    stream for errors (STDERR): there is nowhere left to say it.
    """

    def __init__(self, stream, *, errors: bool = False) -> None:
        self._stream = stream
        self._errors = errors

    def write(self, text: str) -> int:
        """Write TEXT with its control characters shown by stand-ins."""
        return self._guarded(self._stream.write, shown(text)) or len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self._guarded(self._stream.flush)

    def _guarded(self, step, *args):
        try:
            return step(*args)
        except BrokenPipeError:
            if not self._errors:
                raise  # main's rule: the reader has what it wanted
            _silence(self._stream)
        except OSError as error:
            _silence(self._stream)
            if not self._errors:
                raise OutputError(error) from None
        return None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _Closed:
    """Where a stream closed before the start would be: every write fails, as on a closed file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.buffer = self  # bytes written to it fail the same way

    def write(self, data: str | bytes) -> int:
        """Fail: there is no file to write to."""
        raise OSError(errno.EBADF, f"{self.name} is closed")

    def flush(self) -> None:
        """Nothing is buffered, so nothing fails."""


# What is already done when only the confirmation could not be printed; any other command's output is its whole job.
DONE_BEFORE_OUTPUT = {
    "decide": "Saved",
    "check": "Saved",
    "review": "Saved",
    "import": "Imported",
    "export": "Exported",
}


def _done_before_output(args: argparse.Namespace | None) -> str | None:
    """The word for what ARGS's command had done before it printed, or None when printing is the whole job."""
    if args is None or (args.command == "export" and args.out == "-"):
        return None
    if args.command == "check" and args.state is None:
        return None
    return DONE_BEFORE_OUTPUT.get(args.command)


def make_clock(settings: Settings) -> Clock:
    """The real clock; SELFTRUST_NOW (an ISO timestamp) fixes it, for scripted tests."""
    fixed = os.environ.get("SELFTRUST_NOW")
    if fixed:
        outside = f"selftrust: SELFTRUST_NOW={fixed!r} is outside the days selftrust keeps ({FIRST_DAY} to {LAST_DAY})"
        try:
            # A timestamp with its own offset is that moment on the user's wall clock, as the real clock reads it.
            moment = wall_clock(fixed, settings.timezone)
        except (OverflowError, ValueError, TypeError, AttributeError):  # pendulum's parser errors are ValueErrors
            try:  # a timestamp all the same, whose wall clock there falls off the calendar?
                dt.datetime.fromisoformat(fixed.strip())
            except ValueError:
                raise UsageError(
                    f"selftrust: SELFTRUST_NOW={fixed!r} is not a timestamp; use one like 2026-11-27T09:15:00"
                ) from None
            raise UsageError(outside) from None
        try:
            inside = FIRST_DAY <= logical_day(moment, settings.day_start) <= LAST_DAY
        except OverflowError:  # the day before the calendar's first
            inside = False
        if not inside:
            raise UsageError(outside)
        return FixedClock(moment)
    return SystemClock(settings.timezone)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets a stand-in, never a crash after a save.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    out, err = sys.stdout, sys.stderr
    # A stream closed before the start (`>&-`) is None: writing to it fails like any other output error.
    sys.stdout = ShownStream(out if out is not None else _Closed("standard output"))
    sys.stderr = ShownStream(err if err is not None else _Closed("standard error"), errors=True)
    try:
        return _answer(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:  # `selftrust config | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return EXIT_OK
    finally:
        sys.stdout, sys.stderr = out, err


class _Job:
    """The command being run, once parsed: what an output error after it means depends on it."""

    args: argparse.Namespace | None = None


def _answer(argv: list[str]) -> int:
    """Run ARGV; what went wrong becomes one line on stderr and an exit code."""
    job = _Job()
    try:
        try:
            code = _run(argv, job)
            sys.stdout.flush()  # here, not at exit, so a reader that went away is seen in main
            return code
        except SystemExit:  # --help and --version print, then exit
            sys.stdout.flush()
            raise
    except OutputError as error:
        done = _done_before_output(job.args)
        if done is not None:
            # The save stands: exit 0, so a script does not run the command again and save it twice.
            _say(f"{done}. Could not print the confirmation: {error}.")
            return EXIT_OK
        command = f"selftrust {job.args.command}" if job.args is not None and job.args.command else "selftrust"
        _say(f"{command}: could not write the output: {error}.")
        return EXIT_JOURNAL
    except UsageError as error:
        _say(str(error))
        return EXIT_USAGE
    except (InputError, RefError, DateError) as error:
        _say(f"selftrust: {error}")
        return EXIT_USAGE
    except SettingsError as error:
        _say(f"selftrust: settings: {error}")
        return EXIT_USAGE
    except JournalError as error:
        _say(f"selftrust: {error}")
        return EXIT_JOURNAL
    except KeyboardInterrupt:
        return 130


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line, parsed.

    A bare `selftrust` (the app on Today, the most common start) needs no parser: building
    every command's parser would cost the first paint a few milliseconds.
    """
    if not argv:
        return argparse.Namespace(db=None, config=None, command=None)
    return build_parser().parse_args(argv)


def _run(argv: list[str], job: _Job) -> int:
    args = job.args = parse_args(argv)
    settings = load_settings(config_path(args.config))
    path = journal_path(settings, args.db)
    clock = make_clock(settings)
    today = logical_day(clock.now(), settings.day_start)
    day = (
        parse_day(args.date, today) if getattr(args, "date", None) is not None else today
    )  # --date "" is a mistake, not today
    command = args.command
    if command in _CAPTURES:
        capture_day(day, today, plan=command in _PLANS)
    if command == "decide":
        return _decide(args, settings, path, clock, day)
    if command == "check" and _has_capture(args):
        return _check(args, settings, path, clock, day)
    if command == "review":
        return _review(args, settings, path, clock, day)
    if command == "export":
        return _export(args, settings, path, today)
    if command == "import":
        return _import(args, settings, path, clock)
    if command == "doctor":
        return _doctor(settings, path, config_path(args.config))
    if command == "merge-driver":
        return _merge_driver(args, settings, path)
    if command in ("encrypt", "decrypt"):
        return _encryption(command, settings, path, clock)
    if command == "stats":
        return _stats(args, settings, path, today)
    if command == "remind":
        return _remind(settings, path, clock)
    if command == "config":
        return _config(settings, path)
    if command == "demo":
        return _demo(settings, clock)
    if command == "serve":
        return _serve(args, settings, path, config_path(args.config))
    screen = {
        None: "today",
        "morning": "morning",
        "check": "midday",
        "evening": "evening",
        "history": "history",
        "insights": "insights",
    }[command]
    return _open_app(settings, path, clock, screen, day)


_CAPTURES = frozenset(("decide", "check", "review", "morning", "evening"))
"""The commands that save on their day (or open the form that does): their --date has a limit ahead."""

_PLANS = frozenset(("decide", "morning"))
"""Of those, the ones that set a decision: up to tomorrow. A check or a review goes up to today."""


def _has_capture(args: argparse.Namespace) -> bool:
    if args.state is not None:
        return True
    given = (
        args.ref
        or args.pull
        or args.pattern
        or args.returned_to
        or any(
            value is not None
            for value in (args.body, args.return_step, args.intensity, args.feeling, args.acted, args.since)
        )
        or args.plan_helped is not None
    )
    if given:
        raise UsageError(
            "selftrust check: --state is needed to record a check (holding, wobbling, abandoned or changed)"
        )
    return False


def _names(values: list[str], vocabulary: Sequence[str], kind: str, notes: list[str]) -> list[str]:
    """The names as the vocabulary spells them; a note for each new one goes to NOTES.

    The notes are shown only once the entry is saved, so a failed command says one line.
    """
    names: list[str] = []
    for value in values:
        text = clean_line(value, f"The {kind}", required=True, limit=NAME_MAX)
        found = match_name(text, vocabulary)
        if not found.known:
            hint = f"; the closest known {kind} is '{found.closest}'" if found.closest else ""
            notes.append(f"note: '{found.name}' is a new {kind}{hint}")
        if found.name.casefold() not in (n.casefold() for n in names):
            names.append(found.name)
    return names


def _area(text: str, areas: Sequence[str]) -> str:
    """The area TEXT names; an input error naming the areas when it names none (or more than one)."""
    area = match_area(text, areas)
    if area is None:
        raise InputError(f"{text!r} is not an area; the areas are: {', '.join(areas)}")
    return area


def _decide(args: argparse.Namespace, settings: Settings, path, clock: Clock, day: dt.date) -> int:
    text = clean_line(args.text, "The decision", required=True)
    area = settings.areas[0] if args.area is None else _area(args.area, settings.areas)
    why = clean_note(args.why, "Why it matters")
    certainty = parse_scale(args.certainty, "Certainty")
    next_step = clean_line(args.next_step, "The next step")
    say = clean_line(args.say, "The line to say") or None
    notes: list[str] = []
    pulls = _names(args.pull, settings.pulls, "pull", notes)
    plans = _plans(args.plan_parts, settings.pulls, notes)
    store = open_store(settings, path)
    decision = store.add_decision(
        clock.now(),
        day,
        text,
        area,
        why=why,
        pulls_expected=pulls,
        certainty=certainty,
        next_step=next_step,
        say=say,
        plans=plans,
    )
    for note in notes:
        _say(note)
    from data.ritual import DECIDE_GENTLE, gentle_note

    count = len(store.decisions_on(day))
    print(f"Decision {decision.n} for {day_heading(day)}: {decision.text}  [{decision.id[:8]}]")
    print(gentle_note(count, DECIDE_GENTLE) or "You don't need to be sure. You need a next step.")
    return EXIT_OK


def _plans(parts: list[tuple[str, str]], pulls: Sequence[str], notes: list[str]) -> list[dict[str, str]]:
    """The if-then plans PARTS gives (--if and --then in the order typed), each pull as the vocabulary spells it."""
    plans: list[dict[str, str]] = []
    pending: str | None = None
    for option, value in parts:
        if option == "--if":
            if pending is not None:
                raise UsageError(f"selftrust decide: --if {pending} needs its --then (what you will do when it comes)")
            pending = value
        elif pending is None:
            raise UsageError(f"selftrust decide: --then {value!r} needs an --if before it (the pull it answers)")
        else:
            [pull] = _names([pending], pulls, "pull", notes)
            plans.append({"pull": pull, "then": clean_line(value, "What you will do (--then)", required=True)})
            pending = None
    if pending is not None:
        raise UsageError(f"selftrust decide: --if {pending} needs its --then (what you will do when it comes)")
    return plans


def _pull_as_it_happened(args: argparse.Namespace, settings: Settings, clock: Clock, day: dt.date) -> dict:
    """Schema 4's fields of a check from ARGS, each checked as the midday form checks them; a bad one is a usage error."""
    found: dict = {}
    try:
        if args.intensity is not None:
            found["intensity"] = parse_intensity(args.intensity, "--intensity", required=True)
        if args.feeling is not None:
            found["feeling"] = parse_feeling(args.feeling, "--feeling", required=True)
        if args.acted is not None:
            found["acted"] = parse_acted(args.acted, "--acted")
        if args.plan_helped is not None:
            found["plan_helped"] = parse_yes_no(args.plan_helped, "--plan-helped")
        if args.since is not None:
            found["pull_at"] = parse_since(
                args.since,
                "--since",
                day=day,
                day_start=settings.day_start,
                timezone=settings.timezone,
                now=clock.now(),
            )
        returns = parse_returns(args.returned_to, "--to")
    except InputError as problem:
        raise UsageError(f"selftrust check: {problem}") from None
    if returns:
        found["returned_to"] = returns
    return found


def _check(args: argparse.Namespace, settings: Settings, path, clock: Clock, day: dt.date) -> int:
    state_word = (args.state or "").strip().casefold()
    try:
        state = State(state_word)
    except ValueError:
        raise UsageError(
            f"selftrust check: {args.state!r} is not a state; use holding, wobbling, abandoned or changed"
        ) from None
    notes: list[str] = []
    pulls = _names(args.pull, settings.pulls, "pull", notes)
    patterns = _names(args.pattern, settings.patterns, "pattern", notes)
    body = clean_note(args.body, "What your body notices")
    return_step = clean_note(args.return_step, "The return")
    happened = _pull_as_it_happened(args, settings, clock, day)
    store = open_store(settings, path)
    decision = store.resolve_ref(day, args.ref)
    if decision.outcome is Outcome.CARRIED and (copy := store.carried_to(decision.id)) is not None:
        raise RefError(f"decision {decision.n} of {decision.day} was carried forward to {copy.day}; check it there")
    if decision.outcome is not None:  # not open; said so, the outcome named below is known to be there
        raise RefError(
            f"decision {decision.n} of {decision.day} already has its outcome ({decision.outcome.value}); checks are for open decisions"
        )
    store.save_check(
        clock.now(), decision, state, pulls=pulls, patterns=patterns, body=body, return_step=return_step, **happened
    )
    for note in notes:
        _say(note)
    from data.ritual import CHECK_SAVED_WORDS

    print(f"Check saved on decision {decision.n} ({decision.text}): {state.value}. {CHECK_SAVED_WORDS[state]}")
    return EXIT_OK


class _Reflections(TypedDict, total=False):
    """A review's reflections as the command line was given them: a field left out keeps what the journal holds."""

    left: str
    returned: str
    repair: str
    learned: str
    contact: int | None  # None: --contact "" clears it


def _reflections(args: argparse.Namespace) -> _Reflections:
    """The reflections ARGS gives, each checked; only these are written."""
    given: _Reflections = {}
    if args.left is not None:
        given["left"] = clean_note(args.left, "Where you left yourself")
    if args.returned is not None:
        given["returned"] = clean_note(args.returned, "Where you returned")
    if args.repair is not None:
        given["repair"] = clean_note(args.repair, "The repair")
    if args.learned is not None:
        given["learned"] = clean_note(args.learned, "What you learned")
    if args.contact is not None:
        given["contact"] = parse_scale(args.contact, "Contact")
    return given


def _outcomes_wanted(args: argparse.Namespace) -> list[tuple[str | None, Outcome]]:
    """Each --outcome REF=OUTCOME as (the decision's ref, or None for the day's only open one; the outcome)."""
    wanted: list[tuple[str | None, Outcome]] = []
    for item in args.outcome:
        ref, _, word = item.rpartition("=")
        try:
            outcome = Outcome(word.strip().casefold())
            if outcome not in GIVEN_OUTCOMES:  # carried forward is what carrying a decision sets
                raise ValueError(outcome)
        except ValueError:
            raise UsageError(
                f"selftrust review: {word!r} is not an outcome; use kept, returned, revised or abandoned (as REF=OUTCOME)"
            ) from None
        wanted.append((ref.strip() or None, outcome))
    return wanted


def _outcomes_by_decision(store: Store, day: dt.date, wanted: list[tuple[str | None, Outcome]]) -> dict[str, Outcome]:
    """The decisions the refs name, by id, with their outcomes; one decision given two outcomes is refused."""
    outcomes: dict[str, Outcome] = {}
    for ref, outcome in wanted:
        decision = store.resolve_ref(day, ref)
        if decision.id in outcomes and outcomes[decision.id] != outcome:
            raise InputError(f"decision {decision.n} was given two outcomes")
        outcomes[decision.id] = outcome
    return outcomes


_DETAIL_OPTIONS = {"--hard": "hard", "--revised-from": "revised_from", "--revised-why": "revised_why"}
"""Each outcome-detail option and the field of the decision it sets."""

_DETAIL_LABELS = {"hard": "What made it hard", "revised_why": "What changed"}

_DETAIL_OUTCOME = {"hard": Outcome.ABANDONED, "revised_from": Outcome.REVISED, "revised_why": Outcome.REVISED}
"""The outcome whose decision a detail belongs to."""

_DETAIL_FOR = {Outcome.ABANDONED: "an abandoned", Outcome.REVISED: "a revised"}


def _details_wanted(args: argparse.Namespace) -> list[tuple[str, str, str | None, str]]:
    """Each --hard, --revised-from and --revised-why as (option, field, the decision's ref or None, value), checked."""
    wanted: list[tuple[str, str, str | None, str]] = []
    for option, item in args.details:
        ref, sep, value = item.partition("=")
        if not sep:  # no REF=: the day's only open decision
            ref, value = "", item
        field = _DETAIL_OPTIONS[option]
        if field == "revised_from":
            word = value.strip().casefold()
            if word not in REVISED_FROM:
                raise UsageError(f"selftrust review: --revised-from is knowing or pull (as REF=knowing), not {value!r}")
            value = word
        else:
            value = clean_note(value, f"{_DETAIL_LABELS[field]} ({option})")
        wanted.append((option, field, ref.strip() or None, value))
    return wanted


def _details_by_decision(
    store: Store, day: dt.date, wanted: list[tuple[str, str, str | None, str]], outcomes: dict[str, Outcome]
) -> dict[str, dict[str, str]]:
    """The details by decision id; each only for a decision whose outcome is, or is being made, the one it belongs to."""
    details: dict[str, dict[str, str]] = {}
    for option, field, ref, value in wanted:
        decision = store.resolve_ref(day, ref)
        outcome = outcomes.get(decision.id, decision.outcome)
        needed = _DETAIL_OUTCOME[field]
        if outcome is not needed:
            now = f"is {outcome.value}" if outcome is not None else "is still open"
            raise UsageError(
                f"selftrust review: {option} is for {_DETAIL_FOR[needed]} decision; decision {decision.n} {now}"
                f" (add --outcome {decision.n}={needed.value} if it is)"
            )
        given = details.setdefault(decision.id, {})
        if field in given and given[field] != value:
            raise InputError(f"decision {decision.n} was given {option} twice, differently")
        given[field] = value
    return details


def _review(args: argparse.Namespace, settings: Settings, path, clock: Clock, day: dt.date) -> int:
    reflections = _reflections(args)
    wanted = _outcomes_wanted(args)
    details_wanted = _details_wanted(args)
    if not wanted and not details_wanted and all(value is None for value in reflections.values()):
        # a blank --contact alone says nothing
        raise UsageError(
            "selftrust review: nothing to review; give --outcome REF=OUTCOME or a reflection like --learned"
        )
    store = open_store(settings, path)
    outcomes = _outcomes_by_decision(store, day, wanted)
    details = _details_by_decision(store, day, details_wanted, outcomes)
    store.save_review(clock.now(), day, outcomes, details=details, **reflections)
    from data.ritual import day_summary

    decisions = store.decisions_on(day)
    still_open = [d for d in decisions if d.is_open]
    print(f"Review saved for {day_heading(day)}. {day_summary(decisions)}")
    if still_open:
        numbers = ", ".join(str(d.n) for d in still_open)
        print(f"Still open: {numbers}. Give each an outcome when you're ready.")
    return EXIT_OK


def _range(args: argparse.Namespace, today: dt.date, command: str) -> tuple[dt.date | None, dt.date | None]:
    """The days --from and --to name (None: not given); a usage error when they come in the wrong order."""
    first = range_day(args.first, today, end=False) if args.first is not None else None
    last = range_day(args.last, today, end=True) if args.last is not None else None
    if first is not None and last is not None and first > last:
        raise UsageError(f"selftrust {command}: --from {first.isoformat()} comes after --to {last.isoformat()}")
    return first, last


def _stats(args: argparse.Namespace, settings: Settings, path, today: dt.date) -> int:
    from data.stats import figures_from_store, figures_json, figures_text

    first, last = _range(args, today, "stats")
    if last is None:  # as --help says, and as Insights counts: a decision planned for tomorrow is not yet practice
        last = today if first is None or first <= today else first
    store = open_store(settings, path)
    found = figures_from_store(
        store, first=first, last=last, today=today, areas=settings.areas, day_start=settings.day_start
    )
    if args.json:
        # The same JSON with any C1 character escaped: JSON lets C1 through raw, a terminal would obey it.
        text = json_for_terminal(json.dumps(figures_json(found), ensure_ascii=False, indent=2))
    else:
        text = figures_text(found)
    print(text)
    return EXIT_OK


MARKS = {"ok": "✓", "note": "·", "warn": "!", "bad": "✗"}


def _doctor(settings: Settings, path, config) -> int:
    from data.doctor import checkup

    report = checkup(path, daily_backups=settings.backups, config=config, key=journal_key(settings, path))
    width = max(len(f.label) for f in report.findings)
    for finding in report.findings:
        print(f"{MARKS[finding.status]} {finding.label.ljust(width)}  {finding.detail}")
    if report.healthy:
        print("Healthy.")
        return EXIT_OK
    print("Something needs care: see the lines marked ✗.")
    return EXIT_JOURNAL


def _open_app(settings: Settings, path, clock: Clock, screen: str, day: dt.date) -> int:
    app = _journal_app(settings, path, clock, screen, day)
    app.run()
    return app.return_code or EXIT_OK


def _journal_app(settings: Settings, path, clock: Clock, screen: str, day: dt.date | None):
    """The app on the journal at PATH: an encrypted one opened by the identity file, or asked for its passphrase."""
    # Only the journal's newest year is read for the first screen; each earlier year when asked for.
    from collections.abc import Callable

    from data.crypto import journal_sealed

    store: Store | None = None
    unlock: Callable[[str], Store] | None = None
    if not journal_sealed(path):
        store = Store(path, daily_backups=settings.backups)
    elif settings.identity is not None:  # the identity file opens it: no passphrase to ask
        store = Store(path, daily_backups=settings.backups, key=key_for(settings, path))
    else:  # the app asks for the passphrase before Today
        from data.crypto import key_path, missing_key_file
        from data.crypto import unlock as unlock_key

        if not key_path(path).is_file():  # said before asking, not after a passphrase typed for nothing
            raise missing_key_file(path)

        def open_with(passphrase: str) -> Store:
            return Store(path, daily_backups=settings.backups, key=unlock_key(path, passphrase, aside=True))

        unlock = open_with

    from tui.app import make_app

    return make_app(store=store, settings=settings, clock=clock, start=screen, day=day, unlock=unlock)


def _serve(args: argparse.Namespace, settings: Settings, path, config) -> int:
    # A journal that cannot be used says so here, once (exit 3), not as a tab that only shows "Session ended".
    # An encrypted one is opened in the tab, by its passphrase: here it need only be there, sealed and readable.
    from data.crypto import journal_sealed

    if not journal_sealed(path):
        Store(path, daily_backups=settings.backups)
    from tui.serve import serve  # aiohttp and textual-serve load only for this command

    return serve(host=args.host, port=args.port, db=path, config=config)


def _remind(settings: Settings, path, clock: Clock) -> int:
    from data.ritual import STEP_LABELS, Step, what_is_due

    commands = {Step.MORNING: "selftrust morning", Step.MIDDAY: "selftrust check", Step.EVENING: "selftrust evening"}
    due = what_is_due(open_store(settings, path), settings, clock.now())
    if not due:
        return EXIT_NOTHING
    for step in due:
        print(f"Due now: {STEP_LABELS[step]} ({commands[step]})")
    return EXIT_OK


def _config(settings: Settings, path) -> int:
    import tomlkit  # only this printout needs it: kept out of the start-up imports

    where = settings.path
    state = "" if where is not None and where.exists() else " (not there: the defaults apply)"
    print(f"# settings file: {where}{state}")
    print(f"# journal: {path}")

    def plain(value: object) -> object:  # what TOML can hold: text, whole numbers, lists of them
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        if isinstance(value, dt.time):
            return f"{value:%H:%M}"
        return value if isinstance(value, int) else str(value)

    for name in ("journal", "export_dir", "export_pattern", "export_links", "export_weekly", "day_start",
                 "midday_at", "evening_at", "timezone", "theme", "areas", "pulls", "patterns", "backups",
                 "identity"):  # fmt: skip
        value = getattr(settings, name)
        if name == "journal":
            value = path
        if value is None:
            print(f"# {name} is not set")
        else:
            print(f"{name} = {tomlkit.item(plain(value)).as_string()}")  # escaped as TOML wants, whatever the text
    return EXIT_OK


def _demo(settings: Settings, clock: Clock) -> int:
    import dataclasses
    import shutil
    import tempfile
    from pathlib import Path

    from data.demo import write_demo_journal

    folder = Path(tempfile.mkdtemp(prefix="selftrust-demo-"))
    try:
        journal = folder / "journal.json"
        write_demo_journal(journal, clock.now(), settings)
        # The theme choice is not saved, and an export lands in the demo's own folder, gone with it.
        demo_settings = dataclasses.replace(settings, journal=journal, export_dir=folder / "export", path=None)
        from tui.app import make_app

        app = make_app(store=Store(journal, daily_backups=0), settings=demo_settings, clock=clock, demo=True)
        app.run()
        return app.return_code or EXIT_OK
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _days(count: int) -> str:
    from data.figures_words import plural

    return plural(count, "day")


def _and_weeks(count: int) -> str:
    """ " and 2 weekly notes" beside the days exported, or nothing."""
    from data.figures_words import plural

    return f" and {plural(count, 'weekly note')}" if count else ""


def _export(args: argparse.Namespace, settings: Settings, path, today: dt.date) -> int:
    import gc
    from pathlib import Path

    from data import backup, export, vault_files
    from data.crypto import journal_sealed

    gc.disable()  # a short command making tens of thousands of records without cycles: nothing for it to find
    first, last = _range(args, today, "export")
    if args.out is not None:
        if not args.out.strip():
            raise UsageError("selftrust export: --out is empty; give a folder, a file, or - for standard output")
        out = args.out
    elif (folder := export.export_folder(settings)) is not None:
        out = str(folder)
    else:
        raise UsageError(
            "selftrust export: where to? give --out DIR (or FILE, or - for standard output), "
            f"or {export.export_dir_advice(settings)}"
        )
    if out == "-" and args.format == "json" and not args.plain and journal_sealed(path):
        _refuse_sealed_to_terminal()  # before the passphrase is asked
    store = open_store(settings, path)
    try:
        if out == "-":
            return _export_to_stdout(store, args.format, first, last, sealed=store.encrypted and not args.plain)
        target = Path(out).expanduser()
        if args.format == "json":
            if target.is_dir():
                target = target / f"selftrust-backup-{today.isoformat()}.json"
            report = backup.export_backup(store, target, first=first, last=last, force=args.force, plain=args.plain)
            done = f"Backup written to {target}" + (
                " (sealed with the journal's key)" if store.encrypted and not args.plain else ""
            )
        elif target.suffix.casefold() == ".md" or target.is_file():
            report = export.export_document(store, target, first=first, last=last, force=args.force)
            done = f"Exported {_days(report.days)} as one document to {target}"
        else:
            if args.flavour == "logseq":
                from data import logseq

                report = logseq.export_logseq(store, target, first=first, last=last, force=args.force)
            else:
                report = export.export_days(
                    store, target, first=first, last=last, pattern=settings.export_pattern, force=args.force,
                    links=settings.export_links, weekly=settings.export_weekly,
                )  # fmt: skip
            if not report.days:
                print("Nothing to export: no entries in that range.")
                return EXIT_OK
            done = f"Exported {_days(report.days)}{_and_weeks(report.weeks)} to {target}"
    except vault_files.ExportError as error:
        raise UsageError(f"selftrust export: {error}") from None
    except vault_files.ExportFailed as error:
        _say(f"selftrust export: {error}")
        return EXIT_JOURNAL
    for forced in report.forced:
        _say(f"wrote over your edits in {forced} (--force)")
    for edited in report.edited:
        _say(f"skipped {edited}: edited since it was exported; --force writes over it")
    for foreign in report.foreign:
        _say(f"left alone {foreign}: selftrust did not write it")
    for mend, why in report.mend.items():
        _say(f"left alone {mend}: {why}")
    for empty in report.empty:
        if empty in report.written:
            _say(f"filled your empty note {empty} (--force)")
        else:
            _say(f"left alone {empty}: an empty note of yours; --force fills it")
    print(f"{done}: {report.summary()}.")
    return EXIT_OK


def _refuse_sealed_to_terminal() -> None:
    """An encrypted journal's backup is sealed too: age's bytes, which a terminal cannot show; a usage error there."""
    if getattr(sys.stdout, "isatty", lambda: False)():
        raise UsageError(
            "selftrust export: the backup of an encrypted journal is sealed, and a terminal cannot show it; "
            "redirect it to a file (> backup.json.age), give --out FILE, or add --plain"
        )


def _export_to_stdout(store: Store, fmt: str, first: dt.date | None, last: dt.date | None, *, sealed: bool) -> int:
    from data import backup, notes

    if fmt == "json" and sealed:  # never to a terminal: refused before the journal was opened
        data = backup.sealed_backup_bytes(store, first=first, last=last)
        done = "Backup written to standard output, sealed with the journal's key."
    elif fmt == "json":
        # Full fidelity, and safe on a terminal: a C1 character is written as its JSON escape.
        data = cast(
            bytes, json_for_terminal(backup.backup_bytes(store, first=first, last=last))
        )  # it gives back what it is given: bytes
        done = "Backup written to standard output."
    else:
        days = notes.collect_days(store, first, last)
        data = notes.document_file(days, first, last)  # stored text in it is already shown safely
        done = f"Exported {_days(len(days))} to standard output."
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _silence(sys.stdout)
        raise OutputError(error) from None
    _say(done)
    return EXIT_OK


def _import(args: argparse.Namespace, settings: Settings, path, clock: Clock) -> int:
    from pathlib import Path

    from data.backup import BackupError, import_backup, read_backup
    from data.crypto import is_sealed
    from data.daytime import stamp
    from data.journal_file import NotAFile, read_regular

    file = Path(args.file).expanduser()
    try:
        raw, _info = read_regular(file)  # a named pipe or a device is refused at once, never waited on
    except FileNotFoundError:
        raise InputError(f"there is no file {file}") from None
    except NotAFile as error:
        what = (
            "a folder; give the backup file"
            if error.kind == "a folder"
            else f"{error.kind}, not a file; give the backup file"
        )
        raise InputError(f"{file} is {what}") from None
    except OSError as error:
        raise InputError(f"{file} cannot be read: {error.strerror}") from None
    key = None
    if is_sealed(raw):  # a backup of an encrypted journal: opened with the journal's key
        from data.crypto import opened

        key = key_for(settings, path)
        raw = opened(raw, file, key)
    try:
        backup = read_backup(raw, str(file))  # checked whole before the journal is opened
        store = open_store(settings, path, known=key)  # a passphrase is asked once a command
        report = import_backup(store, backup, now=stamp(clock.now()))
    except BackupError as error:
        raise InputError(str(error)) from None
    for note in report.notes:
        _say(f"note: {note}")
    print(f"Imported {file}: {report.summary()}.")
    return EXIT_OK


def _merge_driver(args: argparse.Namespace, settings: Settings, path) -> int:
    """Git's merge of OURS and THEIRS into OURS; exit 1 (a conflict for git) when one does not read or open."""
    from pathlib import Path

    from data.conflicts import MergeRefused, merge_journals
    from data.crypto import EncryptionError, is_sealed
    from data.files import write_atomic

    try:
        ours, theirs = Path(args.ours).read_bytes(), Path(args.theirs).read_bytes()
        # An encrypted side is opened with the journal's key (the identity file, or the passphrase asked).
        key = key_for(settings, path) if is_sealed(ours) or is_sealed(theirs) else None
        merged = merge_journals(ours, theirs, key=key)
        write_atomic(Path(args.ours), merged, sync=True)
    except (MergeRefused, EncryptionError) as error:
        _say(f"selftrust merge-driver: {error}")
        return 1
    except OSError as error:
        _say(f"selftrust merge-driver: {error.filename or 'a file'} cannot be read or written: {error.strerror}")
        return 1
    return EXIT_OK


def _encryption(command: str, settings: Settings, path, clock: Clock) -> int:
    from data.daytime import stamp
    from tui.cli_crypto import decrypt_command, encrypt_command

    if command == "encrypt":
        return encrypt_command(settings, path, stamp(clock.now()))
    return decrypt_command(settings, path)


if __name__ == "__main__":
    sys.exit(main())
