"""sciencelint: check a science news draft against the paper it reports on.

Library API (``lint.api``)::

    from lint import Options, lint_file, lint_text
    result = lint_file("drafts/draft.md")            # config and citation found as the CLI finds them
    result = lint_text(text, path="drafts/draft.md", citation="paper.yaml")
    for d in result.diagnostics:
        print(d.line, d.column, d.code, d.message)
"""
__version__ = "0.2.0"

from .api import Options, Result, collect, lint_buffer, lint_file, lint_files, lint_text, load_citation

lint_path = lint_file  # the name of earlier releases

__all__ = ["Options", "Result", "collect", "lint_file", "lint_files", "lint_path", "lint_text", "lint_buffer",
           "load_citation", "__version__"]
