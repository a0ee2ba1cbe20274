"""JupyterHub configuration for a team's Privacy Desk (see README, "For teams").

Every staff member logs in with their own account on this machine (PAM) and gets a
server of their own, running as that account, that opens on the desk's Voila page.
The register is one PostgreSQL database named by PRIVACY_DESK_DB in the hub's
environment (deploy/privacy-desk-hub.service reads it from /etc/privacy-desk/hub.env).
The audit trail names the logged-in user: the server runs as their account, and
JupyterHub tells it their name (JUPYTERHUB_USER).

Settings an administrator may change through the environment of the hub:

  PRIVACY_DESK_DB          the register's SQLAlchemy URL (required), e.g.
                           postgresql+psycopg://privacydesk@db.example.nl/privacydesk
  PRIVACY_DESK_HUB_URL     where the hub listens (default http://127.0.0.1:8000; put a
                           TLS reverse proxy such as nginx or Caddy in front of it)
  PRIVACY_DESK_HUB_GROUP   the system group allowed to log in (default privacydesk)
  PRIVACY_DESK_HUB_STATE   folder for the hub's own database and cookie secret
                           (default /var/lib/privacy-desk-hub)
"""

import os
import sys

from privacy_kb import serve

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

register_url = os.environ.get("PRIVACY_DESK_DB", "").strip()
if not register_url:
    sys.exit("PRIVACY_DESK_DB is not set: give the register's URL in the hub's environment "
             "(/etc/privacy-desk/hub.env), e.g. "
             "postgresql+psycopg://privacydesk@db.example.nl/privacydesk")
state = os.environ.get("PRIVACY_DESK_HUB_STATE", "/var/lib/privacy-desk-hub")

# --- the hub ---------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("PRIVACY_DESK_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{os.path.join(state, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
# Staff do not reach each other's servers; only admins could, and there are none.
c.JupyterHub.admin_access = False

# --- who may log in: accounts on this machine in one group ------------------------------
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {os.environ.get("PRIVACY_DESK_HUB_GROUP", "privacydesk")}

# --- each user's server: the desk's Voila page -----------------------------------------
c.JupyterHub.spawner_class = "localprocess"   # runs as the user's own account
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]  # this environment's
c.Spawner.notebook_dir = str(serve.NOTEBOOKS)           # the notebooks shipped in the package
c.Spawner.default_url = "/voila/render/privacy_desk.ipynb"
c.Spawner.environment = {
    "PRIVACY_DESK_DB": register_url,
    "JUPYTER_PATH": serve.jupyter_path({}),            # Privacy Desk's Voila template
}
c.Spawner.args = [
    *serve.server_args(),                   # template, no tracebacks, idle kernels culled
    "--ServerApp.terminals_enabled=False",  # the desk needs no shell
    "--ServerApp.shutdown_no_activity_timeout=3600",  # a server idle for an hour stops
]
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
