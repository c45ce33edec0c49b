"""Random interleavings of edits and syncs on two devices converge with nothing lost."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaa_tui.storage.codec import parse_toml
from tests.sync_devices import Device, bare_remote

steps = st.lists(st.tuples(st.sampled_from(["entry", "edit", "check_in", "sync"]),
                           st.integers(0, 1), st.integers(0, 3)), min_size=1, max_size=7)


@pytest.mark.slow
@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps)
def test_two_devices_converge_and_keep_every_check_in_and_text(
        plan: list[tuple[str, int, int]]) -> None:
    """After a final sync in both directions, both data directories are equal and hold
    every entry, every check-in and every text written on either."""
    with TemporaryDirectory() as folder:
        root = Path(folder)
        remote = bare_remote(root)
        devices = [Device(root, "laptop", remote), Device(root, "home", remote)]
        for device in devices:
            device.init()
        devices[0].new_goal("g1")
        devices[0].sync()
        devices[1].sync()
        entries: dict[int, list[str]] = {0: [], 1: []}
        live: dict[str, set[str]] = {}
        """Per entry, the texts written and not knowingly replaced: a device that edits an
        entry replaces the texts it has in its own copy, never ones it has not seen."""
        check_ins: list[str] = []
        for n, (action, who, pick) in enumerate(plan):
            device = devices[who]
            if action == "entry":
                ident = f"e{who}x{n}"
                text = f"entry {ident} text"
                device.new_entry(ident, text)
                entries[who].append(ident)
                live[ident] = {text}
            elif action == "edit":
                mine = entries[who] + [e for e in entries[1 - who]
                                       if any(e in rel for rel in device.files())]
                if not mine:
                    continue
                ident = mine[pick % len(mine)]
                text = f"edit {n} of {ident} on device {who}"
                own = b"".join(data for rel, data in device.files().items() if ident in rel)
                live[ident] = {t for t in live[ident] if t.encode() not in own} | {text}
                device.edit_entry(ident, text, minutes=n + 1)
            elif action == "check_in":
                ident = f"c{who}x{n}"
                device.check_in("g1", ident, f"note {ident}", n)
                check_ins.append(ident)
            else:
                device.sync()
        devices[0].sync()
        devices[1].sync()
        devices[0].sync()
        one, other = devices[0].files(), devices[1].files()
        assert one == other
        goal = parse_toml(one["goals/g1.toml"])
        assert sorted(c["id"] for c in goal["check_ins"]) == sorted(check_ins)
        everything = b"\n".join(data for rel, data in one.items()
                                if rel.startswith(("journal/", "sync-conflicts/")))
        for ident in entries[0] + entries[1]:
            assert any(ident in rel for rel in one), ident
        lost = [text for kept in live.values() for text in kept
                if text.encode() not in everything]
        assert not lost
        assert b"<<<<<<<" not in everything
