"""Reader mode without a browser: the templates leave out the cells for code readers and put raw output behind
"Show the workings"; chapter outputs speak in words; the phone layout's pieces are in the markup; the list of
pages and the teachers' pages are in step with the notebooks. (tests/browser/test_reader_browser.py looks at
the rendered pages in Chromium.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest
from reader_patterns import REPR

from widgets import World
from widgets.content.docs import doc_markdown, heading_ids
from widgets.ui.narration import STICKY_STYLE
from widgets.ui.quiz import STYLE as QUIZ_STYLE
from widgets.ui.switchboard import help_html, switchboard
from widgets.ui.tables import access_table_html, holdings_view, words_table
from widgets.ui.words import learned_words, names, read_words, yes_no

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_words_replace_python_values():
    assert (yes_no(True), yes_no(False)) == ("yes", "no")
    assert names({"Bob", "Alice"}) == "Alice, Bob" and names([]) == "no one"
    assert read_words(None).startswith("cannot read") and read_words("hi") == "reads “hi”"
    world = World(seed=7)
    world.send("Alice", "Bob", "Meet at noon")
    sentence = learned_words(world.learned("State", 1))
    assert sentence.startswith("metadata only") and "from Alice to Bob" in sentence and "not the words" in sentence
    assert not REPR.search(sentence)


def test_holdings_view_says_it_in_a_sentence_and_keeps_the_bytes_behind_the_workings():
    world = World(seed=7)
    world.send("Alice", "Bob", "Meet at noon")
    view = holdings_view(world.holdings("Provider"))
    first = view.data.split("<details")[0]
    assert first.startswith("<p>The Provider holds 2 keys") and "record" in first
    assert "(s)" not in view.data, "counted in words: 1 key, 2 keys"
    assert not re.search(r"[0-9a-f]{16}", first), "no hex before the disclosure"
    assert '<details class="workings"><summary>Show the workings</summary>' in view.data


def test_saved_outputs_of_every_notebook_hold_no_python_repr():
    """What nbval keeps is what Voila and the site show: printed values in words (widgets' text forms aside)."""
    found = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if "application/vnd.jupyter.widget-view+json" in data:
                    continue  # drawn from the widget's state, not from this text
                text = out.get("text", "") or re.sub(r"<[^>]+>", " ", data.get("text/html", data.get("text/plain", "")))
                found += [f"{path.name}: {text[max(0, m.start() - 30) : m.end() + 10]!r}" for m in REPR.finditer(text)]
    assert found == []


def test_the_repr_pattern_catches_what_it_should():
    assert REPR.search("Provider: None") and REPR.search("['Alice', 'Bob']") and REPR.search("KeyPair('Alice'")
    assert not REPR.search("None of the 2 messages opened")


def test_try_this_boxes_are_tagged_for_code_readers():
    untagged = [
        path.name
        for path in NOTEBOOKS
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "markdown"
        and "**Try this**" in cell.source
        and "for-coders" not in cell.metadata.get("tags", [])
    ]
    assert untagged == []


def site_html(notebook) -> str:
    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    return build_site.export(notebook, "t", "", "embed.js")


def test_the_site_template_hides_code_and_for_coders_cells_and_folds_printed_output():
    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    hidden = nbformat.v4.new_markdown_cell("TRY-THIS-BOX", metadata={"tags": ["for-coders"]})
    shown = nbformat.v4.new_markdown_cell("An article paragraph.")
    printed = nbformat.v4.new_code_cell("print('raw bytes')")
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text="raw bytes 00ff\n")]
    value = nbformat.v4.new_code_cell("32")
    value.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "32"}, execution_count=1)]
    notebook.cells = [hidden, shown, printed, value]
    page = site_html(notebook)
    assert "TRY-THIS-BOX" not in page and "An article paragraph." in page
    assert "print(" not in page  # code hidden
    assert page.count("<summary>Show the workings</summary>") == 2
    assert re.search(r"<details class=\"workings\">.*raw bytes 00ff", page, re.S)
    assert "text-decoration: underline" in page and "<main>" in page


def test_the_voila_template_does_the_same():
    template = (ROOT / "share/jupyter/voila/templates/course/index.html.j2").read_text()
    assert '"for-coders" not in cell.metadata.get("tags", [])' in template
    assert (
        template.count("<summary>Show the workings</summary>") == 2 and "<main>" in template and "</main>" in template
    )
    assert '{% include "reader.html.j2" %}' in template


def test_who_can_read_table_turns_into_cards_on_a_phone():
    world = World(seed=7)
    world.send("Alice", "Bob", "hi")
    markup = access_table_html(world)
    assert "@media (max-width: 640px)" in markup and "content: attr(data-party)" in markup
    cells = re.findall(r'<td data-party="([^"]+)"', markup)
    assert cells == list(world.parties)


def test_switch_help_is_collapsed_and_the_result_line_sticks():
    assert help_html("escrow").startswith('<details class="switch-help"')
    assert "Needs “Key escrow”" in help_html("escrow_breach")
    board = switchboard(World(seed=7), ("end_to_end", "escrow"))
    assert "result-line" in board.narration._dom_classes and "sticky-host" in board._dom_classes
    assert "position: sticky" in STICKY_STYLE and "bottom: 0" in STICKY_STYLE
    assert "display:flex;flex-direction:row-reverse" in QUIZ_STYLE and "align-items:flex-start" in QUIZ_STYLE


def test_voila_list_of_pages_has_every_notebook_title_in_step():
    checked = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "chapter_titles.py"), "--check"], capture_output=True
    )
    assert checked.returncode == 0, checked.stderr.decode()
    titles = (ROOT / "share/jupyter/voila/templates/course/chapter_titles.html.j2").read_text()
    assert all(f'"{path.name}"' in titles for path in NOTEBOOKS)


@pytest.mark.parametrize("name", ["teachers", "self_check_answers"])
def test_teachers_documents_link_to_the_pages_beside_them(name):
    text = doc_markdown(name)
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links and not [link for link in links if link.startswith("../") or link.endswith(".md")]
    notebooks = {path.name for path in NOTEBOOKS}
    assert all(link.split("#")[0] in notebooks or "://" in link for link in links if not link.startswith("#")), links
    in_page = [unquote(link[1:]) for link in links if link.startswith("#")]
    assert set(in_page) <= heading_ids(text), in_page  # each in-page link names a heading the page really has


def test_unknown_document_is_refused_in_words():
    with pytest.raises(ValueError, match="no such document"):
        doc_markdown("../../etc/passwd")


def test_teachers_checklists_print_boxes_not_unlabelled_checkboxes():
    """A Markdown task list renders as checkbox inputs with no label (an axe violation) that do nothing."""
    text = doc_markdown("teachers")
    assert "- [ ]" not in text and "☐" in text


def test_opened_workings_wrap_within_a_phone_screen():
    """Cold read, item 16: opened, the workings were one line up to 2,148 px wide at 390 px."""
    css = (ROOT / "share/jupyter/voila/templates/course/reader.html.j2").read_text().split("</style>")[0]
    rules = {m[0].strip(): m[1] for m in re.findall(r"([^{}]+)\{([^{}]*)\}", css) if "details.workings" in m[0]}
    wrapping = [body for selector, body in rules.items() if "details.workings pre" in selector]
    assert wrapping and all("pre-wrap" in body and "overflow-wrap: anywhere" in body for body in wrapping)
    assert not any(re.search(r"white-space:\s*pre\s*;", body) for body in rules.values())


def test_words_table_shows_a_result_as_words_escaped():
    table = words_table(("Party", "Reads"), [("Alice", "reads “<b>hi</b>”")])
    assert ">Party</th>" in table.data and "&lt;b&gt;hi&lt;/b&gt;" in table.data and "<b>hi" not in table.data
    assert "details" not in table.data, "a result on the page, not behind the workings"
    assert repr(table) == "Party | Reads\nAlice | reads “<b>hi</b>”"


def test_backup_table_turns_into_cards_on_a_phone():
    """Cold read, item 19: at 390 px chapter 08's backup table was cut at "Provid…"."""
    from widgets.labs.backups import PARTIES, PROVIDER_KEY, chat_history, make_backup
    from widgets.ui.ratchet_views import backup_table

    world = World(seed=71)
    world.send("Alice", "Bob", "hi")
    markup = backup_table([make_backup(chat_history(world, "Alice"), "Alice", PROVIDER_KEY, seed=8)]).data
    assert "@media (max-width: 640px)" in markup and "table.backup-table td::before" in markup
    assert len(re.findall(r'<td data-party="[^"]+"', markup)) == len(PARTIES)


def notebook_cells(name: str):
    return nbformat.read(ROOT / "notebooks" / name, as_version=4).cells


def shown_markdown(name: str) -> list[str]:
    """The prose a page reader sees: markdown cells not tagged for-coders."""
    return [
        c.source
        for c in notebook_cells(name)
        if c.cell_type == "markdown" and "for-coders" not in c.metadata.get("tags", [])
    ]


@pytest.mark.parametrize("name", ["05_interception_and_ghosts.ipynb", "08_forward_secrecy_and_backups.ipynb"])
def test_prose_names_no_files_or_identifiers(name):
    """Cold read, item 12: say it in words; a source's own file name in a Sources citation ("- **[S]** …") stays."""
    identifier = re.compile(r"`[^`]*(?:\.py|\.rs|\.toml|[A-Za-z_]\.[a-z_]|\(|=)[^`]*`|\bwidgets/|\bseed=\d")
    found = [
        line
        for source in shown_markdown(name)
        for line in source.splitlines()
        if identifier.search(line) and not line.lstrip().startswith("- **[")
    ]
    # a citation's continuation lines belong to it: drop lines inside a "- **[X]**" item
    cited = set()
    for source in shown_markdown(name):
        inside = False
        for line in source.splitlines():
            inside = line.lstrip().startswith("- **[") or (inside and line.startswith("  "))
            if inside:
                cited.add(line)
    assert [line for line in found if line not in cited] == []


def test_the_pattern_for_identifiers_in_prose_catches_them():
    assert re.search(r"`[^`]*(?:\.py|\.rs|[A-Za-z_]\.[a-z_]|\()[^`]*`", "the file `fingerprint.rs` and `world.forge`")


def test_chapter_08_says_nothing_a_page_reader_cannot_see():
    prose = "\n".join(shown_markdown("08_forward_secrecy_and_backups.ipynb"))
    assert "printed above" not in prose and "live notebook" not in prose


def test_chapter_00_keeps_notebook_instructions_for_coders_and_numbers_its_sections_for_readers():
    """Cold read, items 13 and 14: 'Concept: None' read as Python; §4 told a page reader to press Shift + Enter."""
    prose = "\n".join(shown_markdown("00_start_here.ipynb"))
    assert "Shift + Enter" not in prose and "grey boxes" not in prose
    assert "| No earlier chapter |" in prose and "| None |" not in prose
    numbers = re.findall(r"^## (\d+) ·", prose, re.M)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and "4" in numbers
    every = "\n".join(c.source for c in notebook_cells("00_start_here.ipynb"))
    assert "Shift + Enter" in every, "the notebook view keeps the instructions"


@pytest.mark.parametrize("name", ["00_start_here.ipynb", "04_key_escrow.ipynb"])
def test_experiments_a_sentence_introduces_show_their_result_on_the_page(name):
    """Cold read, items 13 and 15: a sentence ending in ':' before a code cell leads to a result a page reader
    sees (HTML), not only to printed output behind "Show the workings"; and no "key(s)" or True/False."""
    cells = notebook_cells(name)
    leads = {
        "00_start_here.ipynb": ["Here is the experiment behind the first row"],
        "04_key_escrow.ipynb": ["A message sent after the theft", "Before moving on, we take the stolen key back"],
    }[name]
    for lead in leads:
        index = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and lead in c.source)
        outputs = cells[index + 1].outputs
        assert any("text/html" in out.get("data", {}) for out in outputs), lead
        assert not any(out.output_type == "stream" for out in outputs), lead
    for cell in cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            assert "key(s)" not in text and not re.search(r": (True|False)$", text, re.M), text


CHAPTERS = [path for path in NOTEBOOKS if re.match(r"\d\d_", path.name)]


def saved_output_texts(path: Path):
    """Each saved output of a notebook as the words a reader gets (HTML tags dropped), with the cell's index."""
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = out.get("text", "") + " " + re.sub(r"<[^>]+>", " ", data.get("text/html", ""))
            yield index, text + " " + str(data.get("text/plain", ""))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_counts_in_saved_outputs_are_plural_correct(path):
    """Cold read 10, item 4: "2 agreement(s)", "6 day(s)", "3 stored message(s)", "1 more attempt(s)"."""
    found = [f"cell {i}: {m.group(0)}" for i, text in saved_output_texts(path) for m in re.finditer(r"\w+\(s\)", text)]
    assert found == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_reader_visible_html_names_no_method_of_the_model(path):
    """Cold read 10, item 1: a column headed "what read_as gives" with "None — no text comes out"."""
    found = []
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            shown = re.sub(r"<details class=\"workings\">.*?</details>", " ", html, flags=re.S)
            words = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", shown, flags=re.S))
            found += [f"cell {index}: {m.group(0)}" for m in re.finditer(r"read_as|learned\(|\bNone\b —", words)]
    assert found == []


IDENTIFIER = re.compile(r"`[^`]*(?:\.py|\.rs|\.toml|[A-Za-z_]\.[a-z_]|\(|=)[^`]*`|\bwidgets[/.]|\bseed=\d|`[A-Z_]{4,}`")


def test_the_identifier_pattern_catches_modules_files_and_constants():
    for text in ("`widgets.labs.public_keys`", "in widgets/protocol/leaf.py", "(`THRESHOLD`)", "`world.learned(p, m)`"):
        assert IDENTIFIER.search(text), text
    assert not IDENTIFIER.search("a **threshold** of 10 bits (Charikar, 2002 [C])")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_chapter_prose_names_no_modules_files_or_constants(path):
    """Cold read 10, item 3: module names, file paths and constants in prose a page reader sees (a source's own
    file name inside a "- **[X]**" citation stays)."""
    found = []
    for source in shown_markdown(path.name):
        inside = False
        for line in source.splitlines():
            inside = line.lstrip().startswith("- **[") or (inside and line.startswith("  "))
            if IDENTIFIER.search(line) and not inside:
                found.append(line)
    assert found == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_pages_with_the_code_hidden_do_not_ask_the_reader_to_run_cells(path):
    """Cold read 10, item 3: "Running a cell (Shift + Enter)" as a prerequisite of a page whose code is hidden."""
    assert "Shift + Enter" not in "\n".join(shown_markdown(path.name))


@pytest.mark.parametrize(
    ("name", "lead", "result"),
    [
        ("01_secret_messages.ipynb", "Here the Attacker flips a bit", "refuses the message"),
        ("04_key_escrow.ipynb", "Each extra bit doubles the average search", "4.3 billion"),
        ("03_the_provider.ipynb", "what the State *learns*", "but not the words"),
    ],
)
def test_a_lead_before_folded_workings_states_the_result_in_words(name, lead, result):
    """Cold read 10, item 5: a sentence ending in ':' before printed output (behind "Show the workings") must say
    the result itself."""
    cells = notebook_cells(name)
    index = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and lead in c.source)
    assert result in cells[index].source
    assert any(out.output_type == "stream" for out in cells[index + 1].outputs), "the workings it leads to"


def test_the_two_worlds_holdings_of_chapter_03_are_labelled():
    """Cold read 10, item 1: "The State holds 1 key…" twice, with nothing saying which world each is."""
    cells = notebook_cells("03_the_provider.ipynb")
    index = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## 3. The warrant" in c.source)
    texts = [str(out.get("data", {}).get("text/plain", "")) for out in cells[index + 1].outputs]
    labels = [t for t in texts if t.endswith(":") and "encryption" in t]
    assert len(labels) == 2 and len(set(labels)) == 2, texts


def test_figures_that_may_scroll_say_so_above_the_figure():
    from matplotlib.figure import Figure

    from widgets.ui.figures import show_figure

    markup = show_figure(Figure(figsize=(2, 1)), "an empty figure").data
    assert markup.index('class="figure-cue"') < markup.index('class="figure-scroll"')


def test_wide_tables_of_words_become_cards_on_a_phone():
    """Cold read 10, item 2: the speaker table of chapter 09, the summaries of 05 and 07 lost columns at 390 px."""
    page = (ROOT / "share/jupyter/voila/templates/course/reader.html.j2").read_text()
    css = page.split("</style>")[0]
    phone = css[css.index("@media (max-width: 640px)") :]
    assert "table.stacked thead" in phone and "content: attr(data-label)" in phone
    assert "function stackWideTables" in page and "setAttribute('data-label'" in page


def test_side_by_side_columns_say_what_a_party_gets_in_words():
    """Cold read 10, item 1: chapter 03 §6 had a column "what read_as gives" with "None — no text comes out"."""
    from widgets.ui.side_by_side import CONVERSATION, build_worlds, column_html

    worlds, _ = build_worlds(7, CONVERSATION)
    markup = column_html(worlds["end_to_end"], "Provider", "End-to-end encryption")
    words = re.sub(r"<[^>]+>", " ", markup.split("<details")[0])
    assert "read_as" not in words and not REPR.search(words) and "no words come out" in words
