"""Serving the app: Voila on localhost (``privacy-desk app``), JupyterLab (``--lab``), and
the settings a JupyterHub deployment gives each user's server (deploy/jupyterhub_config.py).

What every way of serving shares (issue 12, "Nobody else gets in"):

* the access token is never on a command line (``ps`` shows every local user the
  arguments of every process): it comes from the environment (``PRIVACY_DESK_TOKEN``),
  is handed to Voila inside this process and taken out of the environment the kernels
  inherit;
* Voila renders with Privacy Desk's template (``privacy_kb/jupyter/voila/templates/
  privacy-desk``), which drops the lab template's links to a public CDN, so the page asks
  no host but its own for anything;
* a kernel that no page is connected to is shut after ``IDLE_TIMEOUT_S`` (the page also
  asks Voila to shut its kernel when it closes); tracebacks are not shown on the page.

The notebooks ship inside the package (``privacy_kb/notebooks``), so an installed wheel
serves the app from any directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NOTEBOOKS = PACKAGE / "notebooks"
#: A Jupyter data directory (as on JUPYTER_PATH) holding voila/templates/privacy-desk.
JUPYTER_DATA = PACKAGE / "jupyter"
TEMPLATE = "privacy-desk"
PAGES = ("privacy_desk", "training", "register_report")
TOKEN_ENV = "PRIVACY_DESK_TOKEN"
#: The language the served page declares (``<html lang>``): the interface's default.
PAGE_LANG = "nl"
#: Seconds a kernel may sit with no page connected before it is shut (and how often to look).
IDLE_TIMEOUT_S = 600
CULL_INTERVAL_S = 60


def notebook_path(name: str = "privacy_desk") -> Path:
    """The shipped notebook for one of :data:`PAGES`."""
    if name not in PAGES:
        raise ValueError(f"unknown page {name!r}; choose one of: {', '.join(PAGES)}")
    path = NOTEBOOKS / f"{name}.ipynb"
    if not path.is_file():
        raise OSError(f"notebook not found: {path} (the installation is incomplete; "
                      "reinstall privacy-desk)")
    return path


def jupyter_path(environ: dict | None = None) -> str:
    """JUPYTER_PATH with the package's data directory first (where Voila finds the template)."""
    current = (os.environ if environ is None else environ).get("JUPYTER_PATH", "")
    parts = [str(JUPYTER_DATA)] + [p for p in current.split(os.pathsep)
                                   if p and p != str(JUPYTER_DATA)]
    return os.pathsep.join(parts)


def server_settings(idle_timeout: int = IDLE_TIMEOUT_S) -> dict:
    """Traitlets settings shared by the standalone Voila and a JupyterHub user's server.

    The page is served as ``<html lang="nl">`` (:data:`PAGE_LANG`; nbconvert's default
    is "en"), so that from its first byte a screen reader reads the Dutch interface in
    Dutch; switching to English sets the attribute in the browser
    (:class:`privacy_kb.ui.browser.PageLanguage`)."""
    return {
        "VoilaConfiguration": {"template": TEMPLATE, "show_tracebacks": False},
        "VoilaExporter": {"language_code": PAGE_LANG},
        "MappingKernelManager": {"cull_idle_timeout": idle_timeout,
                                 "cull_interval": min(CULL_INTERVAL_S, idle_timeout),
                                 "cull_connected": False},
    }


def server_args(idle_timeout: int = IDLE_TIMEOUT_S) -> list[str]:
    """:func:`server_settings` as command-line options for a Jupyter server running Voila
    as an extension (a JupyterHub user's server); no secret among them.

    As an extension, Voila tells the page to load MathJax from a public CDN unless the
    server's settings name no MathJax (the standalone Voila names none); the desk
    shows no formulas.
    """
    args = []
    for section, values in server_settings(idle_timeout).items():
        for key, value in values.items():
            args.append(f"--{section}.{key}={value}")
    args.append('--ServerApp.tornado_settings={"mathjax_url": None, "mathjax_config": None}')
    return args


def voila_config(port: int, token: str, *, idle_timeout: int = IDLE_TIMEOUT_S,
                 preheat: int = 0):
    """The standalone Voila's configuration: localhost only, behind ``token``."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config

    if not token:
        raise ValueError("an access token is required")
    config = Config(server_settings(idle_timeout))
    config.Voila.ip = "127.0.0.1"
    config.Voila.port = port
    # Never move to another port: the address printed (with its token) must be the one
    # served, or the token would go to whoever holds the printed port.
    config.Voila.port_retries = 0
    config.Voila.open_browser = False
    config.Voila.token = token
    # Never read a voila.py/voila.json from whatever directory the command runs in.
    config.Voila.config_file_paths = list(jupyter_config_path())
    if preheat > 0:
        config.VoilaConfiguration.preheat_kernel = True
        config.VoilaConfiguration.default_pool_size = preheat
        config.VoilaConfiguration.multi_kernel_manager_class = recycling_kernel_manager_class()
    return config


def recycling_kernel_manager_class():
    """Jupyter's kernel manager, recycling Voila's preheated kernels when they grow old.

    A spare kernel has run the notebook (read the register) before any page asked for
    it; Voila exempts spares from culling, so one could wait for hours and a page would
    open on an old rendering. Here a spare idle longer than the idle timeout is shut and
    a fresh one preheated, so a page never opens on a rendering much older than that.
    """
    import datetime as dt

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    class RecyclingKernelManager(AsyncMappingKernelManager):
        async def cull_kernels(self):
            limit = dt.timedelta(seconds=self.cull_idle_timeout)
            now = dt.datetime.now(dt.timezone.utc)
            for name, pool in list(getattr(self, "_pools", {}).items()):
                for task in list(pool):
                    if not task.done() or task.cancelled() or task.exception() is not None:
                        continue
                    kernel_id = task.result().get("kernel_id")
                    kernel = self._kernels.get(kernel_id)
                    last = getattr(kernel, "last_activity", None)
                    if last is not None and now - last > limit:
                        self.log.info("Recycling preheated kernel %s of %s", kernel_id, name)
                        await self.shutdown_kernel(kernel_id)  # Voila's: leaves the pool
                        self.fill_if_needed(delay=0, notebook_name=name)
            await super().cull_kernels()

    return RecyclingKernelManager


def take_token(environ: dict | None = None) -> str:
    """The token from ``PRIVACY_DESK_TOKEN`` (removed from the environment), else a new one."""
    import secrets

    environ = os.environ if environ is None else environ
    token = environ.pop(TOKEN_ENV, "").strip()
    return token or secrets.token_urlsafe(24)


def voila_app_class():
    """Voila, with the page's ``_xsrf`` cookie set when the page is served.

    When a page closes, Voila's page sends ``POST /voila/api/shutdown/<kernel>`` with the
    ``_xsrf`` value read from the page's cookie, but Voila 0.5 never sets that cookie,
    so the request is refused (403) and the kernel keeps running (voila-dashboards/voila
    issue 1458). Reading ``xsrf_token`` while serving the page sets the cookie.
    """
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler

    class PageHandler(TornadoVoilaHandler):
        async def get(self, path=None):
            if self.current_user:
                self.xsrf_token  # noqa: B018 - the property sets the _xsrf cookie
            return await super().get(path)

    class PrivacyDeskVoila(Voila):
        def init_handlers(self):
            return [(pattern, PageHandler, *rest) if handler is TornadoVoilaHandler
                    else (pattern, handler, *rest)
                    for pattern, handler, *rest in super().init_handlers()]

    return PrivacyDeskVoila


def run_voila(notebook: Path, port: int, token: str, *, idle_timeout: int = IDLE_TIMEOUT_S,
              preheat: int = 0) -> int:
    """Serve ``notebook`` with Voila in this process until it is stopped."""
    Voila = voila_app_class()

    os.environ.pop(TOKEN_ENV, None)  # kernels inherit the environment: not the token
    os.environ["JUPYTER_PATH"] = jupyter_path()
    os.chdir(notebook.parent)
    sys.argv = [sys.argv[0], str(notebook)]
    Voila.launch_instance(argv=[str(notebook)],
                          config=voila_config(port, token, idle_timeout=idle_timeout,
                                              preheat=preheat))
    return 0


def run_lab(notebook: Path, port: int, token: str) -> int:
    """Open ``notebook`` in JupyterLab (full access: any code, terminals), token from env."""
    env = {**os.environ, "JUPYTER_TOKEN": token}
    env.pop(TOKEN_ENV, None)
    command = [sys.executable, "-m", "jupyter", "lab", str(notebook), "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0"]
    os.chdir(notebook.parent)
    os.execve(sys.executable, command, env)
    return 0  # pragma: no cover - execve does not return


def main(argv: list[str] | None = None) -> int:
    """``python -m privacy_kb.serve NOTEBOOK --port N``: any notebook, served as the app is.

    For the browser tests, benchmarks and screenshots (which also serve notebooks of
    their own); users run ``privacy-desk app``. The token must be in PRIVACY_DESK_TOKEN.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m privacy_kb.serve",
                                     description=main.__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle-timeout", type=int, default=IDLE_TIMEOUT_S)
    parser.add_argument("--preheat", type=int, default=0)
    args = parser.parse_args(argv)
    if not os.environ.get(TOKEN_ENV, "").strip():
        parser.error(f"set {TOKEN_ENV} to the access token")
    return run_voila(args.notebook.resolve(), args.port, take_token(),
                     idle_timeout=args.idle_timeout, preheat=args.preheat)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
