"""`privacy-desk app` (the README's run command) serves the app on localhost behind a token."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_app_command_serves_the_page_only_with_its_token(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "privacy_kb", "app", "--port", str(port), "--token", "s3cret",
         "--db", str(tmp_path / "register.db")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "voila did not start"
                time.sleep(0.3)
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(f"http://127.0.0.1:{port}/", timeout=30)
        assert refused.value.code in (302, 401, 403)   # to the login page, not the app
        # Not reachable on other interfaces: bound to the loopback address only.
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout \
            if subprocess.run(["which", "ss"], capture_output=True).returncode == 0 else ""
        if listening:
            lines = [line for line in listening.splitlines() if f":{port} " in line]
            assert lines and all("127.0.0.1:" in line for line in lines)
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    text = out.decode(errors="replace")
    assert f"http://127.0.0.1:{port}/?token=s3cret" in text
