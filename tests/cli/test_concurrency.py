"""Many `selftrust decide` at once, and the app open meanwhile: every entry is kept, numbered once."""

import datetime as dt
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pendulum

from data.store import Store

DAY = "2026-11-27"  # the logical day of the sandbox's fixed clock
PRINTED = re.compile(r"^Decision (\d+) for Friday 27 November 2026: (.*)  \[([0-9a-f]{8})\]$", re.MULTILINE)


def decide_many(cli, name: str, count: int) -> list[tuple[int, str, str]]:
    """Run `selftrust decide` COUNT times in sequence, as one terminal; what each printed."""
    printed = []
    for k in range(count):
        result = cli.ok("decide", f"{name} decision {k}")
        [(n, text, short_id)] = PRINTED.findall(result.out)
        printed.append((int(n), text, short_id))
    return printed


EACH = 25  # decisions from each of the four terminals, all at once: 100 in all


def test_four_terminals_deciding_at_once_keep_every_decision_numbered_once(cli):
    workers = [f"terminal {w}" for w in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = [pool.submit(decide_many, cli, name, EACH) for name in workers]
        printed = [entry for run in runs for entry in run.result()]

    decisions = cli.decisions()
    assert len(decisions) == 4 * EACH
    assert sorted(d["n"] for d in decisions) == list(range(1, 4 * EACH + 1))
    assert {d["text"] for d in decisions} == {f"{name} decision {k}" for name in workers for k in range(EACH)}
    assert {d["day"] for d in decisions} == {DAY}
    # What each command told its user is what the journal holds.
    assert sorted((d["n"], d["text"], d["id"][:8]) for d in decisions) == sorted(printed)


def test_the_open_app_and_decide_from_other_terminals_keep_each_others_entries(cli):
    app = Store(cli.db)  # the app, open all along, as in another terminal
    now = pendulum.datetime(2026, 11, 27, 9, 15, tz="Europe/Berlin")
    day = dt.date(2026, 11, 27)
    from_app = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(decide_many, cli, f"terminal {w}", 15) for w in range(2)]
        # The app saves now and then for as long as the other terminals are deciding.
        while not all(run.done() for run in runs) or len(from_app) < 10:
            from_app.append(app.add_decision(now, day, f"app decision {len(from_app)}", "Inner Foundation"))
            time.sleep(0.01)
        printed = [entry for run in runs for entry in run.result()]

    from_terminals = {f"terminal {w} decision {k}" for w in range(2) for k in range(15)}
    expected = {d.text for d in from_app} | from_terminals
    decisions = cli.decisions()
    assert {d["text"] for d in decisions} == expected
    assert sorted(d["n"] for d in decisions) == list(range(1, len(expected) + 1))
    assert {n for n, _text, _id in printed}.isdisjoint(d.n for d in from_app)
    # The app shows the other terminals' entries too, and its own as it saved them.
    assert {d.text for d in app.decisions_on(day)} == expected
    assert all(app.decision(d.id) == d for d in from_app)
