// Autocomplete for the search boxes: asks /api/entities and lists the hits; Enter opens the first (or chosen) hit.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.id + "-hits");
    if (!list) return;
    var timer = null, hits = [], active = -1, seq = 0;
    function render() {
      list.innerHTML = "";
      hits.forEach(function (h, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        if (i === active) li.className = "active";
        var a = document.createElement("a");
        a.href = h.url;
        a.textContent = h.label;
        li.appendChild(a);
        var small = document.createElement("small");
        small.textContent = " " + (h.matched !== h.label ? "(" + h.matched + ") " : "") + (h.description || h.type || "");
        li.appendChild(small);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
    }
    function lookup() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { hits = []; render(); return; }
      fetch("/api/entities?limit=8&q=" + encodeURIComponent(q), {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {hits: []}; })
        .then(function (data) { if (mine === seq) { hits = data.hits || []; active = -1; render(); } })
        .catch(function () { hits = []; render(); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && hits.length) { active = (active + 1) % hits.length; render(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && hits.length) { active = (active - 1 + hits.length) % hits.length; render(); e.preventDefault(); }
      else if (e.key === "Escape") { hits = []; render(); }
    });
    input.form.addEventListener("submit", function (e) {
      var pick = hits[active >= 0 ? active : 0];
      if (pick) { e.preventDefault(); window.location.href = pick.url; }
    });
  }
  document.querySelectorAll("input[type=search]").forEach(attach);
})();
