"""Every loader, fed arbitrary bytes, arbitrary TOML, or a valid document with one part
broken: problems come back naming the file, never an exception."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.services.workspace import load_settings
from kohtaa_tui.storage.banks import BANKS
from kohtaa_tui.storage.codec import dump_toml
from kohtaa_tui.storage.kinds import KINDS as REGISTRY
from kohtaa_tui.storage.repository import Loaded, load_document
from tests import strategies as s

REGISTERED = {kind.name: kind for kind in REGISTRY}
"""Every kind of document, from the registry the store and doctor use."""
PARSERS: dict[str, Callable[[Mapping[str, Any]], tuple[Any, list[Any]]]] = {
    name: kind.reader for name, kind in REGISTERED.items()}
KIND_NAMES = {name: name for name in REGISTERED}
VALID: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], Mapping[str, Any]]]] = {
    name: (s.VALID_BY_KIND[name], kind.writer) for name, kind in REGISTERED.items()}


def load_everywhere(data: bytes, kinds: tuple[str, ...] = tuple(PARSERS)) -> None:
    """Load `data` as each of `kinds`, through each entry point; only problems may come back."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzzed.toml"
        path.write_bytes(data)
        for kind in kinds:
            loaded, problems = load_document(path, PARSERS[kind])
            check(path, loaded, problems)
        if "question_bank" in kinds:
            _raw, loaded_bank, problems = BANKS.read(path)
            check(path, loaded_bank, problems)
        if "config" in kinds:
            (Path(tmp) / "config.toml").write_bytes(data)
            _settings, problems = load_settings(Path(tmp))
            check(Path(tmp) / "config.toml", None, problems)


def check(path: Path, loaded: Loaded[Any] | None, problems: list[Problem]) -> None:
    assert loaded is None or isinstance(loaded, Loaded)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == str(path)
        assert problem.message and str(problem).startswith(str(path))
        assert problem.line is None or problem.line >= 1


@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    load_everywhere(data)


@given(st.lists(st.sampled_from([
    b"[", b"]", b"[[", b"]]", b"=", b'"', b"'", b'"""', b"\n", b"a", b"items", b"1",
    b"2026-11-22", b"T12:00:00Z", b"{", b"}", b",", b".", b"\xef\xbb\xbf", b"\xff", b"\x00",
    b"#", b"kind", b"schema_version", b"inf", b"nan", b"99999999999999999999", b"\\u0000",
]), max_size=40).map(b"".join))
def test_toml_shaped_bytes(data: bytes) -> None:
    load_everywhere(data)


@pytest.mark.parametrize("kind", PARSERS)
@given(document=s.toml_documents, version=st.sampled_from([1, 2, 0, -1, "1", 2**63 - 1]))
def test_arbitrary_toml_documents(kind: str, document: dict[str, Any], version: Any) -> None:
    """Any TOML, with the right kind and a plausible header, or none."""
    load_everywhere(tomli_w.dumps(document).encode("utf-8"), (kind,))
    headed = {"schema_version": version, "kind": KIND_NAMES[kind], **document}
    load_everywhere(tomli_w.dumps(headed).encode("utf-8"), (kind,))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, Mapping):
        for key, inner in value.items():
            out.extend(_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            out.extend(_paths(inner, (*prefix, index)))
    return out


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, Mapping):
        copy = dict(value)
        if new is _DROP and not rest:
            copy.pop(head, None)
        else:
            copy[head] = _replace(value[head], rest, new)
        return copy
    copy_list = list(value)
    if new is _DROP and not rest:
        del copy_list[head]
    else:
        copy_list[head] = _replace(value[head], rest, new)
    return copy_list


_DROP = object()


@pytest.mark.parametrize("kind", PARSERS)
@given(data=st.data())
def test_valid_document_with_one_part_broken(kind: str, data: st.DataObject) -> None:
    """Deep branches: a valid document with one value replaced, removed, or re-typed."""
    strategy, to_document = VALID[kind]
    document = tomli_w_ready(to_document(data.draw(strategy)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        new = data.draw(st.one_of(st.just(_DROP), s.toml_values,
                                  st.sampled_from(["", "../x", "a/b", "CON", "x\x00", -1, 0,
                                                   2**63 - 1, [], {}, True, 1.5])))
        document = _replace(document, path, new)
    load_everywhere(tomli_w.dumps(document).encode("utf-8"), (kind,))


def tomli_w_ready(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document as the codec would write it (UTC times, no None)."""
    import tomllib

    return tomllib.loads(dump_toml(document).decode("utf-8"))
