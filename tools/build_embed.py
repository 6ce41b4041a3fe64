"""Build the newsroom embed: one static page where the explainer's cases switch live, with no server.

    python tools/build_embed.py [--out build/embed]

Every state the page shows was computed here, at build time, by the real model: each case is run in a fresh
explainer world (``widgets.ui.explainer.compute_all``: real PyNaCl encryption and decryption), and the page
holds the words that run produced — no answer is written by hand. The page needs nothing else: no CDN, no
font, no server; it opens from a file (``file://``) with the network off and can sit in an ``<iframe>``.
Each case has a permalink (``embed.html#escrow``) and an image card to download, as PNG and SVG (matplotlib),
for use in an article. Every text is escaped; the page's script only shows and hides what is already there,
so a reader without JavaScript sees every case one after the other, as an article.

Out: ``embed.html``, ``cards/<case>.png`` and ``cards/<case>.svg``, and ``cases.json`` (the verdicts as
computed, which tests/test_embed.py compares with a fresh run).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without an install, as the other tools do

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from widgets.content import status  # noqa: E402
from widgets.ui.explainer import (  # noqa: E402
    COLUMNS,
    SCENARIOS,
    card_sources,
    comparison_rows,
    compute_all,
    lead_html,
    opens_line,
    status_of,
    status_sources,
    status_words,
)
from widgets.ui.palette import BORDER_LIGHT, INK, OKABE_ITO, TEXT_MUTED, WHITE, shade  # noqa: E402

OUT = ROOT / "build" / "embed"
PAGE = "embed.html"
TITLE = "Who can read it? Eight ways into encrypted messaging, tried with real cryptography"

CSS = """
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:$INK;background:$WHITE;
margin:0;padding:12px;max-width:60em}
.compare{width:min(80em,calc(100vw - 40px))}
h1{font-size:1.25em;margin:0 0 4px}
@media (max-width:600px){h1{font-size:1.12em}}
.lede{margin:0 0 8px;color:$MUTED}
.explainer-lead{margin:0 0 6px}
nav ul{list-style:none;margin:0;padding:0;display:grid;gap:6px;
grid-template-columns:repeat(auto-fill,minmax(max(160px,22%),1fr))}
nav li{display:flex}
nav a{flex:1;display:block;padding:6px 10px;border:2px solid $BLUE;border-radius:6px;color:$LINK;
text-decoration:none;line-height:1.25;background:$WHITE}
nav a[aria-current=true]{background:$LINK;color:$WHITE}
nav a:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid $FOCUS;outline-offset:2px}
.verdict{font-size:1.1em;margin:10px 0 2px}
.case h2{font-size:1.1em;margin:10px 0 2px}
@media (max-width:600px){.case h2{font-size:1.02em;margin:6px 0 2px}.verdict{margin:4px 0 2px}
nav ul{gap:4px}nav a{padding:3px 8px}}
a{color:$LINK;text-decoration:underline}
.small{font-size:.85em;color:$MUTED}
.downloads a{margin-right:1em}
table{border-collapse:collapse;font-size:.88em}
th,td{border:1px solid $BORDER;padding:4px 6px;vertical-align:top;text-align:left}
.table-wrap{overflow-x:auto}
@media (max-width:1000px){
 table,tbody,tr,td,th{display:block} thead{display:none} tr{border:1px solid $BORDER;margin:0 0 8px}
 td,th[scope=row]{border:none} td::before{content:attr(data-label) ": ";font-weight:bold}
}
"""

# The course's palette (widgets/ui/palette.py): Okabe and Ito's blue, a darker shade of it for text on white.
COLOURS = {
    "$INK": INK,
    "$WHITE": WHITE,
    "$MUTED": TEXT_MUTED,
    "$BORDER": BORDER_LIGHT,
    "$BLUE": OKABE_ITO["blue"],
    "$LINK": shade("blue", 0.4),
    "$FOCUS": OKABE_ITO["vermillion"],
}
for name, colour in COLOURS.items():
    CSS = CSS.replace(name, colour)

# Shows the case named in the address (#escrow) and hides the others; the links are ordinary links, so a
# permalink works, and without JavaScript every case stays visible, one after the other.
SCRIPT = """
(function(){
  var cases=[].slice.call(document.querySelectorAll('section.case'));
  var links=[].slice.call(document.querySelectorAll('nav a'));
  function show(){
    var key=(location.hash||'').slice(1);
    if(!cases.some(function(c){return c.dataset.key===key;})){key=cases[0].dataset.key;}
    cases.forEach(function(c){c.hidden=c.dataset.key!==key;});
    links.forEach(function(a){a.setAttribute('aria-current',a.dataset.key===key?'true':'false');});
  }
  window.addEventListener('hashchange',show);
  show();
})();
"""


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def cases(results: dict | None = None) -> list[dict]:
    """Every case as the real model computed it, with its words and sources: the page's only content."""
    results = results if results is not None else compute_all()
    out = []
    for scenario in SCENARIOS:
        found = results[scenario.key]
        out.append(
            {
                "key": scenario.key,
                "button": scenario.button,
                "title": scenario.title,
                "verdict": found.verdict,
                "compared": "" if scenario.key == "today" else found.compared,
                "opens": opens_line(found.opens),
                "who_reads": list(found.who_reads),
                "who_else": found.who_else,
                "scope": found.scope,
                "story": scenario.story,
                "status": [f"{s.title}: {status_words(s)} {status_sources(s)}." for s in status_of(scenario.key)],
                "sources": [
                    {"who": s.who, "title": s.title, "date": s.date, "link": s.link} for s in card_sources(scenario)
                ],
            }
        )
    return out


def source_html(s: dict) -> str:
    return (
        f"{esc(s['who'])}, “{esc(s['title'])}”, {esc(s['date'])}. "
        f'<a href="{esc(s["link"])}" target="_blank" rel="noopener">{esc(s["link"])}</a>'
    )


def case_html(case: dict) -> str:
    key = esc(case["key"])
    compared = f"<p>{esc(case['compared'])}</p>" if case["compared"] else ""
    who = "".join(f"<li>{esc(line)}</li>" for line in case["who_reads"])
    stands = "".join(f"<li>{esc(line)}</li>" for line in case["status"])
    sources = "".join(f"<li>{source_html(s)}</li>" for s in case["sources"])
    return (
        f'<section class="case" id="case-{key}" data-key="{key}" aria-labelledby="title-{key}">'
        f'<h2 id="title-{key}">{esc(case["title"])}</h2>'
        f'<p class="verdict"><strong>Verdict:</strong> <span class="verdict-text">{esc(case["verdict"])}</span></p>'
        f"{compared}<p><strong>What else it opens:</strong> {esc(case['opens'])}</p>"
        f'<p class="scope">{esc(case["scope"])}</p>'
        f"<p>{esc(case['story'])}</p>"
        f"<p><strong>Who can read the messages</strong> (found by really decrypting what each one holds):</p>"
        f"<ul>{who}</ul><p><strong>Where it stands</strong></p><ul>{stands}</ul>"
        f'<p class="downloads"><strong>Image card for an article:</strong> '
        f'<a href="cards/{key}.png" download>PNG</a> <a href="cards/{key}.svg" download>SVG</a> '
        f'· <a href="#{key}">permalink</a></p>'
        f"<details><summary>Sources</summary><ol>{sources}</ol></details></section>"
    )


def table_html(results: dict) -> str:
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in COLUMNS.values())
    rows = ""
    for row in comparison_rows(results):
        cells = "".join(f'<td data-label="{esc(label)}">{esc(row[col])}</td>' for col, label in COLUMNS.items())
        rows += f'<tr><th scope="row"><a href="#{esc(row["key"])}">{esc(row["proposal"])}</a></th>{cells}</tr>'
    return (
        '<details class="compare"><summary><strong>Compare all eight side by side</strong></summary>'
        f'<div class="table-wrap"><table><thead><tr><th scope="col">Proposal</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )


def page_html(all_cases: list[dict], results: dict) -> str:
    nav = "".join(
        f'<li><a href="#{esc(c["key"])}" data-key="{esc(c["key"])}" aria-current="false">{esc(c["button"])}</a></li>'
        for c in all_cases
    )
    body = "".join(case_html(c) for c in all_cases)
    as_of = status.words(status.latest())
    iframe = '<iframe src="embed.html" title="Who can read it?" width="100%" height="900" style="border:0"></iframe>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(TITLE)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{esc(TITLE)}</h1>
{lead_html()}
<p class="lede">Choose a proposal:</p>
<nav aria-label="Proposals"><ul>{nav}</ul></nav>
{body}
{table_html(results)}
<p class="small">Every answer was computed by the course's model with real encryption (PyNaCl) when this page was
built; nothing is written by hand. Where each proposal stands carries its own "as of" date (the latest source
read: {esc(as_of)}).</p>
<p class="small">From the course <em>Who Can Read It?</em> The State holds a warrant for Alice; the Attacker records
every byte on the network; the Provider runs the app. [secondary] marks a source that reports an event the course
has not read in the original. To embed this page: <code>{esc(iframe)}</code></p>
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


def draw_card(case: dict, stem: Path) -> None:
    """The case as an image for an article: title, verdict, who can read, where it stands, sources."""
    wrap = lambda text, width=86: "\n".join(textwrap.wrap(text, width))  # noqa: E731
    blocks = [
        (case["title"], 15, "bold"),
        ("Verdict: " + case["verdict"], 12, "bold"),
        ("What else it opens: " + case["opens"], 11, "normal"),
        ("Who can read: " + case["who_else"] + ".", 11, "normal"),
        (case["scope"], 9, "normal"),
        ("Where it stands: " + " ".join(case["status"]), 10, "normal"),
        (
            "Sources: " + "; ".join(f"{s['who']}, {s['date']}" for s in case["sources"]),
            9,
            "normal",
        ),
        ("Computed with real encryption by the course Who Can Read It? (model run at build time).", 8, "normal"),
    ]
    widths = {15: 52, 12: 66, 11: 80, 10: 90, 9: 100, 8: 110}  # characters per line at each size, 8 in wide
    fig = plt.figure(figsize=(8, 12), dpi=150)
    renderer = fig.canvas.get_renderer()
    y = fig.bbox.height - 20  # pixels from the bottom: each block goes under the one before
    for text, size, weight in blocks:
        shown = fig.text(
            0.04,
            y / fig.bbox.height,
            wrap(text, widths[size]),
            fontsize=size,
            fontweight=weight,
            va="top",
            ha="left",
            color=INK,
        )
        y -= shown.get_window_extent(renderer).height + 14
    for suffix in (".png", ".svg"):  # cropped to the text; metadata without a date, so rebuilds are identical
        fig.savefig(
            stem.with_suffix(suffix),
            facecolor="white",
            bbox_inches="tight",
            pad_inches=0.3,
            metadata={"Date": None} if suffix == ".svg" else None,
        )
    plt.close(fig)


def build(out: Path = OUT, images: bool = True) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    results = compute_all()  # the real model, once per case
    all_cases = cases(results)
    page = out / PAGE
    page.write_text(page_html(all_cases, results), encoding="utf-8")
    (out / "cases.json").write_text(json.dumps(all_cases, ensure_ascii=False, indent=1), encoding="utf-8")
    if images:
        (out / "cards").mkdir(exist_ok=True)
        for case in all_cases:
            draw_card(case, out / "cards" / case["key"])
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-images", action="store_true", help="skip the PNG and SVG cards")
    args = parser.parse_args()
    page = build(args.out, images=not args.no_images)
    print(f"{page} ({page.stat().st_size / 1024:.1f} KB before images)")


if __name__ == "__main__":
    main()
