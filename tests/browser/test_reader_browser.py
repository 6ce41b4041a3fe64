"""Reader mode in a real Chromium, at a phone's width (390×844) and a desk's (1280×800): every page of the
course as Voila serves it (`make pages`, code hidden) and the static site.

One Voila server for every notebook; each page is rendered once (Voila runs the notebook as it loads), looked
at 1280 px wide, then narrowed to 390 px in the same tab. What is checked on every page:

- no Python repr in any rendered output (`frozenset(`, `KeyPair(`, `Learned(`, `Holdings(`, a bare `None`,
  `['Alice'`), "Show the workings" included;
- every who-can-read table shows every party without sideways scrolling at 390 px; other tables of words fit
  the screen too (as cards), and a figure that scrolls sideways says so above it;
- each self-check radio button sits beside the FIRST line of its choice;
- axe-core (pinned in site/vendor.json, injected into the page): no violation at all, whatever its impact.

Screenshots of chapters 00, 04 and 09 at both widths go to build/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from pprint import pformat

import pytest
from reader_patterns import OUTPUT_TEXT, REPR

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

PAGES = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
if os.environ.get("READER_PAGES"):  # while working on a few pages: READER_PAGES=00,04
    PAGES = [p for p in PAGES if p.startswith(tuple(os.environ["READER_PAGES"].split(",")))]
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
SHOTS = {"00_start_here.ipynb", "04_key_escrow.ipynb", "09_weighing_the_tradeoffs.ipynb"}
TIMEOUT = 240_000


# Each who-can-read table: does it scroll sideways, and is every party's cell inside the screen?
TABLES = """() => [...document.querySelectorAll('table.who-can-read')]
    .filter(t => t.offsetParent !== null).map(t => {
    const cells = [...t.querySelectorAll('td')];
    const off = cells.filter(td => {
        const r = td.getBoundingClientRect();
        return r.left < 0 || r.right > innerWidth + 1;
    });
    let scrolls = t.scrollWidth > t.clientWidth + 1;
    for (let el = t.parentElement; el; el = el.parentElement) {
        if (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowX)) scrolls = true;
    }
    return {parties: new Set(cells.map(td => td.dataset.party)).size, off: off.map(td => td.dataset.party), scrolls};
})"""

# Each radio button against the first line of its label: centre of the button within that line.
RADIOS = """() => [...document.querySelectorAll('.self-check .widget-radio-box label')]
    .filter(l => l.offsetParent !== null).map(l => {
    const input = l.querySelector('input');
    const box = input.getBoundingClientRect(), label = l.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(l).lineHeight) || 20;
    const centre = (box.top + box.bottom) / 2;
    return {text: l.textContent.slice(0, 40), lines: Math.round(label.height / line), offset: centre - label.top, line,
            left: box.left - label.left};
})"""


# Output areas where two "Show the workings" follow each other (a cell's printing split in pieces).
SPLIT = """() => [...document.querySelectorAll('.jp-OutputArea')].filter(area => {
    const only = [...area.children].map(c => {
        const d = c.querySelector('details.workings');
        return !!d && c.textContent.trim() === d.textContent.trim();
    });
    return only.some((v, i) => v && only[i + 1]);
}).length"""


# Opened, each "Show the workings" must fit the screen: its printed lines wrap (cold read, item 16).
WIDE_WORKINGS = """() => {
    const all = [...document.querySelectorAll('details.workings')].filter(d => d.offsetParent !== null);
    const closed = all.filter(d => !d.open);
    closed.forEach(d => { d.open = true; });
    const wide = all.flatMap(d => [...d.querySelectorAll('pre, li')]).filter(el =>
        el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth + 1
    ).map(el => el.textContent.slice(0, 50));
    closed.forEach(d => { d.open = false; });
    return wide;
}"""


# Cold read 10, item 2: tables of words (not who-can-read) whose cells fall off a phone's screen or scroll
# sideways; figures that scroll without a cue ABOVE them saying so.
WIDE_TABLES = """() => [...document.querySelectorAll('table:not(.who-can-read)')]
    .filter(t => t.offsetParent !== null && !t.closest('details.workings')).filter(t => {
    const off = [...t.querySelectorAll('td, th')].some(c => c.getBoundingClientRect().right > innerWidth + 1);
    let scrolls = t.scrollWidth > t.clientWidth + 1;
    const right = t.getBoundingClientRect().right;  // a box that scrolls for something else is not this table's
    for (let el = t.parentElement; el; el = el.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(el).overflowX) && right > el.getBoundingClientRect().right + 1) {
            scrolls = true;
        }
    }
    return off || scrolls;
}).map(t => t.textContent.trim().slice(0, 60))"""

FIGURES = """() => [...document.querySelectorAll('.course-figure')].filter(f => f.offsetParent !== null).filter(f => {
    const box = f.querySelector('.figure-scroll'), cue = f.querySelector('.figure-cue');
    if (!box || box.scrollWidth <= box.clientWidth + 1) return false;
    return !cue || cue.offsetParent === null || cue.getBoundingClientRect().top > box.getBoundingClientRect().top;
}).map(f => (f.querySelector('figcaption') || f).textContent.slice(0, 60))"""


def axe(page, source: str) -> list[dict]:
    page.add_script_tag(content=source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, count: v.nodes.length, help: v.help,
            where: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"""
    )


def look(page, name: str, shots: Path | None, axe_js: str) -> dict:
    """Everything checked on one rendered page, at both widths."""
    found = {"reprs": [], "tables": [], "radios": [], "split": 0, "workings": [], "wide": [], "figures": [], "axe": {}}
    page.set_viewport_size(WIDE)
    for label, size in (("1280", WIDE), ("390", NARROW)):
        page.set_viewport_size(size)
        page.wait_for_timeout(600)  # the page reflows; the control-naming script runs again
        for text in page.evaluate(OUTPUT_TEXT):
            found["reprs"] += [
                f"{label}: …{text[max(0, m.start() - 40) : m.end() + 20]!r}…" for m in REPR.finditer(text)
            ]
        if label == "390":
            found["split"] = page.evaluate(SPLIT)
            found["tables"] = page.evaluate(TABLES)
            found["radios"] = page.evaluate(RADIOS)
            found["workings"] = page.evaluate(WIDE_WORKINGS)
            found["wide"] = page.evaluate(WIDE_TABLES)
            found["figures"] = page.evaluate(FIGURES)
        found["axe"][label] = axe(page, axe_js)
        if shots is not None:  # Voila scrolls inside its own panel: a viewport as tall as the page shows it all
            height = page.evaluate("() => (document.querySelector('main') || document.body).scrollHeight + 100")
            page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 16000)})
            page.wait_for_timeout(500)
            page.screenshot(path=shots / f"reader-{Path(name).stem}-{label}.png")
            page.set_viewport_size(size)
    return found


@pytest.fixture(scope="module")
def axe_source() -> str:
    try:
        return build_site.axe_source()
    except SystemExit as missing:  # npm missing and the setup step did not fetch it
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def voila_pages(browser, voila_pages_url, axe_source):
    """Every notebook rendered by Voila once, looked at both widths (in sequence: one kernel at a time)."""
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    results = {}
    for name in PAGES:
        page.goto(f"{voila_pages_url}/voila/render/{name}", timeout=TIMEOUT)
        page.wait_for_selector("#rendered_cells", state="visible", timeout=TIMEOUT)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
        page.wait_for_timeout(1500)  # the widgets draw from their state
        results[name] = look(page, name, shots if name in SHOTS else None, axe_source)
    results["problems"] = problems
    context.close()
    return results


@pytest.fixture(scope="module")
def site_pages(browser, static_site_url, site_chapters, axe_source):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    results = {}
    for name in ["index", *site_chapters]:
        page.goto(f"{static_site_url}/{name}.html")
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
        page.wait_for_timeout(1000)
        results[name] = look(page, name, None, axe_source)
    context.close()
    return results


IMPACTS = ("critical", "serious", "moderate", "minor")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def report(results: dict, key) -> dict:
    return {name: key(found) for name, found in results.items() if name != "problems" and key(found)}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_no_python_repr_reaches_a_page(where, request):
    results = request.getfixturevalue(where)
    assert report(results, lambda f: f["reprs"]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_a_cells_printed_output_is_behind_one_disclosure(where, request):
    assert report(request.getfixturevalue(where), lambda f: f["split"]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_opened_workings_fit_a_phone_screen(where, request):
    assert report(request.getfixturevalue(where), lambda f: f["workings"]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_who_can_read_tables_show_every_party_on_a_phone(where, request):
    results = request.getfixturevalue(where)
    tables = [t for name, found in results.items() if name != "problems" for t in found["tables"]]
    assert tables, "no who-can-read table rendered"
    assert report(results, lambda f: [t for t in f["tables"] if t["off"] or t["scrolls"] or t["parties"] < 5]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_tables_of_words_fit_a_phone_screen(where, request):
    """Cold read 10: chapter 09's speaker table, 05's and 07's summaries lost columns off to the side at 390 px."""
    assert report(request.getfixturevalue(where), lambda f: f["wide"]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_a_figure_that_scrolls_says_so_above_it(where, request):
    assert report(request.getfixturevalue(where), lambda f: f["figures"]) == {}


def test_quiz_radios_sit_beside_the_first_line_of_their_choice(voila_pages):
    radios = [r for name, found in voila_pages.items() if name != "problems" for r in found["radios"]]
    assert any(r["lines"] > 1 for r in radios), "no choice wraps at 390 px: the check would prove nothing"
    # Beside the first line, and before the words (on the left), as a reader expects a radio button.
    assert report(voila_pages, lambda f: [r for r in f["radios"] if not 0 <= r["offset"] <= r["line"]]) == {}
    assert report(voila_pages, lambda f: [r for r in f["radios"] if r["left"] > 12]) == {}


@pytest.mark.parametrize("where", ["voila_pages", "site_pages"])
def test_axe_finds_no_violation(where, request):
    results = request.getfixturevalue(where)
    violations = [v for f in results.values() if isinstance(f, dict) for vs in f["axe"].values() for v in vs]
    counts = {impact: sum(v["count"] for v in violations if v["impact"] == impact) for impact in IMPACTS}
    print(f"\naxe-core on {where}: {counts}")
    found = report(results, lambda f: {w: serious(vs) for w, vs in f["axe"].items() if serious(vs)})
    assert not found, pformat(found, width=150)
    found = report(results, lambda f: {w: vs for w, vs in f["axe"].items() if vs})
    assert not found, pformat(found, width=150)


def test_voila_pages_raise_no_error(voila_pages):
    assert voila_pages["problems"] == []


def test_the_list_of_pages_shows_chapter_titles_in_course_order(page, voila_pages_url, axe_source):
    page.goto(voila_pages_url + "/")
    chapters = page.locator("main ol li a").all_inner_texts()
    assert chapters[0].startswith("00 · Start here") and chapters[3] == "03 · The Provider"
    assert [c[:2] for c in chapters] == sorted(c[:2] for c in chapters) and len(chapters) == 11
    assert "For teachers: the teacher's guide" in page.locator("main ul").inner_text()
    assert axe(page, axe_source) == []


def test_the_teachers_guide_link_of_chapter_00_opens_a_page(page, voila_pages_url):
    """The links to the docs lead to notebook pages that every way of reading the course can show."""
    page.goto(f"{voila_pages_url}/voila/render/00_start_here.ipynb", timeout=TIMEOUT)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=TIMEOUT)
    link = page.get_by_role("link", name="teacher's guide")
    assert link.get_attribute("href") == "teachers_guide.ipynb"
    link.click()
    page.wait_for_selector("#rendered_cells", state="visible", timeout=TIMEOUT)
    assert page.url.endswith("/voila/render/teachers_guide.ipynb")
    assert "Teacher's guide: Who Can Read It?" in page.locator("main").inner_text()


def test_a_tick_shows_its_result_on_a_phone(browser, voila_pages_url):
    """At 390 px the table is far below the switches: the result line sticks to the bottom of the screen."""
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(f"{voila_pages_url}/voila/render/10_playground.ipynb", timeout=TIMEOUT)
    page.wait_for_selector("table.who-can-read", timeout=TIMEOUT)
    switch = page.get_by_label("Key escrow", exact=True).first
    switch.scroll_into_view_if_needed()
    switch.check()
    line = page.locator(".result-line").first
    page.wait_for_function(
        "() => document.querySelector('.result-line').textContent.includes('Key escrow')", timeout=TIMEOUT
    )
    box = line.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= NARROW["height"] + 1, box
    assert page.locator("table.who-can-read").first.bounding_box()["y"] > NARROW["height"]  # the table is not
    page.screenshot(path=ROOT / "build" / "screenshots" / "reader-playground-tick-390.png")
    context.close()
