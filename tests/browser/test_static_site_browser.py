"""The static site in a real Chromium, served by Python's http.server on 127.0.0.1: the index and a chapter
open, headings, a figure and the saved widgets render, every request stays on this machine, the console is
clean — and a switch clicked there changes nothing, as the site says (no Python behind the page). And the whole
site, every chapter page at 390 px: no Python value where words should be, no sideways scrolling, and every link
from one page to another (chapter 00's to the teacher's guide and the self-check answers among them) followed
to a page that exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_patterns import OUTPUT_TEXT, REPR

TIMEOUT = 60_000


def record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_index_opens_and_leads_to_the_chapters(page, static_site_url, shots):
    requests = record_requests(page)
    page.goto(f"{static_site_url}/index.html")
    assert page.locator("h1").inner_text() == "Who Can Read It?"
    assert "Does not compute" in page.inner_text("main")
    page.screenshot(path=shots / "static-site-index.png", full_page=True)
    page.get_by_role("link", name="03 · The Provider").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/03_the_provider.html")
    assert page.locator("h1").first.inner_text().startswith("03 · The Provider")
    assert all(url.startswith(static_site_url) or url.startswith("data:") for url in requests), requests
    assert page.problems == []


def test_chapter_shows_its_figure_and_saved_widgets(page, static_site_url, shots):
    requests = record_requests(page)
    page.goto(f"{static_site_url}/03_the_provider.html")
    page.wait_for_selector(".jupyter-widgets", timeout=TIMEOUT)  # the saved state, rendered by embed.js
    headings = page.locator("h2").all_inner_texts()
    assert len(headings) >= 4 and any("Overview" in h for h in headings)
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    assert figure.evaluate("img => img.complete && img.naturalWidth > 100")
    assert len(figure.get_attribute("alt")) > 20
    assert page.locator(".widget-html-content").count() > 0
    page.screenshot(path=shots / "static-site-chapter.png", full_page=True)
    assert all(url.startswith(static_site_url) or url.startswith("data:") for url in requests), requests
    assert page.problems == []


def test_playground_shows_its_table_but_a_switch_computes_nothing(page, static_site_url, shots):
    page.goto(f"{static_site_url}/10_playground.html")
    page.wait_for_selector("table.who-can-read", timeout=TIMEOUT)
    table = page.locator("table.who-can-read").first
    before = table.inner_text()
    assert "can read" in before
    switch = page.get_by_label("Key escrow").first
    switch.check()  # the checkbox ticks in the page...
    page.wait_for_timeout(1500)
    assert switch.is_checked()
    assert table.inner_text() == before  # ...but nothing answers: there is no Python behind the page
    page.screenshot(path=shots / "static-site-playground.png")
    assert page.problems == []


# --- every chapter page of the whole site (`make site`), at a phone's width -------------------------------------

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["index", *sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))]
PHONE = {"width": 390, "height": 844}
LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, raw: a.getAttribute('href'),
    text: a.textContent.trim().slice(0, 60)}))"""


# Whether a page has the place a link's #fragment names (percent-encoded in the address; nbconvert's heading ids
# are percent-encoded themselves, so both forms are tried).
PLACE = """place => [place, decodeURIComponent(place)].some(id =>
    !!document.getElementById(id) || document.getElementsByName(id).length > 0)"""


@pytest.fixture(scope="module")
def full_site(browser, full_site_url):
    """Every page of the whole site opened once at 390×844: what it shows, how wide it is, where it links."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    found = {}
    for name in PAGES:
        answer = page.goto(f"{full_site_url}/{name}.html")
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
        page.wait_for_timeout(500)  # the saved widgets render (embed.js), the reader script runs
        text = "\n".join(page.evaluate(OUTPUT_TEXT))
        found[name] = {
            "status": answer.status,
            "reprs": [text[max(0, m.start() - 40) : m.end() + 20] for m in REPR.finditer(text)],
            "width": page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"),
            "links": page.evaluate(LINKS),
        }
    found["problems"] = problems
    context.close()
    return found


def course_links(found: dict, base: str) -> dict[str, set[str]]:
    """Every link from a page of the site to a page of the site (fragment kept), with the pages it is on."""
    links: dict[str, set[str]] = {}
    for name, seen in found.items():
        if name == "problems":
            continue
        for link in seen["links"]:
            if link["href"].startswith(base + "/"):
                links.setdefault(link["href"], set()).add(name)
    return links


@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_the_site_reads_as_words_and_fits_a_phone(full_site, name):
    seen = full_site[name]
    assert seen["status"] == 200
    assert seen["reprs"] == [], seen["reprs"]  # no Python value where a reader expects words
    assert seen["width"] <= PHONE["width"], seen["width"]  # no sideways scrolling at 390 px
    # Links to a notebook are rewritten to its page: none is left pointing at an .ipynb.
    assert [link for link in seen["links"] if ".ipynb" in link["raw"] and "://" not in link["raw"]] == []


def test_every_link_between_pages_of_the_site_resolves_and_is_followed(page, full_site, full_site_url):
    """Follow each link from one page of the site to another: the page answers 200 and, for a link to a place in
    it (#section), that place exists. Chapter 00's links to the teacher's guide and the answer sheet among them."""
    links = course_links(full_site, full_site_url)
    from_00 = {href.split("#")[0] for href, pages in links.items() if "00_start_here" in pages}
    assert f"{full_site_url}/teachers_guide.html" in from_00 and f"{full_site_url}/self_check_answers.html" in from_00
    assert len({href.split("#")[0] for href in links}) >= len(PAGES) - 1  # the chapters link to each other
    broken = []
    for href, pages in sorted(links.items()):
        target, _, place = href.partition("#")
        answer = page.goto(target)
        if answer is None or answer.status != 200:
            broken.append((href, sorted(pages), answer and answer.status))
        elif place and not page.evaluate(PLACE, place):
            broken.append((href, sorted(pages), "no such place"))
    assert broken == [], broken
    page.goto(f"{full_site_url}/00_start_here.html")  # and a reader's click on it opens the guide
    page.get_by_role("link", name="teacher's guide").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/teachers_guide.html")
    assert "teacher's guide" in page.locator("h1").first.inner_text().lower()
    page.go_back()
    page.get_by_role("link", name="self-check answers").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/self_check_answers.html")
    # Leaving a page cancels what it was still fetching (a font): a cancelled request is navigation, not a
    # fault. A missing file answers 404, which the console reports, and that stays a problem.
    assert [p for p in page.problems if not p.startswith("request failed:")] == []


def test_the_whole_site_raises_no_error(full_site):
    assert full_site["problems"] == []
