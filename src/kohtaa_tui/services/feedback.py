"""Others' view, between the files and the screens: asking, importing, and putting self
beside others per step (for `kohtaa feedback`, the report and the app)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.feedback import (
    DEFAULT_MIN_GROUP,
    NAMED_ROLES,
    OTHERS,
    ROLES,
    VOICES,
    FeedbackRequest,
    FeedbackResponse,
    OthersView,
    Reading,
    Scored,
    StepView,
    compare,
    request_from_document,
    request_problems,
    request_to_document,
    response_from_document,
    response_problems,
    response_to_document,
    scored,
    voice_of,
)
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.domain.team import ExportedGap
from kohtaa_tui.i18n import _
from kohtaa_tui.services.feedback_words import reading_label, role_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BankCatalogue, BankEntry, load_banks
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.feedback import (
    load_request,
    load_responses,
    response_path,
    responses_dir,
    save_request,
    save_response,
)
from kohtaa_tui.storage.repository import load_document


class FeedbackError(Exception):
    """A request, answer or import that cannot be done, with one line saying why."""


def value_text(value: float | None) -> str:
    """A score as the language writes it, or a dash."""
    return "–" if value is None else i18n.number(value, 1)


def shown_voices(view: OthersView) -> list[str]:
    """The voices that have answers, in their fixed order."""
    return [v for v in VOICES if view.responses.get(v)]


def voice_cell(view: OthersView, step_view: StepView, voice: str) -> str:
    """One voice's score on one step, or why it is not shown."""
    value = step_view.voice(voice)
    if value is None:
        return "–"
    if value.hidden:
        return _("not enough answers yet ({n} of {min})").format(n=value.responses,
                                                                 min=view.min_group)
    return value_text(value.value)


def gap_text(step_view: StepView) -> str:
    """The gap with its sign and its reading in words, or nothing."""
    if step_view.gap is None:
        return ""
    return f"{i18n.signed(step_view.gap, 1)} {reading_label(step_view.reading)}"


def answers_line(view: OthersView) -> str:
    """How many answers each voice gave."""
    counts = ", ".join(f"{role_label(v)} {view.responses[v]}" for v in shown_voices(view))
    return _("Answers: {counts}").format(counts=counts)


def view_table(view: OthersView, lang: str) -> tuple[list[str], list[list[str]]]:
    """The headers and rows of self against each voice per step, with the gap."""
    voices = shown_voices(view)
    headers = [_("Step"), _("you"), *(role_label(v) for v in voices), _("gap")]
    rows = [[get_step(step.step).short.get(lang), value_text(step.self_score),
             *(voice_cell(view, step, v) for v in voices), gap_text(step)]
            for step in view.steps]
    return headers, rows


def reading_lines(view: OthersView, lang: str) -> list[str]:
    """Hidden strengths, blind spots and agreement, each a line naming its steps."""
    readings: tuple[tuple[Reading, str], ...] = (
        ("hidden_strength", _("Hidden strengths (others see more than you do)")),
        ("blind_spot", _("Blind spots (you see more than others do)")),
        ("agreement", _("Where you and others agree")))
    lines: list[str] = []
    for reading, title in readings:
        steps = view.by_reading(reading)
        if steps:
            named = ", ".join(f"{get_step(s.step).short.get(lang)} "
                              f"({i18n.signed(s.gap or 0.0, 1)})" for s in steps)
            lines.append(f"{title}: {named}")
    return lines


def item_gap_lines(bank: QuestionBank, view: OthersView, lang: str) -> list[str]:
    """The questions with the largest gaps, one line each."""
    lines: list[str] = []
    for item_gap in view.items:
        item = bank.item(item_gap.item_id)
        text = item.text.get(lang) if item is not None else item_gap.item_id
        you, others = item_gap.self_value, item_gap.others
        if item is not None and item.reverse:  # the answers as given, not as scored
            turn = bank.scale.min + bank.scale.max
            you, others = turn - you, turn - others
        lines.append(_("{text} — you {you}, others {others} ({reading})").format(
            text=text, you=i18n.number(you, 1), others=i18n.number(others, 1),
            reading=reading_label(item_gap.reading)))
    return lines


# -- asking ---------------------------------------------------------------------------------------

def exact_bank(catalogue: BankCatalogue, bank_id: str, version: int,
               bank_hash: str) -> BankEntry | None:
    """The bank file with exactly these bytes, if this kohtaa has it."""
    entry = catalogue.get(bank_id, version, bank_hash)
    return entry if entry is not None and entry.fingerprint == bank_hash else None


def _refused(bank: QuestionBank, role: str, reason: str) -> str:
    """Why a request cannot be made, in the active language (`reason` is the domain's)."""
    if role in ROLES and not any(item.observer is not None for item in bank.scored_items):
        return _("the bank {bank!r} has no observer wording (`observer` on its items), so "
                 "others cannot answer it").format(bank=bank.id)
    if role in ROLES:
        return _("the bank {bank!r} has no questions for the role {role}; ask someone in "
                 "another role").format(bank=bank.id, role=role_label(role))
    return reason


def make_request(ws: Workspace, bank_id: str, role: str, asker: str, due: date | None,
                 lang: str | None = None) -> tuple[FeedbackRequest, QuestionBank]:
    """Make and keep a new request for the latest version of a bank."""
    catalogue = load_banks(ws.store)
    entry = catalogue.latest(bank_id)
    if entry is None:
        raise FeedbackError(_("there is no bank {bank!r}; see `kohtaa bank list`").format(
            bank=bank_id))
    reason = request_problems(entry.doc, role)
    if reason is not None:
        raise FeedbackError(_refused(entry.doc, role, reason))
    name = " ".join(asker.split())
    if not name or len(name) > 100:
        raise FeedbackError(_("--from: give a name of 1-100 characters"))
    request = FeedbackRequest(id=new_id(ws.clock.now()), bank_id=entry.doc.id,
                              bank_version=entry.doc.version,
                              bank_hash=entry.fingerprint, role=role, asker=name,
                              created=ws.clock.now(), due=due, lang=lang)
    save_request(ws.store, request)
    return request, entry.doc


def askable_banks(ws: Workspace) -> list[tuple[QuestionBank, tuple[str, ...]]]:
    """The latest version of each bank that others can answer, with the roles it asks."""
    out = []
    for entry in load_banks(ws.store).latest_all():
        roles = tuple(r for r in ROLES if request_problems(entry.doc, r) is None)
        if roles:
            out.append((entry.doc, roles))
    return out


def hand_out(request: FeedbackRequest, bank: QuestionBank, target: Path,
             lang: str) -> tuple[Path, Path]:
    """Write the request file to hand out at `target` and its HTML form beside it (`.html`),
    each atomically and never over an existing file (FeedbackError, one line)."""
    from kohtaa_tui.services.feedback_form import render_form
    from kohtaa_tui.storage.atomic import write_atomic
    from kohtaa_tui.storage.codec import dump_toml

    form = target.with_suffix(".html")
    if not target.parent.is_dir():
        raise FeedbackError(_("the folder {folder} does not exist").format(
            folder=target.parent))
    for path in (target, form):
        if path.exists() or path.is_symlink():
            raise FeedbackError(_("{file} already exists").format(file=path))
    try:
        write_atomic(target, dump_toml(request_to_document(request)))
        write_atomic(form, render_form(request, bank, lang).encode("utf-8"))
    except StorageError as error:
        raise FeedbackError(str(error)) from None
    return target, form


def read_request(path: Path) -> FeedbackRequest:
    """A request file handed over (one line naming the file when it cannot be read)."""
    loaded, problems = load_document(path, request_from_document, MAX_FILE_BYTES)
    if loaded is None:
        raise FeedbackError(str(problems[0]) if problems else f"{path}: cannot be read")
    return loaded.value


def request_bank(ws: Workspace, request: FeedbackRequest) -> QuestionBank:
    """The exact bank a request names (FeedbackError when this kohtaa does not have it)."""
    entry = exact_bank(load_banks(ws.store), request.bank_id, request.bank_version,
                       request.bank_hash)
    if entry is None:
        raise FeedbackError(_("this kohtaa does not have the bank {bank} version {version} "
                              "the request was made with; answer with the request's HTML "
                              "form instead").format(bank=request.bank_id,
                                                     version=request.bank_version))
    return entry.doc


def new_response(ws: Workspace, request: FeedbackRequest, answers: Mapping[str, int],
                 comment: str | None, name: str | None, lang: str,
                 response_id: str | None = None) -> FeedbackResponse:
    """A response to `request` answered now (not saved: it is handed back as a file)."""
    return FeedbackResponse(id=response_id or new_id(ws.clock.now()), request_id=request.id,
                            bank_id=request.bank_id,
                            bank_version=request.bank_version, bank_hash=request.bank_hash,
                            role=request.role,
                            answered=ws.clock.now(), answers=dict(answers),
                            comment=(comment or "").strip() or None,
                            name=" ".join((name or "").split()) or None, lang=lang)



def response_file_name(response_id: str) -> str:
    """The response file's name when none is given."""
    return f"feedback-response-{response_id}.toml"


def write_response(ws: Workspace, response: FeedbackResponse, target: Path) -> Path:
    """Write the response to hand back at `target`, atomically and never over a file; never
    inside the answerer's own data (an answer about someone else is not one's own result).
    FeedbackError (one line) when it cannot be written."""
    from kohtaa_tui.storage.atomic import write_atomic
    from kohtaa_tui.storage.codec import dump_toml

    folder = target.parent
    if not folder.is_dir():
        raise FeedbackError(_("the folder {folder} does not exist").format(folder=folder))
    if folder.resolve().is_relative_to(ws.data_dir.resolve()):
        raise FeedbackError(_("{file} is inside your own kohtaa data; save the answer "
                              "somewhere else to hand it back").format(file=target))
    if target.exists() or target.is_symlink():
        raise FeedbackError(_("{file} already exists").format(file=target))
    try:
        write_atomic(target, dump_toml(response_to_document(response)))
    except StorageError as error:
        raise FeedbackError(str(error)) from None
    return target

# -- importing ------------------------------------------------------------------------------------

def import_response(ws: Workspace, catalogue: BankCatalogue, path: Path) -> FeedbackResponse:
    """Validate one response file and keep it; FeedbackError (one line) when refused."""
    loaded, problems = load_document(path, response_from_document, MAX_FILE_BYTES)
    if loaded is None:
        first = problems[0] if problems else Problem(file=str(path), message="cannot be read")
        raise FeedbackError(_("{problem} (not imported)").format(problem=first))
    response = loaded.value
    request = load_request(ws.store, response.request_id)
    if request is None:
        raise FeedbackError(_("{file}: not imported: it answers the request {request}, which "
                              "was not made here").format(file=path,
                                                          request=response.request_id))
    entry = exact_bank(catalogue, request.bank_id, request.bank_version, request.bank_hash)
    if entry is None:
        raise FeedbackError(_("{file}: not imported: the bank {bank} version {version} of its "
                              "request is no longer here").format(
            file=path, bank=request.bank_id, version=request.bank_version))
    found = response_problems(response, request, entry.doc, entry.fingerprint)
    if found:
        raise FeedbackError(_("{file}: not imported: {reason}").format(
            file=path, reason="; ".join(found[:3])))
    if response_path(ws.store, response).exists():
        raise FeedbackError(_("{file}: not imported: this response was imported "
                              "before").format(file=path))
    for other in load_responses(ws.store)[0]:
        same = other.value
        if (same.request_id, same.answered, dict(same.answers), same.comment) == (
                response.request_id, response.answered, dict(response.answers),
                response.comment):
            raise FeedbackError(_("{file}: not imported: the same answers were imported "
                                  "before").format(file=path))
    try:
        save_response(ws.store, response)
    except StorageError as error:
        raise FeedbackError(_("{file}: not imported: {reason}").format(
            file=path, reason=error)) from None
    return response


# -- seeing ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comment:
    """A free comment; a name only for named voices (the pool stays anonymous)."""

    voice: str
    name: str | None
    text: str


@dataclass(frozen=True)
class BankOthers:
    """Self against others on one bank, with what is needed to show it."""

    bank: QuestionBank
    view: OthersView
    own: AssessmentResult | None
    comments: tuple[Comment, ...]
    requests: int


def _bank_of(catalogue: BankCatalogue, bank_id: str, version: int,
             bank_hash: str) -> QuestionBank | None:
    entry = catalogue.get(bank_id, version, bank_hash)
    return entry.doc if entry is not None else None


def others_views(ws: Workspace, bank_id: str | None = None,
                 min_group: int = DEFAULT_MIN_GROUP, since: date | None = None,
                 until: date | None = None) -> tuple[list[BankOthers], list[Problem]]:
    """Others' view per bank that has responses (or only `bank_id`).

    With a period, only responses answered in [since, until] count, and the person's own
    latest result up to `until` (days in the person's zone; min_group counts what is left).
    """
    from kohtaa_tui.storage.feedback import load_requests

    catalogue = load_banks(ws.store)
    loaded, problems = load_responses(ws.store)
    requests, request_problems_found = load_requests(ws.store)
    problems.extend(request_problems_found)
    by_bank: dict[str, list[FeedbackResponse]] = {}
    tz = ws.clock.local_tz()

    def in_period(when: datetime, check_since: bool = True) -> bool:
        day = local_date(when, tz)
        return ((not check_since or since is None or day >= since)
                and (until is None or day <= until))

    for item in loaded:
        if ((bank_id is None or item.value.bank_id == bank_id)
                and in_period(item.value.answered)):
            by_bank.setdefault(item.value.bank_id, []).append(item.value)
    results = sorted((item.value for item in ws.store.results()[0]
                      if in_period(item.value.completed, check_since=False)),
                     key=lambda r: r.completed)
    out: list[BankOthers] = []
    for key in sorted(by_bank):
        latest = catalogue.latest(key)
        responses = by_bank[key]
        bank = latest.doc if latest is not None else _bank_of(
            catalogue, key, responses[-1].bank_version, responses[-1].bank_hash)
        if bank is None:
            problems.append(Problem(file=key,
                                    message="the bank of these responses is not here; install "
                                         "it to see them", severity="warning"))
            continue
        scored_responses: list[Scored] = []
        for response in responses:
            used = _bank_of(catalogue, key, response.bank_version, response.bank_hash)
            if used is not None:
                scored_responses.append(scored(response.id, response.role, used,
                                               response.answers))
        mine = [r for r in results if r.bank_id == key]
        own_result = mine[-1] if mine else None
        own = None
        if own_result is not None:
            own_bank = _bank_of(catalogue, key, own_result.bank_version, own_result.bank_hash)
            if own_bank is not None:
                own = scored("self", "self", own_bank, own_result.answers)
        view = compare(own, scored_responses, bank.scale.min, bank.scale.max, min_group,
                       {item.id: item.step for item in bank.scored_items if item.step})
        out.append(BankOthers(bank, view, own_result, _comments(responses, view),
                              sum(1 for r in requests if r.value.bank_id == key)))
    return out, problems


def _comments(responses: list[FeedbackResponse], view: OthersView) -> tuple[Comment, ...]:
    """Named voices' comments with their names; the pool's only when the pool is big enough
    to show, without names, in alphabetical order (so order tells nothing either)."""
    named = [Comment(r.role, r.name, r.comment) for r in responses
             if r.comment and r.role in NAMED_ROLES]
    pooled: list[Comment] = []
    if view.responses.get(OTHERS, 0) >= view.min_group:
        seen: set[str] = set()
        for r in responses:
            if r.comment and voice_of(r.role) == OTHERS and r.id not in seen:
                seen.add(r.id)
                pooled.append(Comment(OTHERS, None, r.comment))
        pooled.sort(key=lambda c: c.text)
    return (*named, *pooled)


@dataclass(frozen=True)
class FeedbackSummary:
    """The dashboard's line: how many answers, and the largest blind spot (or, without one,
    the largest hidden strength) over the banks with answers."""

    responses: int
    step: str | None = None
    reading: Reading | None = None
    gap: float | None = None


def feedback_summary(ws: Workspace) -> FeedbackSummary | None:
    """None when no response was ever imported (then nothing else is read)."""
    folder = responses_dir(ws.store)
    try:
        if not folder.is_dir() or not any(folder.iterdir()):
            return None
    except OSError:
        return None
    found, _problems = others_views(ws)
    if not found:
        return None
    total = sum(sum(item.view.responses.values()) for item in found)
    readings: tuple[Reading, ...] = ("blind_spot", "hidden_strength")
    for reading in readings:
        steps = [s for item in found for s in item.view.by_reading(reading)]
        if steps:
            top = max(steps, key=lambda s: abs(s.gap or 0.0))
            return FeedbackSummary(total, top.step, top.reading, top.gap)
    return FeedbackSummary(total)


@dataclass(frozen=True)
class BlindSpotGoal:
    """A goal drawn from the largest blind spot of one bank: what the new-goal dialog is
    filled with (a goal checked in by hand; the next round of feedback shows the gap)."""

    step: str
    title: str
    why: str


def blind_spot_goal(found: BankOthers, lang: str, due: date) -> BlindSpotGoal | None:
    """The goal for the step where the person rates themselves most above how others see
    them, or None when there is no blind spot."""
    spot = found.view.largest_blind_spot()
    if spot is None or spot.self_score is None or spot.others is None:
        return None
    step = get_step(spot.step)
    title = _("I close the gap in {step} between how I see it ({me}) and how others see it "
              "({others}).").format(step=step.short.get(lang).lower() if lang == "en"
                                    else step.short.get(lang),
                                    me=i18n.number(spot.self_score, 1, lang),
                                    others=i18n.number(spot.others, 1, lang))
    why: list[str] = []
    lines = item_gap_lines(found.bank, replace(found.view, items=tuple(
        g for g in found.view.items if g.step == spot.step and g.reading == "blind_spot")),
        lang)
    if lines:
        why.append(_("The largest gap: {line}.").format(line=lines[0]))
    why.append(_("I ask the same people again by {date}.").format(date=i18n.day(due, lang)))
    return BlindSpotGoal(step.id, title, " ".join(why))


def exported_gaps(ws: Workspace, bank_id: str) -> tuple[ExportedGap, ...]:
    """Others' view of one bank as a results export carries it: per step with both numbers
    shown, the person's own score, others' (only what their own view shows) and the gap's
    reading."""
    found, _problems = others_views(ws, bank_id)
    return tuple(ExportedGap(bank_id=item.bank.id, step=step.step, self_score=step.self_score,
                             others=step.others,
                             reading=step.reading)
                 for item in found for step in item.view.steps
                 if step.self_score is not None and step.others is not None
                 and step.reading is not None)
