"""perceive(): one dump (and optionally a screenshot) → one ScreenState.

Empty-input policy (decided here, tested in tests/unit/perception):
* a dump with no windows (``<hierarchy rotation="0"/>``, seen while an app starts) is a valid
  empty screen: an empty state, filled from the screenshot by the pixels-only fallback when one
  is given;
* zero bytes, whitespace, or text with no recoverable XML raise PerceptionError, unless a
  screenshot is given, in which case the state comes from the pixels alone;
* a truncated dump yields what lxml's recover mode keeps, with ``truncated=True``;
* an unreadable screenshot raises PerceptionError only when the state would depend on it (no
  tree content); otherwise the tree's elements are returned without pixel regions.
"""

from __future__ import annotations

from droidpilot.errors import PerceptionError

from .dialogs import detect_dialogs
from .elements import Draft, extract
from .identity import assign_identities, fingerprint, identity_key
from .keyboard import detect_keyboard
from .state import Bounds, Element, ScreenState, fast_model
from .text import looks_like_instruction
from .tree import Hierarchy, parse_hierarchy
from .windows import WindowInfo, classify_windows, screen_size

__all__ = ["perceive"]


def perceive(
    xml: str | bytes,
    screenshot: bytes | None = None,
    previous: ScreenState | None = None,
    *,
    package: str | None = None,
    activity: str | None = None,
    screen_size: tuple[int, int] | None = None,
    keyboard_shown: bool | None = None,
) -> ScreenState:
    """Turn a uiautomator dump into a ScreenState.

    ``package``/``activity``/``screen_size``/``keyboard_shown`` are what the device layer knows
    better than the dump (foreground activity, ``wm size``, the IME service); when missing they
    are inferred from the dump. ``previous`` makes ``state.change`` the diff against it.
    Raises PerceptionError only for input nothing can be made of (see module docstring).
    """
    try:
        hierarchy = parse_hierarchy(xml)
    except PerceptionError:
        if screenshot is None:
            raise
        hierarchy = Hierarchy()
    return build_state(
        hierarchy,
        screenshot=screenshot,
        previous=previous,
        package=package,
        activity=activity,
        size=screen_size,
        keyboard_shown=keyboard_shown,
    )


def build_state(
    hierarchy: Hierarchy,
    *,
    screenshot: bytes | None,
    previous: ScreenState | None,
    package: str | None,
    activity: str | None,
    size: tuple[int, int] | None,
    keyboard_shown: bool | None,
) -> ScreenState:
    inferred = False
    if size is not None and int(size[0]) > 0 and int(size[1]) > 0:
        width, height = _oriented(int(size[0]), int(size[1]), hierarchy)
    else:
        width, height, inferred = _size_from(hierarchy)
        if (width <= 0 or height <= 0) and screenshot is not None:
            width, height = _image_size(screenshot)
            inferred = False
    windows = classify_windows(hierarchy, width, height)
    drafts = extract(hierarchy, windows, width, height)
    shown, keyboard_bounds, keyboard_source = detect_keyboard(hierarchy, windows, width, height, keyboard_shown)
    if keyboard_bounds is not None and keyboard_source == "inferred":
        drafts = _apply_cover(drafts, keyboard_bounds)
    elements = _to_elements(drafts)
    window_of = {e.identity: d.window for d, e in zip(drafts, elements)}
    if screenshot is not None:
        from .vision import fallback_elements

        bars = [w.bounds for w in windows if w.kind == "bar"]
        try:
            elements = fallback_elements(elements, screenshot, width, height, exclude=bars)
        except PerceptionError:
            # An unreadable screenshot only costs the extras when the tree has content of its own.
            if not any(e.window != "bar" for e in elements):
                raise
    dialogs = detect_dialogs(hierarchy, windows, [(window_of[e.identity], e) for e in elements if e.identity in window_of])
    main_package = package if package is not None else _main_package(windows)
    state: ScreenState = fast_model(  # type: ignore[assignment]
        ScreenState,
        dict(
            package=main_package,
            activity=activity or "",
            width=width,
            height=height,
            rotation=hierarchy.rotation,
            elements=tuple(elements),
            keyboard_shown=shown,
            keyboard_bounds=keyboard_bounds,
            keyboard_source=keyboard_source,
            dialogs=dialogs,
            fingerprint=_fingerprint(main_package, activity or "", shown, elements),
            truncated=hierarchy.truncated,
            node_count=len(hierarchy.nodes),
            size_inferred=inferred,
            change=None,
        ),
        private={"_screenshot": screenshot},
    )
    if previous is not None:
        object.__setattr__(state, "change", state.diff(previous))
    return state


def _oriented(width: int, height: int, hierarchy: Hierarchy) -> tuple[int, int]:
    """Swap a size given for the natural orientation when the dump's full-screen window is rotated.

    ``wm size`` reports the physical (portrait) size; a landscape dump's bounds run along the long
    side. Clipping landscape bounds to a portrait width would silently cut the screen in half.
    """
    if hierarchy.rotation % 2 == 0:
        return width, height
    for root in hierarchy.windows:
        left, top, right, bottom = root.bounds
        if left == 0 and top == 0 and right > width + 2 and right <= height + 2 and bottom <= width + 2:
            return height, width
    return width, height


def _size_from(hierarchy: Hierarchy) -> tuple[int, int, bool]:
    return screen_size(hierarchy)


def _image_size(data: bytes) -> tuple[int, int]:
    from .images import image_size

    return image_size(data)


def _main_package(windows: list[WindowInfo]) -> str:
    """The app the user is in: the topmost full-screen app window, else the topmost window."""
    for window in windows:
        if window.kind == "app" and window.package:
            return window.package
    for window in windows:
        if window.kind == "floating" and window.package:
            return window.package
    return ""


def _apply_cover(drafts: list[Draft], cover: Bounds) -> list[Draft]:
    from .elements import _uncovered

    kept = []
    for draft in drafts:
        draft.visible_rect = _uncovered(draft.visible_rect, [cover.as_tuple()])
        if draft.visible_rect[2] > draft.visible_rect[0]:
            kept.append(draft)
    return kept


def _to_elements(drafts: list[Draft]) -> list[Element]:
    index_of = {id(d): i for i, d in enumerate(drafts)}
    keys, names = [], []
    for draft in drafts:
        node = draft.node
        rid = draft.rid
        short = rid.rsplit("/", 1)[-1]
        anchor = draft.text.strip() or draft.desc.strip() or (draft.merged[0] if draft.merged and not draft.label else draft.label)
        keys.append(
            identity_key(
                package=node.package,
                resource_id=rid,
                class_name=node.cls,
                role=draft.role,
                label=anchor.split(" · ", 1)[0],
                editable=draft.editable,
                hint=draft.hint,
                tree_path=_tree_path(draft) if not (rid or anchor) or (draft.editable and not (draft.hint or rid)) else "",
            )
        )
        names.append(short or draft.role)
    identities = assign_identities(keys, names)
    elements = []
    for i, draft in enumerate(drafts):
        node = draft.node
        l, t, r, b = draft.rect
        vl, vt, vr, vb = draft.visible_rect if draft.visible_rect[2] > draft.visible_rect[0] else draft.rect
        container = draft.container
        while container is not None and id(container) not in index_of:
            container = container.container
        elements.append(
            fast_model(
                Element,
                dict(
                index=i,
                identity=identities[i],
                role=draft.role,
                text=draft.text,
                description=draft.desc,
                hint=draft.hint,
                resource_id=draft.rid.rsplit("/", 1)[-1],
                class_name=node.cls,
                package=node.package,
                clickable=draft.clickable,
                long_clickable=draft.long_clickable,
                checkable=draft.checkable,
                checked=draft.checked,
                editable=draft.editable,
                scrollable=draft.scrollable,
                focused=draft.focused,
                selected=draft.selected,
                enabled=draft.enabled,
                password=draft.password,
                bounds=Bounds.of(l, t, r, b),
                visible_center=((vl + vr) // 2, (vt + vb) // 2),
                label=draft.label,
                extra_text=draft.merged[0] if draft.merged else "",
                container_index=index_of[id(container)] if container is not None else None,
                window="dialog" if draft.window.kind == "floating" else draft.window.kind,
                source="tree",
                flagged=looks_like_instruction(draft.text, draft.desc, draft.hint, draft.label),
                ),
            )
        )
    return elements


def _tree_path(draft: Draft) -> str:
    parts = []
    node = draft.node
    while node is not None:
        parts.append(str(node.sibling_index))
        node = node.parent
    return "/".join(reversed(parts))


def _fingerprint(package: str, activity: str, keyboard: bool, elements: list[Element]) -> str:
    parts = [package, activity, "kb" if keyboard else ""]
    for e in elements:
        b = e.bounds
        parts.append(
            f"{e.identity}|{e.label}|{e.text}|{int(e.checked)}{int(e.selected)}{int(e.enabled)}{int(e.focused)}"
            f"|{b.left // 16},{b.top // 16},{b.right // 16},{b.bottom // 16}"
        )
    return fingerprint(parts)
