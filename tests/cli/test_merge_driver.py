"""`selftrust merge-driver` under a real `git merge`, and `doctor` naming a sync tool's copy."""

from __future__ import annotations

import shutil
import subprocess

from data.store import Store
from tests.unit.test_conflicts import NAMES, TODAY, two_machines


def git(folder, *args):
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done
    return done


def test_git_merges_two_branches_that_each_added_and_edited_entries(tmp_path, cli):
    repo = tmp_path / "repo"
    a, b = two_machines(tmp_path, start=repo)
    git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Sam"), ("user.email", "sam@example.org"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    git(repo, "config", "merge.selftrust.driver", f"'{cli.command}' merge-driver %O %A %B")
    (repo / ".gitattributes").write_text("journal*.json merge=selftrust\n")
    (repo / ".gitignore").write_text("backups/\n*.lock\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the journal both machines began from")
    for branch, side in (("laptop", a), ("desktop", b)):
        git(repo, "checkout", "-q", "-b", branch, "main")
        for name in ("journal.json", "journal.2025.json"):
            shutil.copy(side / name, repo / name)
        git(repo, "commit", "-qam", f"the {branch}'s day")
    git(repo, "checkout", "-q", "laptop")
    merged = subprocess.run(["git", "merge", "-q", "desktop"], cwd=repo, capture_output=True, text=True, timeout=60)
    assert merged.returncode == 0, merged
    store = Store(repo / "journal.json")
    decisions = store.all_decisions()
    assert sorted(d.text for d in decisions) == [
        "from A",
        "from B",
        "old one, edited on B",
        "shared, edited on B later",
    ]
    assert sorted(d.n for d in decisions if d.day == TODAY.isoformat()) == [1, 2, 3]
    assert len(store.all_checks()) == 1


def test_a_version_that_does_not_read_is_a_conflict_for_git_with_one_line(tmp_path, cli):
    a, b = two_machines(tmp_path)
    ours = tmp_path / "ours.json"
    ours.write_bytes((a / "journal.json").read_bytes()[:-10])
    before = ours.read_bytes()
    result = cli("merge-driver", str(b / "journal.json"), str(ours), str(b / "journal.json"))
    assert result.code == 1
    assert len(result.err_lines) == 1 and "our version is damaged" in result.err
    assert ours.read_bytes() == before


def test_doctor_names_a_copy_and_what_it_would_bring_and_merges_nothing(tmp_path, cli):
    a, b = two_machines(tmp_path)
    cli.db = a / "journal.json"
    copy = a / NAMES["Nextcloud"][0]
    damaged = a / NAMES["Syncthing"][0]
    shutil.copy(b / "journal.json", copy)
    damaged.write_text("{")
    before = (a / "journal.json").read_bytes()
    result = cli("doctor")
    # B's new decision and B's later edit of the shared one; A's own check is here already.
    assert f"{copy.name} (Nextcloud): the next start of selftrust merges it (2 decisions)" in result.out
    assert f"{damaged.name} is damaged" in result.out and "left as it is" in result.out
    assert copy.exists() and damaged.exists() and (a / "journal.json").read_bytes() == before
