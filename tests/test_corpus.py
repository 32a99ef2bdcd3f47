"""The labelled corpus (tests/corpus): precision and recall per category must not regress.

Floors sit a little under the figures measured when they were set (README, Accuracy);
the corpus is small, so one finding moves a category by several points.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tools.evaluate import _prf_counts, score_corpus

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def scored():
    return score_corpus(HERE / "corpus")


FLOORS = {  # category: (precision, recall)
    "overclaim": (0.85, 0.70),
    "causal": (0.75, 0.45),
    "extrapolation": (0.75, 0.45),
    "design": (0.85, 0.65),
    "number": (0.85, 0.70),
    "attribution": (0.85, 0.70),
    "caveat": (0.85, 0.75),
    "hype": (0.85, 0.55),
}


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_category_floor(scored, category):
    p, r, _ = _prf_counts(scored["stats"][category])
    fp, fr = FLOORS[category]
    assert p >= fp and r >= fr, (category, round(p, 2), round(r, 2), scored["details"])


def test_no_article_errors(scored):
    assert not [d for d in scored["details"] if "ERROR" in d]


def test_negative_controls_get_no_error_or_warning():
    from lint.api import lint_file as lint_path

    for name in ("01_factor_xi_phase3.md", "06_rsv_vaccine_phase3.txt", "08_heat_kidney_admissions.md",
                 "11_strength_training_depression_meta.md", "17_psilocybin_anorexia_phase1.md"):
        res = lint_path(str(HERE / "corpus" / name))
        assert res.error is None
        loud = [(d.line, d.code, d.match) for d in res.diagnostics if d.severity != "info"]
        assert loud == [], (name, loud)
