"""Decoding screenshots (PNG or JPEG bytes) for marks and the pixels-only fallback."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from droidpilot.errors import PerceptionError

__all__ = ["load_image", "image_size", "encode_png"]

Image.MAX_IMAGE_PIXELS = 64_000_000  # a 4K tablet is 8.3 Mpx; refuse decompression bombs early


def load_image(data: bytes) -> Image.Image:
    """Decode to RGB; PerceptionError (with what to do) when the bytes are not an image."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PerceptionError(
            "the screenshot is not a readable PNG or JPEG; take the screenshot again"
        ) from exc
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the header alone (no pixel decoding)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PerceptionError("the screenshot is not a readable PNG or JPEG; take the screenshot again") from exc


def encode_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()
