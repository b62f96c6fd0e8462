"""The activity manager: tasks, back stacks, the foreground activity, process ids.

Behaviour follows Android's defaults closely enough for agents and for the clients'
``dumpsys`` parsers: launching an app that already has a task brings that task to the
front; BACK finishes the top activity (unless it consumes the key); finishing the root of
a task returns to the home screen; ``am force-stop`` removes the package's tasks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .app import Activity, ActivityInfo
from .intents import (
    CATEGORY_HOME,
    CATEGORY_LAUNCHER,
    FLAG_ACTIVITY_CLEAR_TASK,
    FLAG_ACTIVITY_CLEAR_TOP,
    FLAG_ACTIVITY_NEW_TASK,
    Intent,
)

if TYPE_CHECKING:  # pragma: no cover
    from .core import System


class ActivityStartError(Exception):
    """An ``am start`` that Android would refuse; the message is what ``am`` prints."""


@dataclass
class Task:
    task_id: int
    package: str
    stack: list[Activity] = field(default_factory=list)

    @property
    def top(self) -> Activity | None:
        return self.stack[-1] if self.stack else None

    @property
    def root(self) -> Activity | None:
        return self.stack[0] if self.stack else None


@dataclass
class StartResult:
    activity: Activity
    info: ActivityInfo
    brought_to_front: bool
    intent: Intent


class ActivityManager:
    def __init__(self, system: "System") -> None:
        self.system = system
        self.tasks: list[Task] = []  # front task last
        self._task_ids = itertools.count(1)
        self._pids: dict[str, int] = {}
        self._next_pid = itertools.count(2101, 37)

    # -- queries -----------------------------------------------------------------------------
    @property
    def front_task(self) -> Task | None:
        return self.tasks[-1] if self.tasks else None

    def top(self) -> Activity | None:
        task = self.front_task
        return task.top if task else None

    def current(self) -> tuple[str, str] | None:
        """(package, activity short or full name) of the foreground activity."""
        act = self.top()
        if act is None:
            return None
        return act.package, act.info.short_name

    def pid(self, package: str) -> int | None:
        return self._pids.get(package)

    def running_packages(self) -> list[str]:
        return sorted(self._pids)

    def ensure_process(self, package: str) -> int:
        if package not in self._pids:
            self._pids[package] = next(self._next_pid)
        return self._pids[package]

    def tasks_of(self, package: str) -> list[Task]:
        return [t for t in self.tasks if t.package == package]

    # -- starting -----------------------------------------------------------------------------
    def resolve(self, intent: Intent, *, caller_package: str | None = None, uid: int = 2000) -> ActivityInfo:
        candidates = self.system.packages.resolve(intent)
        if not candidates:
            raise ActivityStartError(
                f"Error: Activity not started, unable to resolve {intent.describe()}"
                if intent.component is None
                else f"Error: Activity class {{{intent.component}}} does not exist."
            )
        info = candidates[0]
        if not info.exported and uid not in (0, 1000) and caller_package != info.package:
            raise ActivityStartError(
                f"Security exception: Permission Denial: starting {intent.describe()} from null "
                f"(pid=-1, uid={uid}) not exported from uid {self.system.packages.uid(info.package)}"
            )
        return info

    def start(
        self,
        intent: Intent,
        *,
        caller: Activity | None = None,
        uid: int = 2000,
    ) -> StartResult:
        """Start the activity ``intent`` resolves to, as Android would."""
        with self.system.lock:
            info = self.resolve(intent, caller_package=caller.package if caller else None, uid=uid)
            app = self.system.packages.require(info.package)
            self.system.packages.state[info.package].stopped = False
            self.ensure_process(info.package)
            is_launch = (
                intent.action == "android.intent.action.MAIN"
                and CATEGORY_LAUNCHER in intent.categories
            ) or CATEGORY_HOME in intent.categories
            new_task = caller is None or bool(intent.flags & FLAG_ACTIVITY_NEW_TASK)
            previous = self.top()

            existing = self.tasks_of(info.package) if new_task else []
            if existing and is_launch and not (intent.flags & FLAG_ACTIVITY_CLEAR_TASK):
                # Launching an app that is running brings its task forward unchanged.
                task = existing[-1]
                self._bring_to_front(task)
                self._paused(previous)
                top = task.top
                assert top is not None
                top.on_resume()
                self.system.on_foreground_changed()
                return StartResult(top, top.info, True, intent)

            if new_task:
                task = existing[-1] if existing else None
                if task is not None and intent.flags & FLAG_ACTIVITY_CLEAR_TASK:
                    self.tasks.remove(task)
                    task = None
                if task is None:
                    task = Task(next(self._task_ids), info.package)
                    self.tasks.append(task)
                else:
                    self._bring_to_front(task)
            else:
                task = self.task_of(caller) or self.front_task
                assert task is not None

            if intent.flags & FLAG_ACTIVITY_CLEAR_TOP:
                for i, act in enumerate(task.stack):
                    if act.info.name == info.name:
                        del task.stack[i + 1 :]
                        act.on_new_intent(intent)
                        self._paused(previous)
                        act.on_resume()
                        self.system.on_foreground_changed()
                        return StartResult(act, info, True, intent)

            activity = info.cls(app, info, intent)
            self._paused(previous)
            task.stack.append(activity)
            activity.on_create()
            activity.on_resume()
            self.system.on_foreground_changed()
            return StartResult(activity, info, False, intent)

    def _paused(self, activity: Activity | None) -> None:
        if activity is not None:
            activity.on_pause()

    def _bring_to_front(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        self.tasks.append(task)

    def task_of(self, activity: Activity | None) -> Task | None:
        if activity is None:
            return None
        for task in self.tasks:
            if activity in task.stack:
                return task
        return None

    # -- navigation ---------------------------------------------------------------------------
    def home(self) -> None:
        with self.system.lock:
            home = self._home_task()
            if home is None:
                self.start(self.home_intent())
                return
            if self.front_task is not home:
                self._paused(self.top())
                self._bring_to_front(home)
                if home.top:
                    home.top.on_resume()
                self.system.on_foreground_changed()

    def home_intent(self) -> Intent:
        return Intent(action="android.intent.action.MAIN", categories=[CATEGORY_HOME], flags=FLAG_ACTIVITY_NEW_TASK)

    def _home_task(self) -> Task | None:
        home_pkg = self.system.home_package
        for task in self.tasks:
            if task.package == home_pkg:
                return task
        return None

    def back(self) -> None:
        with self.system.lock:
            act = self.top()
            if act is None:
                return
            if act.on_back():
                self.system.wm.invalidate()
                return
            if act.package == self.system.home_package and len(self.front_task.stack) == 1:
                return  # BACK on the home screen does nothing
            self.finish(act)

    def finish(self, activity: Activity) -> None:
        with self.system.lock:
            task = self.task_of(activity)
            if task is None:
                return
            was_top = task is self.front_task and task.top is activity
            activity.finished = True
            activity.on_pause()
            task.stack.remove(activity)
            if not task.stack:
                self.tasks.remove(task)
                if was_top:
                    self._show_home_if_needed()
            elif was_top and task.top:
                task.top.on_resume()
            self.system.on_foreground_changed()

    def _show_home_if_needed(self) -> None:
        home = self._home_task()
        if home is None:
            self.start(self.home_intent())
        elif self.front_task is not home:
            self._bring_to_front(home)

    def move_task_to_front(self, task_id: int) -> bool:
        with self.system.lock:
            for task in self.tasks:
                if task.task_id == task_id:
                    self._paused(self.top())
                    self._bring_to_front(task)
                    if task.top:
                        task.top.on_resume()
                    self.system.on_foreground_changed()
                    return True
            return False

    def remove_task(self, task_id: int) -> bool:
        with self.system.lock:
            for task in list(self.tasks):
                if task.task_id == task_id:
                    was_front = task is self.front_task
                    self.tasks.remove(task)
                    if was_front:
                        self._show_home_if_needed()
                    self.system.on_foreground_changed()
                    return True
            return False

    def force_stop(self, package: str) -> None:
        with self.system.lock:
            was_front = self.front_task is not None and self.front_task.package == package
            self.tasks = [t for t in self.tasks if t.package != package]
            self._pids.pop(package, None)
            app = self.system.packages.get(package)
            if app is not None:
                self.system.packages.state[package].stopped = True
                app.on_force_stop()
            self.system.notifications.cancel_package(package)
            if was_front or not self.tasks:
                self._show_home_if_needed()
            self.system.on_foreground_changed()

    def recents(self) -> list[Task]:
        """Tasks most recent first, without the home task."""
        return [t for t in reversed(self.tasks) if t.package != self.system.home_package]
