// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 62rem)");

  // The menu is a <details>: open it on wide screens for browsers that cannot style its content.
  function fitMenu() {
    document.querySelectorAll("details.site-menu").forEach(function (menu) {
      if (wide.matches) { menu.open = true; }
    });
  }

  // One open group at a time; a click elsewhere or Escape closes it.
  function closeGroups(except) {
    document.querySelectorAll(".nav-group details[open]").forEach(function (group) {
      if (group !== except) { group.open = false; }
    });
  }

  // A live "n of max characters" line under each long text field that has a maxlength.
  function addCounter(field) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var template = document.body.getAttribute("data-counter-text") || "{count} / {max}";
    var counter = document.createElement("span");
    counter.className = "char-counter";
    counter.id = (field.id || field.name) + "-counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    function update() {
      counter.textContent = template.replace("{count}", field.value.length).replace("{max}", max);
      counter.classList.toggle("near-limit", field.value.length > max * 0.9);
    }
    field.addEventListener("input", update);
    update();
  }

  function init() {
    fitMenu();
    wide.addEventListener("change", fitMenu);
    document.addEventListener("click", function (event) {
      closeGroups(event.target.closest && event.target.closest(".nav-group details"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { closeGroups(null); }
    });
    document.querySelectorAll("textarea[maxlength]").forEach(addCounter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
