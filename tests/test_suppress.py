"""Suppression comments, front-matter ignores, per-file-ignores and unused suppressions."""
from __future__ import annotations

import json
from pathlib import Path

from lint.cli import main

CITATION = Path(__file__).resolve().parent.parent / "seeds" / "honmou2021.citation.yaml"


def lint(tmp_path: Path, name: str, text: str, capsys, *extra: str) -> list[dict]:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    main(["check", "--format", "json", "--citation", str(CITATION), "--select", "SJ201,SJ101,SJ900", *extra, str(p)])
    out = capsys.readouterr().out
    return json.loads(out)["files"][0]["diagnostics"]


def codes_lines(diags):
    return [(d["code"], d["line"]) for d in diags]


def test_ignore_next_block(tmp_path, capsys):
    text = "<!-- sciencelint: ignore[SJ201] -->\nA phase 2 clinical trial.\n\nA phase 2 clinical trial.\n"
    assert codes_lines(lint(tmp_path, "a.md", text, capsys, "--no-config")) == [("SJ201", 4)]


def test_ignore_without_codes_suppresses_all(tmp_path, capsys):
    text = "<!-- sciencelint: ignore -->\nA phase 2 trial that will cure you.\n"
    assert lint(tmp_path, "a.md", text, capsys, "--no-config") == []


def test_disable_enable_range(tmp_path, capsys):
    text = ("<!-- sciencelint: disable[SJ2] -->\nA phase 2 trial.\n\nA phase 3 trial.\n"
            "<!-- sciencelint: enable[SJ2] -->\n\nA phase 2 trial.\n")
    assert codes_lines(lint(tmp_path, "a.md", text, capsys, "--no-config")) == [("SJ201", 7)]


def test_front_matter_ignore(tmp_path, capsys):
    text = "---\nsciencelint: {ignore: [phase-mismatch]}\n---\nA phase 2 trial.\n"
    assert lint(tmp_path, "a.md", text, capsys, "--no-config") == []


def test_unused_suppression_is_reported(tmp_path, capsys):
    text = "<!-- sciencelint: ignore[SJ101] -->\nA careful sentence.\n"
    diags = lint(tmp_path, "a.md", text, capsys, "--no-config")
    assert codes_lines(diags) == [("SJ900", 1)]
    assert diags[0]["match"] == "<!-- sciencelint: ignore[SJ101] -->" and diags[0]["category"] == "suppression"


def test_per_file_ignores_for_txt(tmp_path, capsys):
    (tmp_path / ".sciencelint.yaml").write_text('per-file-ignores:\n  "notes/*.txt": [SJ201]\n')
    (tmp_path / "notes").mkdir()
    from lint import config

    config.reset()
    assert lint(tmp_path, "notes/a.txt", "A phase 2 trial.\n", capsys) == []
    assert codes_lines(lint(tmp_path, "b.txt", "A phase 2 trial.\n", capsys)) == [("SJ201", 1)]
