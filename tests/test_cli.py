"""The command line: every flag, exit codes, config discovery, per-file errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import SHORT_CASE_SERIES_CITATION

from lint.cli import main

CITATION = SHORT_CASE_SERIES_CITATION
OVERCLAIM = "# Stem cells cure spinal cord injury\n\nNew results from a phase 2 clinical trial of 13 patients.\n"
CAREFUL = "# Stem cells studied in 13 patients\n\nIn a small case series with no control group, 12 improved.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "bad.md").write_text(OVERCLAIM, encoding="utf-8")
    (tmp_path / "bad.citation.yaml").write_text(CITATION, encoding="utf-8")
    (tmp_path / "good.md").write_text(CAREFUL, encoding="utf-8")
    (tmp_path / "good.citation.yaml").write_text(CITATION, encoding="utf-8")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_1_on_errors_and_full_format(tree, capsys):
    code, out, _ = run(capsys, "check", "--no-config", str(tree / "bad.md"))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{tree / 'bad.md'}:1:")
    assert "SJ101 error:" in out or "SJ201 error:" in out
    assert "^" in out and "= evidence: study." in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def test_exit_0_on_careful_article(tree, capsys):
    code, out, _ = run(capsys, "check", "--no-config", "--format", "concise", str(tree / "good.md"))
    assert code == 0, out


def test_concise_is_one_line_per_finding(tree, capsys):
    code, out, _ = run(capsys, "check", "--no-config", "--format", "concise", str(tree / "bad.md"))
    lines = out.strip().splitlines()
    assert all(": SJ" in line for line in lines[:-1])
    assert lines[-1].startswith("Found ")


def test_json_shape(tree, capsys):
    code, out, _ = run(capsys, "check", "--no-config", "--format", "json", str(tree))
    doc = json.loads(out)
    assert doc["version"] == 1 and set(doc) == {"version", "files", "summary"}
    assert set(doc["summary"]) == {"files", "errors", "warnings", "infos"}
    by_path = {f["path"]: f for f in doc["files"]}
    bad = by_path[str(tree / "bad.md")]
    assert bad["citation"].endswith("bad.citation.yaml")
    d = bad["diagnostics"][0]
    assert list(d) == ["line", "column", "end_line", "end_column", "code", "name", "category", "severity",
                       "message", "match", "evidence", "replacements", "fix"]  # "fix": our documented extension
    assert d["fix"] in (None, "safe", "unsafe") and (d["fix"] is None) == (not d["replacements"])
    src = (tree / "bad.md").read_text().splitlines()
    for d in bad["diagnostics"]:
        if d["match"]:
            assert src[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1] == d["match"]


def test_select_ignore_min_severity(tree, capsys):
    _, out, _ = run(capsys, "check", "--no-config", "--format", "json", "--select", "SJ201", str(tree / "bad.md"))
    codes = {d["code"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert codes == {"SJ201"}
    _, out, _ = run(capsys, "check", "--no-config", "--format", "json", "--ignore", "design,SJ1", str(tree / "bad.md"))
    codes = {d["code"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert not any(c.startswith(("SJ1", "SJ2")) for c in codes)
    _, out, _ = run(capsys, "check", "--no-config", "--format", "json", "--min-severity", "error", str(tree / "bad.md"))
    sev = {d["severity"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert sev == {"error"}


def test_unknown_selector_is_usage_error(tree, capsys):
    code, _, err = run(capsys, "check", "--no-config", "--select", "SJ999", str(tree / "bad.md"))
    assert code == 2 and "unknown rule code or name 'SJ999'" in err


def test_fail_on_and_exit_zero(tree, capsys):
    assert run(capsys, "check", "--no-config", "--fail-on", "never", str(tree / "bad.md"))[0] == 0
    assert run(capsys, "check", "--no-config", "--exit-zero", str(tree / "bad.md"))[0] == 0
    # the careful article has only infos at most: failing on info may or may not trigger,
    # failing on error must not
    assert run(capsys, "check", "--no-config", "--fail-on", "error", str(tree / "good.md"))[0] == 0
    code, out, _ = run(capsys, "check", "--no-config", "--fail-on", "warning", "--select", "SJ7",
                       str(tree / "bad.md"))
    assert code == 1  # missing-caveat warnings


def test_citation_flag_overrides_sidecar(tree, capsys):
    other = tree / "other.yaml"
    other.write_text(CITATION.replace("design: case-series", "design: rct").replace("phase: null", "phase: 2")
                     .replace("control: none", "control: placebo").replace("sample_size: 13", "sample_size: 500"))
    _, out, _ = run(capsys, "check", "--no-config", "--format", "json", "--citation", str(other), str(tree / "bad.md"))
    f = json.loads(out)["files"][0]
    assert f["citation"] == str(other)
    assert not any(d["code"] == "SJ201" for d in f["diagnostics"])


def test_front_matter_citation(tmp_path, capsys):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "p.yaml").write_text(CITATION)
    (tmp_path / "a.md").write_text("---\ncitation: papers/p.yaml\n---\n" + OVERCLAIM)
    _, out, _ = run(capsys, "check", "--no-config", "--format", "json", str(tmp_path / "a.md"))
    f = json.loads(out)["files"][0]
    assert f["citation"].endswith(os.path.join("papers", "p.yaml"))
    d = next(d for d in f["diagnostics"] if d["code"] == "SJ201")
    assert d["line"] == 6  # front matter lines count


def test_missing_citation_names_where_it_was_named(tmp_path, capsys):
    """A citation file named in front matter or config that does not exist: the message
    points at the line that names it; the other articles are still linted."""
    (tmp_path / "a.md").write_text("---\ntitle: Draft\ncitation: papers/gone.yaml\n---\n" + OVERCLAIM)
    (tmp_path / "b.md").write_text(OVERCLAIM)
    (tmp_path / "b.citation.yaml").write_text(CITATION)
    code, out, err = run(capsys, "check", "--no-config", "--format", "json", str(tmp_path))
    assert code == 2
    files = {f["path"]: f for f in json.loads(out)["files"]}
    a = str(tmp_path / "a.md")
    assert files[a]["error"]["message"] == (
        f"{a}:3:1: front matter names citation file 'papers/gone.yaml', which was not found "
        f"({os.path.join(str(tmp_path), 'papers/gone.yaml')})")
    assert files[str(tmp_path / "b.md")]["diagnostics"]

    cfg_dir = tmp_path / "cfg"
    cfg_dir.mkdir()
    (cfg_dir / ".sciencelint.yaml").write_text("fail-on: error\ncitation: missing.yaml\n")
    (cfg_dir / "c.md").write_text(OVERCLAIM)
    code, _, err = run(capsys, "check", str(cfg_dir / "c.md"))
    assert code == 2
    assert err.strip() == (f"sciencelint: error: {cfg_dir / '.sciencelint.yaml'}:2: citation file "
                           f"{cfg_dir / 'missing.yaml'} (named in the config, used for {cfg_dir / 'c.md'}) was not found")


def test_bad_citation_is_a_file_error_others_still_linted(tree, capsys):
    (tree / "bad.citation.yaml").write_text(CITATION.replace("journal:", "jornal:"))
    code, out, err = run(capsys, "check", "--no-config", "--format", "json", str(tree))
    assert code == 2
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files[str(tree / "bad.md")]["error"]["message"] == \
        f"{tree / 'bad.citation.yaml'}:2:1: unknown key 'jornal' (did you mean 'journal'?)"
    assert "diagnostics" in files[str(tree / "good.md")]
    assert err.count("\n") == 1 and "jornal" in err


def test_missing_path_and_no_citation_note(tmp_path, capsys):
    (tmp_path / "lone.md").write_text("A miraculous, groundbreaking result.\n")
    code, out, err = run(capsys, "check", "--no-config", "--format", "json",
                         str(tmp_path / "lone.md"), str(tmp_path / "nope.md"))
    assert code == 2
    files = json.loads(out)["files"]
    assert files[0]["error"]["message"].endswith("nope.md: no such file or folder")
    assert "rules that compare with the paper were skipped" in files[1]["notes"][0]
    assert any(d["category"] == "hype" for d in files[1]["diagnostics"])


def test_stdin_with_filename_resolves_sidecar(tree, monkeypatch, capsys):
    import io

    data = OVERCLAIM.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "check", "--no-config", "--format", "json", "-",
                       "--stdin-filename", str(tree / "bad.md"))
    f = json.loads(out)["files"][0]
    assert f["path"] == str(tree / "bad.md") and f["citation"].endswith("bad.citation.yaml")
    assert code == 1


def test_config_discovery_yaml_and_pyproject(tree, capsys):
    sub = tree / "drafts" / "deep"
    sub.mkdir(parents=True)
    (sub / "x.md").write_text(OVERCLAIM)
    (tree / "paper.yaml").write_text(CITATION)
    (tree / ".sciencelint.yaml").write_text("citation: paper.yaml\nselect: [SJ201]\n")
    _, out, _ = run(capsys, "check", "--format", "json", str(sub / "x.md"))
    f = json.loads(out)["files"][0]
    assert f["citation"].endswith("paper.yaml")
    assert {d["code"] for d in f["diagnostics"]} == {"SJ201"}
    # a nearer pyproject.toml with [tool.sciencelint] wins
    (tree / "drafts" / "pyproject.toml").write_text('[tool.sciencelint]\ncitation = "../paper.yaml"\nselect = ["SJ101"]\n')
    from lint import config
    config.reset()
    _, out, _ = run(capsys, "check", "--format", "json", str(sub / "x.md"))
    assert {d["code"] for d in json.loads(out)["files"][0]["diagnostics"]} == {"SJ101"}


def test_config_errors_name_file_and_line(tree, capsys):
    from lint import config

    config.reset()
    (tree / ".sciencelint.yaml").write_text("format: json\nselct: [SJ1]\n")
    code, out, err = run(capsys, "check", str(tree / "bad.md"))
    assert code == 2
    assert f"{tree / '.sciencelint.yaml'}:2:1: unknown config key 'selct' (did you mean 'select'?)" in out + err
    (tree / ".sciencelint.yaml").write_text("ignore: [SJ999]\n")
    config.reset()
    code, out, err = run(capsys, "check", str(tree / "bad.md"))
    assert code == 2 and "unknown rule code or name 'SJ999'" in out + err
    (tree / ".sciencelint.yaml").write_text("fail-on: sometimes\n")
    config.reset()
    code, _, err = run(capsys, "check", str(tree / "bad.md"))
    assert code == 2 and "'fail-on' must be one of" in err


def test_config_flag_and_show_config(tree, capsys):
    cfg = tree / "custom.yaml"
    cfg.write_text("fail-on: never\nseverity: {SJ201: info}\n")
    code, out, _ = run(capsys, "check", "--config", str(cfg), "--format", "json", str(tree / "bad.md"))
    assert code == 0
    sev = {d["code"]: d["severity"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert sev.get("SJ201") == "info"
    code, out, _ = run(capsys, "check", "--config", str(cfg), "--show-config", "--format", "concise")
    assert code == 0
    assert f'fail-on = "never"    # {cfg}:1' in out
    assert 'format = "concise"    # --format' in out
    assert 'min-severity = "info"    # default' in out


def test_missing_config_or_citation_flag_file(tree, capsys):
    assert run(capsys, "check", "--config", str(tree / "none.yaml"), str(tree))[0] == 2
    code, _, err = run(capsys, "check", "--citation", str(tree / "none.yaml"), str(tree))
    assert code == 2 and "citation file not found" in err


def test_rules_and_rule_docs(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "SJ201" in out and "phase-mismatch" in out
    code, out, _ = run(capsys, "rule", "SJ201")
    assert code == 0
    for heading in ("What it flags", "Why it matters", "Source:", "Example that triggers it", "Rewrite that does not"):
        assert heading in out
    assert run(capsys, "rule", "phase-mismatch")[0] == 0
    code, _, err = run(capsys, "rule", "SJ2O1")
    assert code == 2 and "did you mean SJ201" in err


def test_bad_flags_are_one_line_exit_2():
    for args in (["check", "--bogus"], ["check", "--format", "xml", "x.md"], ["nope"]):
        p = subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, text=True)
        assert p.returncode == 2, args
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert "Traceback" not in p.stderr


def test_jobs_output_identical_to_serial(tree, capsys):
    for i in range(4):
        (tree / f"copy{i}.md").write_text(OVERCLAIM)
        (tree / f"copy{i}.citation.yaml").write_text(CITATION)
    _, serial, _ = run(capsys, "check", "--no-config", "--format", "json", str(tree))
    _, parallel, _ = run(capsys, "check", "--no-config", "--format", "json", "--jobs", "2", str(tree))
    assert serial == parallel


def test_invalid_utf8_and_binary_files_are_errors(tmp_path, capsys):
    (tmp_path / "a.md").write_bytes(b"fine text\n\xff\xfe\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.md").write_text("A remarkable result.\n")
    code, out, err = run(capsys, "check", "--no-config", "--format", "json", str(tmp_path))
    assert code == 2
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert "not valid UTF-8" in files["a.md"]["error"]["message"] and ":2:" in files["a.md"]["error"]["message"]
    assert "binary" in files["b.txt"]["error"]["message"]
    assert "diagnostics" in files["c.md"]


def test_console_script_runs_the_seeds():
    root = Path(__file__).resolve().parent.parent
    p = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "concise", "seeds/"],
                       capture_output=True, text=True, cwd=root)
    assert p.returncode == 1
    assert "seeds/002_de85fb12247f8ade.txt:7:118: SJ201 error" in p.stdout, p.stdout


def test_automatic_jobs_only_for_big_runs():
    from lint.api import AUTO_JOBS_MIN_FILES, auto_jobs

    assert auto_jobs(1) == 1 and auto_jobs(AUTO_JOBS_MIN_FILES - 1) == 1
    assert 1 <= auto_jobs(600) <= (os.cpu_count() or 1)
    if (os.cpu_count() or 1) > 1:
        assert auto_jobs(600) > 1


def test_show_config_reports_run_wide_keys_from_where_the_run_starts(tmp_path, capsys, monkeypatch):
    # a run started in tmp_path uses tmp_path's format/fail-on even for an article whose own
    # folder has a config saying otherwise: --show-config must say what the run will use
    (tmp_path / ".sciencelint.yaml").write_text("format: concise\nfail-on: warning\n", encoding="utf-8")
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / ".sciencelint.yaml").write_text("format: json\nfail-on: info\nselect: [SJ1]\n", encoding="utf-8")
    (sub / "a.md").write_text("Text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--show-config", "desk/a.md")
    assert code == 0
    values = {ln.split(" = ")[0]: ln for ln in out.splitlines() if " = " in ln}
    assert values["format"].startswith('format = "concise"') and str(tmp_path / ".sciencelint.yaml") in values["format"]
    assert values["fail-on"].startswith('fail-on = "warning"')
    assert values["select"].startswith('select = ["SJ1"]')  # per-article keys: the article's config
    assert "run-wide keys" in out


def test_claim_model_setting(tree, capsys, monkeypatch):
    cfg = tree / "model.yaml"
    cfg.write_text("fail-on: never\nclaim-model: maybe\n")
    code, _, err = run(capsys, "check", "--config", str(cfg), str(tree / "bad.md"))
    assert code == 2 and f"{cfg}:2:" in err and "'claim-model' must be one of auto, on, off, not 'maybe'" in err
    # a bare YAML on/off is a boolean; it means the same as the words
    cfg.write_text("fail-on: never\nclaim-model: off\n")
    code, out, _ = run(capsys, "check", "--config", str(cfg), "--show-config")
    assert code == 0 and f'claim-model = "off"    # {cfg}:2' in out and "# claim-strength model: " in out
    assert run(capsys, "check", "--config", str(cfg), str(tree / "bad.md"))[0] == 0
    # required but switched off: one line naming the setting, exit 2, no traceback
    monkeypatch.setenv("SCIENCELINT_CLAIM_MODEL", "off")
    cfg.write_text("fail-on: never\nclaim-model: 'on'\n")
    code, _, err = run(capsys, "check", "--config", str(cfg), str(tree / "bad.md"), str(tree / "good.md"))
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert all("Traceback" not in line for line in lines)
    assert any(f"{cfg}:2" in line and "claim-model is on but the claim-strength model is not available" in line
               for line in lines)
