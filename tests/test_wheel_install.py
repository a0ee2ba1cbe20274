"""The package stands alone: a wheel built from the project, installed into a fresh
virtual environment, serves the app with ``privacy-desk app`` from any directory.

To stay fast the fresh environment takes the *dependencies* from the environment
running the tests (a .pth file to its site-packages, and JUPYTER_PATH to its Jupyter
data such as Voila's templates); privacy_kb itself, with its notebooks, statement, FAQ
and Voila template, comes from the wheel only: the source tree is nowhere on the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest
from processes import free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (the checkout stays untouched)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "faq.yaml"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "privacy_kb", src / "privacy_kb",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--disable-pip-version-check", "-w", str(dist), str(src)],
                   check=True, timeout=300)
    (built,) = dist.glob("privacy_desk-*.whl")
    return built


def test_the_wheel_carries_notebooks_statement_faq_and_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("privacy_kb/notebooks/privacy_desk.ipynb",
                     "privacy_kb/notebooks/training.ipynb",
                     "privacy_kb/notebooks/register_report.ipynb",
                     "privacy_kb/data/privacyverklaring.txt",
                     "privacy_kb/data/faq.yaml",
                     "privacy_kb/jupyter/voila/templates/privacy-desk/index.html.j2",
                     "privacy_kb/jupyter/voila/templates/privacy-desk/conf.json"):
        assert required in names, required
    faq = zipfile.ZipFile(wheel).read("privacy_kb/data/faq.yaml")
    assert faq == (ROOT / "faq.yaml").read_bytes()  # the file itself, not a symlink


def test_privacy_desk_app_from_the_installed_wheel_serves_the_page(wheel, tmp_path):
    # Nothing of the checkout on the path (PYTHONPATH would show pip a source tree).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=300, env=env)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    Path(site.stdout.strip(), "test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    where = subprocess.run([str(python), "-c", "import privacy_kb; print(privacy_kb.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout

    port, token = free_port(), os.urandom(12).hex()
    proc = subprocess.Popen(
        [str(venv / "bin" / "privacy-desk"), "app", "--port", str(port),
         "--db", str(tmp_path / "register.sqlite3")],
        cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**env, "PRIVACY_DESK_TOKEN": token,
             "PRIVACY_DESK_GAPS": str(tmp_path / "gaps.jsonl")})
    try:
        wait_for_port(proc, port, 90, what="the app")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}",
                                    timeout=180) as page:
            html = page.read().decode()
        assert page.status == 200
        assert "application/vnd.jupyter.widget-view+json" in html   # the app's widgets
        assert '"output_type": "error"' not in html.replace("\\", "")
    finally:
        out = stop(proc)
    assert f"http://127.0.0.1:{port}/?token={token}" in out
