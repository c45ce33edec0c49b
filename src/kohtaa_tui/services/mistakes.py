"""How often the person tagged a mistake in their reflections: the link from an assessment's
`mistake-<id>` items to the journal's mistake catalogue, counted through the index."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.index_base import EntryFilter

MISTAKE_TAG = "mistake-"


def mistake_ids(tags: Iterable[str]) -> list[str]:
    """The catalogue ids named by `mistake-<id>` tags, in order, each once."""
    found: list[str] = []
    for tag in tags:
        if tag.startswith(MISTAKE_TAG) and tag[len(MISTAKE_TAG):] not in found:
            found.append(tag[len(MISTAKE_TAG):])
    return found


def month_start(ws: Workspace) -> date:
    """The first day of the current month, in the person's own time zone."""
    return local_date(ws.clock.now(), ws.clock.local_tz()).replace(day=1)


def tagged_this_month(ws: Workspace, ids: Iterable[str]) -> dict[str, int]:
    """For each mistake id, the reflections written this month that were tagged with it
    (private ones included: the person sees their own journal). Counted by the index, which
    is first brought up to date with the files; no entry file is parsed for this."""
    wanted = list(ids)
    if not wanted:
        return {}
    since = month_start(ws)
    index = ws.journal(sync="thorough").index
    return {mistake: index.count(EntryFilter(mistake=mistake, since=since,
                                             include_private=True))
            for mistake in wanted}
