"""The day in Markdown: one fixed, readable page whatever the user typed.

The Day view shows this page and export writes it, so its structure is checked the way
both read it: with markdown-it-py's token stream, in the "gfm-like" preset Textual's
Markdown widget uses and in plain "commonmark".
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from data.daytime import day_heading
from data.markdown import block, day_markdown, inline
from data.models import Check, Decision, Outcome, Review, State
from tests.hostile_text import page_shows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PRESETS = ("gfm-like", "commonmark")
PARSERS = {preset: MarkdownIt(preset) for preset in PRESETS}

DAY = "2026-11-27"
EARLIER = "2026-11-25"
STAMP = "2026-11-27T08:05:00+01:00"

# Every block and inline token the page may contain. Anything else (a code block, HTML,
# a link, a thematic break, an ordered list, emphasis the user typed) is user text that
# escaped its field.
BLOCK_TOKENS = {
    "heading_open",
    "heading_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
}
INLINE_TOKENS = {"text", "strong_open", "strong_close", "hardbreak"}
FORBIDDEN = {"fence", "code_block", "code_inline", "html_block", "html_inline", "hr", "link_open", "image"}

# Our own bold labels, marked with characters the user's text can never hold (control
# characters are shown by stand-ins), so a label and the user's text cannot be confused.
BOLD, END = "\x02", "\x03"


def decision(n: int, text: str, **fields) -> Decision:
    fields.setdefault("area", "Relational Key")
    return Decision(id=f"decision-{n:06d}", created_at=STAMP, updated_at=STAMP, day=DAY, n=n, text=text, **fields)


def check(decision_id: str, at: str, state: State, **fields) -> Check:
    return Check(
        id=f"check-{at}", created_at=at, updated_at=at, decision_id=decision_id, day=DAY, at=at, state=state, **fields
    )


def review(**fields) -> Review:
    return Review(id="review-000001", created_at=STAMP, updated_at=STAMP, day=DAY, **fields)


def full_day() -> tuple[list[Decision], dict[str, list[Check]], Review]:
    """A day with every field filled: two decisions, three checks, a whole review."""
    sam = decision(
        1,
        "Tell Sam the Friday deadline doesn't work for me",
        why="I keep saying yes and then resenting it.\nThe truth is kinder than the resentment.",
        pulls_expected=["disappointment", "fear"],
        certainty=2,
        next_step="Message Sam before the 10:00 stand-up",
        say="Friday doesn't work for me; Monday does.",
        outcome=Outcome.RETURNED,
        carried_from="decision-earlier",
    )
    budget = decision(
        2,
        "Finish the budget draft before lunch",
        area="Inner Foundation",
        why="Focus is something I can give myself.",
        pulls_expected=["familiar"],
        certainty=4,
        next_step="Phone in the drawer, 45 minutes",
        outcome=Outcome.KEPT,
    )
    checks = {
        sam.id: [
            check(
                sam.id,
                "2026-11-27T11:40:00+01:00",
                State.WOBBLING,
                pulls=["disappointment", "guilt"],
                patterns=["softened the truth"],
                body="Tight chest, jaw clenched.\nBreath high and fast.",
                return_step="Send the message as written, no extra explaining.",
            ),
            check(
                sam.id,
                "2026-11-27T15:05:00+01:00",
                State.HOLDING,
                pulls=["approval"],
                patterns=["explained again"],
                body="Shoulders dropped once it was sent.",
                return_step="Stay with what I said; no follow-up message.",
            ),
        ],
        budget.id: [
            check(
                budget.id,
                "2026-11-27T12:30:00+01:00",
                State.CHANGED,
                pulls=["pressure"],
                patterns=["kept checking"],
                body="Restless hands.",
                return_step="Close the inbox and write one paragraph.",
            ),
        ],
    }
    evening = review(
        left="When Sam looked disappointed I started to explain again.",
        returned="I stopped, breathed, and said the line as I'd written it.",
        repair="Told Sam I had cut them off, and why the answer still stands.",
        learned="The pull passes faster when I name it.\nDisappointment is theirs to feel.",
        contact=4,
    )
    return [sam, budget], checks, evening


def full_day_markdown() -> str:
    decisions, checks, evening = full_day()
    return day_markdown(DAY, decisions, checks, evening, carried_from_days={"decision-earlier": EARLIER})


def assert_golden(name: str, text: str) -> None:
    """TEXT equals the reviewed file NAME; SELFTRUST_UPDATE_GOLDEN=1 rewrites it (then read it)."""
    path = FIXTURES / name
    if os.environ.get("SELFTRUST_UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes()


# -- the page as markdown-it reads it ---------------------------------------------------


def is_address(tokens, index: int) -> bool:
    """TOKENS[INDEX] opens or closes a link linkify found on a bare web address the person typed ("gfm-like")."""
    token = tokens[index]
    if token.type == "link_close" and token.markup == "linkify":
        return is_address(tokens, index - 2)
    if token.type != "link_open" or token.markup != "linkify" or index + 2 >= len(tokens):
        return False
    text, close = tokens[index + 1], tokens[index + 2]
    return text.type == "text" and text.content.startswith(("http://", "https://")) and close.type == "link_close"


def inline_text(token) -> str:
    """An inline token as the text a reader sees; bold marked with BOLD ... END; a linked address as its text."""
    parts = []
    for index, child in enumerate(token.children):
        if is_address(token.children, index):
            continue
        assert child.type in INLINE_TOKENS, f"{child.type} in {token.content[:200]!r}"
        parts.append({"strong_open": BOLD, "strong_close": END, "hardbreak": "\n"}.get(child.type, child.content))
    return "".join(parts)


def page(markdown: str, preset: str) -> list[tuple]:
    """The page's blocks in order: ("h", level, text) and ("item", depth, text)."""
    tokens = PARSERS[preset].parse(markdown)
    children = [
        child.type for t in tokens for index, child in enumerate(t.children or ()) if not is_address(t.children, index)
    ]
    found = FORBIDDEN & {t.type for t in tokens} | FORBIDDEN & set(children)
    assert not found, found
    blocks: list[tuple] = []
    depth = 0
    for before, token in zip([None, *tokens], tokens, strict=False):
        assert token.type in BLOCK_TOKENS, token.type
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "paragraph_open":
            assert before is not None and before.type == "list_item_open", "a paragraph outside a list item"
        elif token.type == "inline":
            if before.type == "heading_open":
                blocks.append(("h", int(before.tag[1]), inline_text(token)))
            else:
                blocks.append(("item", depth, inline_text(token)))
    return blocks


def names(listed: list[str]) -> str:
    """Names as the page lists them: comma-separated, empty names left out."""
    return ", ".join(name for name in listed if name)


def field(label: str, value: str, depth: int = 1) -> tuple:
    return ("item", depth, f"{BOLD}{label}:{END} {page_shows(value)}")


def expected_page(day, decisions, checks, evening, carried_from_days=None) -> list[tuple]:
    """The page a reader should see, block by block: the structure the renderer promises."""
    carried_from_days = carried_from_days or {}
    blocks: list[tuple] = [("h", 1, day_heading(dt.date.fromisoformat(day)))]

    def title(d: Decision) -> tuple:
        return ("h", 3, f"{d.n}." + (f" {page_shows(d.text)}" if d.text else ""))

    if decisions:
        blocks.append(("h", 2, "Morning"))
        for d in decisions:
            blocks.append(title(d))
            if d.area:
                blocks.append(field("Area", d.area))
            if d.why:
                blocks.append(field("Why it matters", d.why))
            if names(d.pulls_expected):
                blocks.append(field("Pulls expected", names(d.pulls_expected)))
            if d.certainty is not None:
                blocks.append(field("Certainty", f"{d.certainty} of 5"))
            if d.next_step:
                blocks.append(field("Next step", d.next_step))
            if d.say:
                blocks.append(field("The line to say", d.say))
            if d.carried_from:
                blocks.append(field("Carried forward from", carried_from_days.get(d.carried_from) or "an earlier day"))
    checked = [d for d in decisions if checks.get(d.id)]
    if checked:
        blocks.append(("h", 2, "Midday"))
        for d in checked:
            blocks.append(title(d))
            for c in checks[d.id]:
                blocks.append(("item", 1, f"{BOLD}{c.at[11:16]} — {c.state.label}{END}"))
                if names(c.pulls):
                    blocks.append(field("Pulls", names(c.pulls), 2))
                if names(c.patterns):
                    blocks.append(field("Old patterns", names(c.patterns), 2))
                if c.body:
                    blocks.append(field("What the body noticed", c.body, 2))
                if c.return_step:
                    blocks.append(field("The return", c.return_step, 2))
    evening_items = [
        ("item", 1, f"{BOLD}{d.n}. {page_shows(d.text)}:{END} {d.outcome.label}")
        for d in decisions
        if d.outcome is not None
    ]
    if evening is not None:
        for name, label in (
            ("left", "Where I left myself"),
            ("returned", "Where I returned"),
            ("repair", "Repair"),
            ("learned", "What I learned"),
        ):
            if getattr(evening, name):
                evening_items.append(field(label, getattr(evening, name)))
        if evening.contact is not None:
            evening_items.append(field("Contact", f"{evening.contact} of 5"))
    if evening_items:
        blocks += [("h", 2, "Evening"), *evening_items]
    return blocks


def day_with_text(text: str) -> tuple[list[Decision], dict[str, list[Check]], Review]:
    """A full day with TEXT in every field a person can type, names included."""
    first = decision(
        1,
        text,
        area=text,
        why=text,
        pulls_expected=["fear", text],
        certainty=3,
        next_step=text,
        say=text,
        outcome=Outcome.RETURNED,
        carried_from="decision-earlier",
    )
    second = decision(2, text, why=text, next_step=text)
    checks = {
        first.id: [
            check(
                first.id,
                "2026-11-27T13:15:00+01:00",
                State.WOBBLING,
                pulls=[text, "guilt"],
                patterns=[text],
                body=text,
                return_step=text,
            )
        ],
        second.id: [check(second.id, "2026-11-27T14:00:00+01:00", State.ABANDONED, pulls=[text], body=text)],
    }
    evening = review(left=text, returned=text, repair=text, learned=text, contact=2)
    return [first, second], checks, evening


NASTY = [
    "---",
    "***",
    "___",
    "- - -",
    "# Title",
    "## Title ##",
    "Title #",
    "Title\n===",
    "Title\n---",
    "```\ncode\n```",
    "```python\nprint('x')",
    "~~~\ncode\n~~~",
    "    four spaces: code?",
    "\tA tab first",
    "[link](x)",
    "[ref]: http://example.com\n[ref]",
    "![image](x.png)",
    "<script>alert('x')</script>",
    "<div>\n\nhtml block\n\n</div>",
    "<!-- a comment -->",
    "<http://example.com> and <a@b.co>",
    "https://example.com, www.example.com, a@b.co, example.com",
    "I stayed.No I left.it",
    "1.2.3.4 and 10:30 and http:/x and //localhost",
    "mailto:a@b.c",
    "date: 2026-11-27\ntitle: Not front matter\n---",
    "key: value",
    "  leading spaces",
    "first line\n   indented second line\n\n\nafter two blank lines",
    "- item\n* star\n+ plus\n1. one\n2) two\n10. ten",
    "> a quote\n>> nested",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a \\| b\n:-- | --:",
    "head\n-|-",
    "*em* **strong** _under_ ~~strike~~ `code` ***both***",
    "\\ a backslash, and one at the end \\",
    "a line\\\nbreak and an escaped \\# hash",
    "trailing spaces   ",
    "two spaces at a line end  \nnext line",
    "x" * 10_000,
    "🙂 🧘‍♀️ 👩🏽‍💻 emoji",
    "שלום עולם — مرحبا بالعالم",
    "\u202eRTL override\u202c then \u2067isolate\u2069",
    "control \x00 \x01 \x07 \x1b[31m red \x7f \x85 \x9f",
    "carriage\r\nreturn\rlines",
    "&amp; &#35; &copy; &#0; &bogus;",
    "==highlight== %%comment%% $math$ ^block-id [[wiki]] #tag key:: value ((ref)) {attr}",
    "\u00a0no-break space and ideographic\u3000",
    "\u2028line separator\u2029paragraph separator",
    "\n\nleading newlines",
    "trailing newlines\n\n",
    "\n",
    " ",
    "",
    "a\n \n\tb\n\n",
    "1.\n1)\n-\n+\n*\n#\n>\n=\n|\n:",
    # Links and tags are kept as typed; none of these may open a block, a link or emphasis.
    "#tag\n# tag\n#tag heading?\n##tag\n#1 first",
    "[[Sam]]\n[[Sam]]: https://example.com\n[[Sam]]",
    "[[page]](https://example.com) ![[page]](x.png) [[a]][b] [[a]]((ref))",
    "[[unclosed and [[a]b]] and [[a]]]] and [[[a]]] and [[]] and [[a\nb]]",
    "[[a|b]]\n-|-\n[[c|d]]|e",
    "| [[a|b]] | c |\n|---|---|\n| #x | https://x.co |",
    "[[*em*]] [[_a_]] [[`code`]] [[<b>]] [[&copy;]] [[a\\b]] [[~~s~~]] [[$x$]] [[==h==]]",
    "#_a_ and #b_ and #c__d and #e_/ and #x*y* #<b>",
    "https://x.com/_a_ https://x.com/a*b*c https://x.com/&copy; https://x.com/~~s~~ https://x.com/a_",
    "<https://example.com> [text](https://example.com) (see https://example.com/a_(b)). https://",
    "https://example.com/#tag [[https://x.com]] [[notes.md]] [[a@b.co]] #tag.com a#b x[[y]]z",
    "`#tag` `[[a]]` `https://x.com` **#tag** _[[a]]_",
    "https://example.com \nhttps://example.com\t\nhttps://example.com/a_\nhttps://example.com.\n",
    "https://example.com  ",
]


# -- golden pages -----------------------------------------------------------------------


def test_a_full_day_reads_as_the_reviewed_page():
    assert_golden("day-full.md", full_day_markdown())


def test_a_day_with_only_a_morning_has_only_a_morning():
    morning = [
        decision(
            1,
            "Say no to the extra shift",
            why="Rest is part of the work.",
            certainty=3,
            next_step="Reply to Ana by noon",
        ),
        decision(2, "Go for a walk at lunch", area="Inner Foundation"),
    ]
    markdown = day_markdown(DAY, morning, {}, None)
    assert_golden("day-morning.md", markdown)
    assert [b for b in page(markdown, "gfm-like") if b[0] == "h"] == [
        ("h", 1, "Friday 27 November 2026"),
        ("h", 2, "Morning"),
        ("h", 3, "1. Say no to the extra shift"),
        ("h", 3, "2. Go for a walk at lunch"),
    ]


@pytest.mark.parametrize("preset", PRESETS)
def test_the_full_day_has_every_field_where_it_belongs(preset):
    decisions, checks, evening = full_day()
    expected = expected_page(DAY, decisions, checks, evening, {"decision-earlier": EARLIER})
    assert page(full_day_markdown(), preset) == expected


# -- the page's promises ---------------------------------------------------------------


def test_the_same_records_give_the_same_bytes_ending_in_one_newline():
    first, second = full_day_markdown(), full_day_markdown()
    assert first == second
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert day_markdown(DAY, [], {}, None) == "# Friday 27 November 2026\n"


def test_a_check_shows_the_wall_clock_of_its_own_offset():
    tell = decision(1, "Tell Sam")
    checks = {
        tell.id: [
            check(tell.id, "2026-11-27T23:30:00-05:00", State.HOLDING),
            check(tell.id, "2026-11-28T02:10:00+09:00", State.WOBBLING),
            check(tell.id, "2026-11-27T07:45:00Z", State.CHANGED),
        ]
    }
    markdown = day_markdown(DAY, [tell], checks, None)
    assert "- **23:30 — holding**" in markdown
    assert "- **02:10 — wobbling (pulled, still here)**" in markdown
    assert "- **07:45 — changed my mind**" in markdown


def test_sections_and_fields_with_nothing_in_them_are_left_out():
    bare = decision(1, "Just this", area="")
    checked = decision(2, "And this", outcome=Outcome.KEPT)
    checks = {checked.id: [check(checked.id, "2026-11-27T12:00:00+01:00", State.HOLDING)]}
    markdown = day_markdown(DAY, [bare, checked], checks, review(learned="", contact=None))
    assert markdown == (
        "# Friday 27 November 2026\n"
        "\n"
        "## Morning\n"
        "\n"
        "### 1. Just this\n"
        "\n"
        "### 2. And this\n"
        "\n"
        "- **Area:** Relational Key\n"
        "\n"
        "## Midday\n"
        "\n"
        "### 2. And this\n"
        "\n"
        "- **12:00 — holding**\n"
        "\n"
        "## Evening\n"
        "\n"
        "- **2. And this:** kept\n"
    )


def test_an_evening_alone_is_only_an_evening():
    markdown = day_markdown(DAY, [], {}, review(learned="Rest counts.", contact=5))
    assert (
        markdown
        == "# Friday 27 November 2026\n\n## Evening\n\n- **What I learned:** Rest counts.\n- **Contact:** 5 of 5\n"
    )


def test_deleted_records_never_show():
    gone = decision(1, "Deleted decision", deleted_at=STAMP)
    kept = decision(2, "Kept decision")
    gone_check = check(kept.id, "2026-11-27T12:00:00+01:00", State.HOLDING, deleted_at=STAMP)
    markdown = day_markdown(DAY, [gone, kept], {kept.id: [gone_check]}, review(learned="x", deleted_at=STAMP))
    assert markdown == "# Friday 27 November 2026\n\n## Morning\n\n### 2. Kept decision\n\n- **Area:** Relational Key\n"


def test_a_carried_decision_names_its_day_or_an_earlier_day():
    carried = decision(1, "Call the landlord", carried_from="decision-earlier")
    assert "- **Carried forward from:** 2026-11-25\n" in day_markdown(
        DAY, [carried], {}, None, carried_from_days={"decision-earlier": EARLIER}
    )
    assert "- **Carried forward from:** an earlier day\n" in day_markdown(DAY, [carried], {}, None)


def test_a_note_keeps_its_lines_inside_its_list_item():
    said = decision(1, "Say it", why="First line\nsecond line\n\nafter a blank line")
    markdown = day_markdown(DAY, [said], {}, None)
    assert "- **Why it matters:** First line\\\n  second line\\\n  \\\n  after a blank line\n" in markdown


def test_everyday_punctuation_reads_plainly():
    line = 'Friday doesn\'t work for me; Monday does. Is 10:30 ok? (Yes!) "Sure," she said - fine.'
    markdown = day_markdown(DAY, [decision(1, "Say it", say=line)], {}, None)
    assert f"- **The line to say:** {line}\n" in markdown


def test_notes_app_syntax_stays_text():
    """Obsidian and Logseq read more than CommonMark: highlights, comments, math, tags, links."""
    text = "==hi== %%note%% $x$ [[Sam]] #tag key:: value ((ref)) ^id example.com a@b.co"
    markdown = day_markdown(DAY, [decision(1, "Say it", why=text)], {}, None)
    assert (
        "\\=\\=hi\\=\\= \\%\\%note\\%\\% \\$x\\$ [[Sam]] #tag key\\:: value \\((ref)) \\^id example\\.com a\\@b\\.co"
    ) in markdown


# -- links and tags that work in a notes app ------------------------------------------

KEPT = [
    "[[Sam]]",
    "[[Sam Rivera]]",
    "[[Projects/Budget 2026]]",
    "[[Sam|my manager]]",
    "[[Budget#Draft]]",
    "[[Budget#^para-1]]",
    "[[Budget#Draft|the draft]]",
    "[[self_trust]]",
    "[[Zoë, Amélie & co]]"[:-7] + "]]",  # "[[Zoë, Amélie]]": letters of any script
    "[[שלום]]",
    "https://example.com",
    "http://example.com/path/to?q=1&lang=en#part-2",
    "https://en.wikipedia.org/wiki/Self_trust",
    "https://example.com/~sam/notes",
    "https://example.com/a(b)c",
    "#tag",
    "#nested/tag",
    "#self-trust",
    "#in_the_moment",
    "#2026-review",
    "#été",
]


@pytest.mark.parametrize("kept", KEPT)
def test_links_and_tags_are_written_as_typed(kept):
    """A wikilink, a bare address or a tag reads in Obsidian and Logseq only as typed: no backslash in it."""
    text = f"Talk to {kept} first.\n{kept} again, ({kept}), and {kept}"
    decisions, checks, evening = day_with_text(text)
    markdown = day_markdown(DAY, decisions, checks, evening)
    assert f"Talk to {kept} first." in markdown  # a title, a note's first line, a name
    assert f"  {kept} again, ({kept}), and {kept}" in markdown  # a note's next line starts with it
    for preset in PRESETS:
        assert page(markdown, preset) == expected_page(DAY, decisions, checks, evening)


@pytest.mark.parametrize(
    "typed, written",
    [
        ("[text](https://example.com)", "\\[text\\](https://example.com)"),  # a Markdown link stays text
        ("[[page]](https://example.com)", "[[page]]\\(https://example.com)"),
        ("![[page]](x.png)", "![[page]]\\(x\\.png)"),
        ("[[never closed", "\\[\\[never closed"),
        ("[[a]]b]]", "[[a]]b\\]\\]"),
        ("[[*loud*]]", "\\[\\[\\*loud\\*\\]\\]"),
        ("[[_a_]]", "\\[\\[\\_a\\_\\]\\]"),
        ("[[notes.md]]", "\\[\\[notes\\.md\\]\\]"),  # linkify would read a domain
        ("# tag", "\\# tag"),
        ("#2026", "\\#2026"),  # all digits: not a tag
        ("a#b", "a\\#b"),
        ("#_a_", "\\#\\_a\\_"),
        ("https://example.com/_a_", "https:\\/\\/example\\.com\\/\\_a\\_"),
        ("https://example.com/a*b*", "https:\\/\\/example\\.com\\/a\\*b\\*"),
        ("https://example.com/&copy;", "https:\\/\\/example\\.com\\/\\&copy;"),
        ("<https://example.com>", "\\<https:\\/\\/example\\.com\\>"),  # linkify would read the escape in
        ("https://example.com/a_", "https:\\/\\/example\\.com\\/a\\_"),
        ("see https://example.com.", "see https://example.com."),
        ("(https://example.com/a).", "(https://example.com/a)."),
    ],
)
def test_a_link_or_tag_markdown_could_misread_stays_escaped(typed, written):
    decisions, checks, evening = day_with_text(typed)
    markdown = day_markdown(DAY, decisions, checks, evening)
    assert f"### 1. {written}\n" in markdown
    assert f"- **Why it matters:** {written}\n" in markdown
    for preset in PRESETS:
        assert page(markdown, preset) == expected_page(DAY, decisions, checks, evening)


def test_a_line_of_a_note_may_start_with_a_tag_or_a_link_but_never_a_heading():
    why = "first\n#tag\n# heading\n[[Sam]]\n## heading\nhttps://example.com/a\nlast"
    markdown = day_markdown(DAY, [decision(1, "Say it", why=why)], {}, None)
    assert (
        "- **Why it matters:** first\\\n  #tag\\\n  \\# heading\\\n  [[Sam]]\\\n  \\#\\# heading\\\n"
        "  https://example.com/a  \n  last\n"  # two spaces: linkify would read a backslash into the address
    ) in markdown
    assert [b for b in page(markdown, "commonmark") if b[0] == "h"] == [
        ("h", 1, "Friday 27 November 2026"),
        ("h", 2, "Morning"),
        ("h", 3, "1. Say it"),
    ]


def test_the_renderer_loads_no_interface_and_no_storage():
    loaded = "sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'tinydb', 'tui', 'screens'})"
    code = f"import sys, data.markdown; print({loaded})"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd="/")
    assert result.stdout.strip() == "[]", result.stderr


# -- whatever the user typed stays in its field ----------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("text", NASTY, ids=lambda text: repr(text[:40]))
def test_typed_text_never_changes_the_page(preset, text):
    decisions, checks, evening = day_with_text(text)
    carried = {"decision-earlier": text}
    markdown = day_markdown(DAY, decisions, checks, evening, carried_from_days=carried)
    assert page(markdown, preset) == expected_page(DAY, decisions, checks, evening, carried)


def typed_text() -> st.SearchStrategy[str]:
    """Anything a person (or a pasted file) can type, leaning towards Markdown's own marks."""
    anything = st.characters(exclude_categories=("Cs",))
    marks = st.sampled_from(list("#*_-+=`~<>[]()!\\|:./@&;%$^{}'\" \t\n0123456789\r\x00\u00a0\u2028éא🙂"))
    return st.text(st.one_of(anything, marks, anything), max_size=60)


@hsettings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(typed_text(), min_size=16, max_size=16),
    day=st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
)
def test_arbitrary_text_in_every_field_keeps_the_page_whole(texts, day):
    it = iter(texts)
    first = decision(
        1,
        next(it),
        area=next(it),
        why=next(it),
        pulls_expected=[next(it), "fear"],
        certainty=1,
        next_step=next(it),
        say=next(it),
        outcome=Outcome.ABANDONED,
        carried_from="decision-earlier",
    )
    second = decision(2, next(it), outcome=Outcome.KEPT)
    checks = {
        first.id: [
            check(
                first.id,
                "2026-11-27T13:15:00+01:00",
                State.WOBBLING,
                pulls=[next(it)],
                patterns=[next(it), "said yes"],
                body=next(it),
                return_step=next(it),
            )
        ]
    }
    evening = review(left=next(it), returned=next(it), repair=next(it), learned=next(it), contact=3)
    carried = {"decision-earlier": next(it)}
    markdown = day_markdown(day.isoformat(), [first, second], checks, evening, carried_from_days=carried)
    for preset in PRESETS:
        assert page(markdown, preset) == expected_page(day.isoformat(), [first, second], checks, evening, carried)


def wikilinks() -> st.SearchStrategy[str]:
    word = st.text(st.sampled_from("abcxyzABé0129אß"), min_size=1, max_size=6)
    name = st.lists(word, min_size=1, max_size=3).flatmap(
        lambda words: st.tuples(*[st.sampled_from([" ", "-", "_", "/", "'", ", "]) for _ in words[1:]]).map(
            lambda gaps: words[0] + "".join(gap + w for gap, w in zip(gaps, words[1:], strict=True))
        )
    )
    heading = st.one_of(st.just(""), name.map(lambda h: f"#{h}"), word.map(lambda h: f"#^{h}"))
    alias = st.one_of(st.just(""), name.map(lambda a: f"|{a}"))
    return st.tuples(name, heading, alias).map(lambda parts: f"[[{''.join(parts)}]]")


def addresses() -> st.SearchStrategy[str]:
    label = st.text(st.sampled_from("abcxyz019"), min_size=1, max_size=5)
    segment = st.lists(label, min_size=1, max_size=2).map("_".join)
    host = st.lists(label, min_size=2, max_size=3).map(".".join)
    path = st.lists(segment, max_size=3).map(lambda parts: "".join(f"/{p}" for p in parts))
    query = st.one_of(st.just(""), st.tuples(label, label, label).map(lambda q: f"?{q[0]}={q[1]}&x={q[2]}"))
    return st.tuples(st.sampled_from(["https://", "http://"]), host, path, query).map("".join)


def tags() -> st.SearchStrategy[str]:
    start = st.text(st.sampled_from("abcxyzéא"), min_size=1, max_size=4)
    rest = st.text(st.sampled_from("abc0129"), max_size=4)
    gap = st.sampled_from(["", "/", "-", "_"])
    return st.tuples(start, gap, rest).map(lambda t: "#" + t[0] + (t[1] + t[2] if t[2] else ""))


@hsettings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    kept=st.lists(st.one_of(wikilinks(), addresses(), tags()), min_size=1, max_size=4),
    around=st.lists(
        st.one_of(
            typed_text(),
            st.sampled_from(["[[", "]]", "](x)", "(x)", "# ", "#", "|", "\n", "_", "_a_", "*", "`", "&copy;"]),
        ),
        min_size=5,
        max_size=5,
    ),
)
def test_links_and_tags_among_any_text_are_kept_and_the_page_stays_whole(kept, around):
    """Any text mixing wikilinks, addresses and tags with Markdown's own marks: each link and tag as typed, the page whole."""
    pieces = [around[0]]
    for index, piece in enumerate(kept):
        pieces += [" ", piece, " ", around[index + 1]]
    text = "".join(pieces) + "."
    for piece in kept:
        assert piece in inline(text)  # a title, a name
        assert piece in block(text, "  ")  # a note
    # And run together with no space between, where a mark beside one may unmake it: the page still whole.
    touching = around[0] + "".join(piece + after for piece, after in zip(kept, around[1:], strict=False))
    for mixed in (text, touching):
        decisions, checks, evening = day_with_text(mixed)
        markdown = day_markdown(DAY, decisions, checks, evening)
        for preset in PRESETS:
            assert page(markdown, preset) == expected_page(DAY, decisions, checks, evening)
