"""Turn pages of the open book Full Stack Python into oslearn lesson files (``oslearn import``).

Two input forms are read; which one a page is in is decided from its text, not its name:

**The book's source format** (seeds ``000_735c6881140933fc.txt`` and
``001_fae48d724783d07a.txt``; the book's ``content/pages/**/*.markdown`` files): a metadata
header of ``key: value`` lines, a blank line, then Markdown. The mapping:

* header ``title`` -> ``title``; ``slug`` -> ``id`` (and the page URL
  ``https://www.fullstackpython.com/<slug>.html``, cited as the lesson's source);
  ``sort-order`` or ``sortorder`` -> ``order``; ``meta`` -> ``summary``. Other keys
  (``category``, ``toc``, ``sidebartitle``, anything unknown) are not used and are reported.
  Without a header, the title is the page's ``#`` heading (else the file name), the id its
  slug, the summary the first sentence, the order the page's place in the import.
* A ``#`` heading equal to the title is dropped (the title is shown already); other ``#``,
  ``##`` and ``###`` headings become ``##`` headings, so each is a section of the lesson;
  deeper headings become ``###``. Links and inline HTML in a heading are reduced to text.
* A bullet list in which more than half of the items (nested items included) hold a link
  becomes resources: one per link, in page order, duplicates dropped. Title: the link text;
  URL: the link, made absolute; description: the rest of the bullet when it starts with
  the link, else the whole bullet (the link's title attribute when nothing else is left).
  In the body the list is replaced by a line pointing to the resources; its items without
  a link stay as bullets.
* An ordered list under a heading containing "checklist" becomes checklist items: text is
  the item's first sentence, detail the rest (and any nested items), links its URLs. The
  list also stays in the body.
* HTML blocks and inline HTML are reduced to their text and links (``<a href>`` becomes a
  Markdown link); images and comments are dropped and reported.
* Links relative to the book (``/web-servers.html``, ``ansible.html``) become absolute URLs
  on https://www.fullstackpython.com/. Reference-style links keep working: each section gets
  the definitions it uses.

**The text of a rendered page** (seeds 002 to 004), best effort: there are no link targets,
so there are no resources and links stay plain text. Paragraphs are separated by blank
lines, or, when the text has none (seed 004), one a line, joining a line that starts in
lower case to the one before when that one does not end a sentence. A short line with no
full stop is taken for a heading when text follows it, or another heading and it is not a
question (a run of short questions is the site's "what next" links). Sections start at
headings, and when no heading is found every paragraph
becomes a section of its own. Paragraphs under a heading containing "checklist" (numbered
or not) become checklist items. Known site chrome of fullstackpython.com (the GitHub
ribbon, the table of contents, newsletter sign-up lines, the footer) is dropped. Every
guess, and whatever could not be recovered, is reported in ``ImportedLesson.notes``.

Reading the page (its header, its form, its Markdown tokens, the paragraphs and guessed
headings of rendered text) is ``oslearn.lessons.pages``, the reader the source viewer uses
too; this module turns what it reads into a lesson.

The module is pure: ``convert_page`` maps text to text; only ``import_pages`` touches the
disk. It never imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml

from oslearn.lessons.files import atomic_write_bytes
from oslearn.lessons.pages import (
    BOOK_HEADER_KEYS, guess_headings, markdown_tokens, page_form, rendered_paragraphs, split_header,
)
from oslearn.lessons.text import (
    TextProblem, decode_text, find_control_characters, is_id, remove_control_characters, slugify,
)

#: Base of the book's site; relative links in pages are resolved against it.
BOOK_URL = "https://www.fullstackpython.com/"

#: Header keys that make it into the lesson (see the module docstring for where).
USED_HEADER_KEYS = {"title", "slug", "sort-order", "sortorder", "meta"}

_HTTP = re.compile(r"^https?://\S+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_HTML_A = re.compile(r"<a\b[^>]*?\bhref\s*=\s*([\"'])(.*?)\1[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_HTML_SRC = re.compile(r"\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE)
_INLINE_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(\s.*)?$")

#: Paragraphs of a rendered fullstackpython.com page that are site chrome, not the page.
SITE_CHROME = [
    re.compile(r"^Fork me on GitHub$", re.IGNORECASE),
    re.compile(r"^Full Stack Python$"),
    re.compile(r"^Full Stack Python is an open book\b"),
    re.compile(r"^Updates via newsletter\b", re.IGNORECASE),
    re.compile(r"^Sign up for .*\b(e-?mails?|newsletter)\b", re.IGNORECASE),
    re.compile(r"or view all topics\.?$"),
    re.compile(r"^Matt Makai \d{4}(-\d{4})?$"),
    re.compile(r"订阅"),  # the newsletter line of a translated mirror ("subscribe")
]


class PageError(Exception):
    """A page that cannot be imported; ``str()`` names the file and says what to do."""


@dataclass
class ImportedLesson:
    """A page converted to a lesson, not yet written.

    Attributes:
        page: the page it came from (its path, as given).
        form: ``"source"`` (the book's Markdown source) or ``"rendered"`` (rendered text).
        id, title, order, summary: the lesson's front matter fields.
        sources: front matter ``sources`` entries (``{"url": ...}`` mappings).
        resources: ``{"title", "url", "description"}`` mappings, in page order.
        checklist: ``{"id", "text", "detail"?, "links"?}`` mappings.
        body: the lesson's Markdown, with ``##`` section headings.
        notes: what was guessed, dropped or could not be recovered, one sentence each.
    """

    page: str
    form: str
    id: str
    title: str
    order: int
    summary: str
    sources: list[dict]
    resources: list[dict] = field(default_factory=list)
    checklist: list[dict] = field(default_factory=list)
    body: str = ""
    notes: list[str] = field(default_factory=list)

    def front_matter(self) -> dict:
        """Return the front matter as a mapping in the loader's key order."""
        data: dict = {"id": self.id, "title": self.title, "order": self.order, "summary": self.summary,
                      "sources": self.sources}
        if self.resources:
            data["resources"] = self.resources
        if self.checklist:
            data["checklist"] = self.checklist
        return data

    def text(self) -> str:
        """Return the lesson file's text: ``---``, YAML front matter, ``---``, the body."""
        front = yaml.safe_dump(_without_control_characters(self.front_matter()), sort_keys=False,
                               allow_unicode=True, width=10_000)
        return f"---\n{front}---\n{remove_control_characters(self.body).strip()}\n"

    @property
    def section_titles(self) -> list[str]:
        """The titles of the lesson's sections, as the loader will split them."""
        from oslearn.lessons.sections import split_sections

        return [section.title for section in split_sections(self.body)]


# --- small text helpers ----------------------------------------------------------------


def _without_control_characters(value):
    """``value`` (front matter data) with control characters removed from every string, so
    a lesson file never holds one, not even as a YAML escape (``"\\e"``)."""
    if isinstance(value, str):
        return remove_control_characters(value)
    if isinstance(value, dict):
        return {key: _without_control_characters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_control_characters(item) for item in value]
    return value


#: Longest id an imported lesson gets (its file is ``<id>.md``; file systems allow 255
#: bytes a name, and an id is also shown and typed).
MAX_ID_LENGTH = 64


def slug(text: str) -> str:
    """Return an id made of ``text`` (``oslearn.lessons.text.slugify``, at most
    ``MAX_ID_LENGTH`` characters): ``"Système"`` -> ``"systeme"``; ``""`` when nothing is left."""
    return slugify(text, max_length=MAX_ID_LENGTH)


def absolute_url(href: str) -> str | None:
    """Resolve a link of a page against the book's site.

    Args:
        href: a link target as written in the page.
    Returns:
        an absolute ``http(s)`` URL (``"/web-servers.html"`` ->
        ``"https://www.fullstackpython.com/web-servers.html"``), or ``None`` for links that
        are not web pages (``#anchor``, ``mailto:``, empty).
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    if href.startswith("//"):
        href = "https:" + href
    if _SCHEME.match(href):
        return href if _HTTP.match(href) else None
    return urljoin(BOOK_URL, href)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_sentence(text: str) -> tuple[str, str]:
    """Split ``text`` into its first sentence and the rest."""
    match = _SENTENCE_END.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip() + text[match.start():match.end()].strip(), text[match.end():].strip()


def _escape_markdown(text: str) -> str:
    """Escape plain text so Markdown shows it as written."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    return re.sub(r"^(\s*)([#>+-]|\d+[.)])(\s)", r"\1\\\2\3", text)


def _title_from_name(name: str) -> str:
    stem = Path(name).stem
    words = re.sub(r"[_-]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Imported page"


def _map_code_free(text: str, function) -> str:
    """Apply ``function`` to the parts of ``text`` outside code spans."""
    out, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(function(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(function(text[last:]))
    return "".join(out)


def _heading_markdown(source: str) -> str:
    """A heading's Markdown with links and inline HTML reduced to their text (a section
    title is shown as a label, where a link could not be followed)."""

    source = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)
    source = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", source)
    return _collapse(_map_code_free(source, lambda part: _HTML_TAG.sub("", part)))


def _fix_targets(text: str) -> str:
    """Make every inline link target in Markdown ``text`` absolute on the book's site."""

    def fix(part: str) -> str:
        def one(match: re.Match) -> str:
            url = absolute_url(match.group(2))
            return match.group(1) + (url if url and url != match.group(2) else match.group(2))

        return _INLINE_TARGET.sub(one, part)

    return _map_code_free(text, fix)


def _reduce_inline_html(text: str, dropped: list[str]) -> str:
    """Turn inline HTML in Markdown ``text`` into Markdown: ``<a href>`` to links, images
    dropped (their ``src`` appended to ``dropped``), other tags removed, text kept."""

    def reduce(part: str) -> str:
        part = _HTML_A.sub(lambda m: f"[{_HTML_TAG.sub('', m.group(3)).strip()}]({m.group(2)})", part)
        for image in _HTML_IMG.findall(part):
            src = _HTML_SRC.search(image)
            dropped.append(src.group(2) if src else "an image")
        part = _HTML_IMG.sub("", part)
        return _HTML_TAG.sub("", part)

    return _map_code_free(text, reduce)


class _HTMLToMarkdown(HTMLParser):
    """Reduce an HTML block to Markdown text: text and ``<a href>`` links kept, images,
    scripts, styles and comments dropped, block tags turned into line breaks."""

    BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                  "article", "ul", "ol", "table", "blockquote", "figure", "figcaption", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[str] = []
        self.links: list[tuple[str, int]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "img":
            self.images.append(attributes.get("src") or "an image")
        elif tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], len(self.parts)))
            self.parts.append("")
        elif tag in self.BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.links:
            href, index = self.links.pop()
            text = _collapse("".join(self.parts[index + 1:]))
            del self.parts[index:]
            self.parts.append(f"[{_escape_markdown(text) or href}]({href})")
        elif tag in self.BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(_escape_markdown(data))

    def markdown(self) -> str:
        lines = [_collapse(line) for line in "".join(self.parts).split("\n")]
        return "\n\n".join(line for line in lines if line)


def _checklist_item(text: str, urls: list[str], before: list[dict]) -> dict:
    """A checklist item for step ``text``: its first sentence as ``text``, the rest as
    ``detail``, ``urls`` (deduplicated) as ``links``; the id is a slug of the first five
    words, made unique among the items ``before`` it."""
    sentence, rest = _first_sentence(text)
    ids = {item["id"] for item in before}
    base = slug(" ".join(sentence.split()[:5]))[:48].strip("-") or f"step-{len(before) + 1}"
    item_id, suffix = base, 2
    while item_id in ids:
        item_id, suffix = f"{base}-{suffix}", suffix + 1
    item: dict = {"id": item_id, "text": sentence}
    if rest:
        item["detail"] = rest
    if urls:
        item["links"] = list(dict.fromkeys(urls))
    return item


# --- reading a page --------------------------------------------------------------------


def read_page(path: Path) -> str:
    """Read a page file with the one text reader (``oslearn.lessons.text.decode_text``:
    UTF-8, ``\\n`` line ends, no byte order mark).

    Control characters are *not* removed here (``convert_page`` removes them and says how
    many), so this returns the page as written.

    Raises:
        PageError: the file is missing, unreadable, binary, not UTF-8 or empty; the message
            names the file and what to do.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PageError(f"{path}: no such file; give the path of a page (.markdown or .txt)") from None
    except IsADirectoryError:
        raise PageError(f"{path}: is a folder; give the page files inside it") from None
    except OSError as error:
        raise PageError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        text = decode_text(data)
    except TextProblem as problem:
        if "binary" in problem.problem:
            raise PageError(f"{path}: is a binary file, not a page; give a .markdown or .txt page") from None
        raise PageError(f"{path}:{problem.line}: is not UTF-8 text; save the page as UTF-8") from None
    if not text.strip():
        raise PageError(f"{path}: is empty; nothing to import")
    return text


# --- the book's source format ----------------------------------------------------------


@dataclass
class _Link:
    href: str
    text: str
    title: str
    start: int
    end: int


def _inline_text(children) -> tuple[str, list[_Link]]:
    """Return the plain text of an inline token's children and the links in it (with the
    character span of each link's text)."""
    parts: list[str] = []
    links: list[_Link] = []
    stack: list[tuple[int, str, str]] = []
    size = 0

    def add(text: str) -> None:
        nonlocal size
        parts.append(text)
        size += len(text)

    for child in children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            add(child.content)
        elif kind in ("softbreak", "hardbreak"):
            add(" ")
        elif kind == "image":
            add(child.content)
        elif kind == "link_open":
            stack.append((size, child.attrGet("href") or "", child.attrGet("title") or ""))
        elif kind == "link_close" and stack:
            start, href, title = stack.pop()
            links.append(_Link(href, "".join(parts)[start:size], title, start, size))
        elif kind == "html_inline":
            opening = re.match(r"<a\b[^>]*?\bhref\s*=\s*([\"'])(.*?)\1", child.content, re.IGNORECASE)
            if opening:
                stack.append((size, opening.group(2), ""))
            elif re.match(r"</a\s*>", child.content, re.IGNORECASE) and stack:
                start, href, title = stack.pop()
                links.append(_Link(href, "".join(parts)[start:size], title, start, size))
    links.sort(key=lambda link: link.start)
    return "".join(parts), links


def _blocks(tokens) -> list[tuple[int, int]]:
    """Return ``(first, last)`` token indexes of each top-level block."""
    blocks = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.nesting == 1:
            depth, end = 0, index
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
            blocks.append((index, end))
            index = end + 1
        else:
            blocks.append((index, index))
            index += 1
    return blocks


def _list_items(tokens) -> list[tuple[int, str, list[_Link]]]:
    """Return ``(depth, text, links)`` for every item of a list, nested items included,
    in order; ``depth`` is 1 for the list's own items."""
    items: list[list] = []
    stack: list[int] = []
    for token in tokens:
        if token.type == "list_item_open":
            items.append([len(stack) + 1, "", []])
            stack.append(len(items) - 1)
        elif token.type == "list_item_close" and stack:
            stack.pop()
        elif token.type == "inline" and stack:
            item = items[stack[-1]]
            text, links = _inline_text(token.children)
            offset = len(item[1]) + (1 if item[1] else 0)
            item[1] = f"{item[1]} {text}" if item[1] else text
            item[2].extend(_Link(l.href, l.text, l.title, l.start + offset, l.end + offset) for l in links)
    return [(depth, text, links) for depth, text, links in items]


class _SourceConverter:
    """Convert the Markdown body of a page in the book's source format (see the module)."""

    def __init__(self, body: str, title: str, notes: list[str]):
        self.lines = body.split("\n")
        self.env: dict = {}
        self.tokens = markdown_tokens(body, self.env)
        self.title = title
        self.notes = notes
        self.resources: list[dict] = []
        self.checklist: list[dict] = []
        self.seen_urls: set[str] = set()
        self.images: list[str] = []
        self.html_blocks = 0
        self.first_h1 = ""
        self.first_paragraph = ""

    def source(self, token) -> str:
        start, end = token.map
        return "\n".join(self.lines[start:end]).strip("\n")

    def convert(self) -> str:
        out: list[str] = []
        heading = ""
        tokens = self.tokens
        for first, last in _blocks(tokens):
            token = tokens[first]
            block = tokens[first:last + 1]
            if token.type == "heading_open":
                text, _ = _inline_text(tokens[first + 1].children)
                text = _collapse(text)
                level = int(token.tag[1])
                if level == 1 and not self.first_h1:
                    self.first_h1 = text
                if level == 1 and (not self.title or text.lower() == self.title.lower()):
                    continue
                heading = text
                out.append(("## " if level <= 3 else "### ") + _heading_markdown(tokens[first + 1].content))
            elif token.type == "bullet_list_open":
                out.append(self.bullet_list(block))
            elif token.type == "ordered_list_open":
                if "checklist" in heading.lower():
                    self.add_checklist(block)
                out.append(self.markdown_of(block))
            elif token.type == "html_block":
                out.append(self.html_block(token))
            elif token.type in ("fence", "code_block"):
                out.append(self.source(token))
            elif token.map:
                if token.type == "paragraph_open" and not self.first_paragraph:
                    self.first_paragraph = _collapse(_inline_text(tokens[first + 1].children)[0])
                out.append(self.markdown_of(block))
        if self.images:
            shown = ", ".join(self.images[:3]) + (" ..." if len(self.images) > 3 else "")
            self.notes.append(f"dropped {len(self.images)} image(s) ({shown}): a terminal cannot show them")
        if self.html_blocks:
            self.notes.append(f"reduced {self.html_blocks} HTML block(s) to their text and links")
        body = "\n\n".join(part for part in out if part.strip())
        return self.with_references(body)

    def markdown_of(self, block) -> str:
        """The block's own Markdown, inline HTML reduced and links made absolute."""
        text = self.source(block[0])
        if any(child.type == "html_inline" for token in block if token.type == "inline"
               for child in token.children or ()):
            text = _reduce_inline_html(text, self.images)
        return _fix_targets(text)

    def html_block(self, token) -> str:
        if token.content.lstrip().startswith("<!--"):
            return ""
        parser = _HTMLToMarkdown()
        parser.feed(token.content)
        parser.close()
        self.images.extend(parser.images)
        text = parser.markdown()
        if text:
            self.html_blocks += 1
        return _fix_targets(text)

    def add_resource(self, link: _Link, description: str) -> None:
        url = absolute_url(link.href)
        if url is None or url in self.seen_urls:
            return
        self.seen_urls.add(url)
        title = _collapse(link.text) or url
        resource = {"title": title, "url": url}
        description = _collapse(description) or _collapse(link.title)
        if description:
            resource["description"] = description
        self.resources.append(resource)

    def bullet_list(self, block) -> str:
        items = _list_items(block)
        linked = [item for item in items if any(absolute_url(l.href) for l in item[2])]
        if not items or len(linked) * 2 <= len(items):
            return self.markdown_of(block)
        kept: list[str] = []
        count = len(self.resources)
        for depth, text, links in items:
            web = [link for link in links if absolute_url(link.href)]
            if not web:
                if text.strip():
                    kept.append("  " * (depth - 1) + "- " + _escape_markdown(_collapse(text)))
                continue
            lead = web[0]
            if not text[: lead.start].strip() and len(web) == 1:
                rest = text[lead.end:].strip().lstrip(",;:-–—").strip()
                self.add_resource(lead, "" if rest in (".", "") else rest)
            else:
                self.add_resource(lead, text)
            for link in web[1:]:
                self.add_resource(link, text)
        added = len(self.resources) - count
        pointer = f"*This list has {added} link{'s' if added != 1 else ''}: see **Resources** in this lesson.*"
        return "\n".join([pointer, "", *kept]) if kept else pointer

    def add_checklist(self, block) -> None:
        steps: list[list] = []
        for depth, text, links in _list_items(block):
            if depth == 1 or not steps:
                steps.append([_collapse(text), list(links)])
            else:
                steps[-1][0] += " " + _collapse(text)
                steps[-1][1].extend(links)
        for text, links in steps:
            if text:
                urls = [absolute_url(link.href) for link in links]
                self.checklist.append(_checklist_item(text, [u for u in urls if u], self.checklist))

    def with_references(self, body: str) -> str:
        """Append to each section the reference-style link definitions it uses."""
        references = self.env.get("references") or {}
        if not references:
            return body
        definitions = {}
        for label, ref in references.items():
            where = ref.get("map") or [None]
            match = _REF_DEF.match(self.lines[where[0]]) if where[0] is not None and where[0] < len(self.lines) else None
            label = match.group(1) if match else label  # as written, not case-folded
            url = absolute_url(ref.get("href", "")) or ref.get("href", "")
            title = ref.get("title") or ""
            escaped = title.replace('"', '\\"')
            definitions[label] = f"[{label}]: {url}" + (f' "{escaped}"' if title else "")
        sections = re.split(r"(?m)^(?=## )", body)
        out = []
        for section in sections:
            folded = section.casefold()
            used = [text for label, text in definitions.items() if f"[{label.casefold()}]" in folded]
            out.append(section.rstrip("\n") + ("\n\n" + "\n".join(used) if used else "") + "\n\n")
        return "".join(out).strip("\n")


# --- rendered text ---------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[•·▪◦‣*-]\s+")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


def _convert_rendered(text: str, name: str, notes: list[str]) -> tuple[str, str, list[dict], str]:
    """Convert rendered page text; return ``(title, body, checklist, first_sentence)``."""
    found, separated = rendered_paragraphs(text)
    paragraphs = [_collapse(p) for _, p in found]
    raw_kept = [raw for (_, raw), p in zip(found, paragraphs) if not any(pattern.search(p) for pattern in SITE_CHROME)]
    kept = [p for p in paragraphs if not any(pattern.search(p) for pattern in SITE_CHROME)]
    if len(kept) < len(paragraphs):
        notes.append(f"dropped {len(paragraphs) - len(kept)} paragraph(s) of site chrome "
                     "(navigation, newsletter sign-up, footer)")
    if not kept:
        raise PageError(f"{name}: has no text left once the site's navigation and footer are removed")
    notes.append("rendered text has no link targets: no resources, and links are plain text")
    # A heading has something after it; a run of short questions is the site's "what next"
    # links, not headings (the rule the source viewer uses too).
    headings: set[int] = guess_headings(raw_kept) if separated else set()
    title = ""
    if 0 in headings:
        title = kept[0]
        headings.discard(0)
        kept = kept[1:]
        headings = {index - 1 for index in headings}
    first_text = next((p for i, p in enumerate(kept) if i not in headings), "")
    out: list[str] = []
    checklist_texts: list[str] = []
    checklist_heading = ""
    if headings:
        notes.append(f"headings guessed from {len(headings)} short line(s) without a full stop; "
                     "check the section titles")
        heading = ""
        numbered_under: dict[str, bool] = {}
        for index, paragraph in enumerate(kept):
            if index in headings:
                heading = paragraph
                out.append("## " + _escape_markdown(paragraph))
                continue
            if _BULLET.match(paragraph):
                out.append("- " + _escape_markdown(_BULLET.sub("", paragraph)))
            elif _NUMBER.match(paragraph):
                number = re.match(r"\s*(\d+)", paragraph).group(1)
                out.append(f"{number}. " + _escape_markdown(_NUMBER.sub("", paragraph)))
            else:
                out.append(_escape_markdown(paragraph))
            if "checklist" in heading.lower():
                numbered_under.setdefault(heading, False)
                numbered_under[heading] |= bool(_NUMBER.match(paragraph))
                checklist_heading = checklist_heading or heading
        if checklist_heading:
            numbered = numbered_under.get(checklist_heading, False)
            inside = False
            for index, paragraph in enumerate(kept):
                if index in headings:
                    inside = paragraph == checklist_heading
                elif inside and (_NUMBER.match(paragraph) or not numbered):
                    checklist_texts.append(_NUMBER.sub("", paragraph))
            notes.append(f"checklist recovered from the {'numbered ' if numbered else ''}paragraphs "
                         f"under {checklist_heading!r}")
    else:
        notes.append(f"no headings found: each of the {len(kept)} paragraphs became a section, "
                     "titled by its first words")
        for paragraph in kept:
            words = _BULLET.sub("", paragraph).split()
            label = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
            out.append("## " + _escape_markdown(label) + "\n\n" + _escape_markdown(paragraph))
    if not checklist_heading:
        notes.append("no checklist found")
    checklist: list[dict] = []
    for step in checklist_texts:
        checklist.append(_checklist_item(_collapse(step), [], checklist))
    return title, "\n\n".join(out), checklist, first_text


# --- one page --------------------------------------------------------------------------


def convert_page(text: str, name: str = "page", *, default_order: int = 0) -> ImportedLesson:
    """Convert one page to a lesson (pure: no disk access).

    Args:
        text: the page's text (``\\n`` line ends; see ``read_page``).
        name: the page's file name or path, used in messages and for the id and title when
            the page gives none.
        default_order: the lesson's ``order`` when the page has no ``sort-order``.
    Returns:
        the ``ImportedLesson``; its ``notes`` say what was guessed or lost.
    Raises:
        PageError: nothing importable is left (an empty page, or a header with no text).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    notes: list[str] = []
    controls = find_control_characters(text)
    if controls:
        # Every terminal escape sequence starts with one; a lesson file never holds them.
        text = remove_control_characters(text)
        lines = sorted({line for line, _ in controls})
        shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
        notes.append(f"removed {len(controls)} control character(s) (terminal escape sequences) "
                     f"on line(s) {shown} of the page")
    if not text.strip():
        raise PageError(f"{name}: is empty; nothing to import")
    form = page_form(text)
    header, body, keys = split_header(text) if form == "source" else ({}, text, [])
    checklist: list[dict] = []
    resources: list[dict] = []
    if form == "source":
        if not header:
            notes.append("no metadata header: title, id, order and summary are taken from the page")
        unused = [key for key in keys if key not in USED_HEADER_KEYS]
        if unused:
            notes.append(f"header keys not used: {', '.join(unused)}")
        title = header.get("title", "")
        converter = _SourceConverter(body, title, notes)
        markdown = converter.convert()
        title = title or converter.first_h1
        resources, checklist = converter.resources, converter.checklist
        first_text = converter.first_paragraph
    else:
        notes.append("rendered page text, not the book's source: imported best effort")
        title, markdown, checklist, first_text = _convert_rendered(text, name, notes)
    title_from_name = not title
    if title_from_name:
        title = _title_from_name(name)
        notes.append(f"no title in the page: used {title!r} from the file name")
    if not markdown.strip():
        raise PageError(f"{name}: has no text after its header; nothing to make a lesson of")

    lesson_id = header.get("slug", "")
    if lesson_id and (not is_id(lesson_id) or len(lesson_id) > MAX_ID_LENGTH):
        lesson_id = slug(lesson_id)
    lesson_id = lesson_id or slug(title) or slug(Path(name).stem) or "imported-page"
    raw_order = header.get("sort-order", header.get("sortorder", ""))
    if raw_order.strip().lstrip("-").isdigit():
        order = int(raw_order)
    else:
        order = default_order
        reason = f"sort order {raw_order!r} is not a number" if raw_order else "no sort order"
        notes.append(f"{reason}: order {order} from the page's place in the import")
    summary = _collapse(header.get("meta", ""))
    if not summary:
        summary = _first_sentence(_collapse(first_text))[0][:240] or title
        notes.append("no `meta` line: the summary is the page's first sentence")
    page_slug = header.get("slug") or lesson_id
    url = urljoin(BOOK_URL, f"{page_slug}.html")
    if not header.get("slug"):
        notes.append(f"page URL guessed from the {'file name' if title_from_name else 'title'}: {url}")
    return ImportedLesson(page=name, form=form, id=lesson_id, title=title, order=order, summary=summary,
                          sources=[{"url": url}], resources=resources, checklist=checklist,
                          body=markdown, notes=notes)


# --- many pages, to disk ---------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What happened to one page in ``import_pages``.

    Attributes:
        page: the page path, as given.
        lesson: the converted lesson (``None`` if the page could not be read or converted).
        written: the lesson file written, or ``None`` if nothing was written.
        error: why nothing was written (``""`` when it was).
        problems: what the loader (``oslearn check``) says about the written file; empty when
            it passes.
    """

    page: str
    lesson: ImportedLesson | None = None
    written: Path | None = None
    error: str = ""
    problems: list = field(default_factory=list)


def import_pages(pages: list[Path], out_dir: Path, *, force: bool = False) -> list[ImportOutcome]:
    """Convert pages and write one lesson file each, ``<out_dir>/<id>.md``.

    Each file is written whole or not at all (``oslearn.lessons.files.atomic_write_bytes``).
    Without ``force`` it is created exclusively: if the name exists, or another import
    creates it first, nothing is replaced and the outcome says so. A page that cannot be
    read, converted or written is reported in its outcome and the import goes on with the
    next page.

    Args:
        pages: page files, in the order their lessons should have when a page gives no
            sort order (``order`` 10, 20, ... by position).
        out_dir: the folder to write to (created if missing).
        force: replace lesson files that exist.
    Returns:
        one ``ImportOutcome`` a page, in the order given. Two pages with the same lesson id
        are an error for the second (a lesson id is its identity; import them into
        different folders). Every written file is read back with the loader and its
        problems, if any, are in ``problems``.
    Raises:
        OSError: ``out_dir`` cannot be created.
    """
    from oslearn.lessons.loader import parse_lesson

    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes: list[ImportOutcome] = []
    taken: dict[str, str] = {}
    for position, page in enumerate(pages, 1):
        outcome = ImportOutcome(page=str(page))
        outcomes.append(outcome)
        try:
            _import_one(page, position, out_dir, force, taken, outcome)
        except Exception as error:  # noqa: BLE001 - one page never stops the others
            outcome.written = None
            outcome.error = f"{page}: could not be imported ({type(error).__name__}: {error})"
            continue
        if outcome.written is not None:
            parse_lesson(outcome.written, outcome.problems)
    return outcomes


def _import_one(page: Path, position: int, out_dir: Path, force: bool, taken: dict[str, str],
                outcome: ImportOutcome) -> None:
    """Convert and write one page for ``import_pages``, filling in ``outcome``."""
    try:
        outcome.lesson = convert_page(read_page(page), str(page), default_order=position * 10)
    except PageError as error:
        outcome.error = str(error)
        return
    lesson = outcome.lesson
    target = out_dir / f"{lesson.id}.md"
    if lesson.id in taken:
        outcome.error = (f"{page}: lesson id {lesson.id!r} is also the id of {taken[lesson.id]} in this import; "
                         "import the two pages into different folders (--out)")
        return
    taken[lesson.id] = str(page)
    try:
        atomic_write_bytes(target, lesson.text().encode("utf-8"), exclusive=not force, mode=0o666)
    except FileExistsError:
        outcome.error = f"{target}: exists, not overwritten; add --force to replace it"
        return
    except OSError as error:
        outcome.error = f"{target}: cannot be written ({error.strerror or error}); nothing was written for this page"
        return
    outcome.written = target
