"""Search that ignores Romanian diacritics ("sedinta" finds "ședință").

Material builds its lunr index in the browser (in a web worker), with lunr.ro's pipeline for
`lang: ro`. We put a folding step (NFD, drop combining marks: ă â î ș ş ț ţ -> a a i s s t t)
in front of that pipeline for the index and the query, and fold query terms where lunr's query
lexer cuts them (Material compares those terms with index terms on its own). It is done by
serving lunr.ro.min.js as Material's own file followed by a few lines of ours, which run in
the worker. The displayed text is unchanged.
"""

from __future__ import annotations

LUNR_RO = "assets/javascripts/lunr/min/lunr.ro.min.js"

FOLD_JS = r"""
;/* qms-docs: fold diacritics in the lunr.ro pipelines (index and query) */
(function () {
  if (typeof lunr === "undefined" || !lunr.ro || lunr.ro.qmsFolded) return;
  var marks = /[\u0300-\u036f]/g;
  var plain = function (s) { return String(s).normalize("NFD").replace(marks, ""); };
  var fold = function (token) { return token.update(plain); };
  // Query terms: Material matches them against index terms itself (to keep only results
  // with every term), before and apart from the lunr pipeline, so fold them at the lexer.
  var slice = lunr.QueryLexer.prototype.sliceString;
  lunr.QueryLexer.prototype.sliceString = function () {
    return plain(slice.apply(this, arguments));
  };
  lunr.Pipeline.registerFunction(fold, "qmsFold");
  var original = lunr.ro;
  var wrapped = function () {
    original.apply(this, arguments);
    this.pipeline._stack.unshift(fold);
    if (this.searchPipeline) this.searchPipeline._stack.unshift(fold);
  };
  for (var key in original) {
    if (Object.prototype.hasOwnProperty.call(original, key)) wrapped[key] = original[key];
  }
  wrapped.qmsFolded = true;
  lunr.ro = wrapped;
})();
"""


def folded_lunr_ro(original: bytes) -> bytes:
    return original.rstrip() + b"\n" + FOLD_JS.encode()
