"""YAML input for citation, config and rule files.

Data is read with ``yaml.safe_load`` only.  When something is wrong we compose the same
text (``yaml.compose`` with the safe loader: nodes only, no object construction) to find
the line and column of the offending key or value.  Alias bombs are refused by a
node budget before anything walks the loaded data.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import SciencelintError

NODE_BUDGET = 200_000


class YamlError(SciencelintError):
    pass


def load(text: str, name: str) -> Any:
    """safe_load with a one-line ``name:line:col: problem`` error, and an alias-bomb guard."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        raise YamlError(f"{where}: invalid YAML: {problem}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date like 2018-02-30
        line, col = _bad_scalar(text)
        raise YamlError(f"{name}:{line}:{col}: invalid value: {exc}") from None
    except RecursionError:
        raise YamlError(f"{name}:1:1: YAML nested too deeply") from None
    if "&" in text and "*" in text:
        _check_budget(data, name)
    return data


def read_text(path: str, name: str, what: str, error: type[Exception]) -> str:
    """A user's UTF-8 file (citation, config), or ``error`` with a one-line message."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise error(f"{name}: {what} not found") from None
    except IsADirectoryError:
        raise error(f"{name}: {what} path is a folder, not a file") from None
    except OSError as exc:
        raise error(f"{name}: cannot read {what} ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{name}: {what} is not valid UTF-8") from None


def cache_dir() -> Path | None:
    """Where parsed rule files are cached (``SCIENCELINT_CACHE_DIR``, else the user cache);
    ``SCIENCELINT_CACHE_DIR=""`` turns the cache off."""
    env = os.environ.get("SCIENCELINT_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sciencelint"


def load_file(path: Path | str, name: str) -> tuple[Any, str]:
    """(data, text) of a YAML data file shipped with or added to the rules.

    Parsing YAML in pure Python is a fifth of a cold start, so the parsed data is cached
    as JSON under the SHA-256 of the file's bytes: a changed file is simply a new key.
    The cache is only a copy of what ``yaml.safe_load`` returned; any problem with it
    (unwritable folder, data JSON cannot hold) falls back to parsing."""
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8-sig")
    folder = cache_dir()
    entry = folder / f"yaml-{hashlib.sha256(raw).hexdigest()[:32]}.json" if folder else None
    if entry is not None:
        try:
            return json.loads(entry.read_text(encoding="utf-8")), text
        except (OSError, ValueError):
            pass
    data = load(text, name)
    if folder is not None and entry is not None:  # entry is only set when folder is
        try:
            folder.mkdir(parents=True, exist_ok=True)
            dumped = json.dumps(data)
            if json.loads(dumped) == data:  # e.g. integer keys would come back as strings
                tmp = entry.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(dumped, encoding="utf-8")
                os.replace(tmp, entry)
        except (OSError, TypeError, ValueError):
            pass
    return data, text


def _bad_scalar(text: str) -> tuple[int, int]:
    """Position of the first scalar the safe constructor cannot build."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except Exception:
        return 1, 1
    ctor = yaml.SafeLoader("")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                ctor.construct_object(node, deep=True)
            except Exception:
                return node.start_mark.line + 1, node.start_mark.column + 1
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                stack.extend([v, k])
    return 1, 1


def _check_budget(data: Any, name: str) -> None:
    stack = [data]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > NODE_BUDGET:
            raise YamlError(
                f"{name}:1:1: refusing YAML that expands to more than {NODE_BUDGET:,} values "
                "(aliases nested too deep)"
            )
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def locate(text: str, path: Iterable[Any], key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` (keys and list indices).

    With ``key=True`` and a mapping key as the last element, point at the key itself.
    Falls back to the deepest node found."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1, 1
    if node is None:
        return 1, 1
    best = node.start_mark
    parts = list(path)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, yaml.MappingNode):
            found = next(
                ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None
            )
            if found is None:
                break
            best = found[0].start_mark if (key and last) else found[1].start_mark
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            best = node.start_mark
        else:
            break
    return best.line + 1, best.column + 1
