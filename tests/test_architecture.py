"""The architecture, tested: layers import only from below, severity is decided once,
compiled matchers belong to a rule set, and the API is plain picklable data."""
from __future__ import annotations

import ast
import gc
import json
import pickle
import weakref
from pathlib import Path

import pytest

from lint.api import Options, Result, collect, lint_file, lint_files, lint_text, reset_caches
from lint.cli import main

PKG = Path(__file__).resolve().parent.parent / "lint"

# Bottom to top.  A module may import from its own layer and the layers below it.
LAYERS = [
    ("foundation", {"errors", "yamlio", "resources", "registry", "userregex", "findings", "lexicons"}),
    ("document and citation", {"pipeline", "syntax", "document", "citation"}),
    ("language", {"affiliations", "phrases", "context", "species", "claimstrength", "claimmodel", "numbers",
                  "conditions", "names", "institutions", "journals", "cues", "units", "agreement"}),
    ("citation sources", {"cite"}),
    ("analyses", {"analyses"}),
    ("rules and policy", {"rules", "policy", "suppress"}),
    ("checks", {"checks", "grammar"}),
    ("engine", {"engine"}),
    ("workspace", {"config", "workspace"}),
    ("api", {"api"}),
    ("surfaces", {"cli", "server", "output", "__main__"}),
]
LAYER_OF = {name: i for i, (_, names) in enumerate(LAYERS) for name in names}


def _unit(path: Path) -> str:
    """The layer unit of a module: its top-level name under lint/ (packages as a whole)."""
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    """Units of lint/ this module imports (at any depth: lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PKG)
    depth = len(rel.parts) - 1  # 0 for lint/x.py, 1 for lint/checks/x.py
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.split(".")[0] == "lint":
                    parts = node.module.split(".")[1:]
                    out.update([parts[0]] if parts else [a.name for a in node.names])
                continue
            up = node.level - 1  # levels above the module's own package
            if up > depth:
                continue
            prefix = list(rel.parts[: depth - up])
            parts = prefix + (node.module.split(".") if node.module else [])
            out.update([parts[0]] if parts else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "lint" and len(a.name.split(".")) > 1:
                    out.add(a.name.split(".")[1])
    return out


def test_every_module_has_a_layer():
    units = {_unit(p) for p in PKG.rglob("*.py") if p.name != "__init__.py" or p.parent != PKG}
    missing = sorted(u for u in units if u not in LAYER_OF and u != "__init__")
    assert missing == [], f"give these modules a layer in {__file__}: {missing}"


def test_layers_import_only_from_below():
    wrong = []
    for path in sorted(PKG.rglob("*.py")):
        if path == PKG / "__init__.py":
            continue  # the package's public re-exports
        unit = _unit(path)
        for dep in _imports(path):
            if dep in LAYER_OF and dep != unit and LAYER_OF[dep] > LAYER_OF[unit]:
                wrong.append(f"{path.relative_to(PKG.parent)} ({LAYERS[LAYER_OF[unit]][0]}) imports "
                             f"lint.{dep} ({LAYERS[LAYER_OF[dep]][0]})")
    assert wrong == []


# ---- severity: configured base level, then context ------------------------------------

CASE_SERIES = """\
title: Stem cells in spinal cord injury, 13 case series
study: {design: case-series, control: none, subjects: humans, sample_size: 13, condition: spinal cord injury}
"""


@pytest.mark.parametrize("base,sentence,expected", [
    ("error", "The stem cell infusion cured spinal cord injury.", "error"),
    ("error", "The stem cell infusion may cure spinal cord injury.", "warning"),  # hedged: one lower
    ("info", "The stem cell infusion cured spinal cord injury.", "info"),
    ("warning", "The stem cell infusion may cure spinal cord injury.", "info"),
])
def test_configured_severity_is_the_base_that_context_lowers(tmp_path, base, sentence, expected):
    (tmp_path / ".sciencelint.yaml").write_text(f"severity: {{SJ101: {base}}}\n", encoding="utf-8")
    (tmp_path / "draft.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    (tmp_path / "draft.md").write_text(sentence + "\n", encoding="utf-8")
    res = lint_file(str(tmp_path / "draft.md"), Options(select=("SJ101",)))
    assert [(d.code, d.severity) for d in res.diagnostics] == [("SJ101", expected)]


def test_lint_text_applies_the_config_found_from_its_path(tmp_path):
    (tmp_path / ".sciencelint.yaml").write_text("ignore: [SJ101]\n", encoding="utf-8")
    (tmp_path / "draft.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    text = "The stem cell infusion cured spinal cord injury.\n"
    assert [d.code for d in lint_text(text, str(tmp_path / "draft.md")).diagnostics if d.code == "SJ101"] == []
    got = lint_text(text, str(tmp_path / "draft.md"), options=Options(no_config=True)).diagnostics
    assert "SJ101" in [d.code for d in got]


# ---- state with an owner -----------------------------------------------------------------


def test_compiled_matchers_belong_to_the_rule_set_and_go_with_it(tmp_path):
    from lint.rules import load_rules

    (tmp_path / "draft.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    art = tmp_path / "draft.md"
    art.write_text("A phase 2 trial cured spinal cord injury in mice, Dr Smith said.\n", encoding="utf-8")
    rules = load_rules()
    lint_file(str(art))
    n = rules.compiled_count()
    assert n > 0
    for _ in range(3):  # the same rules again: nothing new compiled
        lint_file(str(art))
    assert rules.compiled_count() == n
    ref = weakref.ref(rules)
    del rules
    reset_caches(rules=True)  # a rule or config file edited in the editor
    gc.collect()
    assert ref() is None, "the old rule set (and its matchers) is still referenced"
    lint_file(str(art))  # a new rule set compiles its own


# ---- the API: plain data, a distributed map ------------------------------------------------


def test_options_and_results_are_picklable(tmp_path):
    (tmp_path / "draft.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    (tmp_path / "draft.md").write_text("The infusion cured spinal cord injury.\n", encoding="utf-8")
    opts = Options(select=("SJ1",), min_severity="info")
    res = lint_file(str(tmp_path / "draft.md"), opts)
    assert res.diagnostics
    assert pickle.loads(pickle.dumps(opts)) == opts
    again = pickle.loads(pickle.dumps(res))
    assert isinstance(again, Result) and again.diagnostics == res.diagnostics


def test_lint_files_with_processes_equals_serial(tmp_path):
    for i in range(4):
        (tmp_path / f"d{i}.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
        (tmp_path / f"d{i}.md").write_text(f"Story {i}: the infusion cured spinal cord injury.\n", encoding="utf-8")
    files, errors = collect([str(tmp_path)])
    assert errors == [] and len(files) == 4
    serial = lint_files(files, jobs=1)
    parallel = lint_files(files, jobs=2)
    assert [r.diagnostics for r in serial] == [r.diagnostics for r in parallel]


def test_dask_distributed_map(tmp_path):
    distributed = pytest.importorskip("distributed")
    (tmp_path / "a.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    (tmp_path / "a.md").write_text("The infusion cured spinal cord injury.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("No citation here, but a miracle cure.\n", encoding="utf-8")
    files, _ = collect([str(tmp_path)])
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as client:
        results = client.gather(client.map(lint_file, files, options=Options()))
    assert [r.diagnostics for r in results] == [lint_file(f).diagnostics for f in files]
    assert any(d.code == "SJ101" for d in results[0].diagnostics)


def test_jsonl_one_finding_per_line_with_its_path(tmp_path, capsys):
    (tmp_path / "a.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    (tmp_path / "a.md").write_text("The infusion cured spinal cord injury.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ncitation: missing.yaml\n---\nText.\n", encoding="utf-8")
    code = main(["check", "--no-config", "--format", "jsonl", str(tmp_path)])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 2  # b.md names a citation that is not there
    assert all("path" in x for x in lines)
    assert any(x["path"].endswith("a.md") and x["code"] == "SJ101" for x in lines)
    assert any(x["path"].endswith("b.md") and "missing.yaml" in x["error"]["message"] for x in lines)


def test_sarif_describes_extra_rules(tmp_path, capsys):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "house.yaml").write_text("""\
rules:
  - code: HS101
    name: house-miracle
    category: hype
    severity: warning
    kind: term
    message: '"{match}" is not our style'
    params: {phrases: [wonder drug]}
    docs: {flags: House style, why: Reasons, source: Our style guide, example: A wonder drug., rewrite: A drug.}
""", encoding="utf-8")
    (tmp_path / ".sciencelint.yaml").write_text("extra-rules: [house/]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("A wonder drug, they say.\n", encoding="utf-8")
    main(["check", "--format", "sarif", "--exit-zero", str(tmp_path / "a.md")])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "HS101")
    assert rule["name"] == "house-miracle" and rule["shortDescription"]["text"] == "House style"


def test_unsafe_suggestions_are_not_sarif_fixes_and_safe_ones_are(tmp_path, capsys):
    (tmp_path / "a.citation.yaml").write_text(CASE_SERIES, encoding="utf-8")
    (tmp_path / "a.md").write_text("<!-- sciencelint: ignore[SJ8] -->\nA phase 2 trial of 13 patients.\n",
                                   encoding="utf-8")
    main(["check", "--no-config", "--format", "sarif", "--exit-zero", str(tmp_path / "a.md")])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert "fixes" not in by_rule["SJ201"]  # "case series of 13 patients": a wording to adapt
    assert by_rule["SJ900"]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ""
