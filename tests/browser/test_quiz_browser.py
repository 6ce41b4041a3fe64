"""A self-check in a real Chromium, in Voila (code hidden): answered from the keyboard and with a click, the
feedback appears at once in words, the collapsed answer opens, and the browser console stays clean.

The chapter is the playground (10), which the session's Voila server already serves and which ends with a
self-check like every chapter."""

from __future__ import annotations

from widgets.content.self_checks import questions

TIMEOUT = 300_000  # a ceiling: each wait ends on the event it waits for (a loaded machine needs room)
CHAPTER = "10"


def feedback(page, number: int) -> str:
    return page.locator(".self-check .feedback").nth(number).inner_text() if number < feedback_count(page) else ""


def feedback_count(page) -> int:
    return page.locator(".self-check .feedback").count()


def test_self_check_in_voila_answers_by_keyboard_and_click(page, voila_url, shots):
    asked = questions(CHAPTER)
    page.goto(voila_url)
    page.wait_for_selector(".self-check .widget-radio-box input[type=radio]", timeout=TIMEOUT)
    assert "self_check(" not in page.inner_text("body")  # code hidden
    boxes = page.locator(".self-check .widget-radio-box")
    assert boxes.count() == len(asked)
    assert page.locator(".self-check input[type=radio]:checked").count() == 0  # nothing chosen at first
    assert feedback_count(page) == 0

    # Keyboard: Tab-focus lands on a radio; Space chooses it, an arrow key moves the choice.
    first = boxes.nth(0).locator("input[type=radio]")
    first.nth(0).focus()
    page.keyboard.press("Space")
    page.wait_for_selector(".self-check .feedback", timeout=TIMEOUT)
    wrong_first = asked[0].answer != 0
    expected = "Not quite —" if wrong_first else "Right —"
    assert page.locator(".self-check .feedback").first.inner_text().lstrip("✓✗ ").startswith(expected)
    for _ in range(asked[0].answer):
        page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "() => document.querySelector('.self-check .feedback').textContent.includes('Right —')", timeout=TIMEOUT
    )
    text = page.locator(".self-check .feedback").first.inner_text()
    assert asked[0].why[:40] in text
    assert page.locator(".self-check .feedback").first.get_attribute("role") == "status"

    # Mouse: click a wrong choice of the second question, by its visible label.
    second = asked[1]
    wrong = next(i for i in range(len(second.choices)) if i != second.answer)
    boxes.nth(1).get_by_text(second.choices[wrong], exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.self-check .feedback')].some(f => f.textContent.includes('Not quite'))",
        timeout=TIMEOUT,
    )
    assert second.right_choice in page.locator(".self-check .feedback", has_text="Not quite").first.inner_text()

    # The collapsed answer, for readers whose page has no kernel, opens with a click and needs no Python.
    details = page.locator(".self-check details.answer")
    assert details.count() == len(asked)
    assert not details.nth(2).evaluate("d => d.open")
    details.nth(2).locator("summary").click()
    assert details.nth(2).evaluate("d => d.open")
    assert asked[2].right_choice in details.nth(2).inner_text()

    page.locator(".self-check").first.screenshot(path=shots / "voila-self-check.png")
    assert page.problems == []
