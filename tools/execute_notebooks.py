"""Run chapters top to bottom in a fresh kernel and save their outputs in place.

The saved outputs are what nbval compares a fresh run against, so run this (``make notebooks``) after
editing a chapter. Seeded worlds make the outputs reproducible.

    python tools/execute_notebooks.py notebooks/01_secret_messages.ipynb [...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    ).execute()
    elapsed = time.perf_counter() - started
    for cell in notebook.cells:
        if cell.cell_type == "code":
            # Widget state and execution counts change on every run; nbval ignores them anyway.
            cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return elapsed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        seconds = execute(Path(name))
        print(f"{name}: {seconds:.1f} s")
