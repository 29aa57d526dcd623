"""The app's style sheets and its own themes."""

from pathlib import Path

STYLE_SHEET = Path(__file__).with_name("selftrust.tcss")
