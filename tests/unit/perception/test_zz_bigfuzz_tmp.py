"""Whatever bytes arrive, perceive() either returns a usable state or raises PerceptionError."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from droidpilot.errors import PerceptionError
from droidpilot.perception import perceive

from .conftest import CORPUS, REAL_DUMPS

_SAMPLES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.xml"))]
if REAL_DUMPS.is_dir():
    _SAMPLES += [p.read_text(encoding="utf-8") for p in sorted(REAL_DUMPS.glob("*.xml"))[:8]]

_FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(xml) -> None:
    try:
        state = perceive(xml)
    except PerceptionError:
        return
    assert [e.index for e in state.elements] == list(range(len(state.elements)))
    for element in state.elements:
        assert element.bounds.contains(*element.visible_center)
    rendered = state.render()
    assert rendered.startswith("<screen>") and rendered.endswith("</screen>")
    assert rendered.count("</screen>") == 1


@_FUZZ
@given(st.text(max_size=400))
def test_random_text(text):
    _check(text)


@_FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _check(data)


@_FUZZ
@given(st.sampled_from(_SAMPLES), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_real_and_handmade_dumps(xml, fraction):
    _check(xml[: int(len(xml) * fraction)])


@_FUZZ
@given(st.sampled_from(_SAMPLES), st.lists(st.tuples(st.floats(0, 1), st.text(max_size=8)), max_size=6))
def test_dumps_with_random_splices(xml, edits):
    for fraction, insert in edits:
        at = int(len(xml) * fraction)
        xml = xml[:at] + insert + xml[at + len(insert) :]
    _check(xml)


_BOOL = st.sampled_from(["true", "false", "", "TRUE", "1"])
_BOUNDS = st.one_of(
    st.builds(
        lambda a, b, c, d: f"[{a},{b}][{c},{d}]",
        st.integers(-3000, 5000), st.integers(-3000, 5000), st.integers(-3000, 5000), st.integers(-3000, 5000),
    ),
    st.text(max_size=12),
)
_CLASSES = st.sampled_from(
    ["android.widget.TextView", "android.widget.Button", "android.widget.EditText", "android.webkit.WebView",
     "android.widget.FrameLayout", "androidx.recyclerview.widget.RecyclerView", "android.widget.Switch", "", "x.y$Z"]
)


@st.composite
def _nodes(draw, depth=0):
    attrs = {
        "index": str(draw(st.integers(0, 20))),
        "text": draw(st.text(max_size=30)),
        "resource-id": draw(st.sampled_from(["", "p:id/a", "p:id/a", "android:id/button1", "android:id/alertTitle", "x"])),
        "class": draw(_CLASSES),
        "package": draw(st.sampled_from(["p", "android", "com.google.android.inputmethod.latin", "com.android.systemui", ""])),
        "content-desc": draw(st.text(max_size=20)),
        "bounds": draw(_BOUNDS),
    }
    for flag in ("checkable", "checked", "clickable", "enabled", "focused", "scrollable", "long-clickable", "password", "selected"):
        attrs[flag] = draw(_BOOL)
    if draw(st.booleans()):
        attrs["visible-to-user"] = draw(_BOOL)
    if draw(st.booleans()):
        attrs["drawing-order"] = draw(st.sampled_from(["0", "3", "-1", "x"]))
    text = " ".join(f"{k}={quoteattr(_xml_safe(v))}" for k, v in attrs.items())
    children = draw(st.lists(_nodes(depth=depth + 1), max_size=3 - depth)) if depth < 3 else []
    return f"<node {text}>{''.join(children)}</node>" if children else f"<node {text}/>"


def _xml_safe(value: str) -> str:
    return "".join(c for c in value if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(_nodes(), max_size=3), st.sampled_from(["0", "1", "3", "x", ""]))
def test_random_hierarchies(windows, rotation):
    _check(f'<?xml version="1.0" encoding="UTF-8"?><hierarchy rotation="{rotation}">{"".join(windows)}</hierarchy>')
