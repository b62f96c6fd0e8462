"""Short role words for the model, derived from Android class names and flags.

The model reasons better about "switch", "input", "radio" than about
``com.google.android.material.switchmaterial.SwitchMaterial``; the class stays on the Element
for replay and debugging. Matching is on the simple class name (after the last ``.`` and ``$``)
because apps subclass the framework widgets under their own names (FtTextView, AppCompatButton).
"""

from __future__ import annotations

__all__ = ["role_for", "is_editable_class", "is_canvas_class", "is_webview_class", "CLICKABLE_ROLES", "ROLE_CLASS_FAMILY"]

_SUFFIX_ROLES: tuple[tuple[str, str], ...] = (
    # Order matters: more specific suffixes first (ImageButton before Button, CheckedTextView before TextView).
    ("AutoCompleteTextView", "input"),
    ("EditText", "input"),
    ("SearchView", "input"),
    ("SwitchCompat", "switch"),
    ("SwitchMaterial", "switch"),
    ("Switch", "switch"),
    ("ToggleButton", "switch"),
    ("CheckedTextView", "checkbox"),
    ("CheckBox", "checkbox"),
    ("RadioButton", "radio"),
    ("ImageButton", "button"),
    ("FloatingActionButton", "button"),
    ("Button", "button"),
    ("SeekBar", "seekbar"),
    ("RatingBar", "seekbar"),
    ("Slider", "seekbar"),
    ("ProgressBar", "progress"),
    ("WebView", "webview"),
    ("SurfaceView", "canvas"),
    ("TextureView", "canvas"),
    ("VideoView", "canvas"),
    ("Spinner", "dropdown"),
    ("TabView", "tab"),
    ("TabWidget", "tabs"),
    ("TabLayout", "tabs"),
    ("ViewPager", "pager"),
    ("ViewPager2", "pager"),
    ("RecyclerView", "list"),
    ("ListView", "list"),
    ("GridView", "list"),
    ("ScrollView", "list"),
    ("ImageView", "image"),
    ("Image", "image"),
    ("TextView", "text"),
)

_CANVAS_HINTS = ("surface", "canvas", "unity", "glview", "gl_view", "game")

CLICKABLE_ROLES = frozenset({"button", "item", "tab", "checkbox", "radio", "switch", "input", "dropdown", "link"})
"""Roles that imply 'tappable': the rendering prints ``noclick`` when such an element is not."""

ROLE_CLASS_FAMILY: dict[str, frozenset[str]] = {
    "input": frozenset({"input"}),
    # A checkable row or toggle button takes the role of what it does: the class may be a layout,
    # a TextView (CheckedTextView rows) or a Button (ToggleButton-like Material buttons).
    "switch": frozenset({"switch", "container", "text", "button", "image"}),
    "checkbox": frozenset({"checkbox", "container", "text", "button", "image"}),
    "radio": frozenset({"radio", "container", "text", "button", "image"}),
    "button": frozenset({"button", "image", "text", "container"}),
    "item": frozenset({"container", "text", "image"}),
    "tab": frozenset({"container", "text", "button", "tab"}),
    "seekbar": frozenset({"seekbar"}),
    "progress": frozenset({"progress"}),
    "webview": frozenset({"webview"}),
    "canvas": frozenset({"canvas", "container"}),
    "dropdown": frozenset({"dropdown"}),
    "list": frozenset({"list", "pager", "container"}),
    "pager": frozenset({"pager", "list", "container"}),
    "tabs": frozenset({"tabs", "container"}),
    "image": frozenset({"image", "container"}),
    "text": frozenset({"text", "container", "image", "button"}),
    "region": frozenset({"container"}),
}
"""For each role, the class families it can stand for (used to check the rendering loses no class fact)."""


_FAMILY: dict[str, str] = {}


def class_family(simple_class: str) -> str:
    """The role a class implies on its own, or "container" for layouts and generic views."""
    family = _FAMILY.get(simple_class)
    if family is not None:
        return family
    family = "container"
    for suffix, role in _SUFFIX_ROLES:
        if simple_class.endswith(suffix):
            family = role
            break
    if len(_FAMILY) < 4096:
        _FAMILY[simple_class] = family
    return family


def is_editable_class(simple_class: str) -> bool:
    return simple_class.endswith(("EditText", "AutoCompleteTextView"))


def is_webview_class(simple_class: str) -> bool:
    return simple_class.endswith("WebView")


def is_canvas_class(simple_class: str, resource_id: str = "") -> bool:
    if simple_class.endswith(("SurfaceView", "TextureView", "VideoView")):
        return True
    rid = resource_id.lower()
    return bool(rid) and any(h in rid for h in _CANVAS_HINTS)


def role_for(
    simple_class: str,
    *,
    clickable: bool,
    checkable: bool,
    editable: bool,
    scrollable: bool,
    merged_families: tuple[str, ...] = (),
    in_list: bool = False,
    description: str = "",
) -> str:
    """Pick the role from the node's own class, then from label children merged into it."""
    if editable:
        return "input"
    family = class_family(simple_class)
    if family in ("switch", "checkbox", "radio", "seekbar", "webview", "canvas", "dropdown", "tab", "progress"):
        return family
    if family == "input":
        return "input"
    for child in merged_families:
        if child in ("switch", "checkbox", "radio"):
            return child
    if checkable:
        return "checkbox"
    if " of " in description and description.lower().split("\n")[-1].startswith("tab "):
        return "tab"
    if scrollable and not clickable:
        return family if family in ("list", "pager") else "list"
    if clickable:
        if family == "container" and in_list:
            return "item"
        return "button"
    if family in ("list", "pager", "tabs"):
        return family
    if family in ("image", "text", "button"):
        return "image" if family == "image" else "text"
    return "text"
