"""Nodes → elements: what the model can act on and what it should read, nothing else.

Rules, in the order they apply (each one answers a failure seen on real dumps):

* Invisible nodes go: zero area after clipping to the screen and their window (closed drawers
  dumped as ``[0,0][0,0]``), ``visible-to-user="false"``, and nodes on another display.
* A node is an element when it can be acted on (clickable, long-clickable, editable, checkable,
  scrollable, or a WebView/canvas with nothing inside) or carries text/description.
* Text inside a tappable ancestor is that ancestor's label (a list row, a Compose button whose
  text is a child), and a checkable child gives its state to the tappable row (MIUI radio rows).
  Text inside an editable field is its hint (Compose/Material text-field labels). A tappable
  ancestor covering most of the screen is a catch-all touch handler, not a label owner.
* An element hidden behind a higher window goes: everything under a modal dialog or popup, and
  whatever the keyboard or a system bar covers completely; a partly covered one keeps its place
  and gets ``visible_center`` in its uncovered part. Inside one window, a large clickable scrim
  drawn later than an element hides it.
* Duplicates go: a tappable wrapper with the same bounds as the tappable inside it, text that
  repeats the label of the element it sits in, scroll containers nested with equal bounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .roles import class_family, is_canvas_class, role_for
from .text import clean_text, humanize_id, join_labels
from .tree import Hierarchy, Node, simple_class
from .windows import WindowInfo

__all__ = ["Draft", "extract"]

_CATCH_ALL_FRACTION = 0.4
"""A tappable node larger than this share of the screen does not take its children's text."""
_UNLABELLED_DROP_FRACTION = 0.5
"""An unlabelled tappable node larger than this share of the screen is a background, not a target."""
_SCRIM_FRACTION = 0.25
_SAME_BOX = 6
_EDITABLE_SUFFIXES = ("EditText", "AutoCompleteTextView")
_SURFACE_SUFFIXES = ("WebView", "SurfaceView", "TextureView", "VideoView")
_BUTTONISH_SUFFIXES = ("Button", "Switch", "SwitchCompat", "SwitchMaterial", "CheckBox", "RadioButton")


@dataclass(eq=False, slots=True)
class Draft:
    """An element under construction (mutable), turned into a frozen Element at the end."""

    node: Node
    window: WindowInfo
    rect: tuple[int, int, int, int]
    clickable: bool = False
    long_clickable: bool = False
    checkable: bool = False
    checked: bool = False
    editable: bool = False
    scrollable: bool = False
    focused: bool = False
    selected: bool = False
    enabled: bool = True
    password: bool = False
    text: str = ""
    desc: str = ""
    hint: str = ""
    merged: list[str] = field(default_factory=list)
    merged_families: list[str] = field(default_factory=list)
    container: "Draft | None" = None
    absorbed_by: "Draft | None" = None
    dropped: bool = False
    visible_rect: tuple[int, int, int, int] = (0, 0, 0, 0)
    role: str = ""
    label: str = ""
    special: str = ""  # "webview" or "canvas" when the node is an opaque surface
    rid: str = ""  # full resource id, read once

    def owner(self) -> "Draft":
        draft = self
        while draft.absorbed_by is not None:
            draft = draft.absorbed_by
        return draft

    @property
    def tappable(self) -> bool:
        return self.clickable or self.long_clickable


def extract(hierarchy: Hierarchy, windows: list[WindowInfo], width: int, height: int) -> list[Draft]:
    """All drafts that survive the rules above, in rendering order (window by window, document order)."""
    screen_area = max(1, width * height)
    drafts: list[Draft] = []
    above: list[WindowInfo] = []
    modal_above = False
    for window in windows:  # topmost first
        if window.kind == "ime":
            above.append(window)
            continue
        if modal_above and window.kind != "bar":
            continue
        window_drafts = _extract_window(hierarchy, window, width, height, screen_area)
        covers = [w.bounds for w in above if w.bounds[2] > w.bounds[0] and w.bounds[3] > w.bounds[1]]
        for draft in window_drafts:
            draft.visible_rect = _uncovered(draft.rect, covers)
            if draft.visible_rect[2] <= draft.visible_rect[0]:
                draft.dropped = True
        drafts.extend(d for d in window_drafts if not d.dropped)
        above.append(window)
        if window.modal:
            modal_above = True
    _order_windows(drafts, windows)
    return drafts


def _order_windows(drafts: list[Draft], windows: list[WindowInfo]) -> None:
    """Render order: topmost non-bar windows first (a dialog before what it covers), bars last."""
    rank = {id(w): (1 if w.kind == "bar" else 0, w.z) for w in windows}
    drafts.sort(key=lambda d: (rank[id(d.window)], d.node.order))


def _extract_window(hierarchy: Hierarchy, window: WindowInfo, width: int, height: int, screen_area: int) -> list[Draft]:
    root = window.root
    wl, wt, wr, wb = root.bounds
    if window.kind == "floating" or wr - wl <= 0:
        clip = (max(0, wl), max(0, wt), min(width, wr), min(height, wb))
    else:
        clip = (0, 0, width, height)
    drafts: list[Draft] = []
    overlays: list[Draft] = []
    catch_all_area = _CATCH_ALL_FRACTION * screen_area
    scrim_area = _SCRIM_FRACTION * screen_area
    cl, ct, cr, cb = clip
    for node in hierarchy.window_nodes(root):
        parent = node.parent
        if parent is None:
            tap = scroll = None
        else:
            tap = parent.tap
            scroll = parent.scroll
        node.tap = tap
        node.scroll = scroll
        text = node.text
        desc = node.desc
        tappable = node.clickable or node.long_clickable
        cls = node.cls
        editable = cls.endswith(_EDITABLE_SUFFIXES)
        if not (tappable or text or desc or editable or node.scrollable or node.checkable):
            if node.children or not cls.endswith(_SURFACE_SUFFIXES):
                # A silent container: only its class can matter, for the role of the button it is in.
                if tap is not None and cls.endswith(_BUTTONISH_SUFFIXES):
                    tap.owner().merged_families.append(class_family(simple_class(cls)))
                continue
        if text and not text.strip():
            text = ""
        if desc and not desc.strip():
            desc = ""

        left, top, right, bottom = node.bounds
        if left < cl:
            left = cl
        if top < ct:
            top = ct
        if right > cr:
            right = cr
        if bottom > cb:
            bottom = cb
        if right <= left or bottom <= top:
            continue
        el = node.el
        if el.get("visible-to-user") == "false" or el.get("display-id") not in (None, "0", "-1"):
            continue
        rect = (left, top, right, bottom)
        special = ""
        if not node.children and not text:
            simple = simple_class(cls)
            if simple.endswith("WebView"):
                special = "webview"
            elif is_canvas_class(simple, node.resource_id):
                special = "canvas"

        if tappable or editable or node.scrollable or special or (node.checkable and tap is None):
            draft = _new_draft(node, window, rect, editable, special)
            draft.container = scroll
            if tappable and tap is not None and _same_box(tap.rect, rect):
                _absorb(outer=tap.owner(), inner=draft)
            drafts.append(draft)
            if node.scrollable and not tappable:
                node.scroll = draft
                node.tap = None
            elif tappable or editable:
                area = (right - left) * (bottom - top)
                node.tap = draft if (area <= catch_all_area or editable) else None
                if tappable and not text and not desc and area >= scrim_area:
                    overlays.append(draft)
            continue

        if node.checkable and tap is not None:
            owner = tap.owner()
            owner.checkable = True
            owner.checked = owner.checked or el.get("checked") == "true"
            owner.merged_families.append(class_family(simple_class(cls)))
            if text:
                owner.merged.append(clean_text(text))
            continue

        if not text and not desc:
            continue

        if tap is not None:
            owner = tap.owner()
            owner.merged.append(clean_text(text) if text else clean_text(desc))
            if text and desc and desc != text and not owner.editable:
                owner.merged.append(clean_text(desc))
            continue

        draft = _new_draft(node, window, rect, False, "")
        draft.selected = draft.selected or _selected_above(node)
        draft.container = scroll
        drafts.append(draft)

    live = [d for d in drafts if d.absorbed_by is None]
    _drop_under_overlays(live, overlays)
    for draft in live:
        _finish(draft, screen_area)
    live = [d for d in live if not d.dropped]
    _dedupe(live)
    return [d for d in live if not d.dropped]


def _selected_above(node: Node, levels: int = 3) -> bool:
    """A text inside a selected, non-clickable container (the current tab of a Compose bar) is selected."""
    parent = node.parent
    while parent is not None and levels > 0:
        if parent.el.get("selected") == "true":
            return True
        if parent.clickable or parent.long_clickable or parent.scrollable:
            return False
        parent = parent.parent
        levels -= 1
    return False


def _new_draft(node: Node, window: WindowInfo, rect: tuple[int, int, int, int], editable: bool, special: str) -> Draft:
    el = node.el
    draft = Draft(node=node, window=window, rect=rect, special=special, rid=el.get("resource-id") or "")
    draft.clickable = node.clickable
    draft.long_clickable = node.long_clickable
    draft.checkable = node.checkable
    draft.checked = el.get("checked") == "true"
    draft.editable = editable
    draft.scrollable = node.scrollable
    draft.focused = el.get("focused") == "true"
    draft.selected = el.get("selected") == "true"
    draft.enabled = el.get("enabled") != "false"
    draft.password = el.get("password") == "true"
    draft.text = clean_text(node.text)
    desc = clean_text(node.desc)
    draft.desc = "" if desc.strip() == draft.text.strip() else desc
    draft.hint = clean_text(node.hint)
    return draft


def _absorb(outer: Draft, inner: Draft) -> None:
    """A tappable wrapper with the same box as the tappable inside it: keep one element."""
    inner.clickable = inner.clickable or outer.clickable
    inner.long_clickable = inner.long_clickable or outer.long_clickable
    inner.checkable = inner.checkable or outer.checkable
    inner.checked = inner.checked or outer.checked
    inner.selected = inner.selected or outer.selected
    inner.focused = inner.focused or outer.focused
    inner.enabled = inner.enabled and outer.enabled
    if not inner.desc and outer.desc and outer.desc != inner.text:
        inner.desc = outer.desc
    if not inner.text and outer.text:
        inner.merged.insert(0, outer.text)
    inner.merged[:0] = outer.merged
    inner.merged_families.extend(outer.merged_families)
    if outer.container is not None and inner.container is None:
        inner.container = outer.container
    outer.absorbed_by = inner


def _finish(draft: Draft, screen_area: int) -> None:
    """Role and label; drop unlabelled full-screen touch catchers."""
    node = draft.node
    in_list = draft.container is not None
    draft.role = draft.special or role_for(
        node.short_class,
        clickable=draft.tappable,
        checkable=draft.checkable,
        editable=draft.editable,
        scrollable=draft.scrollable,
        merged_families=tuple(draft.merged_families),
        in_list=in_list,
        description=draft.desc,
    )
    merged = join_labels(draft.merged)
    if draft.editable and not draft.hint and merged:
        draft.hint = merged
        merged = ""
    label = draft.text.strip() or draft.desc.strip() or merged
    if draft.editable and not label:
        label = draft.hint.strip()
    has_own_label = bool(label)
    if not label:
        label = humanize_id(draft.rid)
    draft.label = label
    area = (draft.rect[2] - draft.rect[0]) * (draft.rect[3] - draft.rect[1])
    if (
        draft.tappable
        and not has_own_label
        and not draft.editable
        and not draft.checkable
        and not draft.scrollable
        and area > _UNLABELLED_DROP_FRACTION * screen_area
    ):
        draft.dropped = True
    if draft.role == "text" and draft.tappable:
        draft.role = "button"
    # keep merged pieces the label did not use, so find() and the rendering see every text
    if label and merged and merged != label:
        draft.merged = [merged]
    else:
        draft.merged = []


def _drop_under_overlays(drafts: list[Draft], overlays: list[Draft]) -> None:
    """A large clickable scrim drawn after an element, and not its ancestor, hides it."""
    if not overlays:
        return
    for overlay in overlays:
        ol, ot, orr, ob = overlay.rect
        for draft in drafts:
            if draft is overlay or draft.dropped:
                continue
            l, t, r, b = draft.rect
            if l >= ol and t >= ot and r <= orr and b <= ob and _drawn_before(draft.node, overlay.node):
                draft.dropped = True


def _drawn_before(a: Node, b: Node) -> bool:
    """True when ``a`` is drawn below ``b`` (b is a later sibling branch, not an ancestor of a)."""
    chain_a = []
    node = a
    while node is not None:
        chain_a.append(node)
        node = node.parent
    ancestors_a = {id(n): k for k, n in enumerate(chain_a)}
    node, child_b = b, None
    while node is not None and id(node) not in ancestors_a:
        child_b = node
        node = node.parent
    if node is None or child_b is None:
        return False  # different windows, or b is an ancestor of a
    k = ancestors_a[id(node)]
    if k == 0:
        return False  # a is an ancestor of b
    child_a = chain_a[k - 1]
    return _z_key(child_a) < _z_key(child_b)


def _z_key(node: Node) -> tuple[int, int]:
    value = node.el.get("drawing-order")
    if value is not None and value.isdigit():
        return (int(value), node.order)
    return (node.sibling_index, node.order)


def _dedupe(drafts: list[Draft]) -> None:
    """Drop repeats: text echoing the element around it, equal boxes with equal labels."""
    actionable = [d for d in drafts if d.tappable or d.editable or d.checkable]
    for draft in drafts:
        if draft.dropped or draft.tappable or draft.editable or draft.scrollable or draft.special:
            continue
        l, t, r, b = draft.rect
        for other in actionable:
            if other is draft or other.dropped:
                continue
            ol, ot, orr, ob = other.rect
            if l >= ol - 2 and t >= ot - 2 and r <= orr + 2 and b <= ob + 2 and draft.label and draft.label == other.label:
                draft.dropped = True
                break
    seen: dict[tuple[str, str], list[Draft]] = {}
    for draft in drafts:
        if draft.dropped:
            continue
        key = (draft.role, draft.label)
        same = seen.setdefault(key, [])
        if any(_same_box(o.rect, draft.rect) for o in same):
            draft.dropped = True
        else:
            same.append(draft)
    scrollers = [d for d in drafts if d.scrollable and not d.dropped]
    for outer in scrollers:
        for inner in scrollers:
            if inner is not outer and not inner.dropped and inner.container is outer and _same_box(outer.rect, inner.rect):
                outer.dropped = True
                for d in drafts:
                    if d.container is outer:
                        d.container = inner if d is not inner else outer.container
                break


def _same_box(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return all(abs(x - y) <= _SAME_BOX for x, y in zip(a, b))


def _uncovered(rect: tuple[int, int, int, int], covers: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """The largest part of ``rect`` no cover overlaps (empty when fully covered)."""
    pieces = [rect]
    for cl, ct, cr, cb in covers:
        next_pieces = []
        for l, t, r, b in pieces:
            if cr <= l or cl >= r or cb <= t or ct >= b:
                next_pieces.append((l, t, r, b))
                continue
            if ct > t:
                next_pieces.append((l, t, r, ct))
            if cb < b:
                next_pieces.append((l, cb, r, b))
            if cl > l:
                next_pieces.append((l, max(t, ct), cl, min(b, cb)))
            if cr < r:
                next_pieces.append((cr, max(t, ct), r, min(b, cb)))
        pieces = [p for p in next_pieces if p[2] > p[0] and p[3] > p[1]]
        if not pieces:
            return (0, 0, 0, 0)
    return max(pieces, key=lambda p: (p[2] - p[0]) * (p[3] - p[1]))
