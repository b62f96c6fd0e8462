"""What one look at the device returns."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, PrivateAttr


class Observation(BaseModel):
    """One round trip's view of the device: the hierarchy now, the screenshot on request.

    ``screenshot()`` fetches the pixels lazily (once) because most text-only planning steps
    never need them.
    """

    model_config = ConfigDict(frozen=True)

    serial: str
    hierarchy: str
    package: str | None = None
    activity: str | None = None
    width: int
    height: int
    rotation: int = 0
    keyboard_shown: bool | None = None  # None: the device did not say (perception may infer it)
    timestamp: float
    stable: bool = True
    note: str = ""

    _fetch: Callable[[], bytes] | None = PrivateAttr(default=None)
    _png: bytes | None = PrivateAttr(default=None)

    def screenshot(self) -> bytes:
        """The screen as PNG bytes (fetched on first call)."""
        if self._png is None:
            if self._fetch is None:
                raise ValueError("this observation carries no screenshot source")
            self._png = self._fetch()
        return self._png

    @property
    def has_screenshot(self) -> bool:
        return self._png is not None

    def with_screenshot_source(self, fetch: Callable[[], bytes]) -> "Observation":
        self._fetch = fetch
        return self

    def with_screenshot(self, png: bytes) -> "Observation":
        self._png = png
        return self
