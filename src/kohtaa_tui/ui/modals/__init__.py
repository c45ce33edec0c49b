"""Dialogs: each a ModalScreen[T] that returns a typed value."""
