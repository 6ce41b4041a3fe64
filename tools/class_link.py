"""The link a teacher hands a whole class on a JupyterHub: nbgitpuller copies (or updates) the course into each
student's home and opens chapter 00 in JupyterLab. The repository's address comes from binder/repository.txt,
the one place it is kept (PROVIDER/OWNER/REPOSITORY/BRANCH; gh is GitHub).

    make class-link HUB=https://hub.example.org
    python tools/class_link.py https://hub.example.org [--repo URL_OR_PATH] [--branch BRANCH]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = {"gh": "https://github.com", "gl": "https://gitlab.com"}
CHAPTER = "notebooks/00_start_here.ipynb"


def recorded_repository() -> tuple[str, str]:
    """(clone address, branch) from binder/repository.txt."""
    provider, owner, name, branch = (ROOT / "binder" / "repository.txt").read_text().strip().split("/", 3)
    return f"{PROVIDERS[provider]}/{owner}/{name}", branch


def class_link(hub: str, repo: str | None = None, branch: str | None = None) -> str:
    recorded, recorded_branch = recorded_repository()
    repo, branch = repo or recorded, branch or recorded_branch
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")  # where nbgitpuller puts the clone
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{CHAPTER}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", help="another clone address (default: binder/repository.txt)")
    parser.add_argument("--branch", help="another branch (default: binder/repository.txt)")
    args = parser.parse_args()
    print(class_link(args.hub, args.repo, args.branch))


if __name__ == "__main__":
    main()
