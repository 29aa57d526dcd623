"""`selftrust export --flavour logseq`: Logseq journal pages, by the command a script would run."""

from __future__ import annotations

from tests.cli.test_export import practice


def test_the_logseq_flavour_writes_journal_pages_whatever_the_pattern(cli):
    practice(cli)
    cli.config.write_text('timezone = "Europe/Berlin"\nexport_pattern = "{weekday} {date}.md"\n', encoding="utf-8")
    out = cli.root / "graph"
    result = cli.ok("export", "--flavour", "logseq", "--out", str(out))
    assert result.out.strip() == f"Exported 4 days to {out}: written 4, unchanged 0, skipped 0."
    assert sorted(p.name for p in out.iterdir()) == ["journals"]
    assert sorted(p.name for p in (out / "journals").iterdir()) == [
        "2026_11_02.md", "2026_11_23.md", "2026_11_26.md", "2026_11_27.md",
    ]  # fmt: skip
    page = (out / "journals" / "2026_11_27.md").read_text(encoding="utf-8")
    assert page.startswith("date:: 2026-11-27\nweekday:: Friday\n") and "\npulls:: fear\n" in page
    assert "# Friday 27 November 2026" in page
    again = cli.ok("export", "--flavour", "logseq", "--out", str(out))
    assert again.out.strip().endswith("written 0, unchanged 4, skipped 0.")
    # The default is today's Obsidian notes, named by the pattern.
    cli.ok("export", "--out", str(cli.root / "vault"))
    assert "Friday 2026-11-27.md" in {p.name for p in (cli.root / "vault").iterdir()}


def test_a_flavour_not_known_is_one_line_and_writes_nothing(cli):
    practice(cli)
    out = cli.root / "graph"
    result = cli("export", "--flavour", "roam", "--out", str(out))
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and "invalid choice: 'roam'" in result.err and "logseq" in result.err
    assert not out.exists()


def test_the_help_says_the_pattern_does_not_apply_to_logseq(cli):
    words = " ".join(cli.ok("export", "--help").out.split())
    assert "--flavour {obsidian,logseq}" in words and "export_pattern does not apply" in words
