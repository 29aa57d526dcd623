"""The page of one day: its Markdown drawn as a single widget, on screen in the Day view's first frame.

A Textual `Markdown` widget mounts a widget per block (a day is dozens) and parses in the
background, so the Day view showed a blank screen first; this draws the same Markdown
(CommonMark, as the notes are written) in one pass.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the page: a heading, a paragraph or a list item's paragraph, as it is drawn."""

    kind: str  # "h1".."h6", "text" or "rule"
    text: Text
    indent: int = 0  # columns before the marker
    marker: str = ""  # "• " or "2. " on a list item's first paragraph
    hang: int = 0  # the marker's width: wrapped lines start under the text, not under the marker
    gap: bool = False  # a blank line before it


@functools.cache
def parser() -> MarkdownIt:
    """The one Markdown parser, built on first use."""
    # CommonMark, as the notes are written (no links to find, no tables): built once, on the first day shown.
    return MarkdownIt("commonmark").enable("strikethrough")


_INLINE_STYLES = {"strong": Style(bold=True), "em": Style(italic=True), "s": Style(strike=True)}


def _inline(children: Sequence[Token]) -> Text:
    """An inline token's children as styled text: bold, italic, struck, code; breaks kept."""
    text = Text()
    styles: list[Style] = []
    for child in children:
        kind = child.type
        if kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
            styles.append(_INLINE_STYLES[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
            if styles:
                styles.pop()
        elif kind == "softbreak":
            text.append(" ")
        elif kind == "hardbreak":
            text.append("\n")
        elif kind == "code_inline":
            text.append(child.content, Style(bold=True))
        elif kind == "image":
            text.append(child.content or "image")
        elif kind in ("text", "html_inline"):
            text.append(child.content, Style.combine(styles) if styles else None)
    return text


def page_blocks(markdown: str) -> list[Block]:
    """MARKDOWN as the blocks the Day view draws, parsed once (a day is a few dozen blocks)."""
    blocks: list[Block] = []
    lists: list[list[int]] = []  # each open list: [next number (0 for bullets), its marker's width]
    marker = ""
    heading = ""
    list_begins = False  # a list at the top level opened: its first item stands apart from what came before
    for token in parser().parse(markdown):
        kind = token.type
        if kind == "heading_open":
            heading = token.tag
        elif kind == "heading_close":
            heading = ""
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(str(token.attrs.get("start", 1))) if kind == "ordered_list_open" else 0
            list_begins = list_begins or not lists
            lists.append([start, 2])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            number = lists[-1][0]
            marker = f"{number}. " if number else "• "
            lists[-1][1] = len(marker)
            if number:
                lists[-1][0] += 1
        elif kind in ("inline", "fence", "code_block", "html_block", "hr"):
            indent = sum(width for _, width in lists[:-1])
            if kind == "inline":
                text = _inline(token.children or [])
            elif kind == "hr":
                text = Text("")
            else:
                text = Text(token.content.rstrip("\n"))
            blocks.append(
                Block(
                    kind=heading or ("rule" if kind == "hr" else "text"),
                    text=text,
                    indent=indent if lists else 0,
                    marker=marker,
                    hang=lists[-1][1] if lists else 0,
                    gap=bool(blocks) and (bool(heading) or not lists or list_begins),
                )
            )
            marker, list_begins = "", False
    return blocks


class _Page:
    """The blocks drawn at the width there is, each list item's wrapped lines hanging under its text."""

    def __init__(self, blocks: list[Block], styles: dict[str, Style]) -> None:
        self.blocks, self.styles = blocks, styles
        self._drawn: dict[int, list[Text]] = {}  # by width: Textual asks for the height, then the lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width not in self._drawn:
            self._drawn[width] = list(self._lines(console, width))
        yield from self._drawn[width]

    def _lines(self, console: Console, width: int) -> Iterator[Text]:
        for block in self.blocks:
            if block.gap:
                yield Text("")
            if block.kind == "h2" and block.gap:  # a part of the day (Morning, Midday, Evening) stands further apart
                yield Text("")
            style = self.styles.get(block.kind, Style())
            if block.kind == "rule":
                yield Text("─" * width, self.styles["bullet"])
                continue
            text = block.text.copy()
            text.stylize(style)
            room = max(width - block.indent - block.hang, 8)
            lines = text.wrap(console, room, justify="center" if block.kind == "h1" else "left")
            for index, line in enumerate(lines):
                lead = Text(" " * block.indent)
                lead.append(block.marker if index == 0 and block.marker else " " * block.hang, self.styles["bullet"])
                yield lead + line


class DayPage(Widget):
    """One day's Markdown drawn as a single widget: on screen in the same frame as the Day view."""

    DEFAULT_CSS = """
    DayPage { height: auto; }
    DayPage > .day-page--h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
    DayPage > .day-page--h2 { color: $markdown-h2-color; text-style: $markdown-h2-text-style; }
    DayPage > .day-page--h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
    DayPage > .day-page--bullet { color: $text-primary; }
    DayPage:light > .day-page--bullet { color: $text-secondary; }
    """
    COMPONENT_CLASSES = {"day-page--h1", "day-page--h2", "day-page--h3", "day-page--bullet"}

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.markdown = markdown
        self.blocks = page_blocks(markdown)
        self._page: _Page | None = None

    def update(self, markdown: str) -> None:
        """Show MARKDOWN instead."""
        self.markdown = markdown
        self.blocks = page_blocks(markdown)
        self._page = None
        self.refresh(layout=True)

    def render(self) -> _Page:
        styles = {name: self.get_component_rich_style(f"day-page--{name}") for name in ("h1", "h2", "h3", "bullet")}
        if self._page is None or self._page.styles != styles:  # a new day, or a new theme
            self._page = _Page(self.blocks, styles)
        return self._page


def prepare() -> None:
    """Read what the Day view needs before it is asked for (the parser, the notes' writer), off the screen's thread."""
    import data.notes  # noqa: F401  (the day's Markdown is written there)

    parser().parse("# A day\n\n- **Area:** x\n")
