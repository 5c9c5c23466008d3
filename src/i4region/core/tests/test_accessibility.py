"""Markup checks on the main public pages: what a screen-reader user needs to find their way."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/lt/",
    "/en/regions/LT025/",
    "/lt/regions/LT025/",
    "/en/observatory/indicators/",
    "/en/observatory/indicators/population/?region=LT025",
    "/en/indices/",
    "/en/indices/regions/LT02/",
    "/en/initiatives/",
    "/en/board/",
    "/en/accounts/login/",
    "/en/accounts/password-reset/",
]
LABELLED = {"aria-label", "aria-labelledby", "title"}


class Audit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.h1 = 0
        self.label_for: set[str] = set()
        self.controls: list[dict] = []
        self.open_labels = 0
        self.problems: list[str] = []
        self.svg_stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.open_labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if a.get("type") not in ("hidden", "submit", "button", "reset", "image"):
                self.controls.append({**a, "_tag": tag, "_wrapped": self.open_labels > 0})
        elif tag == "img" and "alt" not in a:
            self.problems.append(f"img without alt: {a.get('src')}")
        elif tag == "svg" and a.get("role") == "img":
            self.svg_stack.append({"named": bool(LABELLED & set(a)), "title": False})
        elif tag == "title" and self.svg_stack:
            self.svg_stack[-1]["title"] = True

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1
        elif tag == "svg" and self.svg_stack:
            svg = self.svg_stack.pop()
            if not (svg["named"] or svg["title"]):
                self.problems.append("chart (svg role=img) without a title or label")

    def report(self) -> list[str]:
        problems = list(self.problems)
        if self.lang not in ("en", "lt"):
            problems.append(f"html lang is {self.lang!r}")
        if self.h1 != 1:
            problems.append(f"{self.h1} h1 headings (one expected)")
        for c in self.controls:
            if not (c["_wrapped"] or c.get("id") in self.label_for or LABELLED & set(c)):
                problems.append(f"{c['_tag']} {c.get('name')!r} has no label")
        return problems


@pytest.mark.parametrize("url", PAGES)
def test_page_has_lang_one_h1_labelled_controls_and_named_charts(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    audit = Audit()
    audit.feed(response.content.decode())
    assert audit.report() == [], url
