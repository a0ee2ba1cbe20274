"""Who made a change: an explicit ``by``, else the register's ``by``, else the
JupyterHub login; never a silent default from the server's account."""

import pytest

from privacy_kb import open_register
from privacy_kb.errors import ValidationError

from .conftest import new_request


@pytest.fixture
def anonymous(tmp_path, clock, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    reg = open_register(tmp_path / "r.sqlite3", clock=clock)
    yield reg
    reg.close()


def test_a_change_without_a_name_is_refused_and_writes_nothing(anonymous):
    with pytest.raises(ValidationError) as info:
        new_request(anonymous)
    assert info.value.codes() == {"by": ["who_required"]}
    assert "Wie voert deze wijziging uit" in info.value.message("nl")
    assert len(anonymous) == 0
    req = new_request(anonymous, by="Anna")
    with pytest.raises(ValidationError):
        anonymous.set_status(req.id, "in_progress")
    assert anonymous.get(req.id).status == "received"
    assert [r["by"] for r in anonymous.audit_rows(req.id)] == ["Anna"]


def test_the_jupyterhub_login_is_used(anonymous, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "anna.devries")
    req = new_request(anonymous)
    assert anonymous.audit_rows(req.id)[0]["by"] == "anna.devries"
    anonymous.set_status(req.id, "in_progress", by="Bram")
    assert anonymous.audit_rows(req.id)[-1]["by"] == "Bram"

