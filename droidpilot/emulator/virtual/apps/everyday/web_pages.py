"""Turns a URL of the bundled web into the views Chrome's WebView exposes (see ``web_content``).

Inside a ``WebView`` the toolkit reports web classes and raw HTML ids, as Chrome's
accessibility tree does: headings and paragraphs are TextViews, links are clickable TextViews,
inputs are EditTexts, buttons are Buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from ...ui.geometry import MATCH
from ...ui.views import Column
from ...ui.widgets import Button, CheckBox, Edit, Text
from .web_content import ARTICLES, FORM_URL, NEWS, NEWS_HOME, SEARCH_HOME, search

Navigate = Callable[[str], None]


def normalise_url(text: str) -> str:
    """What the omnibox does with typed text: a URL gets a scheme, anything else is a search."""
    text = text.strip()
    if not text:
        return ""
    if text.startswith(("http://", "https://", "about:", "chrome://")):
        return text
    if " " not in text and "." in text:
        return "https://" + text
    return f"{SEARCH_HOME}search?q={quote_plus(text)}"


def canonical(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if host in ("google.com", "www.google.com"):
        host = "www.google.com"
    path = parts.path or "/"
    return f"https://{host}{path}" + (f"?{parts.query}" if parts.query else "")


def link(text: str, url: str, go: Navigate, id: str | None = None):
    return Text(text, id=id, color="primary", text_size=16, clickable=True, on_click=lambda: go(url), padding=(0, 6))


def render(url: str, go: Navigate, state: dict) -> tuple[str, list]:
    """(page title, body views) for ``url``."""
    c = canonical(url)
    parts = urlsplit(c)
    base = f"https://{parts.netloc}{parts.path}"
    query = parse_qs(parts.query)
    if base == SEARCH_HOME:
        return "Google", search_home(go, state)
    if base == SEARCH_HOME + "search":
        q = (query.get("q") or [""])[0]
        return f"{q} - Google Search", search_results(q, go, state)
    if base in (NEWS_HOME, NEWS_HOME.rstrip("/")):
        return "Example News", news_home(go)
    if base == FORM_URL:
        return "Contact us", contact_form(go, state)
    if base == FORM_URL + "/submitted":
        return "Thank you", form_result(query, go)
    art = ARTICLES.get(base)
    if art is not None:
        return art.title, article(art, go)
    return parts.netloc or url, unreachable(parts.netloc or url)


def search_box(go: Navigate, state: dict, initial: str = ""):
    def submit(*_):
        q = str(state.get("text:q", initial)).strip()
        if q:
            go(f"{SEARCH_HOME}search?q={quote_plus(q)}")

    return Column(
        Edit(hint="Search", id="q", initial=initial, on_submit=submit, background="surface_container", radius=24),
        Button("Google Search", id="search_button", on_click=submit, margin=(0, 12, 0, 0)),
        width=MATCH,
    )


def search_home(go: Navigate, state: dict) -> list:
    return [
        Text("Google", id="logo", text_size=40, bold=True, gravity="center", width=MATCH, padding=(0, 48, 0, 24)),
        search_box(go, state),
        Text("Popular: ", text_size=13, color="on_surface_variant", margin=(0, 24, 0, 0)),
        link("Weather today", "https://weather.example.com/today", go),
        link("Example News", NEWS_HOME, go),
        link("Contact form", FORM_URL, go),
    ]


def search_results(q: str, go: Navigate, state: dict) -> list:
    hits = search(q)
    views: list = [search_box(go, state, q)]
    if not hits:
        views.append(Text(f"Your search - {q} - did not match any documents.", id="no_results", margin=(0, 16, 0, 0)))
    for i, art in enumerate(hits):
        views.append(Column(
            Text(urlsplit(art.url).netloc, text_size=12, color="on_surface_variant"),
            link(art.title, art.url, go, id=f"result_{i}"),
            Text(art.paragraphs[0][:160], text_size=14, color="on_surface_variant", max_lines=3),
            width=MATCH, margin=(0, 16, 0, 0),
        ))
    return views


def news_home(go: Navigate) -> list:
    views: list = [Text("Example News", id="masthead", text_size=28, bold=True, padding=(0, 8, 0, 16))]
    for i, (title, url, paras) in enumerate(NEWS):
        views.append(Column(link(title, url, go, id=f"story_{i}"),
                            Text(paras[0][:100] + "\u2026", text_size=14, color="on_surface_variant"),
                            width=MATCH, margin=(0, 0, 0, 12)))
    return views


def article(art, go: Navigate) -> list:
    views: list = [Text(art.title.split(" - ")[0].split(" | ")[0], id="firstHeading", text_size=26, bold=True, padding=(0, 8, 0, 12))]
    views += [Text(p, text_size=16, margin=(0, 0, 0, 12), width=MATCH) for p in art.paragraphs]
    views += [link(text, url, go) for text, url in art.links]
    return views


def contact_form(go: Navigate, state: dict) -> list:
    def submit(*_):
        values = {k: str(state.get(f"text:{k}", "")) for k in ("name", "email", "message")}
        values["subscribe"] = "yes" if state.get("checked:subscribe") else "no"
        go(f"{FORM_URL}/submitted?{urlencode(values)}")

    return [
        Text("Contact us", id="form_title", text_size=26, bold=True, padding=(0, 8, 0, 12)),
        Text("Name", text_size=14), Edit(hint="Your name", id="name", margin=(0, 4, 0, 12)),
        Text("Email", text_size=14), Edit(hint="you@example.com", id="email", margin=(0, 4, 0, 12)),
        Text("Message", text_size=14), Edit(hint="How can we help?", id="message", multiline=True, margin=(0, 4, 0, 12)),
        CheckBox("Subscribe to the newsletter", id="subscribe"),
        Button("Submit", id="submit", on_click=submit, margin=(0, 16, 0, 0)),
    ]


def form_result(query: dict, go: Navigate) -> list:
    get = lambda k: (query.get(k) or [""])[0]  # noqa: E731
    return [
        Text("Thank you!", id="result_title", text_size=26, bold=True, padding=(0, 8, 0, 12)),
        Text(f"Name: {get('name')}", id="result_name"),
        Text(f"Email: {get('email')}", id="result_email"),
        Text(f"Message: {get('message')}", id="result_message"),
        Text(f"Newsletter: {get('subscribe')}", id="result_subscribe"),
        link("Send another message", FORM_URL, go),
    ]


def unreachable(host: str) -> list:
    return [
        Text("This site can\u2019t be reached", id="main-message", text_size=22, bold=True, padding=(0, 48, 0, 12)),
        Text(f"{host}\u2019s server IP address could not be found.", text_size=15),
        Text("ERR_NAME_NOT_RESOLVED", id="error-code", text_size=12, color="on_surface_variant", margin=(0, 12, 0, 0)),
    ]
