"""The register's modules talk through public names only: no module reaches into
another's private (``_``-prefixed) names, migrate and demo included."""

import ast
from pathlib import Path

import privacy_kb

PACKAGE = Path(privacy_kb.__file__).parent
FILES = sorted((PACKAGE / "register").glob("*.py")) + [PACKAGE / "report.py"]


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("privacy_kb"):
            found += [f"import {a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
        elif (isinstance(node, ast.Attribute) and node.attr.startswith("_")
              and not node.attr.startswith("__")
              and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    offenders = {p.name: private_uses(p) for p in FILES}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_design_notes_cited_in_docstrings_exist():
    import re

    cited = set()
    for path in PACKAGE.rglob("*.py"):
        cited.update(re.findall(r"docs/[\w.-]+\.md", path.read_text(encoding="utf-8")))
    assert cited, "no design note cited at all?"
    missing = sorted(c for c in cited if not (PACKAGE.parent / c).exists())
    assert missing == []
