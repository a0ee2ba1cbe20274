"""scripts/setup_env.sh (used by scripts/app.sh and scripts/test.sh), run against stand-ins
for apt-get, sudo, id and Python, so that what it does on a stock Debian/Ubuntu machine
can be checked here without changing this machine:

* Debian's python3 without python3-venv: the package is installed with apt-get, through
  sudo when the user is not root, then the virtual environment is made;
* a Python that can make environments: nothing is installed with apt;
* the package is installed once per pyproject.toml; re-running installs nothing, and a
  changed pyproject.toml installs again.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(path: Path, body: str) -> None:
    path.write_text("#!/usr/bin/env bash\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def sandbox(tmp_path):
    """A checkout with the real setup_env.sh, and a bin/ of stand-ins first on PATH."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup_env.sh", checkout / "scripts" / "setup_env.sh")
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "calls.log"
    has_venv = tmp_path / "python3-venv-installed"
    # apt-get records its arguments; installing python3-venv makes ensurepip importable.
    _script(bin_ / "apt-get", f'echo "apt-get $*" >> {log}\n'
                              f'case "$*" in *python3-venv*) touch {has_venv};; esac\n')
    _script(bin_ / "sudo", f'echo "sudo $1" >> {log}\nexec "$@"\n')
    # A system Python without python3-venv: `import ensurepip` fails until it is installed.
    # `-m venv DIR` makes an environment whose python records pip installs.
    _script(bin_ / "fakepython3", f'''
case "$*" in
  *"import ensurepip"*) [ -e {has_venv} ]; exit $?;;
  *"sys.version_info"*) exit 0;;
  "-m venv "*)
    dir=$3; mkdir -p "$dir/bin"
    cat > "$dir/bin/python" <<'EOF'
#!/usr/bin/env bash
case "$*" in
  "-c import pip") exit 0;;
  "-c import privacy_kb") exit 0;;
  *) echo "venv-python $*" >> "$CALLS_LOG";;
esac
EOF
    chmod +x "$dir/bin/python"; echo "made venv $dir" >> {log};;
esac
''')
    return {"checkout": checkout, "bin": bin_, "log": log, "has_venv": has_venv}


def _run(sandbox, code: str, uid: int) -> str:
    _script(sandbox["bin"] / "id", f'[ "$1" = -u ] && echo {uid} || /usr/bin/id "$@"\n')
    env = {"PATH": f"{sandbox['bin']}{os.pathsep}/usr/bin:/bin",
           "PYTHON": str(sandbox["bin"] / "fakepython3"),
           "CALLS_LOG": str(sandbox["log"]), "HOME": str(sandbox["checkout"])}
    script = f'set -euo pipefail\nsource scripts/setup_env.sh\n{code}\n'
    done = subprocess.run(["bash", "-c", script], cwd=sandbox["checkout"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = sandbox["log"].read_text() if sandbox["log"].exists() else ""
    sandbox["log"].write_text("")
    return calls


def test_a_user_with_sudo_gets_python3_venv_installed_then_the_environment(sandbox):
    calls = _run(sandbox, "ensure_venv", uid=1000)
    assert "sudo apt-get" in calls and "sudo env" in calls
    assert "apt-get install -y -qq python3-venv" in calls
    assert calls.index("python3-venv") < calls.index("made venv")
    assert (sandbox["checkout"] / ".venv" / "bin" / "python").exists()
    # Again: the environment works, so nothing is installed or made.
    assert _run(sandbox, "ensure_venv", uid=1000) == ""


def test_root_installs_with_apt_get_directly(sandbox):
    calls = _run(sandbox, "ensure_venv", uid=0)
    assert "apt-get install -y -qq python3-venv" in calls and "sudo" not in calls


def test_a_python_that_can_make_environments_needs_no_apt(sandbox):
    sandbox["has_venv"].touch()
    calls = _run(sandbox, "ensure_venv", uid=1000)
    assert "apt-get" not in calls and "made venv" in calls


def test_the_package_is_installed_once_per_pyproject(sandbox):
    sandbox["has_venv"].touch()
    _run(sandbox, "ensure_venv", uid=0)
    first = _run(sandbox, "ensure_package test", uid=0)
    assert "venv-python -m pip install" in first and f"{sandbox['checkout']}[test]" in first
    assert _run(sandbox, "ensure_package test", uid=0) == ""
    assert _run(sandbox, 'ensure_package ""', uid=0) == ""   # the base is in the test install
    with (sandbox["checkout"] / "pyproject.toml").open("a") as f:
        f.write("# changed\n")
    assert "pip install" in _run(sandbox, "ensure_package test", uid=0)


def test_without_sudo_a_non_root_user_is_told_what_to_run(sandbox):
    (sandbox["bin"] / "sudo").unlink()
    _script(sandbox["bin"] / "id", '[ "$1" = -u ] && echo 1000\n')
    env = {"PATH": f"{sandbox['bin']}{os.pathsep}/usr/bin:/bin",
           "PYTHON": str(sandbox["bin"] / "fakepython3"), "CALLS_LOG": str(sandbox["log"])}
    if shutil.which("sudo", path="/usr/bin:/bin"):
        pytest.skip("this machine has sudo in /usr/bin; the stand-in cannot hide it")
    done = subprocess.run(["bash", "-c", "set -euo pipefail; source scripts/setup_env.sh; "
                           "ensure_venv"], cwd=sandbox["checkout"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "need root to run: apt-get update" in done.stderr
