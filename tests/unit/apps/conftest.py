import pytest

from droidpilot.emulator.virtual.system.core import System


@pytest.fixture
def system(tmp_path) -> System:
    return System(state_dir=tmp_path / "state")
