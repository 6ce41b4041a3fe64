"""The static site (tools/build_site.py, `make site`): built for two chapters into a temporary folder, it has
its pages, loads nothing from a CDN, links chapters to their pages, gives every image alt text, and carries
the widgets' saved state with the pinned renderer served locally."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CDN_HOSTS = ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com")
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"


@pytest.fixture(scope="module")
def site(site_build) -> Path:
    return site_build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), features="html.parser")


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def widget_state(page: BeautifulSoup) -> dict:
    script = page.find("script", type="application/vnd.jupyter.widget-state+json")
    assert script is not None, "no saved widget state"
    return json.loads(script.string)


def test_every_chapter_has_a_page_and_the_index_lists_them_in_order(site, site_chapters):
    assert [p.name for p in pages(site)] == [f"{c}.html" for c in site_chapters] + ["index.html"]
    links = [a["href"] for a in soup(site / "index.html").select("main ol a")]
    assert links == [f"{c}.html" for c in site_chapters]
    titles = [a.get_text() for a in soup(site / "index.html").select("main ol a")]
    assert titles[0].startswith("03 · The Provider") and titles[1].startswith("10 · The playground")


def test_index_and_each_page_say_what_stays_interactive(site, site_chapters):
    index = soup(site / "index.html").get_text(" ")
    assert "Does not compute" in index and "no Python behind these pages" in index
    for name in site_chapters:
        bar = soup(site / f"{name}.html").select_one("nav.course-site-bar")
        assert bar is not None and "does not compute anything" in bar.get_text()
        assert bar.find("a", href="index.html") is not None


def test_nothing_is_loaded_from_another_site(site):
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        for host in CDN_HOSTS:
            assert host not in text, f"{path.name} mentions {host}"
        page = soup(path)
        fetched = [tag.get("src") for tag in page.find_all(["script", "img", "iframe"]) if tag.get("src")]
        fetched += [tag.get("href") for tag in page.find_all("link") if tag.get("href")]
        for url in fetched:
            assert not re.match(r"^(https?:)?//", url), f"{path.name} loads {url}"
            assert url.startswith("data:") or (site / url.split("?")[0]).exists(), f"{path.name}: {url} missing"


def test_links_between_chapters_point_to_pages(site, site_chapters):
    for name in site_chapters:
        hrefs = [a["href"] for a in soup(site / f"{name}.html").find_all("a", href=True)]
        assert not [h for h in hrefs if re.search(r"\.ipynb(#|$)", h) and "://" not in h], hrefs
    playground = [a["href"] for a in soup(site / "10_playground.html").find_all("a", href=True)]
    assert "03_the_provider.html" in playground and "00_start_here.html" in playground


def test_every_image_has_its_own_alt_text(site, site_chapters):
    images = []
    for name in site_chapters:
        page = soup(site / f"{name}.html")
        images += page.find_all("img")
        for model in widget_state(page)["state"].values():  # figures inside HTML widgets
            value = model["state"].get("value")
            if isinstance(value, str) and "<img" in value:
                images += BeautifulSoup(value, features="html.parser").find_all("img")
    assert images, "no figure in these chapters: pick chapters with one"
    for image in images:
        alt = (image.get("alt") or "").strip()
        assert len(alt) > 20 and alt != NBCONVERT_DEFAULT_ALT, image.get("alt")


def test_widget_state_is_saved_and_rendered_by_the_local_renderer(site, site_chapters):
    for name in site_chapters:
        page = soup(site / f"{name}.html")
        state = widget_state(page)["state"]
        views = [json.loads(s.string)["model_id"] for s in page.find_all("script", type=re.compile("widget-view"))]
        assert views and all(model_id in state for model_id in views)
        renderers = [s["src"] for s in page.find_all("script", src=True)]
        assert renderers == ["_static/html-manager/embed.js"]
    assert (site / "_static" / "html-manager" / "embed.js").stat().st_size > 1_000_000
    playground = widget_state(soup(site / "10_playground.html"))["state"]
    assert any("who-can-read" in str(m["state"].get("value", "")) for m in playground.values())


def test_the_renderer_is_the_pinned_version(site):
    pin = json.loads((ROOT / "site" / "vendor.json").read_text())["packages"]["@jupyter-widgets/html-manager"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pin["version"]) and pin["integrity"].startswith("sha512-")
    embed = (site / "_static" / "html-manager" / "embed.js").read_text(encoding="utf-8", errors="replace")
    assert "widget-state+json" in embed
