"""The feedback form: one self-contained HTML file for someone without kohtaa.

It opens in any browser, offline: inline CSS and one inline script (allowed by its hash in
the page's Content-Security-Policy, which forbids everything else: no network, no outside
file). Its button makes the response file (TOML) and saves it as a download; the same text is
shown in the page to copy, should a browser not save downloads. Every text is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html

from kohtaa_tui import i18n
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.feedback import NAMED_ROLES, FeedbackRequest
from kohtaa_tui.i18n import _
from kohtaa_tui.services.feedback_words import role_label

SCRIPT = r"""
(function () {
  "use strict";
  var form = document.getElementById("kohtaa-form");
  var data = form.dataset;
  function pad(n, width) { var s = String(n); while (s.length < width) { s = "0" + s; } return s; }
  function stamp(d) {
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1, 2) + pad(d.getUTCDate(), 2) + "-" +
      pad(d.getUTCHours(), 2) + pad(d.getUTCMinutes(), 2) + pad(d.getUTCSeconds(), 2);
  }
  var random = new Uint8Array(3);
  window.crypto.getRandomValues(random);
  var hex = "";
  for (var i = 0; i < random.length; i++) { hex += pad(random[i].toString(16), 2); }
  var responseId = stamp(new Date()) + "-" + hex;
  function q(text) {
    var out = "\"";
    for (var k = 0; k < text.length; k++) {
      var c = text.charCodeAt(k);
      var ch = text.charAt(k);
      if (c >= 0xD800 && c <= 0xDBFF && k + 1 < text.length) {
        var next = text.charCodeAt(k + 1);
        if (next >= 0xDC00 && next <= 0xDFFF) { out += ch + text.charAt(k + 1); k++; continue; }
      }
      if (c >= 0xD800 && c <= 0xDFFF) { out += "\uFFFD"; }
      else if (ch === "\"") { out += "\\\""; }
      else if (ch === "\\") { out += "\\\\"; }
      else if (ch === "\n") { out += "\\n"; }
      else if (ch === "\t") { out += "\\t"; }
      else if (c < 0x20 || c === 0x7F) { out += "\\u" + pad(c.toString(16), 4); }
      else { out += ch; }
    }
    return out + "\"";
  }
  function responseText() {
    var lines = [
      "schema_version = 1", "kind = \"feedback_response\"",
      "id = " + q(responseId), "request_id = " + q(data.requestId),
      "bank_id = " + q(data.bankId), "bank_version = " + parseInt(data.bankVersion, 10),
      "bank_hash = " + q(data.bankHash), "role = " + q(data.role),
      "answered = " + new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      "lang = " + q(data.lang)
    ];
    var name = form.elements["name"].value.trim();
    if (name) { lines.push("name = " + q(name.slice(0, 100))); }
    var comment = form.elements["comment"].value;
    if (comment.trim()) { lines.push("comment = " + q(comment.slice(0, 10000))); }
    lines.push("", "[answers]");
    var answered = 0;
    var items = data.items.split(" ");
    for (var j = 0; j < items.length; j++) {
      var picked = form.querySelector("input[name='item-" + items[j] + "']:checked");
      if (picked && picked.value !== "") {
        lines.push(items[j] + " = " + parseInt(picked.value, 10));
        answered++;
      }
    }
    return { text: lines.join("\n") + "\n", answered: answered, comment: comment.trim() };
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var made = responseText();
    var status = document.getElementById("kohtaa-status");
    if (!made.answered && !made.comment) { status.textContent = data.msgEmpty; return; }
    var out = document.getElementById("kohtaa-out");
    out.value = made.text;
    out.hidden = false;
    var blob = new Blob([made.text], { type: "application/toml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "kohtaa-feedback-" + responseId + ".toml";
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = data.msgSaved.replace("{file}", link.download);
  });
})();
"""

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #111; background: #fff; }
fieldset { border: 1px solid #888; border-radius: .4rem; margin: 1rem 0; padding: .6rem 1rem; }
legend { font-weight: 600; padding: 0 .3rem; }
label.point { display: inline-block; margin: .2rem .9rem .2rem 0; }
textarea, input[type=text] { width: 100%; box-sizing: border-box; font: inherit; }
button { font: inherit; padding: .5rem 1.2rem; margin: 1rem 0; }
#kohtaa-status { font-weight: 600; }
.hint { color: #444; }
@media print { button, #kohtaa-out { display: none; } }
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_form(request: FeedbackRequest, bank: QuestionBank, lang: str) -> str:
    """The whole form as one HTML document in `lang`."""
    items = bank.observer_items(request.role)
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode()
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; "
              "form-action 'none'; base-uri 'none'")
    named = request.role in NAMED_ROLES
    title = _("Feedback for {name}").format(name=request.asker)
    intro = _("{name} asks for your view on the questions of “{bank}”. You answer as: "
              "{role}.").format(name=request.asker, role=role_label(request.role),
                                bank=bank.title.get(lang))
    how = _("Answer by what you have seen. Leave a question at “can’t say” when you have not "
            "seen it.")
    nothing_sent = _("Nothing is sent anywhere: the button at the end saves a file, which you "
                     "send back to {name} yourself.").format(name=request.asker)
    saved = _("Saved as {file}. Send that file to {name}.").replace("{name}", request.asker)
    empty = _("Answer at least one question or write a comment first.")
    cant_say = _("can’t say")
    out = [
        "<!DOCTYPE html>", f'<html lang="{_h(lang)}">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_h(policy)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        f"<h1>{_h(title)}</h1>", f"<p>{_h(intro)}</p>", f"<p>{_h(how)}</p>",
    ]
    if request.due is not None:
        by = _("Please answer by {date}.").format(date=i18n.day(request.due, lang))
        out.append(f"<p>{_h(by)}</p>")
    out.append(f'<p class="hint">{_h(nothing_sent)}</p>')
    out.append(
        f'<form id="kohtaa-form" data-request-id="{_h(request.id)}" '
        f'data-bank-id="{_h(request.bank_id)}" data-bank-version="{int(request.bank_version)}" '
        f'data-bank-hash="{_h(request.bank_hash)}" data-role="{_h(request.role)}" '
        f'data-lang="{_h(lang)}" data-items="{_h(" ".join(item.id for item in items))}" '
        f'data-msg-saved="{_h(saved)}" data-msg-empty="{_h(empty)}">')
    for number, item in enumerate(items, start=1):
        assert item.observer is not None
        out.append(f'<fieldset id="item-{_h(item.id)}">')
        out.append(f"<legend>{number}. {_h(item.observer.get(lang))}</legend>")
        for point in bank.scale.points:
            label = f"{point} – {bank.scale.label(point, lang)}"
            out.append(f'<label class="point"><input type="radio" name="item-{_h(item.id)}" '
                       f'value="{point}"> {_h(label)}</label>')
        out.append(f'<label class="point"><input type="radio" name="item-{_h(item.id)}" '
                   f'value="" checked> {_h(cant_say)}</label>')
        out.append("</fieldset>")
    name_hint = (_("Your answers are shown with your role; your name is optional.") if named
                 else _("Leave it empty to stay anonymous: answers of colleagues and customers "
                        "are shown only pooled, once enough people have answered."))
    comment_label, name_label = _("A comment (optional)"), _("Your name (optional)")
    button, out_label = _("Save the response file"), _("The response file")
    out += [
        f'<p><label for="kohtaa-comment">{_h(comment_label)}</label><br>',
        '<textarea id="kohtaa-comment" name="comment" rows="4" maxlength="10000"></textarea></p>',
        f'<p><label for="kohtaa-name">{_h(name_label)}</label><br>',
        '<input type="text" id="kohtaa-name" name="name" maxlength="100"><br>',
        f'<span class="hint">{_h(name_hint)}</span></p>',
        f'<button type="submit" id="kohtaa-save">{_h(button)}</button>',
        "</form>",
        '<p id="kohtaa-status" role="status"></p>',
        f'<textarea id="kohtaa-out" rows="12" readonly hidden aria-label="{_h(out_label)}">'
        "</textarea>",
        f"<script>{SCRIPT}</script>",
        "</body>", "</html>", "",
    ]
    return "\n".join(out)
