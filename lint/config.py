"""Configuration: ``.sciencelint.yaml`` or ``[tool.sciencelint]`` in ``pyproject.toml``,
found by walking up from each linted file (the nearest one wins; no merging), or given
with ``--config``.  Command-line options override config values.

Keys (kebab-case)::

    citation: paper.yaml          # for articles that name no citation themselves
    format: full                  # full | concise | json | sarif | github
    select: [SJ1, design]         # codes, code prefixes, rule names or categories
    ignore: [SJ107]
    min-severity: info            # error | warning | info
    fail-on: error                # error | warning | info | never
    exit-zero: false
    severity: {SJ106: info}       # per-rule severity override
    per-file-ignores: {"notes/*.txt": [SJ8]}
    extra-rules: [my-rules/]      # more rule files or folders, relative to the config
    jobs: 1
    nlp: {model: en_core_web_sm}  # optional installed spaCy pipeline
    grammar: false
    languagetool: {server: "http://localhost:8081", directory: null, language: en-US}
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import yamlio
from .claimmodel import MODES as CLAIM_MODEL_MODES
from .errors import ConfigError
from .rules import SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMATS = ("full", "concise", "json", "jsonl", "sarif", "github")
FAIL_ON = ("error", "warning", "info", "never")
KEYS = {
    "citation": str,
    "format": str,
    "select": list,
    "ignore": list,
    "min-severity": str,
    "fail-on": str,
    "exit-zero": bool,
    "severity": dict,
    "per-file-ignores": dict,
    "extra-rules": list,
    "jobs": int,
    "nlp": dict,
    "grammar": bool,
    "languagetool": dict,
    "claim-model": str,
}
SUBKEYS = {"nlp": {"model"}, "languagetool": {"server", "directory", "language", "timeout"}}
YAML_NAME = ".sciencelint.yaml"


@dataclass
class Config:
    path: str | None = None  # the file it came from
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    @property
    def base(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    def resolve(self, rel: str) -> str:
        return rel if os.path.isabs(rel) else os.path.join(self.base, rel)

    def where(self, key: str) -> str:
        if not self.path:
            return "default"
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else self.path

    def ignores_for(self, article: str) -> list[str]:
        out: list[str] = []
        pfi = self.values.get("per-file-ignores") or {}
        rel = os.path.relpath(os.path.abspath(article), os.path.abspath(self.base)).replace(os.sep, "/")
        for pattern, codes in pfi.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(article), pattern):
                out.extend(codes)
        return out


def _validate(values: Any, name: str, locate) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise ConfigError(f"{name}:1:1: configuration must be a mapping of keys to values")
    for key, value in values.items():
        if key not in KEYS:
            line, col = locate(key)
            hint = difflib.get_close_matches(str(key).replace("_", "-"), list(KEYS), n=1, cutoff=0.6)
            raise ConfigError(f"{name}:{line}:{col}: unknown config key '{key}'"
                              + (f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(KEYS)})"))
        typ = KEYS[key]
        if key == "claim-model" and isinstance(value, bool):  # YAML reads a bare on/off as a boolean
            value = values[key] = "on" if value else "off"
        if typ is list and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
            values[key] = value
        if value is not None and not (isinstance(value, typ) and not (typ is int and isinstance(value, bool))):
            line, col = locate(key)
            raise ConfigError(f"{name}:{line}:{col}: '{key}' must be a {typ.__name__}, not {type(value).__name__}")
        choices = {"format": FORMATS, "min-severity": SEVERITIES, "fail-on": FAIL_ON,
                   "claim-model": CLAIM_MODEL_MODES}.get(key)
        if choices and value not in choices:
            line, col = locate(key)
            raise ConfigError(f"{name}:{line}:{col}: '{key}' must be one of {', '.join(choices)}, not '{value}'")
        if key in SUBKEYS and isinstance(value, dict):
            bad = set(value) - SUBKEYS[key]
            if bad:
                line, col = locate(key)
                raise ConfigError(f"{name}:{line}:{col}: unknown key '{sorted(bad)[0]}' in '{key}' "
                                  f"(known: {', '.join(sorted(SUBKEYS[key]))})")
        if key == "severity":
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    line, col = locate(key)
                    raise ConfigError(f"{name}:{line}:{col}: severity for {code} must be one of "
                                      f"{', '.join(SEVERITIES)}")
        if key == "per-file-ignores":
            for pat, codes in value.items():
                if isinstance(codes, str):
                    value[pat] = [c.strip() for c in codes.split(",")]
                elif not isinstance(codes, list):
                    line, col = locate(key)
                    raise ConfigError(f"{name}:{line}:{col}: per-file-ignores values must be lists of rule codes")
        if key == "jobs" and value is not None and value < 1:
            line, col = locate(key)
            raise ConfigError(f"{name}:{line}:{col}: 'jobs' must be at least 1")
    return values


def load_config_file(path: str) -> Config:
    name = path
    text = yamlio.read_text(path, name, "config file", ConfigError)
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+), column (\d+)", str(exc))
            where = f"{name}:{m.group(1)}:{m.group(2)}" if m else name
            raise ConfigError(f"{where}: invalid TOML: {str(exc).split(' (at')[0]}") from None
        section = data.get("tool", {}).get("sciencelint")
        if section is None:
            return Config(path=path)
        lines = _toml_lines(text)
        values = _validate(section, name, lambda k: (lines.get(k, 1), 1))
        return Config(path=path, values=values, lines=lines)
    try:
        data = yamlio.load(text, name)
    except yamlio.YamlError as exc:
        raise ConfigError(str(exc)) from None
    values = _validate(data, name, lambda k: yamlio.locate(text, (k,), key=True))
    lines = {k: yamlio.locate(text, (k,), key=True)[0] for k in values}
    return Config(path=path, values=values, lines=lines)


def _toml_lines(text: str) -> dict[str, int]:
    """Line of each key in [tool.sciencelint] (for messages and --show-config)."""
    out: dict[str, int] = {}
    inside = False
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("["):
            inside = s.startswith("[tool.sciencelint")
            if inside and "." in s[len("[tool.sciencelint"):].strip("]"):
                sub = s[len("[tool.sciencelint."):].rstrip("]").strip()
                out.setdefault(sub, i)
            continue
        if inside:
            m = re.match(r'"?([A-Za-z0-9_-]+)"?\s*=', s)
            if m:
                out.setdefault(m.group(1), i)
    return out


def _has_section(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"[tool.sciencelint" in fh.read()
    except OSError:
        return False


@lru_cache(maxsize=1024)
def find_config_path(directory: str) -> str | None:
    d = os.path.abspath(directory)
    while True:
        y = os.path.join(d, YAML_NAME)
        if os.path.isfile(y):
            return y
        p = os.path.join(d, "pyproject.toml")
        if os.path.isfile(p) and _has_section(p):
            return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


_LOADED: dict[str, tuple[tuple[float, int], Config]] = {}


def reset() -> None:
    """Forget discovered config files (for long-running processes: the language server)."""
    find_config_path.cache_clear()
    _LOADED.clear()


def config_for(article: str) -> Config:
    """The config that applies to an article (nearest up the tree), or the empty one.
    A config file is re-read when its modification time or size changes."""
    p = find_config_path(os.path.dirname(os.path.abspath(article)) or ".")
    if p is None:
        return Config()
    try:
        st = os.stat(p)
        stamp = (st.st_mtime, st.st_size)
    except OSError:
        stamp = (0.0, -1)
    hit = _LOADED.get(p)
    if hit is None or hit[0] != stamp:
        hit = _LOADED[p] = (stamp, load_config_file(p))
    return hit[1]
