"""The README's launch links, built from binder/repository.txt — the one place the repository's address is
kept (it has no public home yet; edit that file when it does, then run `make binder-links`).

The file holds one line in Binder's form: PROVIDER/OWNER/REPOSITORY/BRANCH, e.g. gh/someone/who-can-read-it/main.

    python tools/binder_links.py           # print the links
    python tools/binder_links.py --write   # rewrite them in README.md between the markers
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- launch-links: start -->", "<!-- launch-links: end -->"


def links(spec: str | None = None) -> str:
    spec = spec or (ROOT / "binder" / "repository.txt").read_text().strip()
    base = f"https://mybinder.org/v2/{spec}"
    lab = f"{base}?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    app = f"{base}?urlpath=voila/render/notebooks/10_playground.ipynb"
    explainer = f"{base}?urlpath=voila/render/notebooks/explainer.ipynb"
    return "\n".join(
        [
            START,
            f"[![Open the course in JupyterLab on Binder](https://mybinder.org/badge_logo.svg)]({lab})"
            " **the course** (JupyterLab, starts at chapter 00)",
            "",
            f"[![Open the explainer app on Binder](https://mybinder.org/badge_logo.svg)]({explainer})"
            " **the explainer for newsrooms** (Voila, no code shown: eight cases, who can read, with sources)",
            "",
            f"[![Open the playground app on Binder](https://mybinder.org/badge_logo.svg)]({app})"
            " **the playground as an app** (Voila, no code shown)",
            END,
        ]
    )


def rewrite(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: links(), readme)


if __name__ == "__main__":
    if "--write" in sys.argv:
        path = ROOT / "README.md"
        path.write_text(rewrite(path.read_text()))
    print(links())
