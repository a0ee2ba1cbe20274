"""Each notebook, run as a user runs it, builds the whole page (not a half-built one
with an error message in place of a part). nbval also runs them (`--nbval-lax`); here a
check cell is appended in memory, so the saved notebooks stay thin and show nothing
extra in Voila."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

CHECKS = {
    "privacy_desk.ipynb": (
        "print([app.tabs.get_title(i) for i in range(len(app.tabs.children))],"
        " app.register is not None, app.assistant is not None)",
        "['Vragen', 'Verzoek registreren', 'Register'] True True"),
    "training.ipynb": (
        "print(len(training.walkthrough.steps), len(training.quiz.session) > 0)",
        "21 True"),
    "register_report.ipynb": (
        "print(type(report).__name__, report.demo)",
        "ReportView True"),
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_notebook_builds_its_whole_page(name, tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_DB", str(tmp_path / "register.db"))
    monkeypatch.setenv("PRIVACY_DESK_GAPS", str(tmp_path / "gaps.jsonl"))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    source, expected = CHECKS[name]
    nb.cells.append(nbformat.v4.new_code_cell(source))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    output = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert output.strip() == expected


def test_every_notebook_is_checked():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(CHECKS)
