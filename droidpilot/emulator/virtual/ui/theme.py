"""Colour palettes for the painter (light and dark), in the spirit of Material 3 defaults.

Views name colours by role ("primary", "surface", "on_surface_variant", ...) or give a literal
"#RRGGBB"; the painter resolves roles against the active theme so one tree paints in both modes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

Color = tuple[int, int, int]


def hex_color(value: str) -> Color:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) == 8:  # #AARRGGBB: alpha is ignored, the painter is opaque
        value = value[2:]
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


@dataclass(frozen=True)
class Theme:
    name: str
    colors: dict[str, Color] = field(hash=False)

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def color(self, value: "str | Color | None", default: str = "on_surface") -> Color:
        """Resolve a role name, "#hex" string or RGB tuple to RGB."""
        if value is None:
            value = default
        if isinstance(value, tuple):
            return value[:3]  # type: ignore[return-value]
        if value.startswith("#"):
            return _hex_cached(value)
        try:
            return self.colors[value]
        except KeyError:
            return self.colors[default]


@lru_cache(maxsize=256)
def _hex_cached(value: str) -> Color:
    return hex_color(value)


_LIGHT = {
    "background": (0xFE, 0xF7, 0xFF),
    "surface": (0xFE, 0xF7, 0xFF),
    "surface_variant": (0xE7, 0xE0, 0xEC),
    "surface_container": (0xF3, 0xED, 0xF7),
    "on_surface": (0x1D, 0x1B, 0x20),
    "on_surface_variant": (0x49, 0x45, 0x4F),
    "primary": (0x67, 0x50, 0xA4),
    "on_primary": (0xFF, 0xFF, 0xFF),
    "primary_container": (0xEA, 0xDD, 0xFF),
    "on_primary_container": (0x21, 0x00, 0x5D),
    "secondary_container": (0xE8, 0xDE, 0xF8),
    "outline": (0x79, 0x74, 0x7E),
    "outline_variant": (0xCA, 0xC4, 0xD0),
    "error": (0xB3, 0x26, 0x1E),
    "disabled": (0xA8, 0xA4, 0xAD),
    "scrim": (0, 0, 0),
    "status_bar": (0xF3, 0xED, 0xF7),
    "nav_bar": (0xF3, 0xED, 0xF7),
    "keyboard": (0xE8, 0xEA, 0xED),
    "key": (0xFF, 0xFF, 0xFF),
    "key_special": (0xCB, 0xD0, 0xD6),
    "toast": (0x32, 0x32, 0x32),
    "on_toast": (0xFF, 0xFF, 0xFF),
    "switch_off_track": (0xE7, 0xE0, 0xEC),
    "white": (0xFF, 0xFF, 0xFF),
    "black": (0, 0, 0),
}

_DARK = dict(_LIGHT)
_DARK.update(
    {
        "background": (0x14, 0x12, 0x18),
        "surface": (0x14, 0x12, 0x18),
        "surface_variant": (0x49, 0x45, 0x4F),
        "surface_container": (0x21, 0x1F, 0x26),
        "on_surface": (0xE6, 0xE0, 0xE9),
        "on_surface_variant": (0xCA, 0xC4, 0xD0),
        "primary": (0xD0, 0xBC, 0xFF),
        "on_primary": (0x38, 0x1E, 0x72),
        "primary_container": (0x4F, 0x37, 0x8B),
        "on_primary_container": (0xEA, 0xDD, 0xFF),
        "secondary_container": (0x4A, 0x44, 0x58),
        "outline": (0x93, 0x8F, 0x99),
        "outline_variant": (0x49, 0x45, 0x4F),
        "error": (0xF2, 0xB8, 0xB5),
        "disabled": (0x5F, 0x5B, 0x63),
        "status_bar": (0x21, 0x1F, 0x26),
        "nav_bar": (0x21, 0x1F, 0x26),
        "keyboard": (0x20, 0x21, 0x24),
        "key": (0x3C, 0x40, 0x43),
        "key_special": (0x2D, 0x2F, 0x32),
        "toast": (0xE6, 0xE0, 0xE9),
        "on_toast": (0x1D, 0x1B, 0x20),
        "switch_off_track": (0x36, 0x34, 0x3B),
    }
)

LIGHT = Theme("light", _LIGHT)
DARK = Theme("dark", _DARK)


def get_theme(theme: "str | Theme | None") -> Theme:
    """``"light"``/``"dark"``/a Theme → Theme (unknown names fall back to light)."""
    if isinstance(theme, Theme):
        return theme
    return DARK if theme == "dark" else LIGHT
