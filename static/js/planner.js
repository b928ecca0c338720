// The check-in planner: as the time changes, each other member's clock beside it follows.
// Without this script the server's text stays right for the time it filled in or was sent.
(function () {
  "use strict";

  // Minutes a zone is ahead of UTC at an instant.
  function offset(instant, zone) {
    var fields = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric"
    }).formatToParts(instant).forEach(function (part) { fields[part.type] = part.value; });
    var wall = Date.UTC(+fields.year, +fields.month - 1, +fields.day, +fields.hour % 24, +fields.minute);
    return (wall - Math.floor(instant.getTime() / 60000) * 60000) / 60000;
  }

  // "2026-03-03T09:00" read on a zone's clock, as an instant (null when it is no such value).
  function instantOf(value, zone) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    if (!m) return null;
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var guess = wall - offset(new Date(wall), zone) * 60000;
    return new Date(wall - offset(new Date(guess), zone) * 60000);
  }

  // "Tuesday 3 March, 17:00", as the server writes it.
  function full(instant, zone) {
    var p = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", weekday: "long", day: "numeric", month: "long",
      hour: "2-digit", minute: "2-digit"
    }).formatToParts(instant).forEach(function (part) { p[part.type] = part.value; });
    return p.weekday + " " + p.day + " " + p.month + ", " + p.hour + ":" + p.minute;
  }

  // Whether a meeting from the instant falls outside working hours (weekdays, start to end) in a zone.
  function outside(instant, zone, minutes, start, end) {
    var wall = new Date(instant.getTime() + offset(instant, zone) * 60000);
    var finish = new Date(instant.getTime() + minutes * 60000);
    var length = (finish.getTime() + offset(finish, zone) * 60000 - wall.getTime()) / 60000;
    var day = wall.getUTCDay();
    var from = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    return day === 0 || day === 6 || from < start * 60 || from + length > end * 60;
  }

  function follow(field) {
    var input = field.querySelector('input[type="datetime-local"]');
    var list = field.querySelector(".other-clocks");
    var duration = document.getElementById("f-duration_minutes");
    if (!input || !list) return;
    function update() {
      var instant = instantOf(input.value, field.dataset.zone);
      list.hidden = !instant;
      if (!instant) return;
      var minutes = duration && +duration.value >= 10 && +duration.value <= 480 ? +duration.value : 45;
      Array.prototype.forEach.call(list.querySelectorAll("li[data-zone]"), function (item) {
        var zone = item.dataset.zone;
        item.querySelector(".clock-text").textContent = list.dataset.pattern
          .replace("{time}", full(instant, zone)).replace("{name}", item.dataset.name).replace("{zone}", zone);
        item.querySelector(".clock-outside").hidden =
          !outside(instant, zone, minutes, +list.dataset.start, +list.dataset.end);
      });
    }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    if (duration) duration.addEventListener("input", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-planner]"), follow);
  });
})();
