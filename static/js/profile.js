// Progressive enhancements for the profile form; every field works without this script.
(function () {
  "use strict";

  // Pre-select the browser's time zone when the person has not chosen one yet.
  function detectTimezone() {
    var select = document.getElementById("f-timezone");
    if (!select || select.dataset.saved) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && select.querySelector('option[value="' + CSS.escape(zone) + '"]')) {
      select.value = zone;
      var hint = document.getElementById("f-timezone-detected");
      if (hint) hint.hidden = false;
    }
  }

  // Comma-separated tag fields: suggest completions for the tag being typed, keeping earlier ones.
  function enhanceTagInput(input) {
    var source = document.getElementById(input.dataset.suggestions);
    if (!source) return;
    var labels = Array.prototype.map.call(source.options, function (option) { return option.value; });
    var list = document.createElement("datalist");
    list.id = input.id + "-completions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    input.addEventListener("input", function () {
      var parts = input.value.split(",");
      var current = parts.pop().trim().toLowerCase();
      var prefix = parts.map(function (p) { return p.trim(); }).filter(Boolean);
      var chosen = prefix.map(function (p) { return p.toLowerCase(); });
      list.replaceChildren();
      if (!current) return;
      labels.filter(function (label) {
        return label.toLowerCase().indexOf(current) !== -1 && chosen.indexOf(label.toLowerCase()) === -1;
      }).slice(0, 12).forEach(function (label) {
        var option = document.createElement("option");
        option.value = prefix.concat([label]).join(", ");
        list.appendChild(option);
      });
    });
  }

  function init() {
    detectTimezone();
    document.querySelectorAll("input[data-suggestions]").forEach(enhanceTagInput);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
