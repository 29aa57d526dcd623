"""The one check of the journal's records, used by every reader: open, each year's file, import, doctor.

Every field of every record is checked: its type, the enum values (outcome, state), real
calendar days (`day` as YYYY-MM-DD), ISO timestamps with an offset, whole numbers in
range, lists of names, an `id` that is non-empty text and equal to the record's key, the
references (a check's decision, a carried decision) and the day numbers (no two
decisions share a day and a number). A journal's bytes are also looked over for keys
given twice (a table, a record within a table, or a field within a record), which a JSON
parser silently drops.

Fields it does not know are kept by the journal (a newer selftrust, or a person, may
have added them); import refuses them (`strict`). Control characters are refused only
by `text_problem`, which import applies: a journal edited by hand stays readable.

Hand-written, measured against msgspec 0.23 (a checker in C) on the ten-year journal
(17,747 entries, best of 41 runs): this check 16-18 ms, msgspec's decode against typed
structs 16-24 ms once the checks it cannot express (an id against its key, the
references) are added. No faster, a second parse of the bytes, other rules for
timestamps than the rest of selftrust, and one more compiled dependency: not taken.
The look for keys given twice costs 8-9 ms more (5 ms when it looked at tables and records only).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from data.daytime import FIRST_DAY, LAST_DAY
from data.models import ACTED, INTENSITY_MAX, REVISED_FROM, Outcome, State
from data.validate import LINE_MAX, NAME_MAX, NOTE_MAX
from data.vocabulary import RETURNS

SINGULAR = {"decisions": "decision", "checks": "check", "reviews": "review"}
KINDS = tuple(SINGULAR)

_OUTCOMES = frozenset(o.value for o in Outcome)
_STATES = frozenset(s.value for s in State)
_ACTED = frozenset(ACTED)
_REVISED_FROM = frozenset(REVISED_FROM)
_RETURNS = frozenset(RETURNS)
_OUTCOME_WORDS = ", ".join(o.value for o in Outcome)
_STATE_WORDS = ", ".join(s.value for s in State)

# Each kind's fields, by what they must hold. "required" ones have no default in data.models.
_COMMON = {"id": "id", "created_at": "stamp", "updated_at": "stamp", "deleted_at": "stamp?", "rev": "rev"}
FIELDS: dict[str, dict[str, str]] = {
    "decisions": _COMMON
    | {
        "day": "day",
        "n": "n",
        "text": "line",
        "area": "line",
        "why": "note",
        "pulls_expected": "names",
        "certainty": "scale",
        "next_step": "line",
        "say": "line?",
        "outcome": "outcome",
        "carried_from": "line?",
        "plans": "plans",
        "hard": "note",
        "revised_from": "revised_from",
        "revised_why": "note",
    },
    "checks": _COMMON
    | {
        "decision_id": "line",
        "day": "day",
        "at": "stamp",
        "state": "state",
        "pulls": "names",
        "patterns": "names",
        "body": "note",
        "return_step": "note",
        "intensity": "intensity",
        "intensity_after": "intensity",
        "feeling": "word?",
        "acted": "acted",
        "pull_at": "stamp?",
        "returned_to": "returns",
        "plan_helped": "bool?",
    },
    "reviews": _COMMON
    | {"day": "day", "left": "note", "returned": "note", "repair": "note", "learned": "note", "contact": "scale"},
}
REQUIRED = {
    "decisions": frozenset({"id", "created_at", "updated_at", "day", "n", "text", "area"}),
    "checks": frozenset({"id", "created_at", "updated_at", "decision_id", "day", "at", "state"}),
    "reviews": frozenset({"id", "created_at", "updated_at", "day"}),
}

_FIRST, _LAST = FIRST_DAY.isoformat(), LAST_DAY.isoformat()  # the days selftrust keeps, as text compares them
_fromisoformat = dt.datetime.fromisoformat
_date = dt.date.fromisoformat


def _shown(value: Any) -> str:
    """VALUE as the message shows it: escaped (never a raw control character) and short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _stamp_problem(value: Any) -> str | None:
    if type(value) is not str:
        return "must be a timestamp like 2026-11-27T09:15:00+01:00"
    try:
        if _fromisoformat(value).tzinfo is None:
            return f"{_shown(value)} has no UTC offset"
    except ValueError:
        return f"{_shown(value)} is not an ISO timestamp"
    return None


def _field_problem(rule: str, value: Any) -> str | None:
    """What is wrong with VALUE for a field of RULE, in words, or None (the slow, precise path)."""
    if rule in ("id", "line", "note", "line?", "names"):
        return _text_field_problem(rule, value)
    if rule in ("rev", "n", "scale"):
        return _number_problem(rule, value)
    if rule in ("outcome", "state"):
        return _choice_problem(rule, value)
    if rule == "day":
        return _day_problem(value)
    if rule in ("stamp", "stamp?"):
        return None if value is None and rule == "stamp?" else _stamp_problem(value)
    return _schema4_problem(rule, value)


def _schema4_problem(rule: str, value: Any) -> str | None:
    """The fields schema 4 added: plans, a pull's strength and name, what was acted and returned to."""
    if value is None and rule != "plans" and rule != "returns":
        return None  # each of the others may be null
    if rule == "plans":
        if type(value) is not list or not all(_plan_ok(plan) for plan in value):
            return 'must be a list of plans like {"pull": "fear", "then": "send it as written"}'
        return None
    if rule == "returns":
        if type(value) is not list or not all(type(item) is str for item in value):
            return "must be a list of names"
        unknown = next((item for item in value if item not in _RETURNS), None)
        return None if unknown is None else f"{_shown(unknown)} is not one of {', '.join(RETURNS)}"
    if rule == "intensity":
        whole = type(value) is int
        return (
            None if whole and 0 <= value <= INTENSITY_MAX else f"{_shown(value)} is not a number from 0 to 10 (or null)"
        )
    if rule == "word?":
        return None if type(value) is str and _one_word(value) else f"{_shown(value)} is not one word (or null)"
    if rule == "acted":
        return None if type(value) is str and value in _ACTED else f"{_shown(value)} is not yes, little or no (or null)"
    if rule == "revised_from":
        return (
            None
            if type(value) is str and value in _REVISED_FROM
            else f"{_shown(value)} is not knowing or pull (or null)"
        )
    if rule == "bool?":
        return None if type(value) is bool else f"{_shown(value)} is not true or false (or null)"
    raise AssertionError(rule)


def _plan_ok(plan: Any) -> bool:
    """One if-then plan: exactly a pull's name and the return move, both text."""
    return type(plan) is dict and plan.keys() == _PLAN_KEYS and type(plan["pull"]) is str and type(plan["then"]) is str


_PLAN_KEYS = frozenset({"pull", "then"})


def _one_word(text: str) -> bool:
    """A feeling's name: one word, no spaces (a hyphen joins, as in "let-down")."""
    return bool(text) and len(text.split()) == 1 and text == text.strip()


def _text_field_problem(rule: str, value: Any) -> str | None:
    """An id, a line or a note (text; "line?" may be null), or names (a list of text)."""
    kind = type(value)
    if rule == "id":
        return None if kind is str and value else "must be non-empty text"
    if rule == "names":
        return None if kind is list and all(type(item) is str for item in value) else "must be a list of names"
    if rule == "line?":
        return None if value is None or kind is str else "must be text or null"
    return None if kind is str else "must be text"


def _number_problem(rule: str, value: Any) -> str | None:
    """A revision or a day's number (a whole number from 1), or a scale (1 to 5, or null)."""
    whole = type(value) is int  # not a bool, a float or text that looks like a number
    if rule == "scale":
        return (
            None
            if value is None or (whole and 1 <= value <= 5)
            else f"{_shown(value)} is not a number from 1 to 5 (or null)"
        )
    return None if whole and 1 <= value <= _MAX_COUNT else f"{_shown(value)} is not a whole number from 1 to 2^53"


def _choice_problem(rule: str, value: Any) -> str | None:
    """An outcome (or null) or a check's state: one of the words the models know."""
    text = type(value) is str  # before the look-up: a list is no word and cannot be looked up
    if rule == "outcome":
        return (
            None
            if value is None or (text and value in _OUTCOMES)
            else f"unknown outcome {_shown(value)} (it is one of {_OUTCOME_WORDS}, or null)"
        )
    return None if text and value in _STATES else f"unknown state {_shown(value)} (it is one of {_STATE_WORDS})"


def _day_problem(value: Any) -> str | None:
    """A day: YYYY-MM-DD, on the calendar, and within the days selftrust keeps."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return f"{_shown(value)} is not a date like 2026-11-27"
    try:
        _date(value)
    except ValueError:
        return f"{_shown(value)} is not a day on the calendar"
    if not _FIRST <= value <= _LAST:
        return f"{_shown(value)} is outside the days selftrust keeps ({_FIRST} to {_LAST})"
    return None


def record_problem(kind: str, key: Any, doc: Any, *, strict: bool = False) -> str | None:
    """What is wrong with one record of KIND stored under KEY, in words naming the field, or None.

    STRICT (import) also refuses fields selftrust does not know.
    """
    if type(doc) is not dict:
        return "it is not an object"
    rules = FIELDS[kind]
    missing = REQUIRED[kind] - doc.keys()
    if missing:
        return f"missing {', '.join(sorted(missing))}"
    if strict:
        unknown = doc.keys() - rules.keys()
        if unknown:
            return f"it has fields selftrust does not know ({', '.join(sorted(map(str, unknown)))})"
    for name, rule in rules.items():
        if name in doc:
            problem = _field_problem(rule, doc[name])
            if problem:
                return problem if problem.startswith("unknown ") else f"{name} {problem}"
    if key is not None and doc["id"] != key:
        return f"its id {_shown(doc['id'])} is not the key it is stored under"
    return None


# -- the fast path -------------------------------------------------------------------------
#
# Opening the ten-year journal checks some 18,000 records. The checks below do the same as
# `_field_problem`, inlined and without building a message; the first record that fails
# is handed to `record_problem` for the words. (Checking a field at a time across all
# records, with the loops in C, measured slower: it walks 18,000 dicts once per field.)


_SCALES = frozenset({1, 2, 3, 4, 5})
_MAX_COUNT = 2**53  # a revision or a day's number past this cannot be raised and saved (nor read exactly by JSON tools)
_LOOKED_OVER = (KeyError, TypeError, ValueError, AttributeError)  # what a wrong field makes the fast path raise


def _day_ok(day: Any, days: set[str]) -> bool:
    if type(day) is not str:
        return False
    if day in days:
        return True
    if len(day) != 10 or day[4] != "-" or day[7] != "-" or not _FIRST <= day <= _LAST:
        return False
    try:
        _date(day)
    except ValueError:
        return False
    days.add(day)
    return True


def _common_ok(key: str, doc: dict[str, Any], days: set[str]) -> bool:
    """The fields every record has (KeyError, TypeError, ValueError when one is wrong)."""
    if doc["id"] != key or not key:
        return False
    rev, day = doc.get("rev", 1), doc["day"]
    if (
        type(rev) is not int or not 1 <= rev <= _MAX_COUNT or (day not in days and not _day_ok(day, days))
    ):  # a list as day: TypeError
        return False
    created, updated, deleted = doc["created_at"], doc["updated_at"], doc.get("deleted_at")
    if _fromisoformat(created).tzinfo is None or (updated != created and _fromisoformat(updated).tzinfo is None):
        return False
    return deleted is None or _fromisoformat(deleted).tzinfo is not None


def _names_ok(names: Any) -> bool:
    if type(names) is not list:
        return False
    return all(type(name) is str for name in names)


def _decisions_ok(table: dict[str, Any], days: set[str]) -> bool:
    try:
        for key, doc in table.items():
            if type(doc) is not dict or not _common_ok(key, doc, days):
                return False
            get = doc.get
            n = doc["n"]
            if type(n) is not int or not 1 <= n <= _MAX_COUNT:
                return False
            if type(doc["text"]) is not str or type(doc["area"]) is not str:
                return False
            if type(get("why", "")) is not str or type(get("next_step", "")) is not str:
                return False
            if not _decision_optional_ok(doc):
                return False
    except _LOOKED_OVER:
        return False
    return True


def _decision_optional_ok(doc: dict[str, Any]) -> bool:
    """A decision's fields that may be null or left out: say, carried_from, certainty, outcome, pulls_expected."""
    get = doc.get
    say, carried, certainty, outcome = get("say"), get("carried_from"), get("certainty"), get("outcome")
    if (say is not None and type(say) is not str) or (carried is not None and type(carried) is not str):
        return False
    if certainty is not None and (type(certainty) is not int or certainty not in _SCALES):
        return False
    if outcome is not None and (type(outcome) is not str or outcome not in _OUTCOMES):
        return False
    names = get("pulls_expected", [])
    if type(names) is not list or (names and not _names_ok(names)):
        return False
    plans, revised_from = get("plans", []), get("revised_from")
    if type(plans) is not list or (plans and not all(_plan_ok(plan) for plan in plans)):
        return False
    if type(get("hard", "")) is not str or type(get("revised_why", "")) is not str:
        return False
    return revised_from is None or (type(revised_from) is str and revised_from in _REVISED_FROM)


def _check_schema4_ok(doc: dict[str, Any]) -> bool:
    """A check's fields from schema 4 (each may be null or left out; a check of schema 3 has none of them)."""
    get = doc.get
    intensity, after, feeling, acted = get("intensity"), get("intensity_after"), get("feeling"), get("acted")
    if intensity is not None and (type(intensity) is not int or not 0 <= intensity <= INTENSITY_MAX):
        return False
    if after is not None and (type(after) is not int or not 0 <= after <= INTENSITY_MAX):
        return False
    if feeling is not None and (type(feeling) is not str or not _one_word(feeling)):
        return False
    if acted is not None and (type(acted) is not str or acted not in _ACTED):
        return False
    pull_at, returned_to, helped = get("pull_at"), get("returned_to", []), get("plan_helped")
    if pull_at is not None and _fromisoformat(pull_at).tzinfo is None:
        return False
    if type(returned_to) is not list or (returned_to and not _RETURNS.issuperset(returned_to)):
        return False
    return helped is None or type(helped) is bool


def _checks_ok(table: dict[str, Any], days: set[str]) -> bool:
    try:
        for key, doc in table.items():
            if type(doc) is not dict or not _common_ok(key, doc, days):
                return False
            get = doc.get
            state = doc["state"]
            if type(doc["decision_id"]) is not str or type(state) is not str or state not in _STATES:
                return False
            if _fromisoformat(doc["at"]).tzinfo is None:
                return False
            if type(get("body", "")) is not str or type(get("return_step", "")) is not str:
                return False
            pulls, patterns = get("pulls", []), get("patterns", [])
            if type(pulls) is not list or type(patterns) is not list:
                return False
            if (pulls and not _names_ok(pulls)) or (patterns and not _names_ok(patterns)):
                return False
            if not _check_schema4_ok(doc):
                return False
    except _LOOKED_OVER:
        return False
    return True


def _reviews_ok(table: dict[str, Any], days: set[str]) -> bool:
    try:
        for key, doc in table.items():
            if type(doc) is not dict or not _common_ok(key, doc, days):
                return False
            get = doc.get
            if type(get("left", "")) is not str or type(get("returned", "")) is not str:
                return False
            if type(get("repair", "")) is not str or type(get("learned", "")) is not str:
                return False
            contact = get("contact")
            if contact is not None and (type(contact) is not int or contact not in _SCALES):
                return False
    except _LOOKED_OVER:
        return False
    return True


_TABLE_OK = {"decisions": _decisions_ok, "checks": _checks_ok, "reviews": _reviews_ok}


def tables_problem(tables: dict[str, Any], *, partial: bool = False, one_year: bool = False) -> str | None:
    """What is wrong with the journal's record tables, in words naming the table, record and field, or None.

    PARTIAL (a range of days only) leaves out the references that may point outside them;
    ONE_YEAR (one file of a journal kept by year) only the carried decisions, which may be in another year.
    """
    days: set[str] = set()
    for kind in KINDS:
        table = tables.get(kind)
        if table is None:
            continue
        if type(table) is not dict:
            return f"has a {kind} table that is not an object"
        if _TABLE_OK[kind](table, days):
            continue
        for key, doc in table.items():  # the words for the first record that fails
            problem = record_problem(kind, key, doc)
            if problem:
                return f"has a {SINGULAR[kind]} it cannot read ({kind} {_shown(key)}: {problem})"
    return references_problem(tables, partial, one_year)


def references_problem(tables: dict[str, Any], partial: bool, one_year: bool = False) -> str | None:
    """A reference that does not resolve or a day number given twice, in words, or None (records already checked).

    PARTIAL (a backup of a range) leaves out references that may point outside it; ONE_YEAR (one year's file) only the carried decisions.
    """
    decisions = tables.get("decisions") or {}
    numbers: dict[tuple[str, int], str] = {}
    for key, doc in decisions.items():
        other = numbers.setdefault((doc["day"], doc["n"]), key)
        if other != key:
            return f"gives number {doc['n']} of {doc['day']} to two decisions ({_shown(other)} and {_shown(key)})"
        carried = doc.get("carried_from")
        if carried is not None and not (partial or one_year) and carried not in decisions:
            return f"has a decision it cannot read (decisions {_shown(key)}: carried_from {_shown(carried)} names no decision)"
    for key, doc in (tables.get("checks") or {}).items():
        decision = decisions.get(doc["decision_id"])
        if decision is None:
            if partial:
                continue
            return f"has a check it cannot read (checks {_shown(key)}: decision_id {_shown(doc['decision_id'])} names no decision)"
        if decision["day"] != doc["day"]:
            return f"has a check it cannot read (checks {_shown(key)}: day {doc['day']} is not its decision's; a check on {doc['day']} for a decision of {decision['day']})"
    return None


# -- keys given twice -------------------------------------------------------------------------


class _Twice(ValueError):
    def __init__(self, key: str, within: dict[str, Any]) -> None:
        super().__init__(key)
        self.key, self.within = key, within


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Twice(key, found)
            seen.add(key)
    return found


def _keys_expected(data: dict[str, Any]) -> int:
    """How many keys the parsed journal or backup holds: tables, records, each record's fields,
    and the fields of the objects a record nests (a decision's if-then plans)."""
    count = len(data)
    for table in data.values():
        kind = type(table)
        if kind is dict:
            count += len(table)
            records = table.values()
        elif kind is list:
            records = table
        else:
            continue
        docs = [doc for doc in records if type(doc) is dict]
        count += sum(map(len, docs))
        # Without these the quick count would always disagree, and every open take the slow parse.
        count += sum(
            len(plan) for doc in docs if type(doc.get("plans")) is list for plan in doc["plans"] if type(plan) is dict
        )
    return count


def duplicate_problem(raw: bytes, tables: dict[str, Any]) -> str | None:
    """A key given twice in RAW (a table, a record, or a field of a record), in words, or None.

    JSON readers keep the last of two equal keys, silently. Cheap when there is none: every
    key in the bytes ends in `":` (one inside a string is escaped, `\\":`), so their count
    equals the keys parsed; only when the two differ is the file parsed again, slowly and
    exactly (also for a nested object, which the quick count leaves out).
    """
    expected = _keys_expected(tables)
    in_bytes = raw.count(b'":')
    if in_bytes == expected or (in_bytes > expected and in_bytes - raw.count(b'\\":') == expected):
        return None
    try:
        import json  # the slow, exact path runs only when the quick count disagrees

        json.loads(raw, object_pairs_hook=_no_twice)
    except _Twice as twice:
        if twice.key in tables:
            return f"holds the table {_shown(twice.key)} twice (a second one would silently replace the first)"
        where = next((name for name, t in tables.items() if type(t) is dict and twice.key in t), None)
        if where is not None:
            return (
                f"holds the record {_shown(twice.key)} twice in {where} (a second one would silently replace the first)"
            )
        record = twice.within.get("id")
        whose = f"the record {_shown(record)}" if type(record) is str else "a record"
        return f"gives {whose} the field {_shown(twice.key)} twice (the second would silently replace the first)"
    except ValueError:
        return None  # what orjson read, json reads too; a difference between them is not this check's to report
    return None


# -- text that came from elsewhere -----------------------------------------------------------


def _char_problem(text: str, multiline: bool) -> str | None:
    """The same rule as typed input (data.validate): no control characters; a note may hold newline and tab."""
    if text.isprintable():
        return None  # the common case, checked in C
    for char in text:
        if multiline and char in "\n\t":
            continue
        if not multiline and char in "\n\r\u2028\u2029":
            return "holds a line break in a one-line field"
        if unicodedata.category(char) == "Cc":
            return f"holds a control character (U+{ord(char):04X})"
    return None


def _length_problem(text: str, limit: int) -> str | None:
    return f"is {len(text):,} characters, more than typing allows ({limit:,})" if len(text) > limit else None


def text_problem(kind: str, doc: dict[str, Any]) -> str | None:
    """Text in a checked record that typing would refuse (a control character, too long, an empty decision), or None."""
    for name, rule in FIELDS[kind].items():
        value = doc.get(name)
        if value is None:
            continue
        if rule in ("line", "line?", "id"):
            problem = _char_problem(value, False) or _length_problem(value, LINE_MAX)
        elif rule == "note":
            problem = _char_problem(value, True) or _length_problem(value, NOTE_MAX)
        elif rule == "word?":
            problem = _char_problem(value, False) or _length_problem(value, NAME_MAX)
        elif rule == "plans":
            problem = next(
                (
                    p
                    for plan in value
                    for text, limit in ((plan["pull"], NAME_MAX), (plan["then"], LINE_MAX))
                    if (p := _char_problem(text, False) or _length_problem(text, limit))
                ),
                None,
            )
        elif rule == "names":
            problem = next(
                (p for item in value if (p := _char_problem(item, False) or _length_problem(item, NAME_MAX))), None
            )
        else:
            continue
        if problem:
            return f"{name} {problem}"
    if kind == "decisions" and all(char.isspace() or unicodedata.category(char) == "Cf" for char in doc["text"]):
        return "text is empty (a decision is a few words)"
    return None
