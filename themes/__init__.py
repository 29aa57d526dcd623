"""The app's style sheets and its own themes: a light one for mornings, a dark one for evenings."""

from pathlib import Path

from textual.theme import Theme

STYLE_SHEET = Path(__file__).with_name("selftrust.tcss")

DAWN = Theme(
    name="selftrust-dawn",
    primary="#3E6E8E",
    secondary="#7A8F6B",
    accent="#B5651D",
    warning="#A66A00",
    error="#A8423A",
    success="#4C7A4C",
    foreground="#2B2A28",
    background="#F6F1E7",
    surface="#EFE8DA",
    panel="#E4DCCB",
    dark=False,
)
"""Morning light: warm paper, quiet ink."""

DUSK = Theme(
    name="selftrust-dusk",
    primary="#8FA9C8",
    secondary="#9DB49A",
    accent="#E0A867",
    warning="#D9A441",
    error="#D0786F",
    success="#8DBF8B",
    foreground="#E6E1D8",
    background="#1C1E26",
    surface="#242733",
    panel="#2E3240",
    dark=True,
)
"""Evening: a low, warm light on a dark room."""

THEMES = (DAWN, DUSK)
