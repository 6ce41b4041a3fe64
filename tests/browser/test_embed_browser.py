"""The newsroom embed in a real Chromium: opened from a file with the network off, each case switches live and
has a permalink, the verdict is on the first screen at 390×844, it works inside an iframe, and axe-core finds
no serious or critical accessibility problem. Also the explainer's Voila page: the verdict on the first
screen after each click, and button words that wrap instead of being cut."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
TIMEOUT = 120_000


def builder():
    spec = importlib.util.spec_from_file_location("build_embed", ROOT / "tools" / "build_embed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def embed(tmp_path_factory):
    out = tmp_path_factory.mktemp("embed")
    page = builder().build(out, images=True)
    (out / "host.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>An article</title></head><body><main><p>Article text.</p>'
        '<iframe src="embed.html" title="Who can read it?" width="390" height="844"></iframe></main></body></html>'
    )
    cases = json.loads((out / "cases.json").read_text(encoding="utf-8"))
    return page, cases


@pytest.fixture(scope="module")
def axe_js():
    """axe-core, pinned in site/vendor.json and fetched by the setup step (tools/build_site.py)."""
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
    build_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_site)
    return build_site.axe_source()


def offline_page(browser, width, height):
    """A page with the network off: anything but a file:// request is refused and recorded."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def refuse(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            page.problems.append(f"network: {route.request.url}")
            route.abort()

    context.route("**/*", refuse)
    return context, page


def serious(page, axe_js) -> list[str]:
    page.add_script_tag(content=axe_js)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s)"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_embed_switches_cases_offline_from_a_file(browser, embed, axe_js, shots, size):
    page_path, cases = embed
    width, height = SIZES[size]
    context, page = offline_page(browser, width, height)
    try:
        page.goto(page_path.as_uri())
        # What the 2017 proposal would do, answered on the first screen before any choice, with its source.
        lead = page.locator("p.explainer-lead")
        assert lead.inner_text().startswith("What would the 2017 proposal actually do? No design was ever named")
        assert "Andrew Marr Show" in lead.inner_text() and lead.locator("a").first.get_attribute("href").startswith(
            "http://www.cityam.com/"
        )
        assert lead.locator("a").nth(1).get_attribute("href").endswith("/ukpga/2016/25/section/253")
        box = lead.evaluate(LEAD_BOX)
        assert box["top"] >= 0 and box["bottom"] <= height and box["right"] <= width, box
        first = cases[0]["key"]
        assert page.locator(f"section[data-key={first}]").is_visible()
        assert page.locator("section.case:visible").count() == 1
        for case in cases:
            page.click(f"nav a[data-key={case['key']}]")
            assert page.evaluate("location.hash") == f"#{case['key']}"
            section = page.locator(f"section[data-key={case['key']}]")
            section.wait_for(state="visible", timeout=5000)  # the script answers the hashchange event
            assert section.is_visible() and page.locator("section.case:visible").count() == 1
            assert section.locator(".verdict-text").inner_text() == case["verdict"]
            box = section.locator(".verdict").bounding_box()  # in the viewport, no scrolling needed
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (case["key"], box)
            if size == "phone":  # and on the page's first screen
                top = page.evaluate(
                    "el => el.getBoundingClientRect().top + window.scrollY",
                    section.locator(".verdict").element_handle(),
                )
                assert top + box["height"] <= height, (case["key"], top)
            assert page.locator(f"nav a[data-key={case['key']}]").get_attribute("aria-current") == "true"
        page.click("nav a[data-key=escrow]")
        page.screenshot(path=shots / f"embed-{size}-escrow.png")
        page.click("details.compare summary")  # the comparison table, opened
        page.locator("details.compare table").scroll_into_view_if_needed()
        page.screenshot(path=shots / f"embed-{size}-table.png")
        page.screenshot(path=shots / f"embed-{size}-full.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off the side
        assert serious(page, axe_js) == []
        assert page.problems == []
    finally:
        context.close()


def test_a_permalink_opens_its_case_and_the_page_works_in_an_iframe(browser, embed, axe_js, shots):
    page_path, cases = embed
    context, page = offline_page(browser, 390, 844)
    try:
        page.goto(page_path.as_uri() + "#backups")
        assert page.locator("section[data-key=backups]").is_visible()
        assert page.locator("section.case:visible").count() == 1
        backups = next(c for c in cases if c["key"] == "backups")
        assert page.locator("section[data-key=backups] .verdict-text").inner_text() == backups["verdict"]
        page.goto(page_path.with_name("host.html").as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("nav a[data-key=ghost]").click()
        frame.locator("section[data-key=ghost]").wait_for(state="visible", timeout=5000)
        assert frame.locator("section[data-key=ghost]").is_visible()
        assert frame.locator("section.case:visible").count() == 1
        page.screenshot(path=shots / "embed-in-iframe.png")
        assert page.problems == []
    finally:
        context.close()


def test_without_javascript_every_case_reads_as_an_article(browser, embed):
    page_path, cases = embed
    context = browser.new_context(java_script_enabled=False, offline=True)
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        assert page.locator("section.case:visible").count() == len(cases)
    finally:
        context.close()


# Where the 2017 answer sits: its top and bottom in the page (scrolling included), and how wide it is.
LEAD_BOX = """el => { const r = el.getBoundingClientRect();
    return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, right: r.right}; }"""


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_explainer_says_what_the_2017_proposal_would_do_before_any_click(browser, voila_pages_url, shots, size):
    """A journalist's question, answered on the first screen with no button pressed, code hidden: the sourced
    sentence (no design was named; Rudd's words quoted) lies wholly inside the first viewport."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{voila_pages_url}/voila/render/explainer.ipynb")
        lead = page.locator("p.explainer-lead")
        lead.wait_for(timeout=TIMEOUT)
        page.wait_for_selector("section.explainer-answer", timeout=TIMEOUT)  # the page has settled
        text = lead.inner_text()
        assert text.startswith("What would the 2017 proposal actually do?")
        assert "No design was ever named" in text and "Andrew Marr Show" in text and "26 March 2017" in text
        # Rudd's words exactly as the seed article prints them, and the article linked.
        assert "“we need to make sure that our intelligence services have the ability to get into situations " in text
        assert (
            lead.locator("a").first.get_attribute("href")
            == "http://www.cityam.com/261700/amber-rudd-just-called-whatsapps-end-end-encryption"
        )
        # The power that existed already, the Act's section on technical capability notices, linked too.
        assert (
            lead.locator("a").nth(1).get_attribute("href") == "https://www.legislation.gov.uk/ukpga/2016/25/section/253"
        )
        box = lead.evaluate(LEAD_BOX)
        assert box["top"] >= 0 and box["bottom"] <= height and box["right"] <= width, box
        buttons = page.locator("button.explainer-case").first.evaluate(LEAD_BOX)
        assert box["bottom"] <= buttons["top"], (box, buttons)  # above the buttons
        page.screenshot(path=shots / f"voila-explainer-{size}-first-screen.png")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_explainer_answers_on_the_first_screen(browser, voila_pages_url, shots, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{voila_pages_url}/voila/render/explainer.ipynb")
        page.wait_for_selector("section.explainer-answer", timeout=TIMEOUT)
        buttons = page.locator("button.explainer-case")
        assert buttons.count() == 8
        for i in range(buttons.count()):  # the words wrap instead of being cut off
            fits = buttons.nth(i).evaluate(
                "b => b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1"
            )
            assert fits, buttons.nth(i).inner_text()
        below = []
        for i in range(buttons.count()):
            label = buttons.nth(i).inner_text().strip()
            buttons.nth(i).click()
            page.wait_for_function(
                "n => document.querySelectorAll('button.explainer-case')[n].classList.contains('mod-primary')",
                arg=i,
                timeout=TIMEOUT,
            )
            verdict = page.locator("section.explainer-answer .explainer-verdict")
            bottom = verdict.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
            if bottom > height:
                below.append((label, bottom))
            if label.startswith("Key escrow"):
                page.screenshot(path=shots / f"voila-explainer-{size}-escrow.png")
        page.click("details.explainer-compare summary")  # the comparison table, opened
        page.locator("details.explainer-compare table").scroll_into_view_if_needed()
        page.screenshot(path=shots / f"voila-explainer-{size}-table.png")
        page.screenshot(path=shots / f"voila-explainer-{size}-full.png", full_page=True)
        assert below == []
    finally:
        context.close()


def test_the_explainer_card_follows_a_playground_switch_beneath_it(browser, voila_pages_url, shots):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{voila_pages_url}/voila/render/explainer.ipynb")
        page.wait_for_selector("section.explainer-answer", timeout=TIMEOUT)
        page.locator("button.explainer-case", has_text="Key escrow").click()
        answer = page.locator("section.explainer-answer")
        page.wait_for_function(
            "() => document.querySelector('section.explainer-answer').textContent.includes('Key escrow')",
            timeout=TIMEOUT,
        )
        assert "the state reads alice's 4 messages" in answer.inner_text().lower()
        switch = page.get_by_label(re.compile("^Key escrow$")).first
        assert not switch.is_visible()  # the playground is folded until the reader asks
        page.locator("button", has_text="Try it yourself").click()
        switch.wait_for(state="visible", timeout=TIMEOUT)
        page.get_by_label(re.compile("^Key escrow$")).first.click()  # the switch in the playground beneath
        page.wait_for_function(
            "() => document.querySelector('section.explainer-answer').textContent.includes('No outsider')",
            timeout=TIMEOUT,
        )
        assert "Key escrow" not in answer.inner_text()  # not the stale "4 of 5"
        page.screenshot(path=shots / "voila-explainer-after-playground-switch.png")
    finally:
        context.close()


def test_on_a_phone_the_playground_opens_from_try_it_and_its_message_box_fits(browser, voila_pages_url, shots):
    """At 390 px the page ends with the answer: the playground is folded behind "Try it yourself", and opened,
    its message box stays inside its card (it ran past the card's right edge, to the screen's)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{voila_pages_url}/voila/render/explainer.ipynb")
        page.wait_for_selector("section.explainer-answer", timeout=TIMEOUT)
        box = page.locator("textarea").first
        assert not box.is_visible()
        page.locator("button", has_text="Try it yourself").click()
        box.wait_for(state="visible", timeout=TIMEOUT)
        box.scroll_into_view_if_needed()
        edges = box.evaluate(
            """t => { const card = t.closest('.widget-vbox').getBoundingClientRect();
                return {box: t.getBoundingClientRect().right, card: card.right, screen: innerWidth}; }"""
        )
        assert edges["box"] <= edges["card"] and edges["card"] < edges["screen"], edges
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=shots / "voila-explainer-phone-try-it.png")
    finally:
        context.close()
