"""A "$" in a chapter must reach the reader as a dollar sign. Jupyter (and Voila) render the text between two
dollar signs as a formula, in Markdown cells and in HTML outputs alike: a sentence quoting "$650,000 ... $500,000"
came out as garbled maths. Markdown escapes each one ("\\$"); an HTML output that contains one sits inside an
element with the class MathJax skips (``mathjax_ignore``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)  # code spans and blocks are shown as typed


def bare_dollars(markdown: str) -> list[str]:
    """Each unescaped "$" outside code, with a little context."""
    text = CODE.sub("", markdown)
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in re.finditer(r"(?<!\\)\$", text)]


def test_the_check_finds_a_bare_dollar_and_accepts_an_escaped_one():
    assert bare_dollars("built for less than $250,000") and not bare_dollars(r"less than \$250,000")
    assert not bare_dollars("`Policy($)` and ```\n$x$\n```")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_dollar_sign_is_read_as_maths(path):
    cells = json.loads(path.read_text())["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            assert not bare_dollars("".join(cell["source"])), f"{path.name}, cell {index}: write \\$"
        for output in cell.get("outputs", []):
            markup = "".join(output.get("data", {}).get("text/html", ""))
            if "$" in markup:
                assert "mathjax_ignore" in markup, f"{path.name}, cell {index}: an HTML output with '$'"
