"""Pixels-only fallback: targets for the text-only planner when the tree has nothing to offer.

Used when the dump has no elements at all (games, screens mid-transition, apps that block
accessibility) and inside WebView/canvas nodes that expose no children. OpenCV proposes
regions: edges, closed horizontally so the letters of a line fuse into one text-like box, and
closed squarely so buttons, icons and cards become blobs. When the ``tesseract`` binary is
installed, text-like regions are read with it (one argv call per region, each with a timeout,
under an overall deadline); without it, a region is named by its grid cell.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import time
from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from .grid import Grid
from .images import load_image
from .state import Bounds, Element, fast_model
from .text import clean_text, looks_like_instruction

__all__ = ["Region", "propose_regions", "fallback_elements", "ocr_available"]

_MAX_SIDE = 900
_MAX_REGIONS = 40
_OCR_TIMEOUT_S = 3.0
_OCR_DEADLINE_S = 8.0
_OCR_MAX_REGIONS = 24


class Region:
    """A proposed box in the coordinates it was asked for, with its kind and any OCR text."""

    __slots__ = ("left", "top", "right", "bottom", "kind", "text")

    def __init__(self, left: int, top: int, right: int, bottom: int, kind: str, text: str = "") -> None:
        self.left, self.top, self.right, self.bottom = left, top, right, bottom
        self.kind = kind
        self.text = text

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.left, self.top, self.right, self.bottom)

    def __repr__(self) -> str:
        return f"Region({self.kind} {self.box} {self.text!r})"


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def propose_regions(image: Image.Image, area: tuple[int, int, int, int] | None = None, *, limit: int = _MAX_REGIONS) -> list[Region]:
    """Text-like and blob regions inside ``area`` (image pixels), reading order, at most ``limit``."""
    if area is None:
        area = (0, 0, image.width, image.height)
    left, top, right, bottom = (max(0, area[0]), max(0, area[1]), min(image.width, area[2]), min(image.height, area[3]))
    if right - left < 8 or bottom - top < 8:
        return []
    crop = np.asarray(image.crop((left, top, right, bottom)).convert("L"))
    scale = min(1.0, _MAX_SIDE / max(crop.shape))
    if scale < 1.0:
        crop = cv2.resize(crop, (max(1, int(crop.shape[1] * scale)), max(1, int(crop.shape[0] * scale))), interpolation=cv2.INTER_AREA)
    height, width = crop.shape
    edges = cv2.Canny(crop, 40, 120)
    boxes: list[tuple[int, int, int, int, str]] = []
    text_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, width // 60), 3))
    text_mask = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, text_kernel)
    for x, y, w, h in _rects(text_mask):
        if h < 6 or w < 10 or h > height * 0.05:
            continue
        if w >= 1.8 * h:
            boxes.append((x, y, x + w, y + h, "text"))
    blob_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    blob_mask = cv2.dilate(edges, blob_kernel)
    min_side = max(10, int(min(width, height) * 0.02))
    for x, y, w, h in _rects(blob_mask):
        if w < min_side or h < min_side or (w * h) > 0.85 * width * height:
            continue
        boxes.append((x, y, x + w, y + h, "region"))
    merged = _merge(boxes)
    merged.sort(key=lambda b: (b[1] // max(1, height // 40), b[0]))
    inverse = 1.0 / scale
    regions = [
        Region(left + int(l * inverse), top + int(t * inverse), left + int(r * inverse), top + int(b * inverse), kind)
        for l, t, r, b, kind in merged[:limit]
    ]
    return regions


def _rects(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [cv2.boundingRect(c) for c in contours]


def _merge(boxes: list[tuple[int, int, int, int, str]]) -> list[tuple[int, int, int, int, str]]:
    """Drop boxes inside a box of the same or text kind; text wins over a blob of the same place."""
    boxes = sorted(boxes, key=lambda b: (b[4] != "text", -(b[2] - b[0]) * (b[3] - b[1])))
    kept: list[tuple[int, int, int, int, str]] = []
    for box in boxes:
        l, t, r, b, kind = box
        area = max(1, (r - l) * (b - t))
        duplicate = False
        for kl, kt, kr, kb, kk in kept:
            il, it, ir, ib = max(l, kl), max(t, kt), min(r, kr), min(b, kb)
            if ir <= il or ib <= it:
                continue
            overlap = (ir - il) * (ib - it)
            if overlap >= 0.6 * area:
                duplicate = True
                break
        if not duplicate:
            kept.append(box)
    return kept


def read_text(image: Image.Image, regions: list[Region]) -> None:
    """Fill ``region.text`` for text-like regions with tesseract, when it is installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return
    deadline = time.monotonic() + _OCR_DEADLINE_S
    for region in [r for r in regions if r.kind == "text"][:_OCR_MAX_REGIONS]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        pad = 4
        crop = image.crop((max(0, region.left - pad), max(0, region.top - pad), region.right + pad, region.bottom + pad))
        buffer = io.BytesIO()
        crop.save(buffer, format="PNG")
        try:
            result = subprocess.run(
                [binary, "stdin", "stdout", "--psm", "7"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=min(_OCR_TIMEOUT_S, remaining),
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError):
            continue
        if result.returncode == 0:
            region.text = " ".join(clean_text(result.stdout.decode("utf-8", "replace")).split())


def fallback_elements(
    elements: list[Element],
    screenshot: bytes,
    width: int,
    height: int,
    *,
    exclude: Sequence[tuple[int, int, int, int]] = (),
) -> list[Element]:
    """``elements`` plus vision elements for opaque WebView/canvas nodes, or for the whole screen
    when no window but the system bars has an element (``exclude``: the bars' boxes)."""
    surfaces = [e for e in elements if e.role in ("webview", "canvas")]
    content = [e for e in elements if e.window != "bar"]
    if content and not surfaces:
        return elements
    image = load_image(screenshot)
    if width <= 0 or height <= 0:
        width, height = image.width, image.height
    sx, sy = image.width / width, image.height / height
    grid = Grid(width, height)
    targets: list[tuple[Element | None, tuple[int, int, int, int]]]
    if not content:
        targets = [(None, (0, 0, width, height))]
    else:
        targets = [(s, s.bounds.as_tuple()) for s in surfaces]
    out = list(elements)
    ocr = ocr_available()
    for parent, (l, t, r, b) in targets:
        area = (int(l * sx), int(t * sy), int(r * sx), int(b * sy))
        regions = propose_regions(image, area)
        if ocr:
            read_text(image, regions)
        for region in regions:
            bl, bt, br, bb = (int(region.left / sx), int(region.top / sy), int(region.right / sx), int(region.bottom / sy))
            if br <= bl or bb <= bt:
                continue
            center = ((bl + br) // 2, (bt + bb) // 2)
            if any(el <= center[0] < er and et <= center[1] < eb for el, et, er, eb in exclude):
                continue
            cell = grid.name(*center)
            role = "text" if region.kind == "text" and region.text else "region"
            label = region.text or f"{'text-like' if region.kind == 'text' else 'shape'} at {cell}"
            digest = hashlib.blake2b(f"{cell}|{bl // 24},{bt // 24}|{region.text}".encode(), digest_size=6).hexdigest()
            out.append(
                fast_model(
                    Element,
                    dict(
                    index=len(out),
                    identity=f"vision:{digest}",
                    role=role,
                    text=region.text,
                    description="",
                    hint="",
                    resource_id="",
                    class_name="",
                    package=parent.package if parent is not None else "",
                    clickable=True,
                    long_clickable=False,
                    checkable=False,
                    checked=False,
                    editable=False,
                    scrollable=False,
                    focused=False,
                    selected=False,
                    enabled=True,
                    password=False,
                    bounds=Bounds.of(bl, bt, br, bb),
                    visible_center=center,
                    label=label,
                    extra_text="",
                    container_index=parent.index if parent is not None else None,
                    window=parent.window if parent is not None else "vision",
                    source="vision",
                    flagged=looks_like_instruction(region.text),
                    ),
                )
            )
    return _reindex_under_parents(out)


def _reindex_under_parents(elements: list[Element]) -> list[Element]:
    """Place vision children right after their surface so indexes stay in rendering order."""
    children: dict[int, list[Element]] = {}
    roots = []
    for e in elements:
        if e.source == "vision" and e.container_index is not None:
            children.setdefault(e.container_index, []).append(e)
        else:
            roots.append(e)
    if not children:
        return elements
    ordered: list[Element] = []
    for e in roots:
        ordered.append(e)
        ordered.extend(children.get(e.index, ()))
    new_index = {id(e): i for i, e in enumerate(ordered)}
    old_to_new = {e.index: new_index[id(e)] for e in ordered if e.source == "tree"}
    result = []
    for i, e in enumerate(ordered):
        container = e.container_index
        result.append(
            e.model_copy(update={"index": i, "container_index": old_to_new.get(container, container) if container is not None else None})
        )
    return result
