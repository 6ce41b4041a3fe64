"""The package's layout is its architecture (docs/architecture.md): imports go one way, and never in a circle.

Every ``import`` in ``widgets/`` (those inside functions too; not those under ``TYPE_CHECKING``) is an arrow
from one module to another. The arrows must form no circle, and must only point down the levels:
views → labs and society → protocol; content is read by anyone and reads nothing of the course's.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "widgets"

# What each part may import, besides itself ("widgets" is the package's public face, which only the
# top-level __init__ and the views may use).
ALLOWED = {
    "protocol": set(),
    "content": set(),
    "labs": {"protocol", "content"},
    "society": {"protocol", "labs", "content"},
    "ui": {"protocol", "labs", "society", "content", "widgets"},
    "widgets": {"protocol", "ui"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _under_type_checking(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def import_graph() -> nx.DiGraph:
    """Module → module it imports, for every module of the package."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if _under_type_checking(node, parents):
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                # "from . import crypto" imports a module; "from .crypto import Key" imports from one
                targets = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
                targets = targets or [base]
            for target in targets:
                if target in modules and target != name:
                    graph.add_edge(name, target)
    return graph


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "widgets"


def test_the_graph_sees_the_imports():
    """The graph is not empty and knows the journey's real arrows (so the checks below can fail)."""
    graph = import_graph()
    assert graph.has_edge("widgets.protocol.run", "widgets.protocol.journey")
    assert graph.has_edge("widgets.protocol.mechanisms.escrow", "widgets.protocol.leaf")
    assert graph.number_of_edges() > 100


def test_no_import_circle():
    circles = list(nx.simple_cycles(import_graph()))
    assert not circles, "import circles inside widgets/: " + "; ".join(" → ".join(c + c[:1]) for c in circles)


@pytest.mark.parametrize("level", sorted(ALLOWED))
def test_imports_only_point_down(level):
    wrong = [
        f"{a} → {b}"
        for a, b in import_graph().edges
        if part(a) == level and part(b) != level and part(b) not in ALLOWED[level]
    ]
    assert not wrong, f"{level} imports what it should not: {wrong}"


def test_the_model_imports_no_widgets_library():
    """ipywidgets and matplotlib belong to the views; the model, the labs and the society stay testable bare."""
    for path in PACKAGE.rglob("*.py"):
        if part(module_name(path)) in {"ui", "widgets"}:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in {"ipywidgets", "IPython"} for n in names), path
