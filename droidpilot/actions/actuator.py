"""The actuator: carries out one validated, policy-cleared action on a ``Device``.

One handler per action kind. Elements resolve to the centre of their visible part (the part
the keyboard and overlays leave uncovered, as perception computes it). Text goes through the
safest route the device offers (``textinput.plan_text_input``): never a host shell, never a
string-built device command. Every result says what was sent and how long it took; errors the
model caused (a wrong index, a denied action) come back in the result for the planner to read,
while device failures propagate as ``DeviceError`` and end the run.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..errors import ActionError, DeviceError, InvalidAction
from .apps import InstalledApp, resolve_app
from .intent_builders import launch_app, view_url
from .keys import keycode
from .models import (
    Action,
    ActionBase,
    Answer,
    DoubleTap,
    Finish,
    LongPress,
    OpenApp,
    OpenUrl,
    PressKey,
    Scroll,
    StartIntent,
    Swipe,
    Tap,
    TypeText,
    Wait,
)
from .policy import ConfirmationPolicy, PolicyDecision
from .textinput import ADB_KEYBOARD_IMES, TextInputCapabilities, plan_text_input
from .validation import validate

KEYCODE_PASTE = 279
SCROLL_SETTLE_S = 0.15


class ActionResult(BaseModel):
    """What executing one action did."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    action: Action
    ok: bool
    sent: list[str] = Field(default_factory=list, description="the device calls made, in order")
    duration_ms: float = 0.0
    detail: str = ""
    error_type: str | None = None
    error: str | None = None
    route: str | None = Field(None, description="text-input route taken, for type_text")
    policy: PolicyDecision | None = None
    _exception: BaseException | None = PrivateAttr(default=None)

    @property
    def exception(self) -> BaseException | None:
        return self._exception

    def summary(self) -> str:
        if self.ok:
            return f"ok: {self.detail}" if self.detail else "ok"
        return f"failed ({self.error_type}): {self.error}"


class Actuator:
    """Executes actions on ``device`` under ``policy`` (default: deny risky actions)."""

    def __init__(
        self,
        device: Any,
        policy: ConfirmationPolicy | None = None,
        *,
        goal: str = "",
        allow_root: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.device = device
        self.policy = policy if policy is not None else ConfirmationPolicy(mode="deny")
        self.goal = goal
        self.allow_root = allow_root
        self._sleep = sleep
        self._apps: list[InstalledApp] | None = None
        self._caps: TextInputCapabilities | None = None
        self._sent: list[str] = []

    # -- entry point ---------------------------------------------------------------------------------
    def execute(self, action: ActionBase, state: Any) -> ActionResult:
        """Validate against ``state``, ask the policy, run the handler; time it all."""
        started = time.perf_counter()
        self._sent = []
        decision: PolicyDecision | None = None
        try:
            action = validate(action, state)
            decision = self.policy.guard(action, state, self.goal)
            detail, route = self._dispatch(action, state)
            return ActionResult(
                action=action,
                ok=True,
                sent=list(self._sent),
                duration_ms=(time.perf_counter() - started) * 1000,
                detail=detail,
                route=route,
                policy=decision,
            )
        except ActionError as exc:
            decision = decision or self._last_decision()
            result = ActionResult(
                action=action,
                ok=False,
                sent=list(self._sent),
                duration_ms=(time.perf_counter() - started) * 1000,
                error_type=type(exc).__name__,
                error=str(exc),
                policy=decision,
            )
            result._exception = exc
            return result

    def _last_decision(self) -> PolicyDecision | None:
        decisions = getattr(self.policy, "decisions", None)
        return decisions[-1] if decisions else None

    def _dispatch(self, action: ActionBase, state: Any) -> tuple[str, str | None]:
        handler = _HANDLERS.get(type(action))
        if handler is None:
            raise InvalidAction(f"no handler for action kind {action.kind!r}")
        return handler(self, action, state)

    # -- helpers -------------------------------------------------------------------------------------
    def _note(self, text: str) -> None:
        self._sent.append(text)

    def _point(self, action: Any, state: Any) -> tuple[int, int]:
        if action.index is not None:
            element = state.element(action.index)
            x, y = element.visible_center
            return int(x), int(y)
        return int(action.x), int(action.y)

    def _shell(self, argv: Sequence[str]) -> str:
        self._note(" ".join(argv))
        result = self.device.shell(list(argv))
        return result.output

    def installed_apps(self, refresh: bool = False) -> list[InstalledApp]:
        if self._apps is None or refresh:
            self._apps = [
                InstalledApp(package=a.package, label=a.label, activity=a.activity) for a in self.device.launchable_apps()
            ]
        return self._apps

    def text_capabilities(self) -> TextInputCapabilities:
        """What the device offers for text: uiautomator2, else a broadcast keyboard (checked once)."""
        if self._caps is None:
            if getattr(self.device, "u2", None) is not None:
                self._caps = TextInputCapabilities(uiautomator=True)
            else:
                self._caps = self._broadcast_keyboard()
        return self._caps

    def _broadcast_keyboard(self) -> TextInputCapabilities:
        listed = self.device.shell(["ime", "list", "-s", "-a"]).output.split()
        current = self.device.shell(["settings", "get", "secure", "default_input_method"]).output.strip()
        for kind, (ime_id, *_rest) in ADB_KEYBOARD_IMES.items():
            if ime_id in listed:
                return TextInputCapabilities(ime=kind, ime_selected=current == ime_id)
        return TextInputCapabilities()

    # -- handlers ------------------------------------------------------------------------------------
    def _tap(self, action: Tap, state: Any) -> tuple[str, None]:
        x, y = self._point(action, state)
        self._note(f"tap {x} {y}")
        self.device.tap(x, y)
        return f"tapped ({x}, {y})", None

    def _long_press(self, action: LongPress, state: Any) -> tuple[str, None]:
        x, y = self._point(action, state)
        self._note(f"long_press {x} {y} {action.duration_ms}ms")
        self.device.long_press(x, y, action.duration_ms)
        return f"long-pressed ({x}, {y})", None

    def _double_tap(self, action: DoubleTap, state: Any) -> tuple[str, None]:
        x, y = self._point(action, state)
        self._note(f"double_tap {x} {y}")
        self.device.double_tap(x, y)
        return f"double-tapped ({x}, {y})", None

    def _type_text(self, action: TypeText, state: Any) -> tuple[str, str]:
        element = state.element(action.index) if action.index is not None else None
        if element is not None and not element.editable:
            # Validation let this through because another field has focus: type there, and do
            # not tap the named element (that would move the focus away).
            element = None
        existing = None
        if element is not None and element.editable:
            # A field showing only its hint is empty.
            existing = "" if (not element.text or element.text == element.hint) else element.text
        plan = plan_text_input(
            action.text,
            self.text_capabilities(),
            on_element=element is not None,
            clear=action.clear,
            existing_text=existing,
            press_enter=action.press_enter,
        )
        focused = False
        for step in plan.steps:
            if step.op == "focus" or (step.op in ("set_text", "clear") and element is not None and not focused):
                if element is not None and not focused:
                    x, y = element.visible_center
                    self._note(f"tap {int(x)} {int(y)} (focus)")
                    self.device.tap(int(x), int(y))
                    focused = True
                if step.op == "focus":
                    continue
            if step.op == "set_text":
                self._note(f"setText ({len(step.text or '')} chars)")
                if not self.device.set_focused_text(step.text or ""):
                    raise InvalidAction("the field did not accept the text (no focused editable field)")
            elif step.op == "clear":
                self._note("clear text")
                self.device.set_focused_text("")
            elif step.op == "set_clipboard":
                self._note(f"set clipboard ({len(step.text or '')} chars)")
                self.device.set_clipboard(step.text or "")
            elif step.op == "paste":
                self._note("keyevent PASTE")
                self.device.press_key(KEYCODE_PASTE)
            elif step.op == "shell":
                self._shell(step.argv)
        if plan.route == "adb_keyboard" and self._caps is not None:
            self._caps = self._caps.model_copy(update={"ime_selected": True})
        return f"typed {len(action.text)} characters via {plan.route}", plan.route

    def _swipe_points(self, direction: str, bounds: Any | None, state: Any) -> tuple[int, int, int, int]:
        if bounds is None:
            left, top, right, bottom = 0, int(state.height * 0.2), state.width, int(state.height * 0.8)
        else:
            left, top, right, bottom = bounds.left, bounds.top, bounds.right, bounds.bottom
        cx, cy = (left + right) // 2, (top + bottom) // 2
        dx = int((right - left) * 0.35)
        dy = int((bottom - top) * 0.35)
        return {
            "up": (cx, cy + dy, cx, cy - dy),
            "down": (cx, cy - dy, cx, cy + dy),
            "left": (cx + dx, cy, cx - dx, cy),
            "right": (cx - dx, cy, cx + dx, cy),
        }[direction]

    def _swipe(self, action: Swipe, state: Any) -> tuple[str, None]:
        if action.direction is not None:
            bounds = state.element(action.index).bounds if action.index is not None else None
            x1, y1, x2, y2 = self._swipe_points(action.direction, bounds, state)
        else:
            x1, y1, x2, y2 = action.x1, action.y1, action.x2, action.y2  # type: ignore[assignment]
        self._note(f"swipe {x1},{y1} -> {x2},{y2} {action.duration_ms}ms")
        self.device.swipe(x1, y1, x2, y2, action.duration_ms)
        return f"swiped ({x1}, {y1}) → ({x2}, {y2})", None

    def _scroll(self, action: Scroll, state: Any) -> tuple[str, None]:
        if action.index is not None:
            bounds = state.element(action.index).bounds
        else:
            scrollables = [e for e in state.elements if e.scrollable]
            bounds = max(scrollables, key=lambda e: e.bounds.area).bounds if scrollables else None
        # Scrolling down reveals what is below: the finger moves up.
        finger = {"down": "up", "up": "down", "left": "right", "right": "left"}[action.direction]
        x1, y1, x2, y2 = self._swipe_points(finger, bounds, state)
        swipes = action.max_swipes if action.until else 1
        target = html.escape(action.until, quote=True) if action.until else None
        previous = None
        for n in range(swipes):
            if target is not None:
                xml = self.device.observe().hierarchy
                if target in xml or (action.until or "") in xml:
                    return f"'{action.until}' is on screen after {n} swipe(s)", None
                if xml == previous:
                    raise InvalidAction(f"reached the end of the list without finding {action.until!r}")
                previous = xml
            self._note(f"swipe {x1},{y1} -> {x2},{y2} 400ms")
            self.device.swipe(x1, y1, x2, y2, 400)
            self._sleep(SCROLL_SETTLE_S)
        if target is not None:
            xml = self.device.observe().hierarchy
            if target in xml or (action.until or "") in xml:
                return f"'{action.until}' is on screen after {swipes} swipe(s)", None
            raise InvalidAction(f"{action.until!r} did not appear after {swipes} swipes")
        return f"scrolled {action.direction}", None

    def _press_key(self, action: PressKey, state: Any) -> tuple[str, None]:
        code = keycode(action.key)
        self._note(f"keyevent {code}")
        self.device.press_key(code)
        return f"pressed {action.key}", None

    def _open_app(self, action: OpenApp, state: Any) -> tuple[str, None]:
        app = resolve_app(action.app, self.installed_apps())
        spec = launch_app(app.package, app.activity)
        output = self._shell(spec.to_am_argv())
        if "Error" in output or "Exception" in output:
            output = self._shell(["monkey", "-p", app.package, "-c", "android.intent.category.LAUNCHER", "1"])
            if "No activities found" in output:
                raise InvalidAction(f"{app.name()} ({app.package}) has no launcher activity")
        return f"opened {app.name()} ({app.package})", None

    def _open_url(self, action: OpenUrl, state: Any) -> tuple[str, None]:
        spec = view_url(action.url)
        output = self._shell(spec.to_am_argv())
        if "Error" in output:
            raise InvalidAction(f"no app can open {action.url}: {output.strip().splitlines()[-1]}")
        return f"opened {spec.data}", None

    def _start_intent(self, action: StartIntent, state: Any) -> tuple[str, None]:
        argv = action.to_spec().to_am_argv()
        output = self._shell(argv)
        if "Permission Denial" in output and self.allow_root and getattr(self.device, "rooted", False):
            # Non-exported activities start as root only when the user allowed root.
            output = self._shell(["su", "0", *argv])
        if "Error" in output or "Exception" in output:
            last = output.strip().splitlines()[-1] if output.strip() else "no output"
            raise InvalidAction(f"the intent did not start: {last}")
        return "intent started", None

    def _wait(self, action: Wait, state: Any) -> tuple[str, None]:
        if action.settle:
            obs = self.device.wait_stable(timeout=action.seconds)
            return ("the screen settled" if obs.stable else f"the screen kept changing for {action.seconds:g} s"), None
        if action.until:
            deadline = time.monotonic() + action.seconds
            target = html.escape(action.until, quote=True)
            while True:
                xml = self.device.observe().hierarchy
                if target in xml or action.until in xml:
                    return f"'{action.until}' appeared", None
                if time.monotonic() >= deadline:
                    raise InvalidAction(f"{action.until!r} did not appear within {action.seconds:g} s")
                self._sleep(0.25)
        self._sleep(action.seconds)
        return f"waited {action.seconds:g} s", None

    def _answer(self, action: Answer, state: Any) -> tuple[str, None]:
        return "answer recorded", None

    def _finish(self, action: Finish, state: Any) -> tuple[str, None]:
        return f"finish: {action.status}", None


_HANDLERS: dict[type, Callable[[Actuator, Any, Any], tuple[str, str | None]]] = {
    Tap: Actuator._tap,
    LongPress: Actuator._long_press,
    DoubleTap: Actuator._double_tap,
    TypeText: Actuator._type_text,
    Swipe: Actuator._swipe,
    Scroll: Actuator._scroll,
    PressKey: Actuator._press_key,
    OpenApp: Actuator._open_app,
    OpenUrl: Actuator._open_url,
    StartIntent: Actuator._start_intent,
    Wait: Actuator._wait,
    Answer: Actuator._answer,
    Finish: Actuator._finish,
}

__all__ = ["Actuator", "ActionResult", "DeviceError"]
