"""The command line's grammar: `selftrust --help`, each command's options and its help text.

`tui.cli` runs what this parses; keeping the grammar apart keeps each a room with one job.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from data.vocabulary import RETURNS

DESCRIPTION = """\
selftrust: a daily practice of self-trust. Set a decision in the morning, check at
midday whether you abandoned it (and come back), review it in the evening.
With no command, the app opens on Today."""

EPILOG = """\
dates (D): an ISO date like 2026-11-27, or the words today and yesterday.
REF: a decision's number within its day (1, 2, 3) or 4+ characters of its id;
     it may be left out when the day has exactly one open decision.
environment: SELFTRUST_DB and SELFTRUST_CONFIG stand in for --db and --config.
encrypted journal: the passphrase is asked on the terminal, or read as the first line
     of standard input when that is not a terminal (see selftrust encrypt --help).
exit codes: 0 done; 2 bad input or usage; 3 the journal cannot be used."""


class UsageError(Exception):
    """A command line that cannot be run as given."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error in one line, without a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", metavar="PATH", default=default, help="the journal file (default: the user data folder)"
    )
    parser.add_argument(
        "--config", metavar="PATH", default=default, help="the settings file (default: the user config folder)"
    )


class _Version(argparse.Action):
    """`--version`: the installed version, read from the package's metadata only when asked (it is slow to load)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: object) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help="show program's version number and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from data.ours import generator

        print(generator())  # on standard output, as argparse's own version action does
        parser.exit()


class _PlanPart(argparse.Action):
    """`--if` and `--then` in the order given, so each --if meets the --then after it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        earlier = getattr(namespace, self.dest, None) or []
        setattr(namespace, self.dest, [*earlier, (option_string, values)])


class _Detail(_PlanPart):
    """--hard, --revised-from and --revised-why in the order given, each with the option that gave it."""


def _serve_command(command) -> None:
    """`selftrust serve`: the app in a browser tab, behind a token."""
    serve = command(
        "serve",
        "the app in a browser tab, opened with the token it prints",
        "Run the app in a browser tab, on the same journal and settings. It prints an address\n"
        "with a random token in it (a new one each time); anything that reaches the server\n"
        "without that token is refused. It listens on 127.0.0.1 only, unless --host names\n"
        "another address: then anyone who can reach it with the token sees the journal.\n"
        "Each tab runs its own selftrust. Ctrl+C stops it.\n\n"
        "From another device, forward the port over ssh and open the printed address there:\n\n"
        "  selftrust serve\n"
        "  ssh -L 8000:127.0.0.1:8000 this-machine     (on the other device)",
    )
    serve.add_argument("--host", metavar="H", help="the address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", metavar="N", help="the port to listen on (default 8000)")


def build_parser() -> _Parser:
    """The whole command-line contract, with help for every command."""
    parser = _Parser(
        prog="selftrust",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(parser, top=True)
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="CMD", parser_class=_Parser)

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        _common(sub)
        return sub

    morning = command(
        "morning",
        "open the app on Morning: set the day's decisions",
        "Open the app on Morning, to set the day's decisions.",
    )
    morning.add_argument("--date", metavar="D", help="the day to set decisions for (default today; up to tomorrow)")

    check = command(
        "check",
        "did I abandon it? record a midday check (no options: open the app on Midday)",
        "Record a midday check on a decision. With no options, open the app on Midday.\n\n"
        "  selftrust check --state wobbling --pull fear --pattern 'said yes' --return 'say it plainly'",
    )
    check.add_argument(
        "ref", nargs="?", metavar="REF", help="the decision: its number that day or 4+ characters of its id"
    )
    check.add_argument("--state", metavar="STATE", help="holding | wobbling | abandoned | changed")
    check.add_argument("--pull", action="append", default=[], metavar="P", help="a pull you felt (repeatable)")
    check.add_argument(
        "--pattern", action="append", default=[], metavar="P", help="an old pattern that showed (repeatable)"
    )
    check.add_argument("--body", metavar="T", help="what your body notices")
    check.add_argument("--return", dest="return_step", metavar="T", help="the next aligned step, now")
    check.add_argument("--intensity", metavar="0-10", help="how strong the pull is now, 0 to 10")
    check.add_argument("--feeling", metavar="WORD", help="the feeling, in one word")
    check.add_argument("--acted", metavar="yes|little|no", help="whether you acted on the pull")
    check.add_argument("--since", metavar="HH:MM", help="when the pull came, a time on the decision's day")
    check.add_argument(
        "--to",
        dest="returned_to",
        action="append",
        default=[],
        metavar="RETURN_TO",
        help="what you are returning to (repeatable): " + ", ".join(RETURNS),
    )
    check.add_argument("--plan-helped", metavar="yes|no", help="whether the plan for this decision helped")
    check.add_argument("--date", metavar="D", help="the day of the decision (default today)")

    command("history", "open the app on History: every decision, filtered as you type", "Open the app on History.")
    command("insights", "open the app on Insights: the repetitions that build self-trust", "Open the app on Insights.")

    evening = command(
        "evening", "open the app on Evening: review the day", "Open the app on Evening, to review the day."
    )
    evening.add_argument("--date", metavar="D", help="the day to review (default today)")

    decide = command(
        "decide",
        "set a decision for today",
        "Set a decision for the day.\n\n  selftrust decide 'Tell Sam the Friday deadline does not work for me' --area relational --pull fear\n"
        "  selftrust decide 'Leave at six' --if guilt --then 'close the laptop anyway'",
    )
    decide.add_argument("text", metavar="TEXT", help="the decision, in one line")
    decide.add_argument("--area", metavar="A", help="the area of life (default: the first in your settings)")
    decide.add_argument("--why", metavar="T", help="why it matters: what you are returning to")
    decide.add_argument("--pull", action="append", default=[], metavar="P", help="a pull you expect (repeatable)")
    decide.add_argument("--certainty", metavar="1-5", help="how sure you are, 1 to 5 (you don't need to be sure)")
    decide.add_argument(
        "--next", dest="next_step", metavar="T", help="the next aligned step: one small, concrete action"
    )
    decide.add_argument("--say", metavar="T", help="the line you will actually say")
    decide.add_argument(
        "--if", dest="plan_parts", action=_PlanPart, default=[], metavar="PULL", help="a plan: if this pull comes..."
    )
    decide.add_argument(
        "--then",
        dest="plan_parts",
        action=_PlanPart,
        default=[],
        metavar="T",
        help="...I will do this (each --if takes its --then; repeatable, in order)",
    )
    decide.add_argument(
        "--date", metavar="D", help="the day it belongs to (default today; up to tomorrow, to plan the evening before)"
    )

    review = command(
        "review",
        "review the day: an outcome per decision and a few reflections",
        "Review the day. Reviewing again updates the review and the outcomes given.\n\n"
        "  selftrust review --outcome 1=returned --outcome 2=kept --learned 'I can say no kindly' --contact 4\n"
        "  selftrust review --outcome 1=abandoned --hard '1=the meeting ran over'\n"
        "  selftrust review --outcome 2=revised --revised-from 2=knowing --revised-why '2=Sam moved it himself'\n\n"
        "--hard is for a decision that is abandoned (or made so by --outcome in the same\n"
        "command); --revised-from and --revised-why for one that is revised. TEXT begins after\n"
        "the first =; with no REF= it is for the day's only open decision.",
    )
    review.add_argument(
        "--outcome",
        action="append",
        default=[],
        metavar="REF=OUTCOME",
        help="kept | returned | revised | abandoned (repeatable)",
    )
    review.add_argument("--left", metavar="T", help="where did I leave myself today")
    review.add_argument("--returned", metavar="T", help="where did I return")
    review.add_argument("--repair", metavar="T", help="any repair (react, repair, return)")
    review.add_argument("--learned", metavar="T", help="what I learned")
    review.add_argument("--contact", metavar="1-5", help="how connected to yourself you stayed, 1 to 5")
    review.add_argument(
        "--hard",
        dest="details",
        action=_Detail,
        default=[],
        metavar="REF=TEXT",
        help="what made an abandoned decision hard: the moment, not you (repeatable)",
    )
    review.add_argument(
        "--revised-from",
        dest="details",
        action=_Detail,
        default=[],
        metavar="REF=knowing|pull",
        help="whether a revision came from what you know or from a pull (repeatable)",
    )
    review.add_argument(
        "--revised-why",
        dest="details",
        action=_Detail,
        default=[],
        metavar="REF=TEXT",
        help="what changed, for a revised decision (repeatable)",
    )
    review.add_argument("--date", metavar="D", help="the day to review (default today)")
    export = command(
        "export",
        "write your practice as Markdown notes (a file per day, or one document), or a JSON backup",
        "Write the days from --from to --to (default: every day) as Markdown for a notes vault:\n"
        "one file per day into a folder (named by export_pattern, default {date}.md), or one\n"
        "document to a file (a name ending in .md, or a file already there) or to - (standard\n"
        "output). --format json writes a full backup instead, deleted entries included, for\n"
        "selftrust import.\n\n"
        "Each day's file links the day before, its week and the day after; each week gets a\n"
        "weekly note (2026-W48.md) with its figures and links to its days. export_links = false\n"
        "and export_weekly = false in the settings file leave them out.\n\n"
        "Exporting again rewrites nothing that is already up to date. In a day's note selftrust\n"
        "rewrites only its own part (its front-matter keys, and the body between its begin and\n"
        "end lines); what you write around it stays. A note whose part of ours you edited is\n"
        "skipped and named (--force rewrites that part only); a file selftrust did not write is\n"
        "never touched, even with --force. Files are readable by you only.\n\n"
        "--flavour logseq writes each day as a Logseq journal page instead: journals/2026_11_27.md\n"
        "under the folder (Logseq's own journal names; export_pattern does not apply), the same\n"
        "properties as key:: value lines in its first block, and the same part of ours.\n\n"
        "Where to: --out, else export_dir from the settings file. With neither, nothing is\n"
        "written and it says how to set export_dir: no folder is ever guessed. The export\n"
        "in the app follows the same rule: its folder field starts as export_dir, or empty.\n\n"
        "D: an ISO date like 2026-11-27, today, yesterday, or week / month: the current\n"
        "ISO week or month (its first day for --from, its last day for --to).\n\n"
        "  selftrust export --out ~/Notes/Self-trust\n"
        "  selftrust export --from week --out -\n"
        "  selftrust export --format json --out selftrust-backup.json",
    )
    export.add_argument("--from", dest="first", metavar="D", help="the first day (default: the journal's first)")
    export.add_argument("--to", dest="last", metavar="D", help="the last day (default: the journal's last)")
    export.add_argument(
        "--out",
        metavar="DIR|FILE|-",
        help="a folder (a file per day), a file (one document), or - for standard output (default: export_dir in the settings; without it, --out is needed)",
    )
    export.add_argument(
        "--format",
        choices=("md", "json"),
        default="md",
        help="md: Markdown notes (default); json: a full backup for selftrust import",
    )
    export.add_argument(
        "--flavour",
        choices=("obsidian", "logseq"),
        default="obsidian",
        help="obsidian: a note with YAML front matter, named by export_pattern (default); logseq: journals/yyyy_MM_dd.md",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="write over exported files you edited since (never over files selftrust did not write)",
    )
    export.add_argument(
        "--plain",
        action="store_true",
        help="with --format json of an encrypted journal: write the backup in the clear (your words readable by anyone who gets the file); without it, the backup is sealed with the journal's key",
    )
    restore = command(
        "import",
        "merge a JSON backup into the journal",
        "Merge a backup from selftrust export --format json (or a journal file) into the journal,\n"
        "by entry id: new entries are added, an entry in both keeps its newer edit, nothing is\n"
        "doubled, and importing the same file again changes nothing. A new decision whose number\n"
        "its day already gives to another gets the day's next number, and a note says so.\n"
        "A file that is not a whole selftrust backup is refused and nothing is written (exit 2).\n"
        "A backup of an encrypted journal (sealed) is opened with the journal's key.\n\n"
        "  selftrust import selftrust-backup.json",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to merge")
    command(
        "doctor",
        "where the data lives, schema version, integrity, backups",
        "A checkup of the journal: where it lives, its size and schema version, what it holds,\n"
        "whether it is whole, its backups and any leftovers of an interrupted save.\n"
        "Changes nothing. Exit 0 when healthy, 3 when something needs care.",
    )
    stats = command(
        "stats",
        "the figures of your practice: returns, reps, keep rate, pulls, patterns",
        "The figures of your practice over a period, as text or JSON. Changes nothing.\n\n"
        "  returns    decisions that ended returned (left, then came back)\n"
        "  reps       returns, plus decisions kept although they met a pull\n"
        "  keep rate  (kept + returned) / (kept + returned + abandoned); revised and open\n"
        "             decisions are left out; null when there is nothing to count\n\n"
        "D: an ISO date like 2026-11-27, today, yesterday, or week / month: the current\n"
        "ISO week or month (its first day for --from, its last day for --to).\n\n"
        "  selftrust stats --from month\n"
        "  selftrust stats --from 2026-01-01 --to 2026-03-31 --json",
    )
    stats.add_argument("--from", dest="first", metavar="D", help="the first day counted (default: the journal's first)")
    stats.add_argument("--to", dest="last", metavar="D", help="the last day counted (default: today)")
    stats.add_argument(
        "--json",
        action="store_true",
        help="one JSON object: days_practiced, decisions, checks, outcomes, returns, reps, keep_rate, pulls, patterns, and more",
    )
    command(
        "remind",
        "prints what is due; exit 0 when something is due, 1 when not",
        "Print what is due now (the morning decision, the midday check, the evening review)\n"
        "and exit 0; print nothing and exit 1 when nothing is due. For cron, a systemd user\n"
        "timer or notify-send:\n\n"
        '  selftrust remind && notify-send selftrust "$(selftrust remind)"',
    )
    command(
        "config",
        "the settings file's path and the effective settings",
        "Print the settings file's path, the journal's, and every effective setting.",
    )
    _serve_command(command)
    command(
        "demo",
        "the app on a generated sample journal in a temporary place",
        "Open the app on about sixty days of a sample practice, in a temporary folder that is\n"
        "removed afterwards. Your own journal is not opened or touched.",
    )
    _merge_driver(command)
    _encryption_commands(command)
    return parser


KEY_HELP = """\
The key: with `identity = "~/.config/selftrust/identity.txt"` in the settings file (an age
identity, made with age-keygen), the journal is sealed to that identity and nothing is
asked. Otherwise a passphrase: asked on the terminal (not shown as you type), or, when
standard input is not a terminal, read as its first line (for scripts:
`printf '%s\\n' "$PASS" | selftrust decide ...`). Every command that opens an encrypted
journal asks the same way; a wrong passphrase says so in one line, changes nothing and
exits 3."""


def _encryption_commands(command) -> None:
    """`selftrust encrypt` and `selftrust decrypt`: the journal's encryption at rest, on and off."""
    command(
        "encrypt",
        "encrypt the journal, its backups and its JSON backups (age)",
        "Encrypt the journal at rest (age's format): every file of it, every backup, and from\n"
        "now on every save, temporary files included, and each JSON backup export (unless\n"
        "--plain). A backup of the journal as it was is kept first, then sealed too. Copies\n"
        "that a sync tool left beside it are merged in first, so none stays in the clear.\n"
        "Run again, it seals whatever is still in the clear; when every file is sealed it\n"
        "says so and changes nothing. A journal not made yet is made empty and sealed, so its\n"
        "first entry is saved sealed. Markdown exports stay plain text (they are for your notes).\n\n"
        "With a passphrase, a new one is asked twice (one line of standard input when it is not\n"
        "a terminal) and the journal's key is kept beside it in journal.key.age, sealed with it.\n\n"
        "A LOST PASSPHRASE OR IDENTITY FILE CANNOT BE RECOVERED: no one can open the journal\n"
        "without it, selftrust neither. Plain copies kept before (a sync tool's history, git's\n"
        "history, the disk's free space) are not touched.\n\n" + KEY_HELP,
    )
    command(
        "decrypt",
        "turn the journal's encryption off: every file plain again",
        "Write every file of the encrypted journal and its backups in the clear again, after a\n"
        "backup, and remove its key file. Asks for the key as every command does.\n\n" + KEY_HELP,
    )


def _merge_driver(command) -> None:
    """`selftrust merge-driver`: git's merge of two versions of a journal file."""
    driver = command(
        "merge-driver",
        "git's merge of two versions of the journal (for .gitattributes)",
        "Merge two versions of a journal file (journal.json or a year's file) the way the app\n"
        "merges a sync tool's copy: by entry id and revision, nothing doubled, the newer edit\n"
        "wins. Writes the merge into OURS and exits 0; a version that does not read as a journal\n"
        "file exits 1 (git then reports a conflict) with one line saying why. Set it up once:\n\n"
        "  echo 'journal*.json merge=selftrust' >> .gitattributes\n"
        '  git config merge.selftrust.driver "selftrust merge-driver %O %A %B"',
    )
    driver.add_argument("ancestor", metavar="ANCESTOR", help="the common ancestor's version (%%O)")
    driver.add_argument("ours", metavar="OURS", help="our version (%%A), where the merge is written")
    driver.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
