"""Where the data lives: the data folder named once, as the README says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaints_desktop import config


@pytest.mark.skipif(os.name != "nt", reason="the Windows data folder (the Linux one is below)")
def test_the_windows_data_folder_is_localappdata_complaints_desktop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(config.ENV_DATA)
    local = Path(os.environ["LOCALAPPDATA"])
    assert config.data_dir() == local / "complaints_desktop"  # not ...\complaints_desktop twice
    assert config.default_database() == local / "complaints_desktop" / "complaints.sqlite3"


@pytest.mark.skipif(os.name == "nt", reason="the Linux data folder (the Windows one is above)")
def test_the_linux_data_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.ENV_DATA)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert config.data_dir() == tmp_path / "complaints_desktop"


def test_the_tests_never_touch_the_real_data_folder(tmp_path: Path) -> None:
    """The suite's own folder (conftest) holds the audit key and anchors the tests write."""
    assert config.data_dir() == Path(os.environ[config.ENV_DATA])
    assert config.data_dir().name == "appdata"
    assert config.default_database().parent == config.data_dir()


def test_the_readme_names_the_same_data_folder() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`%LOCALAPPDATA%\\complaints_desktop\\complaints.sqlite3`" in readme
