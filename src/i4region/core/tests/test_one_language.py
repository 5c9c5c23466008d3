"""One language per page: a Lithuanian page shows no English the product writes, an English page
no Lithuanian catalogue text.

The crawl starts at the home page and follows every link of the menu, then every link on those
pages, in one language, as an anonymous visitor and as the secretariat. What is checked is what a
person sees or hears: the text between tags and the `title`, `alt`, `aria-label` and
`placeholder` attributes. Data is not translated (an organisation's own name stays as written),
so the checks look for the product's own words: phrases it used to show in English, and the
Lithuanian catalogues' sentences.
"""

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.urls import Resolver404, resolve

import i4region

pytestmark = pytest.mark.django_db

# English the product used to show on Lithuanian pages (issue #19).
ENGLISH_ON_LT = (
    "Source:",
    "calculation",
    "(sample)",
    "for the administrative boundaries",
    "Sample",
)

SKIP = re.compile(
    r"\.(csv|pdf|ics|svg|png|xlsx|json|geojson|zip|txt)$|/logout/|/admin/|/api/|/export|/download"
)
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S)
ATTRS = re.compile(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"')


def seen_text(page: str) -> str:
    """What a person reads or hears on the page, tags removed, entities decoded."""
    page = TAGS.sub(" ", page)
    spoken = " ".join(ATTRS.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(f"{text} {spoken}"))


def seen_pages(client, lang: str, paths) -> dict[str, str]:
    """{path: seen text} for each of `paths` in `lang`; every one must answer 200."""
    out = {}
    for path in paths:
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        out[path] = seen_text(response.content.decode())
    return out


def links(page: str, lang: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#?]*)(?:[?#][^"]*)?"', page):
        href = html.unescape(href)
        if href.startswith(f"/{lang}/") and not SKIP.search(href):
            found.append(href)
    return found


def crawl(client, lang: str) -> dict[str, str]:
    """{path: seen text} for the home page, the pages it links to (the menu among them) and the
    pages those link to: one page of each kind (each named view), the first one linked."""
    home = f"/{lang}/"
    pages = {home: client.get(home).content.decode()}
    kinds = {resolve(home).view_name}
    frontier = [home]
    for _depth in range(2):
        found = []
        for source in frontier:
            for path in links(pages[source], lang):
                try:
                    kind = resolve(path).view_name
                except Resolver404:
                    continue
                if kind in kinds:
                    continue
                kinds.add(kind)
                response = client.get(path)
                if response.status_code == 200 and "text/html" in response["Content-Type"]:
                    pages[path] = response.content.decode()
                    found.append(path)
        frontier = found
    return {path: seen_text(page) for path, page in pages.items()}


def lithuanian_sentences() -> list[str]:
    """Catalogue texts that can only be Lithuanian: translated, several words, not a name."""
    package = Path(i4region.__file__).parent
    found = set()
    for path in package.glob("**/locale/lt/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)).translated_entries():
            text = entry.msgstr
            if text == entry.msgid or "%" in text or "{" in text or "<" in text:
                continue
            if len(text) >= 16 and text.count(" ") >= 2:
                found.add(text)
    return sorted(found)


@pytest.fixture(params=["anonymous", "secretariat"])
def visitor(request, client, make_user):
    if request.param == "secretariat":
        client.force_login(make_user("secretariat"))
    return client


def hits(pages: dict[str, str], phrases) -> list[str]:
    """Where each phrase stands, with the words around it."""
    return [
        f"{path}: {phrase!r} in …{text[max(0, text.find(phrase) - 60) : text.find(phrase) + 60]}…"
        for path, text in pages.items()
        for phrase in phrases
        if phrase in text
    ]


def test_lithuanian_pages_show_no_english_of_the_product(visitor):
    pages = crawl(visitor, "lt")
    assert len(pages) > 25, sorted(pages)
    assert hits(pages, ENGLISH_ON_LT) == []


def test_english_pages_show_no_lithuanian_catalogue_text(visitor):
    pages = crawl(visitor, "en")
    assert len(pages) > 25, sorted(pages)
    sentences = lithuanian_sentences()
    assert len(sentences) > 200
    assert hits(pages, sentences) == []


def test_the_crawl_sees_what_a_person_sees():
    page = (
        '<nav><a href="/lt/a/">A</a></nav><script>var Source = 1;</script>'
        '<p title="Šaltinis">Tekstas &amp; daugiau</p><!-- Sample -->'
    )
    text = seen_text(page)
    assert "Tekstas & daugiau" in text and "Šaltinis" in text
    assert "Source" not in text and "Sample" not in text
    assert urlsplit(links(page, "lt")[0]).path == "/lt/a/"
