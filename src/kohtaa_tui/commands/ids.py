"""Ids given on the command line: their shape checked before any path is built from them,
and an unknown one answered with the nearest known ids (a usage error, exit status 2).

    bank_id = checked_id(args.bank, "bank", "--bank", lambda: known_bank_ids(ws))

`known` may be a callable so that nothing is loaded for an id whose shape is already wrong.
"""

from __future__ import annotations

from kohtaa_tui.commands.errors import UsageError
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.ids import close_ids, id_shape_problem
from kohtaa_tui.i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from kohtaa_tui.services.workspace import Workspace

LIST_AT_MOST = 20
"""An unknown id's error lists every known id when there are at most this many."""


def _what(kind: str) -> str:
    """What a kind of id names, as the error says it."""
    return {
        "bank": _("question bank"),
        "schema": _("journal schema"),
        "goal": _("goal"),
        "entry": _("journal entry"),
        "mistake": _("mistake"),
        "step": _("step"),
        "option": _("option"),
        "field": _("question"),
    }[kind]


def _see(kind: str) -> str:
    """The command that lists the ids of a kind."""
    return {
        "bank": "kohtaa bank list",
        "schema": "kohtaa schema list",
        "goal": "kohtaa goals list --all",
        "entry": "kohtaa journal list",
        "mistake": "kohtaa catalogue mistakes",
        "step": "kohtaa catalogue steps",
        "option": "kohtaa schema list --format json",
        "field": "kohtaa schema list --format json",
    }[kind]


def _shown(value: str) -> str:
    return one_line(value, 40)


def _nearest(value: str, known: list[str]) -> str:
    near = close_ids(value, known)
    if not near:
        return ""
    return _("; did you mean {ids}?").format(ids=_(" or ").join(near))


def shape_message(value: str, option: str, part: bool = False) -> str | None:
    """The one line refusing `value` as an id for `option`, or None when its shape is fine."""
    problem = id_shape_problem(value, part)
    if problem is None:
        return None
    if problem == "empty":
        return _("{option}: give an id").format(option=option)
    reason = {
        "path": _("an id names no folder or file (no /, \\, .., : or leading dot)"),
        "control": _("it holds control characters"),
        "too long": _("an id is at most 64 characters"),
    }.get(problem, _("an id is lowercase letters, digits and hyphens"))
    return _("{option}: \u201c{value}\u201d is not an id: {reason}").format(
        option=option, value=_shown(value), reason=reason)


def checked_id(value: str, kind: str, option: str,
               known: Iterable[str] | Callable[[], Iterable[str]] | None = None,
               part: bool = False) -> str:
    """`value` when it has the shape of an id and (when `known` is given) is one of them;
    else UsageError with one line: what is wrong, the nearest known ids, and the known ids
    when they are few or the command that lists them. `option` names where the id was
    given (`--bank`, or the command for an argument: `goals show`)."""
    shape = shape_message(value, option, part)
    if shape is not None:
        folded = value.strip().casefold()
        near = (_nearest(value, sorted(known() if callable(known) else known))
                if known is not None else
                _nearest(value, [folded]) if id_shape_problem(folded, part) is None else "")
        raise UsageError(shape + near)
    if known is None:
        return value
    ids = sorted(set(known() if callable(known) else known))
    if value in ids:
        return value
    message = _("{option}: unknown {what} \u201c{value}\u201d").format(
        option=option, what=_what(kind), value=_shown(value))
    near = _nearest(value, ids)
    listed = ", ".join(ids)
    if near:
        message += near + " " + (
            _("The known ones: {ids}").format(ids=listed)
            if ids and len(ids) <= LIST_AT_MOST else
            _("See `{command}`.").format(command=_see(kind)))
    else:
        message += (_("; the known ones: {ids}").format(ids=listed)
                    if ids and len(ids) <= LIST_AT_MOST else
                    _("; see `{command}`").format(command=_see(kind)))
    raise UsageError(message)


# -- where the known ids come from ---------------------------------------------------------

def known_bank_ids(ws: Workspace, with_results: bool = False) -> list[str]:
    """The shipped and installed banks (and, `with_results`, the banks of saved results)."""
    from kohtaa_tui.storage.banks import load_banks

    ids = {entry.doc.id for entry in load_banks(ws.store).latest_all()}
    if with_results and ws.store.results_dir.is_dir():
        from kohtaa_tui.domain.ids import is_document_id

        ids.update(p.name for p in ws.store.results_dir.iterdir()
                   if p.is_dir() and is_document_id(p.name))
    return sorted(ids)


def known_schema_ids(ws: Workspace) -> list[str]:
    """The shipped and installed journal schemas."""
    from kohtaa_tui.storage.schemas import load_schemas

    return sorted({schema.id for schema in load_schemas(ws.store).docs()})


def known_goal_ids(ws: Workspace) -> list[str]:
    """Every goal that could be read."""
    return sorted(item.value.id for item in ws.store.goals()[0])


def step_ids() -> tuple[str, ...]:
    """The five steps' ids."""
    from kohtaa_tui.storage.index_base import STEP_IDS

    return STEP_IDS
