"""Settings: which model to ask, where, with which key, and what it costs.

Precedence, highest first: explicit arguments (CLI flags, Python API) > environment
(``DROIDPILOT_*``, then the provider keys ``DEEPSEEK_API_KEY`` / ``OPENAI_API_KEY``) > an optional
YAML file (``$DROIDPILOT_CONFIG`` or ``~/.config/droidpilot/config.yaml``).

Nothing here reads the environment or the disk at import time: :func:`load_settings` does, when
called, and takes the environment as a parameter so tests never touch ``os.environ``.

The model name is always configuration, never a default: providers retire model names, and a
hard-wired one fails months later with a confusing 404.

Config file shape::

    model:                      # the planner model
      provider: deepseek        # deepseek | vllm | sglang | ollama | openai | openrouter | generic
      name: deepseek-reasoner
      base_url: https://api.deepseek.com
      api_key_env: DEEPSEEK_API_KEY   # or api_key: ... (a key in a file is allowed, not advised)
      timeout_s: 180
    executor:                   # optional cheaper model for two-tier mode
      name: deepseek-chat
    planner_every: 5
    run_timeout_s: 1800
    prices:                     # USD per million tokens
      deepseek-reasoner: {prompt: 0.55, completion: 2.19, cached_prompt: 0.14}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from .errors import ConfigError

__all__ = [
    "PROVIDERS",
    "ModelConfig",
    "Price",
    "Settings",
    "config_file_path",
    "infer_provider",
    "load_settings",
]

Provider = Literal["deepseek", "vllm", "sglang", "ollama", "openai", "openrouter", "generic"]
PROVIDERS: tuple[str, ...] = ("deepseek", "vllm", "sglang", "ollama", "openai", "openrouter", "generic")

# Where each hosted provider lives, so a user with only DEEPSEEK_API_KEY set does not have to
# look up the URL. Self-hosted servers (vLLM, SGLang) have no default: their URL is the user's.
DEFAULT_BASE_URLS: dict[str, str] = {
    "deepseek": "https://api.deepseek.com",
    "openai": "https://api.openai.com/v1",
    "openrouter": "https://openrouter.ai/api/v1",
    "ollama": "http://localhost:11434/v1",
}

_HOST_HINTS: tuple[tuple[str, str], ...] = (
    ("deepseek.com", "deepseek"),
    ("openrouter.ai", "openrouter"),
    ("api.openai.com", "openai"),
    (":11434", "ollama"),
)

_CONFIG_HELP = (
    "set DROIDPILOT_MODEL (e.g. deepseek-reasoner) and an API key (DROIDPILOT_API_KEY or "
    "DEEPSEEK_API_KEY / OPENAI_API_KEY), plus DROIDPILOT_BASE_URL for a self-hosted endpoint; "
    "or write ~/.config/droidpilot/config.yaml (or point DROIDPILOT_CONFIG at one) with a "
    "`model:` section holding name, base_url and api_key_env"
)


class Price(BaseModel):
    """What one model costs, in USD per million tokens (the unit every provider publishes)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: float = Field(ge=0, description="USD per million prompt (input) tokens, cache miss")
    completion: float = Field(ge=0, description="USD per million completion tokens, reasoning included")
    cached_prompt: float | None = Field(
        default=None, ge=0, description="USD per million prompt tokens served from the cache"
    )


class ModelConfig(BaseModel):
    """One model endpoint: everything needed to call it and nothing about how to prompt it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="model name as the endpoint knows it")
    provider: Provider = "generic"
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(default=180.0, gt=0, description="wall-clock deadline for one call (R1 may think for minutes)")
    max_retries: int = Field(default=3, ge=0, le=10, description="retries after the first try")
    retry_after_cap_s: float = Field(default=30.0, ge=0, description="longest Retry-After we honour")
    temperature: float | None = Field(default=None, description="None: the provider profile decides")
    max_tokens: int | None = Field(default=None, gt=0)
    stream: bool = Field(default=True, description="stream replies (a deadline check per chunk)")
    json_mode: bool | None = Field(default=None, description="None: the provider profile decides")
    thinking: bool | None = Field(default=None, description="DeepSeek thinking mode; None: profile")
    system_prompt: bool | None = Field(default=None, description="None: the provider profile decides")

    @field_validator("base_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    def api_key_value(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key is not None else None


class Settings(BaseModel):
    """Everything the planner side of droidpilot is configured with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: ModelConfig
    executor: ModelConfig | None = Field(
        default=None, description="cheaper model for the steps between planner calls (two-tier mode)"
    )
    planner_every: int = Field(default=5, ge=1, description="two-tier: call the planner every N steps")
    run_timeout_s: float = Field(default=1800.0, gt=0, description="wall-clock budget for one run")
    max_corrections: int = Field(default=2, ge=0, le=5, description="corrective re-prompts per step")
    history_limit: int = Field(default=8, ge=0, le=50, description="history entries shown to the model")
    prices: dict[str, Price] = Field(default_factory=dict)
    source: str = Field(default="", description="where the settings came from, for error messages")


def infer_provider(base_url: str | None) -> str | None:
    """Guess the provider from the endpoint's host; None when the URL says nothing."""
    if not base_url:
        return None
    lowered = base_url.lower()
    for needle, provider in _HOST_HINTS:
        if needle in lowered:
            return provider
    return None


def config_file_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file droidpilot reads: ``$DROIDPILOT_CONFIG`` or the XDG default."""
    env = os.environ if env is None else env
    explicit = env.get("DROIDPILOT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")) / ".config")
    return Path(base).expanduser() / "droidpilot" / "config.yaml"


def _read_file(path: Path, required: bool) -> dict[str, Any]:
    if not path.is_file():
        if required:
            raise ConfigError(f"config file {path} does not exist: create it or unset DROIDPILOT_CONFIG")
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}; fix the YAML or remove the file") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must hold a mapping with a `model:` section")
    return data


def _model_from_file(section: Any, env: Mapping[str, str], path: Path, label: str) -> dict[str, Any]:
    if section is None:
        return {}
    if isinstance(section, str):
        return {"name": section}
    if not isinstance(section, dict):
        raise ConfigError(f"`{label}:` in {path} must be a mapping (name, base_url, api_key_env, ...)")
    fields = dict(section)
    if "model" in fields and "name" not in fields:
        fields["name"] = fields.pop("model")
    key_env = fields.pop("api_key_env", None)
    if key_env and "api_key" not in fields:
        value = env.get(str(key_env))
        if value:
            fields["api_key"] = value
    return fields


def _drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _resolve_model(fields: dict[str, Any], env: Mapping[str, str], label: str) -> ModelConfig:
    """Fill what the user left out (provider, base URL, key) from what they gave."""
    if not fields.get("name"):
        raise ConfigError(f"no {label} model is configured: {_CONFIG_HELP}")
    provider = fields.get("provider") or infer_provider(fields.get("base_url"))
    if provider is None:
        if fields.get("base_url"):
            provider = "generic"
        elif env.get("DEEPSEEK_API_KEY") and not env.get("OPENAI_API_KEY"):
            provider = "deepseek"
        elif env.get("OPENAI_API_KEY") and not env.get("DEEPSEEK_API_KEY"):
            provider = "openai"
        elif str(fields["name"]).lower().startswith("deepseek") and env.get("DEEPSEEK_API_KEY"):
            provider = "deepseek"
        else:
            provider = "generic"
    fields["provider"] = provider
    if not fields.get("base_url"):
        default = DEFAULT_BASE_URLS.get(str(provider))
        if default is None:
            raise ConfigError(
                f"no base URL for the {label} model {fields['name']!r} (provider {provider}): "
                "set DROIDPILOT_BASE_URL (e.g. http://localhost:8000/v1 for vLLM) or base_url in the config file"
            )
        fields["base_url"] = default
    if not fields.get("api_key"):
        if provider == "deepseek":
            fields["api_key"] = env.get("DEEPSEEK_API_KEY")
        elif provider == "openai":
            fields["api_key"] = env.get("OPENAI_API_KEY")
        else:
            fields["api_key"] = env.get("OPENAI_API_KEY") or env.get("DEEPSEEK_API_KEY")
    if not fields.get("api_key") and provider in ("deepseek", "openai", "openrouter"):
        raise ConfigError(
            f"no API key for the {label} model {fields['name']!r} on {provider}: set DROIDPILOT_API_KEY"
            f" (or {'DEEPSEEK_API_KEY' if provider == 'deepseek' else 'OPENAI_API_KEY'}), or api_key_env in the config file"
        )
    try:
        return ModelConfig(**_drop_none(fields))
    except ValidationError as exc:
        raise ConfigError(f"invalid {label} model settings: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ()))
    return f"{where}: {err.get('msg', 'invalid')}"


def _env_float(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name)
    if raw in (None, ""):
        return None
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a number of seconds") from exc


def load_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    provider: str | None = None,
    executor_model: str | None = None,
    config_path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build :class:`Settings` from arguments, environment and the optional config file.

    ``env`` defaults to ``os.environ``; pass a dict in tests. ``overrides`` are extra
    ``ModelConfig`` fields for the planner model (e.g. ``{"timeout_s": 30}``) that win over
    everything. Raises :class:`ConfigError` naming what to set when no model is configured.
    """
    env = os.environ if env is None else env
    path = Path(config_path).expanduser() if config_path else config_file_path(env)
    required = config_path is not None or bool(env.get("DROIDPILOT_CONFIG"))
    data = _read_file(path, required)

    file_model = _model_from_file(data.get("model"), env, path, "model")
    env_model = _drop_none(
        {
            "name": env.get("DROIDPILOT_MODEL") or None,
            "base_url": env.get("DROIDPILOT_BASE_URL") or None,
            "api_key": env.get("DROIDPILOT_API_KEY") or None,
            "provider": env.get("DROIDPILOT_PROVIDER") or None,
            "timeout_s": _env_float(env, "DROIDPILOT_TIMEOUT"),
        }
    )
    arg_model = _drop_none({"name": model, "base_url": base_url, "api_key": api_key, "provider": provider})
    if ("base_url" in arg_model or "base_url" in env_model) and "provider" not in arg_model and "provider" not in env_model:
        # A URL given above the file's level points somewhere new: the file's provider no longer applies.
        file_model.pop("provider", None)
    merged = {**file_model, **env_model, **arg_model, **dict(overrides or {})}
    planner_model = _resolve_model(merged, env, "planner")

    executor_fields = _model_from_file(data.get("executor"), env, path, "executor")
    executor_name = executor_model or env.get("DROIDPILOT_EXECUTOR_MODEL") or executor_fields.get("name")
    executor = None
    if executor_name:
        # The executor inherits the planner's endpoint unless it names its own.
        inherited = {
            "provider": planner_model.provider,
            "base_url": planner_model.base_url,
            "api_key": planner_model.api_key_value(),
            "timeout_s": planner_model.timeout_s,
        }
        # The executor is the cheap tier: no thinking mode unless the file asks for it.
        inherited["thinking"] = False
        executor = _resolve_model({**inherited, **executor_fields, "name": executor_name}, env, "executor")

    top = {key: data[key] for key in ("planner_every", "run_timeout_s", "max_corrections", "history_limit") if key in data}
    run_timeout = _env_float(env, "DROIDPILOT_RUN_TIMEOUT")
    if run_timeout is not None:
        top["run_timeout_s"] = run_timeout
    sources = [name for name, used in (("arguments", arg_model), ("environment", env_model), (str(path), data)) if used]
    try:
        return Settings(
            model=planner_model,
            executor=executor,
            prices=data.get("prices") or {},
            source=", ".join(sources),
            **top,
        )
    except ValidationError as exc:
        raise ConfigError(f"invalid settings in {path}: {_first_error(exc)}") from exc
