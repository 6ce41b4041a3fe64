"""The static site in a real Chromium, served by Python's http.server on 127.0.0.1: the index and a chapter
open, headings, a figure and the saved widgets render, every request stays on this machine, the console is
clean — and a switch clicked there changes nothing, as the site says (no Python behind the page)."""

from __future__ import annotations

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
