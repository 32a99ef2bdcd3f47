"""sciencelint: check a science news draft against the paper it reports on.

Library API::

    from lint import lint_text, lint_path, load_citation
    result = lint_text(open("draft.md").read(), path="draft.md", citation="paper.yaml")
    for d in result.diagnostics:
        print(d.line, d.column, d.code, d.message)
"""
__version__ = "0.1.0"

from .citation import load_citation  # noqa: E402
from .engine import Result, Selection, lint_path, lint_text  # noqa: E402

__all__ = ["lint_text", "lint_path", "load_citation", "Result", "Selection", "__version__"]
