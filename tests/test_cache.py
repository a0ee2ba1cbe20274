"""The index cache only ever makes answering faster: never stale, never in the way."""

import pickle
import sys
from pathlib import Path

import pytest

from privacy_kb import load_assistant
from privacy_kb.cache import cache_dir, cached, content_key

QUESTION = "Hoe lang bewaren jullie mijn sollicitatie?"


def test_a_second_load_reads_the_cache_instead_of_building(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path))
    calls = []
    assert cached("thing", "k1", lambda: calls.append(1) or {"a": 1}) == {"a": 1}
    assert cached("thing", "k1", lambda: calls.append(1) or {"a": 2}) == {"a": 1}
    assert calls == [1]


def test_other_content_builds_anew_and_replaces_the_old_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path))
    cached("thing", content_key("faq v1"), lambda: 1)
    assert cached("thing", content_key("faq v2"), lambda: 2) == 2
    assert [p.name for p in tmp_path.glob("thing-*.pickle")] == \
        [f"thing-{content_key('faq v2')}.pickle"]


def test_a_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path))
    (tmp_path / "thing-k.pickle").write_bytes(b"not a pickle")
    assert cached("thing", "k", lambda: "fresh") == "fresh"
    assert pickle.loads((tmp_path / "thing-k.pickle").read_bytes()) == "fresh"


def test_a_cache_that_cannot_be_written_falls_back_to_building(tmp_path, monkeypatch):
    """A read-only cache folder (simulated: the tests may run as root, who writes
    anywhere) leaves no file and still answers."""
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path))

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr("privacy_kb.cache.os.replace", refuse)
    assert cached("thing", "k", lambda: 42) == 42
    assert list(tmp_path.iterdir()) == []
    assert load_assistant().ask(QUESTION).answered


def test_a_cache_path_that_cannot_be_a_folder_falls_back_to_building(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(blocker / "sub"))
    assert cached("thing", "k", lambda: 7) == 7


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", "off")
    calls = []
    cached("thing", "k", lambda: calls.append(1))
    cached("thing", "k", lambda: calls.append(1))
    assert calls == [1, 1]


def test_an_edited_faq_is_never_answered_from_the_old_index(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path / "cache"))
    from privacy_kb.faq import default_faq_path

    faq = tmp_path / "faq.yaml"
    text = default_faq_path().read_text(encoding="utf-8")
    faq.write_text(text, encoding="utf-8")
    assert load_assistant(faq).ask(QUESTION).faq_id == "application-retention"
    faq.write_text(text.replace("id: application-retention", "id: cv-retention"),
                   encoding="utf-8")
    assert load_assistant(faq).ask(QUESTION).faq_id == "cv-retention"
    assert len(list((tmp_path / "cache").glob("assistant-*.pickle"))) == 1


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-cache-home", "relative/is/ignored"])
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, xdg):
    """The Linux cache folder is worked out without importing platformdirs (a cold
    start's worth of time), and is the same folder platformdirs names."""
    import platformdirs

    monkeypatch.delenv("PRIVACY_DESK_CACHE", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == Path(platformdirs.user_cache_dir("privacy-desk", appauthor=False))
