"""The library API: what scripts, editor plugins, the language server and distributed
maps call.  Every function takes plain data (paths, text, ``Options``) and returns
``Result`` objects (plain, picklable data); none keeps state between calls beyond caches
of files it has read (config, rule and citation files, re-read when they change).

::

    from lint.api import Options, lint_file, lint_text
    result = lint_file("drafts/draft.md")                       # config and citation as the CLI finds them
    result = lint_text(text, "drafts/draft.md")                 # an unsaved buffer, same lookup
    result = lint_file("draft.md", Options(select=("SJ2",), citation="paper.yaml"))
    for d in result.diagnostics:
        print(d.line, d.column, d.code, d.severity, d.message)

A folder through a distributed map (Dask, multiprocessing, ...)::

    files, errors = collect(["drafts/"])
    results = errors + client.gather(client.map(lint_file, files, options=Options()))
"""
from __future__ import annotations

from collections.abc import Sequence

from .citation import LoadedCitation, load_citation
from .findings import Diagnostic, Result
from .workspace import Options, collect, lint_file, lint_text, reset_caches, rules_for

__all__ = ["Options", "Result", "Diagnostic", "LoadedCitation", "collect", "lint_file", "lint_text", "lint_buffer",
           "lint_files", "load_citation", "rules_for", "reset_caches"]

AUTO_JOBS_MIN_FILES = 40  # below this, starting worker processes (each imports spaCy) costs more than it saves


def auto_jobs(n_files: int, cores: int | None = None) -> int:
    """Processes for a run that did not ask: one per core for big runs, else serial."""
    import os

    if n_files < AUTO_JOBS_MIN_FILES:
        return 1
    return max(1, min(cores or os.cpu_count() or 1, n_files // (AUTO_JOBS_MIN_FILES // 2)))


def lint_buffer(path: str, text: str, *, citation: str | None = None, config: str | None = None,
                no_config: bool = False, display: str | None = None) -> Result:
    """Lint ``text`` (an editor buffer, saved or not) exactly as ``sciencelint check`` would
    lint it as the file ``path``.  Never raises for bad input: see ``Result.error``."""
    options = Options(citation=citation, config=config, no_config=no_config)
    return lint_file(path, options, data=text.encode("utf-8", "surrogatepass"), display=display)


def _lint_item(item: str | tuple[str, bytes], options: Options) -> Result:
    if isinstance(item, tuple):
        name, data = item
        return lint_file(name, options, data=data)
    return lint_file(item, options)


def lint_files(items: Sequence[str | tuple[str, bytes]], options: Options = Options(),
               jobs: int | None = None) -> list[Result]:
    """Lint files (a path, or ``(name, bytes)`` for text read elsewhere) in order, with
    ``jobs`` processes (default: one per core for big runs).  Output is identical to a
    serial run."""
    jobs = jobs or auto_jobs(len(items))
    if jobs > 1 and len(items) > 1:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # small chunks, so the workers finish close together instead of one core idling
            # through the last big chunk; results come back in order
            return list(pool.map(partial(_lint_item, options=options), items,
                                 chunksize=max(1, min(16, len(items) // (jobs * 4)))))
    return [_lint_item(item, options) for item in items]
