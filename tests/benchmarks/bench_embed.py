"""Benchmark (run on demand, prints figures): the newsroom embed's page weight and build time.

Target (issue 10): embed.html under 300 KB before images. Run: .venv/bin/python tests/benchmarks/bench_embed.py
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_KB = 300


def main() -> None:
    spec = importlib.util.spec_from_file_location("build_embed", ROOT / "tools" / "build_embed.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        page = builder.build(out, images=True)
        seconds = time.perf_counter() - start
        page_kb = page.stat().st_size / 1024
        cards = sorted((out / "cards").iterdir())
        png_kb = sum(p.stat().st_size for p in cards if p.suffix == ".png") / 1024
        svg_kb = sum(p.stat().st_size for p in cards if p.suffix == ".svg") / 1024
    print(f"embed.html: {page_kb:.1f} KB before images (limit {LIMIT_KB} KB): {'OK' if page_kb < LIMIT_KB else 'OVER'}")
    print(f"image cards: {len(cards) // 2} cases, PNG {png_kb:.0f} KB and SVG {svg_kb:.0f} KB in all")
    print(f"build, with the model run for every case and the cards drawn: {seconds:.1f} s")


if __name__ == "__main__":
    main()
