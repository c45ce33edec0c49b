"""Feedback requests and the responses imported for them, in the data directory.

Layout:
  <data>/feedback-requests/<request-id>.toml                  each request asked
  <data>/feedback-responses/<request-id>/<response-id>.toml   each response imported

Both are written once (a file already there is never replaced) through the store's one
write path: atomic, under the lock, never through a link, never over an unreadable file.
"""

from __future__ import annotations

from pathlib import Path

from kohtaa_tui.domain.feedback import (
    FeedbackRequest,
    FeedbackResponse,
    request_from_document,
    request_to_document,
    response_from_document,
    response_to_document,
)
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.repository import Loaded, Store, load_document, safe_id


def requests_dir(store: Store) -> Path:
    """Where requests are kept."""
    return store.data_dir / "feedback-requests"


def responses_dir(store: Store) -> Path:
    """Where imported responses are kept, one folder per request."""
    return store.data_dir / "feedback-responses"


def request_path(store: Store, request_id: str) -> Path:
    """The file of one request."""
    return requests_dir(store) / f"{safe_id(request_id)}.toml"


def response_path(store: Store, response: FeedbackResponse) -> Path:
    """The file of one imported response."""
    return (responses_dir(store) / safe_id(response.request_id)
            / f"{safe_id(response.id)}.toml")


def save_request(store: Store, request: FeedbackRequest) -> Loaded[FeedbackRequest]:
    """Keep a new request (ConflictError when one with its id exists)."""
    path = request_path(store, request.id)
    return Loaded(request, path, store.write(path, request_to_document(request), None,
                                             request_from_document))


def save_response(store: Store, response: FeedbackResponse) -> Loaded[FeedbackResponse]:
    """Keep a new imported response (ConflictError when it was imported before)."""
    path = response_path(store, response)
    return Loaded(response, path, store.write(path, response_to_document(response), None,
                                              response_from_document))


def load_request(store: Store, request_id: str) -> FeedbackRequest | None:
    """The kept request with this id, or None (also for an unreadable file)."""
    loaded, _problems = load_document(request_path(store, request_id), request_from_document)
    return loaded.value if loaded is not None else None


def load_requests(store: Store) -> tuple[list[Loaded[FeedbackRequest]], list[Problem]]:
    """Every kept request, oldest first."""
    loaded, problems = store.load_all(requests_dir(store), request_from_document)
    loaded.sort(key=lambda item: (item.value.created, item.value.id))
    return loaded, problems


def load_responses(store: Store) -> tuple[list[Loaded[FeedbackResponse]], list[Problem]]:
    """Every imported response, oldest first."""
    loaded, problems = store.load_all(responses_dir(store), response_from_document,
                                      MAX_FILE_BYTES)
    loaded.sort(key=lambda item: (item.value.answered, item.value.id))
    return loaded, problems
