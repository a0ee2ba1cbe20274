"""`privacy-desk app` (the README's run command) serves the app on localhost behind a
token that never appears on a command line."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from privacy_kb.cli import main
from processes import descendants, free_port, stop, wait_for_port

REPO = Path(__file__).resolve().parent.parent


def _proc_file(pid: int, name: str) -> bytes:
    try:
        return (Path("/proc") / str(pid) / name).read_bytes()
    except OSError:
        return b""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.slow
def test_app_serves_the_page_only_with_its_token_and_never_shows_it_to_ps(tmp_path):
    port, token = free_port(), "s3cret-" + os.urandom(8).hex()
    env = {**os.environ, "PRIVACY_DESK_TOKEN": token,
           "PRIVACY_DESK_GAPS": str(tmp_path / "gaps.jsonl"),
           "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "privacy_kb", "app", "--port", str(port),
         "--db", str(tmp_path / "register.db")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        wait_for_port(proc, port, what="the app")
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(f"http://127.0.0.1:{port}/", timeout=30)
        assert refused.value.code in (302, 401, 403)   # to the login page, not the app
        with pytest.raises(urllib.error.HTTPError) as wrong:
            opener.open(f"http://127.0.0.1:{port}/?token=wrong", timeout=30)
        assert wrong.value.code in (302, 401, 403)
        # With the token the page is rendered (this starts the page's kernel).
        with opener.open(f"http://127.0.0.1:{port}/?token={token}", timeout=120) as page:
            html = page.read().decode()
        assert page.status == 200 and "application/vnd.jupyter.widget-view+json" in html
        # Neither the server nor its kernels carry the token in their arguments, and the
        # kernels do not inherit the variable it came in. (Voila itself hands a kernel its
        # page's address as VOILA_REQUEST_URL; a process's environment, unlike its
        # arguments, is readable by its own user only.)
        processes = [proc.pid, *descendants(proc.pid)]
        assert len(processes) >= 2, "the page's kernel should be running"
        for pid in processes:
            assert token.encode() not in _proc_file(pid, "cmdline")
        for pid in processes[1:]:
            assert b"PRIVACY_DESK_TOKEN=" not in _proc_file(pid, "environ")
        # Not reachable on other interfaces: bound to the loopback address only.
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout \
            if subprocess.run(["which", "ss"], capture_output=True).returncode == 0 else ""
        if listening:
            lines = [line for line in listening.splitlines() if f":{port} " in line]
            assert lines and all("127.0.0.1:" in line for line in lines)
    finally:
        text = stop(proc)
    assert f"http://127.0.0.1:{port}/?token={token}" in text


def test_a_token_on_the_command_line_is_refused_with_the_way_to_give_it(capsys):
    assert main(["app", "--token", "visible-to-ps"]) == 2
    err = capsys.readouterr().err
    assert "PRIVACY_DESK_TOKEN" in err and "ps" in err


def test_an_unknown_page_is_refused_by_name(capsys):
    with pytest.raises(SystemExit):
        main(["app", "--notebook", "nope"])
    assert "invalid choice: 'nope'" in capsys.readouterr().err


def test_lab_mode_refuses_to_run_as_root(capsys, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert main(["app", "--lab"]) == 2
    assert "as root" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() == 0, reason="--lab refuses root (tested above)")
def test_lab_mode_takes_the_token_from_the_environment_too(tmp_path):
    port, token = free_port(), "lab-" + os.urandom(8).hex()
    env = {**os.environ, "PRIVACY_DESK_TOKEN": token, "PYTHONPATH": str(REPO),
           "PRIVACY_DESK_GAPS": str(tmp_path / "gaps.jsonl"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "privacy_kb", "app", "--lab", "--port", str(port),
         "--db", str(tmp_path / "register.db")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        wait_for_port(proc, port, what="the app")
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(f"http://127.0.0.1:{port}/lab", timeout=30)
        assert refused.value.code in (302, 401, 403)
        with opener.open(f"http://127.0.0.1:{port}/lab?token={token}", timeout=60) as lab:
            assert lab.status == 200
        for pid in [proc.pid, *descendants(proc.pid)]:
            assert token.encode() not in _proc_file(pid, "cmdline")
    finally:
        text = stop(proc)
    assert f"http://127.0.0.1:{port}/lab/tree/privacy_desk.ipynb?token={token}" in text
    assert "any code" in text   # the warning about what Lab access means
