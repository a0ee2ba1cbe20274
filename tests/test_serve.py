"""How the app is served (privacy_kb/serve.py), checked without starting a server."""

import os
import re
from pathlib import Path

import pytest

from privacy_kb import serve


def _voila_lab_template() -> Path:
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path():
        candidate = Path(root) / "voila" / "templates" / "lab" / "index.html.j2"
        if candidate.is_file():
            return candidate
    raise AssertionError("Voila's lab template is not installed")


def test_our_template_strips_every_cdn_link_of_voilas_lab_template():
    # If a Voila upgrade changes these links, the replace in our template silently stops
    # matching: this names the link that would reach a third party again.
    lab = _voila_lab_template().read_text()
    ours = (serve.JUPYTER_DATA / "voila" / "templates" / serve.TEMPLATE
            / "index.html.j2").read_text()
    links = re.findall(r'<link[^>]*href="https?://[^"]*"[^>]*/>', lab)
    assert links, "expected the lab template to link Font Awesome from a CDN"
    for link in links:
        assert f"replace('{link}' | safe, '')" in ours, link


def test_our_template_builds_on_voilas_lab_template():
    conf = (serve.JUPYTER_DATA / "voila" / "templates" / serve.TEMPLATE / "conf.json")
    assert '"base_template": "lab"' in conf.read_text()


def test_the_template_folder_comes_first_on_jupyter_path_once():
    first = str(serve.JUPYTER_DATA)
    assert serve.jupyter_path({}) == first
    joined = serve.jupyter_path({"JUPYTER_PATH": os.pathsep.join(["/a", first, "/b"])})
    assert joined.split(os.pathsep) == [first, "/a", "/b"]


def test_every_page_ships_inside_the_package():
    for name in serve.PAGES:
        path = serve.notebook_path(name)
        assert path.is_file() and serve.PACKAGE in path.parents
    with pytest.raises(ValueError, match="unknown page 'x'"):
        serve.notebook_path("x")


def test_server_settings_cull_unconnected_kernels_and_hide_tracebacks():
    settings = serve.server_settings(idle_timeout=30)
    assert settings["MappingKernelManager"] == {
        "cull_idle_timeout": 30, "cull_interval": 30, "cull_connected": False}
    assert settings["VoilaConfiguration"]["show_tracebacks"] is False
    assert settings["VoilaConfiguration"]["template"] == "privacy-desk"
    args = serve.server_args(600)
    assert "--MappingKernelManager.cull_idle_timeout=600" in args
    assert "--VoilaConfiguration.template=privacy-desk" in args


def test_the_page_is_served_as_dutch():
    # nbconvert writes <html lang="en"> unless told otherwise (issue 16)
    assert serve.server_settings()["VoilaExporter"] == {"language_code": "nl"}
    assert "--VoilaExporter.language_code=nl" in serve.server_args()


def test_the_token_is_taken_out_of_the_environment(monkeypatch):
    env = {serve.TOKEN_ENV: " abc "}
    assert serve.take_token(env) == "abc" and serve.TOKEN_ENV not in env
    first, second = serve.take_token({}), serve.take_token({})
    assert len(first) >= 32 and first != second


def test_voila_listens_on_localhost_only_and_ignores_config_in_the_working_folder(tmp_path,
                                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = serve.voila_config(8866, "t0ken")
    assert config.Voila.ip == "127.0.0.1" and config.Voila.token == "t0ken"
    assert str(tmp_path) not in config.Voila.config_file_paths
    assert "preheat_kernel" not in config.VoilaConfiguration
    preheated = serve.voila_config(8866, "t0ken", preheat=2)
    assert preheated.VoilaConfiguration.preheat_kernel is True
    assert preheated.VoilaConfiguration.default_pool_size == 2
    with pytest.raises(ValueError, match="token"):
        serve.voila_config(8866, "")


def test_the_app_never_moves_to_another_port():
    # the printed address carries the token: serving elsewhere would hand the token to
    # whoever holds the printed port
    from privacy_kb import serve

    assert serve.voila_config(8866, "t0k3n").Voila.port_retries == 0
