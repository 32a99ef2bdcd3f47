"""tools.realstories: ``labelled --labels DIR`` scores a folder of labels other than the default."""
from __future__ import annotations

from support import SHORT_CASE_SERIES_CITATION

from tools.realstories import main


def test_labelled_scores_the_labels_folder_given(tmp_path, capsys):
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "x_paper.md").write_text("# Doctors meet\n\nThe weather was mild on Tuesday.\n", encoding="utf-8")
    (stories / "x_paper.citation.yaml").write_text(SHORT_CASE_SERIES_CITATION, encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "x_paper.yaml").write_text(
        "citation: {}\nfindings:\n  - {category: number, line: 3, match: \"mild\", severity: warning}\n",
        encoding="utf-8")
    assert main(["--dir", str(tmp_path), "labelled", "--labels", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "Labelled real stories: 1 in mine/" in out
    row = next(r for r in out.splitlines() if r.startswith("number "))
    assert row.split()[-3:] == ["0", "1", "0"]  # fp 0, fn 1, second 0
