"""Chrome (com.android.chrome): omnibox (``url_bar``), back/forward, bookmarks, history, and
the bundled offline web (``web_pages``) inside a WebView.

History and bookmarks are JSON files of the app (``/data/data/com.android.chrome/files/
history.json`` and ``bookmarks.json``: lists of ``{url, title, time}``). ACTION_VIEW with an
http(s) URL opens it; WEB_SEARCH (extra ``query``) searches.
"""

from __future__ import annotations

from urllib.parse import quote_plus

from ...system.intents import ACTION_VIEW, ACTION_WEB_SEARCH, Intent
from ...ui.composite import ListItem, Toolbar, WebView
from ...ui.geometry import MATCH
from ...ui.scroll import List, ScrollView
from ...ui.views import Column, Row
from ...ui.widgets import Edit, ImageButton, Text
from .base import BROWSABLE, DEFAULT, EverydayApp, Screen, action_filter, page
from .web_content import SEARCH_HOME
from .web_pages import normalise_url, render

PKG = "com.android.chrome"
PAGE_STATE_PREFIXES = ("text:", "checked:", "cursor:", "scroll:web")
HISTORY_LIMIT = 500
HISTORY = "org.chromium.chrome.browser.history.HistoryActivity"
BOOKMARKS = "org.chromium.chrome.browser.bookmarks.BookmarkActivity"


class ChromeTabbedActivity(Screen):
    def on_create(self) -> None:
        self.back_stack: list[str] = []
        self.forward_stack: list[str] = []
        self.url = ""
        self.editing = False
        self.load(self.intent_url(self.intent) or SEARCH_HOME, record=True)

    def on_new_intent(self, intent: Intent) -> None:
        super().on_new_intent(intent)
        url = self.intent_url(intent)
        if url:
            self.navigate(url)

    @staticmethod
    def intent_url(intent: Intent) -> str:
        if intent.action == ACTION_WEB_SEARCH:
            q = str(intent.extras.get("query", ""))
            return f"{SEARCH_HOME}search?q={quote_plus(q)}" if q else ""
        if intent.data and intent.data.startswith(("http://", "https://")):
            return intent.data
        return ""

    # -- navigation ------------------------------------------------------------------------------
    def load(self, url: str, *, record: bool) -> None:
        for key in [k for k in self.ui_state if k.startswith(PAGE_STATE_PREFIXES)]:
            del self.ui_state[key]
        self.url = url
        self.editing = False
        self.ui_state.pop("focus", None)
        title, _ = render(url, self.navigate, self.ui_state)
        self.title_text = title
        if record:
            self.app.add_history(url, title, self.now_ms())

    def navigate(self, url: str) -> None:
        if self.url:
            self.back_stack.append(self.url)
        self.forward_stack.clear()
        self.load(url, record=True)

    def go_back(self) -> None:
        if self.back_stack:
            self.forward_stack.append(self.url)
            self.load(self.back_stack.pop(), record=False)

    def go_forward(self) -> None:
        if self.forward_stack:
            self.back_stack.append(self.url)
            self.load(self.forward_stack.pop(), record=False)

    def on_back(self) -> bool:
        if super().on_back():
            return True
        if self.editing or self.ui_state.get("focus") == "url_bar":
            self.editing = False
            self.ui_state.pop("focus", None)
            return True
        if self.back_stack:
            self.go_back()
            return True
        return False

    def submit_url(self, *_args) -> None:
        url = normalise_url(self.field("url_bar"))
        if url:
            self.navigate(url)

    def edit_url(self) -> None:
        """Tapping the omnibox starts a fresh entry (Chrome selects the URL, so typing replaces it)."""
        self.editing = True
        self.set_field("url_bar", "")
        self.ui_state["focus"] = "url_bar"
        self.ui_state["ime_action"] = "go"

    # -- building ------------------------------------------------------------------------------
    def build(self):
        title, body = render(self.url, self.navigate, self.ui_state)
        self.title_text = title
        bookmarked = self.app.is_bookmarked(self.url)
        if self.editing or self.ui_state.get("focus") == "url_bar":
            bar = Edit(hint="Search or type web address", id="url_bar", weight=1, width=0, on_submit=self.submit_url,
                       background="surface_container", radius=24, ime_action="go")
        else:
            shown = self.url.split("://", 1)[-1].rstrip("/")
            bar = Text(shown, id="url_bar", weight=1, max_lines=1, padding=(16, 12), background="surface_container", radius=24,
                       clickable=True, on_click=self.edit_url)
        toolbar = Row(
            ImageButton("home", id="home_button", desc="Home", on_click=lambda: self.navigate(SEARCH_HOME)),
            bar,
            ImageButton("star", id="bookmark_button", desc="Edit bookmark" if bookmarked else "Bookmark this page",
                        on_click=self.toggle_bookmark, selected=bookmarked, tint="primary" if bookmarked else None),
            ImageButton("more", id="menu_button", desc="Customize and control Google Chrome", on_click=self.menu),
            id="toolbar", width=MATCH, padding=(4, 4), gravity="center_vertical",
        )
        nav = Row(
            ImageButton("back", id="back_button", desc="Back", on_click=self.go_back, enabled=bool(self.back_stack)),
            ImageButton("send", id="forward_button", desc="Forward", on_click=self.go_forward,
                        enabled=bool(self.forward_stack)),
            ImageButton("refresh", id="refresh_button", desc="Refresh", on_click=lambda: self.load(self.url, record=False)),
            ImageButton("star", id="bookmarks_button", desc="Bookmarks", on_click=lambda: self.open(BOOKMARKS)),
            ImageButton("clock", id="history_button", desc="History", on_click=lambda: self.open(HISTORY)),
            id="bottom_toolbar", width=MATCH, gravity="center",
        )
        web = WebView(ScrollView(Column(*body, width=MATCH, padding=16), id="web_scroll", width=MATCH, height=MATCH),
                      url=self.url, id="web_content", desc=title)
        return page(toolbar, Column(web, id="compositor_view_holder", width=MATCH, weight=1), nav, id="control_container")

    def toggle_bookmark(self) -> None:
        if self.app.is_bookmarked(self.url):
            self.app.remove_bookmark(self.url)
            self.toast("Bookmark removed")
        else:
            self.app.add_bookmark(self.url, self.title_text, self.now_ms())
            self.toast("Bookmarked")

    def menu(self) -> None:
        from ...ui.composite import DialogContent

        def item(label: str, rid: str, action):
            def run():
                self.dialog = None
                action()
            return ListItem(label, id=rid, on_click=run)

        self.show_dialog(lambda: DialogContent(body=Column(
            item("New tab", "new_tab_menu_id", lambda: self.navigate(SEARCH_HOME)),
            item("History", "open_history_menu_id", lambda: self.open(HISTORY)),
            item("Bookmarks", "all_bookmarks_menu_id", lambda: self.open(BOOKMARKS)),
            item("Forward", "forward_menu_id", self.go_forward),
            width=MATCH,
        )))


class _ListPage(Screen):
    kind = "history"

    def entries(self) -> list[dict]:
        return []

    def build(self):
        entries = self.entries()

        def row(i: int):
            e = entries[i]
            return ListItem(e.get("title") or e["url"], subtitle=e["url"], icon="web", id=f"{self.kind}_item",
                            title_id="title", subtitle_id="url", on_click=lambda u=e["url"]: self.visit(u),
                            trailing=ImageButton("close", id="remove", desc=f"Remove {e.get('title') or e['url']}",
                                                 on_click=lambda u=e["url"], w=e.get("time"): self.remove(u, w)))

        return page(
            Toolbar(self.kind.capitalize(), on_nav=self.finish, id="toolbar"),
            List(count=len(entries), row=row, row_height=72, id=f"{self.kind}_list", width=MATCH, weight=1) if entries else
            Text(f"No {self.kind} yet", id="empty_view", padding=32, width=MATCH, gravity="center"),
        )

    def visit(self, url: str) -> None:
        self.finish()
        self.start(Intent(action=ACTION_VIEW, data=url, component=f"{PKG}/com.google.android.apps.chrome.Main"))

    def remove(self, url: str, when) -> None:
        """Drop one entry (history by visit time, bookmarks by URL): each page defines it."""
        raise TypeError(f"{type(self).__name__} lists entries it cannot remove")


class HistoryActivity(_ListPage):
    kind = "history"

    def entries(self) -> list[dict]:
        return list(reversed(self.app.read_json("history.json", [])))

    def remove(self, url: str, when) -> None:
        self.app.write_json("history.json", [e for e in self.app.read_json("history.json", [])
                                             if not (e["url"] == url and e.get("time") == when)])


class BookmarkActivity(_ListPage):
    kind = "bookmarks"

    def entries(self) -> list[dict]:
        return self.app.read_json("bookmarks.json", [])

    def remove(self, url: str, when) -> None:
        self.app.remove_bookmark(url)


class ChromeApp(EverydayApp):
    package = PKG
    label = "Chrome"
    icon = "chrome"
    version_name = "121.0.6167.178"

    def declare(self) -> None:
        self.activity("com.google.android.apps.chrome.Main", ChromeTabbedActivity, launcher=True, filters=[
            action_filter(ACTION_VIEW, schemes=("http", "https"), categories=(DEFAULT, BROWSABLE)),
            action_filter(ACTION_WEB_SEARCH),
        ])
        self.activity(HISTORY, HistoryActivity, exported=False)
        self.activity(BOOKMARKS, BookmarkActivity, exported=False)

    def add_history(self, url: str, title: str, when_ms: int) -> None:
        history = self.read_json("history.json", [])
        history.append({"url": url, "title": title, "time": when_ms})
        self.write_json("history.json", history[-HISTORY_LIMIT:])

    def is_bookmarked(self, url: str) -> bool:
        return any(b["url"] == url for b in self.read_json("bookmarks.json", []))

    def add_bookmark(self, url: str, title: str, when_ms: int) -> None:
        marks = [b for b in self.read_json("bookmarks.json", []) if b["url"] != url]
        marks.append({"url": url, "title": title, "time": when_ms})
        self.write_json("bookmarks.json", marks)

    def remove_bookmark(self, url: str) -> None:
        self.write_json("bookmarks.json", [b for b in self.read_json("bookmarks.json", []) if b["url"] != url])
