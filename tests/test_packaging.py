"""Packaging: environment.yml follows pyproject.toml (names and version bounds), the
console script, and CI running the README's test command."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent

#: PyPI name (canonical) -> conda-forge name, or PIP where conda-forge has no package and
#: environment.yml takes it from PyPI under `pip:`. A dependency added to pyproject.toml
#: must be added here after checking conda-forge's spelling (anaconda.org/conda-forge/NAME).
PIP = None
CONDA_FORGE = {
    "rapidfuzz": "rapidfuzz",
    "pyahocorasick": "pyahocorasick",
    "wordfreq": "wordfreq",
    "babel": "babel",
    "simplemma": PIP,                     # not on conda-forge
    "pyyaml": "pyyaml",
    "pandas": "pandas",
    "sqlalchemy": "sqlalchemy",
    "python-dateutil": "python-dateutil",
    "holidays": "holidays",
    "platformdirs": "platformdirs",
    "email-validator": "email-validator",
    "phonenumbers": "phonenumbers",
    "ipywidgets": "ipywidgets",
    "jupyterlab": "jupyterlab",
    "voila": "voila",
    "matplotlib": "matplotlib-base",      # matplotlib without the Qt GUI
    "itables": "itables",
    "anywidget": "anywidget",
    "psycopg": "psycopg",                 # [binary] is pip's way to bundle libpq
    "jupyterhub": "jupyterhub",
    "python-stdnum": "python-stdnum",
    "deduce": PIP,                        # not on conda-forge
    "jinja2": "jinja2",
    "pytest": "pytest",
    "ruff": "ruff",
    "vulture": "vulture",
    "hypothesis": "hypothesis",
    "nbval": "nbval",
    "nbformat": "nbformat",
    "nbclient": "nbclient",
    "playwright": "playwright-python",    # conda-forge's `playwright` is not the bindings
}
#: In environment.yml but not a Python dependency of the package.
CONDA_ONLY = {"python", "pip", "nodejs", "configurable-http-proxy"}


def _pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found: dict[str, Requirement] = {}
    for text in [*project["dependencies"],
                 *(r for extra in project["optional-dependencies"].values() for r in extra)]:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        if name in found:
            assert found[name].specifier == req.specifier, \
                f"{name} has different bounds in different places of pyproject.toml"
        found[name] = req
    return found


def _environment() -> tuple[dict[str, SpecifierSet], dict[str, Requirement]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda, pip = {}, {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            for line in entry["pip"]:
                if line.strip() != "-e .":
                    req = Requirement(line)
                    pip[canonicalize_name(req.name)] = req
            continue
        name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", entry.strip()).groups()
        conda[name] = SpecifierSet(spec)
    return conda, pip


def test_environment_yml_has_every_dependency_with_the_same_bounds():
    conda, pip = _environment()
    expected_conda = set(CONDA_ONLY)
    for name, req in _pyproject_requirements().items():
        assert name in CONDA_FORGE, (f"{name}: add its conda-forge name (or PIP) to the "
                                     "mapping table in tests/test_packaging.py")
        target = CONDA_FORGE[name]
        if target is PIP:
            assert name in pip, f"{name} should be under pip: in environment.yml"
            assert pip[name].specifier == req.specifier, name
        else:
            expected_conda.add(target)
            assert target in conda, f"environment.yml lacks {target} (for {name})"
            assert conda[target] == req.specifier, \
                f"{target}{conda[target]} in environment.yml, {name}{req.specifier} in pyproject"
    assert set(conda) == expected_conda, "environment.yml lists packages pyproject.toml lacks"
    assert set(pip) <= {n for n, t in CONDA_FORGE.items() if t is PIP}


def test_environment_yml_asks_for_the_python_pyproject_supports():
    conda, _ = _environment()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert conda["python"] == SpecifierSet(project["requires-python"])


def test_the_console_script_points_at_the_cli():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"] == {"privacy-desk": "privacy_kb.cli:main"}


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in readme
    assert "bash scripts/test.sh" in ci


def test_the_npm_packages_the_tests_use_are_pinned_by_a_lock_file():
    import json

    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name in ("configurable-http-proxy", "axe-core"):
        assert name in package["devDependencies"]
        assert f"node_modules/{name}" in lock["packages"]
