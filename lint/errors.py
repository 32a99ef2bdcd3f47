"""User-facing errors: each carries one line naming the file (and line)."""


class SciencelintError(Exception):
    """Base class; ``str(exc)`` is the one-line message shown to the user."""


class InputError(SciencelintError):
    """An article that cannot be read or parsed."""


class CitationError(SciencelintError):
    """A citation file that is missing or invalid."""


class ConfigError(SciencelintError):
    """A configuration file or option that is invalid."""


class RuleError(SciencelintError):
    """A rule file that is invalid."""


def install_advice(extra: str) -> str:
    """How to install an optional part: sciencelint is installed from a clone or a git
    URL (it is not on a package index), so the advice says both."""
    return (f"install it with pip install '.[{extra}]' in a clone of sciencelint, "
            f"or pip install 'sciencelint[{extra}] @ git+<the repository URL>'")
