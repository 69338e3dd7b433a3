"""Where QCDesk keeps its files; resolved once in main() and passed to whoever needs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        """The platform's per-user folders (e.g. %LOCALAPPDATA%\\QCDesk on Windows)."""
        import platformdirs

        return cls(
            Path(platformdirs.user_data_dir("QCDesk", "QCDesk")),
            Path(platformdirs.user_config_dir("QCDesk", "QCDesk")),
        )

    @property
    def database(self) -> Path:
        return self.data_dir / "qcdesk.db"

    @property
    def demo_database(self) -> Path:
        return self.data_dir / "demo" / "qcdesk-demo.db"

    @property
    def photos_dir(self) -> Path:
        return self.data_dir / "photos"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "qcdesk.ini"
