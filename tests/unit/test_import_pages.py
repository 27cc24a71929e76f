"""`oslearn import` on hand-written pages with the awkward parts of the book's format, and
the command's file handling (never overwriting, collisions, bad input)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oslearn.lessons.importer import PageError, convert_page, import_pages, read_page
from oslearn.lessons.loader import parse_lesson
from oslearn.tui import cli

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def _import(tmp_path, name: str):
    """Import one fixture page; return the converted lesson and the loaded lesson file."""
    [outcome] = import_pages([PAGES / name], tmp_path / "out")
    assert outcome.error == "" and outcome.problems == []
    problems = []
    loaded = parse_lesson(outcome.written, problems)
    assert problems == []
    return outcome.lesson, loaded


def test_header_with_toc_false_and_unknown_keys(tmp_path):
    lesson, loaded = _import(tmp_path, "web-frameworks.markdown")
    assert (loaded.id, loaded.title, loaded.order) == ("web-frameworks", "Web Frameworks", 301)
    assert loaded.summary.startswith("What a web framework does")
    assert "toc" not in lesson.text().split("---")[1]
    [unused] = [note for note in lesson.notes if note.startswith("header keys not used")]
    assert "toc" in unused and "author-note" in unused and "sidebartitle" in unused


def test_nested_lists_and_links_with_titles(tmp_path):
    _, loaded = _import(tmp_path, "web-frameworks.markdown")
    resources = [(r.title, r.url, r.description) for r in loaded.resources]
    assert resources == [
        ("Flask", "http://flask.pocoo.org/", "is a microframework."),
        ("Flask extensions", "http://flask.pocoo.org/extensions/", "add features such as login and forms."),
        ("Explore Flask", "https://exploreflask.com/", "is a free book."),
        ("Django", "https://www.fullstackpython.com/django.html", 'is a "batteries included" framework.'),
        ("Bottle", "https://www.fullstackpython.com/bottle.html", "fits in a single file."),
    ]
    body = loaded.body
    # The item without a link stays in the text; the list with no links stays a list.
    assert "- Pyramid is also used, though this list does not link it." in body
    assert "* request routing" in body
    # A reference-style link keeps working inside its section, its definition made absolute.
    [comparing] = [section for section in loaded.sections if section.title.startswith("Comparing")]
    assert "([compare them][cmp])" in comparing.markdown
    assert '[cmp]: https://www.fullstackpython.com/web-frameworks.html#comparison "Comparison"' in comparing.markdown
    # A link title in running text is kept, with the target made absolute.
    assert '[WSGI servers](https://www.fullstackpython.com/wsgi-servers.html "Full Stack Python on WSGI")' in body


def test_inline_html_is_reduced_to_text_and_links(tmp_path):
    lesson, loaded = _import(tmp_path, "web-frameworks.markdown")
    body = loaded.body
    assert "[Django](https://www.fullstackpython.com/django.html) for more." in body
    assert "Read the [web development](https://www.fullstackpython.com/web-development.html) chapter first." in body
    for tag in ("<a ", "<div", "<img", "<p>", "</"):
        assert tag not in body
    assert any("/img/logos/frameworks.png" in note for note in lesson.notes)


def test_checklist_under_a_checklist_heading_with_a_nested_item(tmp_path):
    _, loaded = _import(tmp_path, "web-frameworks.markdown")
    steps = [(item.text, item.detail, item.links) for item in loaded.checklist]
    assert steps == [
        ("Choose a framework, for example Django or Flask.", "Both are mature. Read its tutorial.",
         ("https://www.fullstackpython.com/django.html", "http://flask.pocoo.org/")),
        ("Build a small application with it.", "", ()),
        ("Deploy it behind a WSGI server.", "", ("https://www.fullstackpython.com/wsgi-servers.html",)),
    ]
    # A heading's link and inline HTML are reduced to their text.
    assert [s.title for s in loaded.sections] == ["Introduction", "Popular frameworks",
                                                  "Comparing frameworks (all of them)",
                                                  "Web frameworks learning checklist"]


def test_page_without_a_header(tmp_path):
    lesson, loaded = _import(tmp_path, "no-header.markdown")
    assert (loaded.id, loaded.title) == ("task-queues", "Task Queues")
    assert loaded.summary == "Task queues run work outside the HTTP request-response cycle."
    assert "# Task Queues" not in loaded.body
    assert loaded.order == 10  # first page of the import
    assert [r.title for r in loaded.resources] == ["Celery", "RQ"]
    assert any("no metadata header" in note for note in lesson.notes)


def test_page_with_crlf_line_endings(tmp_path):
    raw = (PAGES / "nginx-crlf.markdown").read_bytes()
    assert b"\r\n" in raw
    lesson, loaded = _import(tmp_path, "nginx-crlf.markdown")
    assert "\r" not in lesson.text()
    assert (loaded.id, loaded.order, loaded.summary) == ("nginx", 512, "Nginx is a web server and reverse proxy.")
    as_lf = convert_page(raw.decode().replace("\r\n", "\n"), str(PAGES / "nginx-crlf.markdown"), default_order=10)
    assert lesson.text() == as_lf.text()


def test_page_with_non_ascii_text(tmp_path):
    lesson, loaded = _import(tmp_path, "unicode.markdown")
    assert loaded.title == "Système d'exploitation — Überblick"
    assert "日本語も少し" in loaded.body
    assert [r.title for r in loaded.resources] == ["Débuter avec Linux", "Ubuntu-fr"]
    # Checklist ids are ASCII slugs with accents folded; the text keeps them.
    assert [(item.id, item.text) for item in loaded.checklist] == [
        ("installer-une-distribution-lts", "Installer une distribution « LTS »."),
        ("creer-un-utilisateur-avec-sudo", "Créer un utilisateur avec sudo."),
    ]
    written = (tmp_path / "out" / "systeme.md").read_bytes()
    assert "Système".encode() in written  # UTF-8, not escaped


def test_every_fixture_page_passes_oslearn_check(tmp_path, capsys):
    pages = sorted(str(p) for p in PAGES.glob("*.markdown"))
    assert cli.main(["import", *pages, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("wrote ") == len(pages)
    assert f"oslearn --lessons {tmp_path}" in out
    assert cli.main(["check", str(tmp_path)]) == 0


# --- files ------------------------------------------------------------------------------


def test_existing_files_are_not_overwritten_without_force(tmp_path, capsys):
    page = str(PAGES / "nginx-crlf.markdown")
    target = tmp_path / "nginx.md"
    target.write_text("my own edits\n", encoding="utf-8")
    assert cli.main(["import", page, "--out", str(tmp_path)]) == 1
    assert "exists, not overwritten; add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my own edits\n"
    assert cli.main(["import", page, "--out", str(tmp_path), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("---\nid: nginx\n")
    assert [p.name for p in tmp_path.iterdir()] == ["nginx.md"]  # no temporary files left


def test_two_pages_with_one_id_in_one_import(tmp_path):
    seeds = Path(__file__).resolve().parents[2] / "lessons" / "sources"
    first, second = import_pages([seeds / "000_735c6881140933fc.txt", seeds / "001_fae48d724783d07a.txt"], tmp_path)
    assert first.written == tmp_path / "operating-systems.md"
    assert second.written is None and "also the id of" in second.error and "--out" in second.error


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"title: caf\xe9\n\ntext\n", "not UTF-8"),
    (b"title: Only a header\nslug: header-only\n\n\n", "no text after its header"),
])
def test_bad_pages_are_reported_by_name(tmp_path, content, message):
    page = tmp_path / "bad.markdown"
    page.write_bytes(content)
    [outcome] = import_pages([page], tmp_path / "out")
    assert outcome.written is None
    assert str(page) in outcome.error and message in outcome.error


def test_missing_page_gives_a_message_not_a_traceback(tmp_path, capsys):
    assert cli.main(["import", str(tmp_path / "nope.markdown"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "nope.markdown: no such file" in err and "Traceback" not in err
    with pytest.raises(PageError):
        read_page(tmp_path)


def test_imported_source_url_is_validated(tmp_path):
    """The loader accepts `sources[].url` only as an absolute http(s) URL."""
    lesson = tmp_path / "x.md"
    lesson.write_text("---\nid: x\ntitle: X\norder: 1\nsummary: S\nsources:\n  - {url: /x.html}\n---\nText\n",
                      encoding="utf-8")
    problems = []
    assert parse_lesson(lesson, problems) is None
    assert "sources[0].url" in str(problems[0]) and "not an absolute http(s) URL" in str(problems[0])


def test_import_and_added_curricula_do_not_import_textual(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from oslearn.tui import cli\n"
        f"cli.main(['import', {str(PAGES / 'no-header.markdown')!r}, '--out', {str(tmp_path)!r}])\n"
        f"cli.main(['--lessons', {str(tmp_path)!r}, 'list'])\n"
        "print('\\n'.join(sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    modules = set(out.split())
    assert "oslearn.lessons.importer" in modules and "oslearn.lessons.curricula" in modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)
