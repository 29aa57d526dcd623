"""The app-wide line filter that keeps control characters off the terminal.

Apart from the widgets so that the app can use it at start without importing them all.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from data.text import has_control, without_controls


class NoControlCodes(LineFilter):
    """The app-wide safety net: no control character in a drawn line reaches the terminal.

    Screens show stored text through data/text.py, with visible stand-ins; this catches
    whatever a widget draws that was not (a form field filled from a hand-edited journal,
    a message quoting it). Control characters take no cells, so removing them leaves
    every width as it was; segments that are control sequences on purpose are kept.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """SEGMENTS with the control characters taken out of their text."""
        if not has_control("".join([segment.text for segment in segments])):
            return segments  # every line but the odd one: nothing copied
        kept: list[Segment] = []
        for segment in segments:
            if segment.control:
                kept.append(segment)
            elif text := without_controls(segment.text):  # an empty segment is no segment
                kept.append(Segment(text, segment.style))
        return kept
