"""Start the app in Voila and drive it in headless Chromium: shared by the browser
tests, docs/screenshots/make.py and bench/bench_app.py.

Serves exactly as ``privacy-desk app`` does (``python -m privacy_kb.serve``: Voila on a
free port bound to 127.0.0.1, the token passed in the environment, tracebacks off,
Privacy Desk's template, idle kernels culled), following TOOLCHAIN.md: readiness by
TCP connect (a GET would start a kernel); Debian's Chromium through Playwright; every non-local request blocked; pages are ready when
``#loading`` is gone and the question box is visible (never ``networkidle``).

The register is a temporary SQLite file outside the repository (PRIVACY_DESK_DB);
tests read it back in-process through ``open_register``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "privacy_kb" / "notebooks" / "privacy_desk.ipynb"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, deadline_s: float) -> None:
    """Poll a TCP connect until the server listens; fail with its log if it died."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"voila did not listen on port {port} within {deadline_s} s")


@dataclass
class VoilaServer:
    proc: subprocess.Popen
    port: int
    token: str
    db: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"


def start_voila(notebook: Path, db: Path, log: Path, env: dict | None = None,
                args: list[str] | None = None) -> VoilaServer:
    """Start Voila as ``privacy-desk app`` does; the caller stops it with :func:`stop_voila`.

    ``args`` go to ``python -m privacy_kb.serve`` (e.g. ``["--idle-timeout", "5"]``).
    """
    port, token = free_port(), secrets.token_hex(16)
    # The register and the unanswered-questions log both live beside ``db``: a test,
    # a screenshot or a benchmark never writes into the user's real data directory.
    full_env = {**os.environ, "PRIVACY_DESK_DB": str(db),
                "PRIVACY_DESK_GAPS": str(Path(db).with_name("gaps.jsonl")),
                "PRIVACY_DESK_TOKEN": token, **(env or {})}
    # This checkout's privacy_kb, whatever is installed.
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + [p for p in full_env.get("PYTHONPATH", "").split(os.pathsep) if p])
    handle = open(log, "wb")  # noqa: SIM115 - closed in stop_voila via the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "privacy_kb.serve", str(notebook), "--port", str(port),
         *(args or [])],
        cwd=REPO, env=full_env, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    server = VoilaServer(proc, port, token, db, log)
    try:
        wait_for_port(port, proc, START_TIMEOUT_S)
    except Exception as error:
        stop_voila(server)
        raise RuntimeError(f"{error}\n--- voila log ---\n{log.read_text(errors='replace')}")
    return server


def stop_voila(server: VoilaServer) -> None:
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()


#: The browser's own language, as a Dutch member of staff has it. Chromium chooses its
#: interface language at start from the environment (LANGUAGE, LANG; ``--lang`` is
#: ignored on Linux), and only among the languages installed (Debian: chromium-l10n).
#: That language, not the page's ``lang`` nor Playwright's ``locale``, decides how a
#: date field shows a date (dd-mm-jjjj or mm/dd/yyyy).
BROWSER_ENV = {"LANGUAGE": "nl", "LANG": "nl_NL.UTF-8"}
#: What the page sees of the language (navigator.language, Intl, Accept-Language).
LOCALE = "nl-NL"
NL_PAK = Path("/usr/lib/chromium/locales/nl.pak")


def launch_browser(playwright):
    """Debian's Chromium, its interface in Dutch (:data:`BROWSER_ENV`)."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                      env={**env, **BROWSER_ENV})


def new_context(browser, **options):
    """A context that can reach 127.0.0.1 only, in Dutch (:data:`LOCALE`) unless
    ``locale`` says otherwise."""
    options.setdefault("locale", LOCALE)
    ctx = browser.new_context(**options)
    ctx.route("**/*", lambda route: route.continue_()
              if route.request.url.startswith("http://127.0.0.1") else route.abort())
    return ctx


def open_app(page, url: str) -> None:
    """Load the app and wait until every cell ran and the question box is there."""
    page.goto(url, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector("#loading", state="detached", timeout=PAGE_TIMEOUT_MS)
    page.locator(".pd-chat-input input").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"   # package.json: npm ci


def axe_violations(page, include: str | None = None) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is shown (inside the
    elements ``include`` selects, else the whole document)."""
    import pytest

    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in {REPO} "
                    "(it is in the project's npm packages)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (include) => {
        const r = await axe.run(include ? {include: [include]} : document,
                                {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
          .map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' '))}));
    }""", include)


def serve_notebook(tmp_path_factory, name: str) -> VoilaServer:
    """A Voila server on ``notebooks/NAME.ipynb`` with its register and gap log in a
    temporary folder."""
    import pytest

    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    base = tmp_path_factory.mktemp(name)
    return start_voila(REPO / "notebooks" / f"{name}.ipynb", base / "db" / "register.sqlite3",
                       base / "voila.log", env={"PRIVACY_DESK_GAPS": str(base / "gaps.jsonl")})


def open_page(browser, url: str, ready: str, **options):
    """A new context and page on ``url``, once Voila has run every cell and ``ready``
    is visible; returns ``(context, page)``. ``options`` go to the context (default
    viewport 1280 x 1000)."""
    options.setdefault("viewport", {"width": 1280, "height": 1000})
    ctx = new_context(browser, **options)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(url, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector("#loading", state="detached", timeout=PAGE_TIMEOUT_MS)
    page.locator(ready).first.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    return ctx, page
