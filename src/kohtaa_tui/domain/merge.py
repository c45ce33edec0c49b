"""Three-way merge of two versions of one document by meaning (the rules of docs/sync.md).

The same document changed on two devices since their last common version (the base) is
merged field by field, never line by line:

- a field changed on one side only takes that side's value (a removal included);
- a field changed on both sides to the same value takes it;
- tables merge key by key, all the way down;
- lists of tables with an `id` (a goal's check-ins) are a union by id: nothing is lost or
  doubled; the same id on both sides merges as a table; a list whose items carry an `at`
  time is ordered by it;
- lists of plain values (tags, linked goals) merge as sets: what one side added is added,
  what one side removed (and the other kept) is removed;
- a text changed differently on both sides keeps both: the newer side's text, then a
  separator line, then the other's (when one text already holds the other, the longer one
  is kept as it is: merging twice adds nothing);
- anything else changed on both sides (a number, a date, a yes/no) takes the newer side's
  value; the older one stays in the history of the repository;
- a field removed on one side and changed on the other keeps the changed value.

"Newer" is the side whose `updated` time is later; without it, the side whose latest
check-in is later; on a tie, a fixed order of the two documents' contents, so that the
result does not depend on which device merges (merge(base, a, b) == merge(base, b, a)).

Pure: documents in, a document out; parsing, validation and files are the caller's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

TEXT_SEPARATOR = "\n\n--- kohtaa sync: the same text as written on another device ---\n\n"
"""Between the two texts of a field edited on two devices (no git conflict markers)."""


class _Missing:
    """A key that a version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, kw_only=True)
class MergeOutcome:
    """A merged document, and the fields where both sides made different changes."""

    document: dict[str, Any] | None
    """None when the two versions are not the same kind of document: keep both files."""
    conflicts: tuple[str, ...] = ()
    """Dotted paths of fields changed differently on both sides (settled by the rules)."""
    texts_kept: tuple[str, ...] = field(default=())
    """The conflicts among them where both texts were kept."""


def _latest_check_in(doc: Mapping[str, Any]) -> Any:
    items = doc.get("check_ins")
    if not isinstance(items, list):
        return None
    times: list[datetime] = [item["at"] for item in items
                             if isinstance(item, Mapping) and isinstance(item.get("at"), datetime)]
    return max(times, key=_sortable_time) if times else None


def _sortable_time(value: datetime) -> tuple[float, str]:
    try:
        return (value.timestamp(), "")
    except (OverflowError, OSError, ValueError):  # pragma: no cover - extreme dates
        return (0.0, value.isoformat())


def _stamp(doc: Mapping[str, Any]) -> tuple[float, str] | None:
    updated = doc.get("updated")
    if isinstance(updated, datetime):
        return _sortable_time(updated)
    latest = _latest_check_in(doc)
    return _sortable_time(latest) if latest is not None else None


def canonical(value: Any) -> str:
    """A text that orders and compares documents the same way on every device."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{canonical(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, datetime | date | time):
        return f"{type(value).__name__}({value.isoformat()})"
    return f"{type(value).__name__}({value!r})"


def _ours_newer(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    """Whether `ours` counts as the newer side (see the module's rules)."""
    mine, other = _stamp(ours), _stamp(theirs)
    if mine is not None and other is not None and mine != other:
        return mine > other
    if (mine is None) != (other is None):
        return mine is not None
    return canonical(ours) >= canonical(theirs)


def merge_documents(base: Mapping[str, Any] | None, ours: Mapping[str, Any],
                    theirs: Mapping[str, Any]) -> MergeOutcome:
    """Merge two versions of a document changed since `base` (None: no common version)."""
    if ours.get("kind") != theirs.get("kind"):
        return MergeOutcome(document=None)
    if ours == theirs:
        return MergeOutcome(document=dict(ours))
    state = _State()
    if _ours_newer(ours, theirs):
        newer, older = ours, theirs
    else:
        newer, older = theirs, ours
    merged = _merge(base if base is not None else {}, newer, older, "", state)
    assert isinstance(merged, dict)
    return MergeOutcome(document=merged, conflicts=tuple(state.conflicts),
                        texts_kept=tuple(state.texts))


@dataclass
class _State:
    conflicts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _same(one: Any, other: Any) -> bool:
    if one is MISSING or other is MISSING:
        return one is other
    return type(one) is type(other) and one == other


def _merge(base: Any, newer: Any, older: Any, where: str, state: _State) -> Any:
    """`newer` and `older` are the two sides, named by which one wins a conflict."""
    if _same(newer, older):
        return newer
    if _same(base, newer):
        return older
    if _same(base, older):
        return newer
    if newer is MISSING or older is MISSING:
        # Removed on one side, changed on the other: keep what was changed.
        return older if newer is MISSING else newer
    if isinstance(newer, Mapping) and isinstance(older, Mapping):
        return _merge_tables(base if isinstance(base, Mapping) else {}, newer, older, where,
                             state)
    if isinstance(newer, list) and isinstance(older, list):
        merged = _merge_lists(base if isinstance(base, list) else [], newer, older, where,
                              state)
        if merged is not None:
            return merged
    state.conflicts.append(where or "(document)")
    if isinstance(newer, str) and isinstance(older, str):
        return _both_texts(newer, older, where, state)
    return newer


def _merge_tables(base: Mapping[str, Any], newer: Mapping[str, Any],
                  older: Mapping[str, Any], where: str, state: _State) -> dict[str, Any]:
    keys = list(newer) + [k for k in older if k not in newer] + \
        [k for k in base if k not in newer and k not in older]
    merged: dict[str, Any] = {}
    for key in keys:
        value = _merge(base.get(key, MISSING), newer.get(key, MISSING),
                       older.get(key, MISSING), f"{where}.{key}" if where else key, state)
        if value is not MISSING:
            merged[key] = value
    return merged


def _item_id(item: Any) -> str | None:
    if isinstance(item, Mapping):
        ident = item.get("id")
        if isinstance(ident, str) and ident:
            return ident
    return None


def _ids(items: Sequence[Any]) -> list[str] | None:
    """The ids of a list of tables that all carry a distinct one, else None."""
    ids = [_item_id(item) for item in items]
    if any(ident is None for ident in ids) or len(set(ids)) != len(ids):
        return None
    return [ident for ident in ids if ident is not None]


def _hashable(items: Sequence[Any]) -> bool:
    return all(isinstance(item, str | int | float | bool | date | time) for item in items)


def _merge_lists(base: list[Any], newer: list[Any], older: list[Any], where: str,
                 state: _State) -> list[Any] | None:
    """A union by id, a three-way set merge, or None when neither fits."""
    newer_ids, older_ids = _ids(newer), _ids(older)
    if newer_ids is not None and older_ids is not None and (newer or older):
        base_by_id = {_item_id(item): item for item in base if _item_id(item) is not None}
        older_by_id = dict(zip(older_ids, older, strict=True))
        merged = []
        for ident, item in zip(newer_ids, newer, strict=True):
            if ident in older_by_id:
                merged.append(_merge(base_by_id.get(ident, MISSING), item,
                                     older_by_id[ident], f"{where}[{ident}]", state))
            else:
                merged.append(item)
        seen = set(newer_ids)
        merged.extend(item for ident, item in zip(older_ids, older, strict=True)
                      if ident not in seen)
        times = [item.get("at") if isinstance(item, Mapping) else None for item in merged]
        if all(isinstance(t, datetime) for t in times):
            stamps = [_sortable_time(t) for t in times if isinstance(t, datetime)]
            order = sorted(range(len(merged)),
                           key=lambda i: (stamps[i], _item_id(merged[i]) or ""))
            merged = [merged[i] for i in order]
        return merged
    if _hashable(newer) and _hashable(older) and _hashable(base):
        def key(value: Any) -> tuple[str, Any]:
            return (type(value).__name__, value)

        base_keys = {key(v) for v in base}
        newer_keys = {key(v) for v in newer}
        older_keys = {key(v) for v in older}
        result: list[Any] = []
        taken: set[tuple[str, Any]] = set()
        for value in (*newer, *older):
            k = key(value)
            if k in taken:
                continue
            removed = k in base_keys and (k not in newer_keys or k not in older_keys)
            if not removed:
                result.append(value)
                taken.add(k)
        return result
    return None


def _both_texts(newer: str, older: str, where: str, state: _State) -> str:
    """Both texts of a field edited on two devices, without losing either."""
    if not older.strip() or older in newer:
        return newer
    if not newer.strip() or newer in older:
        return older
    state.texts.append(where)
    return newer + TEXT_SEPARATOR + older
