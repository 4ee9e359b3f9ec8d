"""Two editors, lease expiry and an administrator's unlock in every order (LCK-1..LCK-4).

``python -m scripts.interleavings`` plays all 1,120 orderings in both modes; the suite
plays a fixed random sample of them, plus the classic stranded-client story.
"""

from __future__ import annotations

from pathlib import Path

from scripts import interleavings


def test_lck_3_interleavings_enumerate_every_ordering() -> None:
    every = interleavings.orderings()
    assert len(every) == 1120 and len(set(every)) == 1120
    for steps in every:
        for user in "AB":
            assert [s for s in steps if s.startswith(user)] == [f"{user}.begin", f"{user}.change",
                                                                  f"{user}.finish"]


def test_lck_3_stranded_holder_never_commits_in_sampled_interleavings(tmp_path: Path) -> None:
    figures = interleavings.run(f"sqlite:///{tmp_path / 'interleave.db'}", sample=30, seed=8)
    assert figures.orderings == 60
    assert figures.violations == []
    assert figures.commits > 0 and figures.refusals["LockedError"] > 0


def test_lck_4_fenced_holder_story_in_both_modes(tmp_path: Path) -> None:
    """A begins, vanishes (lease expires), B takes over and saves; A's late save and finish fail."""
    bench = interleavings.Bench(f"sqlite:///{tmp_path / 'story.db'}")
    try:
        for versioned in (True, False):
            figures = interleavings.Figures()
            story = ("A.begin", "expire", "B.begin", "B.change", "A.change", "A.finish", "B.finish", "unlock")
            bench.play(story, versioned, figures)
            assert figures.violations == []
            assert figures.commits == 4  # A.begin, B.begin, B.change, B.finish
            assert figures.refusals["LockedError"] + figures.refusals["ConflictError"] == 2
    finally:
        bench.close()
