"""The labelled real stories (``tests/real_stories/labels*/``) are well formed: each label
file names a story in ``../shared/real-stories``, its study facts merge into that story's
citation and load, and every finding or near-miss with a line quotes words that stand on
that line.  (Skipped where ``../shared`` is absent: the stories are not ours to copy.)"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lint.citation import CitationError, parse_citation

HERE = Path(__file__).resolve().parent
STORIES = HERE.parent.parent / "shared" / "real-stories" / "stories"
FOLDERS = sorted(p for p in (HERE / "real_stories").glob("labels*") if p.is_dir())
LABELS = [f for folder in FOLDERS for f in sorted(folder.glob("*.yaml"))]
CATEGORIES = {"overclaim", "causal", "extrapolation", "design", "number", "attribution", "caveat", "hype"}

pytestmark = pytest.mark.skipif(not STORIES.is_dir(), reason="../shared/real-stories is not here")


def test_there_are_eleven_labelled_sets():
    assert [f.name for f in FOLDERS] == ["labels", "labels-eighth", "labels-eleventh", "labels-fifth", "labels-fourth",
                                         "labels-fresh", "labels-ninth", "labels-seventh", "labels-sixth", "labels-tenth",
                                         "labels-third"]
    assert len(LABELS) >= 340  # 50 + 30 + 37 + 36 + 35 + 36 + 40 + 28 + 24 + 12 + 12


@pytest.mark.parametrize("label", LABELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_label_file_is_well_formed(label: Path):
    spec = yaml.safe_load(label.read_text(encoding="utf-8")) or {}
    assert set(spec) <= {"citation", "findings", "near_misses"}
    story = STORIES / f"{label.stem}.md"
    assert story.is_file(), f"no story {story.name}"
    citation = yaml.safe_load(story.with_suffix(".citation.yaml").read_text(encoding="utf-8"))
    citation.update(spec.get("citation") or {})
    try:  # the merged citation loads as the labelled run will load it
        parse_citation(yaml.safe_dump(citation, sort_keys=False, allow_unicode=True), label.name)
    except CitationError as exc:
        pytest.fail(str(exc))
    lines = story.read_text(encoding="utf-8").split("\n")
    for kind in ("findings", "near_misses"):
        for item in spec.get(kind) or []:
            assert item.get("category") in CATEGORIES, item
            if kind == "findings":
                assert item.get("severity", "warning") in ("error", "warning", "info"), item
            if item.get("line") is not None:
                assert 1 <= item["line"] <= len(lines), item
                assert item["match"] in lines[item["line"] - 1], f"{kind}: {item['match']!r} not on line {item['line']}"
            elif kind == "findings":
                assert item.get("category") == "caveat" and item.get("name"), item  # a document-level caveat
