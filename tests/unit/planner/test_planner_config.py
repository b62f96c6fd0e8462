"""Settings precedence: explicit arguments > environment > config file, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.config import ModelConfig, Price, config_file_path, infer_provider, load_settings
from droidpilot.errors import ConfigError


def _write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".config" / "droidpilot" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_raises_config_error_naming_what_to_set(no_env):
    with pytest.raises(ConfigError) as caught:
        load_settings(env=no_env)
    message = str(caught.value)
    assert "DROIDPILOT_MODEL" in message and "DEEPSEEK_API_KEY" in message and "config.yaml" in message


def test_deepseek_key_alone_picks_deepseek_endpoint_but_model_name_is_required(no_env):
    env = {**no_env, "DEEPSEEK_API_KEY": "sk-ds"}
    with pytest.raises(ConfigError, match="DROIDPILOT_MODEL"):
        load_settings(env=env)
    settings = load_settings(env={**env, "DROIDPILOT_MODEL": "deepseek-reasoner"})
    assert settings.model.provider == "deepseek"
    assert settings.model.base_url == "https://api.deepseek.com"
    assert settings.model.api_key_value() == "sk-ds"


def test_openai_key_alone_picks_openai(no_env):
    settings = load_settings(env={**no_env, "OPENAI_API_KEY": "sk-oa", "DROIDPILOT_MODEL": "gpt-4o"})
    assert settings.model.provider == "openai"
    assert settings.model.base_url == "https://api.openai.com/v1"


def test_hosted_provider_without_key_is_a_config_error(no_env):
    with pytest.raises(ConfigError, match="API key"):
        load_settings(env={**no_env, "DROIDPILOT_MODEL": "deepseek-reasoner", "DROIDPILOT_PROVIDER": "deepseek"})


def test_self_hosted_endpoint_needs_no_key(no_env):
    settings = load_settings(
        env={**no_env, "DROIDPILOT_MODEL": "r1-distill", "DROIDPILOT_BASE_URL": "http://10.0.0.5:8000/v1/"}
    )
    assert settings.model.provider == "generic"
    assert settings.model.base_url == "http://10.0.0.5:8000/v1"
    assert settings.model.api_key is None


def test_base_url_host_decides_the_provider():
    assert infer_provider("https://api.deepseek.com/v1") == "deepseek"
    assert infer_provider("https://openrouter.ai/api/v1") == "openrouter"
    assert infer_provider("http://localhost:11434/v1") == "ollama"
    assert infer_provider("http://gpu-box:8000/v1") is None


def test_explicit_arguments_beat_environment_which_beats_the_file(tmp_path, no_env):
    _write_config(
        tmp_path,
        "model:\n  name: from-file\n  base_url: http://file-host:1/v1\n  provider: vllm\n  timeout_s: 42\n",
    )
    from_file = load_settings(env=no_env)
    assert (from_file.model.name, from_file.model.provider, from_file.model.timeout_s) == ("from-file", "vllm", 42)

    env = {**no_env, "DROIDPILOT_MODEL": "from-env"}
    from_env = load_settings(env=env)
    assert from_env.model.name == "from-env"
    assert from_env.model.base_url == "http://file-host:1/v1"  # the rest still comes from the file

    explicit = load_settings(model="from-arg", base_url="http://arg-host:2/v1", env=env)
    assert explicit.model.name == "from-arg"
    assert explicit.model.base_url == "http://arg-host:2/v1"
    assert explicit.model.provider == "generic"  # a new URL drops the file's provider


def test_config_file_reads_the_key_from_the_named_variable_and_prices(tmp_path, no_env):
    _write_config(
        tmp_path,
        "model:\n  name: deepseek-reasoner\n  provider: deepseek\n  api_key_env: MY_DS_KEY\n"
        "prices:\n  deepseek-reasoner: {prompt: 0.55, completion: 2.19, cached_prompt: 0.14}\n"
        "planner_every: 3\n",
    )
    settings = load_settings(env={**no_env, "MY_DS_KEY": "sk-file"})
    assert settings.model.api_key_value() == "sk-file"
    assert settings.prices["deepseek-reasoner"] == Price(prompt=0.55, completion=2.19, cached_prompt=0.14)
    assert settings.planner_every == 3


def test_droidpilot_config_variable_points_at_the_file_and_must_exist(tmp_path, no_env):
    other = tmp_path / "elsewhere.yaml"
    other.write_text("model: my-model\n", encoding="utf-8")
    env = {**no_env, "DROIDPILOT_CONFIG": str(other), "DROIDPILOT_BASE_URL": "http://h:1/v1"}
    assert config_file_path(env) == other
    assert load_settings(env=env).model.name == "my-model"
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(env={**no_env, "DROIDPILOT_CONFIG": str(tmp_path / "missing.yaml")})


def test_broken_yaml_is_a_config_error_not_a_traceback(tmp_path, no_env):
    _write_config(tmp_path, "model: [unclosed\n")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(env=no_env)


def test_invalid_values_are_config_errors(tmp_path, no_env):
    env = {**no_env, "DROIDPILOT_MODEL": "m", "DROIDPILOT_BASE_URL": "http://h:1/v1", "DROIDPILOT_TIMEOUT": "soon"}
    with pytest.raises(ConfigError, match="DROIDPILOT_TIMEOUT"):
        load_settings(env=env)
    _write_config(tmp_path, "model:\n  name: m\n  base_url: http://h:1/v1\n  timeout_s: -1\n")
    with pytest.raises(ConfigError, match="timeout_s"):
        load_settings(env=no_env)


def test_executor_inherits_the_planner_endpoint(no_env):
    env = {**no_env, "DEEPSEEK_API_KEY": "sk", "DROIDPILOT_MODEL": "deepseek-reasoner", "DROIDPILOT_EXECUTOR_MODEL": "deepseek-chat"}
    settings = load_settings(env=env)
    assert settings.executor is not None
    assert settings.executor.name == "deepseek-chat"
    assert settings.executor.base_url == settings.model.base_url
    assert settings.executor.api_key_value() == "sk"
    assert settings.executor.thinking is False and settings.model.thinking is None


def test_the_executor_section_of_the_file_can_ask_for_thinking(tmp_path, no_env):
    _write_config(tmp_path, "model: {name: big, provider: deepseek}\nexecutor: {name: small, thinking: true}\n")
    settings = load_settings(env={**no_env, "DEEPSEEK_API_KEY": "sk"})
    assert settings.executor.name == "small" and settings.executor.thinking is True


def test_api_key_is_not_shown_in_reprs():
    config = ModelConfig(name="m", base_url="http://h/v1", api_key="sk-secret-value")
    assert "sk-secret-value" not in repr(config)


def test_loading_settings_does_not_read_the_process_environment_when_given_one(monkeypatch, no_env):
    monkeypatch.setenv("DROIDPILOT_MODEL", "leaked-from-process")
    with pytest.raises(ConfigError):
        load_settings(env=no_env)
