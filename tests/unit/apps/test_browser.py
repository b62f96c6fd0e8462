"""Chrome: omnibox, offline search, links, form, back/forward, bookmarks and history files."""

import json

from .helpers import find, launch, start, tap, type_into

HISTORY = "/data/data/com.android.chrome/files/history.json"
BOOKMARKS = "/data/data/com.android.chrome/files/bookmarks.json"


def test_searching_from_the_url_bar_and_following_a_result(system):
    launch(system, "com.android.chrome")
    tap(system, rid="url_bar")
    system.input.text("eiffel tower height")
    system.input.key(66)  # ENTER
    result = find(system, rid="result_0")
    assert result is not None and result.get("text") == "Eiffel Tower - Wikipedia"
    tap(system, rid="result_0")
    assert find(system, rid="firstHeading", text="Eiffel Tower") is not None
    assert find(system, contains="330 metres") is not None
    urls = [e["url"] for e in json.loads(system.fs.read(HISTORY))]
    assert urls[-1] == "https://en.wikipedia.org/wiki/Eiffel_Tower"


def test_web_content_is_exposed_inside_a_webview_with_raw_ids(system):
    start(system, action="android.intent.action.VIEW", data="https://en.wikipedia.org/wiki/Paris")
    heading = find(system, text="Paris")
    assert heading is not None
    web = find(system, rid="com.android.chrome:id/web_content")
    assert web is not None and web.get("class") == "android.webkit.WebView"
    assert find(system, rid="firstHeading").get("resource-id") == "firstHeading"


def test_back_and_forward(system):
    start(system, action="android.intent.action.VIEW", data="https://en.wikipedia.org/wiki/Paris")
    tap(system, text="Eiffel Tower")
    assert find(system, rid="firstHeading", text="Eiffel Tower") is not None
    tap(system, desc="Back")
    assert find(system, rid="firstHeading", text="Paris") is not None
    tap(system, desc="Forward")
    assert find(system, rid="firstHeading", text="Eiffel Tower") is not None
    system.am.back()  # the system BACK key walks the page history first
    assert find(system, rid="firstHeading", text="Paris") is not None


def test_the_contact_form_echoes_what_was_submitted(system):
    start(system, action="android.intent.action.VIEW", data="https://forms.example.com/contact")
    type_into(system, "Ada", rid="name")
    type_into(system, "ada@example.com", rid="email")
    type_into(system, "Hello there", rid="message")
    system.input.key(4)  # BACK hides the keyboard
    tap(system, text="Subscribe to the newsletter")
    tap(system, text="Submit")
    assert find(system, rid="result_name", text="Name: Ada") is not None
    assert find(system, rid="result_email", text="Email: ada@example.com") is not None
    assert find(system, rid="result_subscribe", text="Newsletter: yes") is not None


def test_bookmarking_a_page_and_opening_it_from_bookmarks(system):
    start(system, action="android.intent.action.VIEW", data="https://news.example.com/")
    tap(system, desc="Bookmark this page")
    assert [b["url"] for b in json.loads(system.fs.read(BOOKMARKS))] == ["https://news.example.com/"]
    tap(system, rid="story_0")
    tap(system, desc="Bookmarks")
    tap(system, rid="title", text="Example News")
    assert find(system, rid="masthead", text="Example News") is not None


def test_unknown_sites_are_unreachable(system):
    start(system, action="android.intent.action.VIEW", data="https://no-such-site.test/")
    assert find(system, rid="error-code", text="ERR_NAME_NOT_RESOLVED") is not None
