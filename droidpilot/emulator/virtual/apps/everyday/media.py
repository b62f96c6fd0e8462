"""Pictures on the device: where they live, how a new one is painted, and a thumbnail cache.

Photos are real JPEG files (Pillow) under ``/sdcard/DCIM/Camera/IMG_YYYYMMDD_HHMMSS.jpg``, so
``adb pull`` gets an image any viewer opens. Gallery shows every picture in ``PHOTO_DIRS``.
"""

from __future__ import annotations

import io
import random
import time

from PIL import Image, ImageDraw

CAMERA_DIR = "/sdcard/DCIM/Camera"
PHOTO_DIRS = ("/sdcard/DCIM/Camera", "/sdcard/Pictures", "/sdcard/Download")
IMAGE_EXT = (".jpg", ".jpeg", ".png")


def paint_scene(seed: int, size: tuple[int, int] = (1200, 900), caption: str = "") -> Image.Image:
    """A plausible outdoor photo: sky gradient, sun, layered hills, a caption; same seed, same image."""
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)
    top = (rnd.randint(40, 120), rnd.randint(110, 180), rnd.randint(200, 255))
    bottom = (rnd.randint(200, 255), rnd.randint(170, 230), rnd.randint(140, 210))
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    sx, sy, sr = rnd.randint(w // 6, w * 5 // 6), rnd.randint(h // 8, h // 3), rnd.randint(40, 90)
    d.ellipse([sx - sr, sy - sr, sx + sr, sy + sr], fill=(255, 236, 160))
    for layer in range(3):
        base = h * (0.55 + 0.15 * layer)
        colour = (rnd.randint(20, 80), rnd.randint(90, 160) - layer * 20, rnd.randint(30, 90))
        pts = [(0, h)]
        for x in range(0, w + 100, 100):
            pts.append((x, base + rnd.randint(-60, 60)))
        pts.append((w, h))
        d.polygon(pts, fill=colour)
    if caption:
        d.rectangle([0, h - 48, w, h], fill=(0, 0, 0))
        d.text((16, h - 36), caption, fill=(255, 255, 255))
    return img


def jpeg_bytes(img: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def new_photo_path(fs, when_s: float) -> str:
    stamp = time.strftime("%Y%m%d_%H%M%S", time.localtime(when_s))
    path = f"{CAMERA_DIR}/IMG_{stamp}.jpg"
    n = 1
    while fs.exists(path) and n < 1000:
        path = f"{CAMERA_DIR}/IMG_{stamp}_{n}.jpg"
        n += 1
    return path


def take_photo(system, seed: int | None = None) -> str:
    """Write a new photo as the camera would; returns its path."""
    fs = system.fs
    if not fs.exists(CAMERA_DIR):
        fs.mkdir(CAMERA_DIR, parents=True)
    now = system.now()
    path = new_photo_path(fs, now)
    caption = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now))
    img = paint_scene(seed if seed is not None else system.random.randint(0, 2**31), caption=caption)
    fs.write(path, jpeg_bytes(img))
    return path


def list_photos(fs) -> list[str]:
    """Every picture in the photo folders, newest first (by name then mtime)."""
    out: list[tuple[float, str]] = []
    for directory in PHOTO_DIRS:
        if not fs.is_dir(directory):
            continue
        for name in fs.listdir(directory):
            path = f"{directory}/{name}"
            if name.lower().endswith(IMAGE_EXT) and fs.is_file(path):
                st = fs.stat(path)
                out.append((st.mtime if st else 0.0, path))
    out.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [p for _, p in out]


class Thumbnails:
    """Decoded, shrunk pictures keyed by (file system, path, mtime, size, edge): decoding a JPEG
    per frame is slow, and one process may run several devices."""

    def __init__(self, limit: int = 64) -> None:
        self.limit = limit
        self._cache: dict[tuple, Image.Image] = {}

    def get(self, fs, path: str, edge: int = 256) -> Image.Image | None:
        st = fs.stat(path)
        if st is None:
            return None
        key = (id(fs), path, st.mtime, st.size, edge)
        img = self._cache.get(key)
        if img is None:
            try:
                img = Image.open(io.BytesIO(fs.read(path)))
                img.thumbnail((edge, edge))
                img = img.convert("RGB")
            except (OSError, ValueError):
                return None
            if len(self._cache) >= self.limit:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = img
        return img
