"""A coarse named grid over the screen, so the model can point anywhere ("D7") when no element
covers what it wants (games, canvases, pictures, pixel-only screens).

Portrait screens get 8 columns (A–H) and 12 rows (1–12); landscape swaps to 12 columns (A–L)
and 8 rows, so cells stay roughly square.
"""

from __future__ import annotations

import re

from droidpilot.errors import InvalidAction

__all__ = ["Grid"]

_NAME = re.compile(r"^\s*([A-Za-z])\s*(\d{1,2})\s*$")


class Grid:
    """Cell names ⇄ points for a screen of ``width`` x ``height`` pixels."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, int(width))
        self.height = max(1, int(height))
        portrait = self.width <= self.height
        self.columns = 8 if portrait else 12
        self.rows = 12 if portrait else 8

    @property
    def cell_width(self) -> float:
        return self.width / self.columns

    @property
    def cell_height(self) -> float:
        return self.height / self.rows

    def point(self, name: str) -> tuple[int, int]:
        """Centre of the named cell; InvalidAction (saying the valid names) for anything else."""
        match = _NAME.match(name or "")
        if match is None:
            raise InvalidAction(
                f"{name!r} is not a grid cell; name one by column A–{self.last_column} and row 1–{self.rows}, "
                f"such as {self.example()}"
            )
        column = ord(match.group(1).upper()) - ord("A")
        row = int(match.group(2)) - 1
        if not (0 <= column < self.columns and 0 <= row < self.rows):
            raise InvalidAction(
                f"grid cell {name!r} is outside the screen; columns are A–{self.last_column}, rows 1–{self.rows}"
            )
        return (int((column + 0.5) * self.cell_width), int((row + 0.5) * self.cell_height))

    def name(self, x: float, y: float) -> str:
        """The cell containing the point (points off the screen are clamped to the edge cells)."""
        column = min(self.columns - 1, max(0, int(x / self.cell_width)))
        row = min(self.rows - 1, max(0, int(y / self.cell_height)))
        return f"{chr(ord('A') + column)}{row + 1}"

    def cell_bounds(self, name: str) -> tuple[int, int, int, int]:
        x, y = self.point(name)
        half_w, half_h = self.cell_width / 2, self.cell_height / 2
        return (int(x - half_w), int(y - half_h), int(x + half_w), int(y + half_h))

    @property
    def last_column(self) -> str:
        return chr(ord("A") + self.columns - 1)

    def example(self) -> str:
        return f"{chr(ord('A') + self.columns // 2)}{self.rows // 2 + 1}"

    def names(self) -> list[str]:
        return [f"{chr(ord('A') + c)}{r + 1}" for r in range(self.rows) for c in range(self.columns)]

    def describe(self) -> str:
        return (
            f"grid: columns A–{self.last_column} left→right ({self.cell_width:.0f}px), rows 1–{self.rows} "
            f"top→bottom ({self.cell_height:.0f}px); name any point by its cell, e.g. {self.example()}"
        )
