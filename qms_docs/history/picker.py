"""The register page's date field: "which version applied on D?", answered in the browser,
offline, from the spans built into the page (a JSON block, never executed) by a small script
served from the site itself (so the site's Content-Security-Policy allows it without an inline
script). Without JavaScript the table shows the answer for the build date.

The script applies the same rule as `qms in-force` (history/inforce.py: `pick` and
`Span.state`) to the same data (`site_data`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from ..caf.md import date as fmt_date
from ..model import QMS
from ..model.editions import edition_number
from .inforce import RULE, in_force, site_data

MARKER = "{{qms-in-force-picker}}"
SCRIPT = "assets/qms/in-force.js"

_L = {
    "ro": {"label": "Data", "answer": "Versiunile în vigoare la data", "code": "Cod",
           "title": "Titlu", "edition": "Ediția", "revision": "Revizia",
           "from": "În vigoare de la", "to": "Până la", "status": "Stare"},
    "en": {"label": "Date", "answer": "Versions in force on", "code": "Code", "title": "Title",
           "edition": "Edition", "revision": "Revision", "from": "In force from",
           "to": "Until", "status": "Status"},
}


def picker_html(qms: QMS, lang: str, day: str, href: Callable[[str, int, int], str | None]
                ) -> str:
    """The form, the answer for `day` (the build date) and the data. href(code, e, r): the
    relative URL of a version's page, or None."""
    t = _L["en" if lang == "en" else "ro"]
    numerals = qms.config.edition_numerals
    data = site_data(qms, lang)
    data["lang"] = "en" if lang == "en" else "ro"
    for d in data["documents"]:
        for v in d["versions"]:
            v["label"] = edition_number(v["edition"], numerals, lang)
            v["href"] = href(d["code"], v["edition"], v["revision"]) or ""
    rows = []
    for e in in_force(qms, day, lang):
        link = href(e.code, e.edition, e.revision)
        code = f'<a href="{escape(link)}">{escape(e.code)}</a>' if link else escape(e.code)
        cells = [code, escape(e.title), escape(edition_number(e.edition, numerals, lang)),
                 str(e.revision), escape(fmt_date(e.start, lang)),
                 escape(fmt_date(e.end, lang)) if e.end else "—", escape(e.status)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{escape(t[k])}</th>' for k in
                   ("code", "title", "edition", "revision", "from", "to", "status"))
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (f'<div id="qms-in-force" class="qms-in-force">'
            f'<p class="qms-in-force-rule">{escape(RULE["en" if lang == "en" else "ro"])}</p>'
            f'<p><label for="qms-in-force-date">{escape(t["label"])}</label> '
            f'<input type="date" id="qms-in-force-date" value="{escape(day)}" required></p>'
            f'<p class="qms-in-force-answer">{escape(t["answer"])} '
            f'<strong id="qms-in-force-day">{escape(fmt_date(day, lang))}</strong></p>'
            f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table '
            f'id="qms-in-force-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f"</tbody></table></div></div>"
            f'<script type="application/json" id="qms-in-force-data">{payload}</script></div>')


JS = r"""// The in-force register's date field (qms_docs/history/picker.py): the version of each
// document in force on the chosen day, from the data built into the page. Same rule as
// `qms in-force`: a version is in force from its effective date to the day before the next.
(function () {
  "use strict";
  var root = document.getElementById("qms-in-force");
  var src = document.getElementById("qms-in-force-data");
  if (!root || !src) { return; }
  var data = JSON.parse(src.textContent);
  var input = document.getElementById("qms-in-force-date");
  var body = root.querySelector("#qms-in-force-table tbody");
  var shown = document.getElementById("qms-in-force-day");
  function fmt(iso) {
    if (!iso) { return "\u2014"; }
    if (data.lang === "en") { return iso; }
    return iso.slice(8, 10) + "." + iso.slice(5, 7) + "." + iso.slice(0, 4);
  }
  function pick(vs, day) {
    for (var i = 0; i < vs.length; i++) {
      if (vs[i].from <= day && (!vs[i].to || day <= vs[i].to)) { return vs[i]; }
    }
    var last = vs[vs.length - 1];
    if (last.withdrawn && day >= last.withdrawn) { return last; }
    return day < vs[0].from ? vs[0] : null;
  }
  function state(v, day) {
    if (day < v.from) { return "future"; }
    if (v.withdrawn && day >= v.withdrawn) { return "withdrawn"; }
    if (v.to && day > v.to) { return "obsolete"; }
    return "in-force";
  }
  function cell(tr, text, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
  }
  function render() {
    var day = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { return; }
    body.textContent = "";
    data.documents.forEach(function (d) {
      var v = pick(d.versions, day);
      if (!v) { return; }
      var tr = document.createElement("tr");
      cell(tr, d.code, v.href);
      cell(tr, d.title);
      cell(tr, v.label);
      cell(tr, String(v.revision));
      cell(tr, fmt(v.from));
      cell(tr, fmt(v.to));
      cell(tr, data.status[state(v, day)].replace("{d}", fmt(v.from)));
      body.appendChild(tr);
    });
    shown.textContent = fmt(day);
  }
  input.addEventListener("change", render);
  input.addEventListener("input", render);
  if (input.value) { render(); }
}());
"""


def script() -> bytes:
    return JS.encode("utf-8")
