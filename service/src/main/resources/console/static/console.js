// pdshield console: deadline countdowns and colour swatches. No inline script anywhere (CSP).
(function () {
  function fmt(ms) {
    var late = ms < 0, a = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(a / 86400), h = Math.floor(a / 3600) % 24, m = Math.floor(a / 60) % 60, s = a % 60;
    var t = d + "d " + String(h).padStart(2, "0") + "h " + String(m).padStart(2, "0") + "m " + String(s).padStart(2, "0") + "s";
    return late ? "-" + t : t;
  }
  function tick() {
    document.querySelectorAll(".countdown[data-due]").forEach(function (el) {
      var due = Number(el.getAttribute("data-due"));
      var ms = due - Date.now();
      el.textContent = fmt(ms);
      el.classList.toggle("late", ms < 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-color]").forEach(function (el) {
      var c = el.getAttribute("data-color");
      if (/^#[0-9a-f]{6}$/i.test(c)) {
        if (el.tagName === "MARK") el.style.borderBottomColor = c; else el.style.background = c;
      }
    });
    tick();
    setInterval(tick, 1000);
  });
})();
