"""A corpus of hostile strings: markup, action links, escapes, bidi, huge and odd text."""

from __future__ import annotations

ACTION = "[@click=app.pwned('x')]CLICK ME[/]"
SCREENSHOT = "[@click=app.screenshot('leak.svg','/tmp')]shot[/]"
UNBALANCED = "x [/] y"
SWALLOWED = "[x] done [TODO] [Matti] said"
STYLE = "[b]bold[/b] [red]unclosed"
OSC_TITLE = "A\x1b]2;PWNED-TITLE\x1b\\B"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
CSI_CLEAR = "\x1b[2J\x1b[H"
BIDI = "abc\u202edcba\u2066x\u2069"
NUL_DEL = "nul\x00del\x7fc1\x85"
VARIABLE = "$name ${name} \\[not markup\\] ends with backslash\\"
LINK = "[link=https://example.com]site[/link]"

PAYLOADS: tuple[str, ...] = (ACTION, SCREENSHOT, UNBALANCED, SWALLOWED, STYLE, OSC_TITLE,
                             OSC_CLIPBOARD, CSI_CLEAR, BIDI, NUL_DEL, VARIABLE, LINK)
"""Every payload; a test puts them in every text it can."""

ALL_IN_ONE = " | ".join(PAYLOADS)
"""All payloads in one string, for places that hold one text."""

VISIBLE_MARKERS: tuple[str, ...] = ("CLICK ME", "x [/] y", "[x] done", "[TODO]", "[Matti]",
                                    "[b]bold[/b]", "PWNED-TITLE", "$name")
"""Fragments that must be visible, literally, wherever the payloads are shown."""

RAW_ESCAPES: tuple[str, ...] = ("\x1b]", "\x1b[", "\x00", "\u202e")
"""Characters that must never reach the screen raw."""

HUGE_LINE = "long line " * 100_000
"""A 1 MB line without a newline (kept out of PAYLOADS: it is over most text limits)."""

LONE_SURROGATE = "broken \ud83d paste"
"""Half an emoji, as a broken paste leaves it: cannot be encoded as UTF-8 or saved."""
