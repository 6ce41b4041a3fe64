"""Read one of the course's data files (TOML, stdlib ``tomllib``) that ship inside this package.

``importlib.resources`` finds them wherever the package is installed: a checkout, a wheel, or JupyterLite's
in-browser Python (pyproject.toml's package-data puts every ``*.toml`` in the wheel).
"""

from __future__ import annotations

import tomllib
from importlib.resources import files


def load_toml(name: str, package: str = __package__) -> dict:
    """The parsed contents of ``name`` in ``package``; a syntax error names the file and the line."""
    resource = files(package).joinpath(name)
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{package.replace('.', '/')}/{name}: {error}") from None
