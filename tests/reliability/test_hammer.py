"""Lost-update hammer on one SQLite file: 8 OS processes, read-modify-write (LCK-4).

The long run is ``python -m scripts.hammer`` (8 x 200 edits); the suite runs 8 x 25.
"""

from __future__ import annotations

from pathlib import Path

from scripts import hammer


def test_lck_4_hammer_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    figures = hammer.run(f"sqlite:///{tmp_path / 'hammer.db'}", processes=8, edits=25, orders=20)
    assert figures.acknowledged == 8 * 25
    assert figures.errors == {} and figures.database_locked == 0
    assert figures.lost_updates == 0 and figures.duplicated_updates == 0
