"""The agent loop: observe → decide → guard → act → check → record, until the goal is reached,
proven infeasible, or a budget runs out.

``Agent.steps(goal)`` is a generator of typed ``Step`` records (the CLI, the Python API and the
recorder consume the same stream); ``Agent.run(goal)`` drives it to the end and returns the
``RunResult``.

Error policy, stated plainly: errors the model caused (a reply with no valid action, an index
that is not on screen, an action the safety policy refused, an action with no visible effect)
are recorded on the step and fed back to the model, and the loop goes on. Errors of the
infrastructure (the device went away, the model endpoint failed after its bounded retries) end
the run with status ``error``, a clear reason and the trajectory saved so far.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .actions.actuator import ActionResult, Actuator
from .actions.models import ActionBase, Answer, DoubleTap, Finish, LongPress, PressKey, Tap, TypeText
from .actions.policy import ConfirmationPolicy
from .errors import DeviceError, ElementNotFound, PerceptionError, ModelError, PlannerError, PlanParseError
from .perception import ScreenState, perceive
from .planner.base import Decision, HistoryEntry, Planner
from .planner.usage import Usage
from .steps import RunResult, RunStatus, Step, Timings, utcnow
from .trajectory.recorder import Recorder

ConfirmCallback = Callable[..., Any]
StepCallback = Callable[[Step], None]


class AgentConfig(BaseModel):
    """Budgets and behaviour of one run. Everything has a default that suits unattended runs."""

    model_config = ConfigDict(frozen=True)

    max_steps: int = Field(30, ge=1, description="steps before the run stops as budget_exhausted")
    timeout_s: float = Field(900.0, gt=0, description="wall-clock budget for the whole run")
    max_cost_usd: float | None = Field(None, ge=0, description="stop once the model cost passes this")
    max_tokens: int | None = Field(None, ge=1, description="stop once this many tokens were used")
    confirm: Literal["deny", "allow", "ask"] = Field("deny", description="what happens to risky actions")
    record_dir: Path | None = Field(Path("runs"), description="where run directories go; None records nothing")
    record_screenshots: bool = Field(True, description="save the screenshot and marked screenshot of each step")
    stable_timeout_s: float = Field(4.0, gt=0, description="how long to wait for the screen to settle")
    stable_interval_s: float = Field(0.25, gt=0)
    repeat_limit: int = Field(3, ge=2, description="same action on the same screen this often → replan, then abort")
    max_rejections: int = Field(3, ge=1, description="consecutive unusable model replies before the run fails")
    anr_waits: int = Field(2, ge=0, description="times to answer 'Wait' on an ANR dialog without asking the model")
    allow_root: bool = Field(False, description="let the actuator use su where an action needs it")


class Agent:
    """``Agent(device, planner=None, config=None)``; without a planner, builds the configured R1 planner."""

    def __init__(
        self,
        device: Any,
        planner: Planner | None = None,
        config: AgentConfig | None = None,
        *,
        confirm: ConfirmCallback | None = None,
        on_step: StepCallback | None = None,
        policy: ConfirmationPolicy | None = None,
    ) -> None:
        if planner is None:
            from .planner.factory import build_planner

            planner = build_planner()
        self.device = device
        self.planner = planner
        self.config = config or AgentConfig()
        self.on_step = on_step
        self.policy = policy or ConfirmationPolicy(mode=self.config.confirm, ask=confirm)
        self.result: RunResult | None = None
        self.recorder: Recorder | None = None

    # -- public ------------------------------------------------------------------------------------
    def run(self, goal: str) -> RunResult:
        deque(self.steps(goal), maxlen=0)  # drive the generator to the end
        assert self.result is not None
        return self.result

    def steps(self, goal: str) -> Iterator[Step]:
        """Run the loop, yielding each step as soon as it is done and recorded."""
        run = _Run(self, goal)
        try:
            yield from run.loop()
        except KeyboardInterrupt:
            run.end("interrupted", "interrupted by the user; the steps so far are saved")
            raise
        except GeneratorExit:
            run.end("interrupted", "the caller stopped the run; the steps so far are saved")
            raise
        finally:
            if self.result is None:
                run.end("error", "the run stopped unexpectedly; the steps so far are saved")


class _Run:
    """The state of one run (kept off the Agent so an Agent can run several goals)."""

    def __init__(self, agent: Agent, goal: str) -> None:
        self.agent = agent
        self.cfg = agent.config
        self.goal = goal
        self.started = time.monotonic()
        self.started_at = utcnow()
        self.deadline = self.started + self.cfg.timeout_s
        self.history: list[HistoryEntry] = []
        self.notes: list[str] = []
        self.usage = Usage()
        self.model_calls = 0
        self.step_index = 0
        self.recent: list[tuple[str, str]] = []  # (screen fingerprint, action) of the last steps
        self.warned: set[tuple[str, str]] = set()  # repeats the model was already told to stop
        self.rejections = 0
        self.anr_waits = 0
        self.answer: str | None = None
        self.claimed_complete = False
        self.actuator = Actuator(agent.device, agent.policy, goal=goal, allow_root=self.cfg.allow_root)
        agent.planner.reset()
        agent.result = None
        self.recorder: Recorder | None = None
        if self.cfg.record_dir is not None:
            meta = {
                "device": getattr(agent.device, "serial", ""),
                "planner": getattr(agent.planner, "name", type(agent.planner).__name__),
                "config": self.cfg.model_dump(mode="json"),
            }
            self.recorder = Recorder(self.cfg.record_dir, goal, meta=meta)
        agent.recorder = self.recorder

    # -- the loop ------------------------------------------------------------------------------------
    def loop(self) -> Iterator[Step]:
        try:
            state, obs_ms, perceive_ms, png = self.observe(None)
        except DeviceError as exc:
            self.end("error", f"could not read the screen: {exc}")
            return
        while True:
            stop = self.budget_exhausted()
            if stop:
                self.end("budget_exhausted", stop)
                return
            step, final = self.one_step(state, obs_ms, perceive_ms, png)
            try:
                if final is None:
                    next_state, obs_ms, perceive_ms, png = self.observe(state)
                    step.changed = next_state.change.summary() if next_state.change is not None else ""
                    self.history[-1] = self.history[-1].model_copy(update={"changed": step.changed})
                    state = next_state
            except DeviceError as exc:
                self.emit(step)
                yield step
                self.end("error", f"the device failed after step {step.index}: {exc}")
                return
            self.emit(step)
            yield step
            if final is not None:
                self.end(*final)
                return

    def observe(self, previous: ScreenState | None) -> tuple[ScreenState, float, float, bytes | None]:
        device = self.agent.device
        t0 = time.perf_counter()
        obs = device.wait_stable(timeout=self.cfg.stable_timeout_s, interval=self.cfg.stable_interval_s)
        png = obs.screenshot() if self.cfg.record_screenshots and self.recorder is not None else None
        t1 = time.perf_counter()
        state = perceive(
            obs.hierarchy,
            png,
            previous,
            package=obs.package,
            activity=obs.activity,
            screen_size=(obs.width, obs.height),
            keyboard_shown=obs.keyboard_shown,
        )
        t2 = time.perf_counter()
        return state, (t1 - t0) * 1000, (t2 - t1) * 1000, png

    def one_step(self, state: ScreenState, obs_ms: float, perceive_ms: float, png: bytes | None):
        """Decide and act once. Returns (step, final) where final is (status, reason) to stop."""
        index = self.step_index
        self.step_index += 1
        t_start = time.perf_counter()
        step = Step(index=index, package=state.package, activity=state.activity, fingerprint=state.fingerprint, screen=state.render())
        timings = Timings(observe_ms=obs_ms, perceive_ms=perceive_ms)
        if png is not None and self.recorder is not None:
            try:
                marked: bytes | None = state.marked_screenshot(png)
            except (PerceptionError, OSError, ValueError):  # a marking failure must not lose the step
                marked = None
            step.screenshot, step.marked_screenshot = self.recorder.screenshot(index, png, marked)

        # 1. decide: known blockers first (no model call), then the planner.
        decision: Decision | None = self.rule_decision(state)
        t_decide = time.perf_counter()
        if decision is None:
            try:
                decision = self.agent.planner.decide(self.goal, state, self.history, self.notes, deadline=self.deadline)
                self.rejections = 0
            except PlanParseError as exc:
                usage = getattr(exc, "usage", None) or Usage()
                self.usage = self.usage + usage
                self.model_calls += getattr(exc, "attempts", 0) or 1
                self.rejections += 1
                step.kind = "rejected"
                step.ok = False
                step.error_type = type(exc).__name__
                step.error = str(exc)
                step.usage = usage
                timings.decide_ms = (time.perf_counter() - t_decide) * 1000
                step.timings = self._finish_timings(timings, t_start)
                self.history.append(HistoryEntry(step=index, action=None, ok=False, error=str(exc)))
                final = None
                if self.rejections >= self.cfg.max_rejections:
                    final = ("failed", f"the model gave no usable action {self.rejections} times in a row: {exc}")
                return step, final
            except ModelError as exc:
                usage = getattr(exc, "usage", None)
                if usage is not None:  # replies already paid for in this step still count
                    self.usage = self.usage + usage
                    self.model_calls += usage.calls
                    step.usage = usage
                step.kind = "error"
                step.ok = False
                step.error_type = type(exc).__name__
                step.error = str(exc)
                step.timings = self._finish_timings(timings, t_decide)
                return step, ("error", f"the model endpoint failed: {exc}")
            except PlannerError as exc:
                step.kind = "error"
                step.ok = False
                step.error_type = type(exc).__name__
                step.error = str(exc)
                return step, ("error", str(exc))
        timings.decide_ms = (time.perf_counter() - t_decide) * 1000
        timings.model_ms = decision.latency_s * 1000
        self.usage = self.usage + decision.usage
        self.model_calls += decision.usage.calls if decision.source not in ("rule", "skill", "replay") else 0
        if decision.notes:
            self.notes = list(decision.notes)
        action = decision.action
        step.source = decision.source
        step.thought = decision.thought
        step.reasoning = decision.reasoning
        step.plan = [p.model_dump() for p in decision.plan]
        step.action = action
        step.action_text = self.describe(action, state)
        step.usage = decision.usage
        step.model = decision.model
        step.attempts = decision.attempts
        if decision.source == "rule":
            step.kind = "rule"

        # 2. terminal actions.
        if isinstance(action, Finish):
            step.kind = "final"
            step.result = action.reason or action.status
            step.timings = self._finish_timings(timings, t_start)
            self.history.append(HistoryEntry(step=index, action=action, thought=decision.thought))
            if action.status == "complete":
                self.claimed_complete = True
                return step, ("complete", action.reason or "the model reported the goal complete")
            return step, ("infeasible", action.reason or "the model reported the goal infeasible")
        if isinstance(action, Answer):
            self.answer = action.text
            self.claimed_complete = True
            step.kind = "final"
            step.result = action.text
            step.timings = self._finish_timings(timings, t_start)
            self.history.append(HistoryEntry(step=index, action=action, thought=decision.thought))
            return step, ("complete", "answered the question")

        # 3. loop detection: the same action on the same screen.
        # Counted over the recent steps only: reopening an app from the home screen much later is
        # progress, the same tap on the same screen again and again (or ping-pong) is not.
        key = (state.fingerprint, action.model_dump_json())
        self.recent.append(key)
        del self.recent[: -2 * self.cfg.repeat_limit]
        count = self.recent.count(key)
        if key in self.warned and count > self.cfg.repeat_limit:
            step.kind = "blocked"
            step.ok = False
            step.error = f"repeated {step.action_text} on the same screen after being told to change course"
            step.timings = self._finish_timings(timings, t_start)
            return step, ("failed", f"stuck in a loop: {step.action_text} on the same screen again after a warning")
        if count == self.cfg.repeat_limit:
            self.warned.add(key)
            step.kind = "blocked"
            step.ok = False
            step.error_type = "LoopDetected"
            step.error = (
                f"you chose {step.action_text} on this same screen {self.cfg.repeat_limit} times and it changed "
                "nothing; do something different, or finish as infeasible"
            )
            step.timings = self._finish_timings(timings, t_start)
            self.history.append(HistoryEntry(step=index, action=action, thought=decision.thought, ok=False, error=step.error))
            return step, None

        # 4. guard + act (the actuator validates and asks the policy).
        self.hide_keyboard_if_covering(action, state)
        target = _element_or_none(state, getattr(action, "index", None))
        if isinstance(action, TypeText) and target is not None and target.password and self.recorder is not None:
            self.recorder.add_secret(action.text)
        t_act = time.perf_counter()
        try:
            result = self.actuator.execute(action, state)
        except DeviceError:
            raise
        timings.act_ms = (time.perf_counter() - t_act) * 1000
        self._apply_result(step, result)
        step.timings = self._finish_timings(timings, t_start)
        self.history.append(
            HistoryEntry(step=index, action=action, thought=decision.thought, ok=result.ok, error=result.error or "")
        )
        return step, None

    # -- pieces --------------------------------------------------------------------------------------
    def rule_decision(self, state: ScreenState) -> Decision | None:
        """Known blockers answered without a model call: an ANR dialog gets 'Wait' (bounded)."""
        for dialog in state.dialogs:
            if dialog.kind == "anr" and self.anr_waits < self.cfg.anr_waits:
                for idx, label in zip(dialog.buttons, dialog.button_labels):
                    if label.strip().lower() == "wait":
                        self.anr_waits += 1
                        return Decision(
                            action=Tap(index=idx),
                            thought=f"an 'isn't responding' dialog is up; answering Wait ({self.anr_waits}/{self.cfg.anr_waits})",
                            source="rule",
                        )
        return None

    def hide_keyboard_if_covering(self, action: ActionBase, state: ScreenState) -> None:
        """A tap on an element the keyboard hides: close the keyboard first (BACK)."""
        if not state.keyboard_shown or state.keyboard_bounds is None:
            return
        if not isinstance(action, (Tap, LongPress, DoubleTap)) or action.index is None:
            return
        element = _element_or_none(state, action.index)
        if element is None or element.window == "ime":
            return
        kb = state.keyboard_bounds
        x, y = element.visible_center
        if kb.contains(x, y):
            self.agent.device.press_key(4)

    @staticmethod
    def describe(action: ActionBase, state: ScreenState) -> str:
        text = action.describe() if hasattr(action, "describe") else action.kind
        element = _element_or_none(state, getattr(action, "index", None))
        if element is not None and element.label:
            text += f' ("{element.label[:40]}")'
        target = _element_or_none(state, getattr(action, "index", None))
        if isinstance(action, TypeText) and target is not None and target.password:
            text = f"type {len(action.text)} secret characters into element {action.index}"
        return text

    @staticmethod
    def _apply_result(step: Step, result: ActionResult) -> None:
        step.ok = result.ok
        step.result = result.summary()
        step.sent = result.sent
        step.error_type = result.error_type
        step.error = result.error or ""
        if result.policy is not None:
            step.policy = result.policy.model_dump(mode="json")
        if not result.ok and result.error_type == "UnsafeActionDenied":
            step.kind = "blocked"

    @staticmethod
    def _finish_timings(timings: Timings, t_start: float) -> Timings:
        return timings.model_copy(update={"total_ms": (time.perf_counter() - t_start) * 1000 + timings.observe_ms})

    def budget_exhausted(self) -> str | None:
        if self.step_index >= self.cfg.max_steps:
            return f"reached the step budget ({self.cfg.max_steps} steps)"
        if time.monotonic() >= self.deadline:
            return f"reached the time budget ({self.cfg.timeout_s:g} s)"
        if self.cfg.max_cost_usd is not None and (self.usage.cost_usd or 0.0) >= self.cfg.max_cost_usd:
            return f"reached the cost budget (${self.cfg.max_cost_usd:g})"
        if self.cfg.max_tokens is not None and self.usage.total_tokens >= self.cfg.max_tokens:
            return f"reached the token budget ({self.cfg.max_tokens} tokens)"
        return None

    def emit(self, step: Step) -> None:
        if self.recorder is not None:
            self.recorder.step(step)
        if self.agent.on_step is not None:
            self.agent.on_step(step)

    def end(self, status: RunStatus, reason: str) -> None:
        if self.agent.result is not None:
            return
        result = RunResult(
            goal=self.goal,
            status=status,
            reason=reason,
            answer=self.answer,
            claimed_complete=self.claimed_complete,
            steps=self.step_index,
            model_calls=self.model_calls,
            usage=self.usage,
            cost_usd=self.usage.cost_usd,
            wall_time_s=time.monotonic() - self.started,
            trajectory_path=str(self.recorder.path) if self.recorder is not None else None,
            started=self.started_at,
            finished=utcnow(),
        )
        self.agent.result = result
        if self.recorder is not None:
            self.recorder.finish(result)


def _element_or_none(state: ScreenState, index: int | None):
    """The element at ``index``, or None (a bad index is the actuator's to report)."""
    if index is None:
        return None
    try:
        return state.element(index)
    except ElementNotFound:
        return None


__all__ = ["Agent", "AgentConfig", "RunResult", "Step"]
