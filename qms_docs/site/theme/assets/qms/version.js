/* qms-docs: banner on frozen releases (mike) that are not the version aliased "latest", and on
   maintenance releases (which never are). Working builds carry their own banner (main.html).
   No-op when there is no ../versions.json (plain build, file://, local serve). */
(function () {
  "use strict";
  function siteBase() {
    var el = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }
  function show(text, href, latest) {
    if (document.querySelector(".qms-outdated")) return;
    var bar = document.createElement("div");
    bar.className = "qms-outdated";
    bar.setAttribute("role", "alert");
    var parts = text.split("{latest}");
    bar.appendChild(document.createTextNode(parts[0]));
    var a = document.createElement("a");
    a.href = href;
    a.textContent = latest;
    bar.appendChild(a);
    bar.appendChild(document.createTextNode(parts.slice(1).join("")));
    document.body.insertBefore(bar, document.body.firstChild);
  }
  function check() {
    var base = siteBase();
    var current = decodeURIComponent(base.pathname.replace(/\/$/, "").split("/").pop() || "");
    if (!current || location.protocol === "file:") return;
    var kind = document.querySelector('meta[name="qms:kind"]');
    kind = kind ? kind.content : "release";
    if (kind === "working") return;
    var meta = document.querySelector('meta[name="qms:' +
                                      (kind === "maintenance" ? "maintenance" : "outdated") + '"]');
    var text = meta ? meta.content : "Outdated version: superseded by {latest}";
    fetch(new URL("../versions.json", base), { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (versions) {
        if (!Array.isArray(versions)) return;
        var latest = versions.filter(function (v) {
          return (v.aliases || []).indexOf("latest") >= 0;
        })[0];
        if (!latest) return;
        var here = versions.filter(function (v) {
          return v.version === current || (v.aliases || []).indexOf(current) >= 0;
        })[0];
        if (!here || here.version === latest.version) return;
        show(text, new URL("../" + encodeURIComponent(latest.version) + "/", base).href,
             latest.title || latest.version);
      })
      .catch(function () { /* no versions.json: not a mike deployment */ });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
