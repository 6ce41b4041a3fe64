"""Keyboard only, in a real Chromium, on the Voila pages `make pages` serves: Tab to a playground switch and
toggle it with Space; Tab to an explainer button and press it with Enter; turn "Show the bytes" on with
Space. Each time the who-can-read words change. Also: the list of pages links every notebook, and a chapter
reads without its code."""

from __future__ import annotations

import re
from pathlib import Path

TIMEOUT = 300_000  # a ceiling: each wait ends on the event it waits for (a loaded machine needs room)
MAX_TABS = 150  # more than the focusable things above the controls the tests look for
NOTEBOOKS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el) return null;
    const label = el.closest('label');
    return {tag: el.tagName, type: el.type || '', text: ((label && label.textContent) || el.textContent || '').trim()};
}"""


def tab_to(page, tag: str, text: str) -> dict:
    """Press Tab until the focused element is a ``tag`` whose label reads ``text``; fail if it never is."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and focused["tag"] == tag and focused["text"] == text:
            return focused
        seen.append(focused and focused["text"][:30])
    raise AssertionError(f"Tab never reached the {tag} {text!r}; it reached: {seen}")


def column(page, party: str) -> list[str]:
    return page.evaluate(
        """(party) => {
            const table = document.querySelector('table.who-can-read');
            const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
            const col = heads.indexOf(party);
            return [...table.querySelectorAll('tbody tr')].map(tr => tr.children[col].textContent.trim());
        }""",
        party,
    )


def real_problems(page) -> list[str]:
    # Leaving a Voila page cancels its kernel-shutdown request; that is navigation, not a fault of the page.
    return [p for p in page.problems if "/api/shutdown/" not in p]


def test_a_playground_switch_toggles_from_the_keyboard(page, voila_pages_url, shots):
    page.goto(f"{voila_pages_url}/voila/render/10_playground.ipynb")
    page.wait_for_selector("table.who-can-read", timeout=TIMEOUT)
    before = column(page, "State")
    assert not any("can read" in cell for cell in before)
    focused = tab_to(page, "INPUT", "Key escrow")
    assert focused["type"] == "checkbox"
    page.keyboard.press("Space")
    page.wait_for_function(
        """() => [...document.querySelectorAll('table.who-can-read tbody tr')]
                 .some(tr => tr.children[5] && tr.children[5].textContent.includes('can read'))""",
        timeout=TIMEOUT,
    )
    after = column(page, "State")
    assert sum("can read" in cell for cell in after) >= 3 and after != before
    assert page.get_by_label(re.compile("^Key escrow$")).first.is_checked()
    assert "can now read" in page.inner_text("body")
    page.screenshot(path=shots / "voila-keyboard-switch.png")
    page.keyboard.press("Space")  # and back off again, still from the keyboard
    page.wait_for_function(
        """() => ![...document.querySelectorAll('table.who-can-read tbody tr')]
                 .some(tr => tr.children[5] && tr.children[5].textContent.includes('can read'))""",
        timeout=TIMEOUT,
    )
    assert real_problems(page) == []


def test_the_explainer_works_from_the_keyboard_and_hides_the_bytes_until_asked(page, voila_pages_url, shots):
    page.goto(f"{voila_pages_url}/voila/render/explainer.ipynb")
    page.wait_for_selector("section.scenario", timeout=TIMEOUT)
    assert "from widgets" not in page.inner_text("body")  # code hidden
    assert not page.locator("section[aria-label='The wire']").is_visible()  # bytes hidden at first
    tab_to(page, "BUTTON", "Client-side scanning")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('section.scenario h2').textContent.startsWith('Client-side scanning')",
        timeout=TIMEOUT,
    )
    words = page.inner_text("section.scenario")
    assert "can read 1 of 5 messages" in words and "Sources" in words
    assert not page.get_by_label("Show the bytes").is_visible()  # the playground is folded at first
    tab_to(page, "BUTTON", "Try it yourself: change the rules")
    page.keyboard.press("Enter")
    page.get_by_label("Show the bytes").wait_for(state="visible", timeout=TIMEOUT)
    focused = tab_to(page, "INPUT", "Show the bytes")
    assert focused["type"] == "checkbox"
    page.keyboard.press("Space")
    page.wait_for_selector("section[aria-label='The wire']", state="visible", timeout=TIMEOUT)
    assert "bytes)" in page.inner_text("section[aria-label='The wire']")
    page.screenshot(path=shots / "voila-explainer-keyboard.png", full_page=True)
    assert real_problems(page) == []


def test_the_pages_list_every_notebook_and_a_chapter_reads_without_code(page, voila_pages_url, shots):
    page.goto(voila_pages_url + "/")
    links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    listed = {re.sub(r"\?.*$", "", link).rsplit("/", 1)[-1] for link in links if link and ".ipynb" in link}
    assert set(NOTEBOOKS) <= listed
    page.goto(f"{voila_pages_url}/voila/render/01_secret_messages.ipynb")
    page.wait_for_selector("img[alt]", timeout=TIMEOUT)  # the brute-force figure
    page.wait_for_function(
        "() => !document.querySelector('#loading') || !document.querySelector('#loading').offsetParent"
    )
    found = page.evaluate(
        """() => ({
            code: document.querySelectorAll('.jp-CodeCell .jp-InputArea, .cm-editor').length,
            errors: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length,
            imagesWithoutAlt: [...document.querySelectorAll('img')].filter(i => !(i.alt || '').trim()).length,
            headings: document.querySelectorAll('h1, h2').length,
        })"""
    )
    assert found == {**found, "code": 0, "errors": 0, "imagesWithoutAlt": 0} and found["headings"] >= 3, found
    page.screenshot(path=shots / "voila-page-chapter-01.png")
    assert real_problems(page) == []
