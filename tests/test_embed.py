"""The newsroom embed (tools/build_embed.py): every verdict it shows is what the real model computes for that
case, regenerated here and compared; the page is self-contained, escaped, permalinked and small."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from widgets.ui import explainer
from widgets.ui.explainer import OUTSIDERS, SCENARIOS, explainer_world

ROOT = Path(__file__).resolve().parent.parent
LIMIT_KB = 300


def load_builder():
    spec = importlib.util.spec_from_file_location("build_embed", ROOT / "tools" / "build_embed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("embed")
    page = load_builder().build(out, images=True)
    return out, BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def shown_verdict(soup, key: str) -> str:
    section = soup.find("section", attrs={"data-key": key})
    return section.find(class_="verdict-text").get_text()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_each_verdict_is_what_the_model_computes_for_that_case(built, scenario):
    _, soup = built
    world = explainer_world()
    world.policy = scenario.policy  # a fresh run of the real protocol under the case's switches
    said = shown_verdict(soup, scenario.key)
    assert said == explainer.verdict(world)
    total = len(world.messages)
    for party in OUTSIDERS:  # and the numbers in it are the model's, counted here by decryption
        n = sum(party in world.readers(m) for m in world.messages)
        if n == 0:
            assert re.search(rf"the {party}( and the \w+)? reads? none|No outsider", said), (party, said)
        elif n == total:
            assert f"the {party} reads all {total} messages" in said.replace("The", "the")
        else:
            assert f"{n} " in said and party in said


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_each_verdict_says_which_scenario_its_numbers_count(built, scenario):
    _, soup = built
    world = explainer_world()
    section = soup.find("section", attrs={"data-key": scenario.key})
    scope = section.find(class_="scope").get_text()
    assert f"{len(world.messages)} messages among Alice, Bob and Carol" in scope and "chapter 09" in scope


def test_the_no_end_to_end_case_says_the_provider_reads_everyones(built):
    _, soup = built
    text = soup.find("section", attrs={"data-key": "no_end_to_end"}).get_text()
    assert "Provider reads everyone's messages" in text and "Turn off end-to-end encryption" in text
    assert "We're not saying open up" in text


def test_the_verdicts_differ_where_the_proposals_do(built):
    _, soup = built
    opens = {s.key: soup.find("section", attrs={"data-key": s.key}).get_text() for s in SCENARIOS}
    assert "a stolen escrow key exposes everyone" in opens["escrow"]
    assert "checking the chat's members catches it; the safety numbers alone still match" in opens["ghost"].lower()
    assert "safety numbers catch it" not in opens["ghost"].lower()
    assert "a target on another app escapes" in opens["ghost"]
    assert "exposes everyone who backs up" in opens["backups"]
    assert "a target on another app does not escape it" in opens["implant"].lower()
    for key in ("ghost", "scanning", "implant"):  # no break-in the model runs reaches them: not a pass
        assert "not run by the model" in opens[key] and "is not a pass" in opens[key], key
    assert "not a pass" not in opens["escrow"] and "not a pass" not in opens["backups"]


def test_every_status_line_names_its_sources_and_marks_the_secondary(built):
    _, soup = built
    section = soup.find("section", attrs={"data-key": "scanning"}).get_text()
    assert "EU Matrix Atlas" in section and "[secondary source: read only in a report" in section
    backups = soup.find("section", attrs={"data-key": "backups"}).get_text()
    assert "Hindustan Times, 19 August 2025 [secondary]" in backups  # the DNI's words of August 2025


def test_every_case_has_a_permalink_a_section_and_image_cards(built):
    out, soup = built
    for scenario in SCENARIOS:
        assert soup.find("a", href=f"#{scenario.key}", attrs={"data-key": scenario.key})
        section = soup.find("section", attrs={"data-key": scenario.key})
        assert section and section.find("h2").get_text() == scenario.title
        for suffix in ("png", "svg"):
            card = out / "cards" / f"{scenario.key}.{suffix}"
            assert section.find("a", href=f"cards/{scenario.key}.{suffix}")
            assert card.stat().st_size > 1000
        assert (out / "cards" / f"{scenario.key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (out / "cards" / f"{scenario.key}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg


def test_the_page_loads_nothing_from_elsewhere_and_is_small(built):
    out, soup = built
    page = out / "embed.html"
    size_kb = page.stat().st_size / 1024
    assert size_kb < LIMIT_KB, f"{size_kb:.0f} KB"
    assert not soup.find_all("script", src=True)
    assert not soup.find_all("link", rel="stylesheet")
    assert not soup.find_all(["img", "iframe", "object", "embed"], src=True)
    assert "@import" not in page.read_text() and "url(" not in "".join(s.get_text() for s in soup.find_all("style"))
    assert soup.find("main") and soup.html.get("lang") == "en"


def test_every_text_is_escaped(tmp_path, monkeypatch):
    builder = load_builder()
    hostile = SCENARIOS[0].__class__(
        **{**SCENARIOS[0].__dict__, "story": "<script>alert(1)</script> & <b>bold</b>", "title": "<i>x</i>"}
    )
    monkeypatch.setattr(builder, "SCENARIOS", (hostile, *SCENARIOS[1:]))
    page = builder.build(tmp_path, images=False).read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert "<i>x</i>" not in page
