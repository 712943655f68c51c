"""Changes: what an operation touched, merged and asked about as pages do."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.changes import KIND_OF_TABLE, Changes, Kind


def test_a_change_touches_only_its_kinds():
    changes = Changes.of(Kind.HOUSES, Kind.LEASES)
    assert changes.touches(Kind.LEASES)
    assert changes.touches(Kind.RENT, Kind.HOUSES)
    assert not changes.touches(Kind.RULES)
    assert not changes.touches()
    assert changes
    assert not Changes()
    assert str(changes) == "houses, leases"


def test_everything_touches_every_kind():
    everything = Changes.everything()
    assert all(everything.touches(kind) for kind in Kind)
    assert everything and str(everything) == "everything"


def test_changes_merge():
    merged = Changes.of(Kind.HOUSES) | Changes.of(Kind.RULES)
    assert merged == Changes.of(Kind.RULES, Kind.HOUSES)
    assert (Changes() | Changes.everything()).all
    assert (Changes.of(Kind.HOUSES) | Changes()) == Changes.of(Kind.HOUSES)


def test_tables_name_their_kind():
    assert Changes.of_tables(["house", "lease", "audit_event"]) == Changes.of(
        Kind.HOUSES, Kind.LEASES
    )
    assert not Changes.of_tables(["audit_event"])
    with pytest.raises(KeyError):
        Changes.of_tables(["no_such_table"])


def test_every_storage_table_has_a_kind():
    """A new table must say what kind of record it holds, or no page would hear of it."""
    from gwinong_desktop.storage.models import Base

    assert set(Base.metadata.tables) == set(KIND_OF_TABLE)
    shown = {kind for kind in KIND_OF_TABLE.values() if kind is not None}
    assert shown == set(Kind)  # and every kind is some table's
