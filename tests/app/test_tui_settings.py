"""settings.json: read leniently, written atomically, other keys kept."""

from __future__ import annotations

import json

from oslearn.tui.settings import load_settings, save_setting, settings_path


def test_missing_or_malformed_settings_read_as_none(tmp_path):
    assert load_settings(tmp_path) == {}
    path = settings_path(tmp_path)
    for text in ("{not json", "[1, 2]", "", "\x00\x01"):
        path.write_text(text)
        assert load_settings(tmp_path) == {}


def test_save_keeps_other_keys_and_leaves_no_temp_files(tmp_path):
    directory = tmp_path / "new"
    save_setting(directory, "theme", "nord")
    save_setting(directory, "other", 3)
    save_setting(directory, "theme", "gruvbox")
    assert json.loads(settings_path(directory).read_text()) == {"other": 3, "theme": "gruvbox"}
    assert sorted(p.name for p in directory.iterdir()) == ["settings.json"]
