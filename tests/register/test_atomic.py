"""``Register.atomic``: one transaction around many changes; nested blocks are
savepoints; an error rolls back and is re-raised (nothing half-written)."""

import pytest

from privacy_kb.errors import ValidationError

from .conftest import new_request


def test_changes_in_one_block_commit_together(register):
    with register.atomic():
        a = new_request(register)
        register.acknowledge(a.id, on="2026-11-03")
        assert register.get(a.id).acknowledged_on is not None   # seen inside
    assert len(register) == 1 and len(register.audit_rows(a.id)) == 2


def test_an_error_rolls_the_whole_block_back_and_is_re_raised(register):
    with pytest.raises(RuntimeError, match="boom"):
        with register.atomic():
            new_request(register)
            new_request(register)
            raise RuntimeError("boom")
    assert len(register) == 0
    assert new_request(register).id == "VZ-2026-0001"     # no id was used up


def test_a_nested_block_is_a_savepoint(register):
    with register.atomic():
        kept = new_request(register)
        with pytest.raises(ValidationError):
            with register.atomic():
                new_request(register, name="Weg")
                register.acknowledge(kept.id, on="2030-01-01")   # refused: future
        assert register.ids() == [kept.id]
    assert register.ids() == [kept.id]
    assert register.get(kept.id).acknowledged_on is None


def test_a_refused_command_inside_a_block_leaves_the_rest(register):
    with register.atomic():
        a = new_request(register)
        with pytest.raises(ValidationError):
            register.set_status(a.id, "closed")          # no decision yet
        register.set_status(a.id, "in_progress")
    assert register.get(a.id).status == "in_progress"
