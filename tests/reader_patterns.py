"""What the reader-mode checks look for, shared by the saved-output tests (test_reader_mode.py) and the browser
tests of Voila and the static site: one pattern, so that the three agree on what counts as a Python value."""

import re

# A Python value where a reader should see words: a repr of the model's objects, a list of names, a bare None.
REPR = re.compile(
    r"frozenset\(|KeyPair\(|Learned\(|Holdings\(|\['Alice'|(?:^|[\s:(\[,=|])None(?=$|[\s,.)\]|])(?!\s+[a-z])", re.M
)

# In a browser: every rendered output's text, scripts and styles left out; closed "Show the workings" included
# (prose is the authors' words, not output).
OUTPUT_TEXT = """() => [...document.querySelectorAll('.jp-OutputArea-output')].map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('script, style').forEach(s => s.remove());
    return copy.textContent;
})"""
